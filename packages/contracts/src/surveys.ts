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
  /** The campaign it was copied down from, and those copied down from it (readable ones). */
  parentName: z.string().nullable(),
  children: z.array(SurveyCampaignSummary),
});
export const SurveyCampaignStateBody = z.object({
  status: z.enum(['open', 'closed']),
  reason: reason().optional(),
});

// ---- campaign administration (slice G): editing, targets, import, allocation, copy-down

/** Edit a draft campaign (every key optional; `revision` is the one read). */
export const SurveyCampaignUpdateBody = z.object({
  revision: z.number().int(),
  name: text('Tên đợt khảo sát', LIMITS.cycleName, { min: 1 }).optional(),
  periodFrom: IsoDate.optional(),
  periodTo: IsoDate.optional(),
  opensOn: IsoDate.optional(),
  closesOn: IsoDate.optional(),
  fields: z.array(Field).min(1).max(100).optional(),
  deadlines: z.array(Deadline).max(50).optional(),
  settings: Settings.partial().optional(),
  basis: text('Căn cứ', LIMITS.label).nullable().optional(),
});

/** The whole set of targets (units × fields), replacing the one stored; links of kept pairs stay. */
export const SurveyTargetsBody = z.object({
  revision: z.number().int(),
  targets: z.array(TargetIn).min(1).max(20_000),
});

/** Allocate a total of ballots among the targets of a field (under a unit, or all) in proportion to N
 * (largest remainder). Without `total`, on a copied-down campaign: each target of the parent on that
 * field is split among the targets under its unit. */
export const SurveyAllocateBody = z.object({
  revision: z.number().int(),
  fieldCode: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
  total: z.number().int().min(0).max(10_000_000).optional(),
  underUnitId: Id.optional(),
});

/** Copy a campaign down to a unit under its owner, which may only narrow it. */
export const SurveyCopyDownBody = z.object({
  ownerUnitId: Id,
  code: text('Mã đợt khảo sát', LIMITS.criterionCode, { min: 1 }).optional(),
  name: text('Tên đợt khảo sát', LIMITS.cycleName, { min: 1 }).optional(),
  periodFrom: IsoDate.optional(),
  periodTo: IsoDate.optional(),
  opensOn: IsoDate.optional(),
  closesOn: IsoDate.optional(),
  /** Codes of the parent's fields kept (default: all). */
  fieldCodes: z.array(z.string()).min(1).max(100).optional(),
  targets: z.array(TargetIn).min(1).max(20_000),
  /** Split each parent target among the targets under its unit in proportion to N. */
  allocate: z.boolean().optional(),
});

export const SurveyTargetsResult = z.object({
  id: Id,
  targets: z.number().int(),
  revision: z.number().int(),
});
export const SurveyImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export type SurveyFormSummaryT = z.infer<typeof SurveyFormSummary>;
export type SurveyFormListT = z.infer<typeof SurveyFormList>;
export type SurveyFormDetailT = z.infer<typeof SurveyFormDetail>;
export type SurveyCampaignSummaryT = z.infer<typeof SurveyCampaignSummary>;
export type SurveyCampaignListT = z.infer<typeof SurveyCampaignList>;
export type SurveyCampaignDetailT = z.infer<typeof SurveyCampaignDetail>;
export type SurveyTargetViewT = z.infer<typeof SurveyTargetView>;
export type SurveyCampaignCreateBodyT = z.input<typeof SurveyCampaignCreateBody>;
export type SurveyCampaignUpdateBodyT = z.input<typeof SurveyCampaignUpdateBody>;
export type SurveyTargetsBodyT = z.input<typeof SurveyTargetsBody>;
export type SurveyAllocateBodyT = z.input<typeof SurveyAllocateBody>;
export type SurveyCopyDownBodyT = z.input<typeof SurveyCopyDownBody>;
export type SurveyTargetsResultT = z.infer<typeof SurveyTargetsResult>;
