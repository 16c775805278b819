/** Ballot imports (issue #15, item 4): the .xlsx template of a campaign and the import of a filled
 * one (or a CSV of the same columns). All or nothing: every problem is reported by row and column in
 * Vietnamese and nothing is stored when there is one. The file is read in the upload worker pool
 * (kind `ballotImport`: ≤ 200 000 rows, its own time limit); the rows are stored in one transaction,
 * in chunks, with one `survey_batches` row and ONE audit entry per file; duplicates are flagged once
 * for the campaign afterwards, in the same transaction. */
import { createHash, randomUUID } from 'node:crypto';
import {
  checkBallot,
  formQuestions,
  normalisePhone,
  searchKey,
  type AnswerInput,
  type SurveyForm,
  type SurveyQuestion,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { readTabular } from '../../lib/tabular.ts';
import { addSheet, newWorkbook, workbookBuffer, type CellIn } from '../../lib/xlsx.ts';
import { audit } from '../audit/service.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import * as repo from './repository.ts';
import { campaignForBallots, formOf, requireCollecting, serialTakenMessage } from './service.ts';

const FIXED = [
  { key: 'unit', header: 'Mã đơn vị', width: 14 },
  { key: 'field', header: 'Mã lĩnh vực', width: 12 },
  { key: 'serial', header: 'Số phiếu', width: 12 },
  { key: 'dossier', header: 'Mã hồ sơ', width: 18 },
  { key: 'phone', header: 'Số điện thoại', width: 15 },
] as const;
type FixedKey = (typeof FIXED)[number]['key'];

/** Reported at most; the message says how many there are in all. */
const MAX_ERRORS = 500;

/** "Số điện thoại" → "sodienthoai": headers typed by hand still match. */
const fold = (s: string) => searchKey(s).replace(/[^a-z0-9]/g, '');

/** How a question is answered in a cell, for the template's sheet of questions. */
function howToAnswer(form: SurveyForm, q: SurveyQuestion): string {
  const opts = (q.options ?? []).map((o) => `${o.code} = ${o.label}`).join('; ');
  switch (q.type) {
    case 'scale':
      return `Một số từ 1 đến 5 (${form.scale.map((l, i) => `${i + 1} = ${l}`).join('; ')})`;
    case 'multi':
      return `Một hoặc nhiều mã, cách nhau bởi dấu phẩy: ${opts}`;
    case 'single':
    case 'profile':
      return opts ? `Một mã: ${opts}` : 'Chữ';
    case 'number':
      return `Số nguyên${q.min !== undefined ? ` từ ${q.min}` : ''}${q.max !== undefined ? ` đến ${q.max}` : ''}`;
    case 'text':
      return 'Chữ (không quá 2 000 ký tự)';
  }
}

/** The columns of the template's sheet of ballots: the fixed ones, then one per question (its code). */
export const ballotColumns = (questions: readonly SurveyQuestion[]) => [
  ...FIXED.map((f) => ({ header: f.header, width: f.width, type: 'text' as const })),
  ...questions.map((q) => ({ header: q.code, width: 8, type: 'text' as const })),
];

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

/** "Câu CB3: mức đánh giá phải là một số từ 1 đến 5." → "mức đánh giá phải là một số từ 1 đến 5". */
const issueText = (m: string) => m.replace(/^Câu [^:]+:\s*/, '').replace(/\.$/, '');

export class SurveyBallotImportService {
  constructor(private db: Db) {}

  /** The template: sheet "Phiếu" (the columns to fill), "Câu hỏi" (codes, questions and how to answer),
   * "Đơn vị" (the unit × field codes the reader may enter ballots for). */
  async template(actor: Actor, campaignId: string) {
    const j = await campaignForBallots(this.db, actor, campaignId);
    const form = await formOf(this.db, j.c.formId);
    const questions = formQuestions(form);
    const wb = newWorkbook();
    addSheet(
      wb,
      {
        name: 'Phiếu',
        columns: ballotColumns(questions),
      },
      [],
    );
    addSheet(
      wb,
      {
        name: 'Câu hỏi',
        columns: [
          { header: 'Mã câu hỏi (tên cột)', width: 14 },
          { header: 'Câu hỏi', width: 60 },
          { header: 'Cách ghi câu trả lời', width: 60 },
          { header: 'Bắt buộc', width: 10 },
        ],
      },
      [
        ...FIXED.map((f): CellIn[] => [
          f.header,
          f.key === 'serial'
            ? 'Số phiếu giấy (không trùng trong đợt khảo sát; có thể để trống với kết quả thu thập bên ngoài)'
            : f.key === 'phone'
              ? 'Số điện thoại người trả lời để hậu kiểm (không bắt buộc)'
              : f.key === 'dossier'
                ? 'Mã hồ sơ thủ tục hành chính (không bắt buộc)'
                : 'Xem trang “Đơn vị”',
          f.key === 'phone' ? 'Ví dụ 0912 345 678' : 'Chữ',
          f.key === 'unit' || f.key === 'field' ? 'Có' : '',
        ]),
        ...questions.map((q): CellIn[] => [q.code, q.text, howToAnswer(form, q), q.required ? 'Có' : '']),
      ],
    );
    const enter = scopeOf(actor, 'survey.enter');
    const fieldName = new Map(j.c.fields.map((f) => [f.code, f.name]));
    addSheet(
      wb,
      {
        name: 'Đơn vị',
        columns: [
          { header: 'Mã đơn vị', width: 14 },
          { header: 'Đơn vị', width: 40 },
          { header: 'Mã lĩnh vực', width: 12 },
          { header: 'Lĩnh vực', width: 40 },
        ],
      },
      (await repo.targetsWithCodes(this.db, campaignId))
        .filter((t) => pathInScope(enter, t.unitPath))
        .map((t) => [t.unitCode, t.unitName, t.fieldCode, fieldName.get(t.fieldCode) ?? t.fieldCode]),
    );
    return { name: `Mau nhap phieu ${j.c.code}`, body: await workbookBuffer(wb) };
  }

  async importFile(
    actor: Actor,
    campaignId: string,
    file: { name: string; bytes: Buffer },
    source: string | null,
  ) {
    const j = await campaignForBallots(this.db, actor, campaignId);
    requireCollecting(j.c.status);
    const enter = scopeOf(actor, 'survey.enter');
    if (scopeIsEmpty(enter)) throw new AppError('FORBIDDEN');
    const rows = await readTabular(file.bytes, file.name, 'ballotImport');
    const form = await formOf(this.db, j.c.formId);
    const targets = await repo.targetsWithCodes(this.db, campaignId);
    const { ballots, errors } = parseRows(rows, form, targets, enter);
    if (!errors.length) {
      const taken = await repo.ballotsBySerial(
        this.db,
        campaignId,
        ballots.flatMap((b) => (b.serial ? [b.serial] : [])),
      );
      const rowOf = new Map(ballots.map((b) => [b.serial, b.row]));
      for (const t of taken)
        errors.push({
          row: rowOf.get(t.serial) ?? 0,
          column: 'Số phiếu',
          message: serialTakenMessage(t.serial ?? '', t.createdByName, t.createdAt),
        });
      errors.sort((a, b) => a.row - b.row);
    }
    if (errors.length) {
      const first = errors[0]!;
      const where = first.row ? `Dòng ${first.row}, cột “${first.column}”: ` : '';
      const more = errors.length > 1 ? ' …' : '';
      throw new AppError(
        'IMPORT_INVALID',
        `Tệp có ${errors.length} lỗi; không có dòng nào được nhập. ${where}${first.message}${more}`,
        { errors: errors.slice(0, MAX_ERRORS) },
      );
    }
    const mode: 'import' | 'external' = source ? 'external' : 'import';
    const batchId = randomUUID();
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    return this.db.transaction(async (tx) => {
      await repo.insertBatch(tx, {
        id: batchId,
        campaignId,
        mode,
        source,
        fileName: file.name,
        fileSha256: sha256,
        rows: ballots.length,
        createdBy: actor.id,
      });
      await repo.insertBallots(
        tx,
        { campaignId, mode, batchId, createdBy: actor.id },
        ballots.map((b) => b.row_),
      );
      await repo.flagDuplicates(tx, campaignId);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.ballot.import',
        entity: 'survey_batch',
        entityId: batchId,
        unitId: j.c.ownerUnitId,
        after: { campaign: j.c.code, mode, source, fileName: file.name, sha256, rows: ballots.length },
        reason: null,
      });
      return { batchId, mode, rows: ballots.length, duplicates: await repo.countDuplicates(tx, campaignId) };
    });
  }
}

