/** Read a spreadsheet upload (.xlsx or .csv) into rows of trimmed strings: in the upload worker (never
 * on the event loop), within the bounds of its kind (uploadLimits in the domain). An .xlsx is checked
 * against the zip bounds before exceljs opens it; a sheet or CSV whose values reach past the kind's
 * rows × columns is refused before its rows are built. */
import { parse } from 'csv-parse/sync';
import {
  sheetTooLargeMessage,
  tooManyCellsMessage,
  UPLOAD_LIMITS,
  type UploadKind,
} from '@chiso/domain/uploadLimits';
import { quoteInput } from '@chiso/domain/limits';
import { AppError } from '../errors.ts';
import { readFirstSheetFast } from './fastSheet.ts';
import { runUpload } from './uploadPool.ts';
import { parseWorkbook, type SheetData } from './xlsx.ts';
import { checkZip, isCompoundFile, isZip, ZipUnreadable, type ZipBounds } from './zipGuard.ts';

/** The rows of the upload's first sheet (or of the CSV). */
export async function readTabular(buf: Buffer, fileName: string, kind: UploadKind): Promise<string[][]> {
  return ((await runUpload({ op: 'table', kind, fileName }, buf)) as SheetData).rows;
}

const unreadable = (fileName: string, why: string) =>
  new AppError('FILE_UNREADABLE', `Không đọc được tệp ${quoteInput(fileName)}: ${why}`);

/** A failure to report: what the user reads (Vietnamese) and, apart, what went wrong inside (English
 * library messages, for the log only). */
export class UploadFailure extends Error {
  constructor(
    readonly appError: AppError,
    readonly internal: string,
  ) {
    super(appError.message);
  }
}

/** Parse an upload. Runs in the upload worker. */
export async function parseTable(
  buf: Buffer,
  fileName: string,
  kind: UploadKind,
  zip: ZipBounds,
  firstOnly = true,
): Promise<SheetData[]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || isZip(buf)) {
    if (isCompoundFile(buf))
      throw unreadable(
        fileName,
        'tệp được đặt mật khẩu hoặc là tệp Excel đời cũ (.xls). Hãy bỏ mật khẩu và lưu lại dạng .xlsx.',
      );
    try {
      const entries = await checkZip(buf, zip);
      // large plain ballot files: the fast reader (fastSheet.ts); null sends the file to exceljs
      const fast = kind === 'ballotImport' && firstOnly ? readFirstSheetFast(buf, entries, kind) : null;
      if (fast) return [fast];
      const sheets = await parseWorkbook(buf, kind, firstOnly);
      if (!sheets.length) throw unreadable(fileName, 'tệp Excel không có trang tính nào.');
      return sheets;
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new UploadFailure(
        unreadable(fileName, 'tệp không phải là tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng.'),
        `${e instanceof ZipUnreadable ? 'zip' : 'exceljs'}: ${(e as Error).message}`,
      );
    }
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return [parseCsv(buf, fileName, kind)];
  throw new AppError('FILE_UNREADABLE');
}

function parseCsv(buf: Buffer, fileName: string, kind: UploadKind): SheetData {
  const limit = UPLOAD_LIMITS[kind];
  let text = buf.toString('utf8');
  if (text.includes('\uFFFD')) throw unreadable(fileName, 'tệp CSV phải được lưu với bảng mã UTF-8.');
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let count = 0;
  let cells = 0;
  try {
    const rows = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      // bounded while parsing: past the bound the parse stops, nothing more is built
      on_record: (record: string[]) => {
        count++;
        let width = record.length;
        // trailing empty cells (a spreadsheet's stray separators) do not count against the bound
        while (width > limit.maxColumns && record[width - 1] === '') width--;
        if (count > limit.maxRows || width > limit.maxColumns)
          throw new AppError('FILE_TOO_LARGE', sheetTooLargeMessage(limit, 'tệp CSV', count, width));
        if (width < record.length) record.length = width;
        cells += width;
        if (cells > limit.maxCells)
          throw new AppError('FILE_TOO_LARGE', tooManyCellsMessage(limit, 'tệp CSV'));
        return record;
      },
    }) as string[][];
    return { name: fileName, rows, merges: [] };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const line = (e as { lines?: number }).lines;
    throw new UploadFailure(
      unreadable(fileName, `tệp CSV không đúng định dạng${line ? ` (gần dòng ${line})` : ''}.`),
      `csv-parse: ${(e as Error).message}`,
    );
  }
}
