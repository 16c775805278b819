/**
 * Báo cáo kết quả kiểm tra một bảng kết quả Chỉ số CCHC đã công bố: văn bản (BÁO CÁO theo NĐ 30, bảng
 * tính lại ở phụ lục khổ ngang) và sổ Excel (trang "Bảng tính lại" với số thật, trang "Sai sót",
 * trang "Ghi chú"). Điểm là số nguyên phần trăm điểm; in ra bằng formatPoints (dấu phẩy thập phân).
 */
import {
  FINDING_LABELS,
  formatPoints,
  summaryLines,
  type Block,
  type CheckResult,
  type ColumnInfo,
  type Finding,
  type FindingCode,
  type OfficialDocument,
  type RowResult,
} from '@chiso/domain';
import { addSheet, newWorkbook, workbookBuffer, type CellIn, type ColumnSpec } from '../../lib/xlsx.ts';
import { resolveMeta, type DocumentMetaInput } from './frameworkDecision.ts';

export const REPORT_SUMMARY = 'Kết quả kiểm tra bảng kết quả Chỉ số CCHC';
export const SHEET_RECOMPUTED = 'Bảng tính lại';
export const SHEET_FINDINGS = 'Sai sót';
export const SHEET_NOTES = 'Ghi chú';

const pts = (h: number | null) => (h === null ? '' : formatPoints(h));
const pct = (h: number | null) => (h === null ? '' : formatPoints(h, { fixed: true }));

function componentColumns(result: CheckResult): ColumnInfo[] {
  return result.columns.filter((c) => c.role === 'component');
}

/** Cột thành phần cần ghi điểm tối đa theo từng ô (tiêu đề không ghi điểm tối đa, hoặc ô ghi khác). */
function perCellMax(result: CheckResult, col: ColumnInfo, k: number): boolean {
  return result.rows.some((r) => {
    const c = r.components[k];
    return c !== undefined && c.max !== null && c.max !== col.headerMax;
  });
}

function headerWithMax(col: ColumnInfo): string {
  return col.headerMax === null
    ? col.label
    : `${col.label.replace(/\s*\([^)]*\)\s*$/u, '')} (${formatPoints(col.headerMax)})`;
}

/** Dấu đánh dấu ô có sai sót trong phụ lục. */
export const WRONG_CELL_MARK = '(*)';
export const WRONG_CELL_LEGEND =
  'Ô có dấu (*) là ô có sai sót; "ghi …" là số ghi trong bảng được kiểm tra, số đứng trước là số tính lại.';

/** Sai sót theo dòng: mã → cột thành phần (điểm vượt điểm tối đa) hoặc true (cột tổng, chỉ số…). */
function findingsByRow(result: CheckResult): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = out.get(f.row);
    if (list) list.push(f);
    else out.set(f.row, [f]);
  }
  return out;
}

/** Ô tính lại, đánh dấu khi bảng ghi sai: "79,5 (ghi 80) (*)". */
function marked(text: string, wrong: Finding | undefined): string {
  if (!wrong) return text;
  if (wrong.code === 'SCORE_EXCEEDS_MAX') return `${text} ${WRONG_CELL_MARK}`;
  return `${text || '—'} (ghi ${wrong.stated}) ${WRONG_CELL_MARK}`;
}

/** Bảng tính lại dạng chữ, cho văn bản; các ô có sai sót được đánh dấu. */
export function recomputedTable(result: CheckResult): Extract<Block, { kind: 'table' }> {
  const comps = componentColumns(result);
  const perCell = comps.map((c, k) => perCellMax(result, c, k));
  const byRow = findingsByRow(result);
  const rowCells = (r: RowResult, i: number) => {
    const fs = byRow.get(r.label) ?? [];
    const at = (code: FindingCode, column?: string) =>
      fs.find((f) => f.code === code && (column === undefined || f.column === column));
    return [
      String(i + 1),
      r.label,
      ...comps.map((col, k) => {
        const c = r.components[k];
        if (!c || c.points === null) return c?.na ? 'KAD' : '';
        const text =
          perCell[k] && c.max !== null
            ? `${formatPoints(c.points)}/${formatPoints(c.max)}`
            : formatPoints(c.points);
        return marked(text, at('SCORE_EXCEEDS_MAX', col.label));
      }),
      marked(pts(r.total), at('TOTAL_MISMATCH')),
      pts(r.maxTotal),
      marked(pct(r.index), at('INDEX_MISMATCH')),
      marked(r.rank === null ? '' : String(r.rank), at('RANK_MISMATCH')),
      marked(r.change === null ? '' : formatPoints(r.change), at('CHANGE_MISMATCH')),
    ];
  };
  const rows = result.rows.map(rowCells);
  const rowBold = rows.map(() => false);
  if (result.rows.length > 1) {
    rows.push([
      '',
      'Bình quân',
      ...comps.map(() => ''),
      pts(result.mean.total),
      '',
      pct(result.mean.index),
      '',
      '',
    ]);
    rowBold.push(true);
  }
  return {
    kind: 'table',
    columns: [
      { title: 'STT', width: 1.1, align: 'center' },
      { title: 'Đơn vị / năm', width: 3 },
      ...comps.map((c) => ({ title: headerWithMax(c), width: 1.6, align: 'center' as const })),
      { title: 'Tổng điểm (tính lại)', width: 1.4, align: 'center' },
      { title: 'Điểm tối đa', width: 1.2, align: 'center' },
      { title: 'Chỉ số (%)', width: 1.2, align: 'center' },
      { title: 'Hạng', width: 1.1, align: 'center' },
      { title: 'Tăng/giảm', width: 1.2, align: 'center' },
    ],
    rows,
    rowBold,
  };
}

