/** The public survey pages (issue #15, items 3 and 5): the citizen's QR page is plain HTML with its own
 * strict CSP and ≤ 15 kB gzip with all it loads; a post counts once however often it is sent; wrong
 * answers come back kept with the message at the question; a closed campaign, an unknown link, the
 * honeypot, a too-fast answer, the device and address limits; the agency's one-time link answers
 * once; staff print QR codes and the unit's poster. */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueFormToken } from '../src/modules/surveyPublic/guard.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let coord: Client;
const ids: Record<string, string> = {};
let cccd = ''; // /s/<token> of CAH-CLD × CCCD
let ct = ''; // /s/<token> of CAH-CLD × CT
let campaignId = '';
let cld = '';

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

const ballots = async (campaignId: string) =>
  rows<{ id: number; mode: string; flags: string[]; duration_seconds: number; contact_phone: string | null }>(
    sql`select id, mode, flags, duration_seconds, contact_phone from survey_ballots where campaign_id = ${campaignId} order by id`,
  );

const countBallots = async () =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from survey_ballots`))[0]!.n;

let ipSeq = 1;
/** A new client address (the app is built with SURVEY_PER_ADDRESS_PER_HOUR = 4). */
const newIp = () => `10.1.0.${ipSeq++}`;

async function open(link: string, ip: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url: link, remoteAddress: ip, headers: cookie ? { cookie } : {} });
}

const tokenIn = (html: string) => /name="_t" value="([^"]+)"/.exec(html)![1]!;

/** A complete citizen answer: every scale question 4, the overall 5, a profile and a text. */
function answers(over: Record<string, string | string[]> = {}) {
  const f: Record<string, string | string[]> = { q_DT: 'CN', q_SOLAN: '1', q_YK: 'Phục vụ tốt' };
  for (const c of ['TC1', 'TC2', 'TC3', 'TT1', 'TT2', 'TT3', 'TT4', 'CB1', 'CB2', 'CB3', 'CB4', 'CB5'])
    f[`q_${c}`] = '4';
  for (const c of ['KQ1', 'KQ2', 'KQ3', 'PA1', 'PA2', 'PA3']) f[`q_${c}`] = '4';
  f.q_HL = '5';
  f.q_MD = ['TT', 'TD'];
  return { ...f, ...over };
}

function encode(fields: Record<string, string | string[]>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

async function post(link: string, fields: Record<string, string | string[]>, ip: string, cookie?: string) {
  return t.app.inject({
    method: 'POST',
    url: link,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: encode(fields),
  });
}

/** A form token issued `ago` seconds back, signed with the installation's secret. */
async function oldToken(link: string, ago: number) {
  const [m] = await rows<{ value: string }>(
    sql`select value from app_meta where key = 'survey_submit_secret'`,
  );
  return issueFormToken(m!.value, link, Date.now() - ago * 1000);
}

beforeAll(async () => {
  t = await testApp({ surveyPerAddressPerHour: 4 });
  coord = await t.login('dieuphoi.culaodung');
  cld = await unitIdByCode(t, 'CAH-CLD');
  const forms = (await coord.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  ids.pl01a = forms.items.find((f) => f.code === 'PL01a')!.id;
  ids.pl01b = forms.items.find((f) => f.code === 'PL01b')!.id;
  const c = await coord.send('POST', '/api/survey-campaigns', {
    code: 'HL-CLD-2026',
    name: 'Đo lường sự hài lòng năm 2026',
    year: 2026,
    formId: ids.pl01a,
    ownerUnitId: cld,
    periodFrom: '2025-09-15',
    periodTo: '2026-09-14',
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
    fields: [
      { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
      { code: 'CT', name: 'Cư trú' },
    ],
    settings: { minSeconds: 20, perDevicePerDay: 5 },
    targets: [
      { unitId: cld, fieldCode: 'CCCD', transactions: 1000 },
      { unitId: cld, fieldCode: 'CT', transactions: 500 },
    ],
  });
  expect(c.statusCode, c.body).toBe(200);
  campaignId = c.json().id;
  expect(
    (await coord.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' })).statusCode,
  ).toBe(200);
  const d = (await coord.get(`/api/survey-campaigns/${campaignId}`)).json() as {
    targets: { fieldCode: string; link: string }[];
  };
  cccd = d.targets.find((x) => x.fieldCode === 'CCCD')!.link;
  ct = d.targets.find((x) => x.fieldCode === 'CT')!.link;
}, 300_000);
afterAll(async () => t?.close());

describe('the citizen page', () => {
  it('is plain HTML in Vietnamese with the unit and field, a fieldset per question and its own strict CSP', async () => {
    const r = await open(cccd, newIp());
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = r.body;
    expect(html).toContain('<h1>Công an huyện Cù Lao Dung — Lĩnh vực cấp, quản lý Căn cước công dân</h1>');
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    // the inline style is the one the CSP's hash allows
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    // one fieldset with a legend per question (26 questions) plus phone and dossier
    expect(html.match(/<fieldset/g)).toHaveLength(26 + 2);
    expect(html.match(/<legend>/g)).toHaveLength(26 + 2);
    expect(html).toContain('<b>5</b>Rất hài lòng');
    expect(html).toContain('Chỉ để cán bộ hậu kiểm gọi xác nhận; không bắt buộc; không công khai.');
    expect(html).toMatch(/<div class="hp" aria-hidden="true">.*name="website" tabindex="-1"/);
    expect(html).not.toMatch(/họ và tên|name="(name|fullname|cccd)"/i);
    // tap targets: choices are at least 2.75rem (44 px at 16 px) high
    expect(style).toMatch(/\.c span\{[^}]*min-height:2\.9rem/);
    // a device cookie is set on the first post, not needed to read the page
    expect(r.headers['cache-control']).toBe('private, no-cache');
  });

  it('weighs ≤ 15 kB gzip with everything it references', async () => {
    const r = await open(cccd, newIp());
    let total = gzipSync(r.rawPayload).length;
    const refs = [...r.body.matchAll(/\s(?:href|src|srcset|action)="([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      if (ref.startsWith('data:') || ref.startsWith('#') || ref === cccd) continue;
      const sub = await t.app.inject({ method: 'GET', url: ref });
      total += gzipSync(sub.rawPayload).length;
    }
    expect(refs.filter((x) => /^https?:/.test(x))).toEqual([]);
    expect(total).toBeLessThanOrEqual(15 * 1024);
  });

  it('counts a double post once, answers both with the thank-you, and flags a too-fast answer', async () => {
    const ip = newIp();
    const page = await open(cccd, ip);
    const fields = { ...answers({ phone: '0912 345 678', dossier: 'HS-001' }), _t: tokenIn(page.body) };
    const a = await post(cccd, fields, ip);
    const b = await post(cccd, fields, ip);
    for (const x of [a, b]) {
      expect(x.statusCode, x.body.slice(-300)).toBe(200);
      expect(x.body).toContain('Cảm ơn Ông/Bà đã đánh giá');
      expect(x.headers['cache-control']).toBe('no-store');
    }
    const list = await ballots(campaignId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ mode: 'qr', flags: ['too_fast'], contact_phone: '0912345678' });
    // the day's batch exists and is audited once
    const batches = await rows<{ id: string; mode: string }>(
      sql`select id, mode from survey_batches where campaign_id = ${campaignId}`,
    );
    expect(batches).toEqual([expect.objectContaining({ mode: 'qr' })]);
    const [stored] = await rows<{ batch_id: string }>(
      sql`select batch_id from survey_ballots where id = ${list[0]!.id}`,
    );
    expect(stored!.batch_id).toBe(batches[0]!.id);
    // a second ballot the same day: same batch, no second audit entry; taking 60 s is not too fast
    const slow = await post(cccd, { ...answers(), _t: await oldToken(cccd, 60) }, ip);
    expect(slow.statusCode).toBe(200);
    const after = await ballots(campaignId);
    expect(after).toHaveLength(2);
    expect(after[1]!.flags).toEqual([]);
    expect(after[1]!.duration_seconds).toBeGreaterThanOrEqual(60);
    const audits = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'survey.batch.open' and entity_id = ${batches[0]!.id}`,
    );
    expect(audits[0]!.n).toBe(1);
  });

  it('keeps the typed answers when some are wrong, with the message at the question (422)', async () => {
    const ip = newIp();
    const before = (await ballots(campaignId)).length;
    const page = await open(cccd, ip);
    const fields = answers({ q_TC2: '2', q_YK: 'Chờ lâu <b>quá</b>', phone: '12ab', q_SOLAN: '99' });
    delete fields.q_TC1;
    const r = await post(cccd, { ...fields, _t: tokenIn(page.body) }, ip);
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Phiếu chưa gửi được: còn 3 chỗ cần xem lại.');
    expect(r.body).toMatch(
      /<fieldset id="q-TC1" class="bad"[^>]*><legend>[^<]*<\/legend><p class="err"[^>]*>Chưa trả lời\.<\/p>/,
    );
    expect(r.body).toContain('Lớn nhất là 20.');
    expect(r.body).toContain('Số điện thoại chưa đúng');
    expect(r.body).toContain('name="q_TC2" value="2" checked');
    expect(r.body).toContain('Chờ lâu &lt;b&gt;quá&lt;/b&gt;</textarea>');
    expect(r.body).toContain('value="12ab"');
    expect(r.body).toContain('name="q_MD" value="TT" checked');
    expect(await ballots(campaignId)).toHaveLength(before);
  });

  it('thanks a filled honeypot without storing anything', async () => {
    const ip = newIp();
    const before = (await ballots(campaignId)).length;
    const page = await open(cccd, ip);
    const r = await post(cccd, { ...answers(), website: 'http://spam.example', _t: tokenIn(page.body) }, ip);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Cảm ơn');
    expect(await ballots(campaignId)).toHaveLength(before);
  });

  it('refuses a forged form token, keeping the answers', async () => {
    const ip = newIp();
    const r = await post(
      cccd,
      { ...answers(), _t: 'AAAAAAAAAAAAAAAA.1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      ip,
    );
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Phiếu đã quá hạn hoặc không hợp lệ');
    expect(r.body).toContain('name="q_HL" value="5" checked');
  });

  it('limits a device to 5 ballots a day per unit × field, and an address to its hourly limit', async () => {
    const ip = newIp();
    const page = await open(ct, ip);
    const set = String(page.headers['set-cookie'] ?? '');
    // the cookie is made on the first post; take it from there
    const first = await post(ct, { ...answers(), _t: tokenIn(page.body) }, ip);
    const cookieHeader = String(first.headers['set-cookie']);
    expect(cookieHeader).toMatch(/^chiso_dev=[\w-]+;.*HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Lax/i);
    // the page itself gives only the form-token cookie of its link, never the device cookie
    expect(set).not.toContain('chiso_dev');
    const cookie = cookieHeader.split(';')[0]!;
    const statuses: number[] = [first.statusCode];
    // a device moving between networks (the address limit is 4 an hour)
    for (let i = 0; i < 5; i++) {
      const at = newIp();
      const p = await open(ct, at, cookie);
      statuses.push((await post(ct, { ...answers(), _t: tokenIn(p.body) }, at, cookie)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // the same device may still rate another field
    const other = await open(cccd, ip, cookie);
    expect((await post(cccd, { ...answers(), _t: tokenIn(other.body) }, ip, cookie)).statusCode).toBe(200);
    // one address: SURVEY_PER_ADDRESS_PER_HOUR = 4 (the test config) overrides the campaign's 600
    const nat = newIp();
    const got: number[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await open(cccd, nat);
      const r = await post(cccd, { ...answers(), _t: tokenIn(p.body) }, nat);
      got.push(r.statusCode);
      if (r.statusCode === 429) expect(r.body).toContain('thử lại sau');
    }
    expect(got).toEqual([200, 200, 200, 200, 429]);
  });

  it('offers the same form token again on back or reload, says the ballot was recorded, and a new one on request', async () => {
    const ip = newIp();
    const page = await open(cccd, ip);
    const ft = String(page.headers['set-cookie']).split(';')[0]!;
    expect(ft).toMatch(/^chiso_ft=/);
    expect(String(page.headers['set-cookie'])).toContain(`Path=${cccd}`);
    const token = tokenIn(page.body);
    expect((await post(cccd, { ...answers(), _t: token }, ip, ft)).statusCode).toBe(200);
    // back or reload: the same token, the page says it was recorded; posting again counts once
    const again = await open(cccd, ip, ft);
    expect(tokenIn(again.body)).toBe(token);
    expect(again.body).toContain('Phiếu này đã được ghi nhận');
    expect(again.body).toContain(`${cccd}?moi=1`);
    const before = await countBallots();
    expect((await post(cccd, { ...answers(), _t: token }, ip, ft)).statusCode).toBe(200);
    expect(await countBallots()).toBe(before);
    // another transaction: a new token
    const fresh = await open(`${cccd}?moi=1`, ip, ft);
    expect(tokenIn(fresh.body)).not.toBe(token);
    expect(fresh.body).not.toContain('Phiếu này đã được ghi nhận');
  });

  it('flags a QR ballot that repeats a paper ballot’s dossier number, or another QR ballot’s phone, keeping all', async () => {
    const ratings = `{${Array.from({ length: 19 }, () => 4).join(',')}}`;
    await t.database.db.execute(
      sql`insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, serial, dossier_no)
          values (${campaignId}, ${cld}, 'CT', 'paper', ${ratings}::smallint[], 'P-DUP-1', 'HS-DUP-9')`,
    );
    const send = async (extra: Record<string, string>) => {
      const ip = newIp();
      const page = await open(ct, ip);
      const r = await post(ct, { ...answers(extra), _t: await oldToken(ct, 90) }, ip);
      expect(r.statusCode, r.body.slice(-300)).toBe(200);
      void page;
    };
    await send({ dossier: 'HS-DUP-9' });
    await send({ phone: '0987 654 321' });
    await send({ phone: '0987654321' });
    const flagged = await rows<{ mode: string; dossier_no: string | null; flags: string[] }>(
      sql`select mode, dossier_no, flags from survey_ballots
          where campaign_id = ${campaignId} and field_code = 'CT'
            and (dossier_no = 'HS-DUP-9' or contact_phone = '0987654321') order by id`,
    );
    expect(flagged).toEqual([
      { mode: 'paper', dossier_no: 'HS-DUP-9', flags: ['duplicate_dossier'] },
      { mode: 'qr', dossier_no: 'HS-DUP-9', flags: ['duplicate_dossier'] },
      { mode: 'qr', dossier_no: null, flags: ['duplicate_phone'] },
      { mode: 'qr', dossier_no: null, flags: ['duplicate_phone'] },
    ]);
  });

  it('answers an unknown link with a friendly 404 page', async () => {
    const r = await open('/s/khongcoma', newIp());
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('Không tìm thấy phiếu khảo sát');
  });

  it('a closed campaign answers with a friendly page with its dates, and takes no ballot', async () => {
    const ip = newIp();
    const page = await open(cccd, ip);
    expect(
      (await coord.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'closed' }))
        .statusCode,
    ).toBe(200);
    const before = (await ballots(campaignId)).length;
    const g = await open(cccd, ip);
    expect(g.statusCode).toBe(200);
    expect(g.body).toContain('Đợt khảo sát đã kết thúc');
    expect(g.body).toContain('từ ngày 01/01/2020 đến hết ngày 31/12/2099');
    const p = await post(cccd, { ...answers(), _t: tokenIn(page.body) }, ip);
    expect(p.statusCode).toBe(409);
    expect(p.body).toContain('Đợt khảo sát đã kết thúc');
    expect(await ballots(campaignId)).toHaveLength(before);
    expect(
      (await coord.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' })).statusCode,
    ).toBe(200);
  });
});

describe('the agency one-time link', () => {
  it('answers once, stores an agency ballot on the invited unit, and refuses the second use (410)', async () => {
    const c = await coord.send('POST', '/api/survey-campaigns', {
      code: 'YK-CLD-2026',
      name: 'Lấy ý kiến cơ quan, tổ chức năm 2026',
      year: 2026,
      formId: ids.pl01b,
      ownerUnitId: cld,
      periodFrom: '2025-09-15',
      periodTo: '2026-09-14',
      opensOn: '2020-01-01',
      closesOn: '2099-12-31',
      fields: [{ code: 'CHUNG', name: 'Công tác chung' }],
      targets: [{ unitId: cld, fieldCode: 'CHUNG' }],
    });
    expect(c.statusCode, c.body).toBe(200);
    const campaign = c.json().id as string;
    const link = `/y/${await invite(campaign, 'UBND huyện Cù Lao Dung')}`;
    // a draft campaign does not collect yet
    const early = await open(link, newIp());
    expect(early.body).toContain('Đợt khảo sát chưa bắt đầu');
    await coord.send('POST', `/api/survey-campaigns/${campaign}/status`, { status: 'open' });
    const page = await open(link, newIp());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Công an huyện Cù Lao Dung — ý kiến của UBND huyện Cù Lao Dung');
    expect(page.body).not.toContain('name="phone"');
    const f: Record<string, string> = { _t: tokenIn(page.body), q_GY: 'Phối hợp tốt' };
    for (const q of ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '4.1', '4.2'])
      f[`q_ND${q}`] = '4';
    f.q_HL = '5';
    const ok = await post(link, f, newIp());
    expect(ok.statusCode, ok.body.slice(-300)).toBe(200);
    expect(ok.body).toContain('Cảm ơn');
    const again = await post(link, f, newIp());
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Đường dẫn đã được sử dụng');
    expect((await open(link, newIp())).statusCode).toBe(410);
    const stored = await rows<{
      mode: string;
      unit_id: string;
      field_code: string;
      invitation_id: string;
      answered: boolean;
    }>(
      sql`select b.mode, b.unit_id, b.field_code, b.invitation_id, i.answered_at is not null as answered
          from survey_ballots b join survey_invitations i on i.id = b.invitation_id where b.campaign_id = ${campaign}`,
    );
    expect(stored).toEqual([
      {
        mode: 'agency',
        unit_id: cld,
        field_code: 'CHUNG',
        invitation_id: expect.any(String),
        answered: true,
      },
    ]);
  });
});

