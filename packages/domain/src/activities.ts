/** Activity records that targets count (issue #16 item 3) and the counters a cycle binds a leaf to.
 * Pure: what kinds of record there are, which integer figures each kind carries, which counters exist
 * (data: a registry), how a count becomes points (a rule stored in the binding), and what a unit is
 * offered in its self-assessment for a counted leaf. */
import type { Criterion } from './framework/types.ts';
import { divRoundHalfUp, formatPoints, type Hundredths } from './points.ts';
import type { LeafInput } from './scoring/engine.ts';

export const ACTIVITY_KINDS = ['inspection', 'news', 'event', 'training', 'initiative', 'dialogue'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  inspection: 'Kiểm tra',
  news: 'Tin, bài',
  event: 'Hội thi, hội nghị',
  training: 'Tập huấn, bồi dưỡng',
  initiative: 'Sáng kiến',
  dialogue: 'Đối thoại với người dân',
};

/** The integer figures a record may carry, each meaningful for some kinds. */
export const ACTIVITY_FIGURES = [
  'issuesFound',
  'issuesResolved',
  'quota',
  'trained',
  'participants',
] as const;
export type ActivityFigure = (typeof ACTIVITY_FIGURES)[number];

export const ACTIVITY_FIGURE_LABELS: Record<ActivityFigure, string> = {
  issuesFound: 'Số tồn tại phát hiện',
  issuesResolved: 'Số tồn tại đã khắc phục',
  quota: 'Chỉ tiêu',
  trained: 'Số người được tập huấn',
  participants: 'Số người tham dự',
};

/** Which figures each kind records (others are refused). */
export const FIGURES_OF_KIND: Record<ActivityKind, readonly ActivityFigure[]> = {
  inspection: ['issuesFound', 'issuesResolved'],
  news: [],
  event: ['participants'],
  training: ['quota', 'trained'],
  initiative: [],
  dialogue: ['participants'],
};

/** A record's own problem (Vietnamese), or null: figures that do not belong to the kind, more issues
 * resolved than found, an end before the start. */
export function activityProblem(a: {
  kind: ActivityKind;
  startsOn: string;
  endsOn?: string | null | undefined;
  figures: Partial<Record<ActivityFigure, number>>;
}): string | null {
  const allowed = FIGURES_OF_KIND[a.kind];
  for (const [k, v] of Object.entries(a.figures) as [ActivityFigure, number | undefined][]) {
    if (v === undefined) continue;
    if (!allowed.includes(k))
      return `${ACTIVITY_FIGURE_LABELS[k]} không dùng cho loại “${ACTIVITY_KIND_LABELS[a.kind]}”.`;
    if (!Number.isSafeInteger(v) || v < 0) return `${ACTIVITY_FIGURE_LABELS[k]} phải là số nguyên không âm.`;
  }
  const f = a.figures;
  if (f.issuesFound !== undefined && f.issuesResolved !== undefined && f.issuesResolved > f.issuesFound)
    return `Số tồn tại đã khắc phục (${f.issuesResolved}) lớn hơn số phát hiện (${f.issuesFound}).`;
  if (a.endsOn && a.endsOn < a.startsOn) return 'Ngày kết thúc trước ngày bắt đầu.';
  return null;
}

// ————————————————————————————— counters —————————————————————————————

/** What a counter yields: a ratio (done of a total) or a count of incidents. */
export type CountValue =
  { kind: 'ratio'; done: number; total: number } | { kind: 'incidents'; count: number };

export interface CounterDef {
  output: CountValue['kind'];
  /** What it counts, as the binding screen says it. */
  label: string;
  /** The word after a number ("3 cuộc kiểm tra"). */
  noun: string;
}

/** The registry of counters a cycle may bind a leaf to. Adding one here makes the server's
 * exhaustive table of sources (`modules/activities/counters.ts`) fail to compile until it says how
 * to count it — the extension point for "plan tasks done ÷ total" (issue #16 item 2, tasks). */
export const COUNTERS = {
  inspections_done: {
    output: 'ratio',
    label: 'Cuộc kiểm tra CCHC đã thực hiện ÷ cuộc theo kế hoạch trong năm',
    noun: 'cuộc kiểm tra',
  },
  tasks_done: {
    output: 'ratio',
    label: 'Nhiệm vụ của kế hoạch đã hoàn thành ÷ nhiệm vụ đến hạn trong năm',
    noun: 'nhiệm vụ',
  },
  late_reports: {
    output: 'incidents',
    label: 'Báo cáo gửi muộn hoặc quá hạn chưa gửi trong năm (mỗi báo cáo một vụ việc)',
    noun: 'báo cáo',
  },
} as const satisfies Record<string, CounterDef>;
export type CounterId = keyof typeof COUNTERS;
export const COUNTER_IDS = Object.keys(COUNTERS) as CounterId[];

/** How the count becomes the leaf's points: through the leaf's own rule (a ratio leaf takes done/total,
 * a deduction leaf the incidents), or, for a leaf scored in points, proportionally (max × done ÷
 * total, half-up to hundredths) or by deduction (max − incidents × perIncident, never below 0). */
