/** The scoring engine: pure and exact. A framework is compiled once into flat arrays; evaluating a
 * unit is a loop over its leaves in integer hundredths, then a bottom-up pass over the parents. */
import { divRoundHalfUp, formatPoints, type Hundredths } from '../points.ts';
import type { Band, Criterion, Framework, Rule } from '../framework/types.ts';

/** What a unit (or an appraiser) enters for one leaf. */
export type LeafInput =
  | { na: true }
  | { value: Hundredths }
  | { done: boolean }
  | { level: string }
  | { numerator: number; denominator: number }
  | { incidents: number }
  /** Survey index in hundredths of a percent (96,40 % → 9640). */
  | { surveyIndex: number };

export interface Explanation {
  rule: string;
  inputs: string;
  detail: string;
  tier?: string;
  capped?: boolean;
  problem?: string;
}

export interface NodeResult {
  code: string;
  title: string;
  max: Hundredths;
  points: Hundredths;
  applicable: boolean;
  /** Max counted in the denominator (0 when not applicable). */
  applicableMax: Hundredths;
  block?: 'bonus' | 'penalty';
  missing: boolean;
  explanation: Explanation;
  children: NodeResult[];
}

export interface Result {
  achieved: Hundredths;
  bonus: Hundredths;
  penalty: Hundredths;
  total: Hundredths;
  applicableMax: Hundredths;
  /** Hundredths of a percent. */
  index: number;
  band: Band | null;
  missingLeaves: string[];
  tree: NodeResult[];
  explanation: string;
}

// ---- compiled form

const R_MANUAL = 0,
  R_DONE = 1,
  R_LEVELS = 2,
  R_TIERS = 3,
  R_PROP = 4,
  R_DEDUCT = 5,
  R_SURVEY = 6;

export interface Compiled {
  framework: Framework;
  /** All nodes in pre-order; parents before children. */
  nodes: Criterion[];
  parent: Int32Array;
  max: Float64Array;
  isLeaf: Uint8Array;
  /** 0 ordinary, 1 bonus, 2 penalty (inherited by descendants). */
  block: Uint8Array;
  ruleType: Int8Array;
  rules: (Rule | undefined)[];
  leafIndex: number[];
  codeToNode: Map<string, number>;
  codeToLeaf: Map<string, number>;
  /** Children of each node, by index. */
  childrenOf: number[][];
  bands: Band[];
}

export function compile(fw: Framework): Compiled {
  const nodes: Criterion[] = [];
  const parents: number[] = [];
  const blocks: number[] = [];
  const walk = (c: Criterion, parent: number, block: number) => {
    const i = nodes.length;
    const b = c.block === 'bonus' ? 1 : c.block === 'penalty' ? 2 : block;
    nodes.push(c);
    parents.push(parent);
    blocks.push(b);
    for (const ch of c.children ?? []) walk(ch, i, b);
  };
  for (const c of fw.criteria) walk(c, -1, 0);
  const n = nodes.length;
  const compiled: Compiled = {
    framework: fw,
    nodes,
    parent: Int32Array.from(parents),
    max: Float64Array.from(nodes.map((c) => c.max)),
    isLeaf: Uint8Array.from(nodes.map((c) => (c.children?.length ? 0 : 1))),
    block: Uint8Array.from(blocks),
    ruleType: new Int8Array(n),
    rules: nodes.map((c) => (c.children?.length ? undefined : (c.rule ?? { type: 'manual' }))),
    leafIndex: [],
    codeToNode: new Map(nodes.map((c, i) => [c.code, i])),
    codeToLeaf: new Map(),
    bands: [...fw.bands].sort((a, b) => b.minIndex - a.minIndex),
    childrenOf: nodes.map(() => []),
  };
  parents.forEach((p, i) => {
    if (p >= 0) compiled.childrenOf[p]!.push(i);
  });
  nodes.forEach((_, i) => {
    const r = compiled.rules[i];
    if (!r) return;
    compiled.codeToLeaf.set(nodes[i]!.code, compiled.leafIndex.length);
    compiled.leafIndex.push(i);
    compiled.ruleType[i] = {
      manual: R_MANUAL,
      done: R_DONE,
      levels: R_LEVELS,
      ratio_tiers: R_TIERS,
      ratio_proportional: R_PROP,
      deduction: R_DEDUCT,
      survey: R_SURVEY,
    }[r.type];
  });
  return compiled;
}

