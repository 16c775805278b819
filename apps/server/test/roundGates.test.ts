/** The round without friction (issue #13): an action is offered only when it can succeed, and
 * otherwise the reader is told who opens the stage and when; a request's due date lies within the
 * supplementation stage and the unit answers until then whatever stage is open; accepting or
 * approving while the unit's answer is awaited is an explicit, audited choice; publication closes
 * every stage; the self-assessment says what it could not score. On the real database. */
import { leavesOf, parseFrameworkJson, formatDateVi } from '@chiso/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/open.ts';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { demoInput } from '../src/modules/system/seedCycles.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { surveyReady } from './surveyPointsFixture.ts';

let t: TestApp;
let province: Client; // coordinator, Công an tỉnh Sóc Trăng (owns the cycle)
let district: Client; // coordinator, Công an huyện Cù Lao Dung (appraises its communes)
let officer: Client;
let head: Client;
let cycleId: string;
let units: { unitId: string; unitName: string; assessmentId: string }[] = [];
let first: string;
let leafCodes: string[] = [];
const today = todayVn();
const ST = 'Công an tỉnh Sóc Trăng';
type Err = { error: { code: string; message: string; details?: { blocking?: string[] } } };
type Stage = { stage: string; state: string; openedBy: string | null; openedAt: string | null };
type Item = { code: string; state: string; supplementDueOn: string | null; canAnswer: boolean };
type Appraisal = {
  approval: { canApprove: boolean; approveBlocked: string | null };
  waiting: { code: string; text: string }[];
  supplementWindow: { from: string; to: string; defaultDueOn: string };
  items: Item[];
};

const stage = (s: string, state: 'open' | 'closed') =>
  province.send('POST', `/api/cycles/${cycleId}/stages/${s}`, { state });
const url = (code: string) => `/api/assessments/${first}/appraisal/${code}`;
const audits = (action: string, entityId: string) =>
  rawRows<{ reason: string | null; after: { code?: string } }>(
    t.database.db,
    sql`select reason, after from audit_log where action = ${action} and entity_id = ${entityId}`,
  );

beforeAll(async () => {
  t = await testApp({ loginRatePerMinute: 1000 });
  province = await t.login('dieuphoi.soctrang');
  district = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
  const fws = (await province.get('/api/frameworks')).json() as {
    items: { id: string; code: string; status: string }[];
  };
  const fwId = fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023' && f.status === 'published')!.id;
  // appraisal planned in four days, supplementation after it: the situation of the issue
  const r = await province.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2025 — Công an cấp xã tỉnh Sóc Trăng',
    year: 2025,
    frameworkId: fwId,
    ownerUnitId: await unitIdByCode(t, 'CAT-ST'),
    unitKinds: ['commune_police'],
    stages: [
      { stage: 'self_assessment', startsOn: addDays(today, -3), dueOn: addDays(today, 2) },
      { stage: 'appraisal', startsOn: addDays(today, 4), dueOn: addDays(today, 10) },
      { stage: 'supplementation', startsOn: addDays(today, 11), dueOn: addDays(today, 15) },
      { stage: 'finalisation', startsOn: addDays(today, 16), dueOn: addDays(today, 18) },
      { stage: 'publication', startsOn: addDays(today, 19), dueOn: addDays(today, 20) },
    ],
  });
  expect(r.statusCode, r.body).toBe(200);
  const d = r.json() as { id: string; units: typeof units };
  cycleId = d.id;
  units = d.units;
  first = units[0]!.assessmentId;
  const fw = (await province.get(`/api/frameworks/${fwId}`)).json() as { definition: unknown };
  const leaves = leavesOf(parseFrameworkJson(fw.definition).framework!);
  leafCodes = leaves.map((l) => l.code);
  expect((await stage('self_assessment', 'open')).statusCode).toBe(200);
  // survey leaves read the bound campaign's index: nobody types them
  for (const l of leaves.filter((x) => x.rule?.type !== 'survey'))
    expect(
      (
        await officer.send('PUT', `/api/assessments/${first}/items/${l.code}`, {
          text: demoInput(l, 0),
          note: 'Hồ sơ lưu tại đơn vị.',
        })
      ).statusCode,
    ).toBe(200);
  expect((await head.send('POST', `/api/assessments/${first}/submit`)).statusCode).toBe(200);
}, 300_000);
afterAll(async () => t?.close());

