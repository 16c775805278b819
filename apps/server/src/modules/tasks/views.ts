/** How a task and its instances read for one reader on one day: the instances they may see, each with
 * its computed status (domain `taskStatus`), the target as the plan writes it, counts by status. */
import {
  countStatuses,
  formatTarget,
  targetMet,
  taskStatus,
  TASK_RECURRENCE_LABELS,
  TASK_STATUS_LABELS,
  type TargetComparator,
  type TaskRecurrence,
  type TaskStatus,
  type TaskTarget,
} from '@chiso/domain';
import { pathInScope, type Scope } from '../auth/scope.ts';
import type { InstanceJoined, TaskJoined } from './repository.ts';

/** "40.0000" (numeric column) → "40"; "0.5000" → "0.5". */
export const trimDecimal = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

export function targetOf(t: TaskJoined): TaskTarget | null {
  if (!t.targetComparator || t.targetValue === null) return null;
  return {
    metric: t.targetMetric ?? '',
    comparator: t.targetComparator as TargetComparator,
    value: trimDecimal(t.targetValue),
    valueTo: t.targetValueTo === null ? null : trimDecimal(t.targetValueTo),
    unit: t.targetUnit ?? '',
  };
}

export function instanceStatus(t: { dueOn: string | null }, x: InstanceJoined, today: string): TaskStatus {
  return taskStatus(
    { dueOn: t.dueOn, hasProgress: x.progressCount > 0, declaredOn: x.declaredOn, accepted: x.accepted },
    today,
  );
}

export function instanceRow(t: TaskJoined, x: InstanceJoined, today: string) {
  const status = instanceStatus(t, x, today);
  const target = targetOf(t);
  const lastValue = x.lastValue === null ? null : trimDecimal(x.lastValue);
  return {
    id: x.id,
    unitId: x.unitId,
    unitName: x.unitName,
    status,
    statusLabel: TASK_STATUS_LABELS[status],
    declaredOn: x.declaredOn,
    lastValue,
    targetMet: target && lastValue !== null ? targetMet(target, lastValue) : null,
    progressCount: x.progressCount,
    returnReason: x.returnReason,
  };
}

/** The task without its instances. */
export function taskHead(t: TaskJoined, coordinators: string[]) {
  const target = targetOf(t);
  return {
    id: t.id,
    planId: t.planId,
    planNumber: t.planNumber,
    planTitle: t.planTitle,
    issuingUnitId: t.issuingUnitId,
    issuingUnitName: t.issuerName,
    ordinal: t.ordinal,
    section: t.section,
    content: t.content,
    leadUnitName: t.leadUnitName,
    leadGroup: t.leadGroup,
    coordinators,
    coordinatingText: t.coordinatingText,
    dueOn: t.dueOn,
    recurrence: t.recurrence as TaskRecurrence | null,
    recurrenceLabel: t.recurrence ? TASK_RECURRENCE_LABELS[t.recurrence as TaskRecurrence] : null,
    target,
    targetText: target ? formatTarget(target) : null,
    receivingUnitName: t.receivingName,
  };
}

/** Whether the reader follows the whole task (reads its issuer, its receiving unit or a coordinating
 * unit) rather than only instances of their own units. */
export function followsWhole(t: TaskJoined, coordinatorPaths: string[], scope: Scope) {
  return (
    pathInScope(scope, t.issuerPath) ||
    pathInScope(scope, t.receivingPath) ||
    coordinatorPaths.some((p) => pathInScope(scope, p))
  );
}

export { countStatuses };