const NA = -1_000_000_000; // marker for "not applicable" in the fast path

/** ratio ≥ percent?  numerator/denominator × 100 ≥ p/100 ⟺ numerator × 10000 ≥ p × denominator (exact). */
function ratioAtLeast(num: number, den: number, percentH: number): boolean {
  const a = num * 10000;
  const b = percentH * den;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a >= b;
  return BigInt(num) * 10000n >= BigInt(percentH) * BigInt(den);
}

/** Points of one leaf, or NA. `problem` receives a message when the input is out of range. */
function leafPoints(
  type: number,
  rule: Rule,
  max: number,
  input: LeafInput | undefined,
  problem?: (m: string) => void,
): number {
  if (input === undefined) return 0;
  if ('na' in input) return NA;
  switch (type) {
    case R_MANUAL: {
      if (!('value' in input)) return 0;
      let v = input.value;
      if (v < 0 || v > max) {
        problem?.(`Điểm ${formatPoints(v)} ngoài khoảng 0–${formatPoints(max)}.`);
        v = v < 0 ? 0 : max;
      }
      const step = (rule as { step?: number }).step;
      if (step && v % step !== 0) problem?.(`Điểm ${formatPoints(v)} không theo bước ${formatPoints(step)}.`);
      return v;
    }
    case R_DONE:
      return 'done' in input && input.done ? max : 0;
    case R_LEVELS: {
      if (!('level' in input)) return 0;
      const lv = (rule as { levels: { code: string; points: number }[] }).levels.find(
        (l) => l.code === input.level,
      );
      if (!lv) {
        problem?.(`Mức "${input.level}" không có trong quy tắc.`);
        return 0;
      }
      return lv.points > max ? max : lv.points;
    }
    case R_TIERS:
    case R_PROP: {
      if (!('numerator' in input)) return 0;
      const { numerator: num, denominator: den } = input;
      if (num < 0 || den < 0 || !Number.isSafeInteger(num) || !Number.isSafeInteger(den)) {
        problem?.('Tử số và mẫu số phải là số nguyên không âm.');
        return 0;
      }
      if (den === 0) {
        const w = (rule as { whenNoDenominator?: string }).whenNoDenominator ?? 'not_applicable';
        return w === 'full' ? max : w === 'zero' ? 0 : NA;
      }
      if (num > den) problem?.(`Tử số ${num} lớn hơn mẫu số ${den}.`);
      if (type === R_TIERS) {
        const tiers = (rule as { tiers: { minPercent: number; points: number }[] }).tiers;
        let best = 0;
        let bestMin = -1;
        for (const t of tiers) {
          if (t.minPercent > bestMin && ratioAtLeast(num, den, t.minPercent)) {
            best = t.points;
            bestMin = t.minPercent;
          }
        }
        return best > max ? max : best;
      }
      const r = rule as { capPercent?: number; floorPercent?: number };
      const cap = r.capPercent ?? 10000;
      if (r.floorPercent !== undefined && !ratioAtLeast(num, den, r.floorPercent)) return 0;
      if (ratioAtLeast(num, den, cap)) return max;
      // max × (num/den × 100) / (cap/100) = max × num × 10000 / (den × cap)
      const a = max * num * 10000;
      const b = den * cap;
      return Number.isSafeInteger(a) && Number.isSafeInteger(b)
        ? divRoundHalfUp(a, b)
        : Number((BigInt(max) * BigInt(num) * 10000n * 2n + BigInt(b)) / (2n * BigInt(b)));
    }
    case R_DEDUCT: {
      if (!('incidents' in input)) return 0;
      const r = rule as { start: number; perIncident: number; floor: number };
      const n = input.incidents;
      if (n < 0 || !Number.isSafeInteger(n)) {
        problem?.('Số vụ việc phải là số nguyên không âm.');
        return 0;
      }
      let v = r.start - n * r.perIncident;
      if (v < r.floor) v = r.floor;
      return v > max ? max : v;
    }
    case R_SURVEY: {
      if (!('surveyIndex' in input)) return 0;
      let idx = input.surveyIndex;
      if (idx < 0 || idx > 10000) {
        problem?.('Chỉ số khảo sát phải trong khoảng 0–100%.');
        idx = idx < 0 ? 0 : 10000;
      }
      return divRoundHalfUp(max * idx, 10000);
    }
  }
  return 0;
}

