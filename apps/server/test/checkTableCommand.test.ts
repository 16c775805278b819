import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCheckTable } from '../src/commands/checkTable.ts';
import { tempDir } from './helpers.ts';

const seed = path.resolve(
  import.meta.dirname,
  '../../../packages/domain/test/checkTable/fixtures/seed004-table.csv',
);

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await runCheckTable(args, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('check-table command', () => {
  it('reports the two findings of seed 004 and exits 0', async () => {
    const r = await run([seed, '--transpose']);
    expect(r.code).toBe(0);
    expect(r.text).toContain('Phát hiện 2 sai sót');
    expect(r.text).toContain('[SCORE_EXCEEDS_MAX]');
    expect(r.text).toContain('[CHANGE_MISMATCH]');
    expect(r.text).toMatch(/Năm 2021\s+79,5\s+99\s+80,30\s+—\s+4,94/);
  });

  it('prints JSON with --json', async () => {
    const r = await run([seed, '--transpose', '--json']);
    const j = JSON.parse(r.text) as { findings: { code: string }[]; rows: { total: number }[] };
    expect(j.findings.map((f) => f.code)).toEqual(['SCORE_EXCEEDS_MAX', 'CHANGE_MISMATCH']);
    expect(j.rows.map((x) => x.total)).toEqual([7456, 7950]);
  });

  it('reads an Excel table with numeric cells and "points/max" text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kết quả');
    ws.addRow(['Đơn vị', 'Điểm thẩm định (65)', 'Điều tra XHH', 'Tổng điểm', 'Chỉ số', 'Xếp hạng']);
    ws.addRow(['Sở Nội vụ', 60.25, '30/35', 90.25, 90.25, 1]);
    ws.addRow(['Sở Tư pháp', 55, '31,5/35', 86.5, 86.5, 1]);
    const file = path.join(tempDir('chiso-ct-'), 'bang.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run([file, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.text) as { findings: { code: string; row: string }[] };
    expect(j.findings).toEqual([expect.objectContaining({ code: 'RANK_MISMATCH', row: 'Sở Tư pháp' })]);
  });

  it('exits non-zero only for a missing or unreadable file', async () => {
    expect((await run(['/khong/co/tep.csv'])).code).toBe(2);
    const bad = path.join(tempDir('chiso-ct-'), 'hong.xlsx');
    fs.writeFileSync(bad, 'PK\u0003\u0004garbage');
    const r = await run([bad]);
    expect(r.code).toBe(2);
    expect(r.text).toContain('Không đọc được tệp');
  });
});
