/** A campaign's results as publication freezes them (`PublishedResults`): the indices of every unit ×
 * field, field, unit and overall with the external indices applied, and the result of every subtree
 * at or under the owner that holds surveyed units, computed exactly from the cells' counts. */
import {
  campaignIndices,
  subtreeIndex,
  type ExternalIndex,
  type GroupResult,
  type PublishedResults,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { campaignInputs } from '../surveys/indices.ts';
import * as repo from './repository.ts';

/** numeric(5,2) "96.45" → 9645, exactly. */
export function hundredthsOf(numeric: string): number {
  const [i = '0', d = ''] = numeric.split('.');
  return Number(i) * 100 + Number((d + '00').slice(0, 2));
}

export function externalOf(r: repo.ExternalRow): ExternalIndex {
  return {
    unitId: r.unitId,
    fieldCode: r.fieldCode,
    index: hundredthsOf(r.indexValue),
    issued: r.issued,
    returned: r.returned,
    valid: r.valid,
    document: r.document,
  };
}

/** Ids of the units at or under `ownerPath` on the way down to a unit of path `path` (owner first). */
export function chainUnder(ownerId: string, ownerPath: string, path: string): string[] {
  if (!path.startsWith(ownerPath)) return [];
  return [ownerId, ...path.slice(ownerPath.length).split('/').filter(Boolean)];
}

export async function buildResults(
  db: DbOrTx,
  campaignId: string,
  at: Date = new Date(),
): Promise<PublishedResults> {
  const x = await campaignInputs(db, campaignId);
  const external = (await repo.listExternal(db, campaignId)).map(externalOf);
  const indices = campaignIndices(x.form, x.cells, x.targets, x.fieldOrder, external);
  const members = new Map<string, Set<string>>();
  for (const t of x.targets)
    for (const id of chainUnder(x.campaign.c.ownerUnitId, x.campaign.ownerPath, t.unitPath)) {
      if (!members.has(id)) members.set(id, new Set());
      members.get(id)!.add(t.unitId);
    }
  const subtrees: Record<string, GroupResult> = {};
  for (const [id, set] of members) {
    const g = subtreeIndex(x.form, x.cells, set, external);
    if (g) subtrees[id] = g;
  }
  return { publishedAt: at.toISOString(), indices, subtrees, external };
}