export interface FastResult {
  total: number;
  applicableMax: number;
  index: number;
}

/** The fast path: inputs aligned with `compiled.leafIndex`; scratch arrays reused between calls. */
export function evaluateFast(
  c: Compiled,
  inputs: readonly (LeafInput | undefined)[],
  scratch?: { pts: Float64Array; amax: Float64Array },
): FastResult {
  const n = c.nodes.length;
  const pts = scratch?.pts ?? new Float64Array(n);
  const amax = scratch?.amax ?? new Float64Array(n);
  pts.fill(0);
  amax.fill(0);
  const leaves = c.leafIndex;
  for (let k = 0; k < leaves.length; k++) {
    const i = leaves[k]!;
    const p = leafPoints(c.ruleType[i]!, c.rules[i]!, c.max[i]!, inputs[k]);
    if (p === NA) continue;
    pts[i] = p;
    amax[i] = c.max[i]!;
  }
  // children after parents in pre-order: walk backwards to fold into parents
  let achieved = 0,
    bonus = 0,
    penalty = 0,
    applicableMax = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (!c.isLeaf[i] && amax[i]! > 0) {
      if (pts[i]! > c.max[i]!) pts[i] = c.max[i]!;
      if (amax[i]! > c.max[i]!) amax[i] = c.max[i]!;
    }
    const p = c.parent[i]!;
    if (p >= 0) {
      if (amax[i]! > 0 || c.isLeaf[i] === 0) {
        pts[p] = pts[p]! + pts[i]!;
        amax[p] = amax[p]! + amax[i]!;
      }
    } else if (c.block[i] === 1) bonus += pts[i]!;
    else if (c.block[i] === 2) penalty += pts[i]!;
    else {
      achieved += pts[i]!;
      applicableMax += amax[i]!;
    }
  }
  let total = achieved + bonus - penalty;
  if (total < 0 && !c.framework.allowNegativeTotal) total = 0;
  return {
    total,
    applicableMax,
    index: applicableMax > 0 ? divRoundHalfUp(total * 10000, applicableMax) : 0,
  };
}

export function classify(bands: readonly Band[], index: number): Band | null {
  let best: Band | null = null;
  for (const b of bands) if (index >= b.minIndex && (!best || b.minIndex > best.minIndex)) best = b;
  return best;
}

const RULE_NAMES: Record<Rule['type'], string> = {
  manual: 'Chấm điểm trực tiếp',
  done: 'Có thực hiện / không thực hiện',
  levels: 'Chọn mức',
  ratio_tiers: 'Tỷ lệ theo bậc',
  ratio_proportional: 'Tỷ lệ tính theo tỷ lệ thuận',
  deduction: 'Trừ điểm theo vụ việc',
  survey: 'Theo chỉ số khảo sát',
};

function pct(num: number, den: number): string {
  return formatPoints(divRoundHalfUp(num * 10000, den), { fixed: true }) + '%';
}

