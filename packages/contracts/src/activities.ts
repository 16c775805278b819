/** Activity records that targets count (issue #16 item 3) and the count bindings of a cycle: a leaf
 * bound to a counter, each member's count with the records counted, offered in self-assessment. */
import { ACTIVITY_KINDS, COUNTER_IDS, LIMITS } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText, text } from './fields.ts';

const Id = z.string().uuid();
const Count = z.number().int().min(0).max(1_000_000);

export const ActivityBody = z.object({
  unitId: Id,
  kind: z.enum(ACTIVITY_KINDS),
  title: text('Nội dung', LIMITS.reason, { min: 1 }),
  startsOn: IsoDate,
  endsOn: IsoDate.optional(),
  planned: z.boolean().optional(),
  done: z.boolean().optional(),
  subject: text('Đối tượng, cơ quan báo', LIMITS.unitName).optional(),
  subjectUnitId: Id.optional(),
  link: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/[^\s]+$/, 'Đường dẫn phải bắt đầu bằng http:// hoặc https://')
    .optional(),
  coordinatingUnitIds: z.array(Id).max(200).optional(),
  issuesFound: Count.optional(),
  issuesResolved: Count.optional(),
  quota: Count.optional(),
  trained: Count.optional(),
  participants: Count.optional(),
  planId: Id.optional(),
  evidenceId: Id.optional(),
  note: text('Ghi chú', LIMITS.reason, { multiline: true }).optional(),
});

export const ActivityQuery = z.object({
  unitId: Id.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
});

export const ActivityView = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  startsOn: IsoDateText,
  endsOn: IsoDateText.nullable(),
  planned: z.boolean(),
  done: z.boolean(),
  subject: z.string(),
  subjectUnitId: Id.nullable(),
  subjectUnitName: z.string().nullable(),
  link: z.string().nullable(),
  coordinatingUnits: z.array(z.object({ id: Id, name: z.string() })),
  issuesFound: z.number().int().nullable(),
  issuesResolved: z.number().int().nullable(),
  quota: z.number().int().nullable(),
  trained: z.number().int().nullable(),
  participants: z.number().int().nullable(),
  plan: z.object({ id: Id, number: z.string() }).nullable(),
  evidence: z.object({ id: Id, numberSymbol: z.string() }).nullable(),
  note: z.string(),
  canWrite: z.boolean(),
});

export const ActivityList = z.object({
  items: z.array(ActivityView),
  /** Units the reader may record for (its write scope), for the form. */
  writableUnits: z.array(z.object({ id: Id, name: z.string() })),
});

// ————————————————————————————— count bindings —————————————————————————————

export const CountRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('leaf') }),
  z.object({ kind: z.literal('proportional') }),
  z.object({
    kind: z.literal('incidents'),
    /** Points taken off per incident, as typed ("0,5"). */
    perIncident: text('Điểm trừ mỗi vụ việc', 20, { min: 1 }),
  }),
]);

export const CountBindingParams = z.object({
  id: Id,
  code: text('Mã tiêu chí', LIMITS.criterionCode, { min: 1 }),
});
export const CountBindingBody = z.object({
  counter: z.enum(COUNTER_IDS as [string, ...string[]]),
  subtree: z.boolean().optional(),
  rule: CountRuleSchema.optional(),
});

/** A record counted for a leaf, with where to open it. */
export const CountedRecord = z.object({
  id: Id,
  kind: z.enum(['activity', 'report', 'task']),
  title: z.string(),
  date: IsoDateText,
  unitName: z.string(),
  /** Whether it counts for (done, sent on time) or against (not done, late, missing). */
  counts: z.boolean(),
  stateText: z.string(),
  /** The web page that shows it. */
  href: z.string(),
});

/** A counted leaf as a member's self-assessment shows it: the count, the offer, the records. */
export const CountLeafView = z.object({
  counter: z.string(),
  counterLabel: z.string(),
  subtree: z.boolean(),
  ruleText: z.string(),
  /** "2/3 cuộc kiểm tra". */
  valueText: z.string(),
  /** The input offered, as the unit would type it ("2/3"), or null when nothing can be offered. */
  offerText: z.string().nullable(),
  offerPoints: z.string().nullable(),
  /** What the screen says, in Vietnamese. */
  text: z.string(),
  records: z.array(CountedRecord),
  /** The unit typed another value than the offer (with `reason`). */
  differs: z.boolean(),
  reason: z.string().nullable(),
});

export const CountPointsView = z.object({
  cycleId: Id,
  year: z.number().int(),
  manages: z.boolean(),
  canBind: z.boolean(),
  bindBlocked: z.string().nullable(),
  counters: z.array(z.object({ id: z.string(), label: z.string(), output: z.enum(['ratio', 'incidents']) })),
  leaves: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      max: z.string(),
      ruleType: z.string(),
      binding: z
        .object({
          counter: z.string(),
          counterLabel: z.string(),
          subtree: z.boolean(),
          rule: CountRuleSchema,
          ruleText: z.string(),
        })
        .nullable(),
    }),
  ),
  units: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      leaves: z.array(
        z.object({
          code: z.string(),
          valueText: z.string(),
          offerText: z.string().nullable(),
          offerPoints: z.string().nullable(),
          records: z.number().int(),
        }),
      ),
    }),
  ),
});

export type ActivityBodyT = z.input<typeof ActivityBody>;
export type ActivityViewT = z.infer<typeof ActivityView>;
export type ActivityListT = z.infer<typeof ActivityList>;
export type CountBindingBodyT = z.input<typeof CountBindingBody>;
export type CountPointsViewT = z.infer<typeof CountPointsView>;
export type CountLeafViewT = z.infer<typeof CountLeafView>;
export type CountRuleT = z.infer<typeof CountRuleSchema>;
