/**
 * Mô hình văn bản hành chính theo Nghị định 30/2020/NĐ-CP (thể thức và kỹ thuật trình bày).
 * Thuần dữ liệu: không I/O; phần dựng tệp .docx nằm ở apps/server.
 */

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const RECIPIENTS_LABEL = 'Nơi nhận:';
export const ANNEX_LABEL = 'PHỤ LỤC';

export interface DocumentDate {
  day: number;
  month: number;
  year: number;
}

export type TextAlign = 'left' | 'center' | 'right';

export interface TableColumn {
  title: string;
  /** Độ rộng tương đối so với các cột khác (mặc định 1). */
  width?: number;
  align?: TextAlign;
}

export type Block =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean }
  | { kind: 'numbered'; label: string /* ví dụ "Điều 1." */; text: string }
  | { kind: 'bullets'; items: string[] }
  | {
      kind: 'table';
      columns: TableColumn[];
      rows: string[][];
      /** Dòng in đậm, theo chỉ số dòng của `rows`. */
      rowBold?: boolean[];
    };

export interface Signature {
  /** Ví dụ "TM. ỦY BAN NHÂN DÂN". */
  authority?: string;
  /** "CHỦ TỊCH", hoặc nhiều dòng: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" / ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
  position: string | string[];
  name: string;
  /** Cấp hàm (nếu có), đứng trước họ tên. */
  rank?: string;
}

export interface Annex {
  /** Dòng nhãn trên tên phụ lục; mặc định "PHỤ LỤC" (đánh số La Mã khi có nhiều phụ lục); chuỗi rỗng:
   * không in nhãn (đề cương kèm theo kế hoạch in thẳng tên "ĐỀ CƯƠNG BÁO CÁO"). */
  label?: string;
  title: string;
  subtitle?: string;
  landscape?: boolean;
  body: Block[];
}