describe('stage gates', () => {
  const waitText = `Chờ ${ST} mở giai đoạn “Thẩm định”, dự kiến ${formatDateVi(addDays(today, 4))}.`;

  it('the district coordinator is not offered appraising or approving, and is told who opens the stage and when', async () => {
    const a = (await district.get(`/api/assessments/${first}`)).json() as {
      canAppraise: boolean;
      appraiseBlocked: string | null;
    };
    expect(a).toMatchObject({ canAppraise: false, appraiseBlocked: waitText });
    const ap = (await district.get(`/api/assessments/${first}/appraisal`)).json() as Appraisal;
    expect(ap.approval).toMatchObject({ canApprove: false, approveBlocked: waitText });
    const c = (await district.get(`/api/cycles/${cycleId}`)).json() as { waiting: string[] };
    expect(c.waiting).toEqual([waitText]);
    // what the screen would have offered is refused with the same sentence, nothing changed
    const acc = await district.send('PUT', url(leafCodes[0]!), { action: 'accept' });
    expect(acc.statusCode).toBe(409);
    expect((acc.json() as Err).error.message).toBe(waitText);
    const appr = await district.send('POST', `/api/assessments/${first}/approve`, {});
    expect((appr.json() as Err).error.message).toBe(waitText);
    expect(
      (await rawRows(t.database.db, sql`select 1 from appraisal_items where assessment_id = ${first}`))
        .length,
    ).toBe(0);
    // the one who runs the cycle is told nothing of the kind: it opens the stages
    expect(((await province.get(`/api/cycles/${cycleId}`)).json() as { waiting: string[] }).waiting).toEqual(
      [],
    );
  });

  it('opening a stage records who opened it and when, and says who was told', async () => {
    const r = await stage('appraisal', 'open');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as { stages: Stage[]; notified: { count: number; units: string[] } };
    // one notice, one recipient per person told (ADR 0015): the count is of people, the list of units
    const told = await rawRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from notice_recipients r join notices n on n.id = r.notice_id
          where n.cycle_id = ${cycleId} and n.kind = 'stage_open' and n.title like ${'%Thẩm định%'}`,
    );
    expect(d.notified.count).toBeGreaterThan(0);
    expect(d.notified.count).toBe(told[0]!.n);
    expect(d.notified.units).toEqual(units.map((u) => u.unitName));
    const s = d.stages.find((x) => x.stage === 'appraisal')!;
    expect(s).toMatchObject({ state: 'open', openedBy: 'Cán bộ đầu mối Công an tỉnh (tài khoản mẫu)' });
    expect(s.openedAt).not.toBeNull();
    // as stored: the reader of the cycle sees the same
    const again = (await district.get(`/api/cycles/${cycleId}`)).json() as {
      stages: Stage[];
      waiting: string[];
    };
    expect(again.stages.find((x) => x.stage === 'appraisal')!.openedBy).toBe(s.openedBy);
    expect(again.waiting).toEqual([]);
    const a = (await district.get(`/api/assessments/${first}`)).json() as { canAppraise: boolean };
    expect(a.canAppraise).toBe(true);
  });
});

describe('supplementation while appraisal is open', () => {
  it('the due date lies between the request and the end of the supplementation stage', async () => {
    const ap = (await district.get(`/api/assessments/${first}/appraisal`)).json() as Appraisal;
    expect(ap.supplementWindow).toEqual({
      from: today,
      to: addDays(today, 15),
      defaultDueOn: addDays(today, 5),
    });
    const before = await district.send('PUT', url(leafCodes[0]!), {
      action: 'supplement',
      message: 'Bổ sung kế hoạch.',
      dueOn: addDays(today, -1),
    });
    expect(before.statusCode).toBe(400);
    expect((before.json() as Err).error.message).toBe(
      `Hạn giải trình ${formatDateVi(addDays(today, -1))} không được trước ngày yêu cầu (${formatDateVi(today)}).`,
    );
    const after = await district.send('PUT', url(leafCodes[0]!), {
      action: 'supplement',
      message: 'Bổ sung kế hoạch.',
      dueOn: addDays(today, 16),
    });
    expect(after.statusCode).toBe(400);
    expect((after.json() as Err).error.message).toMatch(/phải trong giai đoạn “Giải trình, bổ sung”/);
    // nothing written by the refusals
    expect(
      (await rawRows(t.database.db, sql`select 1 from appraisal_items where assessment_id = ${first}`))
        .length,
    ).toBe(0);
    // without a date: five days on
    const ok = await district.send('PUT', url(leafCodes[0]!), {
      action: 'supplement',
      message: 'Bổ sung kế hoạch có chữ ký.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const item = (ok.json() as Appraisal).items.find((i) => i.code === leafCodes[0])!;
    expect(item.supplementDueOn).toBe(addDays(today, 5));
    // the unit's extension of the supplementation stage counts
    const ext = await province.send('POST', `/api/cycles/${cycleId}/extensions`, {
      stage: 'supplementation',
      unitId: units[0]!.unitId,
      dueOn: addDays(today, 20),
      reason: 'Đơn vị đang sáp nhập trụ sở.',
    });
    expect(ext.statusCode, ext.body).toBe(200);
    const later = await district.send('PUT', url(leafCodes[1]!), {
      action: 'supplement',
      message: 'Bổ sung sổ theo dõi.',
      dueOn: addDays(today, 18),
    });
    expect(later.statusCode, later.body).toBe(200);
  });

  it('the unit answers while appraisal is open and supplementation has not opened', async () => {
    const view = (await officer.get(`/api/assessments/${first}/appraisal`)).json() as Appraisal;
    expect(view.items.find((i) => i.code === leafCodes[0])!.canAnswer).toBe(true);
    const ans = await officer.send('POST', `${url(leafCodes[0]!)}/answer`, {
      answer: 'Đã bổ sung Kế hoạch số 12/KH-CAX có chữ ký.',
    });
    expect(ans.statusCode, ans.body).toBe(200);
    expect((ans.json() as Appraisal).items.find((i) => i.code === leafCodes[0])!.state).toBe('answered');
  });

  it('not after its due date', async () => {
    await district.send('PUT', url(leafCodes[2]!), { action: 'supplement', message: 'Bổ sung biên bản.' });
    await t.database.db.execute(
      sql`update appraisal_items set supplement_due_on = ${addDays(today, -1)} where assessment_id = ${first} and code = ${leafCodes[2]!}`,
    );
    // the extension (today + 20) still counts for this unit: remove it to see the date itself
    await t.database.db.execute(sql`delete from stage_extensions where cycle_id = ${cycleId}`);
    const view = (await officer.get(`/api/assessments/${first}/appraisal`)).json() as Appraisal;
    expect(view.items.find((i) => i.code === leafCodes[2])!.canAnswer).toBe(false);
    const late = await officer.send('POST', `${url(leafCodes[2]!)}/answer`, { answer: 'Muộn.' });
    expect(late.statusCode).toBe(409);
    expect((late.json() as Err).error.message).toMatch(/Đã quá hạn giải trình tiêu chí/);
  });
});

describe('what still waits for the unit is accepted only by an explicit choice with a reason', () => {
  it('accepting a criterion waiting for an answer is refused, naming it; with the choice and a reason it is audited', async () => {
    const code = leafCodes[1]!;
    const plain = await district.send('PUT', url(code), { action: 'accept' });
    expect(plain.statusCode).toBe(409);
    expect((plain.json() as Err).error.message).toMatch(
      new RegExp(`^${code.replace('.', '\\.')} đang chờ giải trình`),
    );
    const noReason = await district.send('PUT', url(code), { action: 'accept', acceptWaiting: true });
    expect(noReason.statusCode).toBe(422);
    const ok = await district.send('PUT', url(code), {
      action: 'accept',
      acceptWaiting: true,
      reason: 'Sổ theo dõi đã kiểm tra trực tiếp tại đơn vị.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const rows = await audits('appraisal.accept', first);
    expect(
      rows.some((x) => x.after.code === code && x.reason === 'Sổ theo dõi đã kiểm tra trực tiếp tại đơn vị.'),
    ).toBe(true);
  });

  it('approving while a criterion waits names it; with the choice and a reason the waiting ones are accepted', async () => {
    const ap = (await district.get(`/api/assessments/${first}/appraisal`)).json() as Appraisal;
    expect(ap.waiting.map((w) => w.text)).toEqual(
      expect.arrayContaining([`${leafCodes[2]} đang chờ giải trình`]),
    );
    const plain = await district.send('POST', `/api/assessments/${first}/approve`, {});
    expect(plain.statusCode).toBe(409);
    expect((plain.json() as Err).error.message).toContain(`${leafCodes[2]} đang chờ giải trình`);
    expect((plain.json() as Err).error.details?.blocking).toEqual(
      expect.arrayContaining([leafCodes[0], leafCodes[2]]),
    );
    const noReason = await district.send('POST', `/api/assessments/${first}/approve`, {
      acceptWaiting: true,
    });
    expect(noReason.statusCode).toBe(422);
    const ok = await district.send('POST', `/api/assessments/${first}/approve`, {
      acceptWaiting: true,
      note: 'Hết thời gian thẩm định; giữ điểm tự đánh giá.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json() as Appraisal;
    expect(v.waiting).toEqual([]);
    expect(v.items.find((i) => i.code === leafCodes[2])!.state).toBe('accepted');
    const rows = await audits('appraisal.accept', first);
    for (const c of [leafCodes[0], leafCodes[2]])
      expect(
        rows.some((x) => x.after.code === c && x.reason === 'Hết thời gian thẩm định; giữ điểm tự đánh giá.'),
      ).toBe(true);
  });
});

describe('a cycle of one district: accept the rest, finalise, publish', () => {
  let cid: string;
  let aid: string;
  let coord: Client;

  beforeAll(async () => {
    coord = district;
    const fws = (await coord.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
    const r = await coord.send('POST', '/api/cycles', {
      name: 'Tự đánh giá CCHC năm 2025 — Công an huyện Cù Lao Dung',
      year: 2025,
      frameworkId: fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id,
      ownerUnitId: await unitIdByCode(t, 'CAH-CLD'),
      unitKinds: ['district_police'],
      stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
        stage: s,
        startsOn: addDays(today, -3),
        dueOn: addDays(today, 7),
      })),
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as { id: string; units: { assessmentId: string }[] };
    cid = d.id;
    aid = d.units[0]!.assessmentId;
  });

  it('input not understood is kept as typed, not scored, and the class waits until everything is scored', async () => {
    await coord.send('POST', `/api/cycles/${cid}/stages/self_assessment`, { state: 'open' });
    const bad = await officer.send('PUT', `/api/assessments/${aid}/items/2`, { text: 'bảy rưỡi' });
    expect(bad.statusCode).toBe(200);
    expect((bad.json() as { inputText: string; problem: string | null }).problem).toMatch(
      /không phải số điểm/,
    );
    type N = {
      code: string;
      inputText?: string;
      inputProblem?: string | null;
      input?: { kind: string };
      children: N[];
    };
    const v = (await officer.get(`/api/assessments/${aid}`)).json() as {
      band: string | null;
      scored: number;
      leaves: number;
      tree: N[];
    };
    const flat = (ns: N[]): N[] => ns.flatMap((n) => [n, ...flat(n.children)]);
    const two = flat(v.tree).find((n) => n.code === '2')!;
    expect(two).toMatchObject({ inputText: 'bảy rưỡi', input: { kind: 'points' } });
    expect(two.inputProblem).toMatch(/không phải số điểm/);
    expect(flat(v.tree).find((n) => n.code === '1.1')!.input!.kind).toBe('ratio');
    expect(v).toMatchObject({ band: null, scored: 0, leaves: 13 });
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
    await surveyReady(t, coord, {
      cycleId: cid,
      owner: 'CAH-CLD',
      units: ['CAH-CLD'],
      leaf: '8.1',
      satisfied: 241,
      n: 250,
    });
    for (const [code, text] of Object.entries(values))
      await officer.send('PUT', `/api/assessments/${aid}/items/${code}`, { text, note: 'Hồ sơ tại đơn vị.' });
    const full = (await officer.get(`/api/assessments/${aid}`)).json() as {
      band: string | null;
      scored: number;
    };
    expect(full.scored).toBe(13);
    expect(full.band).not.toBeNull();
    expect((await head.send('POST', `/api/assessments/${aid}/submit`)).statusCode).toBe(200);
  });

  it('the coordinator accepts the remaining criteria in one action, one audit entry each', async () => {
    await coord.send('POST', `/api/cycles/${cid}/stages/self_assessment`, { state: 'closed' });
    await coord.send('POST', `/api/cycles/${cid}/stages/appraisal`, { state: 'open' });
    const set = await coord.send('PUT', `/api/assessments/${aid}/appraisal/2`, {
      action: 'set',
      text: '7',
      reason: 'Thiếu một báo cáo quý.',
    });
    expect(set.statusCode, set.body).toBe(200);
    const r = await coord.send('POST', `/api/assessments/${aid}/appraisal/accept-rest`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as Appraisal;
    expect(v.items.filter((i) => i.state === 'accepted')).toHaveLength(12);
    expect(v.items.find((i) => i.code === '2')!.state).toBe('changed');
    expect((await audits('appraisal.accept', aid)).length).toBe(12);
    // nothing left: a second time is refused
    expect((await coord.send('POST', `/api/assessments/${aid}/appraisal/accept-rest`)).statusCode).toBe(400);
    // the unit's people cannot
    expect((await officer.send('POST', `/api/assessments/${aid}/appraisal/accept-rest`)).statusCode).toBe(
      403,
    );
  });

  it('publication closes every stage; the unit sees the published state, not a countdown', async () => {
    for (const s of ['appraisal', 'finalisation', 'publication'])
      await coord.send('POST', `/api/cycles/${cid}/stages/${s}`, { state: 'open' });
    expect((await coord.send('POST', `/api/cycles/${cid}/finalise`)).statusCode).toBe(200);
    const p = await coord.send('POST', `/api/cycles/${cid}/publish`, {
      decisionNumber: '105/QĐ-CAH',
      decisionDate: today,
    });
    expect(p.statusCode, p.body).toBe(200);
    const stored = await rawRows<{ state: string }>(
      t.database.db,
      sql`select state from cycle_stages where cycle_id = ${cid}`,
    );
    expect(stored.map((s) => s.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    const c = (await officer.get(`/api/cycles/${cid}`)).json() as { stages: Stage[]; waiting: string[] };
    expect(c.stages.every((s) => s.state === 'closed')).toBe(true);
    expect(c.waiting).toEqual(['Kỳ đánh giá đã công bố kết quả; các giai đoạn đã đóng.']);
    const a = (await officer.get(`/api/assessments/${aid}`)).json() as {
      cycleStatus: string;
      deadline: { state: string; writable: boolean; message: string | null };
    };
    expect(a).toMatchObject({
      cycleStatus: 'published',
      deadline: {
        state: 'closed',
        writable: false,
        message: 'Kỳ đánh giá đã công bố kết quả; các giai đoạn đã đóng.',
      },
    });
    const audit = await rawRows<{ after: { stagesClosed: string[] } }>(
      t.database.db,
      sql`select after from audit_log where action = 'cycle.publish' and entity_id = ${cid}`,
    );
    // the self-assessment stage was closed already; the others are closed by the publication
    expect(audit[0]!.after.stagesClosed.sort()).toEqual([
      'appraisal',
      'finalisation',
      'publication',
      'supplementation',
    ]);
  });
});
