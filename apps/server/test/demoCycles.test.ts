/** The demo's cycles: a finished 2023 cycle and an open 2024 cycle for Cù Lao Dung's teams and
 * commune police and for Hà Quảng's offices and communes, built through the services. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FileStore } from '../src/lib/fileStore.ts';
import { seedDemo } from '../src/modules/system/seed.ts';
import { loginAs, testConfig, testDatabase, type Client } from './helpers.ts';

let close: () => Promise<void>;
let officer: Client;
let leader: Client;
let district: Client;
let seconds = 0;

beforeAll(async () => {
  const database = await testDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-demo-files-'));
  const t = performance.now();
  const seed = await seedDemo(database.db, { cyclesFiles: new FileStore(dir) });
  seconds = (performance.now() - t) / 1000;
  const app = await buildApp({ config: testConfig({ filesDir: dir }), database, logger: false });
  await app.ready();
  const pw = (u: string) => seed.accounts.find((a) => a.username === u)!.password;
  officer = await loginAs(app, 'canbo.culaodung', pw('canbo.culaodung'));
  leader = await loginAs(app, 'lanhdao.caobang', pw('lanhdao.caobang'));
  district = await loginAs(app, 'dieuphoi.culaodung', pw('dieuphoi.culaodung'));
  close = async () => {
    await app.close();
    await database.close();
  };
});
afterAll(async () => close?.());

type Cycles = {
  items: {
    id: string;
    name: string;
    year: number;
    status: string;
    myUnits: { assessmentId: string; status: string }[];
  }[];
};

describe('demo cycles', () => {
  it('Cù Lao Dung sees a published 2023 cycle with its ranking and an open 2024 cycle', async () => {
    console.log(`demo data with cycles seeded in ${seconds.toFixed(1)} s`);
    const list = (await officer.get('/api/cycles')).json() as Cycles;
    const y23 = list.items.find((c) => c.year === 2023)!;
    const y24 = list.items.find((c) => c.year === 2024)!;
    expect(y23).toMatchObject({ status: 'published' });
    expect(y24).toMatchObject({ status: 'open' });
    expect(y23.name).toMatch(/Cù Lao Dung/);
    expect(y23.myUnits.length).toBeGreaterThan(5);
    const rk = (await officer.get(`/api/cycles/${y23.id}/ranking`)).json() as {
      decisionNumber: string;
      items: { rank: number; index: string; resultId: string }[];
    };
    expect(rk.decisionNumber).toBe('15/QĐ-CAH');
    expect(rk.items.map((i) => i.rank)[0]).toBe(1);
    const card = (await officer.get(`/api/results/${rk.items[0]!.resultId}`)).json() as { lost: unknown[] };
    expect(Array.isArray(card.lost)).toBe(true);
    // the 2024 self-assessments are under way, editable
    const a = (await officer.get(`/api/assessments/${y24.myUnits[0]!.assessmentId}`)).json() as {
      canEdit: boolean;
      missing: unknown[];
      deadline: { writable: boolean };
    };
    expect(a).toMatchObject({ canEdit: true, deadline: { writable: true } });
    expect(a.missing.length).toBeGreaterThan(0);
    // 2024 is run by the province; Cù Lao Dung appraises its teams and communes first
    expect(y24.name).toMatch(/Sóc Trăng/);
    const d24 = (await district.get(`/api/cycles/${y24.id}`)).json() as {
      manages: boolean;
      coordinates: boolean;
      ownerUnitName: string;
      units: { appraisingUnitName: string; appraises: boolean }[];
    };
    expect(d24).toMatchObject({ manages: false, coordinates: true, ownerUnitName: 'Công an tỉnh Sóc Trăng' });
    expect(d24.units.every((u) => u.appraises && u.appraisingUnitName === 'Công an huyện Cù Lao Dung')).toBe(
      true,
    );
  });

  it('Hà Quảng has its own cycles, seen by Cao Bằng and not by Cù Lao Dung', async () => {
    const list = (await leader.get('/api/cycles')).json() as Cycles;
    expect(list.items.map((c) => c.name).every((n) => n.includes('Hà Quảng'))).toBe(true);
    expect(list.items.map((c) => c.year).sort()).toEqual([2023, 2024]);
  });

  it('after publication, self-assessments and rankings stay private to the grants that cover them', async () => {
    const cld = (await officer.get('/api/cycles')).json() as Cycles;
    const hq = (await leader.get('/api/cycles')).json() as Cycles;
    const cld23 = cld.items.find((c) => c.year === 2023)!;
    const hq23 = hq.items.find((c) => c.year === 2023)!;
    // published, and still: no reading of the other tree's self-assessments, appraisal, report or ranking
    for (const [who, other] of [
      [leader, cld23],
      [officer, hq23],
    ] as const) {
      const a = other.myUnits[0]!.assessmentId;
      for (const url of [
        `/api/assessments/${a}`,
        `/api/assessments/${a}/appraisal`,
        `/api/assessments/${a}/report?format=xlsx`,
        `/api/cycles/${other.id}/ranking`,
      ])
        expect((await who.get(url)).statusCode, url).toBe(404);
    }
    // while the unit's own grants cover it
    expect((await officer.get(`/api/assessments/${cld23.myUnits[0]!.assessmentId}`)).statusCode).toBe(200);
  });
});
