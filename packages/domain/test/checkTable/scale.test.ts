/** Security issue #11, finding 2: the table check was quadratic (ranks by filtering every row, flags
 * recomputed per call) and cubic without maxima (every pair of printed ranks compared); a 20 000-row
 * table took 457 s. These tests replay it and check the fast rank check gives what the pairwise one
 * gave. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTable, TableTooLargeError } from '../../src/checkTable/index.ts';
import { UPLOAD_LIMITS } from '../../src/uploadLimits.ts';
import { rankFindings, type RankEntry } from '../../src/checkTable/ranks.ts';
import { pairwiseRankFindings } from './reference.ts';

const HEADERS = [
  'Đơn vị',
  'Điểm thẩm định (65)',
  'Điều tra XHH',
  'Tổng điểm',
  'Chỉ số (%)',
  'Xếp hạng',
  'Tăng/giảm',
] as const;

/** A random small table: few distinct values and ranks, so that ties, split ties and inversions are
 * frequent; some cells empty, not applicable or unreadable. */
const cell = (choices: string[]) => fc.constantFrom(...choices);
const rowArb = fc.tuple(
  cell(['40', '50', '50', '60,5', '', 'x']),
  cell(['30/35', '20/35', '30', '31,5/35', '', '20/abc']),
  cell(['80', '90,5', '70', '', 'abc']),
  cell(['80', '90,5', '81', '', '70,25']),
  cell(['1', '2', '2', '3', '', 'hạng 4', 'x', '0']),
  cell(['1', '-2', '+5', '', '0,5', '?']),
);
const tableArb = fc.record({
  rows: fc.array(rowArb, { minLength: 0, maxLength: 14 }),
  // drop some columns: maxima unknown everywhere, no stated rank, ...
  keep: fc.subarray([1, 2, 3, 4, 5, 6], { minLength: 1 }),
  transpose: fc.boolean(),
});

function build(t: { rows: string[][]; keep: number[] }): string[][] {
  const cols = [0, ...t.keep];
  const header = cols.map((c) => HEADERS[c]!);
  return [header, ...t.rows.map((r, i) => cols.map((c) => (c === 0 ? `Đơn vị ${i + 1}` : r[c - 1]!)))];
}

const entriesArb = fc.array(
  fc.record({ value: fc.integer({ min: 0, max: 6 }), rank: fc.integer({ min: 1, max: 5 }) }),
  { maxLength: 16 },
);

describe('table check at scale', () => {
  it('the fast rank check gives exactly what the pairwise check gave, in the same order', () => {
    fc.assert(
      fc.property(entriesArb, (xs) => {
        const e: RankEntry<number>[] = xs.map((x, i) => ({ row: i, ...x }));
        const fast = rankFindings(e).map(([k, a, b]) => [k, a.row, b.row]);
        const slow = pairwiseRankFindings(e).map(([k, a, b]) => [k, a.row, b.row]);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 3000 },
    );
  });

  it('on random tables: findings name rows of the table and come from checks made', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const m = build(t);
        const matrix = t.transpose ? m[0]!.map((_, c) => m.map((r) => r[c]!)) : m;
        const r = checkTable(matrix, { transpose: t.transpose });
        const made = Object.values(r.checks).reduce((a, b) => a + b, 0);
        if (r.findings.length) expect(made).toBeGreaterThan(0);
        for (const f of r.findings.filter((x) => x.code === 'RANK_MISMATCH'))
          expect(r.rows.map((x) => x.label)).toContain(f.row);
      }),
      { numRuns: 1000 },
    );
  });

  it('the same on tables where every printed rank is the same and nothing has a maximum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 }))),
        (xs) => {
          const m = [['Tỉnh', 'Điểm', 'Xếp hạng'], ...xs.map(([v, r], i) => [`T${i}`, String(v), String(r)])];
          const e: RankEntry<string>[] = xs.map(([v, r], i) => ({ row: `T${i}`, value: v, rank: r }));
          const expected = pairwiseRankFindings(e).map(([, a, b]) => [a.row, b.row]);
          const got = checkTable(m).findings.filter((f) => f.code === 'RANK_MISMATCH');
          expect(got).toHaveLength(expected.length);
          for (const [f, [a, b]] of got.map((g, i) => [g, expected[i]!] as const))
            expect([a, b]).toContain(f.row);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('checks 20 000 rows (the replayed table) with ranks by sorting and every rank finding', () => {
    const n = 20_000;
    // every unit printed with rank 1 and no maxima: the worst case of the pairwise check
    const m = [['Đơn vị', 'Điểm', 'Tổng điểm', 'Xếp hạng']];
    for (let i = 0; i < n; i++) m.push([`Đơn vị ${i}`, String(n - i), String(n - i), '1']);
    const r = checkTable(m);
    expect(r.rows).toHaveLength(n);
    expect(r.rows[0]!.rank).toBe(1);
    expect(r.rows[n - 1]!.rank).toBe(n);
    // the first row (highest) shares rank 1 with every lower row: each of them is reported once
    expect(r.findings).toHaveLength(n - 1);
    expect(r.findings.every((f) => f.code === 'RANK_MISMATCH')).toBe(true);
    expect(r.findings[0]!.message).toMatch(
      /^Đơn vị 1 có tổng điểm \S+ thấp hơn Đơn vị 0 \(\S+\) nhưng cùng xếp hạng 1\.$/,
    );
    expect(r.findings[n - 2]!.row).toBe(`Đơn vị ${n - 1}`);
  });

  it('20 000 rows with maxima, ranks shuffled: the same figures as a direct count', () => {
    const n = 20_000;
    let seed = 7;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    const m = [['Đơn vị', 'A (50)', 'B (50)', 'Tổng điểm', 'Chỉ số', 'Xếp hạng']];
    for (let i = 0; i < n; i++) {
      const a = rnd(5001);
      const b = rnd(5001);
      m.push([
        `Đơn vị ${i}`,
        String(a / 100),
        String(b / 100),
        String((a + b) / 100),
        '',
        String(1 + rnd(n)),
      ]);
    }
    const r = checkTable(m);
    const totals = r.rows.map((x) => x.total!);
    const sorted = [...totals].sort((x, y) => y - x);
    // rank = 1 + number of strictly higher totals (the maxima are equal, so the index orders alike)
    for (const i of [0, 1, 777, 19_999]) expect(r.rows[i]!.rank).toBe(1 + sorted.indexOf(totals[i]!));
    expect(r.findings.filter((f) => f.code === 'RANK_MISMATCH').length).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.code === 'TOTAL_MISMATCH')).toEqual([]);
  });

  it('refuses a table past the bound, naming it', () => {
    const max = UPLOAD_LIMITS.tableCheck.maxRows;
    const m = Array.from({ length: max + 1 }, (_, i) => [`Đơn vị ${i}`, '1']);
    expect(() => checkTable(m)).toThrow(TableTooLargeError);
    expect(() => checkTable(m)).toThrow(/vượt giới hạn 50\.000 dòng × 200 cột cho kiểm tra bảng kết quả/);
    const wide = [Array.from({ length: 201 }, (_, i) => `Cột ${i}`)];
    expect(() => checkTable(wide)).toThrow(/đến cột GS \(cột thứ 201\)/);
  });
});
