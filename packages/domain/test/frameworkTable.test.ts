import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandKey,
  findBand,
  formatRule,
  frameworkToJson,
  frameworkToSheets,
  parseFrameworkJson,
  parseRule,
  sheetsToFramework,
  type Framework,
  type Rule,
} from '../src/index.ts';

const contentDir = path.resolve(import.meta.dirname, '../../../content/frameworks');
const shipped = fs
  .readdirSync(contentDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const p = parseFrameworkJson(JSON.parse(fs.readFileSync(path.join(contentDir, f), 'utf8')));
    if (!p.framework) throw new Error(p.errors.join('; '));
    return [f, p.framework] as const;
  });

describe('rule text form', () => {
  const cases: [Rule, string][] = [
    [{ type: 'manual' }, 'thủ công'],
    [{ type: 'manual', step: 25 }, 'thủ công; bước 0,25'],
    [{ type: 'done' }, 'đạt/không đạt'],
    [
      {
        type: 'levels',
        levels: [
          { code: 'A', label: 'Tốt', points: 200 },
          { code: 'B', label: 'Đạt một phần', points: 75 },
        ],
      },
      'mức: A: Tốt = 2 | B: Đạt một phần = 0,75',
    ],
    [
      {
        type: 'ratio_tiers',
        tiers: [
          { minPercent: 0, points: 0 },
          { minPercent: 8000, points: 100 },
          { minPercent: 10000, points: 200 },
        ],
        whenNoDenominator: 'not_applicable',
      },
      'tỷ lệ theo bậc: 0% → 0 | 80% → 1 | 100% → 2; không có mẫu số: không áp dụng',
    ],
    [
      { type: 'ratio_proportional', capPercent: 10000, floorPercent: 5050 },
      'tỷ lệ thuận; trần 100%; sàn 50,5%',
    ],
    [{ type: 'ratio_proportional', whenNoDenominator: 'full' }, 'tỷ lệ thuận; không có mẫu số: đủ điểm'],
    [
      { type: 'deduction', start: 200, perIncident: 50, floor: 0 },
      'trừ điểm: khởi điểm 2; mỗi vụ việc 0,5; sàn 0',
    ],
    [{ type: 'survey', surveyCode: 'SIPAS' }, 'khảo sát: SIPAS'],
    [{ type: 'survey' }, 'khảo sát'],
  ];
  it.each(cases)('%j ⇄ "%s"', (rule, text) => {
    expect(formatRule(rule)).toBe(text);
    expect(parseRule(text)).toEqual({ rule });
  });

  it('reads keys without diacritics and with a decimal point', () => {
    expect(parseRule('ty le theo bac: 0% -> 0 | 50.5% -> 1.25')).toEqual({
      rule: {
        type: 'ratio_tiers',
        tiers: [
          { minPercent: 0, points: 0 },
          { minPercent: 5050, points: 125 },
        ],
      },
    });
    expect(parseRule('THU CONG; buoc 0.5')).toEqual({ rule: { type: 'manual', step: 50 } });
  });

  it('explains what it does not understand, in Vietnamese', () => {
    expect(parseRule('chấm bừa').error).toMatch(/không nhận ra quy tắc "chấm bừa"/);
    expect(parseRule('mức: A Tốt 2').error).toMatch(/mã: tên = điểm/);
    expect(parseRule('tỷ lệ theo bậc: 0% → 0 | 80% → 1,234').error).toMatch(/"1,234" không phải số hợp lệ/);
    expect(parseRule('trừ điểm: khởi điểm 2').error).toMatch(/mỗi vụ việc/);
  });

  it('round-trips any rule (property)', () => {
    const pts = fc.integer({ min: 0, max: 100_000 });
    const label = fc
      .string({ minLength: 1, maxLength: 12 })
      .map((s) => s.replace(/[|=:;\n]/g, 'x').trim())
      .filter((s) => s.length > 0);
    const rule: fc.Arbitrary<Rule> = fc.oneof(
      fc.record({ type: fc.constant('manual' as const) }),
      fc.record({ type: fc.constant('manual' as const), step: fc.integer({ min: 1, max: 500 }) }),
      fc.record({
        type: fc.constant('levels' as const),
        levels: fc.array(fc.record({ code: fc.constantFrom('A', 'B', 'C1', 'Đ'), label, points: pts }), {
          minLength: 1,
          maxLength: 4,
        }),
      }),
      fc.record({
        type: fc.constant('ratio_tiers' as const),
        tiers: fc.array(fc.record({ minPercent: fc.integer({ min: 0, max: 10_000 }), points: pts }), {
          minLength: 1,
          maxLength: 5,
        }),
      }),
      fc.record({
        type: fc.constant('deduction' as const),
        start: pts,
        perIncident: fc.integer({ min: 1, max: 1000 }),
        floor: pts,
      }),
    );
    fc.assert(
      fc.property(rule, (r) => {
        expect(parseRule(formatRule(r))).toEqual({ rule: r });
      }),
    );
  });
});

