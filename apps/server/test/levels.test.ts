/** Appraisal one level at a time up the tree: a cycle of the provincial police over the commune
 * police of its districts. Công an huyện Cù Lao Dung (the level directly above its communes)
 * assigns its own appraisers, appraises and approves; only then does the result reach Công an tỉnh
 * Sóc Trăng, which may send it back with a reason, and which finalises only when every result has
 * been approved by the level below. */
import { leavesOf, parseFrameworkJson } from '@chiso/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { setAssignments } from '../src/modules/cycles/repository.ts';
import { demoInput } from '../src/modules/system/seedCycles.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { surveyReady } from './surveyPointsFixture.ts';

let t: TestApp;
let province: Client; // coordinator, Công an tỉnh Sóc Trăng (owns the cycle)
let provAppraiser: Client; // appraiser, Công an tỉnh Sóc Trăng
let district: Client; // coordinator, Công an huyện Cù Lao Dung (the level below)
let distAppraiser: Client; // appraiser created by the district
let officer: Client;
let head: Client;
let hqCoord: Client;
let cycleId: string;
let frameworkId: string;
let units: { unitId: string; unitName: string; assessmentId: string }[] = [];
let first: string; // assessment of the first commune
let leafCodes: string[] = [];
const today = todayVn();
const CLD = 'Công an huyện Cù Lao Dung';
type Err = { error: { code: string; message: string; details?: { problems?: string[] } } };
type Approval = {
  holderUnitName: string;
  complete: boolean;
  levels: { unitName: string; approvedBy: string | null }[];
  canApprove: boolean;
  canSendBack: boolean;
};
type View = { approval: Approval; items: { code: string; state: string }[] };

const stage = (s: string, state: 'open' | 'closed') =>
  province.send('POST', `/api/cycles/${cycleId}/stages/${s}`, { state });

