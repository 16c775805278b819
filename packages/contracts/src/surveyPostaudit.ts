/** Post-audit of a campaign (issue #15, item 6): setup and its reproducible sample, assignments,
 * contacts revealed to assigned users only, outcomes, invalidation, flagged units, closing. Contacts
 * never appear in a list: lists say whether a phone was left. */
import { LIMITS, POSTAUDIT_OUTCOMES } from '@chiso/domain';
import { z } from 'zod';
import { reason, text } from './fields.ts';

const Id = z.string().uuid();

export const SurveyPostauditSetupBody = z.object({
  sharePercent: z.number().min(0.01).max(100).default(10),
  minPerUnit: z.number().int().min(0).max(100_000).default(5),
  failurePercent: z.number().min(0).max(100).default(20),
  eraseAfterDays: z.number().int().min(0).max(3650).default(30),
});
export const BallotParams = z.object({ id: Id, ballotId: z.coerce.number().int().positive() });

export const SurveyPostauditItem = z.object({
  ballotId: z.number().int(),
  unitId: Id,
  unitName: z.string(),
  fieldCode: z.string(),
  mode: z.string(),
  serial: z.string().nullable(),
  /** "có số điện thoại": the number itself is revealed one ballot at a time to assigned users. */
  hasPhone: z.boolean(),
  outcome: z.enum(POSTAUDIT_OUTCOMES).nullable(),
  note: z.string().nullable(),
  recordedAt: z.string().nullable(),
  invalidReason: z.string().nullable(),
  /** The reader is assigned to this ballot's unit (may reveal the contact and record the outcome). */
  assigned: z.boolean(),
});
export const SurveyPostauditUnit = z.object({
  unitId: Id,
  unitName: z.string(),
  sampled: z.number().int(),
  recorded: z.number().int(),
  confirmed: z.number().int(),
  denied: z.number().int(),
  unreachable: z.number().int(),
  differs: z.number().int(),
  /** (denied + differs) / recorded, hundredths of a percent; null before any outcome. */
  failureRate: z.number().int().nullable(),
  flagged: z.boolean(),
});
export const SurveyPostauditView = z.object({
  campaignId: Id,
  campaignName: z.string(),
  ownerUnitId: Id,
  canManage: z.boolean(),
  setup: z
    .object({
      seed: z.string(),
      sharePercent: z.number(),
      minPerUnit: z.number().int(),
      failurePercent: z.number(),
      eraseAfterDays: z.number().int(),
      state: z.enum(['open', 'closed']),
      closedAt: z.string().nullable(),
      contactsErasedAt: z.string().nullable(),
      candidates: z.number().int(),
    })
    .nullable(),
  units: z.array(SurveyPostauditUnit),
  items: z.array(SurveyPostauditItem),
  assignments: z.array(z.object({ userId: Id, userName: z.string(), unitId: Id, unitName: z.string() })),
});
export const SurveyPostauditAssignable = z.object({
  items: z.array(z.object({ userId: Id, userName: z.string(), unitId: Id, unitName: z.string() })),
});
export const SurveyPostauditAssignBody = z.object({ userId: Id, unitId: Id });
export const SurveyPostauditContact = z.object({ ballotId: z.number().int(), phone: z.string() });
export const SurveyPostauditOutcomeBody = z.object({
  outcome: z.enum(POSTAUDIT_OUTCOMES),
  note: text('Ghi chú', LIMITS.longReason, { multiline: true }).nullable().optional(),
});
export const SurveyPostauditInvalidateBody = z.object({ reason: reason(LIMITS.reason, 1) });
export const SurveyPostauditCloseBody = z.object({ reason: reason().optional() });
export const SurveyPostauditDraw = z.object({ ballotIds: z.array(z.number().int()), same: z.boolean() });

export type SurveyPostauditViewT = z.infer<typeof SurveyPostauditView>;
export type SurveyPostauditSetupBodyT = z.input<typeof SurveyPostauditSetupBody>;
export type SurveyPostauditAssignableT = z.infer<typeof SurveyPostauditAssignable>;
export type SurveyPostauditContactT = z.infer<typeof SurveyPostauditContact>;
export type SurveyPostauditDrawT = z.infer<typeof SurveyPostauditDraw>;
