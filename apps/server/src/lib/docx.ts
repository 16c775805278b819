/**
 * Dựng văn bản hành chính (.docx) theo thể thức Nghị định 30/2020/NĐ-CP:
 * khổ A4, lề trên/dưới 20 mm, trái 30 mm, phải 15 mm; phông Times New Roman;
 * số trang ở giữa phần đầu trang, từ trang thứ hai; mỗi phụ lục là một phần (section) riêng.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import {
  NATIONAL_MOTTO,
  NATIONAL_TITLE,
  RECIPIENTS_LABEL,
  addresseeLines,
  annexLabel,
  congVanSummary,
  fileSlug,
  numberAndSymbol,
  placeAndDate,
  recipientLines,
  signatureNameLine,
  signaturePositionLines,
  splitBalanced,
  textWidthPt,
  type Annex,
  type Block,
  type OfficialDocument,
  type TextAlign,
} from '@chiso/domain';

export const FONT = 'Times New Roman';

/** Milimét → twip (1/20 pt). */
function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

/** Cỡ chữ (pt) → nửa điểm, đơn vị của thuộc tính size trong docx. */
function pt(size: number): number {
  return size * 2;
}

const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
const PORTRAIT_TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.left - MARGIN.right;
const FIRST_LINE_INDENT = mm(10);
const PARAGRAPH_AFTER = 120; // 6 pt giữa các đoạn
const LINE_SPACING = 276; // 1,15 dòng

type Style = { bold?: boolean; italic?: boolean; size?: number; allCaps?: boolean };

/** Các đoạn chạy chữ của một chuỗi; ký tự xuống dòng thành ngắt dòng. */
function runs(text: string, style: Style = {}): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        bold: style.bold,
        italics: style.italic,
        allCaps: style.allCaps,
        size: style.size === undefined ? undefined : pt(style.size),
        break: i > 0 ? 1 : undefined,
      }),
  );
}

function alignment(align: TextAlign | undefined): (typeof AlignmentType)[keyof typeof AlignmentType] {
  if (align === 'center') return AlignmentType.CENTER;
  if (align === 'right') return AlignmentType.RIGHT;
  return AlignmentType.LEFT;
}

/** Đoạn canh giữa, không thụt đầu dòng, không giãn đoạn. */
function centered(
  text: string,
  style: Style = {},
  spacing: { before?: number; after?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: spacing.before ?? 0, after: spacing.after ?? 0 },
    children: runs(text, style),
  });
}

/** Đường kẻ ngang ngắn, nét liền, đặt cân đối giữa vùng rộng `areaWidth`. */
function shortRule(areaWidth: number, lineWidth: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((areaWidth - lineWidth) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

/** Đoạn trống rất thấp (1 pt) đứng sau bảng cuối phần, nơi docx đặt ngắt phần (w:sectPr). */
function tailParagraph(): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    run: { size: 2 },
    children: [],
  });
}

function bodyParagraph(children: TextRun[], opts: { indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: opts.indent === false ? undefined : { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: PARAGRAPH_AFTER, line: LINE_SPACING, lineRule: LineRuleType.AUTO },
    keepNext: opts.keepNext,
    children,
  });
}

const NO_BORDERS = TableBorders.NONE;
const SINGLE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const SINGLE_BORDERS = {
  top: SINGLE,
  bottom: SINGLE,
  left: SINGLE,
  right: SINGLE,
  insideHorizontal: SINGLE,
  insideVertical: SINGLE,
};
const TIGHT_CELL = { top: 0, bottom: 0, left: 0, right: 0 };

function layoutTable(rows: TableRow[], widths: number[], borders: typeof NO_BORDERS | typeof SINGLE_BORDERS) {
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
  });
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, margins: TIGHT_CELL });
}

const twipsOf = (pt: number) => Math.ceil(pt * 20);
const SAFETY = mm(3);
const ORG_SIZES = [13, 12.5, 12, 11.5, 11, 10.5, 10];

/** The lines of a header field ("\n" between printed lines). */
const headerLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** How far the header table may reach into the left margin (30 mm) when a name needs it. */
const HEADER_OUTDENT_MAX = mm(10);

/** Widths of the two header columns, the issuing-body lines and their size, so that no line wraps:
 * the organisation column is 70 mm unless a line needs more, reaching up to 10 mm into the left
 * margin; a line still too long at 12 pt is cut once, at the word that balances its halves; only
 * then do the lines shrink (down to 10 pt). `outdent`: how far the table starts left of the text. */
