/** Bounds on uploaded spreadsheets, defined once per kind of upload (security issue #11). The reader
 * refuses a sheet beyond its kind's rows × columns before building it, the table check refuses a matrix
 * beyond the table-check bound, and the server's upload worker stops a parse that runs past its kind's
 * time limit. Pure data and message text: the server, the commands and the web app read the same
 * figures. */
import { columnLetter } from './framework/table.ts';

export type UploadKind =
  'tableCheck' | 'unitImport' | 'resultImport' | 'frameworkImport' | 'ballotImport' | 'targetImport';

export interface UploadLimit {
  /** What the upload is for, in Vietnamese, as it ends a sentence: "… cho kiểm tra bảng kết quả". */
  label: string;
  /** Last row a sheet may use (the header included), and the last column. */
  maxRows: number;
  maxColumns: number;
  /** Cells the reader builds (rows × their width): what the worker's memory pays for. A table can be
   * long or wide within the bounds above, not both. */
  maxCells: number;
  /** Reading (and, for the table check, checking) one file in the upload worker; past it the worker is
   * stopped and the upload refused. */
  timeLimitMs: number;
}

export const UPLOAD_LIMITS: Readonly<Record<UploadKind, Readonly<UploadLimit>>> = {
  tableCheck: {
    label: 'kiểm tra bảng kết quả',
    maxRows: 50_000,
    maxColumns: 200,
    maxCells: 2_000_000,
    timeLimitMs: 30_000,
  },
  // imports: 20 000 rows; a results import has one column per criterion, hence the wider bound
  unitImport: {
    label: 'nhập cây đơn vị',
    maxRows: 20_000,
    maxColumns: 500,
    maxCells: 2_000_000,
    timeLimitMs: 30_000,
  },
  resultImport: {
    label: 'nhập kết quả',
    maxRows: 20_000,
    maxColumns: 500,
    maxCells: 2_000_000,
    timeLimitMs: 30_000,
  },
  frameworkImport: {
    label: 'nhập bộ tiêu chí',
    maxRows: 20_000,
    maxColumns: 500,
    maxCells: 2_000_000,
    timeLimitMs: 30_000,
  },
  // 200 000 ballots of the citizen form (5 fixed columns + 24 questions) fit: 200 000 × 30 cells
  ballotImport: {
    label: 'nhập phiếu khảo sát',
    maxRows: 200_000,
    maxColumns: 100,
    maxCells: 6_000_000,
    timeLimitMs: 120_000,
  },
  // survey targets: one row per unit × service field
  targetImport: {
    label: 'nhập số giao dịch (N) của đợt khảo sát',
    maxRows: 20_000,
    maxColumns: 50,
    maxCells: 1_000_000,
    timeLimitMs: 30_000,
  },
};

/** A zip-based upload (.xlsx) may expand to at most this many times UPLOAD_MAX_MB in total … */
export const ZIP_MAX_EXPANSION_FACTOR = 20;
/** … and at most this ratio of uncompressed to compressed bytes (over the whole archive). */
export const ZIP_MAX_RATIO = 100;

const num = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
/** 50000 → "50.000". */
export const formatCount = (n: number) => num.format(n);
/** Bytes → "400 MB" (or "0,3 MB" below one). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return mb >= 1
    ? `${num.format(Math.round(mb))} MB`
    : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(mb)} MB`;
}

/** The start shared by every refusal for size, so that users recognise it. */
export const TOO_LARGE = 'Tệp quá lớn hoặc quá phức tạp để đọc';

/** "vượt giới hạn 50.000 dòng × 200 cột cho kiểm tra bảng kết quả". */
export function boundText(limit: UploadLimit): string {
  return `vượt giới hạn ${formatCount(limit.maxRows)} dòng × ${formatCount(limit.maxColumns)} cột cho ${limit.label}`;
}

/** The refusal of a sheet (or CSV) whose values reach row `rows` and column `columns`, past `limit`;
 * `where` names it: 'trang tính "Kết quả"', 'tệp CSV'. */
export function sheetTooLargeMessage(
  limit: UploadLimit,
  where: string,
  rows: number,
  columns: number,
): string {
  const parts: string[] = [];
  if (rows > limit.maxRows) parts.push(`đến dòng ${formatCount(rows)}`);
  if (columns > limit.maxColumns)
    parts.push(`đến cột ${columnLetter(columns - 1)} (cột thứ ${formatCount(columns)})`);
  return `${TOO_LARGE}: ${where} có dữ liệu ${parts.join(' và ')}, ${boundText(limit)}.`;
}

/** The refusal of a sheet (or CSV) holding more cells than its kind allows. */
export function tooManyCellsMessage(limit: UploadLimit, where: string): string {
  return `${TOO_LARGE}: ${where} có hơn ${formatCount(limit.maxCells)} ô (số dòng × số cột), vượt giới hạn cho ${limit.label}; hãy tách thành nhiều tệp nhỏ hơn.`;
}