/** Test helper: an invited body and its one-time link token (another slice makes invitations). */
async function invite(campaignId: string, bodyName: string) {
  const token = `tok-${Math.random().toString(36).slice(2)}${Date.now()}`;
  const bodyId = crypto.randomUUID();
  await t.database.db.execute(
    sql`insert into survey_bodies (id, owner_unit_id, name, kind, rates_unit_id) values (${bodyId}, ${cld}, ${bodyName}, 'district_committee', ${cld})`,
  );
  await t.database.db.execute(
    sql`insert into survey_invitations (id, campaign_id, body_id, unit_id, token_hash) values (${crypto.randomUUID()}, ${campaignId}, ${bodyId}, ${cld}, ${createHash('sha256').update(token).digest('hex')})`,
  );
  return token;
}

describe('QR codes and posters (staff)', () => {
  it('gives the SVG QR code of the link, and the A4 poster of the unit with one code per field', async () => {
    const q = await coord.get(`/api/survey-campaigns/${campaignId}/qr?unitId=${cld}&fieldCode=CCCD`);
    expect(q.statusCode, q.body).toBe(200);
    expect(q.headers['content-type']).toContain('image/svg+xml');
    const want = await QRCode.toString(`http://localhost:80${cccd}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    expect(q.body).toBe(want);
    const p = await coord.get(`/api/survey-campaigns/${campaignId}/poster?unitId=${cld}`);
    expect(p.statusCode).toBe(200);
    expect(p.body).toContain('Quét mã để đánh giá sự hài lòng');
    expect(p.body).toContain('Lĩnh vực cấp, quản lý Căn cước công dân');
    expect(p.body).toContain('Lĩnh vực cư trú');
    expect(p.body).toContain('Đo lường sự hài lòng năm 2026');
    expect(p.body.match(/<svg/g)).toHaveLength(2);
    expect(p.body).toContain('@page{size:A4');
    // another district's coordinator does not see it
    const hq = await t.login('dieuphoi.haquang');
    expect((await hq.get(`/api/survey-campaigns/${campaignId}/poster?unitId=${cld}`)).statusCode).toBe(404);
    expect(
      (await hq.get(`/api/survey-campaigns/${campaignId}/qr?unitId=${cld}&fieldCode=CCCD`)).statusCode,
    ).toBe(404);
  });
});
