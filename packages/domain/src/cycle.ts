/** Assessment cycles: stages, their order, and whether a write is allowed on a given day. Pure. */
import { formatDateVi } from './text.ts';

export const STAGES = [
  'self_assessment',
  'appraisal',
  'supplementation',
  'finalisation',
  'publication',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  self_assessment: 'Tự đánh giá',
  appraisal: 'Thẩm định',
  supplementation: 'Giải trình, bổ sung',
  finalisation: 'Hoàn thiện kết quả',
  publication: 'Công bố',
};

export const STAGE_STATES = ['pending', 'open', 'closed'] as const;
export type StageState = (typeof STAGE_STATES)[number];

export const STAGE_STATE_LABELS: Record<StageState, string> = {
  pending: 'Chưa mở',
  open: 'Đang mở',
  closed: 'Đã đóng',
};

/** A cycle: open (self-assessment, appraisal) → finalised (results computed) → published (by decision). */
export const CYCLE_STATUSES = ['open', 'finalised', 'published'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  open: 'Đang diễn ra',
  finalised: 'Đã hoàn thiện kết quả',
  published: 'Đã công bố',
};

/** A unit's self-assessment: draft → submitted → in_appraisal → appraised; returned by the appraising
 * level goes back to editable (like draft). */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'in_appraisal', 'appraised'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: 'Đang tự đánh giá',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  in_appraisal: 'Đang thẩm định',
  appraised: 'Đã có kết quả',
};

/** The unit may still change its self-assessment (scores, explanations, evidence). */
export function isEditable(s: AssessmentStatus): boolean {
  return s === 'draft' || s === 'returned';
}

/** Sent and waiting for, or under, appraisal (appraisers and approving levels act). */
export function isUnderAppraisal(s: AssessmentStatus): boolean {
  return s === 'submitted' || s === 'in_appraisal';
}

/** Appraisal has started, or has ended in a result: appraised points are shown beside the unit's. */
export function hasAppraisal(s: AssessmentStatus): boolean {
  switch (s) {
    case 'in_appraisal':
    case 'appraised':
      return true;
    case 'draft':
    case 'submitted':
    case 'returned':
      return false;
    default:
      return assertNever(s);
  }
}

export function isAssessmentStatus(v: string): v is AssessmentStatus {
  return (ASSESSMENT_STATUSES as readonly string[]).includes(v);
}

export function isCycleStatus(v: string): v is CycleStatus {
  return (CYCLE_STATUSES as readonly string[]).includes(v);
}

/** The appraiser's decision on one criterion: accepted as the unit scored it, changed (another
 * score, with a reason), supplementation asked of the unit, answered by the unit (the appraiser
 * decides next). A criterion without a decision is "pending" (no row). */
export const APPRAISAL_STATES = ['accepted', 'changed', 'supplement', 'answered'] as const;
export type AppraisalState = (typeof APPRAISAL_STATES)[number];
/** What the appraisal screens show per criterion: a decision, or none yet. */
export type AppraisalItemState = AppraisalState | 'pending';
export const APPRAISAL_ITEM_STATES = ['pending', ...APPRAISAL_STATES] as const;

export const APPRAISAL_STATE_LABELS: Record<AppraisalItemState, string> = {
  pending: 'Chưa thẩm định',
  accepted: 'Chấp nhận',
  changed: 'Chấm lại',
  supplement: 'Yêu cầu giải trình',
  answered: 'Đơn vị đã giải trình',
};

/** The appraiser has decided the criterion's score (accepted or changed). */
export function isAppraised(s: AppraisalItemState): boolean {
  return s === 'accepted' || s === 'changed';
}

/** Something waits: the unit's answer (supplement) or the appraiser's decision after it (answered).
 * An appraisal with such a criterion is neither approved nor finalised. */
export function isAwaitingDecision(s: AppraisalItemState): s is 'supplement' | 'answered' {
  return s === 'supplement' || s === 'answered';
}

/** Why a criterion holds up approval or finalisation (see isAwaitingDecision). */
export function awaitingText(s: 'supplement' | 'answered'): string {
  return s === 'supplement' ? 'đang chờ đơn vị giải trình' : 'chưa quyết định sau giải trình';
}

export function isAppraisalState(v: string): v is AppraisalState {
  return (APPRAISAL_STATES as readonly string[]).includes(v);
}

/** A branch that no value of a union reaches: the compiler checks that a switch is exhaustive. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${String(x)}`);
}

export interface StageInfo {
  stage: Stage;
  startsOn: string;
  dueOn: string;
  state: StageState;
}

export type WriteCheck =
  { ok: true } | { ok: false; code: 'STAGE_NOT_OPEN' | 'STAGE_CLOSED' | 'DEADLINE_PASSED'; message: string };

/** May a unit write in this stage today? `today` and dates are yyyy-mm-dd in Asia/Ho_Chi_Minh; the
 * due date is included; an extension for the unit replaces the due date. A stage never closes by
 * itself, but after its deadline writes are refused. */
export function canWriteInStage(s: StageInfo, today: string, extendedTo?: string | null): WriteCheck {
  const label = STAGE_LABELS[s.stage];
  if (s.state === 'pending')
    return { ok: false, code: 'STAGE_NOT_OPEN', message: `Giai đoạn “${label}” chưa mở.` };
  if (s.state === 'closed')
    return {
      ok: false,
      code: 'STAGE_CLOSED',
      message: `Giai đoạn “${label}” đã đóng; không thể ghi thêm. Liên hệ cán bộ đầu mối nếu cần.`,
    };
  const due = extendedTo && extendedTo > s.dueOn ? extendedTo : s.dueOn;
  if (today > due)
    return {
      ok: false,
      code: 'DEADLINE_PASSED',
      message: `Đã quá hạn “${label}” (hạn cuối ${formatDateVi(due)}); không thể ghi thêm trừ khi cán bộ đầu mối gia hạn cho đơn vị.`,
    };
  return { ok: true };
}

/** Days from `today` to `due` (both yyyy-mm-dd): 0 on the last day, negative after it. */
export function daysLeft(today: string, due: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+due.slice(0, 4), +due.slice(5, 7) - 1, +due.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/**
 * The appraisal levels of a cycle member, nearest first: the units strictly between the cycle's
 * owner and the member in the unit tree (paths are "/id/id/…/"). The first level appraises the
 * member and approves; each further level approves in turn; the owner finalises. A member that is
 * a direct child of the owner (or the owner itself) has no level: the owner appraises it.
 */
export function appraisalLevels(ownerPath: string, memberPath: string): string[] {
  if (!memberPath.startsWith(ownerPath) || memberPath === ownerPath) return [];
  const between = memberPath.slice(ownerPath.length).split('/').filter(Boolean);
  between.pop(); // the member itself
  return between.reverse();
}

/**
 * Where an appraisal stands. `levels` nearest first; `approvedBy` the level units that have
 * approved, in order; `closed` the level units closed since (merged, dissolved): they are passed
 * over, the next open level up acting instead. The appraising unit is the first open level (else
 * the owner); the holder is the first open level that has not approved (else the owner).
 */
export function approvalState(
  levels: readonly string[],
  approvedBy: readonly string[],
  ownerUnitId: string,
  closed: ReadonlySet<string> = new Set(),
) {
  const open = levels.filter((l) => !closed.has(l));
  const pending = open.filter((l) => !approvedBy.includes(l));
  return {
    appraisingUnitId: open[0] ?? ownerUnitId,
    holderUnitId: pending[0] ?? ownerUnitId,
    /** Every open level has approved: the result has reached the owner. */
    complete: pending.length === 0,
  };
}
