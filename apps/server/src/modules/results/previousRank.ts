/** Each unit's place last year, for the movement a ranking and its publishing decision print: its
 * rank in the previous year's results of the unit itself or of the units it came from (lineage:
 * merged, renamed), among published cycles' results and results entered outside a cycle. The same
 * set means the same owner, the framework's code or the code it declares to follow (`comparesWith`),
 * and the same group; otherwise the place is reported with that ranking's name (`rankMovement`). */
import { rankMovement, type PreviousPlace } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import * as repo from './repository.ts';

export interface RankedUnit {
  unitId: string;
  rankGroup: string;
}

export interface ThisSet {
  ownerUnitId: string;
  /** The framework's code and the code it follows, if any. */
  frameworkCodes: string[];
  year: number;
}

/** unitId → its place last year (null: none). A same-set place is preferred over another set's. */
export async function previousPlaces(
  db: DbOrTx,
  set: ThisSet,
  units: readonly RankedUnit[],
): Promise<Map<string, PreviousPlace | null>> {
  const out = new Map<string, PreviousPlace | null>(units.map((u) => [u.unitId, null]));
  if (!units.length) return out;
  const rows = await repo.previousRankRows(
    db,
    set.year - 1,
    units.map((u) => u.unitId),
  );
  const groupOf = new Map(units.map((u) => [u.unitId, u.rankGroup]));
  for (const r of rows) {
    const sameSet =
      r.owner_unit_id === set.ownerUnitId &&
      set.frameworkCodes.includes(r.code) &&
      r.rank_group === groupOf.get(r.now_unit);
    const had = out.get(r.now_unit);
    if (had && (had.sameSet || !sameSet)) continue;
    out.set(r.now_unit, {
      rank: Number(r.rank),
      of: Number(r.of),
      sameSet,
      rankingName: r.ranking_name,
      total: String(r.total).replace('.', ','),
    });
  }
  return out;
}

/** The movement as the screens and the decision show it. */
export function movementView(rank: number | null, previous: PreviousPlace | null) {
  const m = rankMovement(rank, previous);
  return {
    kind: m.kind,
    text: m.text,
    places: 'places' in m ? m.places : null,
    previousRank: previous?.rank ?? null,
    previousOf: previous?.of ?? null,
    previousTotal: previous?.total ?? null,
    previousRanking: previous?.rankingName ?? null,
    sameSet: previous?.sameSet ?? false,
  };
}

/** Back from the view to the place (the documents read the ranking view). */
export function placeOfView(v: ReturnType<typeof movementView>): PreviousPlace | null {
  if (v.previousRank === null || v.previousOf === null) return null;
  return {
    rank: v.previousRank,
    of: v.previousOf,
    sameSet: v.sameSet,
    rankingName: v.previousRanking ?? '',
    total: v.previousTotal,
  };
}
