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
  /** Present when an index published outside Chiso replaces this cell (its counts are as entered). */
  external?: { document: string; issued: number | null };
}

/** An index published outside Chiso (VNeID since 16/9/2025, DOMAIN §3.5), entered per unit × field
 * with its counts and the publishing document: it replaces the computed cell of that unit × field. */
export interface ExternalIndex {
  unitId: string;
  fieldCode: string;
  /** Hundredths of a percent, exactly as published. */
  index: number;
  issued: number | null;
  returned: number | null;
  valid: number | null;
  document: string;
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

/** A level's exact index (`frac`), the weight it brings to a pooling level above (`pooled`: satisfied
 * ratings over ratings, or an external index weighted by its ballots), and the ratings really counted
 * below it (`sat`, `n`), which the results show. */
interface Node {
  frac: Frac;
  pooled: Frac;
  sat: number;
  n: number;
}

/** A fraction in [0,1] as hundredths of a percent, half up. */
export function roundHundredths(f: Frac): number {
  return Number((f.num * 20000n + f.den) / (2n * f.den));
}

/** Combine child nodes: `pool` adds numerators and denominators (the counts), `mean` averages the
 * children's fractions (those with answers). */
function combine(children: Node[], how: Aggregation): Node {
  let pooled = ZERO;
  let sat = 0;
  let n = 0;
  for (const c of children) {
    pooled = { num: pooled.num + c.pooled.num, den: pooled.den + c.pooled.den };
    sat += c.sat;
    n += c.n;
  }
  if (how === 'pool') return { frac: pooled, pooled, sat, n };
  const live = children.filter((c) => c.frac.den > 0n);
  if (!live.length) return { frac: ZERO, pooled, sat, n };
  // Σ aᵢ/bᵢ / k, exactly
  let num = 0n;
  let den = 1n;
  for (const c of live) {
    num = num * c.frac.den + c.frac.num * den;
    den = den * c.frac.den;
  }
  return { frac: { num, den: den * BigInt(live.length) }, pooled, sat, n };
}

/** 95 % Wilson interval half-width for k successes out of n, in hundredths of a percent (rounded). */
export function wilsonHalfWidth(k: number, n: number): number | null {
  if (n <= 0) return null;
  const z = 1.959963984540054;
  const p = k / n;
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return Math.round(half * 10000);
}

/** Pooled weights are kept in ten-thousandths of a rating, so that an external index (in hundredths
 * of a percent) adds to counted ratings exactly. */
const SCALE = 10000n;

const countNode = (satisfied: number, n: number): Node => ({
  frac: { num: BigInt(satisfied), den: BigInt(n) },
  pooled: { num: BigInt(satisfied) * SCALE, den: BigInt(n) * SCALE },
  sat: satisfied,
  n,
});

function elementNodes(form: SurveyForm, c: CellCounts) {
  const qs = ratingQuestions(form);
  const questions: Record<string, Node> = {};
  for (const q of qs) {
    const r = c.ratings[q.code] ?? { satisfied: 0, n: 0 };
    questions[q.code] = countNode(r.satisfied, r.n);
  }
  const elements: Record<string, Node> = {};
  for (const e of form.elements) {
    const kids = qs.filter((q) => q.element === e.code).map((q) => questions[q.code]!);
    elements[e.code] = combine(kids, form.aggregation.element);
  }
  return { questions, elements };
}

/** The node of an external index: its fraction as published; towards a pooling level it weighs as
 * many ratings as its valid ballots would have given on the element questions (no ratings are
 * counted: there are none in Chiso). */
function externalNode(form: SurveyForm, x: ExternalIndex): Node {
  const perBallot = ratingQuestions(form).filter((q) => q.element).length || 1;
  const w = BigInt(Math.max(x.valid ?? x.returned ?? 1, 1) * perBallot);
  return {
    frac: { num: BigInt(x.index), den: 10000n },
    pooled: { num: BigInt(x.index) * w, den: SCALE * w },
    sat: 0,
    n: 0,
  };
}

const toCell = (n: Node): IndexCell => ({
  index: n.frac.den > 0n ? roundHundredths(n.frac) : null,
  satisfied: n.sat,
  ratings: n.n,
});
const mapCells = (m: Record<string, Node>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toCell(v)]));

type Counts = Pick<CellCounts, 'returned' | 'valid' | 'invalid' | 'online' | 'overallN' | 'overallSatisfied'>;
interface Part {
  node: Node;
  elements: Record<string, Node>;
  c: Counts;
}

function group(form: SurveyForm, parts: Part[], how: Aggregation): { result: GroupResult; part: Part } {
  const node = combine(
    parts.map((p) => p.node),
    how,
  );
  const elements: Record<string, Node> = {};
  for (const e of form.elements) {
    const kids = parts.map((p) => p.elements[e.code]).filter((x): x is Node => !!x);
    elements[e.code] = combine(kids, how);
  }
  const c = sumCounts(parts.map((p) => p.c));
  return {
    part: { node, elements, c },
    result: {
      ...c,
      margin: wilsonHalfWidth(c.overallSatisfied, c.overallN),
      elements: mapCells(elements),
      index: toCell(node),
    },
  };
}

