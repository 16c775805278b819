/** Checking a framework while it is edited, with the domain code the server runs: the JSON form as
 * typed (points as decimal strings, "7,82" or "7.82"; rules as text) sanitised, parsed and
 * validated; the issues placed on their criteria. */
import type { CriterionJsonT, FrameworkJsonT } from '@chiso/contracts';
import {
  formatPoints,
  parseFrameworkJson,
  parsePoints,
  parseRule,
  validateFramework,
  type Criterion,
  type Issue,
  type Rule,
} from '@chiso/domain';

/** Points of the JSON form (decimal strings from the server; numbers are accepted too). */
export const pointsOf = (v: string | number) => parsePoints(String(v));
/** A point value as users type it: decimal comma. */
export const decimalComma = (v: string | number) => String(v).replace('.', ',');

/** Check the edited JSON as typed: a maximum that is not a number counts as 0 for the other checks
 * and is reported on its criterion; a rule typed as text is parsed. `definition` is what a save
 * sends, null when something typed could not be kept as it is (nothing is then saved). */
export function liveCheck(def: FrameworkJsonT, ruleTexts: Record<string, string>) {
  const fieldErrors: Issue[] = [];
  const fix = (c: CriterionJsonT): CriterionJsonT => {
    const max = pointsOf(c.max);
    if (max === null)
      fieldErrors.push({
        criterion: c.code,
        severity: 'error',
        message: `Tiêu chí ${c.code}: điểm tối đa "${c.max}" không phải số hợp lệ (tối đa hai chữ số thập phân).`,
      });
    let rule: unknown = c.rule;
    const text = ruleTexts[c.code];
    if (text !== undefined && !c.children?.length) {
      const r: { rule?: Rule; error?: string } = text.trim() ? parseRule(text) : {};
      if (r.error !== undefined)
        fieldErrors.push({ criterion: c.code, severity: 'error', message: `Tiêu chí ${c.code}: ${r.error}` });
      else rule = r.rule ? JSON.parse(JSON.stringify(ruleToJsonLoose(r.rule))) : undefined;
    }
    const out: CriterionJsonT = { ...c, max: max === null ? '0' : c.max };
    if (rule === undefined) delete out.rule;
    else out.rule = rule as CriterionJsonT['rule'];
    if (c.children) out.children = c.children.map(fix);
    return out;
  };
  const total = pointsOf(def.totalMax);
  if (total === null)
    fieldErrors.push({
      criterion: '',
      severity: 'error',
      message: `Tổng điểm tối đa "${def.totalMax}" không hợp lệ.`,
    });
  const clean = { ...def, totalMax: total === null ? '0' : def.totalMax, criteria: def.criteria.map(fix) };
  const parsed = parseFrameworkJson(clean);
  const issues = parsed.framework
    ? [...fieldErrors, ...validateFramework(parsed.framework)]
    : [
        ...fieldErrors,
        ...parsed.errors.map((m) => ({ criterion: '', severity: 'error' as const, message: m })),
      ];
  // what is saved is what was typed: only when nothing had to be replaced to check it
  return { definition: fieldErrors.length ? null : clean, framework: parsed.framework, issues };
}

/** Rules parsed from text are in hundredths; the JSON form wants decimal strings. */
function ruleToJsonLoose(r: NonNullable<ReturnType<typeof parseRule>['rule']>): unknown {
  const s = (h: number) => formatPoints(h).replace(',', '.');
  switch (r.type) {
    case 'manual':
      return r.step === undefined ? { type: 'manual' } : { type: 'manual', step: s(r.step) };
    case 'levels':
      return { type: 'levels', levels: r.levels.map((l) => ({ ...l, points: s(l.points) })) };
    case 'ratio_tiers':
      return {
        ...r,
        tiers: r.tiers.map((x) => ({ minPercent: s(x.minPercent), points: s(x.points) })),
      };
    case 'ratio_proportional':
      return {
        ...r,
        ...(r.capPercent !== undefined ? { capPercent: s(r.capPercent) } : {}),
        ...(r.floorPercent !== undefined ? { floorPercent: s(r.floorPercent) } : {}),
      };
    case 'deduction':
      return { type: 'deduction', start: s(r.start), perIncident: s(r.perIncident), floor: s(r.floor) };
    default:
      return r;
  }
}

/** The criteria with the one of `code` replaced by `f` of it. */
export function mapCriteria(
  list: CriterionJsonT[],
  code: string,
  f: (c: CriterionJsonT) => CriterionJsonT,
): CriterionJsonT[] {
  return list.map((c) =>
    c.code === code ? f(c) : c.children ? { ...c, children: mapCriteria(c.children, code, f) } : c,
  );
}

/** The rule of the criterion `code`, anywhere in the tree. */
export function findRule(list: readonly Criterion[], code: string): Rule | undefined {
  for (const c of list) {
    if (c.code === code) return c.rule;
    const r = findRule(c.children ?? [], code);
    if (r) return r;
  }
  return undefined;
}
