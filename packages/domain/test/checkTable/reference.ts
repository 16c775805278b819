/** The rank check as it was before issue #11: every pair of printed ranks compared, in table order
 * (quadratic). The fast check (src/checkTable/ranks.ts) must give exactly what this gives. */
import type { RankEntry, RankFindingKind } from '../../src/checkTable/ranks.ts';

export function pairwiseRankFindings<R>(e: RankEntry<R>[]): [RankFindingKind, RankEntry<R>, RankEntry<R>][] {
  const out: [RankFindingKind, RankEntry<R>, RankEntry<R>][] = [];
  const reported = new Set<RankEntry<R>>();
  for (const a of e) {
    for (const b of e) {
      if (a === b || reported.has(a)) continue;
      if (a.value > b.value && a.rank > b.rank) {
        reported.add(a);
        out.push(['better-value-worse-rank', a, b]);
      } else if (a.value > b.value && a.rank === b.rank && !reported.has(b)) {
        reported.add(b);
        out.push(['lower-value-same-rank', a, b]);
      } else if (a.value === b.value && a.rank > b.rank) {
        reported.add(a);
        out.push(['tie-split', a, b]);
      }
    }
  }
  return out;
}
