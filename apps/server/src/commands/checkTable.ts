/** `check-table FILE [--transpose] [--json]`: check a published results table (CSV or XLSX). Exit code
 * 0 whenever the table was read, whatever it found; 2 for a missing or unreadable file. */
import fs from 'node:fs';
import path from 'node:path';
import { FINDING_LABELS, type CheckResult } from '@chiso/domain/checkTable/index';
import { formatPoints } from '@chiso/domain/points';
import { AppError } from '../errors.ts';
import { checkUpload } from '../modules/checks/service.ts';

export function renderReport(file: string, r: CheckResult): string[] {
  const out: string[] = [];
  out.push(`Kiểm tra bảng kết quả: ${path.basename(file)}`);
  out.push(
    `${r.rows.length} dòng, ${r.columns.filter((c) => c.role === 'component').length} cột điểm thành phần.`,
  );
  out.push('');
  const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
  out.push(
    `${pad('Đơn vị / năm', 28)} ${pad('Tổng', 8)} ${pad('Tối đa', 8)} ${pad('Chỉ số', 8)} ${pad('Hạng', 5)} Tăng/giảm`,
  );
  for (const row of r.rows) {
    out.push(
      `${pad(row.label, 28)} ${pad(row.total === null ? '—' : formatPoints(row.total), 8)} ${pad(row.maxTotal === null ? '—' : formatPoints(row.maxTotal), 8)} ${pad(row.index === null ? '—' : formatPoints(row.index, { fixed: true }), 8)} ${pad(row.rank === null ? '—' : String(row.rank), 5)} ${row.change === null ? '—' : formatPoints(row.change)}`,
    );
  }
  if (r.mean.total !== null)
    out.push(
      `Trung bình: tổng ${formatPoints(r.mean.total)}${r.mean.index !== null ? `, chỉ số ${formatPoints(r.mean.index, { fixed: true })}` : ''}`,
    );
  out.push('');
  if (r.findings.length === 0) out.push('Không phát hiện sai sót.');
  else {
    out.push(`Phát hiện ${r.findings.length} sai sót:`);
    for (const f of r.findings) out.push(`  [${f.code}] ${FINDING_LABELS[f.code]}: ${f.message}`);
  }
  if (r.notes.length) {
    out.push('');
    out.push('Ghi chú:');
    for (const n of r.notes) out.push(`  - ${n.row}${n.column ? ` / ${n.column}` : ''}: ${n.message}`);
  }
  return out;
}

export async function runCheckTable(args: string[], out: (line: string) => void): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    out('Cách dùng: npm run chiso -- check-table TỆP [--transpose] [--json]');
    return 2;
  }
  if (!fs.existsSync(file)) {
    out(`Không tìm thấy tệp "${file}".`);
    return 2;
  }
  let r: CheckResult;
  try {
    // read and checked in the upload worker, within the table check's bounds (as the route)
    r = await checkUpload(fs.readFileSync(file), path.basename(file), args.includes('--transpose'));
  } catch (e) {
    out(e instanceof AppError ? e.message : `Không đọc được tệp "${file}".`);
    return 2;
  }
  if (args.includes('--json')) out(JSON.stringify({ file: path.basename(file), ...r }, null, 2));
  else for (const l of renderReport(file, r)) out(l);
  return 0;
}
