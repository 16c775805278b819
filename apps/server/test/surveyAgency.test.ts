/** Agency opinion (issue #15, item 5): the registry of bodies outside the tree (preset of seed 002,
 * rated unit inside the owner's subtree), invitations whose token is stored only as its sha256 and
 * mailed through the outbox, reminders that re-issue a new token (the old one stops matching), the
 * reminder job 3 days before closing (once), and another tree refused. */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { SurveyAgencyService } from '../src/modules/surveyAgency/service.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { openCampaign, rows } from './surveyPostauditHelpers.ts';

let t: TestApp;
let province: Client;
let haquang: Client;
const ids: Record<string, string> = {};
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let campaignId: string;
const closesOn = addDays(todayVn(), 3);

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  haquang = await t.login('dieuphoi.haquang');
  for (const c of ['CAT-ST', 'CAH-CLD', 'UBND-HQ']) ids[c] = await unitIdByCode(t, c);
  campaignId = await openCampaign(
    province,
    'PL01b',
    'YK-2024',
    ids['CAT-ST']!,
    [
      { unitId: ids['CAT-ST']!, fieldCode: 'YK' },
      { unitId: ids['CAH-CLD']!, fieldCode: 'YK' },
    ],
    closesOn,
  );
});
afterAll(async () => t?.close());

type Body = { id: string; name: string; ratesUnitId: string | null; kind: string };
type Links = { items: { invitationId: string; bodyName: string; link: string; mailed: boolean }[] };

