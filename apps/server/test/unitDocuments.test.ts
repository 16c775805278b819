/** Documents a văn thư registers as they come out (issue #13, item 3): the issuing body by unit kind,
 * the number symbol, place and date, the signing block, legal-basis lines to fill by hand; read from
 * the PDF (pdftotext) and the Word file of the demo's documents. And the rights around the new
 * routes and parameters: another unit can neither read nor change them. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textWidthPt, type OfficialDocument } from '@chiso/domain';
import { headerLayout } from '../src/lib/docx.ts';
import { pdfAvailable } from '../src/lib/pdf.ts';
import { docxText, testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

const run = promisify(execFile);
const pdfOk = await pdfAvailable();
const OUT = path.resolve(import.meta.dirname, 'out');

let t: TestApp;
let cld: Client; // coordinator of Công an huyện Cù Lao Dung
let hq: Client; // coordinator of UBND huyện Hà Quảng
let hqOfficer: Client;
let cycle23: { cld: string; hq: string };

type Cycles = { items: { id: string; year: number; name: string }[] };

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  cld = await t.login('dieuphoi.culaodung');
  hq = await t.login('dieuphoi.haquang');
  hqOfficer = await t.login('canbo.haquang');
  const find = async (c: Client) =>
    ((await c.get('/api/cycles')).json() as Cycles).items.find((x) => x.year === 2023)!.id;
  cycle23 = { cld: await find(cld), hq: await find(hq) };
}, 600_000);
afterAll(async () => t?.close());

/** The text of a PDF (layout kept: the two header columns side by side). */
async function pdfText(body: Buffer, name: string): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, body);
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

function inOrder(text: string, items: string[]) {
  let from = 0;
  for (const item of items) {
    const at = text.indexOf(item, from);
    expect(at, `"${item}" sau vị trí ${from}`).toBeGreaterThanOrEqual(0);
    from = at + item.length;
  }
}

function noPlaceholder(text: string) {
  expect(text).not.toMatch(/ví dụ/iu);
  expect(text).not.toContain('CƠ QUAN BAN HÀNH');
}

