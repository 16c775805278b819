import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OfficialDocument } from '@chiso/domain';
import { docxFileName, renderDocx } from '../src/lib/docx.ts';

const decision: OfficialDocument = {
  issuingParent: 'UBND TỈNH SÓC TRĂNG',
  issuingBody: 'UBND HUYỆN CÙ LAO DUNG',
  number: '90',
  symbol: 'QĐ-UBND',
  place: 'Cù Lao Dung',
  date: { day: 25, month: 1, year: 2022 },
  type: 'QUYẾT ĐỊNH',
  summary:
    'Về việc ban hành Bộ tiêu chí đánh giá Chỉ số cải cách hành chính\ncủa các cơ quan, đơn vị trên địa bàn huyện',
  issuerLine: 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG',
  preamble: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Theo đề nghị của Trưởng phòng Nội vụ huyện.',
  ],
  decisionWord: 'QUYẾT ĐỊNH:',
  body: [
    {
      kind: 'numbered',
      label: 'Điều 1.',
      text: 'Ban hành kèm theo Quyết định này Bộ tiêu chí đánh giá Chỉ số cải cách hành chính.',
    },
    { kind: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU', level: 1 },
    { kind: 'heading', text: '1. Mục đích', level: 2 },
    { kind: 'paragraph', text: 'Đánh giá khách quan kết quả cải cách hành chính hằng năm.' },
    { kind: 'bullets', items: ['Văn phòng HĐND và UBND huyện', 'Phòng Nội vụ huyện'] },
    { kind: 'numbered', label: 'Điều 2.', text: 'Quyết định có hiệu lực kể từ ngày ký.' },
  ],
  recipients: ['Như Điều 2', 'UBND tỉnh (b/c)', 'Lưu: VT, NV'],
  signature: {
    authority: 'TM. ỦY BAN NHÂN DÂN',
    position: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
    name: 'Nguyễn Văn An',
  },
  annexes: [
    {
      title: 'BỘ TIÊU CHÍ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH',
      subtitle: '(Kèm theo Quyết định số 90/QĐ-UBND ngày 25 tháng 01 năm 2022 của UBND huyện)',
      landscape: true,
      body: [
        {
          kind: 'table',
          columns: [
            { title: 'STT', width: 1, align: 'center' },
            { title: 'Lĩnh vực, tiêu chí', width: 8 },
            { title: 'Điểm tối đa', width: 2, align: 'center' },
          ],
          rows: [
            ['1', 'Công tác chỉ đạo, điều hành cải cách hành chính', '10'],
            ['', 'Tổng cộng', '10'],
          ],
          rowBold: [false, true],
        },
      ],
    },
  ],
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

/** Tên phông trong mọi w:rFonts. */
function fontNames(xml: string): Set<string> {
  const names = new Set<string>();
  for (const rFonts of xml.match(/<w:rFonts\b[^>]*>/g) ?? []) {
    for (const m of rFonts.matchAll(/w:(?:ascii|hAnsi|eastAsia|cs)="([^"]*)"/g)) names.add(m[1] ?? '');
  }
  return names;
}

let zip: JSZip;
let documentXml: string;
let stylesXml: string;

beforeAll(async () => {
  const buffer = await renderDocx(decision);
  expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
  zip = await JSZip.loadAsync(buffer);
  documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  expect(documentXml).not.toBe('');
  expect(stylesXml).not.toBe('');
});

describe('renderDocx', () => {
  it('trình bày các thành phần thể thức theo đúng thứ tự', () => {
    const text = paragraphTexts(documentXml).join('\n');
    const expected = [
      'UBND TỈNH SÓC TRĂNG',
      'UBND HUYỆN CÙ LAO DUNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 90/QĐ-UBND',
      'Cù Lao Dung, ngày 25 tháng 01 năm 2022',
      'QUYẾT ĐỊNH',
      'Về việc ban hành Bộ tiêu chí đánh giá Chỉ số cải cách hành chính',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG',
      'Căn cứ Luật Tổ chức chính quyền địa phương',
      'QUYẾT ĐỊNH:',
      'Điều 1. Ban hành kèm theo Quyết định này',
      'Nơi nhận:',
      '- Như Điều 2;',
      '- Lưu: VT, NV.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
      'PHỤ LỤC',
      'BỘ TIÊU CHÍ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH',
      '(Kèm theo Quyết định số 90/QĐ-UBND',
      'Lĩnh vực, tiêu chí',
      'Tổng cộng',
    ];
    let from = 0;
    for (const item of expected) {
      const at = text.indexOf(item, from);
      expect(at, `"${item}" phải xuất hiện sau vị trí ${from}`).toBeGreaterThanOrEqual(0);
      from = at + item.length;
    }
  });

  it('chỉ dùng phông Times New Roman', async () => {
    expect(stylesXml).toContain('Times New Roman');
    expect([...fontNames(stylesXml)]).toEqual(['Times New Roman']);
    expect([...fontNames(documentXml)].filter((f) => f !== 'Times New Roman')).toEqual([]);
    const headerFiles = Object.keys(zip.files).filter((name) => /^word\/header\d*\.xml$/.test(name));
    expect(headerFiles.length).toBeGreaterThan(0);
    for (const name of headerFiles) {
      const xml = (await zip.file(name)?.async('string')) ?? '';
      expect([...fontNames(xml)].filter((f) => f !== 'Times New Roman')).toEqual([]);
    }
    for (const xml of [documentXml, stylesXml]) {
      expect(xml).not.toMatch(/Calibri|Arial|Cambria|Aptos/);
    }
    const theme = (await zip.file('word/theme/theme1.xml')?.async('string')) ?? '';
    const latin = [...theme.matchAll(/<a:latin typeface="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(latin)).toEqual(new Set(['Times New Roman']));
    // Cỡ chữ mặc định 13 pt.
    expect(stylesXml).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="26"\/>[\s\S]*<\/w:docDefaults>/);
  });

  it('khổ A4, lề theo NĐ 30, phụ lục khổ ngang', () => {
    const sections = documentXml.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(2);
    const [main, annex] = sections as [string, string];
    expect(main).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(main).toMatch(/w:top="1134"/);
    expect(main).toMatch(/w:bottom="1134"/);
    expect(main).toMatch(/w:left="1701"/);
    expect(main).toMatch(/w:right="850"/);
    expect(annex).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
  });

  it('trang đầu có đầu trang riêng, các trang sau có số trang', async () => {
    expect(documentXml).toContain('<w:titlePg/>');
    expect(documentXml).toMatch(/<w:headerReference w:type="first"/);
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/header\d*\.xml$/.test(name))
        .map((name) => zip.file(name)?.async('string') ?? ''),
    );
    expect(headers.some((xml) => /PAGE/.test(xml))).toBe(true);
  });

  it('bảng có dòng tiêu đề lặp lại', () => {
    expect(documentXml).toContain('<w:tblHeader/>');
  });
});

describe('docxFileName', () => {
  it('tên tệp ASCII an toàn', () => {
    expect(docxFileName(decision)).toBe('quyet-dinh-90-qd-ubnd-2022-01-25.docx');
    expect(docxFileName({ ...decision, number: undefined, type: 'KẾ HOẠCH', symbol: 'KH-UBND' })).toBe(
      'ke-hoach-chua-so-kh-ubnd-2022-01-25.docx',
    );
  });
});