beforeAll(async () => {
  t = await testApp({ loginRatePerMinute: 1000 });
  province = await t.login('dieuphoi.soctrang');
  provAppraiser = await t.login('thamdinh.soctrang');
  district = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
  hqCoord = await t.login('dieuphoi.haquang');
  const st = await unitIdByCode(t, 'CAT-ST');
  const cld = await unitIdByCode(t, 'CAH-CLD');
  const fws = (await province.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string }[];
  };
  frameworkId = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
  const r = await province.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2025 — Công an cấp xã tỉnh Sóc Trăng',
    year: 2025,
    frameworkId,
    ownerUnitId: st,
    unitKinds: ['commune_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });
  expect(r.statusCode, r.body).toBe(200);
  const d = r.json() as { id: string; units: typeof units };
  cycleId = d.id;
  units = d.units;
  first = units[0]!.assessmentId;
  // the district's own appraiser
  const u = await district.send('POST', '/api/users', {
    username: 'thamdinh.culaodung',
    fullName: 'Trần Văn Thẩm',
    password: 'Mat-khau-tham-dinh-2025',
    role: 'appraiser',
    unitId: cld,
  });
  expect(u.statusCode, u.body).toBe(200);
  distAppraiser = await t.login('thamdinh.culaodung', 'Mat-khau-tham-dinh-2025');
  const pw = await distAppraiser.send('POST', '/api/auth/password', {
    currentPassword: 'Mat-khau-tham-dinh-2025',
    newPassword: 'Mat-khau-moi-cua-tham-dinh-2025',
  });
  expect(pw.statusCode, pw.body).toBeLessThan(300);
  // every commune fills its self-assessment and submits
  const fw = (await province.get(`/api/frameworks/${frameworkId}`)).json() as { definition: unknown };
  const leaves = leavesOf(parseFrameworkJson(fw.definition).framework!);
  leafCodes = leaves.map((l) => l.code);
  expect((await stage('self_assessment', 'open')).statusCode).toBe(200);
  // survey leaves read the bound campaign's index: nobody types them
  await surveyReady(t, province, {
    cycleId,
    owner: 'CAT-ST',
    units: ['CLD-TT'],
    leaf: '6.2',
    satisfied: 45,
    n: 50,
  });
  for (const [k, m] of units.entries()) {
    for (const l of leaves.filter((x) => x.rule?.type !== 'survey')) {
      const s = await officer.send('PUT', `/api/assessments/${m.assessmentId}/items/${l.code}`, {
        text: demoInput(l, k),
        note: 'Hồ sơ lưu tại đơn vị.',
      });
      expect(s.statusCode, s.body).toBe(200);
    }
    const sub = await head.send('POST', `/api/assessments/${m.assessmentId}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
  }
  await stage('self_assessment', 'closed');
  await stage('appraisal', 'open');
  await stage('supplementation', 'open');
}, 300_000);
afterAll(async () => t?.close());

describe('appraisal one level at a time', () => {
  it('each commune is appraised by its district, and the cycle says so to both levels', async () => {
    expect(units.length).toBeGreaterThan(1);
    type D = {
      manages: boolean;
      coordinates: boolean;
      units: { unitName: string; appraisingUnitName: string; heldBy: string; appraises: boolean }[];
    };
    const p = (await province.get(`/api/cycles/${cycleId}`)).json() as D;
    expect(p).toMatchObject({ manages: true, coordinates: true });
    expect(p.units.every((u) => u.appraisingUnitName === CLD && !u.appraises)).toBe(true);
    const d = (await district.get(`/api/cycles/${cycleId}`)).json() as D;
    expect(d).toMatchObject({ manages: false, coordinates: true });
    expect(d.units.every((u) => u.appraises && u.heldBy === CLD)).toBe(true);
    // the district may not run the cycle's stages
    expect(
      (await district.send('POST', `/api/cycles/${cycleId}/stages/finalisation`, { state: 'open' }))
        .statusCode,
    ).toBe(403);
  });

  it('assignment: the district assigns its own appraisers; the province may not assign over its head', async () => {
    const ids = units.map((u) => u.unitId);
    const users = (await district.get('/api/users?q=thamdinh')).json() as {
      items: { id: string; username: string }[];
    };
    const mine = users.items.find((u) => u.username === 'thamdinh.culaodung')!;
    // the province list of users holds its own appraiser
    const pUsers = (await province.get('/api/users?q=thamdinh.soctrang')).json() as {
      items: { id: string; username: string }[];
    };
    const theirs = pUsers.items.find((u) => u.username === 'thamdinh.soctrang')!;
    // the province cannot assign the communes' appraisal: the district appraises them
    const byProvince = await province.send('POST', `/api/cycles/${cycleId}/assignments`, {
      userId: theirs.id,
      fields: ['1'],
      unitIds: ids,
    });
    expect(byProvince.statusCode).toBe(403);
    expect((byProvince.json() as Err).error.message).toContain(`do ${CLD} thẩm định`);
    // nor may the district hand its communes to a provincial appraiser (not of its level)
    const provincialAppraiser = await district.send('POST', `/api/cycles/${cycleId}/assignments`, {
      userId: theirs.id,
      fields: ['1'],
      unitIds: ids,
    });
    expect(provincialAppraiser.statusCode).toBe(400);
    expect((provincialAppraiser.json() as Err).error.message).toContain('không có quyền thẩm định');
    const ok = await district.send('POST', `/api/cycles/${cycleId}/assignments`, {
      userId: mine.id,
      fields: ['1', '2'],
      unitIds: ids,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (ok.json() as { items: { userName: string; fieldCode: string }[] }).items;
    expect(list.length).toBe(2 * ids.length);
    // the province sees the district's assignments; the province's appraiser is refused
    expect(
      ((await province.get(`/api/cycles/${cycleId}/assignments`)).json() as { items: unknown[] }).items
        .length,
    ).toBe(2 * ids.length);
    // even with an assignment slipped in (not through the API), the province's appraiser is not of
    // the communes' level
    await setAssignments(
      t.database.db,
      cycleId,
      theirs.id,
      [units[0]!.unitId],
      [{ fieldCode: '1', unitId: units[0]!.unitId }],
    );
    const refused = await provAppraiser.send('PUT', `/api/assessments/${first}/appraisal/${leafCodes[0]}`, {
      action: 'accept',
    });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as Err).error.message).toContain(`do ${CLD} thẩm định`);
  });

  it('the province cannot appraise, approve, return or finalise before the district has approved', async () => {
    const appraise = await province.send('PUT', `/api/assessments/${first}/appraisal/${leafCodes[0]}`, {
      action: 'accept',
    });
    expect(appraise.statusCode).toBe(403);
    expect((appraise.json() as Err).error.message).toContain(`do ${CLD} thẩm định`);
    const approve = await province.send('POST', `/api/assessments/${first}/approve`, {});
    expect(approve.statusCode).toBe(403);
    expect((approve.json() as Err).error.message).toContain(`đang chờ ${CLD} duyệt`);
    const ret = await province.send('POST', `/api/assessments/${first}/return`, { reason: 'Sửa lại' });
    expect(ret.statusCode).toBe(403);
    const back = await province.send('POST', `/api/assessments/${first}/send-back`, { reason: 'x' });
    expect(back.statusCode).toBe(409);
    await stage('finalisation', 'open');
    const fin = await province.send('POST', `/api/cycles/${cycleId}/finalise`);
    expect(fin.statusCode).toBe(409);
    const problems = (fin.json() as Err).error.details!.problems!;
    expect(problems.filter((p) => p.includes(`${CLD} chưa duyệt`)).length).toBe(units.length);
    await stage('finalisation', 'closed');
    // a unit of another tree learns nothing
    expect((await hqCoord.send('POST', `/api/assessments/${first}/approve`, {})).statusCode).toBe(404);
    // a unit officer holds no right to approve
    expect((await officer.send('POST', `/api/assessments/${first}/approve`, {})).statusCode).toBe(403);
  });

  it('the district appraises, waits for the answer, then approves: the result moves up to the province', async () => {
    const fieldOne = leafCodes.find((c) => c.startsWith('1.'))!;
    const fieldTwo = leafCodes.find((c) => c.startsWith('2'))!;
    const set = await distAppraiser.send('PUT', `/api/assessments/${first}/appraisal/${fieldOne}`, {
      action: 'set',
      text: '0',
      reason: 'Không có văn bản kế hoạch trong hồ sơ.',
    });
    expect(set.statusCode, set.body).toBe(200);
    const sup = await district.send('PUT', `/api/assessments/${first}/appraisal/${fieldTwo}`, {
      action: 'supplement',
      message: 'Bổ sung sổ theo dõi.',
      dueOn: addDays(today, 3),
    });
    expect(sup.statusCode, sup.body).toBe(200);
    // not while the unit has to answer
    const early = await district.send('POST', `/api/assessments/${first}/approve`, {});
    expect(early.statusCode).toBe(409);
    expect((early.json() as Err).error.details!.problems!.join(' ')).toContain(fieldTwo);
    const ans = await officer.send('POST', `/api/assessments/${first}/appraisal/${fieldTwo}/answer`, {
      answer: 'Đã bổ sung sổ theo dõi năm 2025.',
    });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(
      (await district.send('PUT', `/api/assessments/${first}/appraisal/${fieldTwo}`, { action: 'accept' }))
        .statusCode,
    ).toBe(200);
    const before = (await district.get(`/api/assessments/${first}/appraisal`)).json() as View;
    expect(before.approval).toMatchObject({ holderUnitName: CLD, complete: false, canApprove: true });
    const ok = await district.send('POST', `/api/assessments/${first}/approve`, { note: 'Đồng ý kết quả.' });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json() as View;
    expect(v.approval.complete).toBe(true);
    expect(v.approval.holderUnitName).toBe('Công an tỉnh Sóc Trăng');
    expect(v.approval.levels[0]).toMatchObject({ unitName: CLD, approvedBy: expect.any(String) });
    // the province is told, in the app
    const notes = (await province.get('/api/notices')).json() as { items: { title: string }[] };
    expect(notes.items.some((n) => n.title.includes(`${CLD} đã duyệt`))).toBe(true);
    // the audit trail has the approval
    const audit = (await province.get('/api/audit?action=appraisal.approve')).json() as {
      items: { action: string; entityId: string; reason: string | null }[];
    };
    expect(audit.items.find((a) => a.entityId === first)).toMatchObject({ reason: 'Đồng ý kết quả.' });
  });

  it('once approved, the district can no longer change it; only the province sends it back, with a reason', async () => {
    const code = leafCodes[0]!;
    const change = await distAppraiser.send('PUT', `/api/assessments/${first}/appraisal/${code}`, {
      action: 'accept',
    });
    expect(change.statusCode).toBe(409);
    expect((change.json() as Err).error.message).toContain('đã được');
    expect(
      (await district.send('POST', `/api/assessments/${first}/return`, { reason: 'x' })).statusCode,
    ).toBe(409);
    expect((await district.send('POST', `/api/assessments/${first}/approve`, {})).statusCode).toBe(409);
    const byDistrict = await district.send('POST', `/api/assessments/${first}/send-back`, { reason: 'x' });
    expect(byDistrict.statusCode).toBe(403);
    const noReason = await province.send('POST', `/api/assessments/${first}/send-back`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const back = await province.send('POST', `/api/assessments/${first}/send-back`, {
      reason: 'Tiêu chí 1 chấm 0 điểm cần ghi rõ căn cứ.',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((back.json() as View).approval).toMatchObject({ holderUnitName: CLD, complete: false });
    // back at the district: it may change the score again, then approve again
    const again = await distAppraiser.send('PUT', `/api/assessments/${first}/appraisal/${code}`, {
      action: 'set',
      text: '0',
      reason: 'Căn cứ: biên bản kiểm tra ngày 10/12/2025 không có kế hoạch.',
    });
    expect(again.statusCode, again.body).toBe(200);
    const notes = (await district.get('/api/notices')).json() as { items: { title: string; body: string }[] };
    expect(notes.items.some((n) => n.title.includes('trả lại kết quả thẩm định'))).toBe(true);
  });

  it('the matrix of each level shows where every result waits', async () => {
    type M = { rows: { unitName: string; approval: Approval }[] };
    const d = (await district.get(`/api/cycles/${cycleId}/matrix`)).json() as M;
    expect(d.rows.length).toBe(units.length);
    expect(d.rows.every((r) => r.approval.canApprove)).toBe(true);
    const p = (await province.get(`/api/cycles/${cycleId}/matrix`)).json() as M;
    expect(p.rows.every((r) => !r.approval.canApprove && r.approval.holderUnitName === CLD)).toBe(true);
  });

  it('the province finalises once every result has been approved by the level below', async () => {
    for (const u of units) {
      const r = await district.send('POST', `/api/assessments/${u.assessmentId}/approve`, {});
      expect(r.statusCode, r.body).toBe(200);
    }
    await stage('appraisal', 'closed');
    await stage('supplementation', 'closed');
    await stage('finalisation', 'open');
    const fin = await province.send('POST', `/api/cycles/${cycleId}/finalise`);
    expect(fin.statusCode, fin.body).toBe(200);
    const rk = fin.json() as { items: { unitId: string; total: string; rank: number }[] };
    expect(rk.items.length).toBe(units.length);
    // the district's changed score is in the result: 0 for the first leaf of field 1
    const view = (await province.get(`/api/assessments/${first}/appraisal`)).json() as {
      appraisedTotal: string;
      selfTotal: string;
    };
    const mine = rk.items.find((i) => i.unitId === units[0]!.unitId)!;
    expect(mine.total.replace('.', ',')).toBe(view.appraisedTotal);
    // after finalisation no level approves or sends back
    expect(
      (await province.send('POST', `/api/assessments/${first}/send-back`, { reason: 'x' })).statusCode,
    ).toBe(409);
  });

  it('a unit takes part in one cycle per framework and year', async () => {
    const r = await province.send('POST', '/api/cycles', {
      name: 'Trùng',
      year: 2025,
      frameworkId,
      ownerUnitId: await unitIdByCode(t, 'CAH-CLD'),
      unitKinds: ['commune_police'],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
        stage: s,
        startsOn: today,
        dueOn: addDays(today, 7),
      })),
    });
    expect(r.statusCode).toBe(400);
    expect((r.json() as Err).error.message).toContain('đã thuộc một kỳ đánh giá cùng bộ tiêu chí năm 2025');
  });
});

describe('two levels between the owner and the unit (ministry → province → district → team)', () => {
  let admin: Client;
  let cycle2: string;
  let team: string;
  const ST = 'Công an tỉnh Sóc Trăng';

  beforeAll(async () => {
    admin = await t.login('quantri');
    const bca = await unitIdByCode(t, 'BCA');
    const r = await admin.send('POST', '/api/cycles', {
      name: 'Chỉ số CCHC năm 2025 — các Đội (Bộ Công an)',
      year: 2025,
      frameworkId,
      ownerUnitId: bca,
      unitKinds: ['team'],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
        stage: s,
        startsOn: addDays(today, -3),
        dueOn: addDays(today, 7),
      })),
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as { id: string; units: { assessmentId: string; unitCode: string }[] };
    cycle2 = d.id;
    // a team of Cù Lao Dung (the provincial departments have teams of their own)
    team = d.units.find((u) => u.unitCode.startsWith('CLD-'))!.assessmentId;
    const open = (st: string, state: 'open' | 'closed') =>
      admin.send('POST', `/api/cycles/${cycle2}/stages/${st}`, { state });
    expect((await open('self_assessment', 'open')).statusCode).toBe(200);
    const fw = (await admin.get(`/api/frameworks/${frameworkId}`)).json() as { definition: unknown };
    // survey leaves are never typed (they read a campaign's published index)
    for (const l of leavesOf(parseFrameworkJson(fw.definition).framework!).filter(
      (x) => x.rule?.type !== 'survey',
    )) {
      const put = await officer.send('PUT', `/api/assessments/${team}/items/${l.code}`, {
        text: demoInput(l, 2),
        note: 'Hồ sơ lưu tại đơn vị.',
      });
      expect(put.statusCode, put.body).toBe(200);
    }
    expect((await head.send('POST', `/api/assessments/${team}/submit`)).statusCode).toBe(200);
    await open('self_assessment', 'closed');
    await open('appraisal', 'open');
  });

  it('the district approves, then the province, then it reaches the ministry', async () => {
    const v0 = (await district.get(`/api/assessments/${team}/appraisal`)).json() as View;
    expect(v0.approval.levels.map((l) => l.unitName)).toEqual([CLD, ST]);
    expect(v0.approval).toMatchObject({ holderUnitName: CLD, canApprove: true });
    // the province may not go first
    expect((await province.send('POST', `/api/assessments/${team}/approve`, {})).statusCode).toBe(403);
    expect((await district.send('POST', `/api/assessments/${team}/approve`, {})).statusCode).toBe(200);
    // now the province holds it; the district no longer can act on it
    expect((await district.send('POST', `/api/assessments/${team}/approve`, {})).statusCode).toBe(403);
    const v1 = (await province.get(`/api/assessments/${team}/appraisal`)).json() as View;
    expect(v1.approval).toMatchObject({ holderUnitName: ST, canApprove: true, canSendBack: true });
    expect((await province.send('POST', `/api/assessments/${team}/approve`, {})).statusCode).toBe(200);
    const v2 = (await admin.get(`/api/assessments/${team}/appraisal`)).json() as View;
    expect(v2.approval).toMatchObject({ holderUnitName: 'Bộ Công an', complete: true, canSendBack: true });
    expect(v2.approval.levels.every((l) => l.approvedBy)).toBe(true);
  });

  it('sending back goes one level at a time, each with its reason in the audit trail', async () => {
    const r1 = await admin.send('POST', `/api/assessments/${team}/send-back`, {
      reason: 'Tỉnh xem lại tiêu chí 3.',
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect((r1.json() as View).approval).toMatchObject({ holderUnitName: ST, complete: false });
    // the ministry, having sent it back, cannot send it further down: the province holds it
    expect((await admin.send('POST', `/api/assessments/${team}/send-back`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    const r2 = await province.send('POST', `/api/assessments/${team}/send-back`, {
      reason: 'Huyện ghi rõ căn cứ tiêu chí 3.',
    });
    expect(r2.statusCode, r2.body).toBe(200);
    expect((r2.json() as View).approval).toMatchObject({ holderUnitName: CLD });
    const audit = (await admin.get('/api/audit?action=appraisal.send_back')).json() as {
      items: { entityId: string; reason: string | null }[];
    };
    expect(
      audit.items
        .filter((a) => a.entityId === team)
        .map((a) => a.reason)
        .sort(),
    ).toEqual(['Huyện ghi rõ căn cứ tiêu chí 3.', 'Tỉnh xem lại tiêu chí 3.']);
    // the ministry cannot finalise while a level below holds it
    expect(
      (await admin.send('POST', `/api/cycles/${cycle2}/stages/finalisation`, { state: 'open' })).statusCode,
    ).toBe(200);
    const fin = await admin.send('POST', `/api/cycles/${cycle2}/finalise`);
    expect(fin.statusCode).toBe(409);
    expect((fin.json() as Err).error.details!.problems!.join(' ')).toContain(`${CLD} chưa duyệt`);
  });

  it('no one approves at two levels, nor grants themselves a lower level to do so', async () => {
    const me = (await province.get('/api/auth/session')).json() as { user: { id: string } };
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const self = await province.send('POST', '/api/grants', {
      userId: me.user.id,
      role: 'coordinator',
      unitId: cld,
    });
    expect(self.statusCode).toBe(403);
    expect((self.json() as Err).error.message).toContain('Không tự cấp quyền cho chính mình');
    // granted by someone else, the province coordinator also coordinates the district…
    expect(
      (await admin.send('POST', '/api/grants', { userId: me.user.id, role: 'coordinator', unitId: cld }))
        .statusCode,
    ).toBe(200);
    const both = await t.login('dieuphoi.soctrang');
    expect((await both.send('POST', `/api/assessments/${team}/approve`, {})).statusCode).toBe(200);
    // …but then does not approve the same result again at the province's level
    const twice = await both.send('POST', `/api/assessments/${team}/approve`, {});
    expect(twice.statusCode).toBe(403);
    expect((twice.json() as Err).error.message).toContain('Bạn đã duyệt kết quả này ở cấp dưới');
  });
});

describe('a cycle made by mistake', () => {
  const body = (name: string) => ({
    name,
    year: 2024,
    frameworkId,
    unitKinds: ['commune_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });

  it('is deleted with a reason while no unit has put work into it; then its units are free again', async () => {
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const made = await district.send('POST', '/api/cycles', { ...body('Tạo nhầm'), ownerUnitId: cld });
    expect(made.statusCode, made.body).toBe(200);
    const id = (made.json() as { id: string }).id;
    expect((await district.send('DELETE', `/api/cycles/${id}`, { reason: ' ' })).statusCode).toBe(400);
    expect((await hqCoord.send('DELETE', `/api/cycles/${id}`, { reason: 'x' })).statusCode).toBe(404);
    const del = await district.send('DELETE', `/api/cycles/${id}`, { reason: 'Chọn nhầm bộ tiêu chí.' });
    expect(del.statusCode, del.body).toBe(200);
    expect((await district.get(`/api/cycles/${id}`)).statusCode).toBe(404);
    const audit = (await district.get('/api/audit?action=cycle.delete')).json() as {
      items: { entityId: string; reason: string }[];
    };
    expect(audit.items.find((a) => a.entityId === id)).toMatchObject({ reason: 'Chọn nhầm bộ tiêu chí.' });
    // the same units can be taken into a new cycle of the framework and year
    const again = await district.send('POST', '/api/cycles', { ...body('Làm lại'), ownerUnitId: cld });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('may take the units of chosen kinds under chosen units only, each within the owner', async () => {
    const st = await unitIdByCode(t, 'CAT-ST');
    const cld = await unitIdByCode(t, 'CAH-CLD');
    const outside = await province.send('POST', '/api/cycles', {
      ...body('Ngoài phạm vi'),
      unitKinds: ['team'],
      ownerUnitId: st,
      subtreeUnitIds: [await unitIdByCode(t, 'UBND-HQ')],
    });
    expect(outside.statusCode).toBe(404);
    // within the reader's grants but not under the owner: said so, by name
    const notUnder = await district.send('POST', '/api/cycles', {
      ...body('Không thuộc'),
      unitKinds: ['team'],
      ownerUnitId: await unitIdByCode(t, 'CLD-TM'),
      subtreeUnitIds: [await unitIdByCode(t, 'CLD-QLHC')],
    });
    expect(notUnder.statusCode).toBe(400);
    expect((notUnder.json() as Err).error.message).toContain('không thuộc Đội Tham mưu');
    const r = await province.send('POST', '/api/cycles', {
      ...body('Các Đội của Cù Lao Dung'),
      unitKinds: ['team'],
      ownerUnitId: st,
      subtreeUnitIds: [cld],
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as { id: string; units: { unitCode: string; appraisingUnitName: string }[] };
    expect(d.units.map((u) => u.unitCode).sort()).toEqual([
      'CLD-CSGT',
      'CLD-PCCC',
      'CLD-QLHC',
      'CLD-TM',
    ]);
    expect(d.units.every((u) => u.appraisingUnitName === CLD)).toBe(true);
    expect((await province.send('DELETE', `/api/cycles/${d.id}`, { reason: 'Chỉ để thử' })).statusCode).toBe(
      200,
    );
  });

  it('is not deleted once a unit has typed a score: nothing typed is lost', async () => {
    const list = (await district.get('/api/cycles')).json() as {
      items: { id: string; name: string; myUnits: { assessmentId: string }[] }[];
    };
    const c = list.items.find((x) => x.name === 'Làm lại')!;
    await district.send('POST', `/api/cycles/${c.id}/stages/self_assessment`, { state: 'open' });
    const typed = await officer.send(
      'PUT',
      `/api/assessments/${c.myUnits[0]!.assessmentId}/items/${leafCodes[0]}`,
      {
        text: 'Có',
      },
    );
    expect(typed.statusCode, typed.body).toBe(200);
    const del = await district.send('DELETE', `/api/cycles/${c.id}`, { reason: 'Thử xóa' });
    expect(del.statusCode).toBe(409);
    expect((del.json() as Err).error.message).toContain('đã nhập liệu');
    expect((await officer.get(`/api/assessments/${c.myUnits[0]!.assessmentId}`)).statusCode).toBe(200);
  });
});

describe('a level closed since the cycle was made', () => {
  it('is passed over: the next open level up appraises and approves in its place', async () => {
    const admin = await t.login('quantri');
    const r = await admin.send('POST', '/api/cycles', {
      name: 'Chỉ số CCHC năm 2023 — các Đội (Bộ Công an)',
      year: 2023,
      frameworkId,
      ownerUnitId: await unitIdByCode(t, 'BCA'),
      unitKinds: ['team'],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
        stage: s,
        startsOn: addDays(today, -3),
        dueOn: addDays(today, 7),
      })),
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as { id: string; units: { assessmentId: string; unitCode: string }[] };
    const team = d.units.find((u) => u.unitCode === 'CLD-TM')!.assessmentId;
    await admin.send('POST', `/api/cycles/${d.id}/stages/self_assessment`, { state: 'open' });
    const fw = (await admin.get(`/api/frameworks/${frameworkId}`)).json() as { definition: unknown };
    for (const l of leavesOf(parseFrameworkJson(fw.definition).framework!))
      await officer.send('PUT', `/api/assessments/${team}/items/${l.code}`, {
        text: demoInput(l, 1),
        note: 'Hồ sơ lưu tại đơn vị.',
      });
    expect((await head.send('POST', `/api/assessments/${team}/submit`)).statusCode).toBe(200);
    await admin.send('POST', `/api/cycles/${d.id}/stages/appraisal`, { state: 'open' });
    // Cù Lao Dung is dissolved (as the district level was on 01/7/2025)
    await t.database.db.execute(sql`update units set valid_to = ${today} where code = 'CAH-CLD'`);
    try {
      const v = (await province.get(`/api/assessments/${team}/appraisal`)).json() as View;
      expect(v.approval).toMatchObject({ holderUnitName: 'Công an tỉnh Sóc Trăng', canApprove: true });
      expect(v.approval.levels[0]!.unitName).toMatch(/không còn; cấp trên duyệt thay/);
      // the province appraises in its place, then approves
      const acc = await province.send('PUT', `/api/assessments/${team}/appraisal/${leafCodes[0]}`, {
        action: 'accept',
      });
      expect(acc.statusCode, acc.body).toBe(200);
      const ok = await province.send('POST', `/api/assessments/${team}/approve`, {});
      expect(ok.statusCode, ok.body).toBe(200);
      expect((ok.json() as View).approval).toMatchObject({ holderUnitName: 'Bộ Công an', complete: true });
    } finally {
      await t.database.db.execute(sql`update units set valid_to = null where code = 'CAH-CLD'`);
    }
  });
});
