/** What a campaign's publication freezes (`survey_results.results`) and how a cycle's survey leaf
 * reads it: the index of a unit (its own fields when it is surveyed, else its subtree's), of a
 * field or of an element. */
import type { CampaignIndices, ExternalIndex, GroupResult } from './indices.ts';
import type { SurveyIndicator } from './types.ts';

export interface PublishedResults {
  /** ISO time of publication. */
  publishedAt: string;
  indices: CampaignIndices;
  /** Per unit at or under the owner that has surveyed units below it (or is one): its subtree's result. */
  subtrees: Record<string, GroupResult>;
  /** Indices published outside Chiso (VNeID…), entered per unit × field: they replace the computed
   * cell of that unit × field. */
  external: ExternalIndex[];
}

export type LeafIndex =
  { kind: 'index'; index: number; source: 'unit' | 'subtree'; unitId: string } | { kind: 'not_applicable' };

/** The index a unit's survey leaf takes: its own result when it is surveyed, else its subtree's (the
 * nearest result at or under it); a unit with nothing surveyed in its subtree: not applicable. */
export function leafIndex(p: PublishedResults, unitId: string, indicator: SurveyIndicator): LeafIndex {
  const own = p.indices.units.find((u) => u.unitId === unitId);
  const pick = (g: GroupResult & { fields?: { fieldCode: string; index: { index: number | null } }[] }) => {
    if (indicator.kind === 'overall') return g.index.index;
    if (indicator.kind === 'element') return g.elements[indicator.code]?.index ?? null;
    return g.fields?.find((f) => f.fieldCode === indicator.code)?.index.index ?? null;
  };
  if (own) {
    const v = pick(own);
    return v === null ? { kind: 'not_applicable' } : { kind: 'index', index: v, source: 'unit', unitId };
  }
  const sub = p.subtrees[unitId];
  if (sub && indicator.kind !== 'field') {
    const v = pick(sub);
    if (v !== null) return { kind: 'index', index: v, source: 'subtree', unitId };
  }
  return { kind: 'not_applicable' };
}
