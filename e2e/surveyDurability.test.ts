/** Nothing acknowledged is lost on the citizen page (issue #15, acceptance): a bounded load of
 * submissions (each a distinct form token, some posted twice) runs against a server with a data
 * directory, the server is killed with SIGKILL while posts are in flight, and after a restart every
 * submission that got a 2xx is present exactly once; one in flight is there at most once. */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../apps/server/src/db/open.ts';
import { apiLogin, demoPassword, type Running, startServer } from './server.ts';

let server: Running | null = null;
let dataDir = '';
afterAll(async () => {
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const SCALE = ['TC1', 'TC2', 'TC3', 'TT1', 'TT2', 'TT3', 'TT4', 'CB1', 'CB2', 'CB3', 'CB4', 'CB5'].concat([
  'KQ1',
  'KQ2',
  'KQ3',
  'PA1',
  'PA2',
  'PA3',
  'HL',
]);

/** One citizen: opens the page, posts the answers tagged `tag` (twice when `twice`); true when a post
 * was acknowledged with 2xx. */
async function citizen(url: string, link: string, tag: string, twice: boolean): Promise<boolean> {
  const page = await (await fetch(url + link)).text();
  const token = /name="_t" value="([^"]+)"/.exec(page)![1]!;
  const body = new URLSearchParams({ _t: token, q_YK: tag });
  for (const q of SCALE) body.set(`q_${q}`, '4');
  let ok = false;
  for (let i = 0; i < (twice ? 2 : 1); i++) {
    const r = await fetch(url + link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    await r.text();
    if (r.status >= 200 && r.status < 300) ok = true;
    else throw new Error(`${tag}: ${r.status}`);
  }
  return ok;
}

describe('durability of citizen submissions', () => {
  it('SIGKILL during a load of submissions loses nothing acknowledged and counts nothing twice', async () => {
    server = await startServer();
    dataDir = server.dataDir;
    const url = server.url;
    const coord = await apiLogin(url, 'dieuphoi.culaodung', await demoPassword(url, 'dieuphoi.culaodung'));
    const units = await coord.get<{ items: { id: string; code: string }[] }>('/api/units?q=CAH-CLD');
    const cld = units.items.find((u) => u.code === 'CAH-CLD')!.id;
    const forms = await coord.get<{ items: { id: string; code: string }[] }>('/api/survey-forms');
    const c = await coord.send('POST', '/api/survey-campaigns', {
      code: 'HL-BEN',
      name: 'Kiểm tra độ bền',
      year: 2026,
      formId: forms.items.find((f) => f.code === 'PL01a')!.id,
      ownerUnitId: cld,
      periodFrom: '2025-09-15',
      periodTo: '2026-09-14',
      opensOn: '2020-01-01',
      closesOn: '2099-12-31',
      fields: [{ code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' }],
      targets: [{ unitId: cld, fieldCode: 'CCCD', transactions: 1000 }],
    });
    expect(c.status).toBe(200);
    const campaignId = ((await c.json()) as { id: string }).id;
    expect(
      (await coord.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' })).status,
    ).toBe(200);
    const link = (await coord.get<{ targets: { link: string }[] }>(`/api/survey-campaigns/${campaignId}`))
      .targets[0]!.link;

    // bounded load: 6 workers, at most 300 citizens and 60 s; the kill comes after 40 acknowledgements
    const acked = new Set<string>();
    const started = new Set<string>();
    let next = 0;
    let killed = false;
    const deadline = Date.now() + 60_000;
    const worker = async () => {
      while (!killed && next < 300 && Date.now() < deadline) {
        const tag = `ballot-${next++}`;
        started.add(tag);
        try {
          if (await citizen(url, link, tag, next % 3 === 0)) acked.add(tag);
        } catch {
          /* the server died under this one */
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    while (acked.size < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    await server.kill();
    await Promise.all(workers);
    expect(acked.size).toBeGreaterThanOrEqual(40);

    // restart on the same data directory: the page is there again
    server = await startServer({ dataDir });
    expect((await fetch(server.url + link)).status).toBe(200);
    await server.kill();
    const database = await openDb({ dataDir, lock: false });
    try {
      const r = (await database.db.execute(
        sql`select answers->>'YK' as tag, count(*)::int as n from survey_ballots
            where campaign_id = ${campaignId} group by 1`,
      )) as unknown as { rows: { tag: string; n: number }[] };
      const count = new Map(r.rows.map((x) => [x.tag, x.n]));
      for (const tag of acked) expect(count.get(tag), tag).toBe(1);
      for (const [tag, n] of count) {
        expect(started.has(tag), tag).toBe(true);
        expect(n, tag).toBe(1);
      }
    } finally {
      await database.close();
    }
  }, 600_000);
});
