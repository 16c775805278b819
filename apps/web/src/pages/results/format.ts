/** Figures of results as users read them (decimal comma, exact), and a framework's years. */
import type { FrameworkSummaryT } from '@chiso/contracts';
import { formatPoints, parsePoints } from '@chiso/domain';

/** "7.82" (API) → "7,82" (users). */
export const vn = (d: string | null | undefined) => (d == null ? '—' : formatPoints(parsePoints(d) ?? 0));
/** Two decimals always ("80,30"): indices. */
export const vnFixed = (d: string | null | undefined) =>
  d == null ? '—' : formatPoints(parsePoints(d) ?? 0, { fixed: true });
/** A change with its sign ("+1,5"). */
export const signed = (d: string | null) => {
  if (d == null) return '—';
  const h = parsePoints(d) ?? 0;
  return `${h > 0 ? '+' : ''}${formatPoints(h)}`;
};

/** The years a framework version applies to (five from its first when open-ended). */
export function yearsOf(f: FrameworkSummaryT): number[] {
  const to = f.yearTo ?? f.yearFrom + 4;
  return Array.from({ length: to - f.yearFrom + 1 }, (_, i) => f.yearFrom + i);
}
