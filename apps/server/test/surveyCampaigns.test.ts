/** Campaign administration (issue #15 item 2): a draft is edited at the revision read; targets are
 * typed (N or n), imported from Excel all or nothing (errors by row and column), allocated in
 * proportion to N so that the parts add up exactly; a district copies the province's campaign down
 * and may only narrow it; another tree is refused. Every change is audited. */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client;
let district: Client;
let hq: Client;
const ids: Record<string, string> = {};
let campaignId: string;
let revision: number;

interface Target {
  unitId: string;
  unitName: string;
  fieldCode: string;
  transactions: number | null;
  target: number | null;
  targetSource: string | null;
  link: string | null;
}
interface Detail {
  revision: number;
  name: string;
  deadlines: { key: string; dueOn: string }[];
  targets: Target[];
  parentId: string | null;
  parentName: string | null;
  children: { id: string; code: string; ownerUnitName: string }[];
}
const detail = async (c: Client, id = campaignId) =>
  (await c.get(`/api/survey-campaigns/${id}`)).json() as Detail;
const byUnitField = (d: Detail) =>
  Object.fromEntries(d.targets.map((x) => [`${x.unitName}|${x.fieldCode}`, x]));

async function xlsx(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('N');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  district = await t.login('dieuphoi.culaodung');
  hq = await t.login('dieuphoi.haquang');
  for (const c of ['CAT-ST', 'PA08', 'PC06', 'CAH-CLD', 'CLD-TT', 'CLD-AT1', 'CLD-AT2', 'CAH-MTU'])
    ids[c] = await unitIdByCode(t, c);
  const forms = (await province.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  const r = await province.send('POST', '/api/survey-campaigns', {
    code: 'HL-2024',
    name: 'Đo lường sự hài lòng 2024',
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: ids['CAT-ST'],
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    fields: [
      { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      { code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' },
      { code: 'CT', name: 'Đăng ký, quản lý cư trú' },
    ],
    deadlines: [{ key: 'mau01', label: 'Báo cáo Mẫu 01', dueOn: '2024-07-10' }],
    targets: [
      { unitId: ids.PA08, fieldCode: 'XNC', transactions: 4200 },
      { unitId: ids.PC06, fieldCode: 'CCCD', transactions: 3000 },
      { unitId: ids['CAH-CLD'], fieldCode: 'CCCD', transactions: 100 },
      { unitId: ids['CAH-CLD'], fieldCode: 'CT', target: 60 },
    ],
  });
  expect(r.statusCode, r.body).toBe(200);
  campaignId = r.json().id;
  revision = (await detail(province)).revision;
});
afterAll(async () => t?.close());

describe('editing a draft campaign', () => {
  it('edits name and deadlines at the revision read; a stale revision is refused; audited', async () => {
    const stale = await province.send('PATCH', `/api/survey-campaigns/${campaignId}`, {
      revision: revision - 1,
      name: 'X',
    });
    expect(stale.statusCode).toBe(409);
    const ok = await province.send('PATCH', `/api/survey-campaigns/${campaignId}`, {
      revision,
      name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024',
      deadlines: [
        { key: 'mau01', label: 'Báo cáo Mẫu 01', dueOn: '2024-07-10' },
        { key: 'hk1', label: 'Hậu kiểm sự hài lòng', dueOn: '2024-08-15' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = await detail(province);
    expect(d.name).toBe('Đo lường sự hài lòng của người dân, tổ chức năm 2024');
    expect(d.deadlines.map((x) => x.dueOn)).toEqual(['2024-07-10', '2024-08-15']);
    revision = d.revision;
    const bad = await province.send('PATCH', `/api/survey-campaigns/${campaignId}`, {
      revision,
      fields: [{ code: 'XNC', name: 'Quản lý xuất nhập cảnh' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('còn chỉ tiêu của');
    const admin = await t.login('quantri');
    const a = (await admin.get('/api/audit?action=survey.campaign.update')).json() as {
      items: { before: { name?: string } }[];
    };
    expect(a.items).toHaveLength(1);
    expect(a.items[0]!.before.name).toBe('Đo lường sự hài lòng 2024');
  });
});

describe('targets', () => {
  it('typed N gives ⌈N/(1+N·e²)⌉, a typed n wins, links of kept pairs stay', async () => {
    const before = byUnitField(await detail(province));
    const r = await province.send('PUT', `/api/survey-campaigns/${campaignId}/targets`, {
      revision,
      targets: [
        { unitId: ids.PA08, fieldCode: 'XNC', transactions: 1000 },
        { unitId: ids.PC06, fieldCode: 'CCCD', transactions: 3000 },
        { unitId: ids['CAH-CLD'], fieldCode: 'CCCD', transactions: 100 },
        { unitId: ids['CAH-CLD'], fieldCode: 'CT', transactions: 900, target: 60 },
        { unitId: ids['CAH-CLD'], fieldCode: 'XNC', transactions: 50 },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    revision = r.json().revision;
    const after = byUnitField(await detail(province));
    expect(after['Phòng Quản lý xuất nhập cảnh|XNC']).toMatchObject({ target: 286, targetSource: 'formula' });
    expect(after['Công an huyện Cù Lao Dung|CT']).toMatchObject({ target: 60, targetSource: 'typed' });
    expect(after['Công an huyện Cù Lao Dung|XNC']).toMatchObject({ target: 45, targetSource: 'formula' });
    expect(after['Phòng Quản lý xuất nhập cảnh|XNC']!.link).toBe(
      before['Phòng Quản lý xuất nhập cảnh|XNC']!.link,
    );
    const stale = await province.send('PUT', `/api/survey-campaigns/${campaignId}/targets`, {
      revision: revision - 1,
      targets: [{ unitId: ids.PA08, fieldCode: 'XNC', transactions: 1 }],
    });
    expect(stale.statusCode).toBe(409);
  });

  it('imports N from the Excel template; one bad row changes nothing and is named by row and column', async () => {
    const tpl = await province.get(`/api/survey-campaigns/${campaignId}/targets/template`);
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows[0]).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Mã lĩnh vực', 'Tên lĩnh vực', 'Số giao dịch (N)']);
    expect(rows).toContainEqual([
      'PA08',
      'Phòng Quản lý xuất nhập cảnh',
      'XNC',
      'Quản lý xuất nhập cảnh',
      1000,
    ]);
    const snapshot = JSON.stringify((await detail(province)).targets);
    const bad = await province.upload(
      `/api/survey-campaigns/${campaignId}/targets/import`,
      'so-giao-dich.xlsx',
      await xlsx([
        rows[0] as string[],
        ['PA08', '', 'XNC', '', 2000],
        ['KHONGCO', 'Đơn vị lạ', 'XNC', '', 10],
        ['PC06', '', 'CCCD', '', 'ba nghìn'],
      ]),
    );
    expect(bad.statusCode).toBe(422);
    const msg = bad.json().error.message as string;
    expect(msg).toContain('chưa nhập dòng nào');
    expect(msg).toContain('Dòng 3, cột A (Mã đơn vị): không có đơn vị đang hoạt động mã "KHONGCO"');
    expect(msg).toContain('Dòng 4, cột E (Số giao dịch (N))');
    expect(JSON.stringify((await detail(province)).targets)).toBe(snapshot);
    const ok = await province.upload(
      `/api/survey-campaigns/${campaignId}/targets/import`,
      'so-giao-dich.xlsx',
      await xlsx([rows[0] as string[], ['PA08', '', 'XNC', '', 2000], ['CAH-CLD', '', 'CT', '', '1.500']]),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    revision = ok.json().revision;
    const after = byUnitField(await detail(province));
    expect(after['Phòng Quản lý xuất nhập cảnh|XNC']).toMatchObject({ transactions: 2000, target: 334 });
    // a typed n stays typed; its N is recorded
    expect(after['Công an huyện Cù Lao Dung|CT']).toMatchObject({
      transactions: 1500,
      target: 60,
      targetSource: 'typed',
    });
  });

  it('allocates a total in proportion to N: the parts add up exactly; audited', async () => {
    const r = await province.send('POST', `/api/survey-campaigns/${campaignId}/allocate`, {
      revision,
      fieldCode: 'CCCD',
      total: 500,
    });
    expect(r.statusCode, r.body).toBe(200);
    revision = r.json().revision;
    const cccd = (await detail(province)).targets.filter((x) => x.fieldCode === 'CCCD');
    expect(cccd.reduce((a, x) => a + x.target!, 0)).toBe(500);
    expect(cccd.map((x) => [x.unitName, x.target, x.targetSource])).toEqual(
      expect.arrayContaining([
        ['Phòng Cảnh sát quản lý hành chính về trật tự xã hội', 484, 'allocated'],
        ['Công an huyện Cù Lao Dung', 16, 'allocated'],
      ]),
    );
    const admin = await t.login('quantri');
    const a = (await admin.get('/api/audit?action=survey.targets.allocate')).json() as {
      items: { after: { total: number } }[];
    };
    expect(a.items[0]!.after.total).toBe(500);
  });
});

describe('copy-down', () => {
  const base = () => ({
    ownerUnitId: ids['CAH-CLD'],
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-03-20',
    closesOn: '2024-06-30',
    fieldCodes: ['CCCD', 'CT'],
    targets: [
      { unitId: ids['CLD-TT'], fieldCode: 'CCCD', transactions: 300 },
      { unitId: ids['CLD-AT1'], fieldCode: 'CCCD', transactions: 100 },
      { unitId: ids['CLD-AT2'], fieldCode: 'CT', target: 30 },
    ] as { unitId: string; fieldCode: string; transactions?: number; target?: number }[],
    allocate: true,
  });
  const copy = (c: Client, body: unknown) =>
    c.send('POST', `/api/survey-campaigns/${campaignId}/copy-down`, body);

  it('refuses what is wider than the parent, naming it', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ periodTo: '2024-12-31' }, 'Kỳ đo lường 15/09/2023–31/12/2024 rộng hơn kỳ của đợt cấp trên'],
      [{ closesOn: '2024-07-05' }, 'Thời gian thu phiếu 20/03/2024–05/07/2024 rộng hơn'],
      [{ fieldCodes: ['CCCD', 'PCCC'] }, 'Lĩnh vực "PCCC" không có trong đợt cấp trên'],
      [
        { targets: [{ unitId: ids['CLD-AT1'], fieldCode: 'CT', target: 61 }], allocate: false },
        'Lĩnh vực "CT" của Công an huyện Cù Lao Dung: chỉ tiêu các đơn vị cộng lại 61 phiếu, nhiều hơn chỉ tiêu 60 phiếu',
      ],
      [
        { targets: [{ unitId: ids.PC06, fieldCode: 'CCCD', target: 1 }] },
        'không thuộc Công an huyện Cù Lao Dung',
      ],
    ];
    for (const [over, text] of cases) {
      const r = await copy(district, { ...base(), ...over });
      expect(r.statusCode, JSON.stringify(over)).toBe(422);
      expect(r.json().error.message).toContain(text);
    }
    // a field the parent surveys, but not on a unit above this one
    const xnc = await copy(district, {
      ...base(),
      fieldCodes: ['XNC'],
      targets: [{ unitId: ids['CLD-AT1'], fieldCode: 'XNC', target: 5 }],
      allocate: false,
    });
    expect(xnc.statusCode).toBe(200); // the parent surveys Cù Lao Dung × XNC (45): allowed
    const list = (await district.get('/api/survey-campaigns')).json() as { items: { id: string }[] };
    expect(list.items).toHaveLength(2);
  });

  it('accepts a narrower copy, allocates the parent target exactly, lists it under the parent', async () => {
    const r = await copy(district, {
      ...base(),
      code: 'HL-2024-CLD',
      name: 'Khảo sát sự hài lòng 2024 — CAH Cù Lao Dung',
    });
    expect(r.statusCode, r.body).toBe(200);
    const childId = r.json().id as string;
    const child = await detail(district, childId);
    expect(child.parentId).toBe(campaignId);
    expect(child.parentName).toContain('Công an tỉnh Sóc Trăng');
    const t = byUnitField(child);
    expect(t['Công an thị trấn Cù Lao Dung|CCCD']).toMatchObject({ target: 12, targetSource: 'allocated' });
    expect(t['Công an xã An Thạnh 1|CCCD']).toMatchObject({ target: 4, targetSource: 'allocated' });
    // the only target under Cù Lao Dung × CT receives the whole of the parent's 60
    expect(t['Công an xã An Thạnh 2|CT']).toMatchObject({ target: 60, targetSource: 'allocated' });
    const parent = await detail(province);
    expect(parent.children.map((c) => c.id)).toContain(childId);
    // the parent may no longer shrink below what it handed down
    const shrink = parent.targets.map((x) => ({
      unitId: x.unitId,
      fieldCode: x.fieldCode,
      transactions: x.transactions,
      target: x.fieldCode === 'CT' && x.unitName === 'Công an huyện Cù Lao Dung' ? 59 : x.target,
    }));
    const s = await province.send('PUT', `/api/survey-campaigns/${campaignId}/targets`, {
      revision: parent.revision,
      targets: shrink,
    });
    expect(s.statusCode).toBe(422);
    expect(s.json().error.message).toContain(
      'Đợt khảo sát đã giao xuống Công an huyện Cù Lao Dung sẽ rộng hơn',
    );
    // the child's own allocation from the parent, after a change of N
    const tg = child.targets.map((x) => ({
      unitId: x.unitId,
      fieldCode: x.fieldCode,
      transactions: x.unitName === 'Công an xã An Thạnh 1' ? 300 : x.transactions,
      target: x.target,
    }));
    const put = await district.send('PUT', `/api/survey-campaigns/${childId}/targets`, {
      revision: child.revision,
      targets: tg,
    });
    expect(put.statusCode, put.body).toBe(200);
    const al = await district.send('POST', `/api/survey-campaigns/${childId}/allocate`, {
      revision: put.json().revision,
      fieldCode: 'CCCD',
    });
    expect(al.statusCode, al.body).toBe(200);
    const t2 = byUnitField(await detail(district, childId));
    expect(t2['Công an thị trấn Cù Lao Dung|CCCD']!.target! + t2['Công an xã An Thạnh 1|CCCD']!.target!).toBe(
      16,
    );
    expect(t2['Công an xã An Thạnh 1|CCCD']!.target).toBe(8);
  });

  it('counts the ballots collected on the copy in the parent, under the cell that covers them', async () => {
    const parent = await detail(province);
    const childId = parent.children.find((c) => c.code === 'HL-2024-CLD')!.id;
    const put = async (cid: string, unit: string, field: string, rating: number, n: number) => {
      const arr = `{${Array.from({ length: 19 }, () => rating).join(',')}}`;
      for (let i = 0; i < n; i++)
        await t.database.db.execute(
          sql`insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings)
              values (${cid}, ${ids[unit]!}, ${field}, 'paper', ${arr}::smallint[])`,
        );
    };
    await put(childId, 'CLD-TT', 'CCCD', 5, 3); // commune police on the copy
    await put(childId, 'CLD-AT2', 'CT', 2, 2);
    await put(campaignId, 'CAH-CLD', 'CCCD', 4, 1); // the district itself on the province's link
    type R = {
      units: {
        unitName: string;
        fields: { fieldCode: string; returned: number; index: { index: number | null } }[];
      }[];
    };
    const cell = (r: R, unit: string, field: string) =>
      r.units.find((u) => u.unitName === unit)?.fields.find((f) => f.fieldCode === field);
    const up = (await province.get(`/api/survey-campaigns/${campaignId}/results`)).json() as R;
    expect(cell(up, 'Công an huyện Cù Lao Dung', 'CCCD')).toMatchObject({
      returned: 4,
      index: { index: 10000 },
    });
    expect(cell(up, 'Công an huyện Cù Lao Dung', 'CT')).toMatchObject({ returned: 2, index: { index: 0 } });
    // the communes are the copy's cells, not the province's
    expect(up.units.some((u) => u.unitName === 'Công an thị trấn Cù Lao Dung')).toBe(false);
    const down = (await district.get(`/api/survey-campaigns/${childId}/results`)).json() as R;
    expect(cell(down, 'Công an thị trấn Cù Lao Dung', 'CCCD')).toMatchObject({ returned: 3 });
    expect(cell(down, 'Công an huyện Cù Lao Dung', 'CCCD')).toBeUndefined();
    await t.database.db.execute(
      sql`delete from survey_ballots where campaign_id in (${campaignId}, ${childId})`,
    );
  });

  it('the province cannot publish while a copy still takes ballots; once the copy is published it can', async () => {
    const parent = await detail(province);
    const childId = parent.children.find((c) => c.code === 'HL-2024-CLD')!.id;
    const status = (c: Client, id: string, to: string) =>
      c.send('POST', `/api/survey-campaigns/${id}/status`, { status: to });
    for (const [c, id] of [
      [district, childId],
      [province, campaignId],
    ] as const) {
      const o = await status(c, id, 'open');
      expect(o.statusCode, o.body).toBe(200);
      expect((await status(c, id, 'closed')).statusCode).toBe(200);
    }
    const publish = (c: Client, id: string) =>
      c.send('POST', `/api/survey-campaigns/${id}/publish-results`, { reason: 'Công bố' });
    const refused = await publish(province, campaignId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain(
      'Đợt khảo sát đã giao xuống Công an huyện Cù Lao Dung chưa công bố kết quả',
    );
    const child = await publish(district, childId);
    expect(child.statusCode, child.body).toBe(200);
    const ok = await publish(province, campaignId);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('another tree can neither copy down nor edit; a district cannot edit the province campaign', async () => {
    const r = await copy(hq, { ...base(), ownerUnitId: ids['CAH-CLD'] });
    expect(r.statusCode).toBe(404);
    const other = await copy(district, { ...base(), ownerUnitId: ids['CAH-MTU'] });
    expect(other.statusCode).toBe(403);
    const e = await hq.send('PATCH', `/api/survey-campaigns/${campaignId}`, { revision, name: 'X' });
    expect(e.statusCode).toBe(403);
    const d = await district.send('POST', `/api/survey-campaigns/${campaignId}/allocate`, {
      revision,
      fieldCode: 'CCCD',
      total: 1,
    });
    expect(d.statusCode).toBe(403);
    expect((await hq.get(`/api/survey-campaigns/${campaignId}/targets/template`)).statusCode).toBe(403);
  });
});
