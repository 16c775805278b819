/** Reading a published table's layout (pure): title rows above the table, a header over one or two
 * rows (a merged group over its sub-columns; in CSV the group label in its first column and empty
 * cells after it), row-number columns ("STT", "TT", "Số TT") wherever they stand, the label column
 * (the first other column holding mostly text), group rows ("I. KHỐI SỞ"), summary rows, and tables
 * whose value columns are only years (units or years in columns), which are transposed. */
import { scaleDecimal, parseDecimal, type Hundredths } from '../points.ts';
import { searchKey } from '../text.ts';
import { looksNumeric, onlyYear, yearIn } from './cells.ts';

export type Role = 'component' | 'max' | 'total' | 'index' | 'rank' | 'change' | 'ignored';

/** A merged range of the sheet (1-based, inclusive), as the spreadsheet reader passes it on. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ReadColumn {
  /** The header as one text: "Điểm thẩm định", "Năm 2023 — Chỉ số". */
  label: string;
  role: Role;
  /** The year the column belongs to ("2023"), when the header names one (never for a change). */
  period: string | null;
  /** The group header above the column (two-row headers), or "". */
  group: string;
  /** Maximum printed in the header ("(65)"), in hundredths. */
  headerMax: Hundredths | null;
  /** For a `max` column: the position (in columns) of the component it bounds; -1 for the total. */
  of: number;
  /** A change of rank ("Tăng/giảm bậc"): not checked. */
  rankChange: boolean;
  /** For a change column: the earlier year it names ("so với năm 2022"). */
  since: string | null;
}

export interface ReadRow {
  label: string;
  /** The cells under `columns`, in the same order. */
  cells: string[];
  /** Rows after the n-th group row ("I. KHỐI SỞ, NGÀNH") have section n: ranks are checked within it. */
  section: number;
}

export interface ReadTable {
  labelHeader: string;
  columns: ReadColumn[];
  rows: ReadRow[];
  /** Units (or years) were in columns; the table was turned. */
  transposed: boolean;
  /** Every row is a year (of one unit): rows are not ranked against each other. */
  rowsArePeriods: boolean;
  /** Rows left out, with the reason (summary rows). */
  skipped: { label: string; message: string }[];
}

