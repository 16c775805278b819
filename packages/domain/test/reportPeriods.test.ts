import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIOD_KINDS, periodsOf } from '../src/report/periods.ts';

describe('periods of periodic reports', () => {
  it("seed 004: quarterly reports due on the 3rd of the quarter's last month, the annual one on 15/11", () => {
    const q = periodsOf('quarter', 2022, { day: 3, month: 'last' });
    expect(q.map((p) => [p.label, p.from, p.to, p.dueOn])).toEqual([
      ['Quý I năm 2022', '2022-01-01', '2022-03-31', '2022-03-03'],
      ['Quý II năm 2022', '2022-04-01', '2022-06-30', '2022-06-03'],
      ['Quý III năm 2022', '2022-07-01', '2022-09-30', '2022-09-03'],
      ['Quý IV năm 2022', '2022-10-01', '2022-12-31', '2022-12-03'],
    ]);
    const y = periodsOf('year', 2022, { day: 15, month: 11 });
    expect(y).toEqual([expect.objectContaining({ label: 'Năm 2022', dueOn: '2022-11-15' })]);
  });

  it('cuts the data off on the 14th of the last month by default, each period starting after the one before', () => {
    const q = periodsOf('quarter', 2024, { day: 20, month: 'next' });
    expect(q.map((p) => [p.dataFrom, p.dataTo, p.dueOn])).toEqual([
      ['2023-12-15', '2024-03-14', '2024-04-20'],
      ['2024-03-15', '2024-06-14', '2024-07-20'],
      ['2024-06-15', '2024-09-14', '2024-10-20'],
      ['2024-09-15', '2024-12-14', '2025-01-20'],
    ]);
    expect(periodsOf('nine_months', 2024, { day: 5, month: 'next' })[0]).toMatchObject({
      label: '9 tháng năm 2024',
      dataFrom: '2023-12-15',
      dataTo: '2024-09-14',
      dueOn: '2024-10-05',
    });
    expect(periodsOf('half', 2024, { day: 31, month: 'last' }).map((p) => [p.label, p.dueOn])).toEqual([
      ['6 tháng đầu năm 2024', '2024-06-30'],
      ['6 tháng cuối năm 2024', '2024-12-31'],
    ]);
  });

  it('for any kind, year and rule: periods tile their year, data spans follow each other, dues are real days', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIOD_KINDS),
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 31 }),
        fc.oneof(fc.constantFrom('last' as const, 'next' as const), fc.integer({ min: 1, max: 12 })),
        fc.integer({ min: 1, max: 31 }),
        (kind, year, day, month, cutDay) => {
          const ps = periodsOf(kind, year, { day, month }, { day: cutDay, month: 'last' });
          const real = (s: string) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
          for (const p of ps) {
            expect(real(p.dueOn) && real(p.from) && real(p.to) && real(p.dataTo) && real(p.dataFrom)).toBe(
              true,
            );
            expect(p.from <= p.to && p.dataFrom <= p.dataTo).toBe(true);
          }
          if (kind === 'quarter' || kind === 'half') {
            expect(ps[0]!.from).toBe(`${year}-01-01`);
            expect(ps.at(-1)!.to).toBe(`${year}-12-31`);
            for (let i = 1; i < ps.length; i++) {
              const next = new Date(`${ps[i - 1]!.dataTo}T00:00:00Z`);
              next.setUTCDate(next.getUTCDate() + 1);
              expect(ps[i]!.dataFrom).toBe(next.toISOString().slice(0, 10));
            }
          }
        },
      ),
    );
  });
});
