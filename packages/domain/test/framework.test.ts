import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneFramework, frameworkToJson, parseFrameworkJson } from '../src/framework/json.ts';
import type { Framework } from '../src/framework/types.ts';
import { validateFramework } from '../src/framework/validate.ts';
import { compile, evaluate } from '../src/scoring/engine.ts';

const dir = path.resolve(import.meta.dirname, '../../../content/frameworks');
const load = (f: string) => {
  const r = parseFrameworkJson(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  expect(r.errors).toEqual([]);
  return r.framework!;
};

describe('frameworks shipped in content/', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('has the civil district framework, the TT27 police skeleton and the two example frameworks of the demo', () => {
    expect(files.sort()).toEqual([
      'civil-district-2021.json',
      'civil-office-commune-example-2023.json',
      'police-commune-example-2023.json',
      'police-tt27-district-2022.json',
    ]);
  });

  it('marks the example frameworks as examples in their data', () => {
    for (const f of ['civil-office-commune-example-2023.json', 'police-commune-example-2023.json']) {
      const fw = load(f);
      expect(fw.isExample, f).toBe(true);
      expect(fw.totalMax, f).toBe(10000);
    }
  });

  it.each(files)('%s parses and validates with no error', (f) => {
    const fw = load(f);
    expect(validateFramework(fw).filter((i) => i.severity === 'error')).toEqual([]);
    expect(JSON.parse(JSON.stringify(frameworkToJson(fw)))).toEqual(
      JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')),
    );
  });

  it('civil 2021: seven fields 16, 13, 24, 8, 17, 7, 14, total 99 stored explicitly; unconfirmed items marked as examples', () => {
    const fw = load('civil-district-2021.json');
    expect(fw.criteria.map((c) => c.max / 100)).toEqual([16, 13, 24, 8, 17, 7, 14]);
    expect(fw.totalMax).toBe(9900);
    expect(fw.criteria.flatMap((c) => c.children ?? [c]).every((c) => c.isExample)).toBe(true);
    expect(fw.bands.every((b) => b.isExample)).toBe(true);
  });

  it('police TT27: confirmed bands; the bottom band and the criteria are marked as examples', () => {
    const fw = load('police-tt27-district-2022.json');
    expect(fw.legalBasis[0]).toContain('Thông tư 27/2022/TT-BCA');
    expect(fw.bands.map((b) => [b.label, b.minIndex, !!b.isExample])).toEqual([
      ['Xuất sắc', 9500, false],
      ['Tốt', 8000, false],
      ['Khá', 7000, false],
      ['Hoàn thành nhiệm vụ', 5000, false],
      // as the source (seed 001, §8) writes it
      ['Chưa hoàn thành nhiệm vụ', 0, true],
    ]);
    const r = evaluate(compile(fw), {});
    expect(r.band?.label).toBe('Chưa hoàn thành nhiệm vụ');
  });
});

describe('validation names the criterion code', () => {
  const base: Framework = {
    code: 'X',
    name: 'X',
    yearFrom: 2024,
    legalBasis: [],
    appliesTo: [],
    totalMax: 1000,
    bands: [],
    criteria: [],
  };
  it.each<[string, Partial<Framework>, string]>([
    [
      'children maxima below the parent',
      {
        criteria: [
          {
            code: '1',
            title: 'A',
            max: 1000,
            children: [
              { code: '1.1', title: 'a', max: 400 },
              { code: '1.2', title: 'b', max: 400 },
            ],
          },
        ],
      },
      'Tiêu chí 1: tổng điểm tối đa các tiêu chí con (8) nhỏ hơn điểm tối đa của nó (10)',
    ],
    [
      'duplicate codes',
      {
        totalMax: 2000,
        criteria: [
          { code: '1', title: 'A', max: 1000 },
          { code: '1', title: 'B', max: 1000 },
        ],
      },
      'Mã tiêu chí 1 bị trùng',
    ],
    [
      'code not under its parent',
      {
        criteria: [{ code: '1', title: 'A', max: 1000, children: [{ code: '2.1', title: 'a', max: 1000 }] }],
      },
      'Tiêu chí 2.1 nằm dưới tiêu chí 1',
    ],
    [
      'tier gap',
      {
        criteria: [
          {
            code: '1',
            title: 'A',
            max: 1000,
            rule: { type: 'ratio_tiers', tiers: [{ minPercent: 9500, points: 1000 }] },
          },
        ],
      },
      'Tiêu chí 1: bảng bậc có khoảng trống từ 0% đến 95%',
    ],
    [
      'tier overlap',
      {
        criteria: [
          {
            code: '1',
            title: 'A',
            max: 1000,
            rule: {
              type: 'ratio_tiers',
              tiers: [
                { minPercent: 0, points: 0 },
                { minPercent: 9500, points: 500 },
                { minPercent: 9500, points: 1000 },
              ],
            },
          },
        ],
      },
      'hai bậc cùng bắt đầu từ 95%',
    ],
    [
      'level above the maximum',
      {
        criteria: [
          {
            code: '1',
            title: 'A',
            max: 1000,
            rule: { type: 'levels', levels: [{ code: 'A', label: 'Tốt', points: 1200 }] },
          },
        ],
      },
      'Tiêu chí 1: mức "Tốt" được 12 điểm, vượt điểm tối đa 10',
    ],
    [
      'total mismatch',
      { totalMax: 10000, criteria: [{ code: '1', title: 'A', max: 9900 }] },
      'khác tổng điểm tối đa khai báo',
    ],
  ])('%s', (_n, over, message) => {
    const issues = validateFramework({ ...base, ...over });
    expect(issues.map((i) => i.message).join('\n')).toContain(message);
  });

  it('bad JSON values are reported with their field, in Vietnamese', () => {
    const r = parseFrameworkJson({
      code: 'X',
      name: 'X',
      yearFrom: 2024,
      legalBasis: [],
      appliesTo: [],
      totalMax: '7,825',
      bands: [],
      criteria: [],
    });
    expect(r.framework).toBeNull();
    expect(r.errors[0]).toBe(
      'Tổng điểm tối đa: “7,825” không phải số điểm hợp lệ (tối đa hai chữ số thập phân).',
    );
  });

  it('clones to a new year as a separate framework', () => {
    const fw = load('civil-district-2021.json');
    const c = cloneFramework(fw, 2022);
    expect([c.code, c.yearFrom, c.yearTo]).toEqual(['CCHC-HUYEN-2022', 2022, 2022]);
    expect(c.name).toContain('2022');
    c.criteria[0]!.max = 1;
    expect(fw.criteria[0]!.max).toBe(1600);
  });
});
