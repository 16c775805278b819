/** The demo's cycles: a finished 2023 cycle and an open 2024 cycle for Cù Lao Dung's teams and
 * commune police and for Hà Quảng's offices and communes, built through the services. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FileStore } from '../src/lib/fileStore.ts';
import { seedDemo } from '../src/modules/system/seed.ts';
import { docxText, loginAs, testConfig, testDatabase, type Client } from './helpers.ts';

let close: () => Promise<void>;
let officer: Client;
let leader: Client;
let district: Client;
let province: Client;
let appraiser: Client;
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
  province = await loginAs(app, 'dieuphoi.soctrang', pw('dieuphoi.soctrang'));
  appraiser = await loginAs(app, 'thamdinh.soctrang', pw('thamdinh.soctrang'));
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

type Campaigns = {
  items: { id: string; code: string; status: string; ownerUnitName: string; parentId: string | null }[];
};
type Field = {
  fieldCode: string;
  target: number | null;
  returned: number;
  valid: number;
  invalid: number;
  online: number;
  belowTarget: boolean;
  index: { index: number | null };
};
type Results = {
  state: string;
  publishedAt: string | null;
  units: { unitName: string; returned: number; fields: Field[] }[];
  overall: { returned: number; valid: number; invalid: number; online: number; margin: number | null } | null;
};

describe('the demo survey of 2024 (Kế hoạch 107/KH-CAT)', () => {
  const campaigns = async (c: Client) => ((await c.get('/api/survey-campaigns')).json() as Campaigns).items;

  it('the province published its campaign and Cù Lao Dung its copy, with ballots from every mode', async () => {
    const mine = await campaigns(province);
    const hl = mine.find((c) => c.code === 'HL-2024' && c.ownerUnitName === 'Công an tỉnh Sóc Trăng')!;
    const copy = mine.find((c) => c.code === 'HL-2024' && c.ownerUnitName === 'Công an huyện Cù Lao Dung')!;
    expect(hl).toMatchObject({ status: 'published', parentId: null });
    expect(copy).toMatchObject({ status: 'published', parentId: hl.id });
    const r = (await province.get(`/api/survey-campaigns/${hl.id}/results`)).json() as Results;
    expect(r.state).toBe('published');
    expect(r.publishedAt!.slice(0, 10)).toBe('2024-08-20');
    expect(r.overall!.valid).toBeGreaterThan(900);
    expect(r.overall!.online).toBeGreaterThan(0);
    expect(r.overall!.invalid).toBeGreaterThan(0); // the post-audit's denied ballot
    expect(r.overall!.margin).not.toBeNull();
    // every surveyed unit of the plan: the four departments and the eleven district police
    expect(r.units).toHaveLength(15);
    const cld = r.units.find((u) => u.unitName === 'Công an huyện Cù Lao Dung')!;
    // Cù Lao Dung's cells hold the ballots its communes collected on the copy
    expect(cld.fields.map((f) => f.fieldCode).sort()).toEqual(['ANTT', 'CCCD', 'CT', 'DKX', 'PCCC', 'XNC']);
    expect(cld.fields.every((f) => f.returned > 0)).toBe(true);
    // some cells fall short of their target
    expect(r.units.some((u) => u.fields.some((f) => f.belowTarget))).toBe(true);
    const modes = (
      await province.get(`/api/survey-campaigns/${hl.id}/ballots?pageSize=1&mode=external`)
    ).json() as {
      total: number;
    };
    expect(modes.total).toBe(12); // the provincial post office's results for PA08
    for (const mode of ['qr', 'import'])
      expect(
        (
          (await province.get(`/api/survey-campaigns/${hl.id}/ballots?pageSize=1&mode=${mode}`)).json() as {
            total: number;
          }
        ).total,
        mode,
      ).toBeGreaterThan(100);
    const typed = (
      await district.get(`/api/survey-campaigns/${copy.id}/ballots?pageSize=50&mode=paper`)
    ).json() as {
      total: number;
      items: { serial: string; flags: string[]; dossierNo: string | null }[];
    };
    expect(typed.total).toBe(6); // typed one by one on the entry screen
    expect(typed.items.find((b) => b.serial === 'CLD-0003')!.flags).toContain('duplicate_dossier');
  });

  it('the post-audit drew its sample; the assigned appraiser recorded outcomes and invalidated a denied ballot', async () => {
    const hl = (await campaigns(province)).find((c) => c.code === 'HL-2024' && c.parentId === null)!;
    const v = (await appraiser.get(`/api/survey-campaigns/${hl.id}/postaudit`)).json() as {
      setup: { state: string; seed: string } | null;
      items: { outcome: string | null; invalidReason: string | null; assigned: boolean }[];
    };
    expect(v.setup).toMatchObject({ state: 'closed' });
    expect(v.items.length).toBeGreaterThan(3);
    expect(v.items.every((i) => i.assigned)).toBe(true);
    expect(v.items.map((i) => i.outcome)).toEqual(
      expect.arrayContaining(['confirmed', 'unreachable', 'denied']),
    );
    expect(v.items.find((i) => i.outcome === 'denied')!.invalidReason).toContain('không thừa nhận');
  });

  it('Mẫu 01: PC08 sent late, Công an huyện Trần Đề has not sent, the others on time; the Word file lists the rows', async () => {
    const list = (await province.get('/api/report-requests')).json() as {
      items: { id: string; kind: string }[];
    };
    const req = list.items.find((r) => r.kind === 'survey_mau01')!;
    const d = (await province.get(`/api/report-requests/${req.id}`)).json() as {
      receivingUnitName: string;
      dueOn: string;
      rows: { unitId: string; unitName: string; state: string; label: string }[];
    };
    expect(d).toMatchObject({ dueOn: '2024-07-10', receivingUnitName: 'Đội Pháp chế và Quản lý khoa học' });
    expect(d.rows).toHaveLength(15);
    const by = Object.fromEntries(d.rows.map((r) => [r.unitName, r]));
    expect(by['Phòng Cảnh sát giao thông']).toMatchObject({ state: 'late', label: 'Gửi muộn 2 ngày' });
    expect(by['Công an huyện Trần Đề']!.state).toBe('overdue');
    expect(d.rows.filter((r) => r.state === 'on_time')).toHaveLength(13);
    const cld = by['Công an huyện Cù Lao Dung']!;
    const doc = await province.get(`/api/report-requests/${req.id}/units/${cld.unitId}/document?format=docx`);
    expect(doc.statusCode).toBe(200);
    const text = await docxText(doc.rawPayload);
    expect(text).toContain('Thực hiện Kế hoạch số 107/KH-CAT');
    const hl = (await campaigns(province)).find((c) => c.code === 'HL-2024' && c.parentId === null)!;
    const r = (await province.get(`/api/survey-campaigns/${hl.id}/results`)).json() as Results;
    const lines = text.split('\n');
    for (const f of r.units.find((u) => u.unitName === 'Công an huyện Cù Lao Dung')!.fields) {
      const i = lines.findIndex(
        (l, k) => l === 'Công an huyện Cù Lao Dung' && lines[k + 3] === String(f.returned),
      );
      expect(i, f.fieldCode).toBeGreaterThanOrEqual(0);
      expect(lines[i + 4]).toBe(String(f.valid));
    }
  });

  it('the communes’ survey criterion of the 2024 cycle reads the published index, read-only', async () => {
    const y24 = ((await officer.get('/api/cycles')).json() as Cycles).items.find((c) => c.year === 2024)!;
    type Node = {
      code: string;
      points: string;
      survey?: { state: string; index: number | null; campaignCode: string | null };
      children: Node[];
    };
    const states: string[] = [];
    for (const u of y24.myUnits) {
      const a = (await officer.get(`/api/assessments/${u.assessmentId}`)).json() as { tree: Node[] };
      const walk = (ns: Node[]) =>
        ns.forEach((n) => (n.survey ? states.push(n.survey.state) : walk(n.children)));
      walk(a.tree);
    }
    // communes read Cù Lao Dung's copy; teams handle no procedures ("không áp dụng")
    expect(states).toContain('index');
    expect(states).toContain('not_applicable');
    expect(states).not.toContain('pending');
    expect(states).not.toContain('unbound');
  });
});
