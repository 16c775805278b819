/** Survey forms and campaigns (issue #15, items 1–2): the shipped forms are installed published;
 * a draft version is imported, refused when wrong, published and then frozen; a campaign is made on a
 * published version over units × fields of its owner's subtree, with targets by ⌈N/(1+N·e²)⌉, and is
 * seen by the units it surveys (their own targets only). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client;
let district: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  district = await t.login('dieuphoi.culaodung');
  for (const c of ['CAT-ST', 'PA08', 'PC06', 'CAH-CLD', 'UBND-HQ']) ids[c] = await unitIdByCode(t, c);
});
afterAll(async () => t?.close());

describe('survey forms', () => {
  it('the shipped forms are published, system-wide and marked as examples', async () => {
    const r = await province.get('/api/survey-forms');
    expect(r.statusCode, r.body).toBe(200);
    const items = (
      r.json() as { items: { code: string; status: string; isExample: boolean; ownerUnitId: null }[] }
    ).items;
    const codes = items.map((f) => f.code).sort();
    expect(codes).toEqual(['PL01a', 'PL01b']);
    expect(items.every((f) => f.status === 'published' && f.isExample && f.ownerUnitId === null)).toBe(true);
  });

  it('a draft version is refused when wrong (nothing stored), then imported, published and frozen', async () => {
    const forms = (await province.get('/api/survey-forms')).json() as {
      items: { id: string; code: string }[];
    };
    const base = (
      await province.get(`/api/survey-forms/${forms.items.find((f) => f.code === 'PL01a')!.id}`)
    ).json() as {
      definition: { code: string; sections: { questions: { element?: string }[] }[] };
    };
    const def = structuredClone(base.definition);
    def.code = 'PL01a-ST';
    def.sections[1]!.questions[0]!.element = 'KHONGCO';
    const bad = await province.send('POST', '/api/survey-forms', {
      ownerUnitId: ids['CAT-ST'],
      definition: def,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('yếu tố "KHONGCO" không có trong phiếu');
    expect(((await province.get('/api/survey-forms')).json() as { items: unknown[] }).items).toHaveLength(2);
    def.sections[1]!.questions[0]!.element = 'TC';
    const ok = await province.send('POST', '/api/survey-forms', {
      ownerUnitId: ids['CAT-ST'],
      definition: def,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = ok.json().id as string;
    // a district sees neither the province's draft nor may publish it
    expect((await district.get(`/api/survey-forms/${id}`)).statusCode).toBe(404);
    expect((await district.send('POST', `/api/survey-forms/${id}/publish`, {})).statusCode).toBe(404);
    expect((await province.send('POST', `/api/survey-forms/${id}/publish`, {})).statusCode).toBe(200);
    const again = await province.send('POST', `/api/survey-forms/${id}/publish`, {});
    expect(again.statusCode).toBe(409);
    // the next import of the code is version 2
    const v2 = await province.send('POST', '/api/survey-forms', {
      ownerUnitId: ids['CAT-ST'],
      definition: def,
    });
    expect(v2.json().version).toBe(2);
  });
});

describe('survey campaigns', () => {
  let formId: string;
  let campaignId: string;
  beforeAll(async () => {
    const forms = (await province.get('/api/survey-forms')).json() as {
      items: { id: string; code: string }[];
    };
    formId = forms.items.find((f) => f.code === 'PL01a')!.id;
  });

  const body = () => ({
    code: 'HL-2024',
    name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    year: 2024,
    formId,
    ownerUnitId: ids['CAT-ST'],
    periodFrom: '2024-01-01',
    periodTo: '2024-06-30',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    basis: 'Kế hoạch số 107/KH-CAT ngày 13/3/2024',
    fields: [
      { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
    ],
    deadlines: [{ key: 'mau01', label: 'Báo cáo Mẫu 01', dueOn: '2024-07-10' }],
    targets: [
      { unitId: ids.PA08, fieldCode: 'XNC', transactions: 4200 },
      { unitId: ids.PC06, fieldCode: 'CCCD', target: 120 },
      { unitId: ids['CAH-CLD'], fieldCode: 'XNC', transactions: 0 },
      { unitId: ids['CAH-CLD'], fieldCode: 'CCCD', transactions: 100 },
    ],
  });

  it('refuses a target outside the owner, a field not in the campaign, and a draft form', async () => {
    const outside = body();
    outside.targets.push({ unitId: ids['UBND-HQ'], fieldCode: 'XNC', transactions: 10 });
    const r1 = await province.send('POST', '/api/survey-campaigns', outside);
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.message).toContain('không thuộc Công an tỉnh Sóc Trăng');
    const field = body();
    field.targets[0]!.fieldCode = 'PCCC';
    const r2 = await province.send('POST', '/api/survey-campaigns', field);
    expect(r2.json().error.message).toContain('lĩnh vực "PCCC" không có trong đợt khảo sát');
    expect(((await province.get('/api/survey-campaigns')).json() as { items: unknown[] }).items).toHaveLength(
      0,
    );
  });

  it('makes the campaign with targets ⌈N/(1+N·e²)⌉, typed, or none', async () => {
    const r = await province.send('POST', '/api/survey-campaigns', body());
    expect(r.statusCode, r.body).toBe(200);
    campaignId = r.json().id;
    const c = (await province.get(`/api/survey-campaigns/${campaignId}`)).json() as {
      status: string;
      canManage: boolean;
      targets: {
        unitName: string;
        fieldCode: string;
        target: number | null;
        targetSource: string | null;
        link: string | null;
      }[];
    };
    expect(c.status).toBe('draft');
    expect(c.canManage).toBe(true);
    const byKey = Object.fromEntries(c.targets.map((x) => [`${x.unitName}|${x.fieldCode}`, x]));
    expect(byKey['Phòng Quản lý xuất nhập cảnh|XNC']).toMatchObject({ target: 366, targetSource: 'formula' });
    expect(byKey['Công an huyện Cù Lao Dung|CCCD']).toMatchObject({ target: 80, targetSource: 'formula' });
    expect(byKey['Công an huyện Cù Lao Dung|XNC']).toMatchObject({ target: 0 });
    expect(c.targets.every((x) => x.link?.startsWith('/s/'))).toBe(true);
    const dup = await province.send('POST', '/api/survey-campaigns', body());
    expect(dup.statusCode).toBe(422);
  });

  it('a surveyed district sees the campaign with only its own targets; another tree sees nothing', async () => {
    const list = (await district.get('/api/survey-campaigns')).json() as { items: { id: string }[] };
    expect(list.items.map((x) => x.id)).toEqual([campaignId]);
    const c = (await district.get(`/api/survey-campaigns/${campaignId}`)).json() as {
      canManage: boolean;
      targets: { unitName: string }[];
    };
    expect(c.canManage).toBe(false);
    expect(new Set(c.targets.map((x) => x.unitName))).toEqual(new Set(['Công an huyện Cù Lao Dung']));
    const hq = await t.login('dieuphoi.haquang');
    expect(((await hq.get('/api/survey-campaigns')).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await hq.get(`/api/survey-campaigns/${campaignId}`)).statusCode).toBe(404);
    expect(
      (await district.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' }))
        .statusCode,
    ).toBe(403);
  });

  it('opens and closes by its owner; the changes are audited', async () => {
    expect(
      (await province.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'closed' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await province.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'open' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await province.send('POST', `/api/survey-campaigns/${campaignId}/status`, { status: 'closed' }))
        .statusCode,
    ).toBe(200);
    const admin = await t.login('quantri');
    const a = (await admin.get('/api/audit?action=survey.campaign.open')).json() as { items: unknown[] };
    expect(a.items).toHaveLength(1);
  });
});
