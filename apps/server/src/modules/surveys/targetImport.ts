/** The transactions of the period (N) per unit × field, from Excel: a template with the campaign's
 * pairs (unit code, unit name, field code, field name, N), and its import, all or nothing, with the
 * errors named by row and column in Vietnamese. An imported N sets n = ⌈N/(1+N·e²)⌉ unless n was
 * typed; a pair not yet in the campaign is added. */
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { requireInScope, type Actor } from '../auth/actor.ts';
import { newWorkbook, addSheet, workbookBuffer } from '../../lib/xlsx.ts';
import { lockForChange, storedTargets, writeTargets } from './campaignEdit.ts';
import * as repo from './repository.ts';
import { pairKey, targetOf, newLinkToken, type ResolvedTarget } from './targets.ts';

export const TARGET_COLUMNS = ['Mã đơn vị', 'Tên đơn vị', 'Mã lĩnh vực', 'Tên lĩnh vực', 'Số giao dịch (N)'];
const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const MAX_ERRORS = 50;

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

/** "1.234", "1 234" or "1234" → 1234; anything else → null. */
function parseCount(text: string): number | null {
  const t = text.trim();
  const plain = /^\d{1,3}([. ]\d{3})+$/.test(t) ? t.replace(/[. ]/g, '') : t;
  if (!/^\d{1,9}$/.test(plain)) return null;
  return Number(plain);
}

export class SurveyTargetImportService {
  constructor(private db: Db) {}

  /** The template, filled with the campaign's pairs and their N. */
  async template(actor: Actor, id: string) {
    const j = await repo.getCampaign(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'survey.manage', j.ownerPath);
    const fieldName = new Map(j.c.fields.map((f) => [f.code, f.name]));
    const rows = (await repo.targetsOf(this.db, id)).map((t) => [
      t.unitCode,
      t.unitName,
      t.t.fieldCode,
      fieldName.get(t.t.fieldCode) ?? '',
      t.t.transactions,
    ]);
    const wb = newWorkbook();
    addSheet(
      wb,
      {
        name: 'Số giao dịch',
        columns: TARGET_COLUMNS.map((header, i) => ({
          header,
          width: [14, 44, 14, 40, 18][i],
          type: i === 4 ? 'int' : 'text',
        })),
      },
      rows,
    );
    return { name: `So-giao-dich-${j.c.code}`, body: await workbookBuffer(wb) };
  }

  /** Imports N from the rows of the first sheet (row 1: headers). Nothing changes when one row is wrong. */
  async importRows(actor: Actor, id: string, rows: string[][], fileName: string) {
    return this.db.transaction(async (tx) => {
      const j = await lockForChange(tx, actor, id, undefined, 'targets');
      const errors: ImportError[] = [];
      const fail = (row: number, col: number, message: string) => {
        if (errors.length < MAX_ERRORS)
          errors.push({ row, column: `${LETTERS[col]} (${TARGET_COLUMNS[col]})`, message });
      };
      const body = rows
        .slice(1)
        .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c ?? '').trim()) }));
      const filled = body.filter((r) => r.cells.some((c) => c !== ''));
      const units = new Map(
        (
          await repo.openUnitsByCodes(tx, [...new Set(filled.map((r) => r.cells[0] ?? '').filter(Boolean))])
        ).map((u) => [u.code, u]),
      );
      const fields = new Set(j.c.fields.map((f) => f.code));
      const seen = new Map<string, number>();
      const values: { unit: { id: string; name: string; path: string }; fieldCode: string; n: number }[] = [];
      for (const { row, cells } of filled) {
        const [unitCode = '', , fieldCode = '', , nText = ''] = cells;
        const unit = units.get(unitCode);
        let ok = true;
        const bad = (col: number, message: string) => {
          ok = false;
          fail(row, col, message);
        };
        if (!unitCode) bad(0, 'chưa có mã đơn vị.');
        else if (!unit) bad(0, `không có đơn vị đang hoạt động mã "${unitCode}".`);
        else if (!unit.path.startsWith(j.ownerPath)) bad(0, `${unit.name} không thuộc ${j.ownerName}.`);
        if (!fieldCode) bad(2, 'chưa có mã lĩnh vực.');
        else if (!fields.has(fieldCode)) bad(2, `lĩnh vực "${fieldCode}" không có trong đợt khảo sát.`);
        if (nText === '') continue;
        const n = parseCount(nText);
        if (n === null) bad(4, `"${nText}" không phải là số nguyên không âm.`);
        if (!ok || !unit || n === null) continue;
        const key = pairKey(unit.id, fieldCode);
        const first = seen.get(key);
        if (first !== undefined) {
          fail(row, 0, `${unit.name} × "${fieldCode}" đã có ở dòng ${first}.`);
          continue;
        }
        seen.set(key, row);
        values.push({ unit, fieldCode, n });
      }
      if (errors.length) {
        const listed = errors
          .slice(0, 5)
          .map((e) => `Dòng ${e.row}, cột ${e.column}: ${e.message}`)
          .join(' ');
        throw new AppError(
          'SURVEY_CAMPAIGN_INVALID',
          `Tệp ${fileName} có lỗi, chưa nhập dòng nào. ${listed}`,
          {
            errors,
          },
        );
      }
      if (!values.length)
        throw new AppError(
          'SURVEY_CAMPAIGN_INVALID',
          `Tệp ${fileName} không có dòng nào ghi số giao dịch (N).`,
        );
      const before = await storedTargets(tx, id);
      const after: ResolvedTarget[] = before.map((t) => ({ ...t }));
      const at = new Map(after.map((t) => [pairKey(t.unitId, t.fieldCode), t]));
      const margin = j.c.settings.marginPercent;
      for (const v of values) {
        const t = at.get(pairKey(v.unit.id, v.fieldCode));
        if (t) {
          t.transactions = v.n;
          if (t.targetSource !== 'typed') {
            const f = targetOf({ transactions: v.n }, margin);
            t.target = f.target;
            t.targetSource = f.source;
          }
        } else {
          const f = targetOf({ transactions: v.n }, margin);
          after.push({
            unitId: v.unit.id,
            unitName: v.unit.name,
            unitPath: v.unit.path,
            fieldCode: v.fieldCode,
            transactions: v.n,
            target: f.target,
            targetSource: f.source,
            linkToken: newLinkToken(),
          });
        }
      }
      return writeTargets(tx, actor, j, before, after, 'survey.targets.import', {
        file: fileName,
        rows: values.length,
      });
    });
  }
}
