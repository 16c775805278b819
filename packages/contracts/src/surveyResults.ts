/** Results of a survey campaign (issue #15 item 7): indices per question, element, unit × field,
 * unit, subtree and overall with their counts, external indices, publication. */
import { CAMPAIGN_STATUSES, LIMITS } from '@chiso/domain';
import { z } from 'zod';
import { reason, text } from './fields.ts';

const Id = z.string().uuid();
const Count = z.number().int();

/** An index in hundredths of a percent (9645 = 96,45 %), null when nothing was answered; with the
 * satisfied ratings and the ratings counted below it. */
export const SurveyIndexCell = z.object({ index: Count.nullable(), satisfied: Count, ratings: Count });
const Cells = z.record(z.string(), SurveyIndexCell);

const Counts = {
  returned: Count,
  valid: Count,
  invalid: Count,
  online: Count,
};

export const SurveyFieldResult = z.object({
  fieldCode: z.string(),
  fieldName: z.string(),
  /** Chỉ tiêu (the target); "phát ra" (issued) belongs to the report. */
  target: Count.nullable(),
  ...Counts,
  belowTarget: z.boolean(),
  index: SurveyIndexCell,
  elements: Cells,
  questions: Cells,
  external: z.object({ document: z.string(), issued: Count.nullable() }).optional(),
});

export const SurveyGroupResult = z.object({
  ...Counts,
  overallN: Count,
  overallSatisfied: Count,
  /** Half-width of the 95 % Wilson interval of the overall question, hundredths of a percent. */
  margin: Count.nullable(),
  index: SurveyIndexCell,
  elements: Cells,
});

export const SurveyUnitResult = SurveyGroupResult.extend({
  unitId: Id,
  unitName: z.string(),
  belowTarget: z.boolean(),
  fields: z.array(SurveyFieldResult),
});

export const SurveySubtreeResult = SurveyGroupResult.extend({
  unitId: Id,
  unitName: z.string(),
  /** Depth below the campaign's owner (0: the owner). */
  depth: Count,
});

export const SurveyExternalIndex = z.object({
  unitId: Id,
  unitName: z.string(),
  fieldCode: z.string(),
  fieldName: z.string(),
  index: Count,
  issued: Count.nullable(),
  returned: Count.nullable(),
  valid: Count.nullable(),
  document: z.string(),
  enteredAt: z.string().nullable(),
});

export const SurveyResultsView = z.object({
  campaign: z.object({
    id: Id,
    code: z.string(),
    name: z.string(),
    year: z.number().int(),
    status: z.enum(CAMPAIGN_STATUSES),
    ownerUnitId: Id,
    ownerUnitName: z.string(),
    /** The reader is the owner's coordinator: enters external indices, publishes. */
    canManage: z.boolean(),
  }),
  /** provisional: computed now from the ballots ("tạm tính"); published: frozen at publication. */
  state: z.enum(['provisional', 'published']),
  publishedAt: z.string().nullable(),
  satisfiedFrom: Count,
  elements: z.array(z.object({ code: z.string(), name: z.string() })),
  questions: z.array(z.object({ code: z.string(), text: z.string(), element: z.string().nullable() })),
  overallQuestion: z.string().nullable(),
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  units: z.array(SurveyUnitResult),
  subtrees: z.array(SurveySubtreeResult),
  /** Per field over all units, and over everything: only for readers of the owner. */
  fieldTotals: z.array(SurveyGroupResult.extend({ fieldCode: z.string(), fieldName: z.string() })).nullable(),
  overall: SurveyGroupResult.nullable(),
  external: z.array(SurveyExternalIndex),
});

export const SurveyExternalList = z.object({ items: z.array(SurveyExternalIndex) });

/** An external index as published (percent with a decimal comma, at most two decimals: "96,45"). */
export const SurveyExternalBody = z.object({
  unitId: Id,
  fieldCode: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
  index: text('Chỉ số', 20, { min: 1 }),
  issued: z.number().int().min(0).max(100_000_000).nullable().optional(),
  returned: z.number().int().min(0).max(100_000_000).nullable().optional(),
  valid: z.number().int().min(0).max(100_000_000).nullable().optional(),
  document: text('Văn bản công bố', LIMITS.label, { min: 1 }),
  reason: reason().optional(),
});
export const SurveyExternalDeleteBody = z.object({
  unitId: Id,
  fieldCode: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }),
  reason: reason(LIMITS.reason, 1),
});
export const SurveyPublishBody = z.object({ reason: reason().optional() });

export type SurveyResultsViewT = z.infer<typeof SurveyResultsView>;
export type SurveyExternalIndexT = z.infer<typeof SurveyExternalIndex>;
export type SurveyExternalBodyT = z.input<typeof SurveyExternalBody>;