export function headerLayout(doc: OfficialDocument) {
  const nationNeed = twipsOf(
    Math.max(textWidthPt(NATIONAL_TITLE, 12, true), textWidthPt(NATIONAL_MOTTO, 13, true)),
  );
  const dateNeed = (size: number) => twipsOf(textWidthPt(placeAndDate(doc), size));
  const dateSize = dateNeed(14) + SAFETY <= PORTRAIT_TEXT_WIDTH - mm(70) ? 14 : 13;
  const rightNeed = Math.max(nationNeed, dateNeed(dateSize)) + SAFETY;
  const maxLeft = PORTRAIT_TEXT_WIDTH + HEADER_OUTDENT_MAX - rightNeed;
  const need = (governing: string[], own: string[], size: number) =>
    twipsOf(
      Math.max(
        ...governing.map((l) => textWidthPt(l, size)),
        ...own.map((l) => textWidthPt(l, size, true)),
        textWidthPt(numberAndSymbol(doc), 13),
      ),
    ) + SAFETY;
  const fits = (w: number) => w <= maxLeft;
  const cut = (list: string[], bold: boolean, size: number) =>
    list.flatMap((l) =>
      fits(twipsOf(textWidthPt(l, size, bold)) + SAFETY)
        ? [l]
        : splitBalanced(l, (x) => textWidthPt(x, size, bold)),
    );
  let governing = headerLines(doc.issuingParent);
  let own = headerLines(doc.issuingBody);
  let found = ORG_SIZES.filter((z) => z >= 12).find((z) => fits(need(governing, own, z)));
  if (found === undefined) {
    governing = cut(governing, false, 12);
    own = cut(own, true, 12);
    found = ORG_SIZES.find((z) => fits(need(governing, own, z)));
  }
  const orgSize = found ?? ORG_SIZES[ORG_SIZES.length - 1]!;
  const left = Math.min(Math.max(mm(70), need(governing, own, orgSize)), maxLeft);
  const right = Math.max(PORTRAIT_TEXT_WIDTH - left, rightNeed);
  return { left, right, outdent: left + right - PORTRAIT_TEXT_WIDTH, orgSize, dateSize, governing, own };
}

/** Phần đầu văn bản: tên cơ quan (cơ quan chủ quản trên, cơ quan ban hành in đậm dưới, mỗi dòng một
 * đoạn, không dòng nào bị ngắt), Quốc hiệu và Tiêu ngữ, số và ký hiệu, địa danh và ngày tháng. */
