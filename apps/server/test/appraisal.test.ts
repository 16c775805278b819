/** The whole cycle over HTTP: self-assessment, appraisal by an assigned appraiser (a changed score
 * needs a reason; fields not assigned are refused), supplementation and the unit's answer,
 * finalisation, publication with a decision, visibility of the ranking, amending decision. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { surveyReady } from './surveyPointsFixture.ts';

let t: TestApp;
let coord: Client; // coordinator, Công an huyện Cù Lao Dung (runs this cycle)
let officer: Client;
let head: Client;
let appraiser: Client; // appraiser, Công an tỉnh Sóc Trăng
let hqCoord: Client;
let cycleId: string;
let assessmentId: string;
let cld: string;
let police: string;
const today = todayVn();
type Err = { error: { code: string; message: string; details?: { problems?: string[] } } };

const stage = (s: string, state: 'open' | 'closed') =>
  coord.send('POST', `/api/cycles/${cycleId}/stages/${s}`, { state });

beforeAll(async () => {
  t = await testApp();
  coord = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
  appraiser = await t.login('thamdinh.soctrang');
  hqCoord = await t.login('dieuphoi.haquang');
  cld = await unitIdByCode(t, 'CAH-CLD');
  const fws = (await coord.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  police = fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id;
  const r = await coord.send('POST', '/api/cycles', {
    name: 'Tự đánh giá CCHC năm 2025',
    year: 2025,
    frameworkId: police,
    ownerUnitId: cld,
    unitKinds: ['district_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });
  expect(r.statusCode, r.body).toBe(200);
  const d = r.json() as { id: string; units: { assessmentId: string }[] };
  cycleId = d.id;
  assessmentId = d.units[0]!.assessmentId;
  // 8.1 reads the published index of a campaign (96,40 %), nobody types it
  await surveyReady(t, coord, {
    cycleId,
    owner: 'CAH-CLD',
    units: ['CAH-CLD'],
    leaf: '8.1',
    satisfied: 241,
    n: 250,
  });
}, 300_000);
afterAll(async () => t?.close());

describe('a cycle from self-assessment to an amended publication', () => {
  it('the unit fills its self-assessment and the head submits', async () => {
    await stage('self_assessment', 'open');
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
    for (const [code, text] of Object.entries(values))
      expect(
        (
          await officer.send('PUT', `/api/assessments/${assessmentId}/items/${code}`, {
            text,
            note: 'Giải trình tại đơn vị.',
          })
        ).statusCode,
      ).toBe(200);
    const s = await head.send('POST', `/api/assessments/${assessmentId}/submit`);
    expect(s.json()).toMatchObject({ status: 'submitted', total: '86,95' });
  });

  it('an assigned appraiser changes a score with a reason, asks supplementation, and is refused outside the fields', async () => {
    await stage('self_assessment', 'closed');
    await stage('appraisal', 'open');
    const users = (await (await t.login('quantri')).get('/api/users?q=thamdinh')).json() as {
      items: { id: string; username: string }[];
    };
    const appraiserId = users.items.find((u) => u.username === 'thamdinh.soctrang')!.id;
    const as = await coord.send('POST', `/api/cycles/${cycleId}/assignments`, {
      userId: appraiserId,
      fields: ['1', '3'],
      unitIds: [cld],
    });
    expect(as.statusCode, as.body).toBe(200);
    // only someone holding the appraiser's right over the unit can be assigned
    const officers = (await (await t.login('quantri')).get('/api/users?q=canbo.culaodung')).json() as {
      items: { id: string; username: string }[];
    };
    const officerId = officers.items.find((u) => u.username === 'canbo.culaodung')!.id;
    const wrong = await coord.send('POST', `/api/cycles/${cycleId}/assignments`, {
      userId: officerId,
      fields: ['2'],
      unitIds: [cld],
    });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as Err).error.message).toMatch(/không có quyền thẩm định/);
    const url = (code: string) => `/api/assessments/${assessmentId}/appraisal/${code}`;
    const noReason = await appraiser.send('PUT', url('3.1'), { action: 'set', text: '90/100' });
    expect(noReason.statusCode).toBe(422);
    expect((noReason.json() as Err).error.message).toMatch(/cần ghi lý do/);
    const set = await appraiser.send('PUT', url('3.1'), {
      action: 'set',
      text: '90/100',
      reason: 'Sổ theo dõi cho thấy 10 hồ sơ trễ hạn',
    });
    expect(set.statusCode, set.body).toBe(200);
    const v = set.json() as {
      selfTotal: string;
      appraisedTotal: string;
      items: { code: string; state: string; appraisedPoints: string }[];
    };
    expect(v.items.find((i) => i.code === '3.1')).toMatchObject({ state: 'changed' });
    expect(v.selfTotal).toBe('86,95');
    const sup = await appraiser.send('PUT', url('1.1'), {
      action: 'supplement',
      message: 'Bổ sung kế hoạch CCHC năm có chữ ký',
      dueOn: addDays(today, 5),
    });
    expect(sup.statusCode, sup.body).toBe(200);
    const outside = await appraiser.send('PUT', url('7'), { action: 'accept' });
    expect(outside.statusCode).toBe(403);
    expect((outside.json() as Err).error.message).toMatch(/không được phân công thẩm định lĩnh vực 7/);
    // the unit can no longer withdraw; only the coordinator can reopen it, with a reason
    const w = await head.send('POST', `/api/assessments/${assessmentId}/withdraw`);
    expect(w.statusCode).toBe(409);
    const ret = await coord.send('POST', `/api/assessments/${assessmentId}/return`, {
      reason: 'Sửa lỗi nhập 1.3',
    });
    expect(ret.json()).toMatchObject({ status: 'returned' });
    await stage('self_assessment', 'open');
    expect(
      (await officer.send('PUT', `/api/assessments/${assessmentId}/items/1.3`, { text: '10/10' })).statusCode,
    ).toBe(200);
    expect((await head.send('POST', `/api/assessments/${assessmentId}/submit`)).json()).toMatchObject({
      status: 'submitted',
    });
    await stage('self_assessment', 'closed');
    // the appraisal already given stays
    const kept = (await appraiser.get(`/api/assessments/${assessmentId}/appraisal`)).json() as {
      items: { code: string; state: string }[];
    };
    expect(kept.items.find((i) => i.code === '3.1')!.state).toBe('changed');
    // the matrix shows what is appraised and what waits for the unit
    const m = (await coord.get(`/api/cycles/${cycleId}/matrix`)).json() as {
      rows: { cells: { field: string; appraised: number; waiting: number; pending: number }[] }[];
    };
    expect(m.rows[0]!.cells.find((c) => c.field === '3')).toMatchObject({ appraised: 1, pending: 1 });
    expect(m.rows[0]!.cells.find((c) => c.field === '1')).toMatchObject({ waiting: 1, pending: 3 });
  });

  it('the unit answers; the appraiser decides; finalisation waits for every decision', async () => {
    await stage('supplementation', 'open');
    await stage('finalisation', 'open');
    const early = await coord.send('POST', `/api/cycles/${cycleId}/finalise`);
    expect(early.statusCode).toBe(409);
    expect((early.json() as Err).error.details?.problems?.[0]).toMatch(
      /tiêu chí 1.1: đang chờ đơn vị giải trình/,
    );
    const ans = await officer.send('POST', `/api/assessments/${assessmentId}/appraisal/1.1/answer`, {
      answer: 'Đã bổ sung Kế hoạch số 12/KH-CAH có chữ ký của Trưởng Công an huyện.',
    });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(
      (ans.json() as { items: { code: string; state: string }[] }).items.find((i) => i.code === '1.1')!.state,
    ).toBe('answered');
    expect(
      (await appraiser.send('PUT', `/api/assessments/${assessmentId}/appraisal/1.1`, { action: 'accept' }))
        .statusCode,
    ).toBe(200);
    const fin = await coord.send('POST', `/api/cycles/${cycleId}/finalise`);
    expect(fin.statusCode, fin.body).toBe(200);
    // 3.1 at 90 % falls below the 95 % tier: 6 → lower tier points
    const r = fin.json() as { items: { unitId: string; total: string; rank: number }[] };
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.rank).toBe(1);
    expect(r.items[0]!.total).not.toBe('86.95');
  });

  it('before publication the unit sees neither the ranking nor its result; after it, both', async () => {
    expect((await officer.get(`/api/cycles/${cycleId}/ranking`)).statusCode).toBe(409);
    const hidden = (await officer.get(`/api/results?frameworkId=${police}&year=2025`)).json() as {
      items: unknown[];
    };
    expect(hidden.items).toEqual([]);
    await stage('publication', 'open');
    const pub = await coord.send('POST', `/api/cycles/${cycleId}/publish`, {
      decisionNumber: '90/QĐ-CAH',
      decisionDate: '2026-01-25',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    const rk = (await officer.get(`/api/cycles/${cycleId}/ranking`)).json() as {
      decisionNumber: string;
      items: { rank: number; resultId: string }[];
    };
    expect(rk.decisionNumber).toBe('90/QĐ-CAH');
    const card = (await officer.get(`/api/results/${rk.items[0]!.resultId}`)).json() as {
      lost: { code: string; lost: string }[];
      result: { rank: number };
    };
    expect(card.result.rank).toBe(1);
    expect(card.lost[0]!.code).toBe('3.1');
    // another tree sees nothing of it
    expect((await hqCoord.get(`/api/cycles/${cycleId}/ranking`)).statusCode).toBe(404);
  });

  it('units were told: the stages opening, the supplementation asked, the publication', async () => {
    const n = (await officer.get('/api/notices')).json() as {
      items: { id: string; kind: string; title: string }[];
      unread: number;
    };
    const kinds = n.items.map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['stage_open', 'supplement', 'published']));
    expect(n.items.find((x) => x.kind === 'published')!.title).toBe(
      'Công bố kết quả — Tự đánh giá CCHC năm 2025',
    );
    expect(n.items.find((x) => x.kind === 'supplement')!.title).toMatch(
      /Yêu cầu giải trình, bổ sung tiêu chí 1.1/,
    );
    const after = (await officer.send('POST', `/api/notices/${n.items[0]!.id}/read`)).json() as {
      unread: number;
    };
    expect(after.unread).toBe(n.unread - 1);
    // another tree hears nothing of it
    const hq = (await hqCoord.get('/api/notices')).json() as { items: { title: string }[] };
    expect(hq.items.some((x) => x.title.includes('Tự đánh giá CCHC năm 2025'))).toBe(false);
  });

  it('exports the self-assessment report and the ranking as Word and Excel', async () => {
    const docx = await officer.get(`/api/assessments/${assessmentId}/report?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/bao-cao-tu-danh-gia-cah-cld-2025\.docx/);
    const xlsx = await officer.get(`/api/assessments/${assessmentId}/report?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tự đánh giá')!;
    let row31 = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === '3.1') row31 = n;
    });
    expect(ws.getCell(row31, 5).value).toBe(6); // self-scored, a number
    expect(ws.getCell(row31, 6).value).toBe(0); // appraised at 90 %: below the 95 % tier
    expect(ws.getCell(row31, 7).value).toBe('Sổ theo dõi cho thấy 10 hồ sơ trễ hạn');
    const rk = await officer.get(`/api/cycles/${cycleId}/ranking/export?format=xlsx`);
    expect(rk.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(rk.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(wb2.getWorksheet('Xếp hạng')!.getSheetValues())).toContain(
      'Công an huyện Cù Lao Dung',
    );
    expect((await hqCoord.get(`/api/cycles/${cycleId}/ranking/export?format=xlsx`)).statusCode).toBe(404);
  });

  it('a published result changes only through an amending decision with a reason; the history keeps both', async () => {
    const direct = await coord.send('PUT', '/api/results', {
      frameworkId: police,
      year: 2025,
      unitId: cld,
      mode: 'leaves',
      inputs: { '3.1': '97/100' },
      baseRevision: 1,
      reason: 'x',
    });
    expect(direct.statusCode).toBe(409);
    expect((direct.json() as Err).error.code).toBe('RESULT_FROM_CYCLE');
    const admin = await t.login('quantri');
    const asAdmin = await admin.send('PUT', '/api/results', {
      frameworkId: police,
      year: 2025,
      unitId: cld,
      mode: 'leaves',
      inputs: { '3.1': '97/100' },
      baseRevision: 1,
      reason: 'x',
    });
    expect(asAdmin.statusCode).toBe(409);
    expect((asAdmin.json() as Err).error.code).toBe('RESULT_FROM_CYCLE');
    const before = (await coord.get(`/api/cycles/${cycleId}/ranking`)).json() as {
      items: { total: string }[];
    };
    const am = await coord.send('POST', `/api/cycles/${cycleId}/amend`, {
      unitId: cld,
      changes: { '3.1': '97/100' },
      reason: 'Đơn vị khiếu nại có căn cứ: 7 hồ sơ trễ do lỗi hệ thống',
      decisionNumber: '105/QĐ-CAH',
      decisionDate: '2026-02-10',
    });
    expect(am.statusCode, am.body).toBe(200);
    const after = am.json() as {
      items: { total: string }[];
      amendments: { decisionNumber: string; before: { total: string }; after: { total: string } }[];
    };
    expect(after.items[0]!.total).toBe('86.95');
    expect(after.amendments).toEqual([
      expect.objectContaining({
        decisionNumber: '105/QĐ-CAH',
        before: expect.objectContaining({ total: before.items[0]!.total }),
      }),
    ]);
    const audit = (await admin.get('/api/audit?limit=500')).json() as {
      items: { action: string; reason: string | null }[];
    };
    const actions = audit.items.map((a) => a.action);
    for (const a of [
      'cycle.create',
      'appraisal.set',
      'appraisal.supplement',
      'appraisal.answer',
      'cycle.finalise',
      'cycle.publish',
      'cycle.amend',
    ])
      expect(actions).toContain(a);
  });
});
