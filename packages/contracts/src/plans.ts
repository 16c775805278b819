/** Plans as records (issue #16 item 1): what a unit issues, the plan it implements, the units asked to
 * send their implementing plans and who has. */
import { ASKED_STATES, LIMITS, PLAN_KINDS } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText, text } from './fields.ts';

const Id = z.string().uuid();

export const PlanBody = z.object({
  kind: z.enum(PLAN_KINDS),
  number: text('Số, ký hiệu', 60, { min: 1 }),
  issuedOn: IsoDate,
  issuingUnitId: Id,
  subject: text('Trích yếu', LIMITS.reason, { min: 1 }),
  periodFrom: IsoDate.optional(),
  periodTo: IsoDate.optional(),
  budgetLine: text('Nguồn kinh phí', 500).optional(),
  budgetUnitId: Id.optional(),
  implementsPlanId: Id.optional(),
  evidenceId: Id.optional(),
  askedUnitIds: z.array(Id).max(2000).optional(),
  askedDueOn: IsoDate.optional(),
});

const PlanRef = z.object({
  id: Id,
  kind: z.enum(PLAN_KINDS),
  kindLabel: z.string(),
  number: z.string(),
  issuedOn: IsoDateText,
  issuingUnitId: Id,
  issuingUnitName: z.string(),
  title: z.string(),
});

export const PlanSummary = PlanRef.extend({
  parent: z.object({ id: Id, number: z.string(), issuingUnitName: z.string() }).nullable(),
  asked: z.number().int(),
  sent: z.number().int(),
  askedDueOn: IsoDateText.nullable(),
});

export const PlanList = z.object({ items: z.array(PlanSummary) });

export const PlanDetail = PlanRef.extend({
  periodFrom: IsoDateText.nullable(),
  periodTo: IsoDateText.nullable(),
  budgetLine: z.string().nullable(),
  budgetUnitName: z.string().nullable(),
  evidenceId: Id.nullable(),
  askedDueOn: IsoDateText.nullable(),
  /** The plan it implements, when the reader may see it (else only its number). */
  parent: PlanRef.nullable(),
  parentNumber: z.string().nullable(),
  /** Plans implementing it that the reader may see. */
  children: z.array(PlanRef),
  /** The units asked (all for the issuer's readers; the reader's own otherwise), with where each stands. */
  asked: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      state: z.enum(ASKED_STATES),
      stateLabel: z.string(),
      plan: PlanRef.nullable(),
    }),
  ),
  canWrite: z.boolean(),
});

export type PlanBodyT = z.infer<typeof PlanBody>;
export type PlanDetailT = z.infer<typeof PlanDetail>;
export type PlanListT = z.infer<typeof PlanList>;

/** The text of a plan or công văn as it prints (issue #16 item 6): typed as lines — "I. …" a heading,
 * "1. …" a sub-heading, "- …" a bullet —, "Kính gửi" of a công văn, "Nơi nhận". */
export const PlanTextBody = z.object({
  baseRevision: z.number().int().min(1),
  text: text('Nội dung văn bản', 100_000, { multiline: true }),
  addressees: z.array(text('Nơi gửi', 500, { min: 1 })).max(50),
  recipients: z.array(text('Nơi nhận', 500, { min: 1 })).max(50),
});
export const PlanText = z.object({
  revision: z.number().int(),
  text: z.string(),
  addressees: z.array(z.string()),
  recipients: z.array(z.string()),
  canWrite: z.boolean(),
});
export const PlanDocumentQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });
export type PlanTextBodyT = z.input<typeof PlanTextBody>;
export type PlanTextT = z.infer<typeof PlanText>;
