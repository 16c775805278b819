/** Assessment cycles and self-assessment over HTTP: stages and deadlines, autosave, evidence files
 * checked by content and stored once, submission and withdrawal, and who may read what. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { surveyReady } from './surveyPointsFixture.ts';

let t: TestApp;
let province: Client; // coordinator, Công an tỉnh Sóc Trăng
let officer: Client; // unit officer, Công an huyện Cù Lao Dung
let head: Client; // unit head, Công an huyện Cù Lao Dung
let hqCoord: Client; // coordinator, UBND huyện Hà Quảng (another tree)
let cycleId: string;
const a: Record<string, string> = {}; // assessment id by unit code
const today = todayVn();

type Err = { error: { code: string; message: string; details?: unknown } };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function uploadEvidence(
  c: Client,
  unitId: string,
  filename: string,
  bytes: Buffer,
  meta: Record<string, string> = {},
) {
  const fields = {
    numberSymbol: '12/KH-CAH',
    issuedOn: '2024-03-15',
    issuer: 'Công an huyện Cù Lao Dung',
    summary: 'Kế hoạch cải cách hành chính năm 2024',
    ...meta,
  };
  const boundary = '----chiso' + Math.random().toString(16).slice(2);
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/units/${unitId}/evidence`,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

const filesIn = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];

beforeAll(async () => {
  t = await testApp({ uploadMaxBytes: 64 * 1024 });
  province = await t.login('dieuphoi.soctrang');
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
  hqCoord = await t.login('dieuphoi.haquang');
  const fws = (await province.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  const police = fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id;
  const r = await province.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2024 — Công an cấp huyện',
    year: 2024,
    frameworkId: police,
    ownerUnitId: await unitIdByCode(t, 'CAT-ST'),
    unitKinds: ['district_police'],
    stages: [
      { stage: 'self_assessment', startsOn: addDays(today, -5), dueOn: addDays(today, 10) },
      { stage: 'appraisal', startsOn: addDays(today, 11), dueOn: addDays(today, 20) },
      { stage: 'supplementation', startsOn: addDays(today, 21), dueOn: addDays(today, 25) },
      { stage: 'finalisation', startsOn: addDays(today, 26), dueOn: addDays(today, 28) },
      { stage: 'publication', startsOn: addDays(today, 29), dueOn: addDays(today, 30) },
    ],
  });
  expect(r.statusCode, r.body).toBe(200);
  const d = r.json() as { id: string; units: { unitCode: string; assessmentId: string }[] };
  cycleId = d.id;
  for (const u of d.units) a[u.unitCode] = u.assessmentId;
  // 8.1 reads the published index of a campaign (96,40 %), nobody types it
  await surveyReady(t, province, {
    cycleId,
    owner: 'CAT-ST',
    units: ['CAH-CLD'],
    leaf: '8.1',
    satisfied: 241,
    n: 250,
  });
}, 300_000);
afterAll(async () => t?.close());

describe('a cycle', () => {
  it('binds the eleven district police units; a unit sees its own part and its deadlines', async () => {
    expect(Object.keys(a)).toHaveLength(11);
    const mine = (await officer.get('/api/cycles')).json() as {
      items: { id: string; myUnits: { unitId: string }[] }[];
    };
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.myUnits).toHaveLength(1);
    const d = (await officer.get(`/api/cycles/${cycleId}`)).json() as {
      units: { unitCode: string }[];
      stages: { stage: string; dueOn: string; daysLeft: number; state: string }[];
      manages: boolean;
    };
    expect(d.units.map((u) => u.unitCode)).toEqual(['CAH-CLD']);
    expect(d.manages).toBe(false);
    expect(d.stages[0]).toMatchObject({ stage: 'self_assessment', state: 'pending', daysLeft: 10 });
    // another tree does not learn the cycle exists
    expect((await hqCoord.get(`/api/cycles/${cycleId}`)).statusCode).toBe(404);
  });

  it('refuses writes before the stage opens, with a Vietnamese message', async () => {
    const r = await officer.send('PUT', `/api/assessments/${a['CAH-CLD']}/items/2`, { text: '7' });
    expect(r.statusCode).toBe(409);
    expect((r.json() as Err).error.message).toBe('Chờ Công an tỉnh Sóc Trăng mở giai đoạn “Tự đánh giá”.');
    const open = await province.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, {
      state: 'open',
    });
    expect(open.statusCode, open.body).toBe(200);
    // only the coordinator of the cycle opens stages
    expect(
      (await officer.send('POST', `/api/cycles/${cycleId}/stages/appraisal`, { state: 'open' })).statusCode,
    ).toBe(403);
  });
});

describe('self-assessment', () => {
  it('saves as typed, computes by the rule, keeps text that does not parse and reports it', async () => {
    const id = a['CAH-CLD'];
    const r1 = await officer.send('PUT', `/api/assessments/${id}/items/1.1`, { text: '45/50' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ revision: 1, problem: null });
    const bad = await officer.send('PUT', `/api/assessments/${id}/items/2`, { text: '9,5' });
    expect(bad.json()).toMatchObject({
      inputText: '9,5',
      problem: expect.stringMatching(/Tiêu chí 2: 9,5 điểm nằm ngoài khoảng 0–8/),
    });
    const v = (await officer.get(`/api/assessments/${id}`)).json() as {
      tree: {
        code: string;
        points: string;
        children: { code: string; points: string; explanation: string }[];
        inputText?: string;
        inputProblem?: string;
      }[];
      missing: { code: string }[];
    };
    const f1 = v.tree.find((n) => n.code === '1')!;
    expect(f1.children.find((c) => c.code === '1.1')).toMatchObject({ points: '3,6' });
    expect(v.tree.find((n) => n.code === '2')).toMatchObject({ inputText: '9,5', points: '0' });
    expect(v.missing.map((m) => m.code)).toContain('2');
    // a stale revision from another tab is refused, the newer text is kept
    const stale = await officer.send('PUT', `/api/assessments/${id}/items/1.1`, {
      text: '40/50',
      baseRevision: 0,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('a unit cannot read or change another unit’s self-assessment; the province can read both', async () => {
    expect((await officer.get(`/api/assessments/${a['CAH-VCH']}`)).statusCode).toBe(404);
    expect(
      (await officer.send('PUT', `/api/assessments/${a['CAH-VCH']}/items/2`, { text: '8' })).statusCode,
    ).toBe(404);
    expect((await hqCoord.get(`/api/assessments/${a['CAH-CLD']}`)).statusCode).toBe(404);
    expect((await province.get(`/api/assessments/${a['CAH-CLD']}`)).statusCode).toBe(200);
    // the province reads but does not score in the unit's place
    expect(
      (await province.send('PUT', `/api/assessments/${a['CAH-CLD']}/items/2`, { text: '8' })).statusCode,
    ).toBe(403);
  });
});

describe('evidence files', () => {
  it('stores the same file once; refuses a disguised executable, an oversize file and a path in the name, leaving nothing', async () => {
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const dir = t.app.services.config.filesDir;
    const first = await uploadEvidence(officer, cld, 'ke-hoach.pdf', PDF);
    expect(first.statusCode, first.body).toBe(200);
    const second = await uploadEvidence(officer, cld, 'ke-hoach (ban sao).pdf', PDF, {
      numberSymbol: '13/KH-CAH',
    });
    expect(second.statusCode).toBe(200);
    const f1 = first.json() as { sha256: string };
    const f2 = second.json() as { sha256: string };
    expect(f2.sha256).toBe(f1.sha256);
    expect(filesIn(dir)).toEqual([f1.sha256]);

    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const refused = [
      await uploadEvidence(officer, cld, 'bao-cao.pdf', exe),
      await uploadEvidence(officer, cld, 'lon.pdf', Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)])),
      await uploadEvidence(officer, cld, '../../etc/ke-hoach.pdf', Buffer.from('%PDF-1.4 khác\n%%EOF')),
      await uploadEvidence(
        officer,
        cld,
        'anh.pdf',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      ),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([422, 422, 422, 422]);
    const msgs = refused.map((r) => (r.json() as Err).error.message);
    expect(msgs[0]).toMatch(/chương trình chạy được/);
    expect(msgs[1]).toMatch(/lớn hơn giới hạn/);
    expect(msgs[2]).toMatch(/Tên tệp “..\/..\/etc\/ke-hoach.pdf” không hợp lệ/);
    expect(msgs[3]).toMatch(/đuôi ".pdf" nhưng nội dung là ảnh PNG/);
    expect(filesIn(dir)).toEqual([f1.sha256]);
    const list = (await officer.get(`/api/units/${cld}/evidence`)).json() as { items: unknown[] };
    expect(list.items).toHaveLength(2);
  });

  it('is served only to readers whose grants cover the unit, previewed inline', async () => {
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const list = (await officer.get(`/api/units/${cld}/evidence`)).json() as { items: { id: string }[] };
    const url = `/api/evidence/${list.items[0]!.id}/file`;
    const own = await officer.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toMatch(/^inline;/);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect((await province.get(url)).statusCode).toBe(200);
    expect((await hqCoord.get(url)).statusCode).toBe(404);
    const vchOfficer = await t.login('canbo.culaodung');
    void vchOfficer;
  });

  it('links a document to criteria with the page that proves them, and flags a date outside the year', async () => {
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const old = await uploadEvidence(officer, cld, 'cu.pdf', Buffer.from('%PDF-1.4 cũ\n%%EOF'), {
      numberSymbol: '5/BC-CAH',
      issuedOn: '2022-12-20',
      summary: 'Báo cáo năm 2022',
    });
    const list = (await officer.get(`/api/units/${cld}/evidence`)).json() as {
      items: { id: string; numberSymbol: string }[];
    };
    const plan = list.items.find((e) => e.numberSymbol === '12/KH-CAH')!;
    const id = a['CAH-CLD'];
    let r = await officer.send('POST', `/api/assessments/${id}/items/1.1/evidence`, {
      evidenceId: plan.id,
      locator: 'Mục II, trang 3',
    });
    expect(r.statusCode, r.body).toBe(200);
    r = await officer.send('POST', `/api/assessments/${id}/items/1.4/evidence`, {
      evidenceId: (old.json() as { id: string }).id,
    });
    const v = r.json() as {
      tree: {
        code: string;
        children: { code: string; evidence: { locator: string; flags: string[] }[] }[];
      }[];
    };
    const f1 = v.tree.find((n) => n.code === '1')!;
    expect(f1.children.find((c) => c.code === '1.1')!.evidence[0]).toMatchObject({
      locator: 'Mục II, trang 3',
      flags: [],
    });
    expect(f1.children.find((c) => c.code === '1.4')!.evidence[0]!.flags[0]).toMatch(
      /nằm ngoài kỳ đánh giá năm 2024/,
    );
  });
});

describe('submission', () => {
  it('the head submits only a complete self-assessment, may withdraw it, and the coordinator may return it with a reason', async () => {
    const id = a['CAH-CLD'];
    const incomplete = await head.send('POST', `/api/assessments/${id}/submit`);
    expect(incomplete.statusCode).toBe(422);
    expect((incomplete.json() as Err).error.code).toBe('ASSESSMENT_INCOMPLETE');
    // the officer cannot submit
    expect((await officer.send('POST', `/api/assessments/${id}/submit`)).statusCode).toBe(403);
    const values: Record<string, string> = {
      '1.1': '45/50',
      '1.2': '1',
      '1.3': '10/10',
      '1.4': '1,75',
      '2': '7,5',
      '3.1': '97/100',
      '3.2': '30/100',
      '4': '8',
      '5.1': '0',
      '5.2': '5,25',
      '6': '6',
      '7': '12,5',
    };
    for (const [code, text] of Object.entries(values)) {
      const r = await officer.send('PUT', `/api/assessments/${id}/items/${code}`, {
        text,
        note:
          code === '1.1' || code === '1.4' ? '' : 'Giải trình: hồ sơ lưu tại đơn vị, sẽ bổ sung bản chụp.',
      });
      expect(r.statusCode, `${code}: ${r.body}`).toBe(200);
    }
    const ok = await head.send('POST', `/api/assessments/${id}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'submitted',
      total: '86,95',
      canEdit: false,
      canWithdraw: true,
    });
    // submitted: no more edits
    const locked = await officer.send('PUT', `/api/assessments/${id}/items/2`, { text: '8' });
    expect(locked.statusCode).toBe(409);
    expect((await head.send('POST', `/api/assessments/${id}/withdraw`)).json()).toMatchObject({
      status: 'draft',
    });
    await head.send('POST', `/api/assessments/${id}/submit`);
    expect((await province.send('POST', `/api/assessments/${id}/return`, { reason: '' })).statusCode).toBe(
      400,
    );
    const ret = await province.send('POST', `/api/assessments/${id}/return`, {
      reason: 'Bổ sung văn bản cho tiêu chí 3.1',
    });
    expect(ret.json()).toMatchObject({
      status: 'returned',
      returnReason: 'Bổ sung văn bản cho tiêu chí 3.1',
    });
    expect((await officer.get(`/api/assessments/${id}`)).json()).toMatchObject({
      canEdit: true,
      canSubmit: false,
    });
    const audit = (await province.get('/api/audit?entity=assessment&limit=200')).json() as {
      items: { action: string }[];
    };
    expect(audit.items.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'assessment.score',
        'assessment.submit',
        'assessment.withdraw',
        'assessment.return',
      ]),
    );
  });

  it('after its deadline a stage refuses writes unless the unit is given an extension', async () => {
    const id = a['CAH-VCH'];
    const vch = await unitIdByCode(t, 'CAH-VCH');
    await province.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, {
      state: 'open',
      dueOn: addDays(today, -1),
      reason: 'Hạn theo kế hoạch',
    });
    // a coordinator of the province scores nothing; use the system to stand in for VCH's officer
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/assessments/${id}`,
      headers: { cookie: province.cookie },
    });
    expect((r.json() as { deadline: { writable: boolean; message: string } }).deadline).toMatchObject({
      writable: false,
      message: expect.stringMatching(/Đã quá hạn “Tự đánh giá” \(hạn cuối \d\d\/\d\d\/\d{4}\)/),
    });
    const late = await officer.send('PUT', `/api/assessments/${a['CAH-CLD']}/items/2`, { text: '8' });
    // CLD was returned: a returned self-assessment stays editable
    expect(late.statusCode).toBe(200);
    const ext = await province.send('POST', `/api/cycles/${cycleId}/extensions`, {
      stage: 'self_assessment',
      unitId: vch,
      dueOn: addDays(today, 3),
      reason: 'Đơn vị đề nghị do mất điện',
    });
    expect(ext.statusCode, ext.body).toBe(200);
    const after = (await province.get(`/api/assessments/${id}`)).json() as {
      deadline: { writable: boolean; daysLeft: number };
    };
    expect(after.deadline).toMatchObject({ writable: true, daysLeft: 3 });
    // closing the stage refuses writes even within the extension
    await province.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, { state: 'closed' });
    const closed = (await province.get(`/api/assessments/${id}`)).json() as {
      deadline: { writable: boolean; message: string };
    };
    expect(closed.deadline.message).toMatch(/đã đóng/);
  });
});

describe('evidence shared between units, and withdrawal after the deadline', () => {
  /** A new user of a unit, password changed (as the screens require before anything else). */
  async function newUser(username: string, role: string, unitCode: string): Promise<Client> {
    const r = await province.send('POST', '/api/users', {
      username,
      fullName: `Người dùng ${username}`,
      password: 'Mat-khau-ban-dau-2024',
      role,
      unitId: await unitIdByCode(t, unitCode),
    });
    expect(r.statusCode, r.body).toBe(200);
    const c = await t.login(username, 'Mat-khau-ban-dau-2024');
    const pw = await c.send('POST', '/api/auth/password', {
      currentPassword: 'Mat-khau-ban-dau-2024',
      newPassword: 'Mat-khau-moi-2024-vinh-chau',
    });
    expect(pw.statusCode, pw.body).toBeLessThan(300);
    return c;
  }

  it('flags the same file backing another unit’s scores, only to those who may see that unit', async () => {
    await province.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, {
      state: 'open',
      dueOn: addDays(today, 10),
    });
    const vchOfficer = await newUser('canbo.vinhchau', 'unit_officer', 'CAH-VCH');
    const vch = await unitIdByCode(t, 'CAH-VCH');
    // the very file Cù Lao Dung gave as its plan, given by Vĩnh Châu as its own
    const up = await uploadEvidence(vchOfficer, vch, 'ke-hoach.pdf', PDF, {
      numberSymbol: '20/KH-CATX',
      issuer: 'Công an thị xã Vĩnh Châu',
    });
    expect(up.statusCode, up.body).toBe(200);
    const link = await vchOfficer.send('POST', `/api/assessments/${a['CAH-VCH']}/items/1.1/evidence`, {
      evidenceId: (up.json() as { id: string }).id,
    });
    expect(link.statusCode, link.body).toBe(200);
    type V = { tree: { code: string; children: { code: string; evidence: { flags: string[] }[] }[] }[] };
    const flagsOf = (v: V) =>
      v.tree.find((n) => n.code === '1')!.children.find((c) => c.code === '1.1')!.evidence[0]!.flags;
    const own = (await officer.get(`/api/assessments/${a['CAH-CLD']}`)).json() as V;
    // the unit does not learn that its file is evidence elsewhere (no oracle on other units' files)
    expect(flagsOf(own)).toEqual([]);
    const seenByProvince = (await province.get(`/api/assessments/${a['CAH-CLD']}`)).json() as V;
    expect(flagsOf(seenByProvince)).toEqual([
      'Cùng một tệp cũng là tài liệu kiểm chứng của: Công an thị xã Vĩnh Châu.',
    ]);
  });

  it('a submitted self-assessment cannot be withdrawn once the stage’s deadline has passed', async () => {
    const id = a['CAH-CLD'];
    const sub = await head.send('POST', `/api/assessments/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    await province.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, {
      state: 'open',
      dueOn: addDays(today, -1),
    });
    const w = await head.send('POST', `/api/assessments/${id}/withdraw`);
    expect(w.statusCode).toBe(409);
    expect((w.json() as Err).error.message).toMatch(/Đã quá hạn “Tự đánh giá”/);
    expect((await head.get(`/api/assessments/${id}`)).json()).toMatchObject({
      status: 'submitted',
      canWithdraw: false,
    });
  });
});

describe('a unit does not appraise itself', () => {
  it('when the province appraises its districts, a district’s own coordinator is neither assigned nor allowed', async () => {
    const district = await t.login('dieuphoi.culaodung');
    const me = (await district.get('/api/auth/session')).json() as { user: { id: string } };
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const assign = await province.send('POST', `/api/cycles/${cycleId}/assignments`, {
      userId: me.user.id,
      fields: ['1'],
      unitIds: [cld],
    });
    expect(assign.statusCode).toBe(400);
    expect((assign.json() as Err).error.message).toContain('không có quyền thẩm định');
    const own = await district.send('PUT', `/api/assessments/${a['CAH-CLD']}/appraisal/1.1`, {
      action: 'accept',
    });
    expect(own.statusCode).toBe(403);
    expect((own.json() as Err).error.message).toContain('do Công an tỉnh Sóc Trăng thẩm định');
    expect(
      ((await district.get(`/api/assessments/${a['CAH-CLD']}`)).json() as { canAppraise: boolean })
        .canAppraise,
    ).toBe(false);
  });
});
