/** Exact point values. Points are integers counting hundredths of a point (7,82 → 782): sums are
 * exact, ratios are computed in integers and rounded half-up explicitly. Never a binary float. */

/** A point value in hundredths of a point (always a safe integer). */
export type Hundredths = number;

export interface Decimal {
  /** The digits as an integer: "7,82" → 782n… stored as a number (safe for table values). */
  mantissa: number;
  /** Number of decimals printed: "7,82" → 2, "79.5" → 1, "14" → 0. */
  decimals: number;
}

const DECIMAL_RE = /^([+\-−]?)(\d{1,12})(?:[.,](\d{1,6}))?$/;

/** Parse a decimal written with a comma or a point ("7,82", "7.82", "-0,5", " 14 "). Thousands
 * separators are not accepted (point values never need them). Null when not a number. */
export function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL_RE.exec(text.trim().replace(/\s+/g, ''));
  if (!m) return null;
  const frac = m[3] ?? '';
  const mantissa = Number(m[2]! + frac) * (m[1] === '-' || m[1] === '−' ? -1 : 1);
  if (!Number.isSafeInteger(mantissa)) return null;
  return { mantissa: mantissa === 0 ? 0 : mantissa, decimals: frac.length };
}

/** The decimal scaled to `places` decimals, rounded half-up (away from zero at .5). */
export function scaleDecimal(d: Decimal, places: number): number {
  if (d.decimals <= places) return d.mantissa * 10 ** (places - d.decimals);
  return divRoundHalfUp(d.mantissa, 10 ** (d.decimals - places));
}

/** Parse points with at most two decimals ("7,82" → 782). Null for garbage or more decimals. */
export function parsePoints(text: string): Hundredths | null {
  const d = parseDecimal(text);
  if (!d || d.decimals > 2) return null;
  return scaleDecimal(d, 2);
}

/** Parse points, rounding extra decimals half-up ("7,825" → 783). */
export function parsePointsRounded(text: string): Hundredths | null {
  const d = parseDecimal(text);
  return d ? scaleDecimal(d, 2) : null;
}

/** Integer division rounded half-up (half away from zero), exact for safe integers. */
export function divRoundHalfUp(num: number, den: number): number {
  if (den === 0) throw new RangeError('division by zero');
  if (den < 0) return divRoundHalfUp(-num, -den);
  if (!Number.isSafeInteger(num * 2) || !Number.isSafeInteger(den * 2)) {
    return Number(divRoundHalfUpBig(BigInt(num), BigInt(den)));
  }
  const sign = num < 0 ? -1 : 1;
  const a = Math.abs(num);
  const q = Math.floor(a / den);
  const r = a - q * den;
  const res = 2 * r >= den ? q + 1 : q;
  return res === 0 ? 0 : sign * res;
}

export function divRoundHalfUpBig(num: bigint, den: bigint): bigint {
  if (den < 0n) return divRoundHalfUpBig(-num, -den);
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = a / den;
  const r = a - q * den;
  const res = 2n * r >= den ? q + 1n : q;
  return neg ? -res : res;
}

/** Integer division rounded down (towards −∞) — for rules that truncate. */
export function divFloor(num: number, den: number): number {
  return Math.floor(num / den);
}

/** Print hundredths with the Vietnamese decimal comma: 782 → "7,82", 950 → "9,5", 1400 → "14";
 * `fixed` keeps two decimals ("9,50"). */
export function formatPoints(h: Hundredths, opts: { fixed?: boolean } = {}): string {
  const neg = h < 0;
  const a = Math.abs(h);
  const int = Math.floor(a / 100);
  let frac = String(a % 100).padStart(2, '0');
  if (!opts.fixed) frac = frac.replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? ',' + frac : ''}`;
}

/** Print a decimal keeping its own number of decimals, with a comma. */
export function formatDecimal(d: Decimal): string {
  const neg = d.mantissa < 0;
  const s = String(Math.abs(d.mantissa)).padStart(d.decimals + 1, '0');
  const int = d.decimals ? s.slice(0, -d.decimals) : s;
  const frac = d.decimals ? s.slice(-d.decimals) : '';
  return `${neg ? '-' : ''}${int}${frac ? ',' + frac : ''}`;
}

/** "7.82" for numeric columns and JSON (a decimal point, exact). */
export function toDbNumeric(h: Hundredths): string {
  const neg = h < 0;
  const a = Math.abs(h);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** The shortest exact decimal with a point, for APIs and JSON: 782 → "7.82", 950 → "9.5", 1400 → "14". */
export function toDecimalString(h: Hundredths): string {
  return toDbNumeric(h)
    .replace(/\.00$/, '')
    .replace(/(\.\d)0$/, '$1');
}

/** From a numeric column's text ("7.82", "7.8200", "14") to hundredths. */
export function fromDbNumeric(text: string): Hundredths {
  const v = parsePointsRounded(text);
  if (v === null) throw new RangeError(`not a numeric value: ${text}`);
  return v;
}

export function sumPoints(values: readonly Hundredths[]): Hundredths {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** index % in hundredths of a percent: achieved ÷ max × 100, half-up to 2 places. 0 when max is 0. */
export function indexOf(achieved: Hundredths, max: Hundredths): number {
  if (max === 0) return 0;
  return divRoundHalfUp(achieved * 10000, max);
}
