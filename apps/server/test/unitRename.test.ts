/** Seed 000 (2024) gives the district staff duties to Đội Tham mưu, seeds 001 and 003 (2021–2022) to Đội
 * Tổng hợp (issue #16 item 8): one team renamed through the unit history on an example day, not two
 * teams side by side. The demo cycles of Cù Lao Dung have 12 members; the 2023 cycle and ranking show
 * the name valid in 2023, the 2024 cycle the name valid in 2024. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENAMED_TM } from '../src/modules/system/seed.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let district: Client;

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  district = await t.login('dieuphoi.culaodung');
}, 300_000);
afterAll(async () => t?.close());

type Cycle = { id: string; name: string; year: number; units: number };

describe('Đội Tổng hợp renamed Đội Tham mưu', () => {
  it('is one unit with two periods in its history', async () => {
    const id = await unitIdByCode(t, 'CLD-TM');
    const d = (await district.get(`/api/units/${id}`)).json() as {
      unit: { name: string };
      history: { name: string; code: string; validFrom: string; validTo: string | null }[];
    };
    expect(d.unit.name).toBe('Đội Tham mưu');
    expect(d.history.map((h) => [h.code, h.name, h.validFrom, h.validTo])).toEqual(
      expect.arrayContaining([
        ['CLD-TH', 'Đội Tổng hợp', '2020-01-01', '2023-12-31'],
        ['CLD-TM', 'Đội Tham mưu', RENAMED_TM, null],
      ]),
    );
    await expect(unitIdByCode(t, 'CLD-TH')).rejects.toThrow();
  });

  it('the cycles of 2023 and 2024 have 12 members, each showing the name of its year', async () => {
    const cycles = ((await district.get('/api/cycles')).json() as { items: Cycle[] }).items.filter((c) =>
      c.name.includes('huyện Cù Lao Dung'),
    );
    const names = async (year: number) => {
      const c = cycles.find((x) => x.year === year)!;
      expect(c.units).toBe(12);
      const d = (await district.get(`/api/cycles/${c.id}`)).json() as { units: { unitName: string }[] };
      return d.units.map((u) => u.unitName);
    };
    const y23 = await names(2023);
    expect(y23).toContain('Đội Tổng hợp');
    expect(y23).not.toContain('Đội Tham mưu');
    const y24 = await names(2024);
    expect(y24).toContain('Đội Tham mưu');
    expect(y24).not.toContain('Đội Tổng hợp');
  });

  it('the 2023 ranking prints Đội Tổng hợp', async () => {
    const fws = (await district.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
    let seen = false;
    for (const f of fws.items) {
      const r = await district.get(`/api/results?frameworkId=${f.id}&year=2023`);
      if (r.statusCode !== 200) continue;
      const names = (r.json() as { items: { unitName: string }[] }).items.map((i) => i.unitName);
      if (names.includes('Đội Tổng hợp')) seen = true;
      expect(names).not.toContain('Đội Tham mưu');
    }
    expect(seen).toBe(true);
  });
});
