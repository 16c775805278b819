/** Results of a survey campaign (issue #15 item 7): indices on known ballots for a mean form (PL01a)
 * and a pool form (PL01b), subtrees computed from the cells, an external index replacing its cell,
 * "chưa đủ mẫu", scope, Excel, refusals, and a publication that freezes everything. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { insertBallots, ratingsOf } from './surveyResultsBallots.ts';

let t: TestApp;
let province: Client;
let district: Client;
const CODES = ['CAT-ST', 'PA08', 'PC06', 'CAH-CLD', 'CLD-TT', 'CLD-AT1', 'CLD-TM'] as const;
const ids = {} as Record<(typeof CODES)[number], string>;
const forms: Record<string, string> = {};

interface Cell {
  index: number | null;
  satisfied: number;
  ratings: number;
}
interface Group {
  returned: number;
  valid: number;
  invalid: number;
  online: number;
  margin: number | null;
  index: Cell;
  elements: Record<string, Cell>;
}
interface View {
  state: string;
  publishedAt: string | null;
  campaign: { status: string; canManage: boolean };
  units: (Group & {
    unitName: string;
    unitId: string;
    belowTarget: boolean;
    fields: (Group & {
      fieldCode: string;
      target: number | null;
      belowTarget: boolean;
      questions: Record<string, Cell>;
      external?: { document: string };
    })[];
  })[];
  subtrees: (Group & { unitId: string; unitName: string; depth: number })[];
  overall: Group | null;
  fieldTotals: unknown[] | null;
  external: { unitName: string; index: number }[];
}

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  district = await t.login('dieuphoi.culaodung');
  for (const c of CODES) ids[c] = await unitIdByCode(t, c);
  const list = (await province.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  for (const f of list.items) forms[f.code] = f.id;
});
afterAll(async () => t?.close());

const unit = (v: View, code: (typeof CODES)[number]) => v.units.find((u) => u.unitId === ids[code])!;

async function campaign(c: Client, body: Record<string, unknown>) {
  const r = await c.send('POST', '/api/survey-campaigns', {
    year: 2024,
    periodFrom: '2024-01-01',
    periodTo: '2024-06-30',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    ...body,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as string;
}

describe('a mean form (PL01a: elements pool their questions, the rest average)', () => {
  let id: string;
  const N = 19; // scale questions of PL01a, the overall question HL last
  beforeAll(async () => {
    id = await campaign(province, {
      code: 'HL-2024',
      name: 'Đo lường sự hài lòng năm 2024',
      formId: forms.PL01a,
      ownerUnitId: ids['CAT-ST'],
      fields: [
        { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
        { code: 'CT', name: 'Đăng ký, quản lý cư trú' },
      ],
      targets: [
        { unitId: ids.PA08, fieldCode: 'XNC', target: 5 },
        { unitId: ids.PC06, fieldCode: 'CT', target: 2 },
        { unitId: ids['CLD-TT'], fieldCode: 'CT', target: 1 },
        { unitId: ids['CLD-AT1'], fieldCode: 'CT', target: 1 },
      ],
    });
    await insertBallots(t.database.db, id, [
      { unitId: ids.PA08, fieldCode: 'XNC', ratings: ratingsOf(N, 5), mode: 'qr', times: 2 },
      { unitId: ids.PA08, fieldCode: 'XNC', ratings: ratingsOf(N, 5), phone: '0912345678' },
      { unitId: ids.PA08, fieldCode: 'XNC', ratings: ratingsOf(N, 2) },
      { unitId: ids.PA08, fieldCode: 'XNC', ratings: ratingsOf(N, 5), invalid: 'Phiếu trùng' },
      { unitId: ids.PC06, fieldCode: 'CT', ratings: ratingsOf(N, 4) },
      // TC (questions 1–3) very satisfied, everything else (HL included) very dissatisfied
      { unitId: ids.PC06, fieldCode: 'CT', ratings: ratingsOf(N, 1, { 0: 5, 1: 5, 2: 5 }) },
      { unitId: ids['CLD-TT'], fieldCode: 'CT', ratings: ratingsOf(N, 5) },
      { unitId: ids['CLD-AT1'], fieldCode: 'CT', ratings: ratingsOf(N, 3) },
    ]);
  });

  it('computes indices, counts, online share, margin and "chưa đủ mẫu" on known ballots (tạm tính)', async () => {
    const r = await province.get(`/api/survey-campaigns/${id}/results`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as View;
    expect(v.state).toBe('provisional');
    expect(v.publishedAt).toBeNull();
    const pa08 = unit(v, 'PA08');
    const xnc = pa08.fields[0]!;
    expect(xnc).toMatchObject({ target: 5, returned: 5, valid: 4, invalid: 1, online: 2, belowTarget: true });
    expect(xnc.elements.TC).toEqual({ index: 7500, satisfied: 9, ratings: 12 });
    expect(xnc.questions.CB1).toEqual({ index: 7500, satisfied: 3, ratings: 4 });
    expect(xnc.index.index).toBe(7500);
    expect(pa08.margin).toBeGreaterThan(0);
    const pc06 = unit(v, 'PC06');
    // field = mean of five elements: (100 + 4 × 50) / 5 = 60 %
    expect(pc06.fields[0]).toMatchObject({ valid: 2, target: 2, belowTarget: false });
    expect(pc06.index.index).toBe(6000);
    expect(unit(v, 'CLD-TT').index.index).toBe(10000);
    expect(unit(v, 'CLD-AT1').index.index).toBe(0);
    // overall = mean of the four units
    expect(v.overall!.index.index).toBe(5875);
    expect(v.overall).toMatchObject({ returned: 9, valid: 8, invalid: 1, online: 2 });
    expect(v.fieldTotals).toHaveLength(2);
  });

  it('gives the result of every subtree holding surveyed units, from the cells (Cù Lao Dung is not surveyed itself)', async () => {
    const v = (await province.get(`/api/survey-campaigns/${id}/results`)).json() as View;
    const sub = Object.fromEntries(v.subtrees.map((s) => [s.unitId, s]));
    expect(sub[ids['CAH-CLD']]!.index.index).toBe(5000);
    expect(sub[ids['CAH-CLD']]!.depth).toBe(1);
    expect(sub[ids['CAT-ST']]!.index.index).toBe(5875);
    expect(sub[ids['CLD-TT']]!.index.index).toBe(10000);
    expect(sub[ids['CLD-TM']]).toBeUndefined();
  });

  it('a surveyed district sees its own subtree only; another tree sees nothing', async () => {
    const v = (await district.get(`/api/survey-campaigns/${id}/results`)).json() as View;
    expect(v.units.map((u) => u.unitName).sort()).toEqual([
      'Công an thị trấn Cù Lao Dung',
      'Công an xã An Thạnh 1',
    ]);
    expect(v.subtrees.map((s) => s.unitId)).not.toContain(ids['CAT-ST']);
    expect(v.overall).toBeNull();
    expect(v.fieldTotals).toBeNull();
    expect(v.campaign.canManage).toBe(false);
    const hq = await t.login('dieuphoi.haquang');
    expect((await hq.get(`/api/survey-campaigns/${id}/results`)).statusCode).toBe(404);
  });

  it('an external index replaces its cell (counts as entered), only by the owner, exact hundredths, audited', async () => {
    const body = {
      unitId: ids.PC06,
      fieldCode: 'CT',
      index: '91,25',
      issued: 520,
      returned: 500,
      valid: 480,
      document: 'Thông báo số 12/TB-BCA ngày 20/6/2024 (VNeID)',
    };
    expect(
      (await district.send('PUT', `/api/survey-campaigns/${id}/external-indices`, body)).statusCode,
    ).toBe(403);
    const bad = await province.send('PUT', `/api/survey-campaigns/${id}/external-indices`, {
      ...body,
      index: '91,255',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('tối đa hai chữ số thập phân');
    const noTarget = await province.send('PUT', `/api/survey-campaigns/${id}/external-indices`, {
      ...body,
      fieldCode: 'XNC',
    });
    expect(noTarget.statusCode).toBe(422);
    const ok = await province.send('PUT', `/api/survey-campaigns/${id}/external-indices`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    const v = (await province.get(`/api/survey-campaigns/${id}/results`)).json() as View;
    const cell = unit(v, 'PC06').fields[0]!;
    expect(cell).toMatchObject({ returned: 500, valid: 480, invalid: 20, belowTarget: false });
    expect(cell.index.index).toBe(9125);
    expect(cell.external?.document).toContain('VNeID');
    // (75 + 91,25 + 100 + 0) / 4 = 66,5625 → 66,56 %
    expect(v.overall!.index.index).toBe(6656);
    expect(v.external).toMatchObject([
      { unitName: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội', index: 9125 },
    ]);
    // replaced, then deleted with a reason and entered again
    await province.send('PUT', `/api/survey-campaigns/${id}/external-indices`, { ...body, index: '90' });
    const noReason = await province.send('DELETE', `/api/survey-campaigns/${id}/external-indices`, {
      unitId: ids.PC06,
      fieldCode: 'CT',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const del = await province.send('DELETE', `/api/survey-campaigns/${id}/external-indices`, {
      unitId: ids.PC06,
      fieldCode: 'CT',
      reason: 'Nhập nhầm văn bản',
    });
    expect(del.statusCode, del.body).toBe(200);
    expect(
      unit((await province.get(`/api/survey-campaigns/${id}/results`)).json() as View, 'PC06').index.index,
    ).toBe(6000);
    expect(
      (await province.send('PUT', `/api/survey-campaigns/${id}/external-indices`, body)).statusCode,
    ).toBe(200);
    const admin = await t.login('quantri');
    const set = (await admin.get('/api/audit?action=survey.external.set')).json() as {
      items: { before: unknown; after: { index: number } }[];
    };
    expect(set.items).toHaveLength(3);
    expect(set.items.some((a) => a.before !== null && a.after.index === 9000)).toBe(true);
    const gone = (await admin.get('/api/audit?action=survey.external.delete')).json() as {
      items: { reason: string }[];
    };
    expect(gone.items[0]!.reason).toBe('Nhập nhầm văn bản');
  });

  it('exports Excel with Vietnamese headers, percent formats and no contacts', async () => {
    const r = await province.get(`/api/survey-campaigns/${id}/results.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kết quả')!;
    const text: string[] = [];
    wb.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => text.push(String(c.value)))));
    expect(text).toContain('Chỉ tiêu');
    expect(text).toContain('Chưa đủ mẫu');
    expect(text.join(' ')).not.toContain('0912345678');
    let found = false;
    ws.eachRow((row) => {
      if (
        row.getCell(1).value === 'Phòng Quản lý xuất nhập cảnh' &&
        row.getCell(2).value === 'Quản lý xuất nhập cảnh'
      ) {
        expect(row.getCell(8).value).toBe(75);
        expect(row.getCell(8).numFmt).toBe('0.00');
        found = true;
      }
    });
    expect(found).toBe(true);
  });

  it('publication is refused while collecting, then freezes the results, publishes, audits and tells the units', async () => {
    const draft = await province.send('POST', `/api/survey-campaigns/${id}/publish-results`, {});
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error.message).toBe('Hãy dừng thu phiếu trước khi công bố kết quả.');
    await province.send('POST', `/api/survey-campaigns/${id}/status`, { status: 'open' });
    expect((await province.send('POST', `/api/survey-campaigns/${id}/publish-results`, {})).statusCode).toBe(
      409,
    );
    await province.send('POST', `/api/survey-campaigns/${id}/status`, { status: 'closed' });
    expect((await district.send('POST', `/api/survey-campaigns/${id}/publish-results`, {})).statusCode).toBe(
      403,
    );
    const before = (await province.get(`/api/survey-campaigns/${id}/results`)).json() as View;
    const ok = await province.send('POST', `/api/survey-campaigns/${id}/publish-results`, {
      reason: 'Theo Kế hoạch 107/KH-CAT',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await province.send('POST', `/api/survey-campaigns/${id}/publish-results`, {})).statusCode).toBe(
      409,
    );
    // ballots and external indices no longer change anything
    await insertBallots(t.database.db, id, [
      { unitId: ids['CLD-AT1'], fieldCode: 'CT', ratings: ratingsOf(N, 5), times: 3 },
    ]);
    const ext = await province.send('PUT', `/api/survey-campaigns/${id}/external-indices`, {
      unitId: ids.PC06,
      fieldCode: 'CT',
      index: '10',
      document: 'X',
    });
    expect(ext.statusCode).toBe(409);
    const after = (await province.get(`/api/survey-campaigns/${id}/results`)).json() as View;
    expect(after.state).toBe('published');
    expect(after.publishedAt).not.toBeNull();
    expect(after.campaign.status).toBe('published');
    expect(after.overall).toEqual(before.overall);
    expect(after.units).toEqual(before.units);
    expect(unit(after, 'CLD-AT1').index.index).toBe(0);
    const admin = await t.login('quantri');
    const a = (await admin.get('/api/audit?action=survey.results.publish')).json() as {
      items: { reason: string; after: { overall: number } }[];
    };
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({ reason: 'Theo Kế hoạch 107/KH-CAT', after: { overall: 6656 } });
    const bell = (await district.get('/api/notices')).json() as { items: { title: string; link: string }[] };
    expect(bell.items.find((n) => n.title.startsWith('Công bố kết quả khảo sát'))?.link).toBe(
      `/surveys/${id}/results`,
    );
  });
});

describe('a pool form (PL01b: every level pools the ratings below it)', () => {
  it('pools ratings over units, where a mean would give 50 %', async () => {
    const id = await campaign(district, {
      code: 'YK-2024',
      name: 'Lấy ý kiến cơ quan năm 2024',
      formId: forms.PL01b,
      ownerUnitId: ids['CAH-CLD'],
      fields: [{ code: 'CHUNG', name: 'Chung' }],
      targets: [
        { unitId: ids['CLD-TT'], fieldCode: 'CHUNG', target: 1 },
        { unitId: ids['CLD-AT1'], fieldCode: 'CHUNG', target: 1 },
      ],
    });
    await insertBallots(t.database.db, id, [
      { unitId: ids['CLD-TT'], fieldCode: 'CHUNG', ratings: ratingsOf(12, 5), mode: 'agency', times: 2 },
      { unitId: ids['CLD-AT1'], fieldCode: 'CHUNG', ratings: ratingsOf(12, 1), mode: 'agency' },
    ]);
    const v = (await district.get(`/api/survey-campaigns/${id}/results`)).json() as View;
    // 22 satisfied of 33 ratings on the 11 element questions (HL stays out)
    expect(v.overall!.index).toEqual({ index: 6667, satisfied: 22, ratings: 33 });
    expect(v.subtrees.find((s) => s.unitId === ids['CAH-CLD'])!.index.index).toBe(6667);
    expect(v.campaign.canManage).toBe(true);
    // 2 of 3 respondents satisfied overall: Wilson half-width
    expect(v.overall!.margin).toBeGreaterThan(3000);
  });
});
