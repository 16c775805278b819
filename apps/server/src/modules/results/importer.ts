/** Import a sheet of results (units in rows, criterion codes in the header, the template's revision
 * column): all rows or none, each written through the one writer of results. */
import { columnLetter, formatLeafInput, parseLeafInput, searchKey, type LeafInput } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { scopeIsEmpty } from '../auth/scope.ts';
import { compiledFor } from '../frameworks/compiled.ts';
import { listUnits, type UnitRow } from '../units/service.ts';
import * as repo from './repository.ts';
import {
  auditWrite,
  beforeWrite,
  checkYear,
  chooseOwner,
  entryCriteria,
  loadFramework,
  requireNoCycle,
  requireOneVersion,
  REVISION_HEADER,
  type StoredResult,
} from './rules.ts';
import { writeResults, type Mode, type RankSet } from './writer.ts';

export class ResultImportService {
  constructor(private db: Db) {}

  /** Import a sheet of results (units in rows, criterion codes in the header): all rows or none.
   * A row that changes an existing result must carry the revision it was made from (the template's
   * "Phiên bản" column) and the import then needs a reason, as a correction by hand does; a row
   * whose criterion cells are all empty leaves its unit as it is. */
  async importRows(
    actor: Actor,
    frameworkId: string,
    year: number,
    mode: Mode,
    rows: string[][],
    opts: { ownerUnitId?: string | undefined; reason?: string | undefined } = {},
  ) {
    const scope = scopeOf(actor, 'result.write');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const { row, fw } = await loadFramework(this.db, frameworkId, { forWrite: true });
    checkYear(fw, year);
    const errors: { row: number; column: string; message: string }[] = [];
    const invalid = () => new AppError('IMPORT_INVALID', undefined, { errors });
    const h = rows.findIndex((r) => searchKey(r[0] ?? '') === 'ma don vi');
    if (h < 0) {
      errors.push({ row: 1, column: 'A', message: 'Không tìm thấy dòng tiêu đề bắt đầu bằng “Mã đơn vị”.' });
      throw invalid();
    }
    const crit = new Map(entryCriteria(fw, mode).map((c) => [c.code, c]));
    const header = rows[h]!;
    let revisionCol = -1;
    const colCode: (string | null)[] = header.map((cell, i) => {
      if (i < 2) return null;
      if (searchKey(cell ?? '').startsWith(searchKey(REVISION_HEADER))) {
        revisionCol = i;
        return null;
      }
      const code = (cell ?? '').trim().split(/[\s—–-]+/)[0] ?? '';
      if (!code) return null;
      if (!crit.has(code)) {
        errors.push({
          row: h + 1,
          column: columnLetter(i),
          message: `“${code}” không phải mã tiêu chí của bộ tiêu chí.`,
        });
        return null;
      }
      return code;
    });
    if (!errors.length && !colCode.some((c) => c !== null))
      errors.push({
        row: h + 1,
        column: columnLetter(2),
        message: `Không có cột tiêu chí nào: tiêu đề mỗi cột điểm bắt đầu bằng mã ${mode === 'fields' ? 'lĩnh vực' : 'tiêu chí'} (như trong tệp mẫu).`,
      });
    if (errors.length) throw invalid();
    const all = await listUnits(this.db, scope, { includeClosed: false, words: [] });
    const byCode = new Map(all.map((u) => [searchKey(u.code), u]));
    interface Planned {
      line: number;
      unit: UnitRow;
      inputs: Record<string, LeafInput>;
      revision: number | null;
    }
    const parsed: Planned[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (let r = h + 1; r < rows.length; r++) {
      const cells = rows[r]!;
      if (cells.every((v) => !(v ?? '').trim())) continue;
      const code = (cells[0] ?? '').trim();
      // a unit outside the writer's scope is "not found": its name is not disclosed
      const unit = byCode.get(searchKey(code));
      if (!unit) {
        errors.push({
          row: r + 1,
          column: 'A',
          message: `Không có đơn vị đang hoạt động mã “${code}” trong phạm vi bạn được nhập kết quả.`,
        });
        continue;
      }
      if (fw.appliesTo.length && !fw.appliesTo.includes(unit.kind)) {
        errors.push({
          row: r + 1,
          column: 'A',
          message: `Bộ tiêu chí không áp dụng cho đơn vị “${unit.name}”.`,
        });
        continue;
      }
      if (seen.has(unit.id)) {
        errors.push({ row: r + 1, column: 'A', message: `Đơn vị “${unit.name}” xuất hiện hai lần.` });
        continue;
      }
      seen.add(unit.id);
      if (colCode.every((cc, i) => !cc || !(cells[i] ?? '').trim())) {
        skipped++;
        continue;
      }
      const inputs: Record<string, LeafInput> = {};
      colCode.forEach((cc, i) => {
        if (!cc) return;
        const text = (cells[i] ?? '').trim();
        const p = parseLeafInput(crit.get(cc)!, text);
        if (p.error !== undefined) errors.push({ row: r + 1, column: columnLetter(i), message: p.error });
        else if (p.input) inputs[cc] = p.input;
      });
      let revision: number | null = null;
      const revText = revisionCol >= 0 ? (cells[revisionCol] ?? '').trim() : '';
      if (revText) {
        if (!/^\d{1,9}$/.test(revText))
          errors.push({
            row: r + 1,
            column: columnLetter(revisionCol),
            message: `“${revText}” không phải số phiên bản.`,
          });
        else revision = Number(revText);
      }
      parsed.push({ line: r + 1, unit, inputs, revision });
    }
    if (errors.length) throw invalid();
    const c = compiledFor(row.f.id, fw, mode);
    const reason = opts.reason?.trim() || null;
    const outcome = await this.db.transaction(async (tx) => {
      // plan: the owner of each result's set, what changes; then lock every set touched, in order
      const plans: (Planned & {
        owner: UnitRow;
        found: Awaited<ReturnType<typeof repo.getResult>>;
      })[] = [];
      for (const p of parsed) {
        const found = await repo.getResult(tx, row.f.id, year, p.unit.id);
        try {
          if (found?.r.cycleId)
            throw new AppError(
              'RESULT_FROM_CYCLE',
              `Kết quả của “${p.unit.name}” thuộc kỳ đánh giá; chỉ sửa bằng quyết định sửa đổi.`,
            );
          await requireOneVersion(tx, row, year, p.unit);
          const owner = await chooseOwner(
            tx,
            actor,
            p.unit,
            row.f.code,
            year,
            opts.ownerUnitId,
            found?.r.ownerUnitId,
          );
          if (found) {
            if (p.revision === null)
              throw new AppError(
                'RESULT_CONFLICT',
                `“${p.unit.name}” đã có kết quả (phiên bản ${found.r.revision}): sửa bằng tệp mẫu mới tải, có cột “${REVISION_HEADER}”.`,
              );
            if (p.revision !== found.r.revision)
              throw new AppError(
                'RESULT_CONFLICT',
                `Kết quả của “${p.unit.name}” đã được sửa sau khi tải tệp mẫu (phiên bản hiện tại ${found.r.revision}, tệp ghi ${p.revision}): tải lại tệp mẫu.`,
              );
          }
          plans.push({ ...p, owner, found });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          errors.push({ row: p.line, column: 'A', message: e.message });
        }
      }
      if (errors.length) throw invalid();
      const changed = await Promise.all(
        plans.map(async (p) => {
          if (!p.found) return true;
          if (p.found.r.mode !== mode || p.found.r.ownerUnitId !== p.owner.id) return true;
          const old = new Map(
            (await repo.inputsOf(tx, p.found.r.id)).map((i) => [
              i.code,
              formatLeafInput(i.input as LeafInput),
            ]),
          );
          const now = Object.entries(p.inputs);
          return old.size !== now.length || now.some(([k, v]) => old.get(k) !== formatLeafInput(v));
        }),
      );
      const writes = plans.filter((_, i) => changed[i]);
      const corrections = writes.filter((p) => p.found);
      if (corrections.length && !reason)
        throw new AppError(
          'REASON_REQUIRED',
          `Tệp sửa kết quả đã có của ${corrections.length} đơn vị (${corrections
            .slice(0, 3)
            .map((p) => p.unit.name)
            .join(', ')}${corrections.length > 3 ? '…' : ''}): cần ghi lý do.`,
        );
      const sets = new Map<string, RankSet>();
      for (const p of writes) {
        sets.set(p.owner.id, { ownerUnitId: p.owner.id, frameworkCode: row.f.code, year });
        if (p.found)
          sets.set(p.found.r.ownerUnitId, {
            ownerUnitId: p.found.r.ownerUnitId,
            frameworkCode: row.f.code,
            year,
          });
      }
      await repo.lockRankSets(tx, [...sets.values()]);
      // a cycle made while the file was being planned holds its set: checked again under the lock
      for (const p of writes)
        await requireNoCycle(tx, { ownerUnitId: p.owner.id, frameworkCode: row.f.code, year }, p.owner.name);
      const stored: { existing: StoredResult | undefined; before: unknown }[] = [];
      for (const p of writes) {
        const existing = await repo.getResult(tx, row.f.id, year, p.unit.id);
        if ((existing?.r.revision ?? null) !== (p.found?.r.revision ?? null))
          throw new AppError(
            'RESULT_CONFLICT',
            `Kết quả của “${p.unit.name}” vừa được người khác sửa: tải lại tệp mẫu.`,
          );
        stored.push({ existing, before: existing ? await beforeWrite(tx, existing) : null });
      }
      const written = await writeResults(
        tx,
        writes.map((p, i) => {
          const existing = stored[i]!.existing;
          return {
            frameworkId: row.f.id,
            year,
            unitId: p.unit.id,
            compiled: c,
            mode,
            source: 'imported' as const,
            ownerUnitId: p.owner.id,
            inputs: p.inputs,
            existing: existing ? { id: existing.r.id, revision: existing.r.revision } : null,
            updatedBy: actor.id,
          };
        }),
        [...sets.values()],
      );
      for (const [i, p] of writes.entries())
        await auditWrite(tx, actor, {
          resultId: written[i]!.id,
          row,
          year,
          unit: p.unit,
          owner: p.owner,
          mode,
          inputs: p.inputs,
          res: written[i]!.res,
          before: stored[i]!.before,
          reason: reason ?? 'Nhập kết quả từ tệp',
        });
      return { saved: writes.length, unchanged: plans.length - writes.length };
    });
    return { ...outcome, skipped };
  }
}
