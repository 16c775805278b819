/** Limits and character rules for what people type or import, defined once. The contracts (HTTP
 * schemas) build their text and date fields from these, and the importers (unit tree, framework
 * JSON/Excel, results) apply the same checks, so a value refused by an edit is refused by an import
 * too. Every message is Vietnamese. Pure. */

/** Maximum lengths (characters, after trimming) and nesting bounds. */
export const LIMITS = {
  unitCode: 40,
  unitName: 300,
  shortName: 100,
  username: 50,
  fullName: 200,
  email: 254,
  password: 200,
  /** A reason given for a change (audit trail). */
  reason: 1000,
  /** An appraiser's reason or supplementation request. */
  longReason: 2000,
  answer: 5000,
  note: 10_000,
  /** Decision reference in a reorganisation ("Nghị quyết số …"). */
  decision: 300,
  decisionNumber: 100,
  cycleName: 300,
  fileName: 200,
  search: 200,
  /** What is typed for one criterion ("7,5", "45/50", "Có"). */
  input: 200,
  locator: 300,
  /** An official document backing a self-assessment: number and symbol, issuer, summary. */
  documentNumber: 100,
  issuer: 300,
  summary: 2000,
  frameworkCode: 50,
  frameworkName: 300,
  criterionCode: 50,
  criterionTitle: 1000,
  guidance: 10_000,
  /** Labels of levels and bands, legal bases, unit kinds in a framework. */
  label: 1000,
  frameworkNotes: 10_000,
  /** Levels of criteria: a field is level 1, its criteria level 2, … */
  criteriaDepth: 8,
  /** Nesting of arrays and objects in any JSON document received (request bodies, imported files). */
  jsonDepth: 64,
} as const;

/** Earliest and latest years accepted in a date. */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/* Characters refused in text: C0 and C1 control characters (tab, line feed and carriage return are
 * allowed in multi-line text only), DEL, lone surrogates, and the bidirectional marks, embeddings,
 * overrides and isolates that make a name display differently from what it is (U+202E turns
 * "gpj.exe" into "exe.jpg"). */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const FORBIDDEN_LINE = new RegExp(`[\\p{Cc}\\p{Cs}${BIDI}]`, 'u');
const FORBIDDEN_MULTILINE = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\p{Cs}${BIDI}]`,
  'u',
);

/** "U+202E" for the first refused character of `text`, or null when there is none. */
export function forbiddenCharIn(text: string, multiline = false): string | null {
  const m = (multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_LINE).exec(text);
  if (!m) return null;
  const cp = m[0].codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface TextRule {
  /** What the value is, capitalised, as the message names it ("Tên đơn vị"). */
  label: string;
  max: number;
  /** Minimum length after trimming (0: may be empty). */
  min?: number;
  /** Line breaks and tabs allowed (notes, reasons, answers). */
  multiline?: boolean;
}

/** The Vietnamese reason why `value` breaks the rule, or null when it is acceptable. Length is
 * counted after trimming, in UTF-16 units as zod's max() counts (Vietnamese letters in NFC are one
 * unit each). */
export function textProblem(value: string, rule: TextRule): string | null {
  const bad = forbiddenCharIn(value, rule.multiline);
  if (bad)
    return `${rule.label} chứa ký tự không được phép (${bad}: ký tự điều khiển hoặc ký tự đảo chiều văn bản); hãy xóa ký tự đó.`;
  const t = value.trim();
  const length = t.length;
  if (length > rule.max) return `${rule.label} quá dài (tối đa ${rule.max} ký tự).`;
  const min = rule.min ?? 0;
  if (min > 0 && length === 0) return `${rule.label} không được để trống.`;
  if (length < min) return `${rule.label} quá ngắn (tối thiểu ${min} ký tự).`;
  return null;
}

/** A short, printable quotation of user input for a message: refused characters shown as U+XXXX,
 * cut at `max` characters. */
export function quoteInput(text: string, max = 40): string {
  const chars = [...text];
  const shown = chars
    .slice(0, max)
    .map((c) => forbiddenCharIn(c) ?? c)
    .join('');
  return `“${shown}${chars.length > max ? '…' : ''}”`;
}

/** yyyy-mm-dd that names a real day of the calendar between DATE_YEARS. */
export function isRealIsoDate(text: string): boolean {
  return isoDateProblem(text) === null;
}

/** Why `text` is not an acceptable ISO date (yyyy-mm-dd, a real day, years 1900–2100), or null. */
export function isoDateProblem(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return 'Ngày phải có dạng yyyy-mm-dd.';
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < DATE_YEARS.min || y > DATE_YEARS.max)
    return `Ngày ${quoteInput(text)} nằm ngoài khoảng năm ${DATE_YEARS.min}–${DATE_YEARS.max}.`;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
    return `Ngày ${quoteInput(text)} không có thật trong lịch.`;
  return null;
}

/** True when arrays and objects in `value` nest deeper than `limit` (checked without recursion, so a
 * value nested 100 000 levels deep is answered, not a stack overflow). */
export function jsonDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** True when the JSON text nests arrays and objects deeper than `limit`, judged on the raw text
 * before parsing (strings skipped), in one pass. */
export function jsonTextDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
