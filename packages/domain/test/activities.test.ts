import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityProblem,
  bindingRule,
  countOffer,
  countRulePoints,
  countValueText,
  sameLeafInput,
  type CountValue,
} from '../src/activities.ts';
import type { Criterion, Framework } from '../src/framework/types.ts';
import { compile, evaluate } from '../src/scoring/engine.ts';

const inspection: Criterion = {
  code: '1.3',
  title: 'Kiểm tra CCHC',
  max: 300,
  rule: { type: 'ratio_proportional' },
};
const reports: Criterion = {
  code: '1.2',
  title: 'Chế độ báo cáo CCHC',
  max: 300,
  rule: { type: 'deduction', start: 300, perIncident: 50, floor: 0 },
};
const manual: Criterion = {
  code: '1.4',
  title: 'Tuyên truyền',
  max: 200,
  rule: { type: 'manual', step: 25 },
};
const done: Criterion = { code: '1.1', title: 'Kế hoạch', max: 200, rule: { type: 'done' } };

const engine = (leaf: Criterion) => {
  const fw: Framework = {
    code: 'T',
    name: 'Thử',
    yearFrom: 2024,
    legalBasis: [],
    appliesTo: [],
    totalMax: leaf.max,
    bands: [],
    criteria: [leaf],
  };
  const c = compile(fw);
  return (input: NonNullable<ReturnType<typeof countOffer>>['input']) =>
    evaluate(c, { [leaf.code]: input }).total;
};

describe('count rules', () => {
  it.each<[string, CountValue, number | null]>([
    ['2 of 3 planned inspections: 3 × 2/3 = 2 (exactly)', { kind: 'ratio', done: 2, total: 3 }, 200],
    ['1 of 3: 1 point', { kind: 'ratio', done: 1, total: 3 }, 100],
    ['2 of 7 on a max of 3: 0,857… → 0,86', { kind: 'ratio', done: 2, total: 7 }, 86],
    ['nothing planned: nothing to count', { kind: 'ratio', done: 0, total: 0 }, null],
    ['more done than planned: never above max', { kind: 'ratio', done: 5, total: 3 }, 300],
  ])('proportional: %s', (_, v, points) =>
    expect(countRulePoints({ kind: 'proportional' }, 300, v)).toBe(points),
  );

  it.each([
    [0, 300],
    [1, 250],
    [6, 0],
    [9, 0],
  ])('incidents: %i late reports on 3 points at 0,5 each → %i hundredths', (count, points) =>
    expect(countRulePoints({ kind: 'incidents', perIncident: 50 }, 300, { kind: 'incidents', count })).toBe(
      points,
    ),
  );

  it('a rule does not take the other kind of count', () => {
    expect(countRulePoints({ kind: 'proportional' }, 300, { kind: 'incidents', count: 1 })).toBeNull();
    expect(
      countRulePoints({ kind: 'incidents', perIncident: 50 }, 300, { kind: 'ratio', done: 1, total: 2 }),
    ).toBeNull();
  });

  it('law: proportional points lie in [0, max] and the ratio leaf scores the offer the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (max, total, d) => {
          const done = Math.min(d, total);
          const v: CountValue = { kind: 'ratio', done, total };
          const p = countRulePoints({ kind: 'proportional' }, max, v)!;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(max);
          // exact: p is max × done/total rounded half-up, so |p × total − max × done| ≤ total/2
          expect(Math.abs(p * total - max * done) * 2).toBeLessThanOrEqual(total);
          const leaf = { ...inspection, max };
          const offer = countOffer(leaf, { kind: 'leaf' }, v)!;
          expect(engine(leaf)(offer.input)).toBe(p);
        },
      ),
    );
  });

  it('law: a deduction leaf scores the offered incidents as max − n × perIncident, floor 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), (count) => {
        const offer = countOffer(reports, { kind: 'leaf' }, { kind: 'incidents', count })!;
        expect(offer.text).toBe(String(count));
        expect(engine(reports)(offer.input)).toBe(
          countRulePoints({ kind: 'incidents', perIncident: 50 }, 300, { kind: 'incidents', count }),
        );
      }),
    );
  });
});

