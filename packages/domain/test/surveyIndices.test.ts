import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  campaignIndices,
  parseSurveyForm,
  ratingQuestions,
  sampleSize,
  subtreeIndex,
  wilsonHalfWidth,
  type CellCounts,
  type SurveyForm,
} from '../src/index.ts';

const dir = path.resolve(import.meta.dirname, '../../../content/surveys');
const load = (f: string) => {
  const r = parseSurveyForm(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  if ('issues' in r) throw new Error('form');
  return r.form;
};
const citizen = load('phieu-01a-nguoi-dan.json');

function cellOf(
  form: SurveyForm,
  unitId: string,
  fieldCode: string,
  per: (code: string) => [number, number],
): CellCounts {
  const ratings: CellCounts['ratings'] = {};
  for (const q of ratingQuestions(form)) {
    const [satisfied, n] = per(q.code);
    ratings[q.code] = { satisfied, n };
  }
  return {
    unitId,
    fieldCode,
    ratings,
    returned: 10,
    valid: 10,
    invalid: 0,
    online: 4,
    overallN: 10,
    overallSatisfied: 9,
  };
}

describe('satisfaction indices', () => {
  it('pools every rating the Gia Lai way: 6 650 satisfied of 7 528 ratings = 88,34 %', () => {
    const pooled: SurveyForm = {
      ...citizen,
      aggregation: { element: 'pool', field: 'pool', unit: 'pool', overall: 'pool' },
    };
    const qs = ratingQuestions(pooled).filter((q) => q.element);
    // spread 6650/7528 over the element questions
    const per = (code: string): [number, number] => {
      const i = qs.findIndex((q) => q.code === code);
      if (i < 0) return [0, 0];
      return i === 0 ? [6650 - 350 * (qs.length - 1), 7528 - 400 * (qs.length - 1)] : [350, 400];
    };
    const r = campaignIndices(pooled, [cellOf(pooled, 'u', 'f', per)], [], ['f']);
    expect(r.overall.index).toEqual({ index: 8834, satisfied: 6650, ratings: 7528 });
  });

  it('averages indices where the form says mean, and marks a field below its target', () => {
    // element TC all satisfied (3/3 per question), every other element half (1/2)
    const per = (code: string): [number, number] =>
      code.startsWith('TC') ? [3, 3] : code === 'HL' ? [9, 10] : [1, 2];
    const r = campaignIndices(
      citizen,
      [cellOf(citizen, 'u', 'f', per)],
      [{ unitId: 'u', fieldCode: 'f', target: 11 }],
      ['f'],
    );
    const f = r.units[0]!.fields[0]!;
    expect(f.elements.TC!.index).toBe(10000);
    expect(f.elements.TT!.index).toBe(5000);
    // field = mean of 5 elements: (1 + 4 × 0,5) / 5 = 60 %
    expect(f.index.index).toBe(6000);
    expect(f.belowTarget).toBe(true);
    expect(r.overall.index.index).toBe(6000);
    expect(r.overall.margin).toBe(wilsonHalfWidth(9, 10));
  });

  it('gives the Wilson half-width of 95 %', () => {
    // 90/100: Wilson interval 82,56 %–94,48 % → half-width 5,96 %
    expect(wilsonHalfWidth(90, 100)).toBe(596);
    expect(wilsonHalfWidth(0, 0)).toBeNull();
  });
});

describe('subtrees and external indices', () => {
  const byUnit: SurveyForm = {
    ...citizen,
    aggregation: { element: 'pool', field: 'pool', unit: 'pool', overall: 'mean' },
  };
  const qs = ratingQuestions(byUnit).filter((q) => q.element);
  // unit a: 1 satisfied of 32 ratings (3,125 % → 3,13 % shown); unit b: 0 of 32
  const per =
    (sat: number) =>
    (code: string): [number, number] => {
      const i = qs.findIndex((q) => q.code === code);
      if (i < 0) return [0, 0];
      return i === 0 ? [sat, 32 - (qs.length - 1) * 2] : [0, 2];
    };
  const cells = [cellOf(byUnit, 'a', 'f', per(1)), cellOf(byUnit, 'b', 'f', per(0))];

  it('computes a subtree exactly from the cells, never from rounded unit indices', () => {
    const all = campaignIndices(byUnit, cells, [], ['f']);
    expect(all.units.map((u) => u.index.index)).toEqual([313, 0]);
    // exact: (1/32 + 0) / 2 = 1,5625 % → 1,56 %; recombining 3,13 % and 0 would give 1,57 %
    const sub = subtreeIndex(byUnit, cells, new Set(['a', 'b']))!;
    expect(sub.index.index).toBe(156);
    expect(sub.index).toEqual({ index: 156, satisfied: 1, ratings: 64 });
    expect(subtreeIndex(byUnit, cells, new Set(['a']))!.index.index).toBe(313);
    expect(subtreeIndex(byUnit, cells, new Set(['z']))).toBeNull();
  });

  it('an external index replaces its cell: index as published, counts as entered, no ratings', () => {
    const ext = [
      { unitId: 'b', fieldCode: 'f', index: 9125, issued: 520, returned: 500, valid: 480, document: 'VNeID' },
    ];
    const r = campaignIndices(byUnit, cells, [{ unitId: 'b', fieldCode: 'f', target: 500 }], ['f'], ext);
    const b = r.units[1]!.fields[0]!;
    expect(b).toMatchObject({ returned: 500, valid: 480, invalid: 20, online: 0, belowTarget: true });
    expect(b.index).toEqual({ index: 9125, satisfied: 0, ratings: 0 });
    expect(b.external).toEqual({ document: 'VNeID', issued: 520 });
    expect(b.elements).toEqual({});
    // overall = mean of the units: (3,125 + 91,25) / 2 = 47,1875 → 47,19 %
    expect(r.overall.index.index).toBe(4719);
    expect(subtreeIndex(byUnit, cells, new Set(['a', 'b']), ext)!.index.index).toBe(4719);
    // a unit × field known only outside Chiso still appears
    const only = campaignIndices(byUnit, [], [], ['f'], ext);
    expect(only.units[0]!.index.index).toBe(9125);
  });

  it('pools an external index as the ratings its valid ballots stand for', () => {
    const pooled: SurveyForm = {
      ...citizen,
      aggregation: { element: 'pool', field: 'pool', unit: 'pool', overall: 'pool' },
    };
    const n = ratingQuestions(pooled).filter((q) => q.element).length;
    // unit a: every rating satisfied on 1 ballot (n of n); unit b external 50 % over 1 valid ballot
    const a = cellOf(pooled, 'a', 'f', (code) => (code === 'HL' ? [1, 1] : [1, 1]));
    const ext = [
      { unitId: 'b', fieldCode: 'f', index: 5000, issued: null, returned: 1, valid: 1, document: 'X' },
    ];
    const r = campaignIndices(pooled, [a], [], ['f'], ext);
    expect(r.overall.index.index).toBe(7500);
    expect(r.overall.index.ratings).toBe(n);
  });
});

describe('samples and allocations', () => {
  it('n = ⌈N/(1+N·e²)⌉', () => {
    expect(sampleSize(4200, 5)).toBe(366);
    expect(sampleSize(100, 5)).toBe(80);
    expect(sampleSize(0, 5)).toBe(0);
    expect(sampleSize(1, 5)).toBe(1);
  });

  it('allocations always add up to the total exactly, in proportion', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 60 }),
        (total, ws) => {
          const parts = allocate(total, ws);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = ws.reduce((a, b) => a + b, 0);
          if (sum > 0)
            parts.forEach((p, i) => {
              const exact = (total * ws[i]!) / sum;
              expect(Math.abs(p - exact)).toBeLessThan(1);
            });
        },
      ),
    );
  });
});
