/** What a person types for a leaf, as text (a form field, a spreadsheet cell), read according to the
 * leaf's rule: "7,5" points, "Có"/"Không", a level code or label, "45/50", a count of incidents,
 * a survey index "96,4" (%), or "KAD" (không áp dụng). `formatLeafInput` is the inverse. */
import { formatPoints, parsePoints } from '../points.ts';
import { quoteInput } from '../limits.ts';
import { searchKey } from '../text.ts';
import type { Criterion, Framework, Rule } from '../framework/types.ts';
import type { LeafInput } from './engine.ts';

export const NOT_APPLICABLE_TEXT = 'KAD';

/** Counts (numerators, denominators, incidents) are exact integers: at most 2^53 − 1. */
const MAX_COUNT_TEXT = '9 007 199 254 740 991';

export type InputParse = { input: LeafInput | undefined; error?: undefined } | { error: string };

const YES = new Set(['co', 'x', 'dat', 'da thuc hien', 'yes', '1']);
const NO = new Set(['khong', 'chua dat', 'chua thuc hien', 'no', '0']);

/** Read `text` for leaf `c`. Empty text is "not entered yet" (undefined). */
export function parseLeafInput(
  c: Pick<Criterion, 'code' | 'max' | 'rule' | 'mayBeNotApplicable'>,
  text: string,
): InputParse {
  const t = text.normalize('NFC').trim();
  if (t === '') return { input: undefined };
  const k = searchKey(t);
  const where = `Tiêu chí ${c.code}`;
  if (k === 'kad' || k === 'khong ap dung') {
    if (c.mayBeNotApplicable === false) return { error: `${where}: không được xác định là không áp dụng.` };
    return { input: { na: true } };
  }
  const rule: Rule = c.rule ?? { type: 'manual' };
  switch (rule.type) {
    case 'manual': {
      const v = parsePoints(t);
      if (v === null) return { error: `${where}: ${quoteInput(t)} không phải số điểm hợp lệ.` };
      if (v < 0 || v > c.max)
        return { error: `${where}: ${formatPoints(v)} điểm nằm ngoài khoảng 0–${formatPoints(c.max)}.` };
      if (rule.step && v % rule.step !== 0)
        return { error: `${where}: điểm phải là bội của ${formatPoints(rule.step)}.` };
      return { input: { value: v } };
    }
    case 'done':
      if (YES.has(k)) return { input: { done: true } };
      if (NO.has(k)) return { input: { done: false } };
      return { error: `${where}: ghi "Có" (đã thực hiện) hoặc "Không".` };
    case 'levels': {
      const l = rule.levels.find((x) => searchKey(x.code) === k || searchKey(x.label) === k);
      if (!l)
        return {
          error: `${where}: ${quoteInput(t)} không phải một mức (${rule.levels.map((x) => `${x.code}: ${x.label}`).join('; ')}).`,
        };
      return { input: { level: l.code } };
    }
    case 'ratio_tiers':
    case 'ratio_proportional': {
      const m = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
      if (!m) return { error: `${where}: ghi tỷ lệ dạng "tử số/mẫu số", ví dụ "45/50".` };
      const numerator = Number(m[1]);
      const denominator = Number(m[2]);
      if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator))
        return { error: `${where}: tử số và mẫu số quá lớn (tối đa ${MAX_COUNT_TEXT}).` };
      if (denominator === 0 && numerator > 0)
        return {
          error: `${where}: tỷ lệ “${numerator}/0” có mẫu số bằng 0 nhưng tử số khác 0; không có trường hợp nào thì ghi “0/0”.`,
        };
      if (numerator > denominator && denominator > 0)
        return { error: `${where}: tử số ${numerator} lớn hơn mẫu số ${denominator}.` };
      return { input: { numerator, denominator } };
    }
    case 'deduction': {
      if (!/^\d+$/.test(t)) return { error: `${where}: ghi số vụ việc (số nguyên không âm).` };
      const incidents = Number(t);
      if (!Number.isSafeInteger(incidents))
        return { error: `${where}: số vụ việc quá lớn (tối đa ${MAX_COUNT_TEXT}).` };
      return { input: { incidents } };
    }
    case 'survey': {
      const v = parsePoints(t.replace(/%$/, '').trim());
      if (v === null || v < 0 || v > 10000)
        return { error: `${where}: chỉ số khảo sát ${quoteInput(t)} phải là phần trăm từ 0 đến 100.` };
      return { input: { surveyIndex: v } };
    }
  }
}

export function formatLeafInput(input: LeafInput | undefined): string {
  if (!input) return '';
  if ('na' in input) return NOT_APPLICABLE_TEXT;
  if ('value' in input) return formatPoints(input.value);
  if ('done' in input) return input.done ? 'Có' : 'Không';
  if ('level' in input) return input.level;
  if ('numerator' in input) return `${input.numerator}/${input.denominator}`;
  if ('incidents' in input) return String(input.incidents);
  if ('surveyIndex' in input) return formatPoints(input.surveyIndex);
  return '';
}

/** The framework cut at its fields: each top-level criterion becomes a leaf scored directly. Used for
 * results known only by field (historical tables such as seed 004). */
export function fieldsOnly(fw: Framework): Framework {
  return {
    ...fw,
    criteria: fw.criteria.map(({ children: _children, rule: _rule, ...c }) => ({
      ...c,
      rule: { type: 'manual' as const },
    })),
  };
}

/** Leaves of a framework in order (the criteria a unit scores). */
export function leavesOf(fw: Framework): Criterion[] {
  const out: Criterion[] = [];
  const visit = (c: Criterion) => (c.children?.length ? c.children.forEach(visit) : out.push(c));
  fw.criteria.forEach(visit);
  return out;
}