function explainLeaf(rule: Rule, max: number, input: LeafInput | undefined, points: number): Explanation {
  const e: Explanation = { rule: RULE_NAMES[rule.type], inputs: '', detail: '' };
  if (input === undefined) return { ...e, inputs: 'chưa nhập', detail: 'Chưa có dữ liệu: 0 điểm.' };
  if ('na' in input)
    return {
      ...e,
      inputs: 'không áp dụng',
      detail: `Không áp dụng: loại ${formatPoints(max)} điểm khỏi mẫu số.`,
    };
  switch (rule.type) {
    case 'manual':
      return {
        ...e,
        inputs: 'value' in input ? formatPoints(input.value) : '—',
        detail: `${formatPoints(points)}/${formatPoints(max)} điểm.`,
      };
    case 'done':
      return {
        ...e,
        inputs: 'done' in input && input.done ? 'đã thực hiện' : 'chưa thực hiện',
        detail: `${formatPoints(points)}/${formatPoints(max)} điểm.`,
      };
    case 'levels': {
      const lv = 'level' in input ? rule.levels.find((l) => l.code === input.level) : undefined;
      return {
        ...e,
        inputs: lv ? lv.label : '—',
        detail: `Mức "${lv?.label ?? '?'}": ${formatPoints(points)} điểm.`,
        capped: !!lv && lv.points > max,
      };
    }
    case 'ratio_tiers':
    case 'ratio_proportional': {
      if (!('numerator' in input)) return { ...e, inputs: '—', detail: '0 điểm.' };
      const { numerator: a, denominator: b } = input;
      if (b === 0)
        return {
          ...e,
          inputs: `${a}/${b}`,
          detail: `Mẫu số bằng 0: ${points === NA ? 'không áp dụng' : `${formatPoints(points)} điểm`}.`,
        };
      if (rule.type === 'ratio_tiers') {
        const reached = [...rule.tiers]
          .sort((x, y) => y.minPercent - x.minPercent)
          .find((t) => ratioAtLeast(a, b, t.minPercent));
        return {
          ...e,
          inputs: `${a}/${b} = ${pct(a, b)}`,
          tier: reached ? `từ ${formatPoints(reached.minPercent)}%` : 'dưới bậc thấp nhất',
          detail: `${formatPoints(points)}/${formatPoints(max)} điểm.`,
        };
      }
      const cap = rule.capPercent ?? 10000;
      const capped = ratioAtLeast(a, b, cap);
      const below = rule.floorPercent !== undefined && !ratioAtLeast(a, b, rule.floorPercent);
      return {
        ...e,
        inputs: `${a}/${b} = ${pct(a, b)}`,
        capped,
        detail: below
          ? `Dưới ngưỡng ${formatPoints(rule.floorPercent!)}%: 0 điểm.`
          : capped
            ? `Đạt mức trần ${formatPoints(cap)}%: đủ ${formatPoints(max)} điểm.`
            : `${formatPoints(max)} × ${pct(a, b)} ÷ ${formatPoints(cap)}% = ${formatPoints(points)} điểm${(max * a * 10000) % (b * cap) === 0 ? '' : ' (làm tròn nửa lên đến 0,01)'}.`,
      };
    }
    case 'deduction': {
      const n = 'incidents' in input ? input.incidents : 0;
      return {
        ...e,
        inputs: `${n} vụ việc`,
        detail: `${formatPoints(rule.start)} − ${n} × ${formatPoints(rule.perIncident)}, không dưới ${formatPoints(rule.floor)}: ${formatPoints(points)} điểm.`,
        capped: rule.start - n * rule.perIncident < rule.floor,
      };
    }
    case 'survey': {
      const idx = 'surveyIndex' in input ? input.surveyIndex : 0;
      return {
        ...e,
        inputs: `chỉ số ${formatPoints(idx, { fixed: true })}%`,
        detail: `${formatPoints(idx, { fixed: true })}% × ${formatPoints(max)} = ${formatPoints(points)} điểm.`,
      };
    }
  }
}

/** An explanation whose text is rendered when first read: evaluating 10 000 units builds every
 * node's explanation (its rule, inputs, points, cap) as data, without formatting text nobody reads. */
abstract class LazyExplanation implements Explanation {
  private v: Explanation | undefined;
  protected abstract make(): Explanation;
  private get x(): Explanation {
    return (this.v ??= this.make());
  }
  get rule() {
    return this.x.rule;
  }
  get inputs() {
    return this.x.inputs;
  }
  get detail() {
    return this.x.detail;
  }
  get tier() {
    return this.x.tier;
  }
  get capped() {
    return this.x.capped;
  }
  get problem() {
    return this.x.problem;
  }
  toJSON(): Explanation {
    const { rule, inputs, detail, tier, capped, problem } = this.x;
    return {
      rule,
      inputs,
      detail,
      ...(tier !== undefined ? { tier } : {}),
      ...(capped !== undefined ? { capped } : {}),
      ...(problem !== undefined ? { problem } : {}),
    };
  }
}

class LeafExplanation extends LazyExplanation {
  constructor(
    private readonly type: number,
    private readonly ruleDef: Rule,
    private readonly max: number,
    private readonly input: LeafInput | undefined,
    private readonly points: number,
  ) {
    super();
  }
  protected make(): Explanation {
    const e = explainLeaf(this.ruleDef, this.max, this.input, this.points);
    // the same computation again, this time collecting what was wrong with the input
    leafPoints(this.type, this.ruleDef, this.max, this.input, (m) => (e.problem = m));
    return e;
  }
}

