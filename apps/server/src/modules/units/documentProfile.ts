/** What a unit's documents print, as of a day: the unit and its ancestors up to the root (name, kind
 * and document profile of the period of their history in force that day; the current state where no
 * period covers it). Read without a scope check: a document route reads it for the unit that issues
 * what the reader may already see (a cycle's owner, the assessed unit), never to list units. */
import { isUnitKind, type IssuerUnit } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { getUnitsByIds, historyAt, profileOf, type UnitRow } from './repository.ts';

export interface ChainUnit extends IssuerUnit {
  id: string;
  code: string;
}

/** The unit first, then its parent, … up to the root, as they were on `day` (yyyy-mm-dd). */
export async function issuerChain(db: DbOrTx, unitId: string, day: string): Promise<ChainUnit[]> {
  const [unit] = await getUnitsByIds(db, [unitId]);
  if (!unit) return [];
  const ids = unit.path.split('/').filter(Boolean).reverse();
  const current = new Map((await getUnitsByIds(db, ids)).map((u) => [u.id, u]));
  const out: ChainUnit[] = [];
  let id: string | null = unitId;
  // follow the parent each period records (a unit moved since then prints its parent of that day)
  for (let guard = 0; id && guard < 32; guard++) {
    const now: UnitRow | undefined = current.get(id) ?? (await getUnitsByIds(db, [id]))[0];
    if (!now) break;
    const then = await historyAt(db, id, day);
    const src: UnitRow | NonNullable<typeof then> = then ?? now;
    out.push({
      id,
      code: src.code,
      name: src.name,
      kind: isUnitKind(src.kind) ? src.kind : 'other',
      ...profileOf(src),
    });
    id = src.parentId;
  }
  return out;
}