type Target = Awaited<ReturnType<typeof repo.targetsWithCodes>>[number];

/** Rows of the sheet → checked ballots, or every problem by row (as the sheet numbers it) and column. */
export function parseRows(
  rows: string[][],
  form: SurveyForm,
  targets: Target[],
  enter: ReturnType<typeof scopeOf>,
) {
  const errors: ImportError[] = [];
  const ballots: { row: number; serial: string | null; row_: repo.BulkBallot }[] = [];
  const header = rows[0] ?? [];
  const questions = new Map(formQuestions(form).map((q) => [q.code.toUpperCase(), q.code]));
  const fixedCol = new Map<FixedKey, number>();
  const questionCol: [number, string][] = [];
  header.forEach((h, i) => {
    if (h === '') return;
    const f = FIXED.find((x) => fold(x.header) === fold(h));
    if (f) fixedCol.set(f.key, i);
    else if (questions.has(h.toUpperCase())) questionCol.push([i, questions.get(h.toUpperCase())!]);
    else
      errors.push({
        row: 1,
        column: h,
        message: `“${h}” không phải tên cột của mẫu nhập phiếu (cột cố định hoặc mã câu hỏi của phiếu ${form.code})`,
      });
  });
  for (const f of FIXED)
    if ((f.key === 'unit' || f.key === 'field') && !fixedCol.has(f.key))
      errors.push({ row: 1, column: f.header, message: `thiếu cột “${f.header}”` });
  if (errors.length) return { ballots, errors };
  const byCode = new Map(targets.map((t) => [`${t.unitCode.toUpperCase()}\u0000${t.fieldCode}`, t]));
  const unitCodes = new Set(targets.map((t) => t.unitCode.toUpperCase()));
  const serialRow = new Map<string, number>();
  const cell = (r: string[], k: FixedKey) => {
    const i = fixedCol.get(k);
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (!r.some((c) => c !== '')) continue;
    const row = i + 1;
    const err = (column: string, message: string) => {
      if (errors.length < MAX_ERRORS * 4) errors.push({ row, column, message });
    };
    const unitCode = cell(r, 'unit');
    const fieldCode = cell(r, 'field');
    const t = byCode.get(`${unitCode.toUpperCase()}\u0000${fieldCode}`);
    if (!unitCode) err('Mã đơn vị', 'chưa ghi mã đơn vị');
    else if (!unitCodes.has(unitCode.toUpperCase()))
      err('Mã đơn vị', `đơn vị mã “${unitCode.slice(0, 40)}” không được khảo sát trong đợt này`);
    else if (!t)
      err('Mã lĩnh vực', `lĩnh vực “${fieldCode.slice(0, 40)}” không được khảo sát ở đơn vị ${unitCode}`);
    else if (!pathInScope(enter, t.unitPath)) err('Mã đơn vị', `bạn không được nhập phiếu cho ${t.unitName}`);
    const serial = cell(r, 'serial') || null;
    if (serial && serial.length > 40) err('Số phiếu', 'số phiếu dài quá 40 ký tự');
    else if (serial) {
      const seen = serialRow.get(serial);
      if (seen) err('Số phiếu', `số phiếu “${serial}” trùng với dòng ${seen}`);
      else serialRow.set(serial, row);
    }
    const dossier = cell(r, 'dossier') || null;
    if (dossier && dossier.length > 60) err('Mã hồ sơ', 'mã hồ sơ dài quá 60 ký tự');
    const phoneText = cell(r, 'phone');
    const phone = phoneText ? normalisePhone(phoneText) : null;
    if (phoneText && !phone) err('Số điện thoại', 'số điện thoại không đúng (ví dụ 0912 345 678)');
    const input: AnswerInput = {};
    for (const [c, code] of questionCol) input[code] = r[c] ?? '';
    const checked = checkBallot(form, input);
    if ('issues' in checked) {
      for (const x of checked.issues) err(x.code, issueText(x.message));
      continue;
    }
    if (!t) continue;
    ballots.push({
      row,
      serial,
      row_: {
        unit_id: t.unitId,
        field_code: t.fieldCode,
        ratings: checked.ratings,
        answers: checked.answers,
        serial,
        dossier_no: dossier,
        contact_phone: phone,
      },
    });
  }
  if (!errors.length && !ballots.length)
    errors.push({ row: 2, column: 'Mã đơn vị', message: 'tệp không có phiếu nào' });
  return { ballots, errors };
}
