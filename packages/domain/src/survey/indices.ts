/** Satisfaction indices from counts (DOMAIN §3.3): the share of ratings of `satisfiedFrom` and above
 * among valid answers, aggregated level by level as the form says — `pool` sums the counts below,
 * `mean` averages the indices below (levels without answers are left out). Exact: fractions of
 * integers (BigInt), rounded half up once, to hundredths of a percent (9645 = 96,45 %), the unit
 * the scoring engine's `survey` rule takes. */
import type { Aggregation, SurveyForm } from './types.ts';
import { ratingQuestions } from './form.ts';

/** A fraction kept exact until it is shown. */
interface Frac {
  num: bigint;
  den: bigint;
}

export interface IndexCell {
  /** Hundredths of a percent (0–10000), null when nothing was answered. */
  index: number | null;
  /** Satisfied ratings and all ratings counted below this level (whatever the aggregation). */
  satisfied: number;
  ratings: number;
}

/** Counts of one unit × field of a campaign (valid ballots only in `ratings`). */
export interface CellCounts {
  unitId: string;
  fieldCode: string;
  /** Per scale question (code): satisfied ratings and ratings given. */
  ratings: Record<string, { satisfied: number; n: number }>;
  /** Ballots returned (all modes), valid, invalid (invalidated by a coordinator), online (qr). */
  returned: number;
  valid: number;
  invalid: number;
  online: number;
  /** Respondents who answered the overall question, and those satisfied (Wilson margin). */
  overallN: number;
  overallSatisfied: number;
}

export interface FieldResult {
  unitId: string;
  fieldCode: string;
  target: number | null;
  returned: number;
  valid: number;
  invalid: number;
  online: number;
  /** Fewer valid ballots than the target: "chưa đủ mẫu". */
  belowTarget: boolean;
  questions: Record<string, IndexCell>;
  elements: Record<string, IndexCell>;
  index: IndexCell;
}

export interface GroupResult {
  returned: number;
  valid: number;
  invalid: number;
  online: number;
  overallN: number;
  overallSatisfied: number;
  /** Half-width of the 95 % Wilson interval of the overall question, hundredths of a percent. */
  margin: number | null;
  elements: Record<string, IndexCell>;
  index: IndexCell;
}

export interface UnitResult extends GroupResult {
  unitId: string;
  fields: FieldResult[];
  belowTarget: boolean;
}

export interface CampaignIndices {
  /** Per surveyed unit (its own fields). */
  units: UnitResult[];
  /** Per field over all units. */
  fields: (GroupResult & { fieldCode: string })[];
  overall: GroupResult;
}

const ZERO: Frac = { num: 0n, den: 0n };

function cell(f: Frac | null, satisfied: number, ratings: number): IndexCell {
  return { index: f && f.den > 0n ? roundHundredths(f) : null, satisfied, ratings };
}

/** A fraction in [0,1] as hundredths of a percent, half up. */
export function roundHundredths(f: Frac): number {
  return Number((f.num * 20000n + f.den) / (2n * f.den));
}

/** Combine child fractions: `pool` adds numerators and denominators (the counts), `mean` averages the
 * children's fractions (those with answers). */
function combine(children: { frac: Frac; pooled: Frac }[], how: Aggregation): { frac: Frac; pooled: Frac } {
  const pooled = children.reduce((a, c) => ({ num: a.num + c.pooled.num, den: a.den + c.pooled.den }), ZERO);
  if (how === 'pool') return { frac: pooled, pooled };
  const live = children.filter((c) => c.frac.den > 0n);
  if (!live.length) return { frac: ZERO, pooled };
  // Σ aᵢ/bᵢ / k, exactly
  let num = 0n;
  let den = 1n;
  for (const c of live) {
    num = num * c.frac.den + c.frac.num * den;
    den = den * c.frac.den;
  }
  return { frac: { num, den: den * BigInt(live.length) }, pooled };
}

/** 95 % Wilson interval half-width for k successes out of n, in hundredths of a percent (rounded). */
export function wilsonHalfWidth(k: number, n: number): number | null {
  if (n <= 0) return null;
  const z = 1.959963984540054;
  const p = k / n;
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return Math.round(half * 10000);
}

type Node = { frac: Frac; pooled: Frac };

function elementNodes(form: SurveyForm, c: CellCounts) {
  const qs = ratingQuestions(form);
  const questions: Record<string, Node> = {};
  for (const q of qs) {
    const r = c.ratings[q.code] ?? { satisfied: 0, n: 0 };
    const f = { num: BigInt(r.satisfied), den: BigInt(r.n) };
    questions[q.code] = { frac: f, pooled: f };
  }
  const elements: Record<string, Node> = {};
  for (const e of form.elements) {
    const kids = qs.filter((q) => q.element === e.code).map((q) => questions[q.code]!);
    elements[e.code] = combine(kids, form.aggregation.element);
  }
  return { questions, elements };
}

const toCell = (n: Node) => cell(n.frac, Number(n.pooled.num), Number(n.pooled.den));
const mapCells = (m: Record<string, Node>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toCell(v)]));

/** The index of a unit × field: its elements combined as the form's `field` level says (questions
 * outside every element, such as the overall question, do not enter it). */
function fieldNode(form: SurveyForm, els: Record<string, Node>): Node {
  return combine(Object.values(els), form.aggregation.field);
}

