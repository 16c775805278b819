/** Reading the cells of a published table as officials write them: "7,82 điểm", "84,58%", "7,82/8",
 * "+5,04", "giảm 1,2", "Hạng 3", "3/63" are numbers; "-", "x", "KAD", "không áp dụng" mean not
 * applicable; an empty cell is missing. Pure. */
import { parseDecimal, type Decimal } from '../points.ts';
import { searchKey } from '../text.ts';

export type CellValue =
  | { kind: 'number'; value: Decimal; max: Decimal | null }
  | { kind: 'na' }
  | { kind: 'empty' }
  | { kind: 'bad'; text: string; maxText?: string };

const NA = new Set(['-', '–', '—', 'x', 'kad', 'k.a.d', 'k.a.d.', 'khong ap dung', 'kap', 'n/a', 'na', '/']);

/** A cell that says "not applicable". */
export function isNotApplicable(text: string): boolean {
  // numbers are by far the most frequent cells: never normalised
  if (text.length > 16 || /^[+\-−]?\d/.test(text)) return false;
  return NA.has(searchKey(text));
}

/** Strip the unit words around a number: "7,82 điểm", "84,58 %", "84,58%". */
function bare(text: string): string {
  return text
    .replace(/\s*(điểm|đ|%)\s*$/iu, '')
    .replace(/^\s*(điểm)\s*/iu, '')
    .trim();
}

/** A number as printed in a table cell ("7,82 điểm", "84,58%", "−0,5"); null when it is not one. */
export function readDecimal(text: string): Decimal | null {
  const t = bare(text);
  return t === '' ? null : parseDecimal(t);
}

/** A points cell: "7,82", "7,82 điểm", "7,82/8" (points over their maximum). */
export function readPoints(text: string): CellValue {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (isNotApplicable(t)) return { kind: 'na' };
  const slash = t.includes('/') ? /^(.*?)\s*\/\s*(.*)$/.exec(t) : null;
  if (slash) {
    const value = readDecimal(slash[1]!);
    const max = readDecimal(slash[2]!);
    if (!value) return { kind: 'bad', text: slash[1]! };
    if (!max) return { kind: 'bad', text: t, maxText: slash[2]! };
    return { kind: 'number', value, max };
  }
  const value = readDecimal(t);
  return value ? { kind: 'number', value, max: null } : { kind: 'bad', text: t };
}

/** A stated change: "+5,04", "-1", "tăng 5,04", "giảm 1,2 điểm" (a "giảm" makes it negative). */
export function readChange(text: string): CellValue {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (isNotApplicable(t)) return { kind: 'na' };
  const word = /^(tăng|giảm)\s*/iu.exec(t.normalize('NFC'));
  const rest = word ? t.normalize('NFC').slice(word[0].length) : t;
  const d = readDecimal(rest.replace(/^\+/, ''));
  if (!d) return { kind: 'bad', text: t };
  const negative = word?.[1]?.toLowerCase() === 'giảm' && d.mantissa > 0;
  return { kind: 'number', value: negative ? { ...d, mantissa: -d.mantissa } : d, max: null };
}

/** A stated rank: "3", "Hạng 3", "thứ 3", "3/63". */
export function readRank(text: string): CellValue {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (isNotApplicable(t)) return { kind: 'na' };
  const d = parseDecimal(
    t
      .replace(/^(hạng|thứ|xếp thứ|xếp hạng)\s*/iu, '')
      .replace(/\s*\/.*$/, '')
      .trim(),
  );
  if (!d || d.decimals > 0 || d.mantissa < 1) return { kind: 'bad', text: t };
  return { kind: 'number', value: d, max: null };
}

const YEAR_RE = /^(?:nam\s*)?((?:19|20)\d\d)$/;

/** The year a header or label is and nothing else: "Năm 2020", "2021" → "2020", "2021". */
export function onlyYear(text: string): string | null {
  return YEAR_RE.exec(searchKey(text))?.[1] ?? null;
}

/** The year a header names anywhere ("Chỉ số năm 2023", "Xếp hạng 2022"). */
export function yearIn(text: string): string | null {
  return /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(text)?.[1] ?? null;
}

/** A cell that reads as a number (not a year on its own): for telling header rows and label columns
 * from data. */
export function looksNumeric(text: string): boolean {
  if (text === '' || onlyYear(text)) return false;
  const v = readPoints(text);
  return v.kind === 'number';
}
