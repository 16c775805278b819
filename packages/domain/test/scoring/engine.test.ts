import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Criterion, Framework } from '../../src/framework/types.ts';
import { formatPoints } from '../../src/points.ts';
import { compare, lostPoints, rank } from '../../src/scoring/compare.ts';
import { alignInputs, compile, evaluate, evaluateFast, type LeafInput } from '../../src/scoring/engine.ts';

const P = (s: string) => Math.round(Number(s.replace(',', '.')) * 100); // test helper for literals only

const POLICE_BANDS = [
  { code: 'XUAT_SAC', label: 'Xuất sắc', minIndex: 9500 },
  { code: 'TOT', label: 'Tốt', minIndex: 8000 },
  { code: 'KHA', label: 'Khá', minIndex: 7000 },
  { code: 'HTNV', label: 'Hoàn thành nhiệm vụ', minIndex: 5000 },
  { code: 'KHTNV', label: 'Không hoàn thành nhiệm vụ', minIndex: 0 },
];

function fw(criteria: Criterion[], extra: Partial<Framework> = {}): Framework {
  return {
    code: 'T',
    name: 'Thử',
    yearFrom: 2024,
    legalBasis: [],
    appliesTo: [],
    totalMax: criteria.filter((c) => !c.block).reduce((s, c) => s + c.max, 0),
    bands: POLICE_BANDS,
    criteria,
    ...extra,
  };
}

/** The civil district framework of seed 004 (2021 maxima), one manual leaf per field. */
const CIVIL_2021 = fw(
  [
    ['1', 'Công tác chỉ đạo, điều hành CCHC', 16],
    ['2', 'Xây dựng và tổ chức thực hiện văn bản QPPL', 13],
    ['3', 'Cải cách thủ tục hành chính', 24],
    ['4', 'Cải cách tổ chức bộ máy', 8],
    ['5', 'Cải cách chế độ công vụ', 17],
    ['6', 'Thực hiện cải cách tài chính công', 7],
    ['7', 'Chính quyền điện tử, chính quyền số', 14],
  ].map(([code, title, max]) => ({
    code: code as string,
    title: title as string,
    max: (max as number) * 100,
    rule: { type: 'manual' as const, step: 25 },
  })),
);

describe('engine: seed 004', () => {
  it('Hà Quảng 2021: 79,5 of 99 → index 80,30', () => {
    const c = compile(CIVIL_2021);
    const inputs = Object.fromEntries(
      ['13', '13', '16', '8', '11', '7', '11,5'].map((v, i) => [String(i + 1), { value: P(v) }]),
    );
    const r = evaluate(c, inputs);
    expect(r.total).toBe(7950);
    expect(r.applicableMax).toBe(9900);
    expect(r.index).toBe(8030);
    expect(r.band?.label).toBe('Tốt');
    expect(r.explanation).toBe('Tổng 79,5 = 79,5; chỉ số = 79,5 ÷ 99 × 100 = 80,30 → Tốt.');
    expect(evaluateFast(c, alignInputs(c, inputs))).toEqual({
      total: 7950,
      applicableMax: 9900,
      index: 8030,
    });
    // lost points, largest first (the "mất điểm" of seed 004)
    expect(lostPoints(r).map((l) => [l.code, formatPoints(l.lost)])).toEqual([
      ['3', '8'],
      ['5', '6'],
      ['1', '3'],
      ['7', '2,5'],
    ]);
  });
});

