/** Vietnamese text helpers: diacritic-insensitive search keys and Vietnamese collation. Pure. */
import { DATE_YEARS } from './limits.ts';

/** Lower-case, strip diacritics (including đ/Đ → d), collapse spaces: "Công an huyện Cù Lao Dung" → "cong an huyen cu lao dung". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs (diacritics and case ignored) in the text. */
export function matchesSearch(text: string, query: string): boolean {
  const key = searchKey(text);
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .every((w) => key.includes(w));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compare two strings in Vietnamese order (Đ after D, tones after the base letter). */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A file name part in ASCII from Vietnamese text: "Xếp hạng năm 2023 — Cù Lao Dung" →
 * "xep-hang-nam-2023-cu-lao-dung" (lower case, diacritics and đ removed, other characters as "-"),
 * at most `max` characters; `fallback` when nothing is left. */
export function fileSlug(text: string, max = 80, fallback = 'tep'): string {
  const slug = searchKey(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || fallback;
}

export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}

/** dd/mm/yyyy for an ISO date string (yyyy-mm-dd…) or a Date. */
export function formatDateVi(value: string | Date): string {
  const iso = typeof value === 'string' ? value : value.toISOString();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return String(value);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "HH:mm dd/mm/yyyy" of an instant, in Vietnam's time zone (Asia/Ho_Chi_Minh). */
export function formatDateTimeVi(at: string | Date): string {
  const p = Object.fromEntries(
    VN_TIME.formatToParts(typeof at === 'string' ? new Date(at) : at).map((x) => [x.type, x.value]),
  );
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** Parse dd/mm/yyyy (or d/m/yyyy) or yyyy-mm-dd into yyyy-mm-dd; null when not a real date of the
 * years accepted everywhere (DATE_YEARS, 1900–2100). */
export function parseDateVi(text: string): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return null;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  }
  if (y < DATE_YEARS.min || y > DATE_YEARS.max) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The text with its first letter in lower case ("Quý I năm 2022" → "quý I năm 2022"), the rest as is. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}
