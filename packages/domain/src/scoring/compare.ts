/** Ranking with ties, comparison between two results of a unit, and lost points. Pure. */
import { formatPoints, type Hundredths } from '../points.ts';
import { compareVi } from '../text.ts';
import type { NodeResult, Result } from './engine.ts';

export interface Rankable {
  id: string;
  label: string;
  /** Hundredths of a percent. */
  index: number;
}

export interface Ranked extends Rankable {
  rank: number;
  tiedWith: number;
  explanation: string;
}

/** Equal index → equal rank; the next rank skips (1, 2, 2, 4). Order: index desc, then label in Vietnamese order (stable). */
export function rank(items: readonly Rankable[]): Ranked[] {
  const sorted = [...items].sort(
    (a, b) => b.index - a.index || compareVi(a.label, b.label) || (a.id < b.id ? -1 : 1),
  );
  const out: Ranked[] = [];
  // sizes of the groups of equal index (sorted, so equal indexes are adjacent): linear, not quadratic
  const groupSize = new Map<number, number>();
  for (const it of sorted) groupSize.set(it.index, (groupSize.get(it.index) ?? 0) + 1);
  for (let i = 0; i < sorted.length; i++) {
    const it = sorted[i]!;
    const prev = out[i - 1];
    const r = prev && prev.index === it.index ? prev.rank : i + 1;
    const tied = groupSize.get(it.index)! - 1;
    out.push({
      ...it,
      rank: r,
      tiedWith: tied,
      explanation: `Chỉ số ${formatPoints(it.index, { fixed: true })}; ${r - 1} đơn vị có chỉ số cao hơn → hạng ${r}${tied ? ` (đồng hạng với ${tied} đơn vị)` : ''}.`,
    });
  }
  return out;
}

function flatten(nodes: readonly NodeResult[], out: NodeResult[] = []): NodeResult[] {
  for (const n of nodes) {
    out.push(n);
    flatten(n.children, out);
  }
  return out;
}

export interface LostPoints {
  code: string;
  title: string;
  max: Hundredths;
  points: Hundredths;
  lost: Hundredths;
}

/** Points lost per criterion (max − achieved), largest first: the "tồn tại, hạn chế, mất điểm". Top level by default. */
export function lostPoints(result: Result, opts: { leaves?: boolean } = {}): LostPoints[] {
  const nodes = opts.leaves ? flatten(result.tree).filter((n) => n.children.length === 0) : result.tree;
  return nodes
    .filter((n) => n.applicable && !n.block && n.applicableMax > n.points)
    .map((n) => ({
      code: n.code,
      title: n.title,
      max: n.applicableMax,
      points: n.points,
      lost: n.applicableMax - n.points,
    }))
    .sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, 'vi', { numeric: true }));
}

export interface FieldChange {
  code: string;
  title: string;
  /** The code in the earlier result (through the mapping), or null when it has no counterpart. */
  previousCode: string | null;
  now: Hundredths;
  before: Hundredths | null;
  change: Hundredths | null;
  maxNow: Hundredths;
  maxBefore: Hundredths | null;
}

export interface Comparison {
  total: { now: Hundredths; before: Hundredths; change: Hundredths };
  index: { now: number; before: number; change: number };
  fields: FieldChange[];
  /** Criteria of the earlier result that no current criterion maps to. */
  unmatchedBefore: { code: string; title: string; points: Hundredths }[];
  explanation: string;
}

/** Compare a result with an earlier one of the same unit. `mapping` gives, for a current code, the
 * earlier code or null (frameworks change almost every year); codes it does not list match as they are. */
export function compare(
  now: Result,
  before: Result,
  mapping?: Readonly<Record<string, string | null>>,
  opts: { depth?: 'top' | 'all' } = {},
): Comparison {
  const pick = (r: Result) => (opts.depth === 'all' ? flatten(r.tree) : r.tree).filter((n) => !n.block);
  const beforeByCode = new Map(pick(before).map((n) => [n.code, n]));
  const used = new Set<string>();
  const fields = pick(now).map((n): FieldChange => {
    // a code listed in the mapping goes where the mapping says (null: new criterion); others match as they are
    const prevCode =
      mapping && Object.hasOwn(mapping, n.code)
        ? (mapping[n.code] ?? null)
        : beforeByCode.has(n.code)
          ? n.code
          : null;
    const p = prevCode ? beforeByCode.get(prevCode) : undefined;
    if (p) used.add(p.code);
    return {
      code: n.code,
      title: n.title,
      previousCode: p ? p.code : null,
      now: n.points,
      before: p ? p.points : null,
      change: p ? n.points - p.points : null,
      maxNow: n.applicableMax,
      maxBefore: p ? p.applicableMax : null,
    };
  });
  const unmatchedBefore = [...beforeByCode.values()]
    .filter((n) => !used.has(n.code))
    .map((n) => ({ code: n.code, title: n.title, points: n.points }));
  const change = now.total - before.total;
  const idxChange = now.index - before.index;
  const sign = (v: number) => (v > 0 ? 'tăng' : v < 0 ? 'giảm' : 'không đổi');
  return {
    total: { now: now.total, before: before.total, change },
    index: { now: now.index, before: before.index, change: idxChange },
    fields,
    unmatchedBefore,
    explanation: `Tổng điểm ${sign(change)} ${formatPoints(Math.abs(change))} (${formatPoints(before.total)} → ${formatPoints(now.total)}); chỉ số ${sign(idxChange)} ${formatPoints(Math.abs(idxChange), { fixed: true })}.${unmatchedBefore.length ? ` Không có tiêu chí tương ứng: ${unmatchedBefore.map((u) => u.code).join(', ')}.` : ''}`,
  };
}
