/** Plans as documents (issue #16 items 6 and 8): the demo holds seeds 000 and 001 as records — their
 * text, "Kính gửi", "Nơi nhận", the outline annexed to 82/KH-CAH as a report request — and exports
 * each back as Word in the official layout; the text is edited through the API (audited, with a
 * revision check); another tree reads nothing. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfAvailable } from '../src/lib/pdf.ts';
import { docxText, testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

const pdfOk = await pdfAvailable();
const OUT = path.resolve(import.meta.dirname, 'out');

let t: TestApp;
let district: Client;
let officer: Client;
let hq: Client;
let ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  district = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  hq = await t.login('dieuphoi.haquang');
  const items = ((await district.get('/api/plans')).json() as { items: { id: string; number: string }[] })
    .items;
  ids = Object.fromEntries(items.map((p) => [p.number, p.id]));
}, 300_000);
afterAll(async () => t?.close());

const word = async (c: Client, id: string) => {
  const r = await c.get(`/api/plans/${id}/document?format=docx`);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toContain('wordprocessingml');
  return docxText(r.rawPayload);
};

describe('seed documents exported back as Word', () => {
  it('82/KH-CAH: the plan, its tasks in the text, and the annexed outline "(Kèm theo Kế hoạch số 82/KH-CAH …)"', async () => {
    const text = await word(district, ids['82/KH-CAH']!);
    expect(text).toContain('Số: 82/KH-CAH');
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain('Thực hiện Kế hoạch số 215/KH-CAT');
    expect(text).toContain('III. PHÂN CÔNG NHIỆM VỤ');
    expect(text).toContain('ĐỀ CƯƠNG BÁO CÁO');
    expect(text).toContain('(Kèm theo Kế hoạch số 82/KH-CAH, ngày 20/05/2024 của Công an huyện Cù Lao Dung)');
    expect(text).toContain('I. TÌNH HÌNH TRIỂN KHAI XÁC ĐỊNH CHỈ SỐ CCHC');
    expect(text).toContain('Đội PC&QLKH/PV01 (để báo cáo);');
    expect(text).not.toContain('PHỤ LỤC');
  });

  it('91/CAH-TH: a công văn with "V/v …" under its number and "Kính gửi:" its addressees', async () => {
    const text = await word(officer, ids['91/CAH-TH']!);
    expect(text).toContain('Số: 91/CAH-TH');
    expect(text).toMatch(
      /Số: 91\/CAH-TH\s*\n\s*V\/v quán triệt, thực hiện chỉ đạo của lãnh đạo về công tác CCHC năm 2021/u,
    );
    expect(text).toContain('Kính gửi:');
    expect(text).toContain('- Đội trưởng các đội nghiệp vụ;');
    expect(text).toContain('- Trưởng Công an các xã, thị trấn.');
    expect(text).toContain('phần đầu hồ sơ qua dịch vụ bưu chính đạt từ 20% trở lên');
    expect(text).not.toContain('CÔNG VĂN');
  });

  it('the outline of 82/KH-CAH is a report request of the teams and communes to Đội Tham mưu, some missing', async () => {
    const list = (await district.get('/api/report-requests')).json() as {
      items: {
        id: string;
        kind: string;
        planNumber: string | null;
        receivingUnitName: string | null;
        asked: number;
        sent: number;
        late: number;
      }[];
    };
    const r = list.items.find((i) => i.kind === 'ad_hoc' && i.planNumber === '82/KH-CAH')!;
    expect(r).toMatchObject({ receivingUnitName: 'Đội Tham mưu', asked: 11, sent: 9, late: 1 });
    const d = (await district.get(`/api/report-requests/${r.id}`)).json() as {
      outline: { title: string; guide?: string }[];
      rows: { state: string }[];
    };
    expect(d.outline.map((s) => s.title)).toEqual([
      'Tình hình triển khai xác định chỉ số CCHC',
      'Kết quả thực hiện',
      'Khó khăn, vướng mắc và kiến nghị đề xuất',
    ]);
    expect(d.rows.filter((x) => x.state === 'overdue')).toHaveLength(2);
    const merged = await district.get(`/api/report-requests/${r.id}/consolidated`);
    expect(merged.statusCode).toBe(200);
    const text = await docxText(merged.rawPayload);
    expect(text).toContain('Thực hiện Kế hoạch số 82/KH-CAH');
    expect(text).toContain('Đã gửi 9/11 đơn vị, trong đó 1 đơn vị gửi muộn; 2 đơn vị chưa gửi.');
    // the letter asking for it: a công văn of the district to the teams and communes, the outline annexed
    const letter = await officer.get(`/api/report-requests/${r.id}/letter?format=docx`);
    expect(letter.statusCode, letter.body).toBe(200);
    const l = await docxText(letter.rawPayload);
    expect(l).toMatch(/Số:\s+\/CAH\s*\n\s*V\/v báo cáo sơ kết Thông tư số 27\/2022\/TT-BCA/u);
    expect(l).toContain('Kính gửi:');
    expect(l).toContain('- Công an thị trấn Cù Lao Dung;');
    expect(l).toContain(
      'Thực hiện Kế hoạch số 82/KH-CAH, Công an huyện Cù Lao Dung đề nghị các đơn vị gửi báo cáo sơ kết',
    );
    expect(l).toContain('gửi về Đội Tham mưu chậm nhất ngày 02/08/2024 (tính cả ngày này)');
    expect(l).toContain('ĐỀ CƯƠNG BÁO CÁO');
    expect(l).toContain('I. TÌNH HÌNH TRIỂN KHAI XÁC ĐỊNH CHỈ SỐ CCHC');
    expect((await hq.get(`/api/report-requests/${r.id}/letter`)).statusCode).toBe(404);
  });
});

describe('as PDF', () => {
  it.skipIf(!pdfOk)(
    'the PDFs of 82/KH-CAH and 91/CAH-TH read as a văn thư expects',
    async () => {
      fs.mkdirSync(OUT, { recursive: true });
      for (const [n, must] of [
        ['82/KH-CAH', ['KẾ HOẠCH', 'ĐỀ CƯƠNG BÁO CÁO', 'Nơi nhận:']],
        ['91/CAH-TH', ['V/v quán triệt', 'Kính gửi:', 'Nơi nhận:']],
      ] as const) {
        const r = await district.get(`/api/plans/${ids[n]}/document?format=pdf`);
        expect(r.statusCode).toBe(200);
        const file = path.join(OUT, `${n.replace('/', '-')}.pdf`);
        fs.writeFileSync(file, r.rawPayload);
        const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;
        for (const s of must) expect(text).toContain(s);
      }
      const list = (await district.get('/api/report-requests')).json() as {
        items: { id: string; kind: string; planNumber: string | null }[];
      };
      const req = list.items.find((i) => i.kind === 'ad_hoc' && i.planNumber === '82/KH-CAH')!;
      const letter = await district.get(`/api/report-requests/${req.id}/letter?format=pdf`);
      expect(letter.statusCode).toBe(200);
      const file = path.join(OUT, 'letter-82-KH-CAH.pdf');
      fs.writeFileSync(file, letter.rawPayload);
      const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;
      for (const s of ['V/v báo cáo sơ kết', 'Kính gửi:', 'ĐỀ CƯƠNG BÁO CÁO', 'Nơi nhận:']) expect(text).toContain(s);
    },
    180_000,
  );
});

describe('editing the text', () => {
  it('saves with the revision, audited; a stale revision and another tree are refused, nothing changes', async () => {
    const id = ids['23/KH-CAH']!;
    const cur = (await district.get(`/api/plans/${id}/text`)).json() as {
      revision: number;
      canWrite: boolean;
    };
    expect(cur.canWrite).toBe(true);
    const body = {
      baseRevision: cur.revision,
      text: 'I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao chỉ số CCHC năm 2021.\n- Hoàn thành 100% nhiệm vụ.',
      addressees: [],
      recipients: ['Đội Tổng hợp', 'Lưu: VT'],
    };
    const ok = await district.send('PUT', `/api/plans/${id}/text`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await district.send('PUT', `/api/plans/${id}/text`, { ...body, text: 'khác' });
    expect(stale.statusCode).toBe(409);
    const again = (await district.get(`/api/plans/${id}/text`)).json() as { text: string; revision: number };
    expect(again.text).toBe(
      'I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Nâng cao chỉ số CCHC năm 2021.\n- Hoàn thành 100% nhiệm vụ.',
    );
    expect((await hq.get(`/api/plans/${id}/text`)).statusCode).toBe(404);
    expect((await hq.get(`/api/plans/${id}/document`)).statusCode).toBe(404);
    expect(
      (await hq.send('PUT', `/api/plans/${id}/text`, { ...body, baseRevision: again.revision })).statusCode,
    ).toBe(404);
    const admin = await t.login('quantri');
    const audit = await admin.get('/api/audit?action=plan.text&entity=plan');
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = (audit.json() as { items: { entityId: string; before: unknown; after: unknown }[] })
      .items;
    const mine = entries.filter((a) => a.entityId === id);
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine[0]!.after)).toContain('Nâng cao chỉ số CCHC năm 2021.');
  });
});

describe('who reads a plan', () => {
  it('a commune given a task of 82/KH-CAH reads the plan and its document; a commune elsewhere does not', async () => {
    const province = await t.login('dieuphoi.soctrang');
    const make = async (username: string, unitCode: string) => {
      const r = await province.send('POST', '/api/users', {
        username,
        fullName: `Người dùng ${username}`,
        password: 'Mat-khau-ban-dau-2024',
        role: 'unit_officer',
        unitId: await unitIdByCode(t, unitCode),
      });
      expect(r.statusCode, r.body).toBe(200);
      const c = await t.login(username, 'Mat-khau-ban-dau-2024');
      const pw = await c.send('POST', '/api/auth/password', {
        currentPassword: 'Mat-khau-ban-dau-2024',
        newPassword: 'Mat-khau-moi-2024-cu-lao-dung',
      });
      expect(pw.statusCode, pw.body).toBeLessThan(300);
      return c;
    };
    const commune = await make('canbo.anthanh1', 'CLD-AT1');
    const mine = ((await commune.get('/api/plans')).json() as { items: { number: string }[] }).items;
    expect(mine.map((p) => p.number)).toContain('82/KH-CAH');
    expect((await commune.get(`/api/plans/${ids['82/KH-CAH']}`)).statusCode).toBe(200);
    expect((await commune.get(`/api/plans/${ids['82/KH-CAH']}/document`)).statusCode).toBe(200);
    // it may not change the district's text
    const text = (await commune.get(`/api/plans/${ids['82/KH-CAH']}/text`)).json() as {
      revision: number;
      canWrite: boolean;
    };
    expect(text.canWrite).toBe(false);
    const put = await commune.send('PUT', `/api/plans/${ids['82/KH-CAH']}/text`, {
      baseRevision: text.revision,
      text: 'Khác',
      addressees: [],
      recipients: [],
    });
    expect(put.statusCode).toBe(403);
    // Hà Quảng's plans are another tree
    const hqPlans = ((await hq.get('/api/plans')).json() as { items: { id: string; number: string }[] })
      .items;
    const p004 = hqPlans.find((p) => p.number === '/KH-UBND')!;
    expect((await commune.get(`/api/plans/${p004.id}`)).statusCode).toBe(404);
  });

  it('the same number recorded twice at once: one plan, the other told in Vietnamese, never a 500', async () => {
    const body = {
      kind: 'ke_hoach',
      number: '120/KH-CAH',
      issuedOn: '2024-06-01',
      issuingUnitId: await unitIdByCode(t, 'CAH-CLD'),
      subject: 'Kế hoạch kiểm tra công tác CCHC năm 2024',
    };
    const [a, b] = await Promise.all([
      district.send('POST', '/api/plans', body),
      district.send('POST', '/api/plans', body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    const refused = a.statusCode === 422 ? a : b;
    expect(refused.json().error.message).toBe('Công an huyện Cù Lao Dung đã có văn bản số 120/KH-CAH.');
  });
});
