/** Deadline reminders three days and one day before (an extension counts), never repeated, and the
 * e-mail outbox: queued for users with an address, kept and retried when SMTP fails. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../src/db/schema.ts';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { NoticeService } from '../src/modules/notices/service.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let coord: Client;
let officer: Client;
let cycleId: string;
const today = todayVn();
const due = addDays(today, 10);

beforeAll(async () => {
  t = await testApp();
  coord = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  const admin = await t.login('quantri');
  // the officer has an e-mail address
  const users = (await admin.get('/api/users?q=canbo.culaodung')).json() as {
    items: { id: string; username: string }[];
  };
  const me = users.items.find((u) => u.username === 'canbo.culaodung')!;
  expect(
    (await admin.send('PATCH', `/api/users/${me.id}`, { email: 'canbo@culaodung.example' })).statusCode,
  ).toBe(200);
  const fws = (await coord.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  const r = await coord.send('POST', '/api/cycles', {
    name: 'Kỳ nhắc hạn',
    year: 2025,
    frameworkId: fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id,
    ownerUnitId: await unitIdByCode(t, 'CAH-CLD'),
    unitKinds: ['district_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map(
      (stage) => ({
        stage,
        startsOn: today,
        dueOn: due,
      }),
    ),
  });
  cycleId = (r.json() as { id: string }).id;
  await coord.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, { state: 'open' });
});
afterAll(async () => t?.close());

describe('deadline reminders', () => {
  it('three days and one day before, once each; none on other days', async () => {
    const at = (d: string) => new NoticeService(t.database.db, undefined, 'x', () => d);
    expect(await at(addDays(due, -5)).deadlineReminders()).toBe(0);
    expect(await at(addDays(due, -3)).deadlineReminders()).toBe(1);
    expect(await at(addDays(due, -3)).deadlineReminders()).toBe(0); // not repeated
    expect(await at(addDays(due, -1)).deadlineReminders()).toBe(1);
    expect(await at(due).deadlineReminders()).toBe(0);
    const n = (await officer.get('/api/notices')).json() as { items: { kind: string; title: string }[] };
    expect(n.items.filter((x) => x.kind === 'deadline').map((x) => x.title)).toEqual([
      'Còn 1 ngày: hạn “Tự đánh giá” — Kỳ nhắc hạn',
      'Còn 3 ngày: hạn “Tự đánh giá” — Kỳ nhắc hạn',
    ]);
  });
});

describe('e-mail outbox', () => {
  it('queues mail for users with an address; an unreachable SMTP server leaves it queued with the error', async () => {
    const rows = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'canbo@culaodung.example'));
    expect(rows.length).toBeGreaterThanOrEqual(3); // stage opened, two reminders
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    expect(rows.map((r) => r.subject)).toContain('[Chiso] Mở giai đoạn “Tự đánh giá” — Kỳ nhắc hạn');
    // without SMTP nothing is attempted
    expect(await new NoticeService(t.database.db, undefined).sendPending()).toEqual({ sent: 0, failed: 0 });
    const down = new NoticeService(t.database.db, 'smtp://127.0.0.1:1');
    const r = await down.sendPending();
    expect(r.sent).toBe(0);
    expect(r.failed).toBeGreaterThanOrEqual(3);
    const after = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'canbo@culaodung.example'));
    expect(after.every((x) => x.status === 'failed' && x.attempts === 1 && !!x.lastError)).toBe(true);
  });
});
