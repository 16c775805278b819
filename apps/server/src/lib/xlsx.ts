/** Excel conventions in one place: a title block, a bold bordered wrapped header row that stays frozen,
 * column widths, points as real numbers with two decimals (Excel shows the decimal comma of the
 * user's Vietnamese locale), dates as dates, and text from users always written as text, so that a
 * value starting with "=", "+", "-" or "@" is never a formula. Small sheets are built in memory;
 * large ones go through the streaming writer, row by row, with the same layout. */
import { PassThrough } from 'node:stream';
import {
  sheetTooLargeMessage,
  tooManyCellsMessage,
  UPLOAD_LIMITS,
  type UploadKind,
} from '@chiso/domain/uploadLimits';
import { quoteInput } from '@chiso/domain/limits';
import { formatDateVi } from '@chiso/domain/text';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { runUpload } from './uploadPool.ts';

export type ColumnType = 'text' | 'points' | 'int' | 'percent' | 'date';

export interface ColumnSpec {
  header: string;
  /** Width in characters. */
  width?: number;
  type?: ColumnType;
}

/** A cell value: text, hundredths for `points`/`percent` (exact integers, shown with two decimals),
 * an integer, a Date, or null. */
export type CellIn = string | number | Date | null | undefined;

export interface SheetSpec {
  /** Vietnamese sheet name (Excel allows 31 characters and no []:*?/\). */
  name: string;
  /** Title block lines above the table (first line bold and larger). */
  title?: string[];
  columns: ColumnSpec[];
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = 'Times New Roman';
const NUM_FMT: Record<ColumnType, string | undefined> = {
  text: '@',
  points: '0.00',
  percent: '0.00',
  int: '0',
  date: 'dd/mm/yyyy',
};

/** A name Excel accepts: forbidden characters replaced, at most 31 characters. */
export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Trang 1';
}

/** Hundredths → the number Excel stores (7,82 → 7.82). The division is exact to the printed
 * digits: 782 / 100 is the double nearest 7.82, which Excel prints as 7,82. */
const hToNumber = (h: number) => h / 100;

function cellValue(type: ColumnType, v: CellIn): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'points':
    case 'percent':
      return typeof v === 'number' ? hToNumber(v) : String(v);
    case 'int':
      return typeof v === 'number' ? v : String(v);
    case 'date':
      return v instanceof Date ? v : String(v);
    default:
      // Always a string cell: exceljs writes strings as shared strings, never as formulas.
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  }
}

type AnySheet = ExcelJS.Worksheet;

function layout(ws: AnySheet, spec: SheetSpec): number {
  const n = spec.columns.length;
  let r = 0;
  for (const [i, line] of (spec.title ?? []).entries()) {
    r++;
    const row = ws.getRow(r);
    row.getCell(1).value = line;
    row.getCell(1).font = { name: FONT, bold: i === 0, size: i === 0 ? 14 : 12, italic: i > 0 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (n > 1) ws.mergeCells(r, 1, r, n);
    if ('commit' in row && typeof row.commit === 'function') row.commit();
  }
  if (spec.title?.length) {
    r++;
    const blank = ws.getRow(r);
    if ('commit' in blank && typeof blank.commit === 'function') blank.commit();
  }
  r++;
  const header = ws.getRow(r);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, bold: true, size: 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  if ('commit' in header && typeof header.commit === 'function') header.commit();
  return r;
}

/** One style object per column, built once and shared by every cell of the column (setting font,
 * border, alignment and format cell by cell made a 10 000-row sheet six times slower). */
function columnStyles(spec: SheetSpec): Partial<ExcelJS.Style>[] {
  return spec.columns.map((c) => {
    const type = c.type ?? 'text';
    const fmt = NUM_FMT[type];
    return {
      font: { name: FONT, size: 12 },
      border: BORDER,
      alignment: { vertical: 'top', wrapText: type === 'text' },
      ...(fmt && type !== 'text' ? { numFmt: fmt } : {}),
    };
  });
}

function fillRow(
  row: ExcelJS.Row,
  spec: SheetSpec,
  styles: Partial<ExcelJS.Style>[],
  values: readonly CellIn[],
) {
  spec.columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = cellValue(c.type ?? 'text', values[i]);
    cell.style = styles[i]!;
  });
}

function sheetOptions(spec: SheetSpec, headerRow: number): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: spec.columns.length > 6 ? 'landscape' : 'portrait',
      fitToWidth: 1,
    },
  };
}

/** Add a sheet to an in-memory workbook. */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec, rows: Iterable<readonly CellIn[]>) {
  const headerRow = (spec.title?.length ? spec.title.length + 1 : 0) + 1;
  const ws = wb.addWorksheet(safeSheetName(spec.name), sheetOptions(spec, headerRow));
  ws.columns = spec.columns.map((c) => ({ width: c.width ?? 14 }));
  let r = layout(ws, spec);
  const styles = columnStyles(spec);
  for (const values of rows) fillRow(ws.getRow(++r), spec, styles, values);
  return ws;
}

/** A sheet whose rows come in sections, each under a bold heading row across the table (a ranking
 * per group: "I. Các cơ quan chuyên môn…", its rows, "II. UBND các xã…", its rows). A section
 * without a heading continues the table. */
