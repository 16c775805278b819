/** Tasks of a plan (issue #16 item 2): a task is given to a lead unit, or to a group of units ("Công an
 * các xã, thị trấn", "UBND các xã, thị trấn") as one instance per unit, each with its own progress. The
 * lead declares an instance done; the issuer accepts it (or returns it). Its status is computed here,
 * never stored. A target ("≥ 40 % hồ sơ trực tuyến", "01–02 tin, bài mỗi đơn vị") holds exact
 * decimals. Pure. */
import { daysLeft } from './cycle.ts';
import { parseDecimal, type Decimal } from './points.ts';

export const TASK_STATUSES = [
  'not_started',
  'in_progress',
  'awaiting',
  'done',
  'overdue',
  'done_late',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  awaiting: 'Chờ xác nhận',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
  done_late: 'Hoàn thành muộn',
};

/** How often a task without a single due day recurs (kept as data; no deadline is derived from it). */
export const TASK_RECURRENCES = ['regular', 'monthly', 'quarterly', 'half_year', 'yearly'] as const;
export type TaskRecurrence = (typeof TASK_RECURRENCES)[number];

export const TASK_RECURRENCE_LABELS: Record<TaskRecurrence, string> = {
  regular: 'Thường xuyên',
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  half_year: '6 tháng một lần',
  yearly: 'Hằng năm',
};

/** Where an instance stands, as stored: its due day (none for a recurring task), whether progress
 * was reported, the day the lead declared it done (null when not declared, or returned since), and
 * whether the issuer accepted that declaration. */
export interface TaskFacts {
  dueOn: string | null;
  hasProgress: boolean;
  declaredOn: string | null;
  accepted: boolean;
}

/** The status of an instance on `today` (yyyy-mm-dd). The due day is included (ADR 0017); a task
 * counts as done on the day it was declared, so the acceptance's day never makes it late. */
export function taskStatus(f: TaskFacts, today: string): TaskStatus {
  if (f.declaredOn !== null) {
    if (!f.accepted) return 'awaiting';
    return isLate(f.dueOn, f.declaredOn) ? 'done_late' : 'done';
  }
  if (f.dueOn !== null && today > f.dueOn) return 'overdue';
  return f.hasProgress ? 'in_progress' : 'not_started';
}

const isLate = (dueOn: string | null, day: string) => dueOn !== null && day > dueOn;

/** Declared done (accepted or waiting to be): counted as done from the day declared. */
export const isDeclared = (s: TaskStatus) => s === 'awaiting' || s === 'done' || s === 'done_late';

/** "Đến hạn và còn thiếu": not declared, with a due day at most `days` ahead (or past). */
export function isDueOrMissing(f: TaskFacts, today: string, days: number): boolean {
  return f.declaredOn === null && f.dueOn !== null && daysLeft(today, f.dueOn) <= days;
}

/** How many instances are in each status (every status present, zero included). */
export function countStatuses(statuses: readonly TaskStatus[]): Record<TaskStatus, number> {
  const out = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const s of statuses) out[s]++;
  return out;
}

// ── targets ────────────────────────────────────────────────────────────────────────────────────────

export const TARGET_COMPARATORS = ['gte', 'gt', 'eq', 'lte', 'lt', 'range'] as const;
export type TargetComparator = (typeof TARGET_COMPARATORS)[number];

export const COMPARATOR_SIGNS: Record<TargetComparator, string> = {
  gte: '≥',
  gt: '>',
  eq: '=',
  lte: '≤',
  lt: '<',
  range: '–',
};

/** A target: "≥ 40 % hồ sơ trực tuyến" is { comparator: gte, value: "40", unit: "%", metric: "hồ sơ
 * trực tuyến" }; "01–02 tin, bài mỗi đơn vị" is a range from "1" to "2". Values are decimal text with a
 * point ("40", "0.5"), exact. */
export interface TaskTarget {
  metric: string;
  comparator: TargetComparator;
  value: string;
  valueTo: string | null;
  unit: string;
}

/** At most four decimals, like the database column (numeric(18,4)). */
export const TASK_VALUE_DECIMALS = 4;

/** Parse a value as typed ("40,5", "40.5", "100"): exact, at most four decimals, null otherwise. */
export function parseTaskValue(text: string): Decimal | null {
  const d = parseDecimal(text);
  return d && d.decimals <= TASK_VALUE_DECIMALS ? d : null;
}

/** The decimal with a point and no trailing zeros, as columns and JSON carry it ("40.50" → "40.5"). */
export function decimalText(d: Decimal): string {
  const neg = d.mantissa < 0;
  const s = String(Math.abs(d.mantissa)).padStart(d.decimals + 1, '0');
  const int = d.decimals ? s.slice(0, -d.decimals) : s;
  const frac = (d.decimals ? s.slice(-d.decimals) : '').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}

/** Compare two exact decimals (as parsed): negative, zero or positive. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const places = Math.max(a.decimals, b.decimals);
  const x = BigInt(a.mantissa) * 10n ** BigInt(places - a.decimals);
  const y = BigInt(b.mantissa) * 10n ** BigInt(places - b.decimals);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a reported value meets the target (a range includes both ends). */
export function targetMet(t: TaskTarget, value: string): boolean {
  const v = parseDecimal(value);
  const a = parseDecimal(t.value);
  if (!v || !a) return false;
  const c = compareDecimal(v, a);
  switch (t.comparator) {
    case 'gte':
      return c >= 0;
    case 'gt':
      return c > 0;
    case 'eq':
      return c === 0;
    case 'lte':
      return c <= 0;
    case 'lt':
      return c < 0;
    case 'range': {
      const b = t.valueTo === null ? null : parseDecimal(t.valueTo);
      return c >= 0 && (!b || compareDecimal(v, b) <= 0);
    }
    default: {
      const never: never = t.comparator;
      return never;
    }
  }
}

/** A decimal text ("40.5") with the Vietnamese decimal comma ("40,5"). */
export const decimalVi = (text: string) => text.replace('.', ',');

/** The target as the plans write it: "≥ 40 % hồ sơ trực tuyến", "1–2 tin, bài mỗi đơn vị". */
export function formatTarget(t: TaskTarget): string {
  const amount =
    t.comparator === 'range'
      ? `${decimalVi(t.value)}–${decimalVi(t.valueTo ?? t.value)}`
      : `${COMPARATOR_SIGNS[t.comparator]} ${decimalVi(t.value)}`;
  return [amount, t.unit, t.metric].filter((s) => s.trim() !== '').join(' ');
}
