/**
 * Quyết định ban hành Bộ tiêu chí: văn bản theo thể thức NĐ 30/2020/NĐ-CP dựng từ định nghĩa bộ tiêu
 * chí. Phần thân gồm căn cứ (từ `legalBasis`), Điều 1–3; phụ lục khổ ngang là bảng tiêu chí (mã, tên,
 * điểm tối đa, quy tắc chấm, tài liệu kiểm chứng) và bảng xếp loại. Thuần dữ liệu: không I/O.
 */
import {
  FILL_IN,
  formatPoints,
  isExampleBasis,
  formatRule,
  formatVnDate,
  type Block,
  type Criterion,
  type DocumentDate,
  type Framework,
  type OfficialDocument,
} from '@chiso/domain';
import { todayVn } from '../../lib/dates.ts';

export interface DocumentSigner {
  /** Ví dụ "TM. ỦY BAN NHÂN DÂN". */
  authority?: string;
  /** "CHỦ TỊCH", hoặc "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH". */
  position: string | string[];
  name: string;
  rank?: string;
}

export interface DocumentMeta {
  issuingParent?: string;
  issuingBody: string;
  /** Ký hiệu, ví dụ "QĐ-UBND". */
  symbol: string;
  /** Để trống khi chưa cấp số. */
  number?: string;
  place: string;
  date: DocumentDate;
  signer: DocumentSigner;
  recipients?: string[];
  /** Thẩm quyền ban hành; mặc định suy ra từ chức vụ người ký và tên cơ quan. */
  issuerLine?: string;
}

/** Thông tin văn bản có thể thiếu; phần thiếu được điền mặc định. */
export type DocumentMetaInput = Partial<Omit<DocumentMeta, 'signer'>> & { signer?: Partial<DocumentSigner> };

/** Chỗ trống để điền tay khi chưa có thông tin (không bao giờ in một tên giữ chỗ). */
export const BLANK = FILL_IN;
/** Tên cơ quan ban hành khi chưa biết đơn vị ban hành: dòng để điền tay. */
export const DEFAULT_ISSUING_BODY = BLANK;

/** Ngày hôm nay theo giờ Việt Nam. */
export function todayVnDate(now = new Date()): DocumentDate {
  const [year, month, day] = todayVn(now).split('-').map(Number) as [number, number, number];
  return { day, month, year };
}

/** Chữ cái đầu của mỗi từ, viết hoa ("CÔNG AN HUYỆN" → "CAH", "ĐOÀN" → "Đ"). */
export function initials(text: string): string {
  return text
    .split(/[\s,.;:()–—-]+/u)
    .filter((w) => w.length > 0)
    .map((w) => {
      const first = w.normalize('NFC')[0]!.toLocaleUpperCase('vi');
      return first === 'Đ' ? 'Đ' : first.normalize('NFD')[0]!;
    })
    .filter((c) => /[A-ZĐ0-9]/u.test(c))
    .join('');
}

/** Ký hiệu mặc định: "QĐ-" + viết tắt tên cơ quan. */
export function defaultSymbol(typeAbbrev: string, issuingBody: string): string {
  const abbrev = initials(issuingBody);
  return abbrev ? `${typeAbbrev}-${abbrev}` : typeAbbrev;
}

/** Điền các giá trị mặc định cho thông tin văn bản. */
export function resolveMeta(input: DocumentMetaInput, typeAbbrev: string, now = new Date()): DocumentMeta {
  const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const issuingBody = clean(input.issuingBody) ?? DEFAULT_ISSUING_BODY;
  const position = input.signer?.position;
  const positionOk = Array.isArray(position) ? position.some((p) => p.trim()) : Boolean(position?.trim());
  return {
    issuingParent: clean(input.issuingParent),
    issuingBody,
    symbol: clean(input.symbol) ?? defaultSymbol(typeAbbrev, issuingBody),
    number: clean(input.number),
    place: clean(input.place) ?? BLANK,
    date: input.date ?? todayVnDate(now),
    signer: {
      authority: clean(input.signer?.authority),
      position: positionOk ? position! : BLANK,
      name: clean(input.signer?.name) ?? BLANK,
      rank: clean(input.signer?.rank),
    },
    recipients: input.recipients?.map((r) => r.trim()).filter((r) => r.length > 0),
    issuerLine: clean(input.issuerLine),
  };
}