const ROW_NUMBER = /^(stt|tt|so tt|s\.tt|so thu tu|#|no\.?)$/;
const LABEL_HEADER =
  /^(don vi|ten don vi|ten|tinh|tinh, thanh pho|tinh\/thanh pho|dia phuong|huyen|xa|co quan|noi dung|linh vuc|tieu chi|nam|ky|bo, nganh|so, nganh)\b/;
const SUMMARY_ROW = /^(binh quan|trung binh|tong cong|ca nuoc|chi so trung binh)\b/; // first letters b, t, c

const ROLE_PATTERNS: [Role, RegExp][] = [
  ['change', /^(tang\/giam|tang, giam|tang giam|tang \/ giam|tang \(\+\)|so voi|change|delta|bien dong)/],
  ['max', /^(diem toi da|toi da|diem chuan|thang diem|max\b)/],
  ['total', /^(tong diem|tong cong|tong so diem|tong|total|diem tong)\b/],
  ['index', /^(chi so|index|par index|ty le|ti le|%$)/],
  ['rank', /^(xep hang|thu hang|hang|thu tu xep hang|vi tri|rank|ranking)\b/],
  ['ignored', /^(ghi chu|xep loai|phan loai|muc xep loai|ma|ma don vi|note|notes|remark|remarks)\b/],
];
/** Sub-headers that say "the points" of their group: the column takes the group's name. */
const POINTS_WORD = /^(diem|diem dat|diem dat duoc|so diem|ket qua|diem thuc te|diem tham dinh)$/;

function roleOf(text: string): Role {
  const key = searchKey(text);
  for (const [role, re] of ROLE_PATTERNS) if (re.test(key)) return role;
  return 'component';
}

function headerMaxOf(text: string): Hundredths | null {
  const m = /\(\s*(?:toi da\s*|max\.?\s*)?([0-9]+(?:[.,][0-9]+)?)\s*(?:diem|d)?\s*\)/.exec(searchKey(text));
  const d = m ? parseDecimal(m[1]!) : null;
  return d ? scaleDecimal(d, 2) : null;
}

/** The merged ranges applied: every cell of a range holds its first cell's value (readers that do
 * not repeat it leave the others empty). */
function fillMerges(m: string[][], merges: readonly MergedRange[]): void {
  for (const r of merges) {
    const v = m[r.top - 1]?.[r.left - 1] ?? '';
    if (v === '') continue;
    for (let i = r.top - 1; i < Math.min(r.bottom, m.length); i++) {
      const row = m[i]!;
      for (let j = r.left - 1; j < r.right; j++) if (!row[j]) row[j] = v;
    }
  }
}

const distinct = (row: string[]) => new Set(row.filter((c) => c !== '')).size;

/** A second header row: text only (or years), under a first row that groups columns. */
function isSubHeader(h0: string[], h1: string[]): boolean {
  if (h1.filter((c) => c !== '').length < 2) return false;
  if (h1.some((c) => looksNumeric(c))) return false;
  for (let c = 1; c < Math.max(h0.length, h1.length); c++) {
    const a = h0[c] ?? '';
    const below = h1[c] ?? '';
    if (below === '') continue;
    if (a === '' && h0.slice(0, c).some((x) => x !== '')) return true;
    if (a !== '' && a === (h0[c - 1] ?? '') && below !== (h1[c - 1] ?? '')) return true;
  }
  return false;
}

interface Header {
  group: string;
  sub: string;
}

function headers(h0: string[], h1: string[] | null, width: number): Header[] {
  const out: Header[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const top = h0[c] ?? '';
    const sub = h1?.[c] ?? '';
    if (top !== '') carried = top;
    const group = top !== '' ? top : h1 && sub !== '' ? carried : '';
    if (top === '' && sub === '') carried = '';
    out.push({ group, sub: sub === group ? '' : sub });
  }
  return out;
}

const headerText = (h: Header) => (h.sub === '' ? h.group : h.group === '' ? h.sub : `${h.group} — ${h.sub}`);

function isRowNumber(h: Header): boolean {
  return ROW_NUMBER.test(searchKey(h.sub || h.group));
}

/** The first column (not a row number) headed as a label, or holding mostly text. */
function labelColumn(hs: Header[], data: string[][], skip: Set<number>): number {
  const candidates = hs.map((_, c) => c).filter((c) => !skip.has(c));
  const sample = data.slice(0, 200);
  for (const c of candidates) {
    if (LABEL_HEADER.test(searchKey(hs[c]!.sub || hs[c]!.group))) return c;
    let text = 0;
    let numbers = 0;
    for (const r of sample) {
      const v = r[c] ?? '';
      if (v === '') continue;
      if (looksNumeric(v)) numbers++;
      else text++;
    }
    if (text > numbers) return c;
  }
  return candidates[0] ?? 0;
}

function column(h: Header): ReadColumn {
  const label = headerText(h);
  const subRole = h.sub === '' ? null : roleOf(h.sub);
  const groupRole = roleOf(h.group);
  const subGeneric = h.sub === '' || onlyYear(h.sub) !== null || POINTS_WORD.test(searchKey(h.sub));
  let role: Role;
  if (subRole === null) role = groupRole;
  else if (subRole === 'component' && subGeneric) role = groupRole;
  else if (subRole === 'component' && groupRole !== 'component' && onlyYear(h.group) === null)
    role = groupRole;
  else role = subRole;
  const key = searchKey(label);
  const rankChange = role === 'change' && /\b(bac|hang|thu hang|vi tri)\b/.test(key);
  const period = role === 'change' ? null : (yearIn(h.sub) ?? yearIn(h.group));
  const since = role === 'change' ? yearIn(label) : null;
  // a component whose sub-header only says "points" (or a year) is named by its group
  const name = role === 'component' && subGeneric && h.group !== '' && !onlyYear(h.group) ? h.group : label;
  return {
    label: name.trim(),
    role,
    period,
    group: h.group,
    headerMax: role === 'component' ? headerMaxOf(label) : null,
    of: -1,
    rankChange,
    since,
  };
}

export interface ReadOptions {
  transpose?: boolean;
  merges?: readonly MergedRange[];
}

export function readTable(matrix: string[][], opts: ReadOptions = {}): ReadTable | null {
  let m = matrix.map((r) => r.map((c) => (c ?? '').toString().trim()));
  if (opts.merges?.length) fillMerges(m, opts.merges);
  m = m.filter((r) => r.some((c) => c !== ''));
  // title lines above the table ("BẢNG XẾP HẠNG …", merged across it)
  while (m.length > 2 && distinct(m[0]!) <= 1 && distinct(m[1]!) >= 2) m = m.slice(1);
  if (m.length < 2) return null;
  const two = m.length >= 3 && isSubHeader(m[0]!, m[1]!);
  let width = 0;
  for (const r of m) if (r.length > width) width = r.length;
  const hs = headers(m[0]!, two ? m[1]! : null, width);
  const data = m.slice(two ? 2 : 1);
  const rowNumbers = new Set(hs.map((h, c) => (isRowNumber(h) ? c : -1)).filter((c) => c >= 0));
  const labelAt = labelColumn(hs, data, rowNumbers);
  const valueAt = hs.map((_, c) => c).filter((c) => c !== labelAt && !rowNumbers.has(c));
  const labelHeader = headerText(hs[labelAt] ?? { group: '', sub: '' });
  const yearsOnly = valueAt.length > 0 && valueAt.every((c) => onlyYear(headerText(hs[c]!)) !== null);
  if (opts.transpose || yearsOnly) {
    // units (or years) in columns: one row per value column, one column per row of the table
    const turned = [
      [labelHeader, ...valueAt.map((c) => headerText(hs[c]!))],
      ...data.map((r) => [r[labelAt] ?? '', ...valueAt.map((c) => r[c] ?? '')]),
    ];
    const flipped = turned[0]!.map((_, c) => turned.map((r) => r[c] ?? ''));
    const t = layout(
      flipped[0]!.map((g) => ({ group: g, sub: '' })),
      flipped.slice(1),
      0,
    );
    return { ...t, transposed: true };
  }
  return { ...layout(hs, data, labelAt, rowNumbers), transposed: false };
}

function layout(
  hs: Header[],
  data: string[][],
  labelAt: number,
  rowNumbers: Set<number> = new Set(),
): Omit<ReadTable, 'transposed'> {
  const valueAt = hs.map((_, c) => c).filter((c) => c !== labelAt && !rowNumbers.has(c));
  const columns = valueAt.map((c) => column(hs[c]!));
  columns.forEach((col, k) => {
    if (col.role !== 'max') return;
    const prev = columns[k - 1];
    col.of = prev && prev.role === 'component' && prev.group === col.group ? k - 1 : -1;
    if (col.of >= 0) col.period = prev!.period;
  });
  const rows: ReadRow[] = [];
  const skipped: ReadTable['skipped'] = [];
  let section = 0;
  for (const r of data) {
    const cells = valueAt.map((c) => r[c] ?? '');
    const label = r[labelAt] ?? '';
    if (cells.every((c) => c === '')) {
      // a group row ("I. KHỐI SỞ, NGÀNH"): ranks start again under it
      section++;
      continue;
    }
    if (/^(b|t|c)/iu.test(label) && SUMMARY_ROW.test(searchKey(label))) {
      skipped.push({ label, message: 'Dòng tổng hợp (bình quân, tổng cộng) không được kiểm tra.' });
      continue;
    }
    rows.push({ label: label || `(dòng ${rows.length + 1})`, cells, section });
  }
  const rowsArePeriods = rows.length > 0 && rows.every((r) => onlyYear(r.label) !== null);
  return {
    labelHeader: headerText(hs[labelAt] ?? { group: '', sub: '' }),
    columns,
    rows,
    rowsArePeriods,
    skipped,
  };
}
