import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checkTable } from '../../src/checkTable/index.ts';
import { formatPoints } from '../../src/points.ts';

const seed004 = parse(
  fs.readFileSync(path.join(import.meta.dirname, 'fixtures/seed004-table.csv'), 'utf8'),
) as string[][];

describe('check-table on seed 004 (Hà Quảng, 2020 → 2021)', () => {
  const r = checkTable(seed004, { transpose: true });

  it('recomputes the totals 74,56 and 79,5 and the change 4,94', () => {
    expect(r.rows.map((x) => x.label)).toEqual(['Năm 2020', 'Năm 2021']);
    expect(r.rows.map((x) => formatPoints(x.total!))).toEqual(['74,56', '79,5']);
    expect(formatPoints(r.rows[1]!.change!)).toBe('4,94');
    expect(r.rows.map((x) => formatPoints(x.maxTotal!))).toEqual(['90', '99']);
  });

  it('finds exactly the two errors of the published document', () => {
    expect(r.findings.map((f) => [f.code, f.row, f.column])).toEqual([
      ['SCORE_EXCEEDS_MAX', 'Năm 2020', 'Cải cách thủ tục hành chính'],
      ['CHANGE_MISMATCH', 'Năm 2021', 'Tăng/giảm'],
    ]);
    expect(r.findings[0]!.message).toBe(
      'Năm 2020 — "Cải cách thủ tục hành chính": 18 điểm vượt điểm tối đa 15.',
    );
    expect(r.findings[1]!.message).toBe('Năm 2021 — mức tăng/giảm ghi 5,04 nhưng 79,5 − 74,56 = 4,94.');
  });
});

const T = (rows: string[][]) => checkTable(rows);

describe('check-table rules', () => {
  it('reads maxima from headers, checks totals and indexes with half-unit tolerance', () => {
    const r = T([
      ['Đơn vị', 'Điểm thẩm định (65)', 'Điều tra XHH (35)', 'Tổng điểm', 'Chỉ số (%)'],
      ['Sở A', '60,5', '30', '90,5', '90,5'],
      ['Sở B', '50', '30', '80', '81'],
      ['Sở C', '40.25', '30', '70.4', '70,25'],
      ['Sở D', '40', '30', '70', '70'],
    ]);
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([
      ['INDEX_MISMATCH', 'Sở B'],
      ['TOTAL_MISMATCH', 'Sở C'],
    ]);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    expect(formatPoints(r.mean.index!, { fixed: true })).toBe('77,69');
  });

  it('a total printed with fewer decimals passes when within half a unit', () => {
    const r = T([
      ['Đơn vị', 'A (10)', 'Tổng'],
      ['X', '7,82', '7,8'],
      ['Y', '7,82', '8'],
    ]);
    expect(r.findings).toEqual([]);
    const r2 = T([
      ['Đơn vị', 'A (10)', 'Tổng'],
      ['X', '7,82', '7,7'],
    ]);
    expect(r2.findings.map((f) => f.code)).toEqual(['TOTAL_MISMATCH']);
  });

  it('ranks: ties share a rank, the next skips; a higher index with a worse rank or a split tie is reported; partial ranks may skip', () => {
    const r = T([
      ['Tỉnh', 'Điểm (100)', 'Xếp hạng'],
      ['A', '90', '3'],
      ['B', '85', '5'],
      ['C', '85', '7'],
      ['D', '92', '9'],
    ]);
    expect(r.rows.map((x) => x.rank)).toEqual([2, 3, 3, 1]);
    const codes = r.findings.map((f) => [f.code, f.row]);
    expect(codes).toContainEqual(['RANK_MISMATCH', 'C']); // tie split
    expect(codes).toContainEqual(['RANK_MISMATCH', 'D']); // higher value, worse rank
    expect(codes).not.toContainEqual(['RANK_MISMATCH', 'A']);
    expect(codes).not.toContainEqual(['RANK_MISMATCH', 'B']);
  });

  it('never caps: an excess is reported and kept in the total', () => {
    const r = T([
      ['Đơn vị', 'A (10)', 'B (5)', 'Tổng điểm'],
      ['X', '11', '5', '16'],
    ]);
    expect(r.findings.map((f) => f.code)).toEqual(['SCORE_EXCEEDS_MAX']);
    expect(r.rows[0]!.total).toBe(1600);
  });

  it('rows with missing values are checked as far as they go and noted', () => {
    const r = T([
      ['Đơn vị', 'A (10)', 'B (5)', 'Tổng điểm', 'Tăng/giảm'],
      ['2022', '8', '', '12', ''],
      ['2023', '9', '4', '13', '1'],
    ]);
    expect(r.findings).toEqual([]);
    expect(r.notes.some((n) => n.row === '2022' && n.column === 'B (5)')).toBe(true);
    // 2022's total cannot be recomputed; the change is checked against its stated total (13 − 12)
    expect(r.notChecked).toEqual([
      { kind: 'sums', reason: 'thiếu điểm thành phần hoặc không đọc được', count: 1 },
    ]);
    expect(r.checks).toMatchObject({ sums: 1, changes: 1 });
  });

  it('an unsigned change printed beside "giảm" matches a decrease', () => {
    const r = T([
      ['Năm', 'A (10)', 'Tăng/giảm'],
      ['2022', '8'],
      ['2023', '6,5', '1,5'],
      ['2024', '7', '-0,5'],
    ]);
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([['CHANGE_MISMATCH', '2024']]);
  });
});