export function addSectionedSheet(
  wb: ExcelJS.Workbook,
  spec: SheetSpec,
  sections: Iterable<{ heading: string | null; rows: Iterable<readonly CellIn[]> }>,
) {
  const ws = addSheet(wb, spec, []);
  let r = ws.rowCount;
  const styles = columnStyles(spec);
  const n = spec.columns.length;
  for (const s of sections) {
    if (s.heading) {
      const cell = ws.getRow(++r).getCell(1);
      cell.value = s.heading;
      cell.font = { name: FONT, bold: true, size: 12 };
      cell.border = BORDER;
      if (n > 1) ws.mergeCells(r, 1, r, n);
    }
    for (const values of s.rows) fillRow(ws.getRow(++r), spec, styles, values);
  }
  return ws;
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chiso';
  wb.created = new Date();
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The streaming path for large sheets: rows are committed as they are written and the file is
 * produced without holding the sheet in memory. Returns the complete file. */
export async function streamSheet(spec: SheetSpec, rows: Iterable<readonly CellIn[]>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Chiso';
  const headerRow = (spec.title?.length ? spec.title.length + 1 : 0) + 1;
  const ws = wb.addWorksheet(safeSheetName(spec.name), sheetOptions(spec, headerRow));
  ws.columns = spec.columns.map((c) => ({ width: c.width ?? 14 }));
  let r = layout(ws, spec);
  const styles = columnStyles(spec);
  for (const values of rows) {
    const row = ws.getRow(++r);
    fillRow(row, spec, styles, values);
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** A sheet as read from an upload. Rows keep their position: rows[n - 1] is the sheet's row n (an
 * import reports errors by row number), a row without values is [], a row with values has one cell per
 * column up to the last column holding a value anywhere in the sheet. */
export interface SheetData {
  name: string;
  rows: string[][];
  /** Merged ranges (1-based, inclusive), as the sheet declares them; a merged cell's value is repeated
   * in every cell of its range. Kept so that a reader of two-row merged headers can use them. */
  merges: CellRange[];
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Every sheet of a workbook as rows of trimmed text (numbers as JavaScript prints them: 7.82), read
 * in the upload worker within the bounds of `kind` (zip expansion, rows × columns, time, memory). */
export async function readSheets(
  buf: Buffer,
  kind: UploadKind,
  fileName?: string,
): Promise<Map<string, string[][]>> {
  const sheets = (await runUpload(
    { op: 'workbook', kind, fileName: fileName ?? 'tệp Excel' },
    buf,
  )) as SheetData[];
  return new Map(sheets.map((s) => [s.name, s.rows]));
}

/** Load a workbook that has passed the zip bounds and read its sheets (all, or the first only). Runs in
 * the upload worker. exceljs holds the cells that exist in the file; only rows and cells holding values
 * are visited (never the empty grid between them), the extent is computed once while visiting, and a
 * sheet is refused as soon as a value lies past the kind's bound, before its rows are built. */
export async function parseWorkbook(buf: Buffer, kind: UploadKind, firstOnly: boolean): Promise<SheetData[]> {
  const limit = UPLOAD_LIMITS[kind];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: SheetData[] = [];
  for (const ws of firstOnly ? wb.worksheets.slice(0, 1) : wb.worksheets) {
    const filled: [number, string[]][] = [];
    let lastRow = 0;
    let lastColumn = 0;
    ws.eachRow((row, n) => {
      const cells: string[] = [];
      row.eachCell((cell, c) => {
        const text = cellText(cell.value).trim();
        if (text === '') return;
        if (c > limit.maxColumns || n > limit.maxRows)
          throw new AppError(
            'FILE_TOO_LARGE',
            sheetTooLargeMessage(limit, `trang tính ${quoteInput(ws.name)}`, n, c),
          );
        cells[c - 1] = text;
        if (c > lastColumn) lastColumn = c;
      });
      if (cells.length === 0) return;
      filled.push([n, cells]);
      lastRow = n;
    });
    // the rows are built lastColumn wide: refuse before building what memory cannot hold
    if (filled.length * lastColumn > limit.maxCells)
      throw new AppError('FILE_TOO_LARGE', tooManyCellsMessage(limit, `trang tính ${quoteInput(ws.name)}`));
    const rows: string[][] = Array.from({ length: lastRow }, () => []);
    for (const [n, cells] of filled)
      rows[n - 1] = Array.from({ length: lastColumn }, (_, i) => cells[i] ?? '');
    out.push({ name: ws.name, rows, merges: mergesOf(ws) });
  }
  return out;
}

/** The merged ranges of a sheet (exceljs keeps them by master cell; it has no public list short of
 * building the whole sheet model). */
function mergesOf(ws: ExcelJS.Worksheet): CellRange[] {
  const merges =
    (ws as unknown as { _merges?: Record<string, { model?: Partial<CellRange> }> })._merges ?? {};
  const out: CellRange[] = [];
  for (const m of Object.values(merges)) {
    const { top, left, bottom, right } = m.model ?? {};
    if (top && left && bottom && right) out.push({ top, left, bottom, right });
  }
  return out;
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // a date cell is read as dd/mm/yyyy (ExcelJS gives the day at midnight UTC)
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : formatDateVi(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}
