/** Post-audit (issue #15, item 6): the sample drawn from the stored seed is the same when drawn again
 * (and equals the domain's draw over the candidates); sizes per unit follow max(⌈share × n⌉, min);
 * contacts are refused to the owner's coordinator and to anyone not assigned, shown to the assigned
 * user for their unit only, every view audited, never in a list; outcomes flag a unit over the
 * threshold; a failed ballot is invalidated with a reason; contacts are erased after the configured
 * days once closed (audited once); another tree is refused. */
import { drawSample } from '@chiso/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { insertBallots, openCampaign, rows } from './surveyPostauditHelpers.ts';

let t: TestApp;
let coord: Client;
let auditor: Client;
let haquang: Client;
const ids: Record<string, string> = {};
let campaignId: string;
let pa08: number[];
let cld: number[];

type View = {
  canManage: boolean;
  setup: { seed: string; sharePercent: number; minPerUnit: number; state: string; candidates: number } | null;
  units: {
    unitId: string;
    sampled: number;
    recorded: number;
    failureRate: number | null;
    flagged: boolean;
  }[];
  items: { ballotId: number; unitId: string; hasPhone: boolean; outcome: string | null; assigned: boolean }[];
};
const view = async (c: Client) => {
  const r = await c.get(`/api/survey-campaigns/${campaignId}/postaudit`);
  expect(r.statusCode, r.body).toBe(200);
  return { json: r.json() as View, body: r.body };
};
const auditCount = async (action: string) =>
  (await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!
    .n;

beforeAll(async () => {
  t = await testApp();
  coord = await t.login('dieuphoi.soctrang');
  auditor = await t.login('thamdinh.soctrang');
  haquang = await t.login('dieuphoi.haquang');
  for (const c of ['CAT-ST', 'PA08', 'CAH-CLD']) ids[c] = await unitIdByCode(t, c);
  campaignId = await openCampaign(coord, 'PL01a', 'HL-2024', ids['CAT-ST']!, [
    { unitId: ids.PA08!, fieldCode: 'XNC' },
    { unitId: ids['CAH-CLD']!, fieldCode: 'XNC' },
  ]);
  pa08 = await insertBallots(t, campaignId, ids.PA08!, 'XNC', 80, 1000);
  await insertBallots(t, campaignId, ids.PA08!, 'XNC', 10, null);
  cld = await insertBallots(t, campaignId, ids['CAH-CLD']!, 'XNC', 12, 2000);
});
afterAll(async () => t?.close());

describe('the sample', () => {
  it('is drawn from a stored seed among ballots with a phone, sized per unit, the same when drawn again', async () => {
    const r = await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit`, {});
    expect(r.statusCode, r.body).toBe(200);
    const first = (r.json() as { ballotIds: number[] }).ballotIds;
    const { json } = await view(coord);
    expect(json.setup).toMatchObject({ sharePercent: 10, minPerUnit: 5, state: 'open', candidates: 92 });
    // PA08: 80 candidates → ⌈8⌉ = 8; Cù Lao Dung: 12 → max(⌈1,2⌉, 5) = 5
    expect(json.units.find((u) => u.unitId === ids.PA08)!.sampled).toBe(8);
    expect(json.units.find((u) => u.unitId === ids['CAH-CLD'])!.sampled).toBe(5);
    expect(first.every((id) => pa08.includes(id) || cld.includes(id))).toBe(true);
    const again = await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/draw`);
    expect(again.json()).toEqual({ ballotIds: first, same: true });
    // the domain draws the same from the stored seed, whatever the order of the rows
    const cands = [
      ...pa08.map((id) => ({ id, unitId: ids.PA08! })),
      ...cld.map((id) => ({ id, unitId: ids['CAH-CLD']! })),
    ];
    expect(drawSample(cands.reverse(), json.setup!.seed, 10, 5).map((c) => c.id)).toEqual(first);
    // a second setup is refused
    expect((await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit`, {})).statusCode).toBe(
      409,
    );
  });
});

describe('contacts', () => {
  it('are refused to the owner coordinator and to a post-auditor not assigned; lists never carry them', async () => {
    const { json, body } = await view(coord);
    expect(json.items.every((i) => i.hasPhone)).toBe(true);
    expect(body).not.toMatch(/09\d{8}/);
    const one = json.items.find((i) => i.unitId === ids.PA08)!.ballotId;
    const url = `/api/survey-campaigns/${campaignId}/postaudit/items/${one}/contact`;
    expect((await coord.get(url)).statusCode).toBe(403);
    expect((await auditor.get(url)).statusCode).toBe(403);
    expect((await auditor.get(`/api/survey-campaigns/${campaignId}/postaudit`)).statusCode).toBe(403);
    expect(await auditCount('survey.contact.view')).toBe(0);
  });

  it('only users holding survey.postaudit can be assigned', async () => {
    const users = (await coord.get(`/api/survey-campaigns/${campaignId}/postaudit/assignable`)).json() as {
      items: { userId: string; userName: string }[];
    };
    const officer = await rows<{ id: string }>(
      t,
      sql`select id from users where username = 'canbo.culaodung'`,
    );
    expect(users.items.some((u) => u.userId === officer[0]!.id)).toBe(false);
    const r = await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/assignments`, {
      userId: officer[0]!.id,
      unitId: ids['CAH-CLD'],
    });
    expect(r.statusCode).toBe(422);
  });

  it('are shown to the assigned user for their unit only, each view audited without the number', async () => {
    const me = await rows<{ id: string }>(t, sql`select id from users where username = 'thamdinh.soctrang'`);
    const a = await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/assignments`, {
      userId: me[0]!.id,
      unitId: ids.PA08,
    });
    expect(a.statusCode, a.body).toBe(200);
    const { json } = await view(auditor);
    // the assigned user sees the sample of their unit only
    expect(json.items.every((i) => i.unitId === ids.PA08 && i.assigned)).toBe(true);
    const mine = json.items[0]!.ballotId;
    const c1 = await auditor.get(`/api/survey-campaigns/${campaignId}/postaudit/items/${mine}/contact`);
    expect(c1.statusCode, c1.body).toBe(200);
    const phone = (c1.json() as { phone: string }).phone;
    expect(phone).toMatch(/^09\d{8}$/);
    await auditor.get(`/api/survey-campaigns/${campaignId}/postaudit/items/${mine}/contact`);
    expect(await auditCount('survey.contact.view')).toBe(2);
    const trail = await rows<{ t: string }>(
      t,
      sql`select row_to_json(a)::text as t from audit_log a where action = 'survey.contact.view'`,
    );
    expect(trail.every((x) => !x.t.includes(phone))).toBe(true);
    // another unit's ballot stays closed to them, and the coordinator still cannot see it
    const other = (await view(coord)).json.items.find((i) => i.unitId === ids['CAH-CLD'])!.ballotId;
    expect(
      (await auditor.get(`/api/survey-campaigns/${campaignId}/postaudit/items/${other}/contact`)).statusCode,
    ).toBe(403);
    expect(
      (await coord.get(`/api/survey-campaigns/${campaignId}/postaudit/items/${mine}/contact`)).statusCode,
    ).toBe(403);
  });
});

describe('outcomes', () => {
  it('flag a unit over the threshold; a failed ballot is invalidated with a reason, a confirmed one is not', async () => {
    const items = (await view(auditor)).json.items;
    const [b1, b2, b3] = items.map((i) => i.ballotId);
    const rec = (b: number, outcome: string) =>
      auditor.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/items/${b}/outcome`, {
        outcome,
        note: 'Gọi lúc 9 giờ',
      });
    expect((await rec(b1!, 'denied')).statusCode).toBe(200);
    expect((await rec(b2!, 'confirmed')).statusCode).toBe(200);
    expect((await rec(b3!, 'confirmed')).statusCode).toBe(200);
    let u = (await view(coord)).json.units.find((x) => x.unitId === ids.PA08)!;
    expect(u).toMatchObject({ recorded: 3, failureRate: 3333, flagged: true });
    expect(await auditCount('survey.postaudit.outcome')).toBe(3);
    // redrawing is refused once an outcome is recorded
    expect((await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/draw`)).statusCode).toBe(
      409,
    );
    const inv = (b: number) =>
      coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/items/${b}/invalidate`, {
        reason: 'Người được gọi không thừa nhận đã trả lời phiếu',
      });
    expect((await inv(b2!)).statusCode).toBe(409);
    expect((await inv(b1!)).statusCode).toBe(200);
    const ballot = await rows<{ invalid_reason: string; flags: string[]; invalidated_at: string | null }>(
      t,
      sql`select invalid_reason, flags, invalidated_at from survey_ballots where id = ${b1}`,
    );
    expect(ballot[0]!.invalid_reason).toContain('không thừa nhận');
    expect(ballot[0]!.flags).toContain('postaudit_failed');
    expect(ballot[0]!.invalidated_at).not.toBeNull();
    expect(await auditCount('survey.ballot.invalidate')).toBe(1);
    expect((await inv(b1!)).statusCode).toBe(409);
    // two confirmed more: 1 of 5 = 20 %, not above the threshold
    await rec(items[3]!.ballotId, 'confirmed');
    await rec(items[4]!.ballotId, 'unreachable');
    u = (await view(coord)).json.units.find((x) => x.unitId === ids.PA08)!;
    expect(u).toMatchObject({ recorded: 5, failureRate: 2000, flagged: false });
  });
});

describe('closing and erasure', () => {
  it('contacts are erased eraseAfterDays after closing, once, and audited once', async () => {
    const svc = t.app.services.surveyPostaudit;
    expect(
      (await coord.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/close`, {})).statusCode,
    ).toBe(200);
    expect(await svc.eraseDueContacts()).toBe(0);
    const phones = async () =>
      (
        await rows<{ n: number }>(
          t,
          sql`select count(contact_phone)::int as n from survey_ballots where campaign_id = ${campaignId}`,
        )
      )[0]!.n;
    expect(await phones()).toBe(92);
    await t.database.db.execute(
      sql`update survey_postaudits set closed_at = now() - interval '29 days' where campaign_id = ${campaignId}`,
    );
    expect(await svc.eraseDueContacts()).toBe(0);
    await t.database.db.execute(
      sql`update survey_postaudits set closed_at = now() - interval '30 days 1 minute' where campaign_id = ${campaignId}`,
    );
    expect(await svc.eraseDueContacts()).toBe(1);
    expect(await svc.eraseDueContacts()).toBe(0);
    expect(await phones()).toBe(0);
    expect(await auditCount('survey.contact.erase')).toBe(1);
    expect((await view(coord)).json.setup).toMatchObject({ state: 'closed' });
    const b = (await view(auditor)).json.items[0]!.ballotId;
    expect(
      (await auditor.get(`/api/survey-campaigns/${campaignId}/postaudit/items/${b}/contact`)).statusCode,
    ).toBe(409);
  });

  it('another tree is refused', async () => {
    expect((await haquang.get(`/api/survey-campaigns/${campaignId}/postaudit`)).statusCode).toBe(403);
    expect(
      (await haquang.send('POST', `/api/survey-campaigns/${campaignId}/postaudit/close`, {})).statusCode,
    ).toBe(403);
  });
});