export type CountRule =
  { kind: 'leaf' } | { kind: 'proportional' } | { kind: 'incidents'; perIncident: Hundredths };

export function countRuleText(r: CountRule): string {
  switch (r.kind) {
    case 'leaf':
      return 'Theo quy tắc chấm của tiêu chí';
    case 'proportional':
      return 'Tỷ lệ thuận: điểm tối đa × số đã thực hiện ÷ tổng số';
    case 'incidents':
      return `Điểm tối đa trừ ${formatPoints(r.perIncident)} điểm mỗi vụ việc, không dưới 0`;
  }
}

/** Points of a count under a points rule (hundredths), or null when nothing can be counted (a ratio
 * with no total) or the rule does not take that kind of count. */
export function countRulePoints(rule: CountRule, max: Hundredths, v: CountValue): Hundredths | null {
  if (rule.kind === 'proportional' && v.kind === 'ratio') {
    if (v.total <= 0) return null;
    return divRoundHalfUp(max * Math.min(v.done, v.total), v.total);
  }
  if (rule.kind === 'incidents' && v.kind === 'incidents')
    return Math.max(0, max - v.count * rule.perIncident);
  return null;
}

const RATIO_RULES = new Set(['ratio_proportional', 'ratio_tiers']);

/** The rule a binding stores for a leaf and a counter, or why they do not fit (Vietnamese). A leaf
 * with a ratio or deduction rule takes the count through its own rule; a leaf scored in points needs
 * a points rule of the counter's kind. */
export function bindingRule(
  leaf: Pick<Criterion, 'code' | 'rule'>,
  counter: CounterId,
  requested: CountRule | undefined,
): { rule: CountRule } | { error: string } {
  const out = COUNTERS[counter].output;
  const type = leaf.rule?.type ?? 'manual';
  const what = `Tiêu chí ${leaf.code}`;
  if (RATIO_RULES.has(type)) {
    if (out !== 'ratio') return { error: `${what} chấm theo tỷ lệ: cần một phép đếm cho tỷ lệ.` };
    if (requested && requested.kind !== 'leaf' && requested.kind !== 'proportional')
      return { error: `${what} chấm theo tỷ lệ: điểm tính theo quy tắc của tiêu chí.` };
    return { rule: { kind: 'leaf' } };
  }
  if (type === 'deduction') {
    if (out !== 'incidents') return { error: `${what} trừ điểm theo vụ việc: cần một phép đếm vụ việc.` };
    if (requested && requested.kind !== 'leaf' && requested.kind !== 'incidents')
      return { error: `${what} trừ điểm theo vụ việc: điểm tính theo quy tắc của tiêu chí.` };
    return { rule: { kind: 'leaf' } };
  }
  if (type === 'manual') {
    if (!requested || requested.kind === 'leaf')
      return { error: `${what} chấm điểm trực tiếp: hãy chọn cách tính điểm từ số đếm.` };
    if (requested.kind === 'proportional' && out !== 'ratio')
      return { error: `Tính tỷ lệ thuận cần một phép đếm cho tỷ lệ.` };
    if (requested.kind === 'incidents' && out !== 'incidents')
      return { error: `Trừ điểm theo vụ việc cần một phép đếm vụ việc.` };
    if (requested.kind === 'incidents' && requested.perIncident <= 0)
      return { error: 'Số điểm trừ mỗi vụ việc phải lớn hơn 0.' };
    return { rule: requested };
  }
  return {
    error: `${what} không chấm theo số đếm được (chỉ tiêu chí chấm theo tỷ lệ, trừ điểm hoặc điểm trực tiếp).`,
  };
}

/** What the unit is offered for a counted leaf: the input in the leaf's own form (and its text as the
 * unit would type it), or null when the count gives nothing to offer. A leaf scored in points in steps
 * is offered the points rounded down to its step (never more than counted). */
export function countOffer(
  leaf: Pick<Criterion, 'max' | 'rule'>,
  rule: CountRule,
  v: CountValue,
): { input: LeafInput; text: string } | null {
  const type = leaf.rule?.type ?? 'manual';
  if (rule.kind === 'leaf') {
    if (RATIO_RULES.has(type) && v.kind === 'ratio') {
      const done = Math.min(v.done, v.total);
      return { input: { numerator: done, denominator: v.total }, text: `${done}/${v.total}` };
    }
    if (type === 'deduction' && v.kind === 'incidents')
      return { input: { incidents: v.count }, text: String(v.count) };
    return null;
  }
  if (type !== 'manual') return null;
  let p = countRulePoints(rule, leaf.max, v);
  if (p === null) return null;
  const step = leaf.rule?.type === 'manual' ? leaf.rule.step : undefined;
  if (step) p -= p % step;
  return { input: { value: p }, text: formatPoints(p) };
}

/** The count in words ("2/3 cuộc kiểm tra", "1 báo cáo"). */
export function countValueText(counter: CounterId, v: CountValue): string {
  const noun = COUNTERS[counter].noun;
  return v.kind === 'ratio' ? `${v.done}/${v.total} ${noun}` : `${v.count} ${noun}`;
}

/** Two inputs of a leaf are the same (the typed value equals the offer). */
export function sameLeafInput(a: LeafInput | null | undefined, b: LeafInput | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}