describe('respondent bodies', () => {
  it('the preset adds the four provincial bodies rating the province, once', async () => {
    const r = await province.send('POST', '/api/survey-bodies/preset', { ownerUnitId: ids['CAT-ST'] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ added: 4, skipped: 0 });
    expect(
      (await province.send('POST', '/api/survey-bodies/preset', { ownerUnitId: ids['CAT-ST'] })).json(),
    ).toEqual({
      added: 0,
      skipped: 4,
    });
    const list = (await province.get(`/api/survey-bodies?unitId=${ids['CAT-ST']}`)).json() as {
      items: Body[];
    };
    expect(list.items.map((b) => b.name)).toContain('Sở Tư pháp');
    expect(list.items.every((b) => b.ratesUnitId === ids['CAT-ST'] && b.kind === 'provincial')).toBe(true);
  });

  it('a body rates a unit of the owner subtree only; edits are audited', async () => {
    const out = await province.send('POST', '/api/survey-bodies', {
      ownerUnitId: ids['CAT-ST'],
      name: 'UBND huyện Hà Quảng',
      kind: 'district_committee',
      ratesUnitId: ids['UBND-HQ'],
    });
    expect(out.statusCode).toBe(422);
    const ok = await province.send('POST', '/api/survey-bodies', {
      ownerUnitId: ids['CAT-ST'],
      name: 'UBND huyện Cù Lao Dung',
      kind: 'district_committee',
      email: 'ubnd.culaodung@example.vn',
      ratesUnitId: ids['CAH-CLD'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = (ok.json() as Body).id;
    const e = await province.send('PATCH', `/api/survey-bodies/${id}`, {
      email: 'vanphong@culaodung.example.vn',
      reason: 'Địa chỉ mới',
    });
    expect(e.statusCode, e.body).toBe(200);
    const a = await rows<{ n: number }>(
      t,
      sql`select count(*)::int as n from audit_log where action = 'survey.body.update' and entity_id = ${id}`,
    );
    expect(a[0]!.n).toBe(1);
  });

  it('another tree is refused', async () => {
    expect((await haquang.get(`/api/survey-bodies?unitId=${ids['CAT-ST']}`)).statusCode).toBe(403);
    expect((await haquang.get(`/api/survey-campaigns/${campaignId}/invitations`)).statusCode).toBe(403);
  });
});

describe('invitations', () => {
  let links: Links['items'];
  it('one per body; the token is stored only as its sha256 and mailed to the body', async () => {
    const bodies = (
      (await province.get(`/api/survey-bodies?unitId=${ids['CAT-ST']}`)).json() as { items: Body[] }
    ).items;
    const r = await province.send('POST', `/api/survey-campaigns/${campaignId}/invitations`, {
      bodyIds: bodies.map((b) => b.id),
    });
    expect(r.statusCode, r.body).toBe(200);
    links = (r.json() as Links).items;
    expect(links).toHaveLength(5);
    const stored = await rows<{ token_hash: string; unit_id: string; all: string }>(
      t,
      sql`select token_hash, unit_id, row_to_json(i)::text as all from survey_invitations i where campaign_id = ${campaignId}`,
    );
    for (const l of links) {
      const token = l.link.replace('/y/', '');
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(24);
      expect(stored.some((s) => s.token_hash === sha(token))).toBe(true);
      expect(stored.some((s) => s.all.includes(token))).toBe(false);
    }
    const cld = links.find((l) => l.bodyName === 'UBND huyện Cù Lao Dung')!;
    expect(cld.mailed).toBe(true);
    const mail = await rows<{ to_address: string; body: string }>(
      t,
      sql`select to_address, body from mail_outbox where to_address = 'vanphong@culaodung.example.vn'`,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain(cld.link);
    // the invitation's unit is the body's rated unit
    expect(stored.find((s) => s.token_hash === sha(cld.link.slice(3)))!.unit_id).toBe(ids['CAH-CLD']);
    // a second invitation of the same body is refused
    const again = await province.send('POST', `/api/survey-campaigns/${campaignId}/invitations`, {
      bodyIds: [bodies[0]!.id],
    });
    expect(again.statusCode).toBe(409);
    const view = (await province.get(`/api/survey-campaigns/${campaignId}/invitations`)).json() as {
      counts: { invited: number; answered: number };
      items: { sentAt: string | null }[];
    };
    expect(view.counts).toEqual({ invited: 5, answered: 0 });
    expect(view.items.every((i) => i.sentAt)).toBe(true);
  });

  it('a citizen-form campaign takes no invitations', async () => {
    const c = await openCampaign(province, 'PL01a', 'HL-X', ids['CAT-ST']!, [
      { unitId: ids['CAH-CLD']!, fieldCode: 'A' },
    ]);
    const bodies = (
      (await province.get(`/api/survey-bodies?unitId=${ids['CAT-ST']}`)).json() as { items: Body[] }
    ).items;
    const r = await province.send('POST', `/api/survey-campaigns/${c}/invitations`, {
      bodyIds: [bodies[0]!.id],
    });
    expect(r.statusCode).toBe(422);
  });

  it('a reminder re-issues a new token: the old link no longer matches; answered ones are skipped', async () => {
    const one = links.find((l) => l.bodyName === 'Sở Nội vụ')!;
    const r = await province.send('POST', `/api/survey-campaigns/${campaignId}/invitations/remind`, {
      invitationId: one.invitationId,
    });
    expect(r.statusCode, r.body).toBe(200);
    const fresh = (r.json() as Links).items[0]!;
    expect(fresh.link).not.toBe(one.link);
    const h = await rows<{ token_hash: string; reminded_at: string | null }>(
      t,
      sql`select token_hash, reminded_at from survey_invitations where id = ${one.invitationId}`,
    );
    expect(h[0]!.token_hash).toBe(sha(fresh.link.slice(3)));
    expect(h[0]!.token_hash).not.toBe(sha(one.link.slice(3)));
    expect(h[0]!.reminded_at).not.toBeNull();
    // one answered (as the public page does), then "remind all" skips it
    await t.database.db.execute(
      sql`update survey_invitations set answered_at = now() where id = ${links.find((l) => l.bodyName === 'Sở Tư pháp')!.invitationId}`,
    );
    const all = await province.send('POST', `/api/survey-campaigns/${campaignId}/invitations/remind`, {});
    expect((all.json() as Links).items.map((x) => x.bodyName)).not.toContain('Sở Tư pháp');
    expect((all.json() as Links).items).toHaveLength(4);
  });

  it('the job reminds unanswered bodies with an address once, 3 days before closing', async () => {
    // a body with an address, invited but never reminded
    const b = await province.send('POST', '/api/survey-bodies', {
      ownerUnitId: ids['CAT-ST'],
      name: 'UBND xã An Thạnh 1',
      kind: 'commune_committee',
      email: 'ubnd.anthanh1@example.vn',
      ratesUnitId: ids['CAH-CLD'],
    });
    const inv = await province.send('POST', `/api/survey-campaigns/${campaignId}/invitations`, {
      bodyIds: [(b.json() as Body).id],
    });
    expect(inv.statusCode, inv.body).toBe(200);
    const early = new SurveyAgencyService(t.database.db, () => addDays(closesOn, -4));
    expect(await early.reminderJob()).toBe(0);
    const job = new SurveyAgencyService(t.database.db, () => addDays(closesOn, -3));
    // the Cù Lao Dung body was reminded by hand today, after the cut-off: only An Thạnh 1 is due
    expect(await job.reminderJob()).toBe(1);
    expect(await job.reminderJob()).toBe(0);
    const mail = await rows<{ n: number }>(
      t,
      sql`select count(*)::int as n from mail_outbox where to_address = 'ubnd.anthanh1@example.vn'`,
    );
    expect(mail[0]!.n).toBe(2);
  });
});
