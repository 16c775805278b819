/** Rank findings between rows with a printed rank: a higher value never has a worse rank, equal values
 * share a rank. Ranks that skip (an extract of a ranking) are checked for order only. Pure, O(n log n). */

export interface RankEntry<R = unknown> {
  row: R;
  /** What ranks: the index, or the total when no maximum is known. */
  value: number;
  /** The rank printed in the table. */
  rank: number;
}

export type RankFindingKind = 'better-value-worse-rank' | 'lower-value-same-rank' | 'tie-split';

/** The rank findings between rows with a printed rank, in table order, each as (kind, a, b):
 * for each row a not yet reported, the other rows b are looked at in table order; the first b ranked
 * better than a although a's value is not lower reports a (a higher value ranked after b, or the same
 * value with a different rank), and every row b before it that shares a's rank with a lower value,
 * and is not yet reported, is reported against a. This is what comparing every pair in that order
 * gives; here it costs O(n log n): a Fenwick tree over the values finds each row's first
 * better-ranked row, and a segment tree over the rows of each printed rank finds the lower ones. */
export function rankFindings<R>(e: RankEntry<R>[]): [RankFindingKind, RankEntry<R>, RankEntry<R>][] {
  const out: [RankFindingKind, RankEntry<R>, RankEntry<R>][] = [];
  const n = e.length;
  if (n < 2) return out;
  const at = (i: number) => e[i]!;

  // positions: rows ordered by printed rank, then table order; each rank a contiguous run
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => at(x).rank - at(y).rank || x - y);
  const posOf = new Int32Array(n);
  const runStart = new Int32Array(n);
  const runEnd = new Int32Array(n);
  for (let g = 0; g < n;) {
    let h = g;
    while (h < n && at(order[h]!).rank === at(order[g]!).rank) h++;
    for (let k = g; k < h; k++) {
      posOf[order[k]!] = k;
      runStart[k] = g;
      runEnd[k] = h;
    }
    g = h;
  }

  // first[i]: the first row (table order) with a better printed rank and a value not above row i's
  const values = [...new Set(e.map((x) => x.value))].sort((x, y) => x - y);
  const valuePos = new Map(values.map((v, i) => [v, i + 1]));
  const fenwick = new Float64Array(values.length + 1).fill(Infinity); // prefix minimum of row numbers
  const first = new Float64Array(n).fill(Infinity);
  for (let g = 0; g < n; g = runEnd[g]!) {
    for (let k = g; k < runEnd[g]!; k++) {
      let best = Infinity;
      for (let i = valuePos.get(at(order[k]!).value)!; i > 0; i -= i & -i) best = Math.min(best, fenwick[i]!);
      first[order[k]!] = best;
    }
    for (let k = g; k < runEnd[g]!; k++)
      for (let i = valuePos.get(at(order[k]!).value)!; i <= values.length; i += i & -i)
        fenwick[i] = Math.min(fenwick[i]!, order[k]!);
  }

  // segment tree over positions: the value of each row not yet reported (Infinity once reported)
  let size = 1;
  while (size < n) size *= 2;
  const tree = new Float64Array(2 * size).fill(Infinity);
  for (let k = 0; k < n; k++) tree[size + k] = at(order[k]!).value;
  for (let k = size - 1; k > 0; k--) tree[k] = Math.min(tree[2 * k]!, tree[2 * k + 1]!);
  const retire = (k: number) => {
    let node = size + k;
    tree[node] = Infinity;
    for (node >>= 1; node > 0; node >>= 1) tree[node] = Math.min(tree[2 * node]!, tree[2 * node + 1]!);
  };
  /** The first position in [lo, hi) whose row is not reported and has a value below `below`; -1 if none. */
  const firstBelow = (
    node: number,
    nl: number,
    nr: number,
    lo: number,
    hi: number,
    below: number,
  ): number => {
    if (nr <= lo || nl >= hi || tree[node]! >= below) return -1;
    if (nr - nl === 1) return nl;
    const mid = (nl + nr) >> 1;
    const left = firstBelow(2 * node, nl, mid, lo, hi, below);
    return left >= 0 ? left : firstBelow(2 * node + 1, mid, nr, lo, hi, below);
  };

  const reported = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (reported[i]) continue;
    const a = at(i);
    const p = posOf[i]!;
    // the rows of a's rank that come before first[i] in table order: positions [runStart, cut)
    let lo = runStart[p]!;
    let hi = runEnd[p]!;
    const start = lo;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid]! < first[i]!) lo = mid + 1;
      else hi = mid;
    }
    for (
      let k = firstBelow(1, 0, size, start, lo, a.value);
      k >= 0;
      k = firstBelow(1, 0, size, start, lo, a.value)
    ) {
      reported[order[k]!] = 1;
      retire(k);
      out.push(['lower-value-same-rank', a, at(order[k]!)]);
    }
    if (first[i] !== Infinity) {
      const b = at(first[i]!);
      reported[i] = 1;
      retire(p);
      out.push([b.value < a.value ? 'better-value-worse-rank' : 'tie-split', a, b]);
    }
  }
  return out;
}
