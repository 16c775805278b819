/** Due dates and the sending state of a report (ADR 0017): a seed's "trước ngày X" is due on X,
 * included; calendar days are in Asia/Ho_Chi_Minh; a report sent after its due day is accepted and
 * marked late (unlike cycle stages, which close). Every kind of report request (Mẫu 01/02 of a
 * survey campaign today; periodic and ad hoc requests of issue #16) uses these rules. */
import { REPORT_KINDS, type ReportKind, type SurveyReportKind } from '../survey/types.ts';

/** The campaign deadline key a request of this kind is due on by default ("mau01", "mau02"). */
export const REPORT_DEADLINE_KEYS: Record<SurveyReportKind, string> = {
  survey_mau01: 'mau01',
  survey_mau02: 'mau02',
};

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  survey_mau01: 'Mẫu 01 — Kết quả đo lường sự hài lòng của người dân, tổ chức',
  survey_mau02: 'Mẫu 02 — Kết quả lấy ý kiến đánh giá của cơ quan, tổ chức',
  periodic: 'Báo cáo định kỳ',
  ad_hoc: 'Báo cáo theo đề cương',
};

export const isReportKind = (k: string): k is ReportKind => (REPORT_KINDS as readonly string[]).includes(k);

/** The day (yyyy-mm-dd) of an instant in Vietnam. */
export function dayInVietnam(at: Date): string {
  return VN_DAY.format(at);
}
const VN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Whole days from `a` to `b` (yyyy-mm-dd): positive when `b` is later. */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The default due day of a request of `kind` from the campaign's deadlines (null: none set). */
export function defaultDueOn(kind: SurveyReportKind, deadlines: readonly { key: string; dueOn: string }[]) {
  return deadlines.find((d) => d.key === REPORT_DEADLINE_KEYS[kind])?.dueOn ?? null;
}

/** Sent after the due day (the sending day in Vietnam, the due day included). */
export function isLate(sentAt: Date, dueOn: string): boolean {
  return dayInVietnam(sentAt) > dueOn;
}

/** Where a unit's report stands: not sent yet (due day not passed), sent on time, sent late by
 * `days`, or overdue and not sent (`days` past the due day). */
export const REPORT_STATES = ['not_sent', 'on_time', 'late', 'overdue'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export interface SendingState {
  state: ReportState;
  /** Days late (late) or overdue (overdue); 0 otherwise. */
  days: number;
}

/** The state of a report due on `dueOn`, sent at `sentAt` (null: not sent), seen on `today`. */
export function sendingState(sentAt: Date | null, dueOn: string, today: string): SendingState {
  if (sentAt) {
    const days = daysBetween(dueOn, dayInVietnam(sentAt));
    return days > 0 ? { state: 'late', days } : { state: 'on_time', days: 0 };
  }
  const over = daysBetween(dueOn, today);
  return over > 0 ? { state: 'overdue', days: over } : { state: 'not_sent', days: 0 };
}

/** "chưa gửi", "đã gửi đúng hạn", "gửi muộn 3 ngày", "quá hạn chưa gửi (2 ngày)". */
export function sendingStateLabel(s: SendingState): string {
  switch (s.state) {
    case 'not_sent':
      return 'Chưa gửi';
    case 'on_time':
      return 'Đã gửi đúng hạn';
    case 'late':
      return `Gửi muộn ${s.days} ngày`;
    case 'overdue':
      return `Quá hạn chưa gửi (${s.days} ngày)`;
  }
}