/** "KT. CHỦ TỊCH" → "CHỦ TỊCH": chức danh của người có thẩm quyền. */
function headTitle(position: string | string[]): string {
  const first = (Array.isArray(position) ? position.join('\n') : position)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (first ?? '').replace(/^(KT|TL|TUQ|TM|Q)\.\s*/u, '').toLocaleUpperCase('vi');
}

/** Thẩm quyền ban hành: tên tập thể khi ký thay mặt (TM.), ngược lại chức danh + tên cơ quan. */
export function defaultIssuerLine(meta: DocumentMeta): string {
  if (meta.issuerLine) return meta.issuerLine;
  const body = meta.issuingBody.replace(/\s*\n\s*/gu, ' ');
  if (body === BLANK) return BLANK;
  if (meta.signer.authority && /^TM\./u.test(meta.signer.authority)) return body;
  const head = headTitle(meta.signer.position);
  return head && head !== BLANK ? joinOverlapping(head, body) : body;
}

/** Ghép chức danh với tên cơ quan, bỏ phần trùng ở chỗ nối:
 * "TRƯỞNG CÔNG AN HUYỆN" + "CÔNG AN HUYỆN CÙ LAO DUNG" → "TRƯỞNG CÔNG AN HUYỆN CÙ LAO DUNG". */
export function joinOverlapping(head: string, body: string): string {
  const a = head.split(/\s+/u).filter((w) => w);
  const b = body.split(/\s+/u).filter((w) => w);
  const same = (x: string, y: string) => x.toLocaleUpperCase('vi') === y.toLocaleUpperCase('vi');
  for (let k = Math.min(a.length, b.length); k > 0; k--) {
    if (a.slice(a.length - k).every((w, i) => same(w, b[i]!))) return [...a, ...b.slice(k)].join(' ');
  }
  return [...a, ...b].join(' ');
}

const stripEnd = (s: string) => s.trim().replace(/[;.,]+$/u, '');

/** Các dòng căn cứ: "Căn cứ …;", dòng cuối kết thúc bằng dấu chấm. Dòng căn cứ đánh dấu là ví dụ
 * (`isExampleBasis`) in thành "Căn cứ …………………;" để điền tay, không in nguyên văn. */
export function preambleLines(legalBasis: string[]): string[] {
  const items = legalBasis
    .map(stripEnd)
    .filter((s) => s.length > 0)
    .map((s) => (isExampleBasis(s) ? `Căn cứ ${BLANK}` : s));
  return items.map((item, i) => {
    const text = /^(căn cứ|theo đề nghị|xét đề nghị)(?=\s|$)/iu.test(item) ? item : `Căn cứ ${item}`;
    return `${text}${i === items.length - 1 ? '.' : ';'}`;
  });
}

/** "Bộ tiêu chí …"; không lặp chữ khi tên đã bắt đầu bằng "Bộ tiêu chí" hay "Khung tiêu chí". */
export function frameworkTitle(fw: Framework): string {
  const name = fw.name.trim();
  if (/^(bộ|khung) tiêu chí(?=\s|$)/iu.test(name)) return name[0]!.toLocaleUpperCase('vi') + name.slice(1);
  return `Bộ tiêu chí ${name}`;
}

function years(fw: Framework): string {
  if (fw.yearTo === undefined || fw.yearTo === null) return `từ năm ${fw.yearFrom}`;
  if (fw.yearTo === fw.yearFrom) return `năm ${fw.yearFrom}`;
  return `từ năm ${fw.yearFrom} đến năm ${fw.yearTo}`;
}

function countLeaves(list: Criterion[]): number {
  return list.reduce((n, c) => n + (c.children?.length ? countLeaves(c.children) : 1), 0);
}

const EXAMPLE_MARK = ' (*)';

function blockNote(c: Criterion): string {
  if (c.block === 'bonus') return ' (điểm thưởng)';
  if (c.block === 'penalty') return ' (điểm trừ)';
  return '';
}

