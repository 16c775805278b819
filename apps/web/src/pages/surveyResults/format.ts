import { formatPoints } from '@chiso/domain';

/** Hundredths of a percent → "96,45 %" (a dash when there is nothing). */
export const pct = (h: number | null | undefined) =>
  h === null || h === undefined ? '—' : `${formatPoints(h, { fixed: true })} %`;
/** Hundredths → "96,45" (no sign). */
export const num = (h: number) => formatPoints(h, { fixed: true });
/** A share of a whole in hundredths of a percent. */
export const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10000) / whole) : null);