describe('bindings and offers', () => {
  it('a ratio leaf takes a ratio counter through its own rule; a deduction leaf an incidents counter', () => {
    expect(bindingRule(inspection, 'inspections_done', undefined)).toEqual({ rule: { kind: 'leaf' } });
    expect(bindingRule(reports, 'late_reports', undefined)).toEqual({ rule: { kind: 'leaf' } });
    expect(bindingRule(inspection, 'late_reports', undefined)).toMatchObject({
      error: expect.stringMatching(/tỷ lệ/),
    });
    expect(bindingRule(reports, 'inspections_done', undefined)).toMatchObject({
      error: expect.stringMatching(/vụ việc/),
    });
    expect(bindingRule(done, 'inspections_done', undefined)).toMatchObject({
      error: expect.stringMatching(/^Tiêu chí 1\.1/),
    });
  });

  it('a leaf scored in points needs a points rule of the counter’s kind', () => {
    expect(bindingRule(manual, 'inspections_done', undefined)).toHaveProperty('error');
    expect(bindingRule(manual, 'inspections_done', { kind: 'incidents', perIncident: 50 })).toHaveProperty(
      'error',
    );
    expect(bindingRule(manual, 'late_reports', { kind: 'incidents', perIncident: 0 })).toHaveProperty(
      'error',
    );
    expect(bindingRule(manual, 'inspections_done', { kind: 'proportional' })).toEqual({
      rule: { kind: 'proportional' },
    });
  });

  it('offers: the ratio as typed, points rounded down to the leaf’s step', () => {
    expect(countOffer(inspection, { kind: 'leaf' }, { kind: 'ratio', done: 2, total: 3 })).toEqual({
      input: { numerator: 2, denominator: 3 },
      text: '2/3',
    });
    // 2 × 2/3 = 1,33 → 1,25 in steps of 0,25
    expect(countOffer(manual, { kind: 'proportional' }, { kind: 'ratio', done: 2, total: 3 })).toEqual({
      input: { value: 125 },
      text: '1,25',
    });
    expect(countOffer(manual, { kind: 'proportional' }, { kind: 'ratio', done: 0, total: 0 })).toBeNull();
    expect(countValueText('inspections_done', { kind: 'ratio', done: 2, total: 3 })).toBe(
      '2/3 cuộc kiểm tra',
    );
  });

  it('same input whatever the key order; different values differ', () => {
    expect(sameLeafInput({ numerator: 2, denominator: 3 }, { denominator: 3, numerator: 2 })).toBe(true);
    expect(sameLeafInput({ numerator: 3, denominator: 3 }, { numerator: 2, denominator: 3 })).toBe(false);
    expect(sameLeafInput(null, undefined)).toBe(true);
  });
});

describe('records', () => {
  it('figures belong to their kind; resolved never above found; dates in order', () => {
    const base = { kind: 'inspection' as const, startsOn: '2024-05-10' };
    expect(activityProblem({ ...base, figures: { issuesFound: 3, issuesResolved: 2 } })).toBeNull();
    expect(activityProblem({ ...base, figures: { issuesFound: 1, issuesResolved: 2 } })).toMatch(/lớn hơn/);
    expect(activityProblem({ ...base, figures: { quota: 2 } })).toMatch(/không dùng cho loại “Kiểm tra”/);
    expect(activityProblem({ ...base, endsOn: '2024-05-01', figures: {} })).toMatch(/trước ngày bắt đầu/);
    expect(
      activityProblem({ kind: 'training', startsOn: '2024-01-01', figures: { quota: 40, trained: 38 } }),
    ).toBeNull();
  });
});