/** Bảng tiêu chí của phụ lục: một dòng cho mỗi tiêu chí (tiêu chí có tiêu chí con in đậm) và dòng tổng. */
export function criteriaTable(fw: Framework): Extract<Block, { kind: 'table' }> {
  const rows: string[][] = [];
  const rowBold: boolean[] = [];
  const visit = (c: Criterion) => {
    const isParent = (c.children?.length ?? 0) > 0;
    rows.push([
      c.code,
      `${c.title.trim()}${blockNote(c)}${c.isExample ? EXAMPLE_MARK : ''}`,
      formatPoints(c.max),
      !isParent && c.rule ? formatRule(c.rule) : '',
      c.evidenceRequired ? 'Có' : '',
    ]);
    rowBold.push(isParent);
    c.children?.forEach(visit);
  };
  fw.criteria.forEach(visit);
  rows.push(['', 'Tổng điểm tối đa', formatPoints(fw.totalMax), '', '']);
  rowBold.push(true);
  return {
    kind: 'table',
    columns: [
      { title: 'STT/Mã', width: 1.2, align: 'center' },
      { title: 'Tiêu chí', width: 6 },
      { title: 'Điểm tối đa', width: 1.3, align: 'center' },
      { title: 'Quy tắc chấm', width: 4.5 },
      { title: 'Tài liệu kiểm chứng', width: 1.6, align: 'center' },
    ],
    rows,
    rowBold,
  };
}

/** Bảng xếp loại theo Chỉ số (từ mức cao xuống mức thấp). */
export function bandsTable(fw: Framework): Extract<Block, { kind: 'table' }> {
  const bands = [...fw.bands].sort((a, b) => b.minIndex - a.minIndex);
  return {
    kind: 'table',
    columns: [
      { title: 'STT', width: 1, align: 'center' },
      { title: 'Mức xếp loại', width: 6 },
      { title: 'Chỉ số đạt từ (%)', width: 3, align: 'center' },
    ],
    rows: bands.map((b, i) => [
      String(i + 1),
      `${b.label}${b.isExample ? EXAMPLE_MARK : ''}`,
      formatPoints(b.minIndex),
    ]),
  };
}

function hasExamples(fw: Framework): boolean {
  const any = (list: Criterion[]): boolean => list.some((c) => c.isExample || any(c.children ?? []));
  return fw.isExample === true || fw.bands.some((b) => b.isExample) || any(fw.criteria);
}

/** Quyết định ban hành Bộ tiêu chí. */
export function frameworkDecision(
  fw: Framework,
  input: DocumentMetaInput = {},
  now = new Date(),
): OfficialDocument {
  const meta = resolveMeta(input, 'QĐ', now);
  const title = frameworkTitle(fw);
  const total = formatPoints(fw.totalMax);
  const body: Block[] = [
    {
      kind: 'numbered',
      label: 'Điều 1.',
      text:
        `Ban hành kèm theo Quyết định này ${title} (mã ${fw.code}), áp dụng ${years(fw)}, ` +
        `gồm ${countLeaves(fw.criteria)} tiêu chí thành phần, tổng điểm tối đa ${total} điểm.`,
    },
    {
      kind: 'numbered',
      label: 'Điều 2.',
      text: 'Quyết định này có hiệu lực kể từ ngày ký.',
    },
    {
      kind: 'numbered',
      label: 'Điều 3.',
      text: 'Thủ trưởng các cơ quan, đơn vị và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.',
    },
  ];
  const annexBody: Block[] = [criteriaTable(fw)];
  if (fw.bands.length > 0) {
    annexBody.push({ kind: 'heading', text: 'Xếp loại theo Chỉ số', level: 1 }, bandsTable(fw));
  }
  if (hasExamples(fw)) {
    annexBody.push({
      kind: 'paragraph',
      italic: true,
      text: 'Ghi chú: nội dung đánh dấu (*) chưa được đối chiếu với văn bản chính thức; cần kiểm tra, hoàn chỉnh trước khi ban hành.',
    });
  }
  const numberText = meta.number ?? '      ';
  return {
    issuingParent: meta.issuingParent,
    issuingBody: meta.issuingBody,
    number: meta.number,
    symbol: meta.symbol,
    place: meta.place,
    date: meta.date,
    type: 'QUYẾT ĐỊNH',
    summary: `Về việc ban hành ${title}`,
    preamble: preambleLines(fw.legalBasis),
    issuerLine: defaultIssuerLine(meta),
    decisionWord: 'QUYẾT ĐỊNH:',
    body,
    recipients: meta.recipients?.length ? meta.recipients : ['Như Điều 3', 'Lưu: VT'],
    signature: {
      authority: meta.signer.authority,
      position: meta.signer.position,
      name: meta.signer.name,
      rank: meta.signer.rank,
    },
    annexes: [
      {
        title: title.toLocaleUpperCase('vi'),
        subtitle: `(Kèm theo Quyết định số ${numberText}/${meta.symbol} ${formatVnDate(meta.date)})`,
        landscape: true,
        body: annexBody,
      },
    ],
  };
}
