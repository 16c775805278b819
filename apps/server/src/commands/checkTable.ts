/** `check-table FILE [--transpose] [--max N] [--json]`: check a published results table (CSV or XLSX).
 * Exit code 0 whenever the table was read, whatever it found or could not check; 2 for a missing or
 * unreadable file or a wrong option. The JSON carries the same counts as the text. */
import fs from 'node:fs';
import path from 'node:path';
import { FINDING_LABELS, summaryLines, type CheckResult } from '@chiso/domain/checkTable/index';
import { formatPoints } from '@chiso/domain/points';
import { AppError } from '../errors.ts';
import { checkUpload, parseMax } from '../modules/checks/service.ts';

const USAGE = 'Cách dùng: npm run chiso -- check-table TỆP [--transpose] [--max N] [--json]';

export function renderReport(file: string, r: CheckResult): string[] {
  const out: string[] = [];
  out.push(`Kiểm tra bảng kết quả: ${path.basename(file)}`);
  out.push(
    `${r.rows.length} dòng, ${r.columns.filter((c) => c.role === 'component').length} cột điểm thành phần` +
      (r.transposed ? ' (bảng có đơn vị hoặc năm theo cột, đã xoay lại để kiểm tra).' : '.'),
  );
  out.push('');
  const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
  const dash = (v: string | null) => v ?? '—';
  out.push(
    `${pad('Đơn vị / năm', 28)} ${pad('Tổng', 8)} ${pad('Tối đa', 8)} ${pad('Chỉ số', 8)} ${pad('Hạng', 5)} Tăng/giảm`,
  );
  for (const row of r.rows) {
    const total = row.total === null ? null : formatPoints(row.total);
    const max = row.maxTotal === null ? null : formatPoints(row.maxTotal);
    const index = row.index === null ? null : formatPoints(row.index, { fixed: true });
    const change = row.change === null ? null : formatPoints(row.change);
    out.push(
      `${pad(row.label, 28)} ${pad(dash(total), 8)} ${pad(dash(max), 8)} ${pad(dash(index), 8)} ${pad(row.rank === null ? '—' : String(row.rank), 5)} ${dash(change)}`,
    );
  }
  if (r.mean.total !== null)
    out.push(
      `Trung bình: tổng ${formatPoints(r.mean.total)}${r.mean.index !== null ? `, chỉ số ${formatPoints(r.mean.index, { fixed: true })}` : ''}`,
    );
  out.push('');
  const s = summaryLines(r);
  out.push(s.checked);
  for (const line of s.notChecked) out.push(`  - ${line}`);
  out.push('');
  out.push(s.verdict.replace(/\.$/, r.findings.length ? ':' : '.'));
  for (const f of r.findings) out.push(`  [${f.code}] ${FINDING_LABELS[f.code]}: ${f.message}`);
  if (r.notes.length) {
    out.push('');
    out.push('Ghi chú:');
    for (const n of r.notes)
      out.push(`  - ${[n.row, n.column].filter((x) => x).join(' / ') || 'Bảng'}: ${n.message}`);
  }
  return out;
}

/** The value of `--max N` or `--max=N`. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1] ?? '';
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export async function runCheckTable(args: string[], out: (line: string) => void): Promise<number> {
  const maxText = option(args, '--max');
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--max');
  if (!file) {
    out(USAGE);
    return 2;
  }
  let max: number | null;
  try {
    max = parseMax(maxText);
  } catch (e) {
    out(e instanceof AppError ? e.message : USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) {
    out(`Không tìm thấy tệp "${file}".`);
    return 2;
  }
  let r: CheckResult;
  try {
    // read and checked in the upload worker, within the table check's bounds (as the route)
    r = await checkUpload(fs.readFileSync(file), path.basename(file), {
      transpose: args.includes('--transpose'),
      max,
    });
  } catch (e) {
    out(e instanceof AppError ? e.message : `Không đọc được tệp "${file}".`);
    return 2;
  }
  if (args.includes('--json')) out(JSON.stringify({ file: path.basename(file), ...r }, null, 2));
  else for (const l of renderReport(file, r)) out(l);
  return 0;
}
