/** The groups of a ranking set (owner unit, framework code, year): declared by unit kind, edited by
 * those who run the set (the owner's coordinators: `cycle.manage` when a cycle runs it, otherwise
 * `result.write`), audited, and frozen once the set's cycle is published. Saving them places every
 * result of the set in its group and re-ranks the set, under the set's lock. */
import {
  groupOrder,
  keyedGroups,
  rankGroupProblems,
  type KeyedRankGroup,
  type RankGroup,
  type UnitKind,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, type Actor } from '../auth/actor.ts';
import { listFrameworks } from '../frameworks/service.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';
import type { RankSet } from './repository.ts';

/** The groups declared for a set (none: []). */
export async function groupsOfSet(db: DbOrTx, set: RankSet): Promise<KeyedRankGroup[]> {
  const row = await repo.getRankGroups(db, set);
  return row ? (row.groups as KeyedRankGroup[]) : [];
}

/** The groups of a set as a list shows them: in their order, each with the number of results it
 * ranks (the N of "xếp thứ k/N"); one group '' for a set without groups. */
export async function groupHeads(db: DbOrTx, set: RankSet) {
  const sizes = await repo.groupSizes(db, set);
  const heads = groupOrder(await groupsOfSet(db, set), sizes.keys()).map((g) => ({
    ...g,
    size: sizes.get(g.key) ?? 0,
  }));
  return { heads, sizes };
}

export class RankGroupService {
  constructor(private db: Db) {}

  /** The set's owner, checked against the actor's right to run the set. */
  private async access(actor: Actor, set: RankSet) {
    const owner = await getUnit(this.db, set.ownerUnitId);
    if (!owner) throw new AppError('UNIT_NOT_FOUND');
    const cycle = await repo.cycleOfSet(this.db, set);
    requireInScope(actor, cycle ? 'cycle.manage' : 'result.write', owner.path);
    if (!(await listFrameworks(this.db)).some((f) => f.f.code === set.frameworkCode))
      throw new AppError('FRAMEWORK_NOT_FOUND');
    return { owner, cycle };
  }

  async view(actor: Actor, set: RankSet) {
    const { owner, cycle } = await this.access(actor, set);
    const row = await repo.getRankGroups(this.db, set);
    const kinds = await repo.kindsOfSet(this.db, set);
    return {
      ...set,
      ownerName: owner.name,
      groups: row ? (row.groups as KeyedRankGroup[]) : [],
      revision: row?.revision ?? 0,
      frozen: cycle?.status === 'published',
      kinds: kinds.map((k) => ({ kind: k.kind, count: Number(k.n), group: k.rank_group })),
    };
  }

  /** Declare a set's groups (in the order they are printed). Refused with every problem listed, on a
   * stale revision, and once the set's cycle is published. */
  async save(
    actor: Actor,
    set: RankSet,
    body: {
      groups: { name: string; kinds: UnitKind[] }[];
      baseRevision: number;
      reason?: string | undefined;
    },
  ) {
    await this.access(actor, set);
    const problems = rankGroupProblems(body.groups);
    if (problems.length)
      throw new AppError(
        'RANK_GROUPS_INVALID',
        `Nhóm xếp hạng có lỗi; chưa có gì được lưu. ${problems.join(' ')}`,
        {
          problems,
        },
      );
    const groups = keyedGroups(body.groups as RankGroup[]);
    await this.db.transaction(async (tx) => {
      await repo.lockRankSets(tx, [set]);
      // re-read under the lock: a publication in between freezes the groups
      if ((await repo.cycleOfSet(tx, set))?.status === 'published') throw new AppError('RANK_GROUPS_FROZEN');
      const before = await repo.getRankGroups(tx, set);
      const revision = await repo.saveRankGroups(tx, set, groups, body.baseRevision, actor.id);
      if (revision === null)
        throw new AppError('RANK_GROUPS_CONFLICT', undefined, { revision: before?.revision ?? 0 });
      await repo.updateRanks(tx, set);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'result.groups',
        entity: 'rank_groups',
        entityId: `${set.ownerUnitId}:${set.frameworkCode}:${set.year}`,
        unitId: set.ownerUnitId,
        before: { revision: before?.revision ?? 0, groups: before?.groups ?? [] },
        after: { revision, groups },
        reason: body.reason?.trim() || 'Khai báo nhóm xếp hạng',
      });
    });
    return this.view(actor, set);
  }
}