class ParentExplanation extends LazyExplanation {
  constructor(
    private readonly children: readonly NodeResult[],
    private readonly sum: number,
    private readonly max: number,
  ) {
    super();
  }
  protected make(): Explanation {
    const { children, sum, max } = this;
    const na = children.filter((k) => !k.applicable).map((k) => k.code);
    return {
      rule: 'Tổng các tiêu chí thành phần',
      inputs:
        children
          .filter((k) => k.applicable)
          .map((k) => `${k.code}: ${formatPoints(k.points)}`)
          .join(' + ') || '—',
      detail: `${formatPoints(sum)}${sum > max ? `, giới hạn ở điểm tối đa ${formatPoints(max)}` : ''}${na.length ? `; không áp dụng: ${na.join(', ')}` : ''}.`,
      capped: sum > max,
    };
  }
}

/** The full evaluation with an explanation for every number. */
export function evaluate(c: Compiled, inputs: Readonly<Record<string, LeafInput | undefined>>): Result {
  const missing: string[] = [];
  const build = (i: number): NodeResult => {
    const node = c.nodes[i]!;
    const block = c.block[i] === 1 ? 'bonus' : c.block[i] === 2 ? 'penalty' : undefined;
    if (c.isLeaf[i]) {
      const rule = c.rules[i]!;
      const input = inputs[node.code];
      const type = c.ruleType[i]!;
      const p = leafPoints(type, rule, node.max, input);
      if (input === undefined) missing.push(node.code);
      const applicable = p !== NA;
      const explanation = new LeafExplanation(type, rule, node.max, input, p);
      const r: NodeResult = {
        code: node.code,
        title: node.title,
        max: node.max,
        points: applicable ? p : 0,
        applicable,
        applicableMax: applicable ? node.max : 0,
        missing: input === undefined,
        explanation,
        children: [],
      };
      if (block) r.block = block;
      return r;
    }
    const children: NodeResult[] = [];
    for (const j of c.childrenOf[i]!) children.push(build(j));
    let sum = 0,
      sumMax = 0,
      nApplicable = 0,
      anyMissing = false;
    for (const k of children) {
      if (k.missing) anyMissing = true;
      if (!k.applicable) continue;
      nApplicable++;
      sum += k.points;
      sumMax += k.applicableMax;
    }
    const points = Math.min(sum, node.max);
    const applicable = nApplicable > 0;
    const r: NodeResult = {
      code: node.code,
      title: node.title,
      max: node.max,
      points: applicable ? points : 0,
      applicable,
      applicableMax: applicable ? Math.min(sumMax, node.max) : 0,
      missing: anyMissing,
      explanation: new ParentExplanation(children, sum, node.max),
      children,
    };
    if (block) r.block = block;
    return r;
  };
  const tree: NodeResult[] = [];
  for (let i = 0; i < c.nodes.length; i++) if (c.parent[i] === -1) tree.push(build(i));
  const main = tree.filter((t) => !t.block && t.applicable);
  const achieved = main.reduce((s, t) => s + t.points, 0);
  const applicableMax = main.reduce((s, t) => s + t.applicableMax, 0);
  const bonus = tree.filter((t) => t.block === 'bonus').reduce((s, t) => s + t.points, 0);
  const penalty = tree.filter((t) => t.block === 'penalty').reduce((s, t) => s + t.points, 0);
  let total = achieved + bonus - penalty;
  const floored = total < 0 && !c.framework.allowNegativeTotal;
  if (floored) total = 0;
  const index = applicableMax > 0 ? divRoundHalfUp(total * 10000, applicableMax) : 0;
  const band = classify(c.bands, index);
  const explanation =
    `Tổng ${formatPoints(achieved)}${bonus ? ` + thưởng ${formatPoints(bonus)}` : ''}${penalty ? ` − trừ ${formatPoints(penalty)}` : ''}${floored ? ' (không dưới 0)' : ''} = ${formatPoints(total)}; ` +
    `chỉ số = ${formatPoints(total)} ÷ ${formatPoints(applicableMax)} × 100 = ${formatPoints(index, { fixed: true })}${band ? ` → ${band.label}` : ''}.`;
  return {
    achieved,
    bonus,
    penalty,
    total,
    applicableMax,
    index,
    band,
    missingLeaves: missing,
    tree,
    explanation,
  };
}

/** Inputs by code → array aligned with the compiled leaves (for evaluateFast). */
export function alignInputs(
  c: Compiled,
  inputs: Readonly<Record<string, LeafInput | undefined>>,
): (LeafInput | undefined)[] {
  return c.leafIndex.map((i) => inputs[c.nodes[i]!.code]);
}