describe('spreadsheet form of a framework', () => {
  it.each(shipped)('%s round-trips exactly through the sheets', (_f, fw) => {
    const sheets = frameworkToSheets(fw);
    const back = sheetsToFramework(sheets);
    expect(back.errors).toBeUndefined();
    expect(frameworkToJson(back.framework!)).toEqual(frameworkToJson(fw));
  });

  it('keeps the correspondence with the previous framework through the sheets', () => {
    const fw = {
      ...shipped[0]![1],
      comparesWith: { frameworkCode: 'CCHC-HUYEN-2020', mapping: { '1': '1', '7': null } },
    };
    const back = sheetsToFramework(frameworkToSheets(fw));
    expect(back.framework?.comparesWith).toEqual(fw.comparesWith);
  });

  it('writes points with a decimal comma and one row per criterion', () => {
    const fw = shipped.find(([f]) => f.startsWith('civil'))![1];
    const s = frameworkToSheets(fw);
    expect(s.criteria[0]![0]).toBe('Mã tiêu chí');
    expect(s.criteria.slice(1, 2)[0]![0]).toBe('1');
    expect(s.info.find((r) => r[0] === 'Tổng điểm tối đa')![1]).toBe('99');
    const count = (cs: Framework['criteria']): number =>
      cs.reduce((n, c) => n + 1 + count(c.children ?? []), 0);
    expect(s.criteria.length - 1).toBe(count(fw.criteria));
  });

  it('reports every bad cell by sheet, row and column and returns no framework', () => {
    const fw = shipped[0]![1];
    const s = frameworkToSheets(fw);
    const title = [['BỘ TIÊU CHÍ'], []];
    s.criteria = [...title, ...s.criteria];
    s.criteria[3]![2] = 'mười';
    s.criteria[4]![3] = 'tỷ lệ theo bậc: 0% → 0 | 80 → ';
    s.criteria.push(['9.1', 'Mồ côi', '1', '', '', '', '', '', '']);
    s.info = s.info.map((r) => (r[0] === 'Năm bắt đầu' ? [r[0], '21'] : r));
    const r = sheetsToFramework(s);
    expect(r.framework).toBeUndefined();
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'Thông tin chung', row: 4, column: 'B' }),
        expect.objectContaining({
          sheet: 'Tiêu chí',
          row: 4,
          column: 'C',
          message: expect.stringMatching(/"mười"/),
        }),
        expect.objectContaining({ sheet: 'Tiêu chí', row: 5, column: 'D' }),
        expect.objectContaining({
          sheet: 'Tiêu chí',
          row: s.criteria.length,
          column: 'A',
          message: expect.stringMatching(/không có tiêu chí cha 9/),
        }),
      ]),
    );
    expect(r.errors).toHaveLength(4);
  });

  it('names a missing sheet', () => {
    const r = sheetsToFramework({ info: frameworkToSheets(shipped[0]![1]).info });
    expect(r.errors).toEqual([
      expect.objectContaining({ sheet: 'Tiêu chí', message: 'Thiếu trang tính "Tiêu chí".' }),
    ]);
  });
});

describe('band labels as the sources write them (issue #14, item 4)', () => {
  const police = shipped.find(([f]) => f.startsWith('police-tt27'))![1];

  it('the shipped police frameworks write "Chưa hoàn thành nhiệm vụ" for the bottom band, still an example', () => {
    for (const [f, fw] of shipped.filter(([name]) => name.startsWith('police-'))) {
      const bottom = fw.bands.find((b) => b.minIndex === 0)!;
      expect([f, bottom.label, bottom.isExample]).toEqual([f, 'Chưa hoàn thành nhiệm vụ', true]);
    }
  });

  it('typed by a user, "không hoàn thành nhiệm vụ" matches the same band', () => {
    expect(findBand(police.bands, 'không hoàn thành nhiệm vụ')?.code).toBe('KHONG_HOAN_THANH');
    expect(findBand(police.bands, 'Chưa hoàn thành nhiệm vụ')?.code).toBe('KHONG_HOAN_THANH');
    expect(findBand(police.bands, 'Hoàn thành nhiệm vụ')?.code).toBe('HOAN_THANH');
    expect(bandKey('Không hoàn thành nhiệm vụ')).toBe(bandKey('chưa hoàn thành nhiệm vụ'));
  });

  it('the framework workbook: a band typed "Không hoàn thành nhiệm vụ" without a code takes the shipped code', () => {
    const sheets = frameworkToSheets(police);
    const bands = sheets.bands.map((r) => [...r]);
    const last = bands.length - 1;
    bands[last] = ['', 'Không hoàn thành nhiệm vụ', bands[last]![2]!, 'Có'];
    const r = sheetsToFramework({ ...sheets, bands });
    expect(r.errors).toBeUndefined();
    expect(r.framework!.bands.at(-1)).toEqual({
      code: 'KHONG_HOAN_THANH',
      label: 'Không hoàn thành nhiệm vụ',
      minIndex: 0,
      isExample: true,
    });
  });

  it('the framework workbook: both wordings in one table are the same band twice, refused', () => {
    const sheets = frameworkToSheets(police);
    const bands = [...sheets.bands.map((r) => [...r]), ['KHT', 'Không hoàn thành nhiệm vụ', '0', '']];
    const r = sheetsToFramework({ ...sheets, bands });
    expect(r.errors?.map((e) => e.message)).toEqual([
      `Mức xếp loại "Không hoàn thành nhiệm vụ" trùng với mức ở dòng ${bands.length - 1} ("không hoàn thành nhiệm vụ" và "chưa hoàn thành nhiệm vụ" là cùng một mức).`,
    ]);
  });
});
