/** The JSON form of a framework (files under content/, import/export). Point values are decimal
 * strings ("16", "7.82" or "7,82") so that no binary float is ever involved. */
import { z } from 'zod';
import { parsePoints, toDecimalString } from '../points.ts';
import type { Criterion, Framework, Rule } from './types.ts';

const Pts = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const h = parsePoints(String(v));
  if (h === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" không phải số điểm hợp lệ (tối đa hai chữ số thập phân)`,
    });
    return z.NEVER;
  }
  return h;
});

const RuleJson = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual'), step: Pts.optional() }),
  z.object({ type: z.literal('done') }),
  z.object({
    type: z.literal('levels'),
    levels: z.array(z.object({ code: z.string().min(1), label: z.string().min(1), points: Pts })),
  }),
  z.object({
    type: z.literal('ratio_tiers'),
    tiers: z.array(z.object({ minPercent: Pts, points: Pts })),
    whenNoDenominator: z.enum(['not_applicable', 'full', 'zero']).optional(),
  }),
  z.object({
    type: z.literal('ratio_proportional'),
    capPercent: Pts.optional(),
    floorPercent: Pts.optional(),
    whenNoDenominator: z.enum(['not_applicable', 'full', 'zero']).optional(),
  }),
  z.object({ type: z.literal('deduction'), start: Pts, perIncident: Pts, floor: Pts }),
  z.object({ type: z.literal('survey'), surveyCode: z.string().optional() }),
]);

interface CriterionJsonIn {
  code: string;
  title: string;
  guidance?: string | undefined;
  max: string | number;
  rule?: z.input<typeof RuleJson> | undefined;
  evidenceRequired?: boolean | undefined;
  mayBeNotApplicable?: boolean | undefined;
  block?: 'bonus' | 'penalty' | undefined;
  isExample?: boolean | undefined;
  children?: CriterionJsonIn[] | undefined;
}

const CriterionJson: z.ZodType<Criterion, CriterionJsonIn> = z.lazy(() =>
  z.object({
    code: z.string().trim().min(1),
    title: z.string().trim().min(1),
    guidance: z.string().optional(),
    max: Pts,
    rule: RuleJson.optional(),
    evidenceRequired: z.boolean().optional(),
    mayBeNotApplicable: z.boolean().optional(),
    block: z.enum(['bonus', 'penalty']).optional(),
    isExample: z.boolean().optional(),
    children: z.array(CriterionJson).optional(),
  }),
) as unknown as z.ZodType<Criterion, CriterionJsonIn>;

export const FrameworkJson = z.object({
  code: z.string().trim().min(1),
  name: z.string().trim().min(1),
  yearFrom: z.number().int().min(2000).max(2100),
  yearTo: z.number().int().min(2000).max(2100).nullable().optional(),
  legalBasis: z.array(z.string()),
  appliesTo: z.array(z.string()),
  totalMax: Pts,
  bands: z.array(
    z.object({ code: z.string(), label: z.string(), minIndex: Pts, isExample: z.boolean().optional() }),
  ),
  allowNegativeTotal: z.boolean().optional(),
  isExample: z.boolean().optional(),
  notes: z.string().optional(),
  comparesWith: z
    .object({ frameworkCode: z.string().trim().min(1), mapping: z.record(z.string(), z.string().nullable()) })
    .optional(),
  criteria: z.array(CriterionJson),
});

export function parseFrameworkJson(value: unknown): { framework: Framework | null; errors: string[] } {
  const r = FrameworkJson.safeParse(value);
  if (!r.success)
    return {
      framework: null,
      errors: r.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`),
    };
  return { framework: r.data as Framework, errors: [] };
}

const s = toDecimalString;

function ruleToJson(r: Rule): unknown {
  switch (r.type) {
    case 'manual':
      return r.step === undefined ? { type: 'manual' } : { type: 'manual', step: s(r.step) };
    case 'levels':
      return {
        type: 'levels',
        levels: r.levels.map((l) => ({ code: l.code, label: l.label, points: s(l.points) })),
      };
    case 'ratio_tiers':
      return {
        type: 'ratio_tiers',
        tiers: r.tiers.map((t) => ({ minPercent: s(t.minPercent), points: s(t.points) })),
        ...(r.whenNoDenominator ? { whenNoDenominator: r.whenNoDenominator } : {}),
      };
    case 'ratio_proportional':
      return {
        type: 'ratio_proportional',
        ...(r.capPercent !== undefined ? { capPercent: s(r.capPercent) } : {}),
        ...(r.floorPercent !== undefined ? { floorPercent: s(r.floorPercent) } : {}),
        ...(r.whenNoDenominator ? { whenNoDenominator: r.whenNoDenominator } : {}),
      };
    case 'deduction':
      return { type: 'deduction', start: s(r.start), perIncident: s(r.perIncident), floor: s(r.floor) };
    default:
      return r;
  }
}

function criterionToJson(c: Criterion): unknown {
  return {
    code: c.code,
    title: c.title,
    ...(c.guidance ? { guidance: c.guidance } : {}),
    max: s(c.max),
    ...(c.rule ? { rule: ruleToJson(c.rule) } : {}),
    ...(c.evidenceRequired !== undefined ? { evidenceRequired: c.evidenceRequired } : {}),
    ...(c.mayBeNotApplicable !== undefined ? { mayBeNotApplicable: c.mayBeNotApplicable } : {}),
    ...(c.block ? { block: c.block } : {}),
    ...(c.isExample ? { isExample: true } : {}),
    ...(c.children?.length ? { children: c.children.map(criterionToJson) } : {}),
  };
}

export function frameworkToJson(fw: Framework): unknown {
  return {
    code: fw.code,
    name: fw.name,
    yearFrom: fw.yearFrom,
    ...(fw.yearTo != null ? { yearTo: fw.yearTo } : {}),
    legalBasis: fw.legalBasis,
    appliesTo: fw.appliesTo,
    totalMax: s(fw.totalMax),
    bands: fw.bands.map((b) => ({
      code: b.code,
      label: b.label,
      minIndex: s(b.minIndex),
      ...(b.isExample ? { isExample: true } : {}),
    })),
    ...(fw.allowNegativeTotal ? { allowNegativeTotal: true } : {}),
    ...(fw.isExample ? { isExample: true } : {}),
    ...(fw.notes ? { notes: fw.notes } : {}),
    ...(fw.comparesWith ? { comparesWith: fw.comparesWith } : {}),
    criteria: fw.criteria.map(criterionToJson),
  };
}

/** A framework copied to a new year (a draft): same criteria, new year range. */
export function cloneFramework(fw: Framework, year: number, code?: string): Framework {
  const copy = JSON.parse(JSON.stringify(fw)) as Framework;
  return {
    ...copy,
    code: code ?? fw.code.replace(/\d{4}$/, String(year)),
    yearFrom: year,
    yearTo: year,
    name: fw.name.replace(/\d{4}/, String(year)),
  };
}
