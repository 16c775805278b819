/** Periodic and ad hoc report requests (issue #16 item 5): Hà Quảng's quarterly reports "trước ngày
 * 03 hàng quý" are due on the 3rd of each quarter's last month, included, the annual one on 15/11; a
 * report sent after its due day is accepted and marked late; the matrix unit × period shows on time,
 * late and missing; the units missing are told after the due day, and so are the coordinators of the
 * receiving unit; an ad hoc request with an outline (seed 000) is filled by section and merged into
 * one consolidated Word report; another tree sees nothing; bad input changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { NoticeService } from '../src/modules/notices/service.ts';
import { docxText, testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let coord: Client; // dieuphoi.haquang (UBND-HQ)
let officer: Client; // canbo.haquang
let head: Client; // truong.haquang
let police: Client; // dieuphoi.soctrang: another tree
const ids: Record<string, string> = {};
const today = todayVn();

type Matrix = {
  title: string;
  dueRuleText: string;
  periods: { requestId: string; label: string; from: string; to: string; dueOn: string }[];
  rows: { unitName: string; cells: { requestId: string; state: string; label: string; days: number }[] }[];
  counts: { onTime: number; late: number; missing: number; waiting: number };
};

async function sendReport(requestId: string, unitId: string, sections: Record<string, string>) {
  const url = `/api/report-requests/${requestId}/units/${unitId}`;
  let rev = ((await officer.get(url)).json() as { revision: number }).revision;
  const saved = await officer.send('PUT', url, { baseRevision: rev, sections, figures: {} });
  expect(saved.statusCode, saved.body).toBe(200);
  rev = (saved.json() as { revision: number }).revision;
  const ok = await head.send('POST', `${url}/approve`, { baseRevision: rev });
  expect(ok.statusCode, ok.body).toBe(200);
  const sent = await head.send('POST', `${url}/send`, {
    baseRevision: (ok.json() as { revision: number }).revision,
  });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json() as { late: boolean; days: number };
}

beforeAll(async () => {
  t = await testApp();
  coord = await t.login('dieuphoi.haquang');
  officer = await t.login('canbo.haquang');
  head = await t.login('truong.haquang');
  police = await t.login('dieuphoi.soctrang');
  for (const c of ['UBND-HQ', 'HQ-NV', 'HQ-TP', 'HQ-XH', 'HQ-CY', 'CAH-CLD'])
    ids[c] = await unitIdByCode(t, c);
}, 300_000);
afterAll(async () => t?.close());

describe('periodic reports', () => {
  let seriesId: string;

  it('quarterly "trước ngày 03 hàng quý": one request per quarter, due on the 3rd of its last month', async () => {
    const r = await coord.send('POST', '/api/report-series', {
      title: 'Báo cáo định kỳ công tác cải cách hành chính',
      ownerUnitId: ids['UBND-HQ'],
      receivingUnitId: ids['HQ-NV'],
      unitIds: [ids['HQ-TP'], ids['HQ-XH'], ids['HQ-CY']],
      periodKind: 'quarter',
      yearFrom: 2022,
      yearTo: 2022,
      due: { day: 3, month: 'last' },
      outline: ['Kết quả thực hiện', 'Tồn tại, hạn chế', 'Kiến nghị, đề xuất'],
    });
    expect(r.statusCode, r.body).toBe(200);
    seriesId = (r.json() as { id: string }).id;
    expect((r.json() as { requests: number }).requests).toBe(4);
    const m = (await coord.get(`/api/report-series/${seriesId}`)).json() as Matrix;
    expect(m.periods.map((p) => [p.label, p.dueOn])).toEqual([
      ['Quý I năm 2022', '2022-03-03'],
      ['Quý II năm 2022', '2022-06-03'],
      ['Quý III năm 2022', '2022-09-03'],
      ['Quý IV năm 2022', '2022-12-03'],
    ]);
    expect(m.dueRuleText).toBe('ngày 03 của tháng cuối kỳ');
    // the data stop before the due day: from the 3rd of the month before the quarter to the 2nd of its last month
    expect(m.periods.map((p) => [p.from, p.to])[0]).toEqual(['2021-12-03', '2022-03-02']);
    expect(m.periods.every((p) => p.to < p.dueOn)).toBe(true);
    expect(m.rows.map((x) => x.unitName)).toEqual([
      'Phòng Tư pháp',
      'Ủy ban nhân dân thị trấn Xuân Hòa',
      'Ủy ban nhân dân xã Cần Yên',
    ]);
    // every quarter of 2022 is past: nothing sent is missing
    expect(m.counts).toEqual({ onTime: 0, late: 0, missing: 12, waiting: 0 });
  });

  it('a unit sends after the due day: accepted, and the matrix shows it late', async () => {
    const m0 = (await coord.get(`/api/report-series/${seriesId}`)).json() as Matrix;
    const q1 = m0.periods[0]!.requestId;
    const sent = await sendReport(q1, ids['HQ-XH']!, { s1: 'Đã triển khai kế hoạch CCHC quý I.' });
    expect(sent.late).toBe(true);
    const m = (await coord.get(`/api/report-series/${seriesId}`)).json() as Matrix;
    const xh = m.rows.find((x) => x.unitName === 'Ủy ban nhân dân thị trấn Xuân Hòa')!;
    expect(xh.cells[0]).toMatchObject({ state: 'late' });
    expect(xh.cells[0]!.label).toMatch(/^Gửi muộn \d+ ngày$/u);
    expect(xh.cells[1]).toMatchObject({ state: 'overdue' });
    expect(m.counts).toMatchObject({ late: 1, missing: 11 });
    const doc = await coord.get(`/api/report-requests/${q1}/units/${ids['HQ-XH']}/document?format=docx`);
    expect(doc.statusCode, doc.body).toBe(200);
    const text = await docxText(doc.rawPayload);
    expect(text).toContain('Báo cáo định kỳ công tác cải cách hành chính quý I năm 2022');
    expect(text).toContain('I. KẾT QUẢ THỰC HIỆN');
    expect(text).toContain('Đã triển khai kế hoạch CCHC quý I.');
    expect(text).not.toContain('KẾT QUẢ ĐO LƯỜNG');
  });

  it('an annual report due 15/11 of its year; a fixed month is refused for quarters, in Vietnamese', async () => {
    const r = await coord.send('POST', '/api/report-series', {
      title: 'Báo cáo năm công tác cải cách hành chính',
      ownerUnitId: ids['UBND-HQ'],
      receivingUnitId: ids['HQ-NV'],
      unitIds: [ids['HQ-TP']],
      periodKind: 'year',
      yearFrom: 2022,
      yearTo: 2023,
      due: { day: 15, month: 11 },
      outline: ['Kết quả thực hiện năm'],
    });
    expect(r.statusCode, r.body).toBe(200);
    const m = (await coord.get(`/api/report-series/${(r.json() as { id: string }).id}`)).json() as Matrix;
    expect(m.periods.map((p) => [p.label, p.dueOn])).toEqual([
      ['Năm 2022', '2022-11-15'],
      ['Năm 2023', '2023-11-15'],
    ]);
    expect(m.periods[0]!.to).toBe('2022-11-14');
    // a yearly report due in January of its own year cannot hold the year's data
    const early = await coord.send('POST', '/api/report-series', {
      title: 'Báo cáo năm',
      ownerUnitId: ids['UBND-HQ'],
      unitIds: [ids['HQ-TP']],
      periodKind: 'year',
      yearFrom: 2026,
      yearTo: 2026,
      due: { day: 15, month: 1 },
      outline: ['Kết quả'],
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe(
      'Hạn gửi 15/01/2026 quá sớm so với kỳ báo cáo năm 2026; hãy chọn hạn trong tháng cuối kỳ hoặc sau kỳ.',
    );
    const before = (await coord.get('/api/report-series')).json() as { items: unknown[] };
    const bad = await coord.send('POST', '/api/report-series', {
      title: 'Sai',
      ownerUnitId: ids['UBND-HQ'],
      unitIds: [ids['HQ-TP']],
      periodKind: 'quarter',
      yearFrom: 2022,
      yearTo: 2022,
      due: { day: 15, month: 11 },
      outline: ['Mục 1'],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('chỉ dùng cho báo cáo năm hoặc 9 tháng');
    const after = (await coord.get('/api/report-series')).json() as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('another tree neither lists, reads nor asks for the reports; a unit outside the owner is refused', async () => {
    expect(((await police.get('/api/report-series')).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await police.get(`/api/report-series/${seriesId}`)).statusCode).toBe(404);
    const theirs = await police.send('POST', '/api/report-series', {
      title: 'Báo cáo',
      ownerUnitId: ids['UBND-HQ'],
      unitIds: [ids['HQ-TP']],
      periodKind: 'quarter',
      yearFrom: 2022,
      yearTo: 2022,
      due: { day: 3, month: 'last' },
      outline: ['Mục 1'],
    });
    expect(theirs.statusCode).toBe(403);
    const outside = await coord.send('POST', '/api/report-requests/ad-hoc', {
      title: 'Báo cáo',
      ownerUnitId: ids['UBND-HQ'],
      unitIds: [ids['CAH-CLD']],
      dueOn: '2030-01-01',
      outline: ['Mục 1'],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toBe(
      'Công an huyện Cù Lao Dung không thuộc Ủy ban nhân dân huyện Hà Quảng.',
    );
  });
});

describe('ad hoc requests with an outline', () => {
  let requestId: string;

  it('units fill the outline by section; the lead merges them into one Word report', async () => {
    const r = await coord.send('POST', '/api/report-requests/ad-hoc', {
      title: 'Báo cáo sơ kết công tác cải cách hành chính',
      ownerUnitId: ids['UBND-HQ'],
      receivingUnitId: ids['HQ-NV'],
      unitIds: [ids['HQ-TP'], ids['HQ-XH']],
      dueOn: addDays(today, 10),
      outline: ['Tình hình triển khai', 'Kết quả thực hiện', 'Khó khăn, vướng mắc và kiến nghị đề xuất'],
    });
    expect(r.statusCode, r.body).toBe(200);
    requestId = (r.json() as { id: string }).id;
    const d = (await coord.get(`/api/report-requests/${requestId}`)).json() as {
      kindLabel: string;
      outline: { code: string; title: string }[];
    };
    expect(d.kindLabel).toBe('Báo cáo theo đề cương');
    expect(d.outline.map((s) => s.code)).toEqual(['s1', 's2', 's3']);
    const bad = await officer.send('PUT', `/api/report-requests/${requestId}/units/${ids['HQ-TP']}`, {
      baseRevision: 1,
      sections: { s9: 'x' },
      figures: {},
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('không có trong đề cương');
    const sent = await sendReport(requestId, ids['HQ-TP']!, {
      s1: 'Phòng Tư pháp đã ban hành kế hoạch kiểm tra văn bản.',
      s3: 'Đề nghị tập huấn nghiệp vụ rà soát văn bản.',
    });
    expect(sent.late).toBe(false);
    const doc = await coord.get(`/api/report-requests/${requestId}/consolidated?format=docx`);
    expect(doc.statusCode, doc.body).toBe(200);
    const text = await docxText(doc.rawPayload);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('I. TÌNH HÌNH TRIỂN KHAI');
    expect(text).toContain('Phòng Tư pháp đã ban hành kế hoạch kiểm tra văn bản.');
    expect(text).toContain('II. KẾT QUẢ THỰC HIỆN');
    expect(text).toContain('Chưa có đơn vị nào báo cáo nội dung này.');
    expect(text).toContain('Đã gửi 1/2 đơn vị');
    expect(text).toMatch(/Ủy ban nhân dân thị trấn Xuân Hòa\s*\n\s*\n?\s*Chưa gửi/u);
    // readers of the requesting unit may merge; another tree may not
    expect((await officer.get(`/api/report-requests/${requestId}/consolidated`)).statusCode).toBe(200);
    expect((await police.get(`/api/report-requests/${requestId}/consolidated`)).statusCode).toBe(404);
  });

  it('after the due day the unit missing and the receiving unit’s coordinators are told, once', async () => {
    const r = await coord.send('POST', '/api/report-requests/ad-hoc', {
      title: 'Báo cáo tình hình kiểm soát thủ tục hành chính',
      ownerUnitId: ids['UBND-HQ'],
      receivingUnitId: ids['UBND-HQ'],
      unitIds: [ids['HQ-CY']],
      dueOn: addDays(today, -2),
      outline: ['Kết quả'],
    });
    expect(r.statusCode, r.body).toBe(200);
    const notices = new NoticeService(t.database.db, undefined);
    await notices.reportReminders();
    await notices.reportReminders();
    const mine = (await coord.get('/api/notices')).json() as { items: { title: string; body: string }[] };
    const overdue = mine.items.filter((n) =>
      n.body.includes('Báo cáo tình hình kiểm soát thủ tục hành chính'),
    );
    expect(overdue.some((n) => n.body.includes('Ủy ban nhân dân xã Cần Yên'))).toBe(true);
    expect(overdue.filter((n) => /quá hạn|chưa gửi/iu.test(n.title + n.body)).length).toBeGreaterThan(0);
    const titles = overdue.map((n) => n.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
