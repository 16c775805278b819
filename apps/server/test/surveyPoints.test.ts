/** Survey points in cycles (issue #15, item 7): a survey leaf is never typed (409 naming the
 * campaign), the cycle binds it to a campaign code before appraisal, the nearest campaign owner at or
 * above the unit wins, a published result gives index × max, a unit with nothing surveyed below it is
 * "không áp dụng", finalisation is refused while the campaign has no published result, and only the
 * coordinator's recorded 'zero' decision makes the leaf count 0. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { getUnit } from '../src/modules/units/service.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { publishCampaign, uniformCounts } from './surveyPointsFixture.ts';

let t: TestApp;
let coord: Client; // Cù Lao Dung: runs the cycle and owns a campaign HL-2024
let province: Client; // Sóc Trăng: owns another campaign HL-2024
let officer: Client;
let cycleId: string;
const ids: Record<string, string> = {};
const assessment: Record<string, string> = {};
const campaign: Record<string, string> = {};
const today = todayVn();
const LEAF = '6.2'; // CCHC-CAX-MAU-2023: the survey leaf, 10 points
type Err = { error: { code: string; message: string; details?: { problems?: string[] } } };
type Node = {
  code: string;
  points: string;
  survey?: { state: string; index: number | null; campaignCode: string | null; text: string };
  children: Node[];
};

const leafOf = async (unit: string) => {
  const r = await officer.get(`/api/assessments/${assessment[unit]}`);
  expect(r.statusCode, r.body).toBe(200);
  const find = (ns: Node[]): Node | undefined => {
    for (const n of ns) {
      if (n.code === LEAF) return n;
      const f = find(n.children);
      if (f) return f;
    }
  };
  return find((r.json() as { tree: Node[] }).tree)!;
};

const makeCampaign = async (c: Client, owner: string, targets: string[]) => {
  const forms = (await c.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  const r = await c.send('POST', '/api/survey-campaigns', {
    code: 'HL-2024',
    name: `Khảo sát sự hài lòng 2024 của ${owner}`,
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: ids[owner],
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-05-01',
    closesOn: '2030-12-31',
    fields: [{ code: 'CT', name: 'Cư trú' }],
    targets: targets.map((u) => ({ unitId: ids[u], fieldCode: 'CT', target: 50 })),
  });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { id: string }).id;
};

const unitsOf = async (codes: string[]) =>
  Promise.all(codes.map(async (c) => ({ id: ids[c]!, path: (await getUnit(t.database.db, ids[c]!))!.path })));

beforeAll(async () => {
  t = await testApp();
  coord = await t.login('dieuphoi.culaodung');
  province = await t.login('dieuphoi.soctrang');
  officer = await t.login('canbo.culaodung');
  for (const c of ['CAT-ST', 'CAH-CLD', 'CLD-TT', 'CLD-AT1', 'CLD-TM']) ids[c] = await unitIdByCode(t, c);
  const fws = (await coord.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  const r = await coord.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2024 — thử điểm khảo sát',
    year: 2024,
    frameworkId: fws.items.find((f) => f.code === 'CCHC-CAX-MAU-2023')!.id,
    ownerUnitId: ids['CAH-CLD'],
    unitKinds: ['team', 'commune_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });
  expect(r.statusCode, r.body).toBe(200);
  const d = r.json() as { id: string; units: { unitId: string; assessmentId: string }[] };
  cycleId = d.id;
  for (const c of ['CLD-TT', 'CLD-AT1', 'CLD-TM'])
    assessment[c] = d.units.find((u) => u.unitId === ids[c])!.assessmentId;
  await coord.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, { state: 'open' });
  // the province surveys two communes of Cù Lao Dung; Cù Lao Dung surveys its township itself
  campaign.province = await makeCampaign(province, 'CAT-ST', ['CLD-TT', 'CLD-AT1']);
  campaign.district = await makeCampaign(coord, 'CAH-CLD', ['CLD-TT']);
}, 300_000);
afterAll(async () => t?.close());

describe('a survey leaf is never typed', () => {
  it('unbound: the save answers 409 and the page shows it read-only', async () => {
    const r = await officer.send('PUT', `/api/assessments/${assessment['CLD-TT']}/items/${LEAF}`, {
      text: '96,4',
    });
    expect(r.statusCode).toBe(409);
    expect((r.json() as Err).error).toMatchObject({ code: 'SURVEY_LEAF_READONLY' });
    expect((r.json() as Err).error.message).toMatch(/chưa gắn đợt khảo sát/);
    expect((await leafOf('CLD-TT')).survey).toMatchObject({ state: 'unbound' });
    // another leaf is still typed
    const other = await officer.send('PUT', `/api/assessments/${assessment['CLD-TT']}/items/1.1`, {
      text: 'Có',
    });
    expect(other.statusCode).not.toBe(409);
  });

  it('bound before appraisal: the 409 names the campaign; the page waits for publication', async () => {
    const bad = await coord.send('PUT', `/api/cycles/${cycleId}/survey-bindings/1.1`, {
      campaignCode: 'HL-2024',
      indicator: { kind: 'overall' },
    });
    expect(bad.statusCode).toBe(400);
    const none = await coord.send('PUT', `/api/cycles/${cycleId}/survey-bindings/${LEAF}`, {
      campaignCode: 'KHONG-CO',
      indicator: { kind: 'overall' },
    });
    expect(none.statusCode).toBe(400);
    const b = await coord.send('PUT', `/api/cycles/${cycleId}/survey-bindings/${LEAF}`, {
      campaignCode: 'HL-2024',
      indicator: { kind: 'overall' },
    });
    expect(b.statusCode, b.body).toBe(200);
    expect((await officer.send('PUT', `/api/cycles/${cycleId}/survey-bindings/${LEAF}`, {})).statusCode).toBe(
      403,
    );
    const r = await officer.send('PUT', `/api/assessments/${assessment['CLD-TT']}/items/${LEAF}`, {
      text: '96,4',
    });
    expect(r.statusCode).toBe(409);
    expect((r.json() as Err).error.message).toMatch(
      /^Điểm tiêu chí 6\.2 lấy từ kết quả đợt khảo sát HL-2024/,
    );
    const leaf = await leafOf('CLD-TT');
    expect(leaf.survey).toMatchObject({ state: 'pending', campaignCode: 'HL-2024' });
    expect(leaf.survey!.text).toMatch(/^Chờ công bố kết quả khảo sát đợt HL-2024/);
    expect(leaf.points).toBe('0');
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'survey.binding.set'), eq(auditLog.entityId, cycleId)));
    expect(audited).toHaveLength(1);
  });

  it('finalisation is refused, naming the campaign, while it has no published result', async () => {
    await coord.send('POST', `/api/cycles/${cycleId}/stages/finalisation`, { state: 'open' });
    const r = await coord.send('POST', `/api/cycles/${cycleId}/finalise`);
    expect(r.statusCode).toBe(409);
    const problems = (r.json() as Err).error.details?.problems ?? [];
    expect(
      problems.some((p) =>
        /Công an thị trấn Cù Lao Dung: tiêu chí 6\.2: đợt khảo sát HL-2024 .* chưa công bố kết quả/.test(p),
      ),
    ).toBe(true);
    await coord.send('POST', `/api/cycles/${cycleId}/stages/finalisation`, { state: 'closed' });
  });
});

describe('after publication', () => {
  beforeAll(async () => {
    // the province's campaign says 80 %, Cù Lao Dung's (nearer to its units) 90 %
    await publishCampaign(
      t,
      campaign.province!,
      (form) => [
        uniformCounts(form, ids['CLD-TT']!, 'CT', 40, 50),
        uniformCounts(form, ids['CLD-AT1']!, 'CT', 40, 50),
      ],
      await unitsOf(['CAT-ST', 'CAH-CLD', 'CLD-TT', 'CLD-AT1']),
    );
    await publishCampaign(
      t,
      campaign.district!,
      (form) => [uniformCounts(form, ids['CLD-TT']!, 'CT', 45, 50)],
      await unitsOf(['CAH-CLD', 'CLD-TT', 'CLD-AT1', 'CLD-TM']),
    );
  }, 120_000);

  it('the leaf takes the nearest campaign’s index × max, read-only', async () => {
    const leaf = await leafOf('CLD-TT');
    expect(leaf.survey).toMatchObject({ state: 'index', index: 9000, campaignCode: 'HL-2024' });
    expect(leaf.points).toBe('9');
    expect(leaf.survey!.text).toMatch(/90,00%/);
    const r = await officer.send('PUT', `/api/assessments/${assessment['CLD-TT']}/items/${LEAF}`, {
      text: '100',
    });
    expect(r.statusCode).toBe(409);
  });

  it('a unit with nothing surveyed at or below it is not applicable (the leaf leaves the maximum)', async () => {
    // Đội Tham mưu handles no procedures; An Thạnh 1 was surveyed only by the farther campaign
    for (const u of ['CLD-TM', 'CLD-AT1']) {
      const leaf = await leafOf(u);
      expect(leaf.survey).toMatchObject({ state: 'not_applicable' });
    }
    const v = (await officer.get(`/api/assessments/${assessment['CLD-TM']}`)).json() as {
      applicableMax: string;
    };
    expect(v.applicableMax).toBe('90');
  });

  it('a flagged unit counts 0 only after the coordinator records a zero decision', async () => {
    const view = async () =>
      (await coord.get(`/api/cycles/${cycleId}/survey-points`)).json() as {
        units: {
          unitId: string;
          leaves: { code: string; points: string | null; state: string }[];
          sanction: unknown;
        }[];
      };
    const tt = (v: Awaited<ReturnType<typeof view>>) => v.units.find((u) => u.unitId === ids['CLD-TT'])!;
    expect(tt(await view()).leaves[0]).toMatchObject({ state: 'index', points: '9' });
    expect((tt(await view()) as unknown as { flag: string | null }).flag).toBeNull();
    // the team's Mẫu 01 was due yesterday and has not been sent: the system raises the flag, and the
    // points stay until the coordinator decides
    const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const req = await coord.send('POST', '/api/report-requests', {
      kind: 'survey_mau01',
      campaignId: campaign.district,
      dueOn: yesterday,
      unitIds: [ids['CLD-TT']],
    });
    expect(req.statusCode, req.body).toBe(200);
    const flagged = tt(await view()) as unknown as {
      flag: string | null;
      leaves: { points: string | null }[];
    };
    expect(flagged.flag).toMatch(/^Chưa gửi báo cáo Mẫu 01 \(hạn \d{2}\/\d{2}\/\d{4}\)$/);
    expect(flagged.leaves[0]!.points).toBe('9');
    const url = `/api/cycles/${cycleId}/survey-sanctions/${ids['CLD-TT']}`;
    expect((await officer.send('PUT', url, { decision: 'zero', reason: 'Mẫu 01 gửi trễ' })).statusCode).toBe(
      403,
    );
    expect((await coord.send('PUT', url, { decision: 'zero', reason: '' })).statusCode).toBe(400);
    const waived = await coord.send('PUT', url, {
      decision: 'waived',
      reason: 'Trễ do lỗi đường truyền, có xác nhận',
    });
    expect(waived.statusCode, waived.body).toBe(200);
    expect(tt(waived.json()).leaves[0]).toMatchObject({ state: 'index', points: '9' });
    expect((await leafOf('CLD-TT')).points).toBe('9');
    const zero = await coord.send('PUT', url, {
      decision: 'zero',
      reason: 'Mẫu 01 gửi ngày 11/7/2024, sau hạn 10/7/2024',
    });
    expect(zero.statusCode, zero.body).toBe(200);
    expect(tt(zero.json())).toMatchObject({
      leaves: [{ state: 'zero', points: '0' }],
      sanction: { decision: 'zero' },
    });
    const leaf = await leafOf('CLD-TT');
    expect(leaf).toMatchObject({ points: '0', survey: { state: 'zero', index: 9000 } });
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'survey.sanction.zero'));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.reason).toMatch(/sau hạn 10\/7\/2024/);
  });

  it('bindings are refused once the appraisal stage has opened', async () => {
    await coord.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, { state: 'closed' });
    const open = await coord.send('POST', `/api/cycles/${cycleId}/stages/appraisal`, { state: 'open' });
    expect(open.statusCode, open.body).toBe(200);
    const r = await coord.send('DELETE', `/api/cycles/${cycleId}/survey-bindings/${LEAF}`);
    expect(r.statusCode).toBe(409);
    expect((r.json() as Err).error.message).toMatch(/Giai đoạn thẩm định đã mở/);
  });
});
