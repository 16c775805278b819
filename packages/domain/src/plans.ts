/** Plans as records (issue #16 item 1): the kinds of documents that order work, and where a unit asked
 * to send an implementing plan stands. Pure. */

export const PLAN_KINDS = ['ke_hoach', 'chi_thi', 'cong_van', 'quyet_dinh'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  ke_hoach: 'Kế hoạch',
  chi_thi: 'Chỉ thị',
  cong_van: 'Công văn',
  quyet_dinh: 'Quyết định',
};

/** A unit asked to send its plan: sent (a plan it issued implements the plan), missing
 * (the due day passed, included), or not due yet. */
export const ASKED_STATES = ['sent', 'missing', 'waiting'] as const;
export type AskedState = (typeof ASKED_STATES)[number];

export const ASKED_STATE_LABELS: Record<AskedState, string> = {
  sent: 'Đã gửi kế hoạch',
  missing: 'Chưa gửi (quá hạn)',
  waiting: 'Chưa gửi',
};

export function askedState(sent: boolean, dueOn: string | null, today: string): AskedState {
  if (sent) return 'sent';
  return dueOn !== null && today > dueOn ? 'missing' : 'waiting';
}