function headerBlock(doc: OfficialDocument): Table {
  const { left, right, outdent, orgSize, dateSize, governing, own } = headerLayout(doc);
  const organization: Paragraph[] = [];
  for (const line of governing) organization.push(centered(line, { allCaps: true, size: orgSize }));
  for (const line of own) organization.push(centered(line, { bold: true, allCaps: true, size: orgSize }));
  organization.push(shortRule(left, mm(25)));

  const nation = [
    centered(NATIONAL_TITLE, { bold: true, size: 12 }),
    centered(NATIONAL_MOTTO, { bold: true, size: 13 }),
    shortRule(right, mm(57)),
  ];

  const topRow = new TableRow({ children: [cell(organization, left), cell(nation, right)] });
  const dateRow = new TableRow({
    children: [
      cell(
        [
          centered(numberAndSymbol(doc), {}, { before: 120 }),
          ...(doc.form === 'cong_van' ? [centered(congVanSummary(doc.summary), { size: 12 }, { before: 60 })] : []),
        ],
        left,
      ),
      cell([centered(placeAndDate(doc), { italic: true, size: dateSize }, { before: 120 })], right),
    ],
  });
  return new Table({
    rows: [topRow, dateRow],
    width: { size: left + right, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    ...(outdent > 0 ? { indent: { size: -outdent, type: WidthType.DXA } } : {}),
  });
}

/** Tên loại, trích yếu, căn cứ, thẩm quyền ban hành. */
function titleBlock(doc: OfficialDocument): Paragraph[] {
  if (doc.form === 'cong_van') {
    // Công văn: không có tên loại; "Kính gửi:" giữa, các nơi gửi thụt vào (NĐ 30, Phụ lục I).
    const lines = addresseeLines(doc.addressees ?? []);
    return lines.map(
      (line, i) =>
        new Paragraph({
          alignment: lines.length === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
          indent: lines.length === 1 ? undefined : { left: i === 0 ? mm(45) : mm(60) },
          spacing: { before: i === 0 ? 360 : 0, after: i === lines.length - 1 ? 240 : 0 },
          children: runs(line, { size: 14 }),
        }),
    );
  }
  const out: Paragraph[] = [
    centered(doc.type.trim(), { bold: true, size: 14, allCaps: true }, { before: 480 }),
    centered(doc.summary.trim(), { bold: true, size: 14 }),
    shortRule(PORTRAIT_TEXT_WIDTH, mm(40), 240),
  ];
  if (doc.issuerLine?.trim()) {
    out.push(centered(doc.issuerLine.trim(), { bold: true, size: 14 }, { after: 240 }));
  }
  for (const line of doc.preamble ?? []) {
    out.push(bodyParagraph(runs(line, { italic: true })));
  }
  if (doc.decisionWord?.trim()) {
    out.push(centered(doc.decisionWord.trim(), { bold: true, size: 14 }, { before: 120, after: 240 }));
  }
  return out;
}

function tableBlock(block: Extract<Block, { kind: 'table' }>, available: number): Table {
  const weights = block.columns.map((c) => (c.width !== undefined && c.width > 0 ? c.width : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((available * w) / total));
  const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 };
  const cellParagraph = (text: string, align: TextAlign | undefined, bold: boolean) =>
    new Paragraph({
      alignment: alignment(align),
      spacing: { before: 0, after: 0 },
      children: runs(text, { bold, size: 12 }),
    });

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (column, i) =>
        new TableCell({
          children: [cellParagraph(column.title, 'center', true)],
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          margins: cellMargins,
          verticalAlign: VerticalAlignTable.CENTER,
        }),
    ),
  });
  const rows = block.rows.map((row, r) => {
    const bold = block.rowBold?.[r] === true;
    return new TableRow({
      cantSplit: true,
      children: block.columns.map(
        (column, i) =>
          new TableCell({
            children: [cellParagraph(row[i] ?? '', column.align, bold)],
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            margins: cellMargins,
            verticalAlign: VerticalAlignTable.CENTER,
          }),
      ),
    });
  });
  return layoutTable([header, ...rows], widths, SINGLE_BORDERS);
}

/** Các khối nội dung; `available` là bề rộng vùng chữ (twip) để chia cột bảng. */
function blocks(list: Block[], available: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const [index, block] of list.entries()) {
    switch (block.kind) {
      case 'heading':
        out.push(
          bodyParagraph(runs(block.text, { bold: true, italic: block.level === 2 }), { keepNext: true }),
        );
        break;
      case 'paragraph':
        out.push(bodyParagraph(runs(block.text, { bold: block.bold, italic: block.italic })));
        break;
      case 'numbered':
        out.push(bodyParagraph([...runs(block.label, { bold: true }), ...runs(` ${block.text}`)]));
        break;
      case 'bullets':
        for (const item of block.items) out.push(bodyParagraph(runs(`- ${item}`)));
        break;
      case 'table':
        out.push(tableBlock(block, available));
        // Sau bảng phải có một đoạn: đoạn cách nếu còn nội dung, đoạn rất thấp nếu bảng đứng cuối
        // (để đoạn mang ngắt phần không bị đẩy sang một trang trống).
        out.push(
          index === list.length - 1
            ? tailParagraph()
            : new Paragraph({ spacing: { before: 0, after: PARAGRAPH_AFTER }, children: [] }),
        );
        break;
    }
  }
  return out;
}

