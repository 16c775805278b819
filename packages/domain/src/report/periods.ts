/** Periods of periodic reports (issue #16 item 5; DOMAIN §5.1): quarter, six months, nine months,
 * year — each with its data cut-off and its due day, both as data of a report series, never fixed
 * here. The reporting circular in force was not read (DOMAIN §5.1, tag U): the cut-off below is only
 * a default to edit. Pure. */

export const PERIOD_KINDS = ['quarter', 'half', 'nine_months', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  quarter: 'Hằng quý',
  half: '6 tháng',
  nine_months: '9 tháng',
  year: 'Hằng năm',
};

/** When a period's report is due: `day` of the period's last month (seed 004: "trước ngày 03 hàng
 * quý" → the 3rd of the quarter's last month), of the month after it, or of a fixed month of the
 * period's year (seed 004's annual report: 15/11). A day past the month's end is its last day. */
export interface DueRule {
  day: number;
  month: 'last' | 'next' | number;
}

/** Where a period's data stop: `day` of the period's last month, or of the month before its last
 * (e.g. 14 → figures from the 15th of the month before the period to the 14th of its last month). */
export interface CutoffRule {
  day: number;
  month: 'last' | 'before_last';
}

export const DEFAULT_CUTOFF: CutoffRule = { day: 14, month: 'last' };

export interface ReportPeriod {
  kind: PeriodKind;
  year: number;
  /** 1–4 for quarters, 1–2 for halves, 1 otherwise. */
  index: number;
  /** "Quý I năm 2022", "6 tháng đầu năm 2022", "9 tháng năm 2022", "Năm 2022". */
  label: string;
  /** The calendar span (yyyy-mm-dd, both included). */
  from: string;
  to: string;
  /** The data span: from the day after the previous period's cut-off to this one's cut-off. */
  dataFrom: string;
  dataTo: string;
  /** The last day to send, included (ADR 0017). */
  dueOn: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** yyyy-mm-dd of a day of a month (months past 12 roll into the next year), clamped to the month. */
function dayOf(y: number, m: number, d: number): string {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${yy}-${pad(mm)}-${pad(Math.min(d, lastDay(yy, mm)))}`;
}
const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The months [first, last] (1–12, `first` may be ≤ 0 for nothing) of each period of a kind. */
function spans(
  kind: PeriodKind,
): { index: number; first: number; last: number; label: (y: number) => string }[] {
  switch (kind) {
    case 'quarter':
      return [1, 2, 3, 4].map((q) => ({
        index: q,
        first: 3 * q - 2,
        last: 3 * q,
        label: (y) => `Quý ${ROMAN[q - 1]} năm ${y}`,
      }));
    case 'half':
      return [
        { index: 1, first: 1, last: 6, label: (y) => `6 tháng đầu năm ${y}` },
        { index: 2, first: 7, last: 12, label: (y) => `6 tháng cuối năm ${y}` },
      ];
    case 'nine_months':
      return [{ index: 1, first: 1, last: 9, label: (y) => `9 tháng năm ${y}` }];
    case 'year':
      return [{ index: 1, first: 1, last: 12, label: (y) => `Năm ${y}` }];
  }
}

/** The periods of a kind in a year, with their data spans and due days. */
export function periodsOf(
  kind: PeriodKind,
  year: number,
  due: DueRule,
  cutoff: CutoffRule = DEFAULT_CUTOFF,
): ReportPeriod[] {
  const cut = (lastMonth: number) =>
    dayOf(year, cutoff.month === 'last' ? lastMonth : lastMonth - 1, cutoff.day);
  return spans(kind).map((s) => {
    // the data start the day after the cut-off of the month before the period's first month
    // (December of the year before for a year or nine months)
    const before = s.first - 1;
    const dataFrom = nextDay(dayOf(year, cutoff.month === 'last' ? before : before - 1, cutoff.day));
    const dueMonth = due.month === 'last' ? s.last : due.month === 'next' ? s.last + 1 : due.month;
    return {
      kind,
      year,
      index: s.index,
      label: s.label(year),
      from: dayOf(year, s.first, 1),
      to: dayOf(year, s.last, 31),
      dataFrom,
      dataTo: cut(s.last),
      dueOn: dayOf(year, dueMonth, due.day),
    };
  });
}

/** "ngày 03 của tháng cuối kỳ", "ngày 05 của tháng sau kỳ", "ngày 15/11" — the due rule in words. */
export function dueRuleText(rule: DueRule): string {
  const d = pad(rule.day);
  if (rule.month === 'last') return `ngày ${d} của tháng cuối kỳ`;
  if (rule.month === 'next') return `ngày ${d} của tháng liền sau kỳ`;
  return `ngày ${d}/${pad(rule.month)}`;
}

/** Problems of a due rule for a kind of period (Vietnamese), or none: a fixed month must lie in the
 * period (an annual report due 15/11) and a day must exist in some month. */
export function dueRuleProblems(kind: PeriodKind, rule: DueRule): string[] {
  const out: string[] = [];
  if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31) out.push('Ngày hạn phải từ 1 đến 31.');
  if (typeof rule.month === 'number') {
    if (kind !== 'year' && kind !== 'nine_months')
      out.push('Hạn theo một tháng cố định chỉ dùng cho báo cáo năm hoặc 9 tháng.');
    else if (!Number.isInteger(rule.month) || rule.month < 1 || rule.month > 12)
      out.push('Tháng hạn phải từ 1 đến 12.');
  }
  return out;
}
