/** One calendar of deadlines (issue #16 item 7): a person sees the deadlines of their units — stages
 * of cycles, report requests, survey campaigns — and none of another tree; the same list as an ICS
 * feed behind a secret URL token that grants the feed only, replaced by a new one and refused once
 * revoked. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let officer: Client;
let hq: Client;

type Item = {
  uid: string;
  date: string;
  kind: string;
  title: string;
  detail: string;
  units: string[];
  link: string;
};
const items = async (c: Client, q = '') => {
  const r = await c.get(`/api/calendar${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { items: Item[] }).items;
};
/** The ICS text with its folded lines unfolded. */
const ics = async (url: string) => {
  const r = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
  return {
    status: r.statusCode,
    type: String(r.headers['content-type']),
    text: r.body.replace(/\r\n /g, ''),
  };
};

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  officer = await t.login('canbo.culaodung');
  hq = await t.login('dieuphoi.haquang');
}, 300_000);
afterAll(async () => t?.close());

describe('the calendar of a person', () => {
  it("lists the stages of the cycles of the reader's units, and nothing of another tree", async () => {
    const mine = await items(officer);
    const stages = mine.filter((i) => i.kind === 'stage');
    expect(stages.length).toBe(5); // the open 2024 cycle of Cù Lao Dung's teams and communes
    expect(stages[0]!.title).toBe(
      'Hạn cuối giai đoạn tự đánh giá — Chỉ số CCHC năm 2024 — các Đội và Công an cấp xã huyện Cù Lao Dung — Công an tỉnh Sóc Trăng',
    );
    expect(stages[0]!.units).toContain('Công an xã An Thạnh 1');
    expect(stages.map((s) => s.date)).toEqual([...stages.map((s) => s.date)].sort());
    expect(JSON.stringify(mine)).not.toMatch(/Hà Quảng/);
    const theirs = await items(hq);
    expect(theirs.some((i) => i.title.includes('Hà Quảng'))).toBe(true);
    expect(JSON.stringify(theirs)).not.toMatch(/Cù Lao Dung/);
  });

  it('lists report and survey deadlines of a past year when asked for its range', async () => {
    const y = await items(officer, '?from=2024-01-01&to=2024-12-31');
    const report = y.find((i) => i.kind === 'report')!;
    expect(report).toMatchObject({
      date: '2024-07-10',
      title: 'Hạn gửi báo cáo: Báo cáo kết quả đo lường sự hài lòng của người dân, tổ chức năm 2024 (Mẫu 01)',
      detail: 'Công an huyện Cù Lao Dung: đã gửi',
      units: ['Công an huyện Cù Lao Dung'],
    });
    const survey = y.filter((i) => i.kind === 'survey').map((i) => `${i.date} ${i.title}`);
    expect(survey).toContain(
      '2024-07-01 Hoàn thành đo lường sự hài lòng của người dân, tổ chức — Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    );
    expect(survey).toContain(
      '2024-07-10 Báo cáo kết quả đo lường theo Mẫu 01 — Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    );
    // the plan of the province asking the districts for theirs: the district sees its own row
    expect(y.find((i) => i.kind === 'plan')).toMatchObject({
      date: '2024-05-25',
      title: 'Hạn gửi kế hoạch thực hiện Kế hoạch số 215/KH-CAT',
      detail: 'Công an huyện Cù Lao Dung: đã gửi',
    });
    const province = await t.login('dieuphoi.soctrang');
    const theirs = await items(province, '?from=2024-05-25&to=2024-05-25');
    expect(theirs.find((i) => i.kind === 'plan')).toMatchObject({ detail: '1/11 đơn vị đã gửi.', units: [] });
    // the range is inclusive and refused upside down
    const upside = await officer.get('/api/calendar?from=2024-07-11&to=2024-07-10');
    expect(upside.statusCode).toBe(400);
    expect(upside.json().error.message).toContain('Từ ngày phải trước hoặc bằng đến ngày');
    expect((await items(officer, '?from=2024-07-10&to=2024-07-10')).length).toBeGreaterThan(0);
  });

  it('filters by one of the reader’s units, and refuses a unit of another tree', async () => {
    const town = await unitIdByCode(t, 'CLD-TT');
    const some = await items(officer, `?unitId=${town}`);
    expect(some.every((i) => i.units.every((u) => u === 'Công an thị trấn Cù Lao Dung'))).toBe(true);
    expect(some.length).toBeGreaterThan(0);
    const other = await unitIdByCode(t, 'UBND-HQ');
    expect((await officer.get(`/api/calendar?unitId=${other}`)).statusCode).toBe(404);
  });
});

describe('the ICS feed', () => {
  it('is made once, lists the deadlines of the user’s units, and grants nothing but the feed', async () => {
    expect((await officer.get('/api/calendar/feed')).json()).toEqual({ active: false, createdAt: null });
    const made = await officer.send('POST', '/api/calendar/feed', {});
    expect(made.statusCode, made.body).toBe(200);
    const url = (made.json() as { url: string }).url;
    expect(url).toMatch(/\/ics\/[A-Za-z0-9_-]{32}$/);
    expect((await officer.get('/api/calendar/feed')).json()).toMatchObject({ active: true });
    const feed = await ics(url);
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('text/calendar');
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(feed.text).toContain('SUMMARY:Hạn cuối giai đoạn tự đánh giá — Chỉ số CCHC năm 2024');
    // a year back and two ahead: the open cycle's five stages, each an all-day event of its last day
    expect(feed.text.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(5);
    expect(feed.text).not.toContain('Hà Quảng');
    // the token is no session: not as the session cookie, not as a bearer
    const token = url.split('/').pop()!;
    for (const headers of [{ cookie: `chiso_sid=${token}` }, { authorization: `Bearer ${token}` }])
      expect((await t.app.inject({ method: 'GET', url: '/api/cycles', headers })).statusCode).toBe(401);
    // the token is stored only as its hash
    const stored = (
      (await t.database.db.execute(sql`select token_hash from calendar_feeds`)) as unknown as {
        rows: { token_hash: string }[];
      }
    ).rows;
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
  });

  it('stops answering an old token once replaced, and a revoked one', async () => {
    const first = ((await officer.send('POST', '/api/calendar/feed', {})).json() as { url: string }).url;
    const second = ((await officer.send('POST', '/api/calendar/feed', {})).json() as { url: string }).url;
    expect((await ics(first)).status).toBe(404);
    expect((await ics(second)).status).toBe(200);
    const revoked = await officer.send('DELETE', '/api/calendar/feed');
    expect(revoked.json()).toEqual({ active: false, createdAt: null });
    const gone = await ics(second);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('đã bị thu hồi');
    expect((await officer.send('DELETE', '/api/calendar/feed')).statusCode).toBe(404);
    const admin = await t.login('quantri');
    const trail = (await admin.get('/api/audit?action=calendar.feed.revoke')).json() as {
      items: { actorName: string }[];
    };
    expect(trail.items.length).toBe(1);
    expect(JSON.stringify(trail)).not.toContain(second.split('/').pop()!);
  });
});
