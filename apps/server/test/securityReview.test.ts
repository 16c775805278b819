/** Findings of the review of the security issue, replayed: a cycle's set cannot gain a result while
 * the cycle is being made; an unpublished cycle's results do not show through a later result card or
 * the entry template; answering for the unit makes one an author; a unit is not in two cycles of
 * two versions of one framework. */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, usingPostgres, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let hq: Client; // coordinator, UBND huyện Hà Quảng
let admin: Client;
const u: Record<string, string> = {};
let fw: string; // CCHC-PHONG-XA-MAU-2023, version 1

const STAGES = ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
  (stage) => ({ stage, startsOn: '2023-01-01', dueOn: '2030-12-31' }),
);
const fields = { '1': '12', '2': '8', '3': '14', '4': '6', '5': '10', '6': '8', '7': '12', '8': '30' };

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  hq = await t.login('dieuphoi.haquang');
  admin = await t.login('quantri');
  for (const c of ['UBND-HQ', 'HQ-XH', 'HQ-NV', 'UBND-CB']) u[c] = await unitIdByCode(t, c);
  const list = (await admin.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string; version: number }[];
  };
  fw = list.items.find((f) => f.code === 'CCHC-PHONG-XA-MAU-2023' && f.version === 1)!.id;
});
afterAll(async () => t?.close());

describe('a cycle made while a result is entered into its set', () => {
  it.skipIf(!usingPostgres)(
    'the result waiting on the set’s lock is refused once the cycle exists (PostgreSQL)',
    async () => {
      // hold the cycle's framework-year lock from outside, so that the cycle waits holding the set's
      const url = new URL(process.env.TEST_DATABASE_URL!);
      const res = (await t.database.db.execute(sql`select current_database() as d`)) as unknown as {
        rows: { d: string }[];
      };
      url.pathname = `/${res.rows[0]!.d}`;
      const ext = new pg.Client({ connectionString: url.toString() });
      await ext.connect();
      const waiting = async (n: number) => {
        for (;;) {
          const r = await ext.query(
            `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
          );
          if ((r.rows[0] as { n: number }).n >= n) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await ext.query(`select pg_advisory_lock(hashtext($1))`, ['cycle:CCHC-PHONG-XA-MAU-2023:2025']);
      const create = hq.send('POST', '/api/cycles', {
        name: 'Chỉ số CCHC 2025',
        year: 2025,
        frameworkId: fw,
        ownerUnitId: u['UBND-HQ'],
        unitKinds: ['office'],
        stages: STAGES,
      });
      await waiting(1);
      const enter = hq.send('PUT', '/api/results', {
        frameworkId: fw,
        year: 2025,
        unitId: u['HQ-XH'],
        mode: 'fields',
        inputs: fields,
      });
      await waiting(2);
      await ext.query(`select pg_advisory_unlock(hashtext($1))`, ['cycle:CCHC-PHONG-XA-MAU-2023:2025']);
      const [c, e] = await Promise.all([create, enter]);
      await ext.end();
      expect(c.statusCode, c.body).toBe(200);
      expect(e.statusCode, e.body).toBe(409);
      expect((e.json() as { error: { code: string } }).error.code).toBe('RESULT_SET_OF_CYCLE');
    },
  );
});

describe('two versions of one framework code', () => {
  it('a unit in a cycle of version 1 is not taken into a cycle of version 2 of the same year', async () => {
    const json = JSON.parse(
      fs.readFileSync(
        path.resolve(
          import.meta.dirname,
          '../../../content/frameworks/civil-office-commune-example-2023.json',
        ),
        'utf8',
      ),
    ) as unknown;
    const v2 = await admin.send('POST', '/api/frameworks/import', { ownerUnitId: null, definition: json });
    expect(v2.statusCode, v2.body).toBe(200);
    const v2id = (v2.json() as { id: string; version: number }).id;
    expect((await admin.send('POST', `/api/frameworks/${v2id}/publish`, {})).statusCode).toBe(200);
    const first = await hq.send('POST', '/api/cycles', {
      name: 'Chỉ số CCHC 2025 các phòng',
      year: 2025,
      frameworkId: fw,
      ownerUnitId: u['UBND-HQ'],
      unitKinds: ['office'],
      stages: STAGES,
    });
    // (on PostgreSQL the race test above made this cycle already)
    expect([200, 409]).toContain(first.statusCode);
    const second = await admin.send('POST', '/api/cycles', {
      name: 'Chỉ số CCHC 2025 của tỉnh',
      year: 2025,
      frameworkId: v2id,
      ownerUnitId: u['UBND-CB'],
      unitKinds: ['office'],
      stages: STAGES,
    });
    // refused: the offices are in the version 1 cycle
    expect(second.statusCode).toBe(400);
    expect((second.json() as { error: { message: string } }).error.message).toMatch(
      /đã thuộc một kỳ đánh giá/,
    );
    const cycles = (await admin.get('/api/cycles')).json() as { items: { name: string }[] };
    expect(cycles.items.some((c) => c.name === 'Chỉ số CCHC 2025 của tỉnh')).toBe(false);
  });
});

describe('an unpublished cycle’s results', () => {
  it('do not show as the previous result on a later card, nor in the entry template', async () => {
    // Hà Quảng's 2023 cycle, finalised but not published
    await t.database.db.execute(
      sql`update cycles set status = 'finalised' where year = 2023 and owner_unit_id = ${u['UBND-HQ']}`,
    );
    const e = await hq.send('PUT', '/api/results', {
      frameworkId: fw,
      year: 2025,
      unitId: u['HQ-NV'],
      mode: 'fields',
      inputs: fields,
      ownerUnitId: u['HQ-NV'],
    });
    expect(e.statusCode, e.body).toBe(200);
    const officer = await t.login('canbo.haquang');
    const card = (
      await officer.get(`/api/results/${(e.json() as { result: { id: string } }).result.id}`)
    ).json() as {
      previous: { year: number } | null;
    };
    // not the unpublished 2023 result: at most the demo's published 2022 one
    expect(card.previous?.year ?? null).not.toBe(2023);
    expect(card.previous?.year ?? 2022).toBe(2022);
    // the coordinator who runs the cycle sees it as before
    const own = (
      await hq.get(`/api/results/${(e.json() as { result: { id: string } }).result.id}`)
    ).json() as {
      previous: { year: number } | null;
    };
    expect(own.previous?.year).toBe(2023);
    // the template prefills no cycle result (a cycle's result changes only through its cycle)
    const tpl = await hq.get(`/api/results/template?frameworkId=${fw}&year=2023&mode=fields`);
    expect(tpl.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let line = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'HQ-NV') line = n;
    });
    expect(line).toBeGreaterThan(0);
    const values = (ws.getRow(line).values as unknown[]).slice(3).filter((v) => v !== null && v !== '');
    expect(values).toEqual([]);
    await t.database.db.execute(
      sql`update cycles set status = 'published' where year = 2023 and owner_unit_id = ${u['UBND-HQ']}`,
    );
  });
});
