/** Scoring engine throughput: 10 000 units × 100 leaves (mixed rules) through evaluateFast, beside a
 * plain JS loop summing the same number of integers (the baseline, same run). Target ≥ 2 M leaf evaluations/s. */
import type { Criterion, Framework } from '../packages/domain/src/framework/types.ts';
import { compile, evaluate, evaluateFast, type LeafInput } from '../packages/domain/src/scoring/engine.ts';
import { rank } from '../packages/domain/src/scoring/compare.ts';

const UNITS = 10_000;
const GROUPS = 10;
const PER_GROUP = 10;

let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const rules: Criterion['rule'][] = [
  { type: 'manual', step: 25 },
  { type: 'done' },
  {
    type: 'levels',
    levels: [
      { code: 'A', label: 'Tốt', points: 100 },
      { code: 'B', label: 'Đạt', points: 50 },
      { code: 'C', label: 'Chưa đạt', points: 0 },
    ],
  },
  {
    type: 'ratio_tiers',
    tiers: [
      { minPercent: 10000, points: 100 },
      { minPercent: 9500, points: 75 },
      { minPercent: 8000, points: 50 },
      { minPercent: 0, points: 0 },
    ],
  },
  { type: 'ratio_proportional', capPercent: 4000 },
  { type: 'deduction', start: 100, perIncident: 25, floor: 0 },
  { type: 'survey' },
];
const criteria: Criterion[] = Array.from({ length: GROUPS }, (_, g) => ({
  code: String(g + 1),
  title: `Lĩnh vực ${g + 1}`,
  max: 1000,
  children: Array.from({ length: PER_GROUP }, (_, k) => ({
    code: `${g + 1}.${k + 1}`,
    title: 'x',
    max: 100,
    rule: rules[(g * PER_GROUP + k) % rules.length]!,
  })),
}));
const fw: Framework = {
  code: 'BENCH',
  name: 'bench',
  yearFrom: 2024,
  legalBasis: [],
  appliesTo: [],
  totalMax: 10000,
  bands: [],
  criteria,
};
const c = compile(fw);

const input = (rule: Criterion['rule']): LeafInput => {
  if (rnd(50) === 0) return { na: true };
  switch (rule!.type) {
    case 'manual':
      return { value: rnd(5) * 25 };
    case 'done':
      return { done: rnd(2) === 0 };
    case 'levels':
      return { level: 'ABC'[rnd(3)]! };
    case 'ratio_tiers':
    case 'ratio_proportional': {
      const d = 1 + rnd(500);
      return { numerator: rnd(d + 1), denominator: d };
    }
    case 'deduction':
      return { incidents: rnd(5) };
    case 'survey':
      return { surveyIndex: 7000 + rnd(3001) };
  }
};
const units = Array.from({ length: UNITS }, () => c.leafIndex.map((i) => input(c.rules[i])));
const plain = Array.from({ length: UNITS }, () => Array.from({ length: GROUPS * PER_GROUP }, () => rnd(100)));
const scratch = { pts: new Float64Array(c.nodes.length), amax: new Float64Array(c.nodes.length) };

function runEngine() {
  let s = 0;
  for (const u of units) s += evaluateFast(c, u, scratch).total;
  return s;
}
function runBaseline() {
  let s = 0;
  for (const u of plain) for (let k = 0; k < u.length; k++) s += u[k]!;
  return s;
}

for (let i = 0; i < 3; i++) {
  // warm-up
  runEngine();
  runBaseline();
}
const times: number[] = [];
const base: number[] = [];
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  runEngine();
  times.push(performance.now() - t);
  t = performance.now();
  runBaseline();
  base.push(performance.now() - t);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const leafEvals = UNITS * GROUPS * PER_GROUP;
const engineRate = leafEvals / (med(times) / 1000);
const baseRate = leafEvals / (med(base) / 1000);
console.log(
  `scoring engine: ${UNITS} units × ${GROUPS * PER_GROUP} leaves (7 rule types, parents capped), median of 5`,
);
console.log(
  `  engine   ${med(times).toFixed(1)} ms → ${(engineRate / 1e6).toFixed(2)} M leaf evaluations/s (target ≥ 2 M/s: ${engineRate >= 2e6 ? 'met' : 'NOT met'})`,
);
console.log(
  `  baseline ${med(base).toFixed(1)} ms → ${(baseRate / 1e6).toFixed(2)} M plain additions/s (same run)`,
);
console.log(`  ratio engine/baseline: ${(engineRate / baseRate).toFixed(3)}`);

// ---- with explanations: evaluate() builds the explained tree of every unit, then classes and ranks
const byCode = units.map((u) => Object.fromEntries(c.leafIndex.map((i, k) => [c.nodes[i]!.code, u[k]])));
let tEval = 0,
  tRank = 0;
function runExplained() {
  let t0 = performance.now();
  const items = byCode.map((inp, k) => {
    const r = evaluate(c, inp);
    return { id: String(k), label: `Đơn vị ${k}`, index: r.index };
  });
  tEval += performance.now() - t0;
  t0 = performance.now();
  const n = rank(items).length;
  tRank += performance.now() - t0;
  return n;
}
runExplained();
const ex: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  runExplained();
  ex.push(performance.now() - t);
}
const exRate = (byCode.length * GROUPS * PER_GROUP) / (med(ex) / 1000);
console.log(
  `  explained ${byCode.length} units in ${med(ex).toFixed(1)} ms → ${(exRate / 1e6).toFixed(2)} M leaf evaluations/s with explanations, classes and ranks (target ≥ 2 M/s: ${exRate >= 2e6 ? 'met' : 'NOT met'}); 10 000 units ≈ ${((med(ex) * UNITS) / byCode.length / 1000).toFixed(2)} s`,
);
console.log(`    (explanations are built as data for every node; their text is rendered when read)`);
console.log(
  `    of which evaluate ${(tEval / 4).toFixed(0)} ms, classes and ranks ${(tRank / 4).toFixed(0)} ms per run`,
);

// ---- the text of every explanation, as a result card renders it
const sample = byCode.slice(0, 1000);
const tText = performance.now();
let chars = 0;
for (const inp of sample) chars += JSON.stringify(evaluate(c, inp).tree).length;
const textMs = performance.now() - tText;
console.log(
  `  text of every explanation rendered for ${sample.length} units: ${textMs.toFixed(0)} ms (${((textMs / sample.length) * 1000).toFixed(0)} µs per unit card, ${(chars / sample.length / 1024).toFixed(1)} KiB)`,
);