describe('engine: rules', () => {
  const leaf = (rule: Criterion['rule'], max = 1000): Framework => fw([{ code: '1', title: 'A', max, rule }]);
  const pts = (f: Framework, input: LeafInput | undefined) => {
    const r = evaluate(compile(f), { '1': input });
    return { points: r.tree[0]!.points, applicable: r.tree[0]!.applicable, e: r.tree[0]!.explanation, r };
  };

  it.each<[string, Criterion['rule'], LeafInput | undefined, number]>([
    ['manual', { type: 'manual' }, { value: 750 }, 750],
    ['manual above max is clamped and flagged', { type: 'manual' }, { value: 1200 }, 1000],
    ['missing input counts 0', { type: 'manual' }, undefined, 0],
    ['done', { type: 'done' }, { done: true }, 1000],
    ['not done', { type: 'done' }, { done: false }, 0],
    [
      'level',
      {
        type: 'levels',
        levels: [
          { code: 'A', label: 'Tốt', points: 1000 },
          { code: 'B', label: 'Đạt', points: 500 },
        ],
      },
      { level: 'B' },
      500,
    ],
    [
      'level worth more than max is capped',
      { type: 'levels', levels: [{ code: 'A', label: 'Tốt', points: 1500 }] },
      { level: 'A' },
      1000,
    ],
    [
      'tiers: 95 % exactly reaches the 95 % tier',
      {
        type: 'ratio_tiers',
        tiers: [
          { minPercent: 10000, points: 1000 },
          { minPercent: 9500, points: 500 },
          { minPercent: 0, points: 0 },
        ],
      },
      { numerator: 95, denominator: 100 },
      500,
    ],
    [
      'tiers: 94,99 % does not',
      {
        type: 'ratio_tiers',
        tiers: [
          { minPercent: 10000, points: 1000 },
          { minPercent: 9500, points: 500 },
        ],
      },
      { numerator: 9499, denominator: 10000 },
      0,
    ],
    [
      'tiers: 100 %',
      {
        type: 'ratio_tiers',
        tiers: [
          { minPercent: 10000, points: 1000 },
          { minPercent: 9500, points: 500 },
        ],
      },
      { numerator: 7, denominator: 7 },
      1000,
    ],
    ['proportional: 1/3 of 10 → 3,33', { type: 'ratio_proportional' }, { numerator: 1, denominator: 3 }, 333],
    [
      'proportional: 2/3 of 10 → 6,67 (half-up)',
      { type: 'ratio_proportional' },
      { numerator: 2, denominator: 3 },
      667,
    ],
    [
      'proportional with cap 40 %: 20 % → half',
      { type: 'ratio_proportional', capPercent: 4000 },
      { numerator: 20, denominator: 100 },
      500,
    ],
    [
      'proportional with cap 40 %: 45 % → full',
      { type: 'ratio_proportional', capPercent: 4000 },
      { numerator: 45, denominator: 100 },
      1000,
    ],
    [
      'proportional below the floor → 0',
      { type: 'ratio_proportional', floorPercent: 1000 },
      { numerator: 9, denominator: 100 },
      0,
    ],
    ['deduction', { type: 'deduction', start: 1000, perIncident: 250, floor: 0 }, { incidents: 2 }, 500],
    [
      'deduction never below its floor',
      { type: 'deduction', start: 1000, perIncident: 250, floor: 100 },
      { incidents: 9 },
      100,
    ],
    ['survey: 96,40 % of 10 → 9,64', { type: 'survey' }, { surveyIndex: 9640 }, 964],
  ])('%s', (_name, rule, input, expected) => {
    expect(pts(leaf(rule), input).points).toBe(expected);
  });

  it('not applicable leaves leave the denominator; a zero denominator is not applicable by default', () => {
    const f = fw([
      { code: '1', title: 'A', max: 1000, rule: { type: 'manual' } },
      { code: '2', title: 'B', max: 1000, rule: { type: 'ratio_proportional' } },
      { code: '3', title: 'C', max: 1000, rule: { type: 'done' } },
    ]);
    const r = evaluate(compile(f), {
      '1': { value: 800 },
      '2': { numerator: 0, denominator: 0 },
      '3': { na: true },
    });
    expect(r.applicableMax).toBe(1000);
    expect(r.index).toBe(8000);
    expect(r.tree[1]!.explanation.detail).toContain('không áp dụng');
  });

  it('parents sum children bounded by their own maximum, and say so', () => {
    const f = fw([
      {
        code: '1',
        title: 'Nhóm',
        max: 1000,
        children: [
          { code: '1.1', title: 'a', max: 600, rule: { type: 'manual' } },
          { code: '1.2', title: 'b', max: 600, rule: { type: 'manual' } },
        ],
      },
    ]);
    const r = evaluate(compile(f), { '1.1': { value: 600 }, '1.2': { value: 550 } });
    expect(r.tree[0]!.points).toBe(1000);
    expect(r.tree[0]!.explanation.capped).toBe(true);
    expect(r.tree[0]!.explanation.detail).toBe('11,5, giới hạn ở điểm tối đa 10.');
  });

  it('bonus and penalty blocks lie outside the maximum; the total never goes below zero unless allowed', () => {
    const base: Criterion[] = [
      { code: '1', title: 'A', max: 1000, rule: { type: 'manual' } },
      { code: 'T', title: 'Điểm thưởng', max: 200, block: 'bonus', rule: { type: 'manual' } },
      {
        code: 'P',
        title: 'Điểm trừ',
        max: 2000,
        block: 'penalty',
        rule: { type: 'deduction', start: 0, perIncident: -500, floor: 0 },
      },
    ];
    const r = evaluate(compile(fw(base)), { '1': { value: 1000 }, T: { value: 200 } });
    expect([r.total, r.applicableMax, r.index]).toEqual([1200, 1000, 12000]);
    const pen = evaluate(
      compile(
        fw([
          ...base.slice(0, 1),
          { code: 'P', title: 'Trừ', max: 2000, block: 'penalty', rule: { type: 'manual' } },
        ]),
      ),
      { '1': { value: 300 }, P: { value: 1000 } },
    );
    expect(pen.total).toBe(0);
    const neg = evaluate(
      compile(
        fw(
          [
            ...base.slice(0, 1),
            { code: 'P', title: 'Trừ', max: 2000, block: 'penalty', rule: { type: 'manual' } },
          ],
          { allowNegativeTotal: true },
        ),
      ),
      { '1': { value: 300 }, P: { value: 1000 } },
    );
    expect(neg.total).toBe(-700);
  });

  it('bands are data: 95 → Xuất sắc, 94,99 → Tốt, 49,99 → Không hoàn thành', () => {
    const f = fw([{ code: '1', title: 'A', max: 10000, rule: { type: 'manual' } }]);
    const band = (v: number) => evaluate(compile(f), { '1': { value: v } }).band?.label;
    expect([band(9500), band(9499), band(8000), band(7999), band(5000), band(4999)]).toEqual([
      'Xuất sắc',
      'Tốt',
      'Tốt',
      'Khá',
      'Hoàn thành nhiệm vụ',
      'Không hoàn thành nhiệm vụ',
    ]);
  });
});

