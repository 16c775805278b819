/** Read a spreadsheet upload (.xlsx or .csv) into rows of trimmed strings. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { cellText } from './xlsx.ts';

export async function readTabular(buf: Buffer, filename: string): Promise<string[][]> {
  const lower = filename.toLowerCase();
  const isZip = buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b;
  try {
    if (lower.endsWith('.xlsx') || isZip) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new AppError('FILE_UNREADABLE', 'Tệp Excel không có trang tính nào.');
      const rows: string[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        const cells: string[] = [];
        for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
        rows[n - 1] = cells;
      });
      return Array.from(rows, (r) => r ?? []);
    }
    if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
      let text = buf.toString('utf8');
      if (text.includes('\uFFFD'))
        throw new AppError('FILE_UNREADABLE', 'Tệp CSV phải được lưu với bảng mã UTF-8.');
      text = text.replace(/^\uFEFF/, '');
      const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
      const delimiter =
        (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      const rows = parse(text, {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: false,
        trim: true,
      }) as string[][];
      return rows;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // the reader's own message is English and technical ("Corrupted zip: …"): not shown
    throw new AppError(
      'FILE_UNREADABLE',
      `Không đọc được tệp “${filename}”: tệp hỏng hoặc không phải Excel (.xlsx) hay CSV (UTF-8).`,
    );
  }
  throw new AppError('FILE_UNREADABLE');
}
