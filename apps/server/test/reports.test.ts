/** Report requests, Mẫu 01 (issue #15 item 7): the province's coordinator asks the units directly
 * under it for Mẫu 01 of a campaign, a district reports for its communes from the ballots, types
 * "phát ra" and its remarks, attaches scans; the head approves and sends; a report sent the day
 * after its due day is stamped late, one sent on the due day is not; the matrix, the flags of the
 * sanction, the Word and Excel files; another tree sees nothing and a unit only its own report. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { pdfAvailable } from '../src/lib/pdf.ts';
import { NoticeService } from '../src/modules/notices/service.ts';
import { surveyReportFlags } from '../src/modules/reports/service.ts';
import { docxText, testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';
import { insertBallots, insertInvitations, makeCampaign } from './reportsFixture.ts';

let t: TestApp;
let province: Client;
let officer: Client; // canbo.culaodung
let head: Client; // truong.culaodung
let hq: Client;
const ids: Record<string, string> = {};
let campaign: string;
let request: string;
const today = todayVn();
const pdfOk = await pdfAvailable();
const OUT = path.resolve(import.meta.dirname, 'out');

type Detail = {
  rows: { unitId: string; unitName: string; status: string; state: string; label: string }[];
  role: string;
};
type View = {
  revision: number;
  status: string;
  label: string;
  problems: string[];
  mau01: {
    rows: {
      unitName: string;
      fieldName: string;
      issuedKey: string;
      returned: number;
      valid: number;
      index: number | null;
    }[];
    totals: { returned: number; index: number | null };
  };
  canWrite: boolean;
  canSubmit: boolean;
};

/** The paragraphs of a Word file, one per line (a table cell is a paragraph). */

beforeAll(async () => {
  t = await testApp();
  province = await t.login('dieuphoi.soctrang');
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
  hq = await t.login('dieuphoi.haquang');
  for (const c of ['CAT-ST', 'PA08', 'PC06', 'CAH-CLD', 'CLD-AT1', 'PV01-PCQLKH'])
    ids[c] = await unitIdByCode(t, c);
  // due yesterday: whatever is sent today is one day late
  campaign = await makeCampaign(province, ids['CAT-ST']!, 'HL-2024', addDays(today, -1), [
    { unitId: ids.PA08!, fieldCode: 'XNC', target: 8 },
    { unitId: ids.PC06!, fieldCode: 'CCCD' },
    { unitId: ids['CAH-CLD']!, fieldCode: 'CT' },
    { unitId: ids['CLD-AT1']!, fieldCode: 'CT' },
  ]);
  await insertBallots(t, campaign, ids.PA08!, 'XNC', 8, 5);
  await insertBallots(t, campaign, ids.PA08!, 'XNC', 2, 2);
  await insertBallots(t, campaign, ids['CAH-CLD']!, 'CT', 4, 4);
  await insertBallots(t, campaign, ids['CLD-AT1']!, 'CT', 1, 5);
  await insertBallots(t, campaign, ids['CLD-AT1']!, 'CT', 1, 1);
}, 300_000);
afterAll(async () => t?.close());

const unitUrl = (unit: string) => `/api/report-requests/${request}/units/${ids[unit]}`;