describe.skipIf(!pdfOk && !process.env.CI)('PDF of the 2023 rankings', () => {
  it('Cù Lao Dung: Công an tỉnh over Công an huyện, Số: …/BC-CAH, the publishing date, the head', async () => {
    const res = await cld.get(`/api/cycles/${cycle23.cld}/ranking/export?format=pdf`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload, 'ranking-cld-2023');
    inOrder(text, ['CÔNG AN TỈNH SÓC TRĂNG', 'CÔNG AN HUYỆN CÙ LAO DUNG']);
    expect(text).toMatch(/Số:\s*\/BC-CAH\b/u);
    // the publishing decision 15/QĐ-CAH of 20/01/2024, not the day of download
    expect(text).toContain('Cù Lao Dung, ngày 20 tháng 01 năm 2024');
    inOrder(text, ['Nơi nhận:', 'TRƯỞNG CÔNG AN', 'Thượng tá Huỳnh Hữu Tường']);
    noPlaceholder(text);
    // no issuing-body line is wrapped: each stands whole on its line
    expect(text.split('\n').some((l) => l.trim().startsWith('CÔNG AN HUYỆN CÙ LAO DUNG'))).toBe(true);
  }, 180_000);

  it('Hà Quảng: "ỦY BAN NHÂN DÂN" / "HUYỆN HÀ QUẢNG", TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH', async () => {
    const res = await hq.get(`/api/cycles/${cycle23.hq}/ranking/export?format=pdf`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload, 'ranking-hq-2023');
    const lines = text.split('\n').map((l) => l.trim());
    const i = lines.findIndex((l) => /^ỦY BAN NHÂN DÂN\s{2,}CỘNG HÒA/u.test(l));
    expect(i, text.slice(0, 600)).toBeGreaterThanOrEqual(0);
    expect(lines[i + 1]).toMatch(/^HUYỆN HÀ QUẢNG\s{2,}Độc lập/u);
    expect(text).not.toContain('ỦY BAN NHÂN DÂN TỈNH CAO BẰNG');
    expect(text).toMatch(/Số:\s*\/BC-UBND\b/u);
    expect(text).toContain('Hà Quảng, ngày 20 tháng 01 năm 2024');
    inOrder(text, ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Phạm Xuân Tùng']);
    noPlaceholder(text);
  }, 180_000);
});

describe('Word documents: signer, example legal basis, every body free of placeholders', () => {
  it('a deputy signs for the head: KT. TRƯỞNG CÔNG AN / PHÓ TRƯỞNG CÔNG AN', async () => {
    const res = await cld.get(`/api/cycles/${cycle23.cld}/ranking/export?format=docx&signer=deputy-1`);
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    inOrder(text, ['KT. TRƯỞNG CÔNG AN', 'PHÓ TRƯỞNG CÔNG AN', 'Trung tá Nguyễn Thanh Phong']);
    noPlaceholder(text);
  });

  it('a signer who is not the head or a deputy is refused, in Vietnamese', async () => {
    const res = await cld.get(`/api/cycles/${cycle23.cld}/ranking/export?format=docx&signer=deputy-7`);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toContain(
      'không phải người đứng đầu hay cấp phó của “Công an huyện Cù Lao Dung”',
    );
    expect((await cld.get(`/api/cycles/${cycle23.cld}/ranking/export?signer=chairman`)).statusCode).toBe(400);
  });

  it('the self-assessment report is issued by the assessed unit and signed by its head', async () => {
    const officer = await t.login('canbo.culaodung');
    const list = (await officer.get('/api/cycles')).json() as {
      items: { year: number; myUnits: { assessmentId: string; unitName: string }[] }[];
    };
    // Đội Tổng hợp until its renaming (an example day of 2024): the 2023 report prints the name then
    const mine = list.items.find((c) => c.year === 2023)!.myUnits.find((u) => u.unitName === 'Đội Tổng hợp')!;
    const res = await officer.get(`/api/assessments/${mine.assessmentId}/report?format=docx`);
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    inOrder(text, ['CÔNG AN HUYỆN CÙ LAO DUNG', 'ĐỘI TỔNG HỢP', 'Số:      /BC-TH', 'Cù Lao Dung, ngày']);
    inOrder(text, ['ĐỘI TRƯỞNG', 'Thiếu tá Võ Thanh Sơn']);
    noPlaceholder(text);
    const issuer = (await officer.get(`/api/assessments/${mine.assessmentId}/report/issuer`)).json() as {
      issuingLines: string[];
      signers: { key: string }[];
    };
    expect(issuer.issuingLines).toEqual(['CÔNG AN HUYỆN CÙ LAO DUNG', 'ĐỘI TỔNG HỢP']);
    expect(issuer.signers.map((s) => s.key)).toEqual(['head']);
  });

  it('a framework decision leaves example legal bases to fill by hand; the annex keeps its (*) note', async () => {
    const list = (await hq.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
    const fw = list.items.find((f) => f.code === 'CCHC-PHONG-XA-MAU-2023')!;
    const hqId = await unitIdByCode(t, 'UBND-HQ');
    const view = (await hq.get(`/api/frameworks/${fw.id}/decision/issuer?issuerUnitId=${hqId}`)).json() as {
      exampleBasis: string[];
      issuingLines: string[];
      symbol: string;
    };
    expect(view.exampleBasis).toHaveLength(1);
    expect(view).toMatchObject({ issuingLines: ['ỦY BAN NHÂN DÂN', 'HUYỆN HÀ QUẢNG'], symbol: 'QĐ-UBND' });
    const res = await hq.get(
      `/api/frameworks/${fw.id}/decision?format=docx&issuerUnitId=${hqId}&signer=deputy-0`,
    );
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    inOrder(text, [
      'ỦY BAN NHÂN DÂN',
      'HUYỆN HÀ QUẢNG',
      'Số:      /QĐ-UBND',
      'Hà Quảng, ngày',
      'ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG',
      'Căn cứ ………………….',
      'QUYẾT ĐỊNH:',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Đàm Thị Hoa',
      '(*)',
      'Ghi chú: nội dung đánh dấu (*)',
    ]);
    expect(text).not.toContain('Căn cứ Căn cứ');
    noPlaceholder(text);
  });

  it('a document of a year prints the head of that year, not today’s', async () => {
    const id = await unitIdByCode(t, 'CAH-CLD');
    const res = await cld.send('PATCH', `/api/units/${id}`, {
      profile: { head: { title: 'TRƯỞNG CÔNG AN', rank: 'Thượng tá', name: 'Đoàn Văn Mới' } },
      effectiveDate: '2025-06-01',
      reason: 'Bổ nhiệm Trưởng Công an huyện mới',
    });
    expect(res.statusCode).toBe(200);
    const old = await docxText(
      (await cld.get(`/api/cycles/${cycle23.cld}/ranking/export?format=docx`)).rawPayload,
    );
    expect(old).toContain('Thượng tá Huỳnh Hữu Tường');
    expect(old).not.toContain('Đoàn Văn Mới');
    const detail = (await cld.get(`/api/units/${id}`)).json() as {
      unit: { head: { name: string } };
      history: { validFrom: string; head: { name: string } | null }[];
    };
    expect(detail.unit.head.name).toBe('Đoàn Văn Mới');
    expect(detail.history.map((h) => [h.validFrom, h.head?.name])).toEqual([
      ['2020-01-01', 'Huỳnh Hữu Tường'],
      ['2025-06-01', 'Đoàn Văn Mới'],
    ]);
    const audit = (await cld.get(`/api/audit?entity=unit&limit=5`)).json() as {
      items: { action: string; before: { head: { name: string } }; after: { head: { name: string } } }[];
    };
    const entry = audit.items.find((a) => a.action === 'unit.update')!;
    expect(entry.before.head.name).toBe('Huỳnh Hữu Tường');
    expect(entry.after.head.name).toBe('Đoàn Văn Mới');
  });
});

describe('header lines never wrap', () => {
  const doc = (issuingParent: string | undefined, issuingBody: string) =>
    ({
      issuingParent,
      issuingBody,
      symbol: 'BC-QLHC',
      place: 'Cù Lao Dung',
      date: { day: 5, month: 1, year: 2024 },
    }) as OfficialDocument;
  const widest = (l: ReturnType<typeof headerLayout>) =>
    Math.max(
      ...l.governing.map((x) => textWidthPt(x, l.orgSize) * 20),
      ...l.own.map((x) => textWidthPt(x, l.orgSize, true) * 20),
    );

  it('"ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG" over "PHÒNG NỘI VỤ" stays whole, the cell reaching into the margin', () => {
    const l = headerLayout(doc('ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG', 'PHÒNG NỘI VỤ'));
    expect(l).toMatchObject({ governing: ['ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG'], own: ['PHÒNG NỘI VỤ'] });
    expect(l.orgSize).toBeGreaterThanOrEqual(12);
    expect(widest(l)).toBeLessThanOrEqual(l.left);
    expect(l.outdent).toBeGreaterThan(0);
    expect(l.outdent).toBeLessThanOrEqual(Math.round((10 * 1440) / 25.4));
    const short = headerLayout(doc('CÔNG AN TỈNH SÓC TRĂNG', 'CÔNG AN HUYỆN CÙ LAO DUNG'));
    expect(short).toMatchObject({ orgSize: 13, own: ['CÔNG AN HUYỆN CÙ LAO DUNG'] });
  });

  it('a name too long for the cell is cut once, where its halves balance, never wrapped elsewhere', () => {
    const l = headerLayout(
      doc('CÔNG AN HUYỆN CÙ LAO DUNG', 'ĐỘI CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI'),
    );
    expect(l.own).toEqual(['ĐỘI CẢNH SÁT QUẢN LÝ HÀNH', 'CHÍNH VỀ TRẬT TỰ XÃ HỘI']);
    expect(l.orgSize).toBeGreaterThanOrEqual(12);
    expect(widest(l)).toBeLessThanOrEqual(l.left);
    expect(l.left + l.right - l.outdent).toBe(11906 - Math.round((45 * 1440) / 25.4));
    expect(l.outdent).toBeLessThanOrEqual(Math.round((10 * 1440) / 25.4));
  });
});

describe('access: another unit can neither read nor change it', () => {
  it('the issuer of another unit’s documents is not readable', async () => {
    for (const url of [
      `/api/cycles/${cycle23.cld}/ranking/issuer`,
      `/api/cycles/${cycle23.cld}/ranking/export?format=docx&signer=deputy-0`,
    ]) {
      const res = await hqOfficer.get(url);
      expect([403, 404], url).toContain(res.statusCode);
    }
    const own = (await hqOfficer.get(`/api/cycles/${cycle23.hq}/ranking/issuer`)).json() as {
      signers: { key: string; position: string[] }[];
    };
    expect(own.signers.map((s) => s.key)).toEqual(['head', 'deputy-0', 'deputy-1']);
    expect(own.signers[1]!.position).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });

  it('a unit outside one’s scope cannot be named as the issuer of a decision', async () => {
    const list = (await cld.get('/api/frameworks')).json() as { items: { id: string }[] };
    const hqId = await unitIdByCode(t, 'UBND-HQ');
    for (const url of [
      `/api/frameworks/${list.items[0]!.id}/decision/issuer?issuerUnitId=${hqId}`,
      `/api/frameworks/${list.items[0]!.id}/decision?format=docx&issuerUnitId=${hqId}`,
    ]) {
      const res = await cld.get(url);
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('another unit’s head, deputies and abbreviation cannot be changed; bad input changes nothing', async () => {
    const hqId = await unitIdByCode(t, 'UBND-HQ');
    const forbidden = await cld.send('PATCH', `/api/units/${hqId}`, { profile: { abbreviation: 'XYZ' } });
    expect(forbidden.statusCode).toBe(403);
    const bad = await hq.send('PATCH', `/api/units/${hqId}`, { profile: { abbreviation: 'UB-ND' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toContain('Chữ viết tắt “UB-ND”');
    const noTitle = await hq.send('PATCH', `/api/units/${hqId}`, {
      profile: { deputies: [{ title: '', name: 'A' }] },
    });
    expect(noTitle.statusCode).toBe(400);
    expect((noTitle.json() as { error: { message: string } }).error.message).toContain(
      'Chức danh không được để trống',
    );
    const after = (await hq.get(`/api/units/${hqId}`)).json() as {
      unit: { abbreviation: string; deputies: unknown[] };
    };
    expect(after.unit.abbreviation).toBe('UBND');
    expect(after.unit.deputies).toHaveLength(2);
    const ok = await hq.send('PATCH', `/api/units/${hqId}`, {
      profile: { issuerLines: { governing: [], own: ['UBND HUYỆN HÀ QUẢNG'] } },
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { issuerLines: unknown }).issuerLines).toEqual({
      governing: [],
      own: ['UBND HUYỆN HÀ QUẢNG'],
    });
  });
});
