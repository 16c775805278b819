/** The JSON form of a framework (files under content/, import/export). Point values are decimal
 * strings ("16", "7.82" or "7,82") so that no binary float is ever involved. Text is bounded and
 * free of control and bidirectional characters (limits.ts, the same rules as the HTTP schemas), and
 * criteria nest at most LIMITS.criteriaDepth levels, checked before any recursion. */
import { z } from 'zod';
import { LIMITS, jsonDeeperThan, quoteInput, textProblem } from '../limits.ts';
import { formatPoints, parsePoints, toDecimalString } from '../points.ts';
import { zodMessageVi } from '../zodVi.ts';
import type { Criterion, Framework, Rule } from './types.ts';
import type { Issue } from './validate.ts';

/** Largest point value a framework may hold (the database keeps numeric(7,2)). */
const MAX_POINTS = 9_999_999;

const Pts = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const h = parsePoints(String(v));
  if (h === null) {
    ctx.addIssue({
      code: 'custom',
      message: `${quoteInput(String(v))} không phải số điểm hợp lệ (tối đa hai chữ số thập phân).`,
    });
    return z.NEVER;
  }
  if (Math.abs(h) > MAX_POINTS) {
    ctx.addIssue({
      code: 'custom',
      message: `${formatPoints(h)} vượt giới hạn ${formatPoints(MAX_POINTS)} điểm.`,
    });
    return z.NEVER;
  }
  return h;
});

/** A trimmed text field with the shared rules (length, no control or bidirectional characters). */
const text = (label: string, max: number, min = 0, multiline = false) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const p = textProblem(v, { label, max, min, multiline });
      // the message names the field itself
      if (p) ctx.addIssue({ code: 'custom', message: p, params: { labelled: true } });
    });

const Label = text('Nhãn', LIMITS.label, 1);

const RuleJson = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual'), step: Pts.optional() }),
  z.object({ type: z.literal('done') }),
  z.object({
    type: z.literal('levels'),
    levels: z.array(z.object({ code: text('Mã mức', LIMITS.criterionCode, 1), label: Label, points: Pts })),
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
  z.object({ type: z.literal('survey'), surveyCode: text('Mã khảo sát', LIMITS.criterionCode).optional() }),
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
    code: text('Mã tiêu chí', LIMITS.criterionCode, 1),
    title: text('Tên tiêu chí', LIMITS.criterionTitle, 1),
    guidance: text('Hướng dẫn', LIMITS.guidance, 0, true).optional(),
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
  code: text('Mã bộ tiêu chí', LIMITS.frameworkCode, 1),
  name: text('Tên bộ tiêu chí', LIMITS.frameworkName, 1),
  yearFrom: z.number().int().min(2000).max(2100),
  yearTo: z.number().int().min(2000).max(2100).nullable().optional(),
  legalBasis: z.array(text('Căn cứ pháp lý', LIMITS.label, 0, true)).max(100),
  appliesTo: z.array(text('Loại đơn vị áp dụng', LIMITS.label)).max(100),
  totalMax: Pts,
  bands: z.array(
    z.object({
      code: text('Mã mức xếp loại', LIMITS.criterionCode),
      label: Label,
      minIndex: Pts,
      isExample: z.boolean().optional(),
    }),
  ),
  allowNegativeTotal: z.boolean().optional(),
  isExample: z.boolean().optional(),
  notes: text('Ghi chú', LIMITS.frameworkNotes, 0, true).optional(),
  comparesWith: z
    .object({
      frameworkCode: text('Mã bộ tiêu chí so sánh', LIMITS.frameworkCode, 1),
      mapping: z.record(
        text('Mã tiêu chí', LIMITS.criterionCode, 1),
        text('Mã tiêu chí', LIMITS.criterionCode, 1).nullable(),
      ),
    })
    .optional(),
  criteria: z.array(CriterionJson),
});

