/** What a cycle member's counted leaf offers (issue #16 item 3): the cycle binds the leaf to a counter
 * of the registry; the count of the unit (or its subtree) in the cycle's year, the input offered in the
 * leaf's own form, its points, and the records counted with where to open them. Unlike a survey leaf,
 * the unit may type another value (with a reason): the offer is what the records say. Read by the
 * cycles wing for self-assessment, and by the binding screen. */
import {
  bindingRule,
  COUNTERS,
  countOffer,
  countRuleText,
  countValueText,
  evaluate,
  formatPoints,
  leavesOf,
  type Compiled,
  type CountRule,
  type CounterId,
  type Criterion,
  type Framework,
  type LeafInput,
  type NodeResult,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { COUNTER_SOURCES, type Counted } from './counters.ts';
import * as repo from './repository.ts';

export interface CountLeafValue {
  code: string;
  counter: CounterId;
  counterLabel: string;
  subtree: boolean;
  rule: CountRule;
  ruleText: string;
  valueText: string;
  /** The input offered, or null when the count gives nothing to offer (nothing planned). */
  offer: { input: LeafInput; text: string; points: string } | null;
  text: string;
  records: Counted['records'];
}

/** The leaves a counter can feed (a ratio, a deduction or a points rule). */
export function countableLeaves(fw: Framework): Criterion[] {
  return leavesOf(fw).filter((l) =>
    ['ratio_proportional', 'ratio_tiers', 'deduction', 'manual'].includes(l.rule?.type ?? 'manual'),
  );
}

function leafPoints(compiled: Compiled, code: string, input: LeafInput): number {
  let found = 0;
  const walk = (ns: readonly NodeResult[]) =>
    ns.forEach((n) => {
      if (n.code === code) found = n.points;
      walk(n.children);
    });
  walk(evaluate(compiled, { [code]: input }).tree);
  return found;
}

/** Each member's counted leaves: unitId → code → value (empty when the cycle binds none). */
export async function countLeafValues(
  db: DbOrTx,
  cycle: { id: string; year: number; fw: Framework; compiled: Compiled },
  units: readonly { unitId: string; unitPath: string }[],
  today: string,
): Promise<Map<string, Map<string, CountLeafValue>>> {
  const out = new Map<string, Map<string, CountLeafValue>>();
  const bindings = await repo.bindingsOf(db, cycle.id);
  if (!bindings.length || !units.length) return out;
  const leaves = new Map(leavesOf(cycle.fw).map((l) => [l.code, l]));
  for (const u of units) {
    const m = new Map<string, CountLeafValue>();
    out.set(u.unitId, m);
    for (const b of bindings) {
      const leaf = leaves.get(b.code);
      const def = COUNTERS[b.counter];
      // a binding whose leaf or counter no longer fits is shown as nothing to offer
      if (!leaf || !def || 'error' in bindingRule(leaf, b.counter, b.rule)) continue;
      const counted = await COUNTER_SOURCES[b.counter](db, {
        unit: { id: u.unitId, path: u.unitPath },
        subtree: b.subtree,
        year: cycle.year,
        today,
      });
      const o = countOffer(leaf, b.rule, counted.value);
      const valueText = countValueText(b.counter, counted.value);
      const whose = b.subtree ? 'của đơn vị và các đơn vị trực thuộc' : 'của đơn vị';
      const points = o ? formatPoints(leafPoints(cycle.compiled, leaf.code, o.input)) : null;
      m.set(b.code, {
        code: b.code,
        counter: b.counter,
        counterLabel: def.label,
        subtree: b.subtree,
        rule: b.rule,
        ruleText: countRuleText(b.rule),
        valueText,
        offer: o && points !== null ? { ...o, points } : null,
        text: o
          ? `Theo số liệu ${whose} năm ${cycle.year}: ${valueText} — đề xuất ${o.text} (${points} điểm).`
          : `Theo số liệu ${whose} năm ${cycle.year}: ${valueText} — chưa có số liệu để tính điểm.`,
        records: counted.records,
      });
    }
  }
  return out;
}