function sumCounts(cs: Counts[]): Counts {
  const s = { returned: 0, valid: 0, invalid: 0, online: 0, overallN: 0, overallSatisfied: 0 };
  for (const c of cs) for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += c[k];
  return s;
}

/** Indices of a campaign from the counts of its unit × field cells, their targets and the external
 * indices entered (each replaces its unit × field cell: index as published, counts as entered, no
 * element detail). Units in the order of their first cell; fields in the order of `fieldOrder`. */
export function campaignIndices(
  form: SurveyForm,
  cells: CellCounts[],
  targets: { unitId: string; fieldCode: string; target: number | null }[],
  fieldOrder: string[],
  external: ExternalIndex[] = [],
): CampaignIndices {
  const key = (u: string, f: string) => `${u} ${f}`;
  const targetOf = new Map(targets.map((t) => [key(t.unitId, t.fieldCode), t.target]));
  const extOf = new Map(external.map((x) => [key(x.unitId, x.fieldCode), x]));
  const all = [...cells];
  const have = new Set(cells.map((c) => key(c.unitId, c.fieldCode)));
  for (const x of external)
    if (!have.has(key(x.unitId, x.fieldCode)))
      all.push({ ...emptyCounts(), unitId: x.unitId, fieldCode: x.fieldCode, ratings: {} });
  const byUnit = new Map<string, (Part & { f: FieldResult })[]>();
  const byField = new Map<string, Part[]>();
  for (const c of all) {
    const target = targetOf.get(key(c.unitId, c.fieldCode)) ?? null;
    const x = extOf.get(key(c.unitId, c.fieldCode));
    let part: Part;
    let f: FieldResult;
    if (x) {
      const returned = x.returned ?? 0;
      const valid = x.valid ?? 0;
      const counts = {
        ...emptyCounts(),
        returned,
        valid,
        invalid: x.returned !== null && x.valid !== null ? Math.max(returned - valid, 0) : 0,
      };
      part = { node: externalNode(form, x), elements: {}, c: counts };
      f = {
        unitId: c.unitId,
        fieldCode: c.fieldCode,
        target,
        returned: counts.returned,
        valid: counts.valid,
        invalid: counts.invalid,
        online: 0,
        belowTarget: target !== null && x.valid !== null && x.valid < target,
        questions: {},
        elements: {},
        index: toCell(part.node),
        external: { document: x.document, issued: x.issued },
      };
    } else {
      const { questions, elements } = elementNodes(form, c);
      part = { node: combine(Object.values(elements), form.aggregation.field), elements, c };
      f = {
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
        index: toCell(part.node),
      };
    }
    if (!byUnit.has(c.unitId)) byUnit.set(c.unitId, []);
    byUnit.get(c.unitId)!.push({ ...part, f });
    if (!byField.has(c.fieldCode)) byField.set(c.fieldCode, []);
    byField.get(c.fieldCode)!.push(part);
  }
  const order = new Map(fieldOrder.map((f, i) => [f, i]));
  const units: UnitResult[] = [];
  const unitParts: Part[] = [];
  for (const [unitId, parts] of byUnit) {
    parts.sort((a, b) => (order.get(a.f.fieldCode) ?? 1e9) - (order.get(b.f.fieldCode) ?? 1e9));
    const g = group(form, parts, form.aggregation.unit);
    units.push({
      unitId,
      ...g.result,
      fields: parts.map((p) => p.f),
      belowTarget: parts.some((p) => p.f.belowTarget),
    });
    unitParts.push(g.part);
  }
  const fields = [...byField.entries()]
    .sort((a, b) => (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9))
    .map(([fieldCode, parts]) => ({ fieldCode, ...group(form, parts, form.aggregation.unit).result }));
  const overall = group(form, unitParts, form.aggregation.overall).result;
  return { units, fields, overall };
}

function emptyCounts(): Counts {
  return { returned: 0, valid: 0, invalid: 0, online: 0, overallN: 0, overallSatisfied: 0 };
}

/** The result of a subtree, exactly from the counts of the cells of the units given (those surveyed
 * under it) and their external indices, combined as the form's `overall` level says — the same
 * computation as the campaign's overall result, restricted to the subtree (no rounded figure is
 * recombined). Null when no unit of the subtree is surveyed. */
export function subtreeIndex(
  form: SurveyForm,
  cells: CellCounts[],
  unitIds: Set<string>,
  external: ExternalIndex[] = [],
): GroupResult | null {
  const mine = cells.filter((c) => unitIds.has(c.unitId));
  const ext = external.filter((x) => unitIds.has(x.unitId));
  if (!mine.length && !ext.length) return null;
  return campaignIndices(form, mine, [], [], ext).overall;
}
