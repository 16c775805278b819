/** `check-table` on the shipped tables of every shape (packages/domain/test/checkTable/fixtures and
 * test/fixtures/check-table): each error put in is found, the clean tables give no finding, and a
 * table with nothing to recompute says that nothing could be checked, in the text and the JSON. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckTable } from '../src/commands/checkTable.ts';
import { tempDir } from './helpers.ts';

const domainFixture = (f: string) =>
  path.resolve(import.meta.dirname, '../../../packages/domain/test/checkTable/fixtures', f);
const serverFixture = (f: string) => path.resolve(import.meta.dirname, 'fixtures/check-table', f);

interface Json {
  findings: { code: string; row: string; message: string }[];
  rows: { label: string; total: number | null; change: number | null }[];
  checks: Record<string, number>;
  notChecked: { kind: string; reason: string; count: number }[];
}

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await runCheckTable(args, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

async function json(file: string, ...more: string[]): Promise<Json> {
  const r = await run([file, '--json', ...more]);
  expect(r.code).toBe(0);
  return JSON.parse(r.text) as Json;
}

const SHAPES: [string, string, [string, string][]][] = [
  [
    'an STT column',
    domainFixture('stt-components'),
    [
      ['TOTAL_MISMATCH', 'Phòng Tài chính - Kế hoạch'],
      ['INDEX_MISMATCH', 'Phòng Tài chính - Kế hoạch'],
    ],
  ],
  ['a two-row header in CSV', domainFixture('two-row-header'), [['SCORE_EXCEEDS_MAX', 'Xã An Thạnh Đông']]],
  ['index and rank only', domainFixture('index-rank'), [['RANK_MISMATCH', 'Quảng Ninh']]],
  ['two years side by side', domainFixture('two-years'), [['CHANGE_MISMATCH', 'Đông Nam Bộ (năm 2023)']]],
  ['an extract whose ranks skip', domainFixture('extract-skipping'), [['RANK_MISMATCH', 'Tỉnh Bình Giang']]],
];

describe('check-table on the shipped tables', () => {
  for (const [shape, base, expected] of SHAPES)
    it(`${shape}: clean gives no finding, the error put in is found`, async () => {
      const clean = await json(`${base}.csv`);
      expect(clean.findings).toEqual([]);
      expect(Object.values(clean.checks).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      const wrong = await json(`${base}-error.csv`);
      expect(wrong.findings.map((f) => [f.code, f.row])).toEqual(expected);
    });

  it('merged two-row headers in XLSX (a title line above): clean, and an index put wrong', async () => {
    const clean = await json(serverFixture('merged-header.xlsx'));
    expect(clean.findings).toEqual([]);
    expect(clean.rows.map((r) => r.total)).toEqual([8965, 8625, 8310, 8060]);
    expect(clean.checks).toEqual({ sums: 4, indexes: 4, ranks: 4, changes: 0, maxima: 8 });
    const wrong = await json(serverFixture('merged-header-error.xlsx'));
    expect(wrong.findings.map((f) => [f.code, f.row])).toEqual([['INDEX_MISMATCH', 'Phòng Tư pháp']]);
  });

  it('index and rank, first place given to a lower index: RANK_MISMATCH naming both units', async () => {
    const r = await run([domainFixture('index-rank-error.csv')]);
    expect(r.code).toBe(0);
    expect(r.text).toContain(
      '[RANK_MISMATCH] Xếp hạng không nhất quán: Quảng Ninh có chỉ số 92,18 cao hơn Hải Phòng (91,87) nhưng xếp hạng 2, sau hạng 1.',
    );
    expect(r.text).toContain('Đã kiểm tra 5 nội dung: 5 thứ hạng.');
  });

  it('seed 004 gives the same with and without --transpose', async () => {
    for (const more of [[], ['--transpose']]) {
      const j = await json(domainFixture('seed004-table.csv'), ...more);
      expect(j.rows.map((r) => r.total)).toEqual([7456, 7950]);
      expect(j.rows[1]!.change).toBe(494);
      expect(j.findings.map((f) => f.code)).toEqual(['SCORE_EXCEEDS_MAX', 'CHANGE_MISMATCH']);
    }
  });

  it('labels and an index only: nothing could be checked, said in the text and counted in the JSON', async () => {
    const file = domainFixture('labels-index-only.csv');
    const r = await run([file]);
    expect(r.code).toBe(0);
    expect(r.text).toContain('Không kiểm tra được nội dung nào của bảng.');
    expect(r.text).toContain(
      'Không kiểm tra được 3 chỉ số: bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số.',
    );
    expect(r.text).not.toContain('Không phát hiện sai sót');
    const j = await json(file);
    expect(j.checks).toEqual({ sums: 0, indexes: 0, ranks: 0, changes: 0, maxima: 0 });
    expect(j.notChecked).toEqual([
      { kind: 'indexes', reason: 'bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số', count: 3 },
    ]);
  });

  it('--max N: the index is checked as total ÷ N × 100; a wrong N is refused', async () => {
    const file = path.join(tempDir('chiso-ct-max-'), 'tong-diem.csv');
    fs.writeFileSync(file, 'Đơn vị,Tổng điểm,Chỉ số\nHuyện A,45,90\nHuyện B,40,81\n');
    const without = await json(file);
    expect(without.checks.indexes).toBe(0);
    expect(without.notChecked.map((n) => n.kind)).toEqual(['sums', 'indexes']);
    const j = await json(file, '--max', '50');
    expect(j.checks.indexes).toBe(2);
    expect(j.findings.map((f) => [f.code, f.row])).toEqual([['INDEX_MISMATCH', 'Huyện B']]);
    const bad = await run([file, '--max', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.text).toContain('Điểm tối đa của tổng điểm “abc” không hợp lệ');
  });
});