function group(
  form: SurveyForm,
  parts: {
    node: Node;
    elements: Record<string, Node>;
    c: Omit<CellCounts, 'unitId' | 'fieldCode' | 'ratings'>;
  }[],
  how: Aggregation,
): { result: GroupResult; node: Node; elements: Record<string, Node> } {
  const node = combine(
    parts.map((p) => p.node),
    how,
  );
  const elements: Record<string, Node> = {};
  for (const e of form.elements)
    elements[e.code] = combine(parts.map((p) => p.elements[e.code]!).filter(Boolean), how);
  const sum = (k: 'returned' | 'valid' | 'invalid' | 'online' | 'overallN' | 'overallSatisfied') =>
    parts.reduce((a, p) => a + p.c[k], 0);
  const overallN = sum('overallN');
  const overallSatisfied = sum('overallSatisfied');
  return {
    node,
    elements,
    result: {
      returned: sum('returned'),
      valid: sum('valid'),
      invalid: sum('invalid'),
      online: sum('online'),
      overallN,
      overallSatisfied,
      margin: wilsonHalfWidth(overallSatisfied, overallN),
      elements: mapCells(elements),
      index: toCell(node),
    },
  };
}

/** Indices of a campaign from the counts of its unit × field cells and their targets. Units in the
 * order of their first cell; fields in the order of `fieldOrder`. */
export function campaignIndices(
  form: SurveyForm,
  cells: CellCounts[],
  targets: { unitId: string; fieldCode: string; target: number | null }[],
  fieldOrder: string[],
): CampaignIndices {
  const targetOf = new Map(targets.map((t) => [`${t.unitId} ${t.fieldCode}`, t.target]));
  const byUnit = new Map<
    string,
    { f: FieldResult; node: Node; elements: Record<string, Node>; c: CellCounts }[]
  >();
  const byField = new Map<string, { node: Node; elements: Record<string, Node>; c: CellCounts }[]>();
  for (const c of cells) {
    const { questions, elements } = elementNodes(form, c);
    const node = fieldNode(form, elements);
    const target = targetOf.get(`${c.unitId} ${c.fieldCode}`) ?? null;
    const f: FieldResult = {
      unitId: c.unitId,
      fieldCode: c.fieldCode,
      target,
      returned: c.returned,
      valid: c.valid,
      invalid: c.invalid,
      online: c.online,
      belowTarget: target !== null && c.valid < target,
      questions: mapCells(questions),
      elements: mapCells(elements),
      index: toCell(node),
    };
    if (!byUnit.has(c.unitId)) byUnit.set(c.unitId, []);
    byUnit.get(c.unitId)!.push({ f, node, elements, c });
    if (!byField.has(c.fieldCode)) byField.set(c.fieldCode, []);
    byField.get(c.fieldCode)!.push({ node, elements, c });
  }
  const order = new Map(fieldOrder.map((f, i) => [f, i]));
  const units: UnitResult[] = [];
  const unitNodes: { node: Node; elements: Record<string, Node>; c: CellCounts }[] = [];
  for (const [unitId, parts] of byUnit) {
    parts.sort((a, b) => (order.get(a.f.fieldCode) ?? 1e9) - (order.get(b.f.fieldCode) ?? 1e9));
    const g = group(form, parts, form.aggregation.unit);
    units.push({
      unitId,
      ...g.result,
      fields: parts.map((p) => p.f),
      belowTarget: parts.some((p) => p.f.belowTarget),
    });
    unitNodes.push({
      node: g.node,
      elements: g.elements,
      c: { ...sumCounts(parts.map((p) => p.c)), unitId, fieldCode: '', ratings: {} },
    });
  }
  const fields = [...byField.entries()]
    .sort((a, b) => (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9))
    .map(([fieldCode, parts]) => ({ fieldCode, ...group(form, parts, form.aggregation.unit).result }));
  const overall = group(form, unitNodes, form.aggregation.overall).result;
  return { units, fields, overall };
}

function sumCounts(cs: CellCounts[]) {
  const s = { returned: 0, valid: 0, invalid: 0, online: 0, overallN: 0, overallSatisfied: 0 };
  for (const c of cs) for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += c[k];
  return s;
}

/** The index of a subtree: the units given (those under it) combined as the form's `overall` level. */
export function subtreeIndex(
  form: SurveyForm,
  all: CampaignIndices,
  unitIds: Set<string>,
): GroupResult | null {
  const parts = all.units.filter((u) => unitIds.has(u.unitId));
  if (!parts.length) return null;
  // rebuild exact nodes from the unit cells' counts is not possible from rounded results: recombine
  // from the pooled counts (pool) or the rounded unit indices (mean, documented)
  const nodes = parts.map((u) => {
    const pooled = { num: BigInt(u.index.satisfied), den: BigInt(u.index.ratings) };
    const frac = u.index.index === null ? ZERO : { num: BigInt(u.index.index), den: 10000n };
    const elements: Record<string, Node> = {};
    for (const [k, e] of Object.entries(u.elements))
      elements[k] = {
        pooled: { num: BigInt(e.satisfied), den: BigInt(e.ratings) },
        frac:
          e.index === null
            ? ZERO
            : form.aggregation.overall === 'pool'
              ? { num: BigInt(e.satisfied), den: BigInt(e.ratings) }
              : { num: BigInt(e.index), den: 10000n },
      };
    return {
      node: form.aggregation.overall === 'pool' ? { frac: pooled, pooled } : { frac, pooled },
      elements,
      c: u,
    };
  });
  return group(form, nodes, form.aggregation.overall).result;
}
