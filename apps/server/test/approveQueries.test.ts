/** How many statements approving an appraisal one level up sends (issue #12): a district approves a
 * commune's appraisal in a cycle run by the province, the next level's users having an e-mail
 * address. Counted: every statement the approve service (what POST /api/assessments/:id/approve
 * runs after the access hook) sends through Drizzle, transaction control not counted
 * (`database.queries`, the counter bench/cycles-pg.ts prints too). 23 at fec2ea3 in this scenario
 * (22 without the e-mail): the assessment was loaded three times. */
import { leavesOf, parseFrameworkJson } from '@chiso/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailOutbox } from '../src/db/schema.ts';
import { addDays, todayVn } from '../src/lib/dates.ts';
import type { Actor } from '../src/modules/auth/actor.ts';
import { activeGrantsOf, findUserByUsername } from '../src/modules/auth/repository.ts';
import { demoInput } from '../src/modules/system/seedCycles.ts';
import { testApp, unitIdByCode, type TestApp } from './helpers.ts';

let t: TestApp;
const today = todayVn();

beforeAll(async () => {
  t = await testApp({ loginRatePerMinute: 1000 });
}, 120_000);
afterAll(async () => t?.close());

async function actorOf(username: string): Promise<Actor> {
  const u = (await findUserByUsername(t.database.db, username))!;
  return { id: u.id, name: u.fullName, grants: await activeGrantsOf(t.database.db, u.id) };
}

it('approving one level up sends at most 11 statements', async () => {
  const province = await t.login('dieuphoi.soctrang');
  const officer = await t.login('canbo.culaodung');
  const head = await t.login('truong.culaodung');
  const admin = await t.login('quantri');
  const fws = (await province.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string }[];
  };
  const frameworkId = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
  const r = await province.send('POST', '/api/cycles', {
    name: 'Đếm truy vấn khi duyệt',
    year: 2025,
    frameworkId,
    ownerUnitId: await unitIdByCode(t, 'CAT-ST'),
    unitKinds: ['commune_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });
  expect(r.statusCode, r.body).toBe(200);
  const cycle = r.json() as { id: string; units: { assessmentId: string }[] };
  const stage = (s: string, state: string) =>
    province.send('POST', `/api/cycles/${cycle.id}/stages/${s}`, { state });
  expect((await stage('self_assessment', 'open')).statusCode).toBe(200);
  const fw = (await province.get(`/api/frameworks/${frameworkId}`)).json() as { definition: unknown };
  const id = cycle.units[0]!.assessmentId;
  // survey leaves are never typed (they read a campaign's published index)
  for (const l of leavesOf(parseFrameworkJson(fw.definition).framework!).filter(
    (x) => x.rule?.type !== 'survey',
  ))
    expect(
      (
        await officer.send('PUT', `/api/assessments/${id}/items/${l.code}`, {
          text: demoInput(l, 0),
          note: 'Hồ sơ lưu tại đơn vị.',
        })
      ).statusCode,
    ).toBe(200);
  expect((await head.send('POST', `/api/assessments/${id}/submit`)).statusCode).toBe(200);
  await stage('self_assessment', 'closed');
  await stage('appraisal', 'open');
  // the province's coordinator (the next level) has an address: the approval queues an e-mail
  const coordinator = await actorOf('dieuphoi.soctrang');
  const mail = await admin.send('PATCH', `/api/users/${coordinator.id}`, {
    email: 'dieuphoi@soctrang.example',
  });
  expect(mail.statusCode, mail.body).toBe(200);

  const district = await actorOf('dieuphoi.culaodung');
  const { result, queries } = await t.database.queries.measure(() =>
    t.app.services.approval.approve(district, id, 'Đồng ý.'),
  );
  expect(result.approval).toMatchObject({ complete: true, holderUnitName: 'Công an tỉnh Sóc Trăng' });
  expect(queries).toBeLessThanOrEqual(11);
  // the approval was stored, the e-mail queued
  const v = (await province.get(`/api/assessments/${id}/appraisal`)).json() as typeof result;
  expect(v.approval.levels[0]?.approvedBy).toBe(district.name);
  const mails = await t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, 'dieuphoi@soctrang.example'));
  expect(mails.map((m) => m.subject)).toContain(
    `[Chiso] Công an huyện Cù Lao Dung đã duyệt kết quả thẩm định của ${v.unitName} — Đếm truy vấn khi duyệt`,
  );
});
