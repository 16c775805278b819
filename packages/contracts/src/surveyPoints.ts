/** Survey points in cycles (issue #15, item 7 "Points"): the cycle binds each survey leaf to a
 * campaign code and an indicator; a member's leaf reads the published index of the nearest campaign;
 * the coordinator records the sanction decision of seed 002 per unit. */
import { LIMITS } from '@chiso/domain';
import { z } from 'zod';
import { reason, text } from './fields.ts';

const Id = z.string().uuid();

export const SurveyIndicatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overall') }),
  z.object({ kind: z.literal('field'), code: text('Mã lĩnh vực', LIMITS.criterionCode, { min: 1 }) }),
  z.object({ kind: z.literal('element'), code: text('Mã yếu tố', LIMITS.criterionCode, { min: 1 }) }),
]);

export const SURVEY_LEAF_STATES = [
  'unbound',
  'no_campaign',
  'pending',
  'index',
  'not_applicable',
  'zero',
] as const;

/** A survey leaf as a member's self-assessment and appraisal show it (read-only). */
export const SurveyLeafView = z.object({
  state: z.enum(SURVEY_LEAF_STATES),
  campaignCode: z.string().nullable(),
  campaignName: z.string().nullable(),
  /** Hundredths of a percent (9645 = 96,45 %), when the leaf has an index. */
  index: z.number().int().nullable(),
  /** Whose index: the unit's own or its subtree's. */
  source: z.enum(['unit', 'subtree']).nullable(),
  /** What the screen shows, in Vietnamese. */
  text: z.string(),
});

export const SurveyBindingParams = z.object({
  id: Id,
  code: text('Mã tiêu chí', LIMITS.criterionCode, { min: 1 }),
});
export const SurveyBindingBody = z.object({
  campaignCode: text('Mã đợt khảo sát', LIMITS.criterionCode, { min: 1 }),
  indicator: SurveyIndicatorSchema,
});
export const SurveySanctionParams = z.object({ id: Id, unitId: Id });
export const SurveySanctionBody = z.object({
  decision: z.enum(['zero', 'waived']),
  reason: reason(LIMITS.reason, 1),
});

export const SurveyPointsView = z.object({
  cycleId: Id,
  manages: z.boolean(),
  /** Bindings may change now (before the appraisal stage opens). */
  canBind: z.boolean(),
  bindBlocked: z.string().nullable(),
  leaves: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      max: z.string(),
      binding: z
        .object({
          campaignCode: z.string(),
          indicator: SurveyIndicatorSchema,
          indicatorText: z.string(),
        })
        .nullable(),
    }),
  ),
  units: z.array(
    z.object({
      unitId: Id,
      unitName: z.string(),
      leaves: z.array(SurveyLeafView.extend({ code: z.string(), points: z.string().nullable() })),
      /** Raised by the system (a report late or off-template), or null. */
      flag: z.string().nullable(),
      sanction: z
        .object({
          decision: z.enum(['zero', 'waived']),
          reason: z.string(),
          byName: z.string().nullable(),
          at: z.string(),
        })
        .nullable(),
    }),
  ),
});

export type SurveyIndicatorT = z.infer<typeof SurveyIndicatorSchema>;
export type SurveyBindingBodyT = z.input<typeof SurveyBindingBody>;
export type SurveySanctionBodyT = z.input<typeof SurveySanctionBody>;
export type SurveyPointsViewT = z.infer<typeof SurveyPointsView>;
