import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkTable, FINDING_LABELS, parseFrameworkJson, type Framework } from '@chiso/domain';
import { checkReportDocument, checkReportXlsx } from '../src/modules/documents/checkReport.ts';
import {
  defaultIssuerLine,
  frameworkDecision,
  joinOverlapping,
  resolveMeta,
} from '../src/modules/documents/frameworkDecision.ts';
import { renderDocx } from '../src/lib/docx.ts';
import { docxToPdf, pdfAvailable } from '../src/lib/pdf.ts';
import { readTabular } from '../src/lib/tabular.ts';
import { addSheet, newWorkbook, streamSheet, workbookBuffer } from '../src/lib/xlsx.ts';

const run = promisify(execFile);
const pdfOk = await pdfAvailable();
const OUT = path.resolve(import.meta.dirname, 'out');

const police = (() => {
  const json: unknown = JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../content/frameworks/police-tt27-district-2022.json'),
      'utf8',
    ),
  );
  const parsed = parseFrameworkJson(json);
  if (!parsed.framework) throw new Error(parsed.errors.join('\n'));
  return parsed.framework;
})();

const seedTable = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../packages/domain/test/checkTable/fixtures/seed004-table.csv'),
);

const meta = {
  issuingParent: 'CÔNG AN TỈNH SÓC TRĂNG',
  issuingBody: 'CÔNG AN HUYỆN CÙ LAO DUNG',
  symbol: 'QĐ-CAH',
  number: '15',
  place: 'Cù Lao Dung',
  date: { day: 15, month: 7, year: 2022 },
  signer: { position: 'TRƯỞNG CÔNG AN HUYỆN', rank: 'Thượng tá', name: 'Nguyễn Văn An' },
  recipients: ['Công an tỉnh (b/c)', 'Như Điều 3', 'Lưu: VT, CCHC'],
};

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Chữ của từng đoạn (w:p), theo thứ tự trong tệp. */
function paragraphTexts(xml: string): string[] {
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs.map((p) =>
    decodeXml(
      (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
    ),
  );
}

function fontNames(xml: string): Set<string> {
  const names = new Set<string>();
  for (const rFonts of xml.match(/<w:rFonts\b[^>]*>/g) ?? []) {
    for (const m of rFonts.matchAll(/w:(?:ascii|hAnsi|eastAsia|cs)="([^"]*)"/g)) names.add(m[1] ?? '');
  }
  return names;
}

function expectInOrder(text: string, expected: string[]) {
  let from = 0;
  for (const item of expected) {
    const at = text.indexOf(item, from);
    expect(at, `"${item}" phải xuất hiện sau vị trí ${from}`).toBeGreaterThanOrEqual(0);
    from = at + item.length;
  }
}

async function docxParts(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  return { zip, documentXml, stylesXml, text: paragraphTexts(documentXml).join('\n') };
}

describe('frameworkDecision', () => {
  it('Quyết định ban hành Bộ tiêu chí: thể thức, căn cứ, Điều 1–3, phụ lục, chỉ phông Times New Roman', async () => {
    const doc = frameworkDecision(police, meta);
    const { documentXml, stylesXml, text } = await docxParts(await renderDocx(doc));
    expectInOrder(text, [
      'CÔNG AN TỈNH SÓC TRĂNG',
      'CÔNG AN HUYỆN CÙ LAO DUNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/QĐ-CAH',
      'Cù Lao Dung, ngày 15 tháng 7 năm 2022',
      'QUYẾT ĐỊNH',
      'Về việc ban hành Khung tiêu chí CCHC trong Công an nhân dân',
      'TRƯỞNG CÔNG AN HUYỆN CÙ LAO DUNG\nCăn cứ Thông tư',
      ' 27/2022/TT-BCA ngày 09/6/2022 của Bộ trưởng Bộ Công an.',
      'QUYẾT ĐỊNH:',
      'Điều 1. Ban hành kèm theo Quyết định này Khung tiêu chí CCHC',
      'tổng điểm tối đa 100 điểm.',
      'Điều 2.',
      'Điều 3.',
      'Nơi nhận:',
      '- Công an tỉnh (b/c);',
      '- Lưu: VT, CCHC.',
      'TRƯỞNG CÔNG AN HUYỆN',
      'Thượng tá Nguyễn Văn An',
      'PHỤ LỤC',
      'KHUNG TIÊU CHÍ CCHC TRONG CÔNG AN NHÂN DÂN',
      '(Kèm theo Quyết định số 15/QĐ-CAH ngày 15 tháng 7 năm 2022)',
      'STT/Mã',
      'Tiêu chí',
      'Điểm tối đa',
      'Quy tắc chấm',
      'Tài liệu kiểm chứng',
      'Công tác chỉ đạo, điều hành cải cách hành chính',
      '1.2',
      'Chế độ báo cáo CCHC',
      'trừ điểm: khởi điểm 3; mỗi vụ việc 0,5; sàn 0',
      'Tổng điểm tối đa',
      '100',
      'Xếp loại theo Chỉ số',
      'Xuất sắc',
      'Ghi chú: nội dung đánh dấu (*)',
    ]);
    // phụ lục khổ ngang
    expect(documentXml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    // dòng tiêu chí cha in đậm: đoạn chứa tên tiêu chí cha có <w:b/>
    const parentCell = (documentXml.match(
      /<w:p[ >](?:(?!<\/w:p>)[\s\S])*?Công tác chỉ đạo, điều hành cải cách hành chính[\s\S]*?<\/w:p>/,
    ) ?? [''])[0];
    expect(parentCell).toContain('<w:b/>');
    // điểm in bằng dấu phẩy thập phân, không có số thực nhị phân
    expect(text).not.toMatch(/\d\.\d{3,}/);
    expect(text).not.toMatch(/0\.5\b/);
    // chỉ phông Times New Roman
    expect([...fontNames(stylesXml)]).toEqual(['Times New Roman']);
    expect([...fontNames(documentXml)].filter((f) => f !== 'Times New Roman')).toEqual([]);
    expect(documentXml + stylesXml).not.toMatch(/Calibri|Arial|Cambria|Aptos|DejaVu|Liberation/);
  });

  it('giá trị mặc định khi thiếu thông tin: số để trống, ngày hôm nay (giờ Việt Nam)', async () => {
    // 17:30 UTC ngày 31/12/2023 là 00:30 ngày 01/01/2024 ở Việt Nam
    const doc = frameworkDecision(police, {}, new Date('2023-12-31T17:30:00Z'));
    expect(doc.date).toEqual({ day: 1, month: 1, year: 2024 });
    expect(doc.issuingBody).toBe('CƠ QUAN BAN HÀNH');
    expect(doc.number).toBeUndefined();
    const { text } = await docxParts(await renderDocx(doc));
    expectInOrder(text, [
      'Số:      /QĐ-CQBH',
      'ngày 01 tháng 01 năm 2024',
      'QUYẾT ĐỊNH',
      'Nơi nhận:',
      '- Như Điều 3;',
    ]);
  });

  it('thẩm quyền ban hành: chức danh ghép với tên cơ quan, không lặp chữ', () => {
    expect(joinOverlapping('TRƯỞNG CÔNG AN HUYỆN', 'CÔNG AN HUYỆN CÙ LAO DUNG')).toBe(
      'TRƯỞNG CÔNG AN HUYỆN CÙ LAO DUNG',
    );
    expect(joinOverlapping('CHỦ TỊCH', 'ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG')).toBe(
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG',
    );
    const base = { issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG' };
    expect(
      defaultIssuerLine(resolveMeta({ ...base, signer: { position: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' } }, 'QĐ')),
    ).toBe('CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG');
    expect(
      defaultIssuerLine(
        resolveMeta({ ...base, signer: { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH' } }, 'QĐ'),
      ),
    ).toBe('ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG');
  });

  if (!pdfOk && !process.env.CI) {
    console.warn(
      'Bỏ qua kiểm tra PDF: chưa cài LibreOffice (soffice). Trên CI (biến CI) kiểm tra này bắt buộc.',
    );
    it.skip('PDF qua LibreOffice — BỎ QUA: máy này chưa cài LibreOffice (không có soffice trên PATH)', () => {});
  } else {
    it('PDF qua LibreOffice: chỉ phông Tinos/Times, đủ dấu tiếng Việt, ảnh trang 1', async () => {
      expect(pdfOk, 'CI phải cài LibreOffice (soffice) để kiểm tra bản PDF').toBe(true);
      const pdf = await docxToPdf(await renderDocx(frameworkDecision(police, meta)));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      fs.mkdirSync(OUT, { recursive: true });
      const pdfPath = path.join(OUT, 'framework-decision.pdf');
      fs.writeFileSync(pdfPath, pdf);

      const fonts = (await run('pdffonts', [pdfPath])).stdout.split('\n').slice(2);
      const names = fonts.map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n.length > 0);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name, `phông ${name}`).toMatch(/Tinos|Times/);

      const text = (await run('pdftotext', ['-layout', pdfPath, '-'])).stdout;
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('QUYẾT ĐỊNH');
      expect(text).toContain('Nguyễn Văn An');

      const prefix = path.join(OUT, 'framework-decision-p1');
      await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
      const png = fs.readFileSync(`${prefix}.png`);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    }, 180_000);
  }
});

describe('báo cáo kiểm tra bảng kết quả', () => {
  const load = async () =>
    checkTable(await readTabular(seedTable, 'seed004-table.csv', 'tableCheck'), { transpose: true });

  it('Excel: bảng tính lại với điểm là số thật (74,56), trang sai sót', async () => {
    const result = await load();
    const buf = await checkReportXlsx('seed004-table.csv', result);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bảng tính lại', 'Sai sót', 'Ghi chú']);
    const ws = wb.getWorksheet('Bảng tính lại')!;
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'STT') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const headers = (ws.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''));
    const totalCol = headers.indexOf('Tổng điểm (tính lại)');
    expect(totalCol).toBeGreaterThan(0);
    const row2020 = ws.getRow(headerRow + 1);
    expect(row2020.getCell(2).value).toBe('Năm 2020');
    const total = row2020.getCell(totalCol).value;
    expect(typeof total).toBe('number');
    expect(total).toBe(74.56);
    expect(row2020.getCell(totalCol).numFmt).toBe('0.00');
    expect(ws.getRow(headerRow + 2).getCell(totalCol).value).toBe(79.5);
    // điểm thành phần cũng là số
    expect(row2020.getCell(3).value).toBe(14);

    const findings = wb.getWorksheet('Sai sót')!;
    const codes: string[] = [];
    findings.eachRow((row) => codes.push(String(row.getCell(2).value ?? '')));
    expect(codes).toContain('SCORE_EXCEEDS_MAX');
    expect(codes).toContain('CHANGE_MISMATCH');
    const labels: string[] = [];
    findings.eachRow((row) => labels.push(String(row.getCell(3).value ?? '')));
    expect(labels).toContain(FINDING_LABELS.CHANGE_MISMATCH);

    // không có giá trị nhị phân thừa trong XML
    const zip = await JSZip.loadAsync(buf);
    const sheetXml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(sheetXml).toContain('<v>74.56</v>');
    expect(sheetXml).not.toMatch(/<v>-?\d+\.\d*0000\d+<\/v>|<v>-?\d+\.\d*9999\d+<\/v>/);
  });

  it('Word: BÁO CÁO có số nội dung đã kiểm tra, sai sót gọi bằng tiếng Việt, ô sai được đánh dấu ở phụ lục', async () => {
    const result = await load();
    const doc = checkReportDocument('seed004-table.csv', result, { issuingBody: 'SỞ NỘI VỤ' });
    const { text, documentXml } = await docxParts(await renderDocx(doc));
    expectInOrder(text, [
      'SỞ NỘI VỤ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số:      /BC-SNV',
      'BÁO CÁO',
      'Kết quả kiểm tra bảng kết quả Chỉ số CCHC',
      'seed004-table.csv',
      'Đã kiểm tra 17 nội dung: 2 tổng điểm, 1 mức tăng/giảm, 14 điểm so với điểm tối đa.',
      'II. SAI SÓT PHÁT HIỆN',
      FINDING_LABELS.SCORE_EXCEEDS_MAX,
      FINDING_LABELS.CHANGE_MISMATCH,
      'Nơi nhận:',
      'PHỤ LỤC',
      'BẢNG KẾT QUẢ TÍNH LẠI',
      'Năm 2020',
      '18/15 (*)',
      '74,56',
      'Năm 2021',
      '79,5',
      '4,94 (ghi 5,04) (*)',
      'Ô có dấu (*) là ô có sai sót',
    ]);
    // the codes stay in the JSON; the document names findings in Vietnamese
    expect(text).not.toContain('SCORE_EXCEEDS_MAX');
    expect(text).not.toContain('CHANGE_MISMATCH');
    expect([...fontNames(documentXml)].filter((f) => f !== 'Times New Roman')).toEqual([]);
  });

  it('Word: khi không kiểm tra được gì, báo cáo nói rõ và không ghi "Không phát hiện sai sót"', async () => {
    const table = fs.readFileSync(
      path.resolve(
        import.meta.dirname,
        '../../../packages/domain/test/checkTable/fixtures/labels-index-only.csv',
      ),
    );
    const result = checkTable(await readTabular(table, 'labels-index-only.csv', 'tableCheck'));
    const { text } = await docxParts(await renderDocx(checkReportDocument('labels-index-only.csv', result)));
    expectInOrder(text, [
      'Không kiểm tra được nội dung nào của bảng.',
      'Không kiểm tra được 3 chỉ số: bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số.',
      'II. SAI SÓT PHÁT HIỆN',
      'chưa thể kết luận bảng đúng hay sai',
    ]);
    expect(text).not.toContain('Không phát hiện sai sót');
  });
});

/** Văn bản của ô `ref` trong XML của trang tính, và kiểu ô. */
function cellOf(
  sheetXml: string,
  shared: string[],
  ref: string,
): { type: string; text: string; xml: string } {
  const m = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>([\\s\\S]*?)</c>)`).exec(sheetXml);
  if (!m) return { type: '', text: '', xml: '' };
  const type = /\bt="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? 'n';
  const inner = m[2] ?? '';
  let text = '';
  if (type === 's') text = shared[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])] ?? '';
  else if (type === 'inlineStr') text = decodeXml((/<t[^>]*>([\s\S]*?)<\/t>/.exec(inner) ?? ['', ''])[1]!);
  else text = decodeXml((/<v>([\s\S]*?)<\/v>/.exec(inner) ?? ['', ''])[1]!);
  return { type, text, xml: m[0] };
}

async function sheetParts(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const sheetXml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
  const sharedXml = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const shared = (sharedXml.match(/<si>[\s\S]*?<\/si>/g) ?? []).map((si) =>
    decodeXml((si.match(/<t[^>]*>([\s\S]*?)<\/t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')),
  );
  return { sheetXml, shared };
}

describe('Excel: chữ do người dùng nhập không bao giờ thành công thức', () => {
  const dangerous = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)'];
  const spec = {
    name: 'Thử',
    columns: dangerous.map((_, i) => ({ header: `Cột ${i + 1}` })),
  };

  for (const [how, build] of [
    [
      'addSheet',
      async () => {
        const wb = newWorkbook();
        addSheet(wb, spec, [dangerous]);
        return workbookBuffer(wb);
      },
    ],
    ['streamSheet', () => streamSheet(spec, [dangerous])],
  ] as const) {
    it(`${how}: ô là chuỗi, không có phần tử <f>`, async () => {
      const { sheetXml, shared } = await sheetParts(await build());
      expect(sheetXml).not.toMatch(/<f[\s>]/);
      dangerous.forEach((value, i) => {
        const ref = `${String.fromCharCode(65 + i)}2`;
        const cell = cellOf(sheetXml, shared, ref);
        // addSheet ghi chuỗi dùng chung (t="s"); streamSheet ghi chuỗi trực tiếp (t="str", không có <f>).
        expect(['s', 'inlineStr', 'str'], `${ref}: ${cell.xml}`).toContain(cell.type);
        expect(cell.text).toBe(value);
      });
    });
  }
});

// Kiểm tra nhanh kiểu dữ liệu để `Framework` được dùng (bộ tiêu chí mẫu có tổng 100 điểm).
const _typed: Framework = police;
void _typed;