/** Field names of the JSON form, as the messages name them. */
const FIELDS: Record<string, string> = {
  code: 'mã',
  title: 'tên',
  name: 'tên bộ tiêu chí',
  guidance: 'hướng dẫn',
  max: 'điểm tối đa',
  rule: 'quy tắc chấm',
  type: 'loại quy tắc',
  step: 'bước chấm',
  levels: 'các mức',
  label: 'nhãn',
  points: 'điểm',
  tiers: 'các bậc',
  minPercent: 'tỷ lệ từ',
  capPercent: 'mức trần',
  floorPercent: 'ngưỡng sàn',
  whenNoDenominator: 'khi mẫu số bằng 0',
  start: 'điểm khởi đầu',
  perIncident: 'điểm trừ mỗi vụ việc',
  floor: 'điểm sàn',
  surveyCode: 'mã khảo sát',
  evidenceRequired: 'yêu cầu tài liệu kiểm chứng',
  mayBeNotApplicable: 'được không áp dụng',
  block: 'khối điểm thưởng/trừ',
  isExample: 'đánh dấu mẫu',
  children: 'tiêu chí con',
  criteria: 'danh sách tiêu chí',
  yearFrom: 'năm bắt đầu',
  yearTo: 'năm kết thúc',
  legalBasis: 'căn cứ pháp lý',
  appliesTo: 'loại đơn vị áp dụng',
  totalMax: 'tổng điểm tối đa',
  bands: 'mức xếp loại',
  minIndex: 'ngưỡng chỉ số',
  allowNegativeTotal: 'cho phép tổng âm',
  notes: 'ghi chú',
  comparesWith: 'so sánh với bộ tiêu chí',
  frameworkCode: 'mã bộ tiêu chí so sánh',
  mapping: 'bảng tương ứng mã tiêu chí',
};

/** Where an issue lies: the code of the innermost criterion on its path (or "") and a Vietnamese
 * description of the field ("tên", "các mức › 2 › điểm"). */
function locate(value: unknown, path: readonly PropertyKey[]): { criterion: string; where: string } {
  let criterion = '';
  let node: unknown = value;
  let rest: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    node =
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const parent = path[i - 1];
    if (typeof key === 'number' && (parent === 'criteria' || parent === 'children')) {
      const code = (node as { code?: unknown } | undefined)?.code;
      criterion = typeof code === 'string' ? code.trim().slice(0, LIMITS.criterionCode) : `(thứ ${key + 1})`;
      rest = [];
    } else if (key !== 'criteria' && key !== 'children')
      rest.push(
        typeof key === 'number' ? `thứ ${key + 1}` : (FIELDS[String(key)] ?? quoteInput(String(key))),
      );
  }
  return { criterion, where: rest.join(' › ') };
}

const capitalise = (m: string) => m.charAt(0).toLocaleUpperCase('vi') + m.slice(1);

/** Criteria nested deeper than LIMITS.criteriaDepth, found without recursion: the first too-deep
 * criterion's code (or its parent's when it has none) and its level. */
function tooDeep(value: unknown): { code: string; level: number } | null {
  const root = (value as { criteria?: unknown } | null)?.criteria;
  if (!Array.isArray(root)) return null;
  const stack: { c: unknown; level: number; parentCode: string }[] = root.map((c) => ({
    c,
    level: 1,
    parentCode: '',
  }));
  while (stack.length) {
    const { c, level, parentCode } = stack.pop()!;
    if (c === null || typeof c !== 'object') continue;
    const raw = (c as { code?: unknown }).code;
    const code =
      typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, LIMITS.criterionCode) : parentCode;
    if (level > LIMITS.criteriaDepth) return { code, level };
    const kids = (c as { children?: unknown }).children;
    if (Array.isArray(kids)) for (const k of kids) stack.push({ c: k, level: level + 1, parentCode: code });
  }
  return null;
}

export function parseFrameworkJson(value: unknown): {
  framework: Framework | null;
  errors: string[];
  issues: Issue[];
} {
  const refuse = (issues: Issue[]) => ({ framework: null, errors: issues.map((i) => i.message), issues });
  const deep = tooDeep(value);
  if (deep)
    return refuse([
      {
        criterion: deep.code,
        severity: 'error',
        message: `Tiêu chí ${deep.code || '(không mã)'} nằm ở cấp thứ ${deep.level}; bộ tiêu chí chỉ được có tối đa ${LIMITS.criteriaDepth} cấp tiêu chí.`,
      },
    ]);
  if (jsonDeeperThan(value, LIMITS.jsonDepth))
    return refuse([
      {
        criterion: '',
        severity: 'error',
        message: `Định nghĩa bộ tiêu chí lồng nhau quá ${LIMITS.jsonDepth} cấp.`,
      },
    ]);
  const r = FrameworkJson.safeParse(value, { error: zodMessageVi });
  if (!r.success)
    return refuse(
      r.error.issues.slice(0, 200).map((i) => {
        const { criterion, where } = locate(value, i.path);
        const head = criterion ? `Tiêu chí ${criterion}` : '';
        const labelled = i.code === 'custom' && (i.params as { labelled?: boolean } | undefined)?.labelled;
        const message =
          labelled || !where
            ? `${head ? head + ': ' : ''}${i.message}`
            : `${head ? head + ', ' : ''}${where}: ${i.message}`;
        return { criterion, severity: 'error' as const, message: capitalise(message) };
      }),
    );
  return { framework: r.data as Framework, errors: [], issues: [] };
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