describe('a Mẫu 01 request', () => {
  it('is refused to a district, and for Mẫu 02 on a citizen campaign', async () => {
    const r = await (
      await t.login('dieuphoi.culaodung')
    ).send('POST', '/api/report-requests', {
      kind: 'survey_mau01',
      campaignId: campaign,
    });
    expect(r.statusCode).toBe(403);
    const wrong = await province.send('POST', '/api/report-requests', {
      kind: 'survey_mau02',
      campaignId: campaign,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toContain('Mẫu 02');
  });

  it('asks the surveyed units directly under the owner, due on the campaign deadline; they are told', async () => {
    const r = await province.send('POST', '/api/report-requests', {
      kind: 'survey_mau01',
      campaignId: campaign,
      receivingUnitId: ids['PV01-PCQLKH'],
    });
    expect(r.statusCode, r.body).toBe(200);
    request = r.json().id;
    const d = (await province.get(`/api/report-requests/${request}`)).json() as Detail & {
      dueOn: string;
      receivingUnitName: string;
    };
    expect(d.dueOn).toBe(addDays(today, -1));
    expect(d.receivingUnitName).toBe('Đội Pháp chế và Quản lý khoa học');
    expect(d.rows.map((x) => x.unitName)).toEqual(
      expect.arrayContaining([
        'Phòng Quản lý xuất nhập cảnh',
        'Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
        'Công an huyện Cù Lao Dung',
      ]),
    );
    expect(d.rows).toHaveLength(3); // the commune reports through its district
    expect(d.rows.every((x) => x.label === 'Quá hạn chưa gửi (1 ngày)')).toBe(true);
    const again = await province.send('POST', '/api/report-requests', {
      kind: 'survey_mau01',
      campaignId: campaign,
    });
    expect(again.statusCode).toBe(409);
    const notices = (await officer.get('/api/notices')).json() as { items: { title: string }[] };
    expect(notices.items.some((n) => n.title.startsWith('Yêu cầu báo cáo: Báo cáo kết quả đo lường'))).toBe(
      true,
    );
  });

  it('a unit sees only its own report; another tree sees nothing', async () => {
    const list = (await officer.get('/api/report-requests')).json() as {
      items: { id: string; role: string; own: { unitName: string }[] }[];
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ role: 'asked', own: [{ unitName: 'Công an huyện Cù Lao Dung' }] });
    const d = (await officer.get(`/api/report-requests/${request}`)).json() as Detail;
    expect(d.rows.map((x) => x.unitName)).toEqual(['Công an huyện Cù Lao Dung']);
    expect((await officer.get(unitUrl('PA08'))).statusCode).toBe(404);
    expect(((await hq.get('/api/report-requests')).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await hq.get(`/api/report-requests/${request}`)).statusCode).toBe(404);
    expect((await hq.get(unitUrl('CAH-CLD'))).statusCode).toBe(404);
    expect((await hq.get(`${unitUrl('CAH-CLD')}/document`)).statusCode).toBe(404);
  });

  it("the district's report is computed from the ballots of its subtree", async () => {
    const v = (await officer.get(unitUrl('CAH-CLD'))).json() as View;
    expect(v.mau01.rows.map((r) => [r.unitName, r.fieldName, r.returned, r.valid, r.index])).toEqual([
      ['Công an huyện Cù Lao Dung', 'Đăng ký, quản lý cư trú', 4, 4, 10000],
      ['Công an xã An Thạnh 1', 'Đăng ký, quản lý cư trú', 2, 2, 5000],
    ]);
    expect(v.mau01.totals.returned).toBe(6);
    expect(v.canWrite).toBe(true);
    expect(v.canSubmit).toBe(false);
    expect(v.problems.join(' ')).toContain('chưa nhập số phiếu phát ra');
  });

  it('refuses "phát ra" below "thu về", then saves what the unit types', async () => {
    const v = (await officer.get(unitUrl('CAH-CLD'))).json() as View;
    const [a, b] = v.mau01.rows;
    const bad = await officer.send('PUT', unitUrl('CAH-CLD'), {
      baseRevision: v.revision,
      sections: {},
      figures: { [a!.issuedKey]: 3, [b!.issuedKey]: 2 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('số phiếu phát ra (3) ít hơn số phiếu thu về (4)');
    const ok = await officer.send('PUT', unitUrl('CAH-CLD'), {
      baseRevision: v.revision,
      sections: {
        assessment: 'Người dân hài lòng với việc đăng ký cư trú.',
        proposals: 'Đề nghị bổ sung máy tính tại bộ phận một cửa.',
      },
      figures: { [a!.issuedKey]: 5, [b!.issuedKey]: 3 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await officer.send('PUT', unitUrl('CAH-CLD'), {
      baseRevision: v.revision,
      sections: {},
      figures: {},
    });
    expect(stale.statusCode).toBe(409);
  });

  it('attachments: scans (PDF, JPG, PNG) checked by content', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%scan of ballots\n');
    const up = await officer.upload(`${unitUrl('CAH-CLD')}/files`, 'phieu-giay.pdf', pdf);
    expect(up.statusCode, up.body).toBe(200);
    const sha = (up.json() as { files: { sha256: string }[] }).files[0]!.sha256;
    const fake = await officer.upload(`${unitUrl('CAH-CLD')}/files`, 'phieu.pdf', 'not a pdf at all');
    expect(fake.statusCode).toBe(422);
    const zip = await new JSZip().file('word/document.xml', '<w:document/>').generateAsync({
      type: 'nodebuffer',
    });
    const docx = await officer.upload(`${unitUrl('CAH-CLD')}/files`, 'bao-cao.docx', zip);
    expect(docx.statusCode).toBe(422);
    expect(docx.json().error.message).toContain('PDF, JPG hoặc PNG');
    const got = await province.get(`${unitUrl('CAH-CLD')}/files/${sha}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await hq.get(`${unitUrl('CAH-CLD')}/files/${sha}`)).statusCode).toBe(404);
    expect((await hq.upload(`${unitUrl('CAH-CLD')}/files`, 'x.pdf', pdf)).statusCode).toBe(403); // no report.write
    const hqOfficer = await t.login('canbo.haquang');
    expect((await hqOfficer.upload(`${unitUrl('CAH-CLD')}/files`, 'x.pdf', pdf)).statusCode).toBe(404);
  });

  it('the head approves and sends the day after the due day: accepted, stamped late; the receiver is told', async () => {
    let v = (await head.get(unitUrl('CAH-CLD'))).json() as View;
    expect(v.problems).toEqual([]);
    expect(
      (await officer.send('POST', `${unitUrl('CAH-CLD')}/approve`, { baseRevision: v.revision })).statusCode,
    ).toBe(403);
    const early = await head.send('POST', `${unitUrl('CAH-CLD')}/send`, { baseRevision: v.revision });
    expect(early.statusCode).toBe(409);
    const ap = await head.send('POST', `${unitUrl('CAH-CLD')}/approve`, { baseRevision: v.revision });
    expect(ap.statusCode, ap.body).toBe(200);
    v = (await head.get(unitUrl('CAH-CLD'))).json() as View;
    const sent = await head.send('POST', `${unitUrl('CAH-CLD')}/send`, { baseRevision: v.revision });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', late: true, days: 1 });
    const d = (await province.get(`/api/report-requests/${request}`)).json() as Detail;
    expect(d.rows.find((r) => r.unitName === 'Công an huyện Cù Lao Dung')).toMatchObject({
      state: 'late',
      label: 'Gửi muộn 1 ngày',
    });
    const changed = await officer.send('PUT', unitUrl('CAH-CLD'), {
      baseRevision: v.revision + 1,
      sections: {},
      figures: {},
    });
    expect(changed.statusCode).toBe(409);
    const notices = (await province.get('/api/notices')).json() as { items: { title: string }[] };
    expect(notices.items.map((n) => n.title)).toContain(
      'Công an huyện Cù Lao Dung đã gửi báo cáo (muộn 1 ngày)',
    );
    const admin = await t.login('quantri');
    for (const action of [
      'report.request.create',
      'report.save',
      'report.attach',
      'report.approve',
      'report.send',
    ])
      expect(
        ((await admin.get(`/api/audit?action=${action}`)).json() as { items: unknown[] }).items.length,
        action,
      ).toBeGreaterThan(0);
  });

  it("flags seed 002's sanction: the late unit, and those missing after the due day", async () => {
    const flags = await surveyReportFlags(t.database.db, campaign);
    const by = Object.fromEntries(flags.map((f) => [f.unitId, f]));
    expect(by[ids['CAH-CLD']!]).toMatchObject({ kind: 'survey_mau01', late: true, missing: false });
    expect(by[ids['CAH-CLD']!]!.sentAt).not.toBeNull();
    expect(by[ids.PA08!]).toMatchObject({ late: false, missing: true, sentAt: null });
  });

  it('the Word file lists each unit × field with issued, returned, valid and the index', async () => {
    const r = await province.get(`${unitUrl('CAH-CLD')}/document?format=docx`);
    expect(r.statusCode, r.body).toBe(200);
    const text = await docxText(r.rawPayload);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả đo lường sự hài lòng của người dân, tổ chức năm 2024');
    expect(text).toMatch(/Số: +\/BC-/);
    expect(text).toContain('Thực hiện Kế hoạch số 107/KH-CAT');
    const lines = text.split('\n');
    const row = (cells: string[]) => {
      const i = lines.findIndex((l, k) => cells.every((c, j) => lines[k + j] === c));
      expect(i, cells.join(' | ')).toBeGreaterThanOrEqual(0);
    };
    row(['Công an huyện Cù Lao Dung', 'Đăng ký, quản lý cư trú', '5', '4', '4', '100,00%']);
    row(['Công an xã An Thạnh 1', 'Đăng ký, quản lý cư trú', '3', '2', '2', '50,00%']);
    row(['Tổng cộng', '', '8', '6', '6']);
    expect(text).toContain('Đề nghị bổ sung máy tính tại bộ phận một cửa.');
    expect(text).toContain('Đội Pháp chế và Quản lý khoa học');
    const x = await officer.get(`${unitUrl('CAH-CLD')}/document?format=xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Mẫu 01')!;
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual([
      1,
      'Công an huyện Cù Lao Dung',
      'Đăng ký, quản lý cư trú',
      undefined,
      5,
      4,
      4,
      0,
      100,
    ]);
    expect(values.at(-1)).toEqual([undefined, 'Tổng cộng', undefined, undefined, 8, 6, 6, 0, 75]);
  });

  it.skipIf(!pdfOk)(
    'the PDF made from the Word file reads as a văn thư expects',
    async () => {
      const r = await province.get(`${unitUrl('CAH-CLD')}/document?format=pdf`);
      expect(r.statusCode).toBe(200);
      fs.mkdirSync(OUT, { recursive: true });
      const file = path.join(OUT, 'mau01-cu-lao-dung.pdf');
      fs.writeFileSync(file, r.rawPayload);
      const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      for (const s of [
        'BÁO CÁO',
        'Công an huyện',
        '75,00%',
        '50,00%',
        '100,00%',
        'Tổng cộng',
        'KIẾN NGHỊ, ĐỀ XUẤT',
      ])
        expect(text).toContain(s);
    },
    180_000,
  );

  it('a report sent on its due day is on time', async () => {
    const c2 = await makeCampaign(province, ids['CAT-ST']!, 'HL-2024-B', today, [
      { unitId: ids['CAH-CLD']!, fieldCode: 'CT' },
    ]);
    const r = await province.send('POST', '/api/report-requests', { kind: 'survey_mau01', campaignId: c2 });
    const id = r.json().id as string;
    const url = `/api/report-requests/${id}/units/${ids['CAH-CLD']}`;
    let v = (await officer.get(url)).json() as View;
    const saved = await officer.send('PUT', url, {
      baseRevision: v.revision,
      sections: {},
      figures: { [v.mau01.rows[0]!.issuedKey]: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    v = (await head.get(url)).json() as View;
    await head.send('POST', `${url}/approve`, { baseRevision: v.revision });
    v = (await head.get(url)).json() as View;
    const sent = await head.send('POST', `${url}/send`, { baseRevision: v.revision });
    expect(sent.json()).toMatchObject({ late: false, days: 0 });
    const d = (await province.get(`/api/report-requests/${id}`)).json() as Detail;
    expect(d.rows[0]!.label).toBe('Đã gửi đúng hạn');
    expect((await surveyReportFlags(t.database.db, c2))[0]).toMatchObject({ late: false, missing: false });
  });
});

describe('a Mẫu 02 request (agency opinion)', () => {
  it('lists per rated unit the invitations, answers and the index per content', async () => {
    const forms = (await province.get('/api/survey-forms')).json() as {
      items: { id: string; code: string }[];
    };
    const c = await province.send('POST', '/api/survey-campaigns', {
      code: 'YK-2024',
      name: 'Lấy ý kiến cơ quan, tổ chức năm 2024',
      year: 2024,
      formId: forms.items.find((f) => f.code === 'PL01b')!.id,
      ownerUnitId: ids['CAT-ST'],
      periodFrom: '2023-09-15',
      periodTo: '2024-09-14',
      opensOn: '2024-08-01',
      closesOn: '2024-09-10',
      fields: [{ code: 'YK', name: 'Ý kiến cơ quan, tổ chức' }],
      deadlines: [{ key: 'mau02', label: 'Báo cáo Mẫu 02', dueOn: '2024-09-15' }],
      targets: [{ unitId: ids['CAH-CLD'], fieldCode: 'YK' }],
    });
    expect(c.statusCode, c.body).toBe(200);
    const cid = c.json().id as string;
    await insertBallots(t, cid, ids['CAH-CLD']!, 'YK', 3, 5, 'agency', 12);
    await insertBallots(t, cid, ids['CAH-CLD']!, 'YK', 1, 3, 'agency', 12);
    await insertInvitations(t, cid, ids['CAT-ST']!, ids['CAH-CLD']!, 5);
    const r = await province.send('POST', '/api/report-requests', { kind: 'survey_mau02', campaignId: cid });
    expect(r.statusCode, r.body).toBe(200);
    const url = `/api/report-requests/${r.json().id}/units/${ids['CAH-CLD']}`;
    const v = (await officer.get(url)).json() as {
      mau01: null;
      mau02: { elements: { code: string }[]; rows: Record<string, unknown>[] };
      problems: string[];
    };
    expect(v.mau01).toBeNull();
    expect(v.mau02.elements.map((e) => e.code)).toEqual(['ND1', 'ND2', 'ND3', 'ND4']);
    expect(v.mau02.rows).toEqual([
      expect.objectContaining({
        unitName: 'Công an huyện Cù Lao Dung',
        invitations: 5,
        answers: 4,
        valid: 4,
        index: 7500,
        elements: { ND1: 7500, ND2: 7500, ND3: 7500, ND4: 7500 },
      }),
    ]);
    const doc = await officer.get(`${url}/document`);
    const text = await docxText(doc.rawPayload);
    expect(text).toContain('Kết quả lấy ý kiến đánh giá của cơ quan, tổ chức năm 2024');
    const lines = text.split('\n');
    const i = lines.indexOf('Công an huyện Cù Lao Dung');
    expect(lines.slice(i, i + 9)).toEqual([
      'Công an huyện Cù Lao Dung',
      '5',
      '4',
      '4',
      '75,00%',
      '75,00%',
      '75,00%',
      '75,00%',
      '75,00%',
    ]);
  });
});

describe('reminders and the chase of missing reports', () => {
  const job = (day: string) => new NoticeService(t.database.db, undefined, 'x', () => day);
  type Notices = { items: { kind: string; title: string; body: string }[] };

  it('reminds the unit three days and one day before the due day, once each', async () => {
    const c = await makeCampaign(province, ids['CAT-ST']!, 'HL-NHAC-HAN', addDays(today, 3), [
      { unitId: ids['CAH-CLD']!, fieldCode: 'CT' },
    ]);
    const r = await province.send('POST', '/api/report-requests', { kind: 'survey_mau01', campaignId: c });
    expect(r.statusCode, r.body).toBe(200);
    expect(await job(today).reportReminders()).toBeGreaterThanOrEqual(1);
    expect(await job(today).reportReminders()).toBe(0); // never repeated
    const mine = (await officer.get('/api/notices')).json() as Notices;
    expect(mine.items.map((n) => n.title)).toContain(
      'Còn 3 ngày: hạn gửi “Báo cáo kết quả đo lường sự hài lòng của người dân, tổ chức năm 2024 (Mẫu 01)”',
    );
  });

  it('tells the missing unit and the coordinators of the receiving unit once the due day has passed', async () => {
    // the first request was due yesterday: Phòng Quản lý xuất nhập cảnh has not sent
    await job(today).reportReminders();
    const theirs = (await province.get('/api/notices')).json() as Notices;
    const chase = theirs.items.filter((n) => n.kind === 'report_overdue');
    const pa08 = chase.find(
      (n) =>
        n.title ===
        'Quá hạn chưa gửi báo cáo: Phòng Quản lý xuất nhập cảnh — “Báo cáo kết quả đo lường sự hài lòng của người dân, tổ chức năm 2024 (Mẫu 01)”',
    );
    expect(pa08!.body).toContain('đã quá 1 ngày');
    // a request of a past year (Mẫu 02, due 15/09/2024) is not announced anew: a week after at most
    expect(chase.some((n) => n.body.includes('15/09/2024'))).toBe(false);
    // a unit that sent (late) is not chased for that request
    const mau01 = (n: { title: string }) => n.title.includes('(Mẫu 01)');
    expect(chase.filter(mau01).some((n) => n.title.includes('Công an huyện Cù Lao Dung'))).toBe(false);
    const mine = (await officer.get('/api/notices')).json() as Notices;
    expect(mine.items.filter((n) => n.kind === 'report_overdue').filter(mau01)).toEqual([]);
    // and Hà Quảng hears nothing of it
    expect(
      ((await hq.get('/api/notices')).json() as Notices).items.some((n) => n.kind === 'report_overdue'),
    ).toBe(false);
  });
});
