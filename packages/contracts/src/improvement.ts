/** Improvement plans drafted from a result (issue #16 item 4): the draft (one section per field with
 * points, lost points and the suggested lead and coordinating units), the owner's field → unit
 * mapping, and the plan made from it. */
import { z } from 'zod';
import { IsoDate, text } from './fields.ts';

const Id = z.string().uuid();

export const ImprovementDraftQuery = z.object({ resultId: Id });

const LeadIn = z.object({
  fieldCode: z.string().min(1).max(50),
  leadUnitId: Id.nullable(),
  coordinating: text('Đơn vị phối hợp', 1000),
});

export const ImprovementDraft = z.object({
  resultId: Id,
  unitId: Id,
  unitName: z.string(),
  year: z.number().int(),
  frameworkCode: z.string(),
  frameworkName: z.string(),
  total: z.string(),
  max: z.string(),
  title: z.string(),
  fields: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      points: z.string(),
      max: z.string(),
      lost: z.string(),
      lostCriteria: z.array(
        z.object({ code: z.string(), title: z.string(), points: z.string(), max: z.string() }),
      ),
      leadUnitId: Id.nullable(),
      leadUnitName: z.string().nullable(),
      coordinating: z.string(),
    }),
  ),
  /** Units the lead may be chosen among: the result's unit and its subtree. */
  units: z.array(z.object({ id: Id, name: z.string() })),
  canWrite: z.boolean(),
});

export const FieldLeadsBody = z.object({
  ownerUnitId: Id,
  frameworkCode: z.string().min(1).max(50),
  items: z.array(LeadIn).max(100),
});

export const ImprovementPlanBody = z.object({
  resultId: Id,
  number: text('Số, ký hiệu', 60, { min: 1 }),
  issuedOn: IsoDate,
  items: z.array(LeadIn).max(100),
  /** Store the leads as the owner's mapping for next time. */
  remember: z.boolean().default(true),
});

export const FieldLeadsView = z.object({
  items: z.array(LeadIn.extend({ leadUnitName: z.string().nullable() })),
});

export type ImprovementDraftT = z.infer<typeof ImprovementDraft>;
export type ImprovementPlanBodyT = z.input<typeof ImprovementPlanBody>;
export type FieldLeadsBodyT = z.input<typeof FieldLeadsBody>;