function findingsTable(result: CheckResult): Extract<Block, { kind: 'table' }> {
  return {
    kind: 'table',
    columns: [
      { title: 'STT', width: 1.1, align: 'center' },
      { title: 'Loại sai sót', width: 2.8 },
      { title: 'Ghi trong bảng', width: 1.6, align: 'center' },
      { title: 'Tính lại', width: 1.6, align: 'center' },
      { title: 'Nội dung', width: 5.5 },
    ],
    rows: result.findings.map((f, i) => [
      String(i + 1),
      FINDING_LABELS[f.code],
      f.stated,
      f.expected,
      f.message,
    ]),
  };
}

/** Văn bản BÁO CÁO kết quả kiểm tra. */
export function checkReportDocument(
  fileName: string,
  result: CheckResult,
  input: DocumentMetaInput = {},
  now = new Date(),
): OfficialDocument {
  const meta = resolveMeta(input, 'BC', now);
  const n = result.findings.length;
  const summary = summaryLines(result);
  const body: Block[] = [
    { kind: 'heading', text: 'I. THÔNG TIN CHUNG', level: 1 },
    {
      kind: 'paragraph',
      text:
        `Tệp được kiểm tra: ${fileName}. Bảng có ${result.rows.length} dòng dữ liệu và ` +
        `${componentColumns(result).length} cột điểm thành phần. Tổng điểm, chỉ số, thứ hạng và mức ` +
        'tăng/giảm được tính lại từ điểm thành phần ghi trong bảng; tổng điểm là tổng cộng đúng các ' +
        'điểm thành phần (không giới hạn theo điểm tối đa). Bảng tính lại ở Phụ lục kèm theo.' +
        (result.transposed ? ' Bảng có đơn vị hoặc năm theo cột nên đã được xoay lại để kiểm tra.' : ''),
    },
    { kind: 'paragraph', text: summary.checked },
  ];
  if (summary.notChecked.length) body.push({ kind: 'bullets', items: summary.notChecked });
  if (result.mean.total !== null) {
    body.push({
      kind: 'paragraph',
      text:
        `Tổng điểm bình quân: ${formatPoints(result.mean.total)}` +
        (result.mean.index === null ? '.' : `; chỉ số bình quân: ${pct(result.mean.index)}%.`),
    });
  }
  body.push({ kind: 'heading', text: 'II. SAI SÓT PHÁT HIỆN', level: 1 });
  if (n === 0) {
    // never "no error" when nothing could be checked
    body.push({ kind: 'paragraph', text: summary.verdict });
  } else {
    const counts = new Map<string, number>();
    for (const f of result.findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
    body.push({
      kind: 'paragraph',
      text: `Phát hiện ${n} sai sót: ${[...counts].map(([code, k]) => `${FINDING_LABELS[code as keyof typeof FINDING_LABELS].toLocaleLowerCase('vi')}: ${k}`).join('; ')}.`,
    });
    body.push(findingsTable(result));
  }
  if (result.notes.length > 0) {
    body.push({ kind: 'heading', text: 'III. GHI CHÚ KHI ĐỌC BẢNG', level: 1 });
    body.push({
      kind: 'bullets',
      items: result.notes.map((note) =>
        [note.row, note.column].filter((s) => s).length
          ? `${[note.row, note.column].filter((s) => s).join(' — ')}: ${note.message}`
          : note.message,
      ),
    });
  }
  return {
    issuingParent: meta.issuingParent,
    issuingBody: meta.issuingBody,
    number: meta.number,
    symbol: meta.symbol,
    place: meta.place,
    date: meta.date,
    type: 'BÁO CÁO',
    summary: REPORT_SUMMARY,
    body,
    recipients: meta.recipients?.length ? meta.recipients : ['Lưu: VT'],
    signature: {
      authority: meta.signer.authority,
      position: meta.signer.position,
      name: meta.signer.name,
      rank: meta.signer.rank,
    },
    annexes: [
      {
        title: 'BẢNG KẾT QUẢ TÍNH LẠI',
        subtitle: `(Tệp ${fileName})`,
        landscape: true,
        body: [
          recomputedTable(result),
          ...(n > 0 ? [{ kind: 'paragraph' as const, text: WRONG_CELL_LEGEND, italic: true }] : []),
        ],
      },
    ],
  };
}

/** Sổ Excel của báo cáo: "Bảng tính lại" (điểm là số thật), "Sai sót", "Ghi chú". */
export async function checkReportXlsx(fileName: string, result: CheckResult): Promise<Buffer> {
  const comps = componentColumns(result);
  const perCell = comps.map((c, k) => perCellMax(result, c, k));
  const columns: ColumnSpec[] = [
    { header: 'STT', width: 6, type: 'int' },
    { header: 'Đơn vị / năm', width: 30 },
  ];
  comps.forEach((c, k) => {
    columns.push({ header: headerWithMax(c), width: 16, type: 'points' });
    if (perCell[k]) columns.push({ header: `${c.label} — điểm tối đa`, width: 14, type: 'points' });
  });
  columns.push(
    { header: 'Tổng điểm (tính lại)', width: 14, type: 'points' },
    { header: 'Điểm tối đa', width: 12, type: 'points' },
    { header: 'Chỉ số (%)', width: 12, type: 'percent' },
    { header: 'Hạng', width: 8, type: 'int' },
    { header: 'Tăng/giảm', width: 12, type: 'points' },
    { header: 'Tổng điểm ghi trong bảng', width: 14 },
    { header: 'Chỉ số ghi trong bảng', width: 14 },
    { header: 'Hạng ghi trong bảng', width: 12 },
    { header: 'Tăng/giảm ghi trong bảng', width: 14 },
    { header: 'Sai sót ở dòng này', width: 40 },
  );
  const byRow = findingsByRow(result);
  const rows: CellIn[][] = result.rows.map((r, i) => {
    const cells: CellIn[] = [i + 1, r.label];
    comps.forEach((_, k) => {
      const c = r.components[k];
      cells.push(c?.points ?? null);
      if (perCell[k]) cells.push(c?.max ?? null);
    });
    cells.push(
      r.total,
      r.maxTotal,
      r.index,
      r.rank,
      r.change,
      r.stated.total,
      r.stated.index,
      r.stated.rank,
      r.stated.change,
      [...new Set((byRow.get(r.label) ?? []).map((f) => FINDING_LABELS[f.code]))].join('; '),
    );
    return cells;
  });
  if (result.rows.length > 1) {
    const blanks = comps.reduce((n, _, k) => n + (perCell[k] ? 2 : 1), 0);
    rows.push([
      null,
      'Bình quân',
      ...Array<CellIn>(blanks).fill(null),
      result.mean.total,
      null,
      result.mean.index,
    ]);
  }
  const title = [REPORT_SUMMARY.toLocaleUpperCase('vi'), `Tệp ${fileName}`];
  const wb = newWorkbook();
  addSheet(wb, { name: SHEET_RECOMPUTED, title, columns }, rows);
  addSheet(
    wb,
    {
      name: SHEET_FINDINGS,
      title,
      columns: [
        { header: 'STT', width: 6, type: 'int' },
        { header: 'Mã', width: 20 },
        { header: 'Loại sai sót', width: 26 },
        { header: 'Dòng', width: 24 },
        { header: 'Cột', width: 24 },
        { header: 'Ghi trong bảng', width: 14 },
        { header: 'Tính lại', width: 14 },
        { header: 'Nội dung', width: 80 },
      ],
    },
    result.findings.map((f, i) => [
      i + 1,
      f.code,
      FINDING_LABELS[f.code],
      f.row,
      f.column,
      f.stated,
      f.expected,
      f.message,
    ]),
  );
  addSheet(
    wb,
    {
      name: SHEET_NOTES,
      title,
      columns: [
        { header: 'STT', width: 6, type: 'int' },
        { header: 'Dòng', width: 24 },
        { header: 'Cột', width: 24 },
        { header: 'Nội dung', width: 80 },
      ],
    },
    result.notes.map((note, i) => [i + 1, note.row, note.column, note.message]),
  );
  return workbookBuffer(wb);
}