describe('ranking and comparison', () => {
  it('equal index → equal rank, next rank skips; stable and explained', () => {
    const r = rank([
      { id: 'a', label: 'Huyện Đ', index: 9000 },
      { id: 'b', label: 'Huyện B', index: 9500 },
      { id: 'c', label: 'Huyện D', index: 9000 },
      { id: 'd', label: 'Huyện A', index: 8000 },
    ]);
    expect(r.map((x) => [x.label, x.rank])).toEqual([
      ['Huyện B', 1],
      ['Huyện D', 2],
      ['Huyện Đ', 2],
      ['Huyện A', 4],
    ]);
    expect(r[1]!.explanation).toBe(
      'Chỉ số 90,00; 1 đơn vị có chỉ số cao hơn → hạng 2 (đồng hạng với 1 đơn vị).',
    );
  });

  it('compares with an earlier year through a mapping of changed codes', () => {
    const y2020 = fw([
      { code: 'I', title: 'Chỉ đạo', max: 1600, rule: { type: 'manual' } },
      { code: 'II', title: 'Văn bản', max: 1200, rule: { type: 'manual' } },
      { code: 'VIII', title: 'Bỏ năm sau', max: 500, rule: { type: 'manual' } },
    ]);
    const y2021 = fw([
      { code: '1', title: 'Chỉ đạo', max: 1600, rule: { type: 'manual' } },
      { code: '2', title: 'Văn bản', max: 1300, rule: { type: 'manual' } },
      { code: '9', title: 'Mới', max: 500, rule: { type: 'manual' } },
    ]);
    const before = evaluate(compile(y2020), {
      I: { value: 1400 },
      II: { value: 1200 },
      VIII: { value: 300 },
    });
    const now = evaluate(compile(y2021), { '1': { value: 1300 }, '2': { value: 1300 }, '9': { value: 100 } });
    const c = compare(now, before, { '1': 'I', '2': 'II', '9': null });
    expect(c.fields.map((f) => [f.code, f.previousCode, f.change])).toEqual([
      ['1', 'I', -100],
      ['2', 'II', 100],
      ['9', null, null],
    ]);
    expect(c.unmatchedBefore.map((u) => u.code)).toEqual(['VIII']);
    expect(c.total.change).toBe(2700 - 2900);
    expect(c.explanation).toContain('Không có tiêu chí tương ứng: VIII');
    // codes the mapping does not list match as they are
    const partial = compare(now, evaluate(compile(y2021), { '1': { value: 1000 } }), { '9': null });
    expect(partial.fields.map((f) => [f.code, f.previousCode])).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['9', null],
    ]);
  });
});