/** Nơi nhận (trái) và chữ ký (phải). */
function signatureBlock(doc: OfficialDocument): (Paragraph | Table)[] {
  const left = mm(75);
  const right = PORTRAIT_TEXT_WIDTH - left;
  const recipients = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: runs(RECIPIENTS_LABEL, { bold: true, italic: true, size: 12 }),
    }),
    ...recipientLines(doc).map(
      (line) => new Paragraph({ spacing: { before: 0, after: 0 }, children: runs(line, { size: 11 }) }),
    ),
  ];
  const sign: Paragraph[] = [];
  if (doc.signature.authority?.trim()) {
    sign.push(centered(doc.signature.authority.trim(), { bold: true, allCaps: true, size: 14 }));
  }
  for (const line of signaturePositionLines(doc.signature)) {
    sign.push(centered(line, { bold: true, allCaps: true, size: 14 }));
  }
  // Khoảng trống để ký và đóng dấu.
  sign.push(centered(signatureNameLine(doc.signature), { bold: true, size: 14 }, { before: mm(30) }));
  const row = new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(sign, right)] });
  const spacer = new Paragraph({ spacing: { before: 0, after: PARAGRAPH_AFTER }, children: [] });
  return [spacer, layoutTable([row], [left, right], NO_BORDERS), tailParagraph()];
}

function annexChildren(annex: Annex, index: number, count: number, available: number): (Paragraph | Table)[] {
  const label = annex.label ?? annexLabel(index, count);
  const out: (Paragraph | Table)[] = [
    ...(label.trim() ? [centered(label.trim(), { bold: true, size: 14 })] : []),
    centered(annex.title.trim(), { bold: true, size: 14 }),
  ];
  if (annex.subtitle?.trim()) out.push(centered(annex.subtitle.trim(), { italic: true, size: 14 }));
  out.push(shortRule(available, mm(40), 240));
  out.push(...blocks(annex.body, available));
  return out;
}

/** Đầu trang: trang đầu để trống, các trang sau có số trang ở giữa. */
function pageHeaders(): NonNullable<ISectionOptions['headers']> {
  return {
    first: new Header({ children: [new Paragraph({ children: [] })] }),
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })],
        }),
      ],
    }),
  };
}

function sectionProperties(landscape: boolean, restartNumbering: boolean): ISectionOptions['properties'] {
  return {
    titlePage: true,
    page: {
      size: {
        width: PAGE.width,
        height: PAGE.height,
        orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: { ...MARGIN, header: mm(10), footer: mm(10) },
      pageNumbers: restartNumbering ? { start: 1 } : undefined,
    },
  };
}

export function buildDocument(doc: OfficialDocument): Document {
  const main: ISectionOptions = {
    properties: sectionProperties(false, false),
    headers: pageHeaders(),
    children: [
      headerBlock(doc),
      ...titleBlock(doc),
      ...blocks(doc.body, PORTRAIT_TEXT_WIDTH),
      ...signatureBlock(doc),
    ],
  };
  // Phụ lục: mỗi phụ lục một phần riêng, đánh số trang riêng (NĐ 30).
  const annexes: ISectionOptions[] = doc.annexes.map((annex, i) => {
    const landscape = annex.landscape === true;
    return {
      properties: sectionProperties(landscape, true),
      headers: pageHeaders(),
      children: annexChildren(
        annex,
        i,
        doc.annexes.length,
        landscape ? LANDSCAPE_TEXT_WIDTH : PORTRAIT_TEXT_WIDTH,
      ),
    };
  });

  const fonts = { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT };
  return new Document({
    title: `${doc.form === 'cong_van' ? 'Công văn' : doc.type.trim()} ${doc.summary.trim()}`.replace(/\s+/gu, ' '),
    creator: doc.issuingBody.trim(),
    theme: { fonts: { headings: FONT, body: FONT } },
    styles: {
      default: {
        document: {
          run: { font: fonts, size: pt(13), language: { value: 'vi-VN', eastAsia: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [main, ...annexes],
  });
}

/** Tệp .docx của văn bản. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocument(doc));
}

/** Bỏ dấu tiếng Việt, chỉ giữ chữ, số và gạch nối; rỗng khi không còn gì (cả tên được cắt ở 120 ký tự bên dưới). */
const asciiPart = (text: string) => fileSlug(text, Infinity, '');

/** Tên tệp an toàn (ASCII), ví dụ "quyet-dinh-90-qd-ubnd-2022-01-25.docx". */
export function docxFileName(doc: OfficialDocument): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${doc.date.year}-${pad(doc.date.month)}-${pad(doc.date.day)}`;
  const parts = [asciiPart(doc.type), asciiPart(doc.number ?? '') || 'chua-so', asciiPart(doc.symbol), date];
  const name = parts
    .filter((p) => p.length > 0)
    .join('-')
    .slice(0, 120)
    .replace(/-+$/u, '');
  return `${name || 'van-ban'}.docx`;
}
