/** Survey ballots (issue #15, item 4): paper entry (serial unique per campaign, answers checked against
 * the form, scope), the import of a filled template (all or nothing, problems by row and column, a
 * file past 200 000 rows refused), duplicates flagged across paper and import, and the decisions on
 * one ballot, audited with their reason. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client;
let districtCoord: Client;
let officer: Client;
let campaignId: string;
const ids: Record<string, string> = {};

const SCALE = [
  'TC1',
  'TC2',
  'TC3',
  'TT1',
  'TT2',
  'TT3',
  'TT4',
  'CB1',
  'CB2',
  'CB3',
  'CB4',
  'CB5',
  'KQ1',
  'KQ2',
  'KQ3',
  'PA1',
  'PA2',
  'PA3',
  'HL',
];
const answers = (v = '4', over: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(SCALE.map((c) => [c, v])),
  DT: 'CN',
  MD: ['TG', 'HS'],
  ...over,
});

async function count(c: Client, q = '') {
  const r = await c.get(`/api/survey-campaigns/${campaignId}/ballots?pageSize=1${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { total: number }).total;
}

/** A multipart body with the file and, optionally, the `source` field. */
function multipart(c: Client, url: string, filename: string, content: Buffer | string, source?: string) {
  const boundary = '----chisoballots' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  if (source)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\n${source}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

/** The campaign's template filled with `rows` (objects by header), as the user would. */
async function filledTemplate(rows: Record<string, string>[]) {
  const r = await officer.get(`/api/survey-campaigns/${campaignId}/ballots/template`);
  expect(r.statusCode, r.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  rows.forEach((row, i) => {
    const x = ws.getRow(i + 2);
    headers.forEach((h, c) => {
      if (row[h] !== undefined) x.getCell(c + 1).value = row[h];
    });
  });
  return {
    headers,
    sheets: wb.worksheets.map((s) => s.name),
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

const row = (serial: string, over: Record<string, string> = {}): Record<string, string> => ({
  'Mã đơn vị': 'CAH-CLD',
  'Mã lĩnh vực': 'CCCD',
  'Số phiếu': serial,
  ...Object.fromEntries(SCALE.map((c) => [c, '5'])),
  DT: 'TC',
  ...over,
});

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  districtCoord = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  for (const c of ['CAT-ST', 'PA08', 'CAH-CLD', 'CLD-TT']) ids[c] = await unitIdByCode(t, c);
  const forms = (await province.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  const r = await province.send('POST', '/api/survey-campaigns', {
    code: 'HL-2024',
    name: 'Đo lường sự hài lòng năm 2024',
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: ids['CAT-ST'],
    periodFrom: '2024-01-01',
    periodTo: '2024-06-30',
    opensOn: '2024-03-16',
    closesOn: '2030-07-01',
    fields: [
      { code: 'XNC', name: 'Quản lý xuất nhập cảnh' },
      { code: 'CCCD', name: 'Căn cước' },
    ],
    targets: [
      { unitId: ids.PA08, fieldCode: 'XNC', transactions: 4200 },
      { unitId: ids['CAH-CLD'], fieldCode: 'CCCD', transactions: 100 },
      { unitId: ids['CLD-TT'], fieldCode: 'CCCD', transactions: 50 },
    ],
  });
  expect(r.statusCode, r.body).toBe(200);
  campaignId = r.json().id;
}, 120_000);
afterAll(async () => t?.close());

const url = () => `/api/survey-campaigns/${campaignId}/ballots`;
const paper = (serial: string, over: Record<string, unknown> = {}) => ({
  unitId: ids['CAH-CLD'],
  fieldCode: 'CCCD',
  serial,
  answers: answers(),
  ...over,
});

describe('paper entry', () => {
  it('is refused while the campaign is a draft, then accepted once open', async () => {
    const draft = await officer.send('POST', url(), paper('0001'));
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error.message).toContain('chưa bắt đầu thu phiếu');
    const open = await province.send('POST', `/api/survey-campaigns/${campaignId}/status`, {
      status: 'open',
    });
    expect(open.statusCode, open.body).toBe(200);
    const r = await officer.send(
      'POST',
      url(),
      paper('0001', { dossierNo: 'HS-001', phone: '0912 345 678' }),
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ serial: '0001', flags: [] });
  });

  it('refuses a serial already typed, naming it and who typed it', async () => {
    const r = await districtCoord.send('POST', url(), paper('0001'));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('SURVEY_SERIAL_TAKEN');
    expect(r.json().error.message).toMatch(/Số phiếu “0001” đã được .+ nhập lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(await count(officer)).toBe(1);
  });

  it('refuses bad answers, naming each question, and a wrong phone', async () => {
    const r = await officer.send(
      'POST',
      url(),
      paper('0002', { answers: answers('4', { CB3: '7', DT: 'XYZ', TC1: '' }), phone: '12345' }),
    );
    expect(r.statusCode).toBe(422);
    const issues = (r.json().error.details as { issues: { code: string; message: string }[] }).issues;
    expect(issues.map((i) => i.code).sort()).toEqual(['CB3', 'DT', 'TC1', 'phone']);
    expect(issues.find((i) => i.code === 'CB3')!.message).toBe(
      'Câu CB3: mức đánh giá phải là một số từ 1 đến 5.',
    );
    expect(await count(officer)).toBe(1);
  });

  it('keeps to the scope: a district officer types no ballot for PA08, another tree sees nothing', async () => {
    const r = await officer.send('POST', url(), paper('0003', { unitId: ids.PA08, fieldCode: 'XNC' }));
    expect(r.statusCode).toBe(403);
    const notTarget = await officer.send('POST', url(), paper('0003', { fieldCode: 'XNC' }));
    expect(notTarget.statusCode).toBe(422);
    const p = await province.send(
      'POST',
      url(),
      paper('P-0001', { unitId: ids.PA08, fieldCode: 'XNC', phone: '0912345678' }),
    );
    expect(p.statusCode, p.body).toBe(200);
    expect(await count(province)).toBe(2);
    const seen = await officer.get(url());
    expect(seen.statusCode).toBe(200);
    const items = (seen.json() as { items: { serial: string; hasContact: boolean; canDecide: boolean }[] })
      .items;
    expect(items.map((x) => x.serial)).toEqual(['0001']);
    expect(items[0]).toMatchObject({ hasContact: true, canDecide: false });
    expect(seen.body).not.toContain('0912');
    const detail = await officer.get(`${url()}/${(seen.json() as { items: { id: number }[] }).items[0]!.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().answers).toMatchObject({ CB3: 4, DT: 'CN', MD: ['TG', 'HS'] });
    expect(detail.body).not.toContain('0912');
    const hq = await t.login('dieuphoi.haquang');
    expect((await hq.get(url())).statusCode).toBe(404);
    expect((await hq.send('POST', url(), paper('HQ-1'))).statusCode).toBe(404);
  });
});

describe('import', () => {
  it('the template has the fixed columns, then one per question, and sheets of questions and units', async () => {
    const { headers, sheets } = await filledTemplate([]);
    expect(headers.slice(0, 5)).toEqual([
      'Mã đơn vị',
      'Mã lĩnh vực',
      'Số phiếu',
      'Mã hồ sơ',
      'Số điện thoại',
    ]);
    expect(headers).toContain('CB3');
    expect(sheets).toEqual(['Phiếu', 'Câu hỏi', 'Đơn vị']);
  });

  it('a file with one bad row changes nothing and names the row and column', async () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => row(`I-${i}`));
    rows[5]!.CB3 = '9'; // sheet row 7
    const { bytes } = await filledTemplate(rows);
    const before = await count(province);
    const r = await officer.upload(`${url()}/import`, 'phieu.xlsx', bytes);
    expect(r.statusCode).toBe(422);
    const body = r.json().error as { message: string; details: { errors: unknown[] } };
    expect(body.details.errors).toEqual([
      { row: 7, column: 'CB3', message: 'mức đánh giá phải là một số từ 1 đến 5' },
    ]);
    expect(body.message).toContain('Dòng 7, cột “CB3”: mức đánh giá phải là một số từ 1 đến 5');
    expect(await count(province)).toBe(before);
    const admin = await t.login('quantri');
    expect(
      ((await admin.get('/api/audit?action=survey.ballot.import')).json() as { items: unknown[] }).items,
    ).toHaveLength(0);
  });

  it('names serials repeated in the file or already typed, and units out of the campaign', async () => {
    const { bytes } = await filledTemplate([
      row('I-1'),
      row('I-1'),
      row('0001'),
      row('I-4', { 'Mã đơn vị': 'PA08', 'Mã lĩnh vực': 'XNC' }),
      row('I-5', { 'Mã đơn vị': 'KHONGCO' }),
    ]);
    const r = await officer.upload(`${url()}/import`, 'phieu.xlsx', bytes);
    expect(r.statusCode).toBe(422);
    const errors = (r.json().error.details as { errors: { row: number; column: string; message: string }[] })
      .errors;
    expect(errors.map((e) => `${e.row} ${e.column}`)).toEqual(['3 Số phiếu', '5 Mã đơn vị', '6 Mã đơn vị']);
    expect(errors[0]!.message).toBe('số phiếu “I-1” trùng với dòng 2');
  });

  it('imports a good file in one batch, one audit entry, and flags duplicates across paper and import', async () => {
    const { bytes } = await filledTemplate([
      row('I-1', { 'Mã hồ sơ': 'HS-001' }),
      row('I-2', { 'Số điện thoại': '+84 912 345 678' }),
      row('I-3', { 'Mã hồ sơ': 'HS-777', 'Mã đơn vị': 'CLD-TT' }),
      row('', { 'Mã hồ sơ': 'HS-777', 'Số điện thoại': '0912345678' }),
    ]);
    const r = await officer.upload(`${url()}/import`, 'phieu.xlsx', bytes);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ mode: 'import', rows: 4 });
    expect(await count(province, '&mode=import')).toBe(4);
    // paper 0001 (HS-001, 0912345678 at CLD × CCCD) with I-1 (same dossier), I-2 and the last row (same
    // phone, same unit × field); I-3 and the last row share HS-777; P-0001 has the phone at PA08: alone.
    const dd = (await province.get(`${url()}?flag=duplicate_dossier`)).json() as {
      items: { serial: string }[];
    };
    expect(dd.items.map((x) => x.serial ?? '').sort()).toEqual(['', '0001', 'I-1', 'I-3']);
    const dp = (await province.get(`${url()}?flag=duplicate_phone`)).json() as {
      items: { serial: string }[];
    };
    expect(dp.items.map((x) => x.serial ?? '').sort()).toEqual(['', '0001', 'I-2']);
    const admin = await t.login('quantri');
    const a = (await admin.get('/api/audit?action=survey.ballot.import')).json() as {
      items: { after: { rows: number; mode: string } }[];
    };
    expect(a.items).toHaveLength(1);
    expect(a.items[0]!.after).toMatchObject({ rows: 4, mode: 'import' });
  });

  it('results collected elsewhere come in as external, with their source', async () => {
    const csv = `Mã đơn vị,Mã lĩnh vực,Số phiếu,${SCALE.join(',')}\nCAH-CLD,CCCD,,${SCALE.map(() => '3').join(',')}\n`;
    const r = await multipart(officer, `${url()}/import`, 'vneid.csv', csv, 'Ứng dụng VNeID');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ mode: 'external', rows: 1 });
    const l = (await province.get(`${url()}?mode=external`)).json() as { items: { source: string }[] };
    expect(l.items.map((x) => x.source)).toEqual(['Ứng dụng VNeID']);
  });

  it('refuses a file past 200 000 rows cleanly, storing nothing', async () => {
    const line = `CAH-CLD,CCCD,,${SCALE.map(() => '4').join(',')}\n`;
    const csv = `Mã đơn vị,Mã lĩnh vực,Số phiếu,${SCALE.join(',')}\n` + line.repeat(200_000);
    const before = await count(province);
    const r = await officer.upload(`${url()}/import`, 'lon.csv', csv);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.message).toContain('200.000 dòng');
    expect(await count(province)).toBe(before);
  }, 120_000);
});

describe('decisions on one ballot', () => {
  it('invalidates with a reason (survey.manage only), audited; restores; resolves a duplicate', async () => {
    const list = (await districtCoord.get(`${url()}?flag=duplicate_dossier`)).json() as {
      items: { id: number; serial: string | null; canDecide: boolean; flags: string[] }[];
    };
    const b = list.items.find((x) => x.serial === 'I-1')!;
    expect(b.canDecide).toBe(true);
    const path = `${url()}/${b.id}`;
    expect((await officer.send('POST', `${path}/invalidate`, { reason: 'Phiếu trùng' })).statusCode).toBe(
      403,
    );
    expect((await districtCoord.send('POST', `${path}/invalidate`, { reason: '' })).statusCode).toBe(400);
    const validBefore = await count(province, '&invalid=false');
    const r = await districtCoord.send('POST', `${path}/invalidate`, {
      reason: 'Cùng một hồ sơ với phiếu giấy số 0001',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await count(province, '&invalid=false')).toBe(validBefore - 1);
    expect(await count(province, '&invalid=true')).toBe(1);
    const admin = await t.login('quantri');
    const a = (await admin.get('/api/audit?action=survey.ballot.invalidate')).json() as {
      items: { reason: string; entityId: string }[];
    };
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({
      reason: 'Cùng một hồ sơ với phiếu giấy số 0001',
      entityId: String(b.id),
    });
    expect((await districtCoord.send('POST', `${path}/invalidate`, { reason: 'lần nữa' })).statusCode).toBe(
      409,
    );
    expect((await districtCoord.send('POST', `${path}/restore`, { reason: 'Nhầm' })).statusCode).toBe(200);
    expect(await count(province, '&invalid=true')).toBe(0);
    // "không trùng": the flag goes and stays gone when duplicates are computed again
    const res = await districtCoord.send('POST', `${path}/not-duplicate`, {
      flag: 'duplicate_dossier',
      reason: 'Hai lần giao dịch khác nhau trên cùng hồ sơ',
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = await officer.send('POST', url(), paper('0009', { dossierNo: 'HS-001' }));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().flags).toEqual(['duplicate_dossier']);
    const after = (await province.get(`${url()}/${b.id}`)).json() as { flags: string[] };
    expect(after.flags).toEqual(['not_duplicate_dossier']);
    const na = (await admin.get('/api/audit?action=survey.ballot.not_duplicate')).json() as {
      items: unknown[];
    };
    expect(na.items).toHaveLength(1);
  });
});