describe('engine properties', () => {
  const arbFramework = fc
    .array(
      fc.record({
        max: fc.integer({ min: 1, max: 3000 }),
        kids: fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 0, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((groups) =>
      fw(
        groups.map((g, i) => ({
          code: String(i + 1),
          title: `T${i}`,
          max: g.max,
          ...(g.kids.length
            ? {
                children: g.kids.map((m, j) => ({
                  code: `${i + 1}.${j + 1}`,
                  title: 'x',
                  max: m,
                  rule: { type: 'manual' as const },
                })),
              }
            : { rule: { type: 'manual' as const } }),
        })),
      ),
    );
  const arbInput = fc.oneof(
    fc.constant(undefined),
    fc.constant({ na: true } as LeafInput),
    fc.integer({ min: -500, max: 5000 }).map((v) => ({ value: v }) as LeafInput),
  );

  it('a total never exceeds its maximum nor goes below zero; fast and explained paths agree', () => {
    fc.assert(
      fc.property(arbFramework, fc.array(arbInput, { minLength: 30, maxLength: 30 }), (f, ins) => {
        const c = compile(f);
        const inputs = Object.fromEntries(c.leafIndex.map((i, k) => [c.nodes[i]!.code, ins[k % ins.length]]));
        const r = evaluate(c, inputs);
        const fast = evaluateFast(c, alignInputs(c, inputs));
        const check = (n: (typeof r.tree)[number]): boolean =>
          n.points >= 0 && n.points <= n.max && n.applicableMax <= n.max && n.children.every(check);
        return (
          r.total >= 0 &&
          r.total <= r.applicableMax &&
          r.tree.every(check) &&
          fast.total === r.total &&
          fast.applicableMax === r.applicableMax &&
          fast.index === r.index &&
          r.index <= 10000
        );
      }),
    );
  });

  it('ranking is consistent with the order of the index', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 40 }), (idx) => {
        const r = rank(idx.map((index, i) => ({ id: String(i), label: `U${i}`, index })));
        return (
          r.every((a) =>
            r.every((b) =>
              a.index > b.index ? a.rank < b.rank : a.index === b.index ? a.rank === b.rank : a.rank > b.rank,
            ),
          ) && r.every((a) => a.rank === 1 + r.filter((b) => b.index > a.index).length)
        );
      }),
    );
  });

  it('sums are exact for any inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 50 }), (vals) => {
        const f = fw(
          vals.map((v, i) => ({
            code: String(i + 1),
            title: 'x',
            max: 100_000,
            rule: { type: 'manual' as const },
          })),
        );
        const r = evaluate(compile(f), Object.fromEntries(vals.map((v, i) => [String(i + 1), { value: v }])));
        return r.total === vals.reduce((a, b) => a + b, 0);
      }),
    );
  });
});
