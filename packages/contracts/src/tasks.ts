/** Tasks of a plan (issue #16 item 2): what a plan gives each unit to do, by when, against which
 * target; one instance per unit with its progress, its declaration and the issuer's acceptance. */
import { LIMITS, TARGET_COMPARATORS, TASK_RECURRENCES, TASK_STATUSES, UNIT_KINDS } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText, reason, text } from './fields.ts';

const Id = z.string().uuid();

/** An exact decimal as typed ("40", "40,5", "0.25"): at most 14 digits before the separator and 4 after. */
export const DecimalInput = z
  .string()
  .trim()
  .regex(/^-?\d{1,14}(?:[.,]\d{1,4})?$/, {
    message: 'Giá trị phải là một số, tối đa 4 chữ số thập phân (ví dụ 40 hoặc 40,5).',
  });

export const TaskInput = z.object({
  ordinal: z.number().int().min(1).max(10_000).optional(),
  section: text('Nhóm nhiệm vụ', 300).optional(),
  content: text('Nội dung nhiệm vụ', LIMITS.reason, { min: 1, multiline: true }),
  /** The lead unit, or … */
  leadUnitId: Id.optional(),
  /** … a group: every open unit of this kind under the plan's issuer gets an instance. */
  leadGroup: z.object({ label: text('Tên nhóm', 200, { min: 1 }), unitKind: z.enum(UNIT_KINDS) }).optional(),
  coordinatingUnitIds: z.array(Id).max(500).optional(),
  coordinatingText: text('Đơn vị phối hợp khác', 500).optional(),
  dueOn: IsoDate.optional(),
  recurrence: z.enum(TASK_RECURRENCES).optional(),
  targetMetric: text('Chỉ tiêu', 300).optional(),
  targetComparator: z.enum(TARGET_COMPARATORS).optional(),
  targetValue: DecimalInput.optional(),
  targetValueTo: DecimalInput.optional(),
  targetUnit: text('Đơn vị tính', 60).optional(),
  /** Who receives the results (defaults to the plan's issuer). */
  receivingUnitId: Id.optional(),
});

export const TasksBody = z.object({ tasks: z.array(TaskInput).min(1).max(200) });

export const TaskQuery = z.object({
  planId: Id.optional(),
  /** Only instances of this unit and the units under it. */
  unitId: Id.optional(),
  status: z.enum(TASK_STATUSES).optional(),
});

export const TaskDueQuery = z.object({
  unitId: Id.optional(),
  days: z.coerce.number().int().min(0).max(366).optional(),
});

export const ProgressBody = z.object({
  value: DecimalInput.optional(),
  note: text('Ghi chú', LIMITS.reason, { min: 1, multiline: true }),
  evidenceId: Id.optional(),
});

export const DeclareBody = z.object({ note: text('Ghi chú', LIMITS.reason, { multiline: true }).optional() });
export const AcceptBody = z.object({ note: text('Ghi chú', LIMITS.reason, { multiline: true }).optional() });
export const ReturnBody = z.object({ reason: reason(LIMITS.reason, 1) });

const Counts = z.record(z.enum(TASK_STATUSES), z.number().int());

export const TaskTargetView = z.object({
  metric: z.string(),
  comparator: z.enum(TARGET_COMPARATORS),
  value: z.string(),
  valueTo: z.string().nullable(),
  unit: z.string(),
});

export const TaskInstanceRow = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  declaredOn: IsoDateText.nullable(),
  lastValue: z.string().nullable(),
  targetMet: z.boolean().nullable(),
  progressCount: z.number().int(),
  returnReason: z.string().nullable(),
});

export const TaskView = z.object({
  id: Id,
  planId: Id,
  planNumber: z.string(),
  planTitle: z.string(),
  issuingUnitId: Id,
  issuingUnitName: z.string(),
  ordinal: z.number().int(),
  section: z.string().nullable(),
  content: z.string(),
  leadUnitName: z.string().nullable(),
  leadGroup: z.string().nullable(),
  coordinators: z.array(z.string()),
  coordinatingText: z.string().nullable(),
  dueOn: IsoDateText.nullable(),
  recurrence: z.enum(TASK_RECURRENCES).nullable(),
  recurrenceLabel: z.string().nullable(),
  target: TaskTargetView.nullable(),
  targetText: z.string().nullable(),
  receivingUnitName: z.string(),
  /** The instances the reader may see (all for the issuer's readers). */
  instances: z.array(TaskInstanceRow),
  counts: Counts,
});

export const TaskList = z.object({
  items: z.array(TaskView),
  counts: Counts,
  /** The reader may add tasks (with planId: writes for the plan's issuer). */
  canAdd: z.boolean(),
});

export const TaskDueItem = z.object({
  instanceId: Id,
  taskId: Id,
  planId: Id,
  planNumber: z.string(),
  unitId: Id,
  unitName: z.string(),
  content: z.string(),
  dueOn: IsoDateText,
  daysLeft: z.number().int(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
});

export const TaskDueList = z.object({
  days: z.number().int(),
  items: z.array(TaskDueItem),
  units: z.array(
    z.object({ unitId: Id, unitName: z.string(), overdue: z.number().int(), dueSoon: z.number().int() }),
  ),
});

export const TaskInstanceDetail = TaskInstanceRow.extend({
  task: TaskView.omit({ instances: true, counts: true }),
  declaredNote: z.string().nullable(),
  declaredByName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedByName: z.string().nullable(),
  progress: z.array(
    z.object({
      id: Id,
      reportedOn: IsoDateText,
      value: z.string().nullable(),
      note: z.string(),
      evidenceId: Id.nullable(),
      byName: z.string(),
      at: z.string(),
    }),
  ),
  canReport: z.boolean(),
  canAccept: z.boolean(),
});

export type TaskInputT = z.infer<typeof TaskInput>;
export type TaskViewT = z.infer<typeof TaskView>;
export type TaskListT = z.infer<typeof TaskList>;
export type TaskDueListT = z.infer<typeof TaskDueList>;
export type TaskInstanceDetailT = z.infer<typeof TaskInstanceDetail>;
export type ProgressBodyT = z.infer<typeof ProgressBody>;
