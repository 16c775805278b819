/** Notices to people (issue #13, ADR 0015): one event makes one notice with one recipient row per
 * person holding a right for it, one e-mail per person; the bell counts the person's unread notices
 * with no cap; read one, read all; a person never sees a notice about a unit outside their grants. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/open.ts';
import { notify, unitWork } from '../src/modules/notices/service.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

type Notices = {
  items: { id: string; kind: string; title: string; unitName: string; read: boolean; link: string | null }[];
  unread: number;
  total: number;
};

let t: TestApp;
let officer: Client;
let head: Client;
let hqOfficer: Client;
const STAGE_2024 =
  'Mở giai đoạn “Tự đánh giá” — Chỉ số CCHC năm 2024 — các Đội và Công an cấp xã huyện Cù Lao Dung — Công an tỉnh Sóc Trăng';

const bell = async (c: Client, q = '') => (await c.get(`/api/notices${q}`)).json() as Notices;

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
  hqOfficer = await t.login('canbo.haquang');
}, 240_000); // seeding the demo cycles is slow on a loaded machine
afterAll(async () => t?.close());

describe('one event, one notice per person', () => {
  it('the province opening self-assessment for 13 units of Cù Lao Dung is one line in the officer’s bell', async () => {
    const mine = await bell(officer);
    expect(mine.items.filter((n) => n.title === STAGE_2024)).toHaveLength(1);
    // the person sees it through the unit they hold a right on
    expect(mine.items.find((n) => n.title === STAGE_2024)!.unitName).toBe('Công an huyện Cù Lao Dung');
    // in the database: one notice, whose recipients are the officer and the head (the unit's work)
    const rows = await rawRows<{ notices: number; people: string[] }>(
      t.database.db,
      sql`select count(distinct n.id)::int as notices,
            array_agg(u.username order by u.username) as people
          from notices n join notice_recipients r on r.notice_id = n.id join users u on u.id = r.user_id
          where n.title = ${STAGE_2024}`,
    );
    expect(rows[0]).toEqual({ notices: 1, people: ['canbo.culaodung', 'truong.culaodung'] });
    // the coordinator who opened it, and Hà Quảng, are not told
    const prov = await bell(await t.login('dieuphoi.soctrang'));
    expect(prov.items.some((n) => n.title === STAGE_2024)).toBe(false);
    expect((await bell(hqOfficer)).items.some((n) => n.title === STAGE_2024)).toBe(false);
  });

  it('one e-mail per person with an address', async () => {
    const admin = await t.login('quantri');
    const users = (await admin.get('/api/users?q=culaodung')).json() as {
      items: { id: string; username: string }[];
    };
    for (const u of users.items)
      expect(
        (await admin.send('PATCH', `/api/users/${u.id}`, { email: `${u.username}@example.vn` })).statusCode,
      ).toBe(200);
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const communes = await rawRows<{ id: string }>(
      t.database.db,
      sql`select id from units where parent_id = ${cld}`,
    );
    expect(communes.length).toBeGreaterThan(5);
    const r = await t.database.db.transaction((tx) =>
      notify(tx, {
        kind: 'deadline',
        unitId: cld,
        title: 'Thử: một sự kiện cho mọi đơn vị của huyện',
        body: 'Nội dung thử.',
        to: [unitWork([cld, ...communes.map((c) => c.id)])],
      }),
    );
    expect(r).toEqual({ created: true, recipients: 2 });
    const mails = await rawRows<{ to_address: string }>(
      t.database.db,
      sql`select m.to_address from mail_outbox m join notices n on n.id = m.notice_id
          where n.title = 'Thử: một sự kiện cho mọi đơn vị của huyện' order by 1`,
    );
    expect(mails.map((m) => m.to_address)).toEqual([
      'canbo.culaodung@example.vn',
      'truong.culaodung@example.vn',
    ]);
  });
});

describe('the bell and the notices page', () => {
  it('counts every unread notice (no cap at 50) and pages through them', async () => {
    const before = await bell(officer);
    const cld = await unitIdByCode(t, 'CAH-CLD');
    await t.database.db.transaction(async (tx) => {
      for (let i = 1; i <= 60; i++)
        await notify(tx, {
          kind: 'deadline',
          unitId: cld,
          title: `Thử số ${i}`,
          body: '…',
          to: [unitWork([cld])],
        });
    });
    const after = await bell(officer);
    expect(after.unread).toBe(before.unread + 60);
    expect(after.total).toBe(before.total + 60);
    expect(after.items).toHaveLength(50);
    const page2 = await bell(officer, '?limit=50&offset=50');
    expect(page2.items.length).toBe(Math.min(50, after.total - 50));
    expect(new Set([...after.items, ...page2.items].map((n) => n.id)).size).toBe(
      after.items.length + page2.items.length,
    );
  });

  it('reads one, filters the unread, reads all; another person’s marks are their own', async () => {
    const all = await bell(officer);
    const one = all.items.find((n) => !n.read)!;
    const afterOne = (await officer.send('POST', `/api/notices/${one.id}/read`)).json() as Notices;
    expect(afterOne.unread).toBe(all.unread - 1);
    const unread = await bell(officer, '?unread=true&limit=200');
    expect(unread.items.every((n) => !n.read)).toBe(true);
    expect(unread.items.some((n) => n.id === one.id)).toBe(false);
    const headBefore = await bell(head);
    const cleared = (await officer.send('POST', '/api/notices/read-all')).json() as Notices;
    expect(cleared.unread).toBe(0);
    expect(cleared.items.every((n) => n.read)).toBe(true);
    expect((await bell(head)).unread).toBe(headBefore.unread);
  });
});

describe('scoping', () => {
  it('a person never sees, nor marks, a notice of a unit outside their grants', async () => {
    const cldNotice = (await bell(officer)).items[0]!;
    expect((await hqOfficer.send('POST', `/api/notices/${cldNotice.id}/read`)).statusCode).toBe(404);
    expect((await bell(hqOfficer)).items.some((n) => n.id === cldNotice.id)).toBe(false);
    // even addressed to them, a notice about a unit outside their grants stays hidden
    const hqOfficerId = (
      await rawRows<{ id: string }>(t.database.db, sql`select id from users where username = 'canbo.haquang'`)
    )[0]!.id;
    const cld = await unitIdByCode(t, 'CAH-CLD');
    await t.database.db.transaction((tx) =>
      notify(tx, {
        kind: 'deadline',
        unitId: cld,
        title: 'Không được lọt sang Hà Quảng',
        body: '…',
        to: [{ people: [{ userId: hqOfficerId, unitId: cld }] }],
      }),
    );
    const hq = await bell(hqOfficer);
    expect(hq.items.some((n) => n.title === 'Không được lọt sang Hà Quảng')).toBe(false);
    expect(hq.total).toBe(hq.items.length);
  });

  it('a grant revoked takes the unit’s notices out of the bell', async () => {
    const coord = await t.login('dieuphoi.culaodung');
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const coordId = (
      await rawRows<{ id: string }>(
        t.database.db,
        sql`select id from users where username = 'dieuphoi.culaodung'`,
      )
    )[0]!.id;
    await t.database.db.transaction((tx) =>
      notify(tx, {
        kind: 'approved',
        unitId: cld,
        title: 'Thử: chờ Cù Lao Dung duyệt',
        body: '…',
        to: [{ units: [cld], may: ['appraisal.write'] }],
      }),
    );
    expect((await bell(coord)).items.some((n) => n.title === 'Thử: chờ Cù Lao Dung duyệt')).toBe(true);
    // the coordinator keeps a right elsewhere (Hà Quảng), loses Cù Lao Dung
    const hq = await unitIdByCode(t, 'UBND-HQ');
    await rawRows(
      t.database.db,
      sql`insert into grants (id, user_id, role, unit_id) values (gen_random_uuid(), ${coordId}, 'leader', ${hq})`,
    );
    await rawRows(
      t.database.db,
      sql`update grants set revoked_at = now() where user_id = ${coordId} and unit_id = ${cld}`,
    );
    const again = await t.login('dieuphoi.culaodung');
    const r = await again.get('/api/notices');
    expect(r.statusCode).toBe(200);
    expect((r.json() as Notices).items.some((n) => n.title === 'Thử: chờ Cù Lao Dung duyệt')).toBe(false);
  });
});
