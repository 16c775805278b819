/** Survey forms and campaigns (issue #15). Further survey areas (ballots, results, post-audit, agency
 * opinion, report requests) keep their schemas in files of their own beside this one. */
import { CAMPAIGN_STATUSES, FORM_STATUSES, LIMITS, RESPONDENT_KINDS } from '@chiso/domain';
import { z } from 'zod';
import { IsoDate, IsoDateText, reason, text } from './fields.ts';

const Id = z.string().uuid();

export const SurveyFormSummary = z.object({
  id: Id,
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  respondentKind: z.enum(RESPONDENT_KINDS),
  status: z.enum(FORM_STATUSES),
  isExample: z.boolean(),
  ownerUnitId: Id.nullable(),
  ownerUnitName: z.string().nullable(),
  questionCount: z.number().int(),
  revision: z.number().int(),
  publishedAt: z.string().nullable(),
});
export const SurveyFormList = z.object({ items: z.array(SurveyFormSummary) });
/** A form with its definition (the JSON form of packages/domain/src/survey). */
export const SurveyFormDetail = SurveyFormSummary.extend({ definition: z.unknown() });
export const SurveyFormImportBody = z.object({ ownerUnitId: Id.nullable(), definition: z.unknown() });
export const SurveyFormActionBody = z.object({ reason: reason().optional() });

const Field = z.object({
  code: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
  name: text('Tên lĩnh vực', LIMITS.label, { min: 1 }),
});
const Deadline = z.object({
  key: text('Mã mốc', LIMITS.criterionCode, { min: 1 }),
  label: text('Tên mốc', LIMITS.label, { min: 1 }),
  dueOn: IsoDate,
});
const Settings = z.object({
  marginPercent: z.number().min(0.1).max(50),
  perAddressPerHour: z.number().int().min(1).max(1_000_000),
  perDevicePerDay: z.number().int().min(1).max(10_000),
  minSeconds: z.number().int().min(0).max(3600),
});
const TargetIn = z.object({
  unitId: Id,
  fieldCode: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
  /** N: transactions of the period; the target is then ⌈N/(1+N·e²)⌉ unless typed. */
  transactions: z.number().int().min(0).max(100_000_000).nullable().optional(),
  target: z.number().int().min(0).max(10_000_000).nullable().optional(),
});

export const SurveyCampaignCreateBody = z.object({
  code: text('Mã đợt khảo sát', LIMITS.criterionCode, { min: 1 }),
  name: text('Tên đợt khảo sát', LIMITS.cycleName, { min: 1 }),
  year: z.number().int().min(2000).max(2100),
  formId: Id,
  ownerUnitId: Id,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  opensOn: IsoDate,
  closesOn: IsoDate,
  fields: z.array(Field).min(1).max(100),
  deadlines: z.array(Deadline).max(50).optional(),
  settings: Settings.partial().optional(),
  basis: text('Căn cứ', LIMITS.label).optional(),
  targets: z.array(TargetIn).min(1).max(20_000),
});

export const SurveyTargetView = z.object({
  unitId: Id,
  unitName: z.string(),
  fieldCode: z.string(),
  fieldName: z.string(),
  transactions: z.number().int().nullable(),
  target: z.number().int().nullable(),
  targetSource: z.string().nullable(),
  /** The public link's path (/s/<token>); shown to readers who may manage or enter ballots for the unit. */
  link: z.string().nullable(),
});

export const SurveyCampaignSummary = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  year: z.number().int(),
  status: z.enum(CAMPAIGN_STATUSES),
  formId: Id,
  formName: z.string(),
  respondentKind: z.enum(RESPONDENT_KINDS),
  ownerUnitId: Id,
  ownerUnitName: z.string(),
  parentId: Id.nullable(),
  periodFrom: IsoDateText,
  periodTo: IsoDateText,
  opensOn: IsoDateText,
  closesOn: IsoDateText,
  revision: z.number().int(),
});
export const SurveyCampaignList = z.object({ items: z.array(SurveyCampaignSummary) });
export const SurveyCampaignDetail = SurveyCampaignSummary.extend({
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  deadlines: z.array(z.object({ key: z.string(), label: z.string(), dueOn: IsoDateText })),
  settings: Settings,
  basis: z.string().nullable(),
  /** The reader may manage the campaign (its owner's coordinator). */
  canManage: z.boolean(),
  targets: z.array(SurveyTargetView),
});
export const SurveyCampaignStateBody = z.object({
  status: z.enum(['open', 'closed']),
  reason: reason().optional(),
});