export interface OfficialDocument {
  /** Tên cơ quan chủ quản, ví dụ "UBND TỈNH SÓC TRĂNG". */
  issuingParent?: string;
  /** Tên cơ quan ban hành, ví dụ "UBND HUYỆN CÙ LAO DUNG". */
  issuingBody: string;
  /** Số văn bản; để trống khi chưa cấp số. */
  number?: string;
  /** Ký hiệu, ví dụ "QĐ-UBND". */
  symbol: string;
  /** Địa danh, ví dụ "Cù Lao Dung". */
  place: string;
  date: DocumentDate;
  /** Tên loại văn bản, ví dụ "QUYẾT ĐỊNH". */
  type: string;
  /** Trích yếu nội dung. */
  summary: string;
  /** Công văn (NĐ 30, Phụ lục I mục II.5): không có tên loại; trích yếu "V/v …" in dưới số, ký hiệu;
   * "Kính gửi:" trước nội dung. */
  form?: 'standard' | 'cong_van';
  /** Nơi gửi của công văn ("Kính gửi: …"), mỗi mục một dòng. */
  addressees?: string[];
  /** Các căn cứ ban hành (in nghiêng). */
  preamble?: string[];
  /** Thẩm quyền ban hành, ví dụ "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG". */
  issuerLine?: string;
  /** Ví dụ "QUYẾT ĐỊNH:". */
  decisionWord?: string;
  body: Block[];
  /** Nơi nhận. */
  recipients: string[];
  signature: Signature;
  annexes: Annex[];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "Số: 90/QĐ-UBND", hoặc "Số:      /QĐ-UBND" khi chưa có số. */
export function numberAndSymbol(doc: Pick<OfficialDocument, 'number' | 'symbol'>): string {
  const number = doc.number?.trim();
  return number ? `Số: ${number}/${doc.symbol}` : `Số:      /${doc.symbol}`;
}

/** Trích yếu của công văn: "V/v …" (thêm "V/v " khi chưa có). */
export function congVanSummary(summary: string): string {
  const t = summary.trim();
  return /^v\/v\b/iu.test(t) ? `V/v${t.slice(3)}` : `V/v ${t}`;
}

/** "Kính gửi: X." khi một nơi gửi; "Kính gửi:" rồi "- X;" … "- Y." khi nhiều nơi. */
export function addresseeLines(addressees: readonly string[]): string[] {
  const items = addressees.map((a) => a.trim().replace(/[;.,]+$/u, '')).filter(Boolean);
  if (items.length <= 1) return [`Kính gửi: ${items[0] ?? ''}${items.length ? '.' : ''}`.trim()];
  return ['Kính gửi:', ...items.map((a, i) => `- ${a}${i === items.length - 1 ? '.' : ';'}`)];
}

/** Ngày, tháng theo NĐ 30: ngày nhỏ hơn 10 và tháng 1, 2 thêm số 0 phía trước. */
export function formatVnDate(date: DocumentDate): string {
  const day = date.day < 10 ? pad2(date.day) : String(date.day);
  const month = date.month < 3 ? pad2(date.month) : String(date.month);
  return `ngày ${day} tháng ${month} năm ${date.year}`;
}

/** "Cù Lao Dung, ngày 25 tháng 01 năm 2022". */
export function placeAndDate(doc: Pick<OfficialDocument, 'place' | 'date'>): string {
  return `${doc.place}, ${formatVnDate(doc.date)}`;
}

/** Các dòng chức vụ người ký (tách theo xuống dòng). */
export function signaturePositionLines(signature: Signature): string[] {
  const lines = Array.isArray(signature.position) ? signature.position : [signature.position];
  return lines
    .flatMap((line) => line.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Họ tên người ký, kèm cấp hàm nếu có. */
export function signatureNameLine(signature: Signature): string {
  const rank = signature.rank?.trim();
  return rank ? `${rank} ${signature.name.trim()}` : signature.name.trim();
}

/** Các dòng "Nơi nhận": "- item;" và dòng cuối kết thúc bằng dấu chấm. */
export function recipientLines(doc: Pick<OfficialDocument, 'recipients'>): string[] {
  const items = doc.recipients.map((r) => r.trim().replace(/[;.,]+$/u, '')).filter((r) => r.length > 0);
  return items.map((item, i) => `- ${item}${i === items.length - 1 ? '.' : ';'}`);
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(n: number): string {
  let rest = Math.floor(n);
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** "PHỤ LỤC" khi chỉ có một phụ lục; "PHỤ LỤC I", "PHỤ LỤC II"… khi có nhiều. */
export function annexLabel(index: number, count: number): string {
  return count > 1 ? `${ANNEX_LABEL} ${toRoman(index + 1)}` : ANNEX_LABEL;
}

function isValidDate(date: DocumentDate | undefined): boolean {
  if (!date) return false;
  const { day, month, year } = date;
  if (![day, month, year].every((n) => Number.isInteger(n))) return false;
  if (year < 1945 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function blockErrors(blocks: Block[], where: string): string[] {
  const errors: string[] = [];
  blocks.forEach((block, i) => {
    if (block.kind !== 'table') return;
    if (block.columns.length === 0) {
      errors.push(`${where}: bảng thứ ${i + 1} chưa có cột.`);
      return;
    }
    block.rows.forEach((row, r) => {
      if (row.length > block.columns.length) {
        errors.push(
          `${where}: bảng thứ ${i + 1}, dòng ${r + 1} có ${row.length} ô, nhiều hơn số cột (${block.columns.length}).`,
        );
      }
    });
  });
  return errors;
}

/** Kiểm tra thể thức tối thiểu; trả về danh sách lỗi (rỗng khi hợp lệ). */
export function validateDocument(doc: OfficialDocument): string[] {
  const errors: string[] = [];
  if (!doc.issuingBody?.trim()) errors.push('Thiếu tên cơ quan, tổ chức ban hành văn bản.');
  if (!doc.symbol?.trim()) errors.push('Thiếu ký hiệu văn bản.');
  if (doc.number !== undefined && doc.number.trim() !== '' && !/^\d+$/u.test(doc.number.trim())) {
    errors.push('Số văn bản phải là số Ả Rập.');
  }
  if (!doc.place?.trim()) errors.push('Thiếu địa danh.');
  if (!isValidDate(doc.date)) errors.push('Ngày, tháng, năm ban hành không hợp lệ.');
  if (!doc.type?.trim()) errors.push('Thiếu tên loại văn bản.');
  if (!doc.summary?.trim()) errors.push('Thiếu trích yếu nội dung văn bản.');
  if (!doc.body || doc.body.length === 0) errors.push('Văn bản chưa có nội dung.');
  else errors.push(...blockErrors(doc.body, 'Nội dung'));
  if (!doc.recipients || doc.recipients.every((r) => !r.trim())) errors.push('Thiếu nơi nhận.');
  if (!doc.signature || signaturePositionLines(doc.signature).length === 0) {
    errors.push('Thiếu chức vụ của người ký.');
  }
  if (!doc.signature?.name?.trim()) errors.push('Thiếu họ và tên người ký.');
  (doc.annexes ?? []).forEach((annex, i) => {
    const where = `Phụ lục ${i + 1}`;
    if (!annex.title?.trim()) errors.push(`${where}: thiếu tên phụ lục.`);
    if (!annex.body || annex.body.length === 0) errors.push(`${where}: chưa có nội dung.`);
    else errors.push(...blockErrors(annex.body, where));
  });
  return errors;
}

/** Các dòng văn bản của một khối, theo thứ tự hiển thị. */
export function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'numbered':
      return [`${block.label} ${block.text}`];
    case 'bullets':
      return block.items.map((item) => `- ${item}`);
    case 'table':
      return [block.columns.map((c) => c.title).join(' | '), ...block.rows.map((row) => row.join(' | '))];
  }
}

/** Dàn ý: các dòng văn bản theo đúng thứ tự xuất hiện trong văn bản (kể cả phụ lục). */
export function documentOutline(doc: OfficialDocument): string[] {
  const lines: string[] = [];
  if (doc.issuingParent?.trim()) lines.push(doc.issuingParent.trim());
  lines.push(doc.issuingBody.trim());
  lines.push(NATIONAL_TITLE, NATIONAL_MOTTO);
  lines.push(numberAndSymbol(doc));
  if (doc.form === 'cong_van') lines.push(congVanSummary(doc.summary));
  lines.push(placeAndDate(doc));
  if (doc.form === 'cong_van') lines.push(...addresseeLines(doc.addressees ?? []));
  else {
    lines.push(doc.type.trim());
    lines.push(doc.summary.trim());
  }
  if (doc.issuerLine?.trim()) lines.push(doc.issuerLine.trim());
  for (const line of doc.preamble ?? []) lines.push(line);
  if (doc.decisionWord?.trim()) lines.push(doc.decisionWord.trim());
  for (const block of doc.body) lines.push(...blockLines(block));
  lines.push(RECIPIENTS_LABEL, ...recipientLines(doc));
  if (doc.signature.authority?.trim()) lines.push(doc.signature.authority.trim());
  lines.push(...signaturePositionLines(doc.signature));
  lines.push(signatureNameLine(doc.signature));
  doc.annexes.forEach((annex, i) => {
    const label = annex.label ?? annexLabel(i, doc.annexes.length);
    if (label.trim()) lines.push(label.trim());
    lines.push(annex.title);
    if (annex.subtitle?.trim()) lines.push(annex.subtitle.trim());
    for (const block of annex.body) lines.push(...blockLines(block));
  });
  return lines;
}
