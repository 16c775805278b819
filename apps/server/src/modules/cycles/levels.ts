/** Appraisal one level at a time up the tree (ADR 0012). A member's levels are the units strictly
 * between the cycle's owner and the member, nearest first (`cycle_units.levels`, fixed when the
 * cycle is made); the first appraises, each approves in turn, and the result reaches the owner only
 * when every level has approved. Acting at a level means holding the right through a grant on
 * that level's unit (or between it and the next level up), not through a wider grant: a province
 * coordinator does not approve in a district's place. */
import { approvalState, roleAllows, type Action } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import type { Approval } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { ActiveGrant } from '../auth/scope.ts';
import * as repo from './repository.ts';

export interface LevelUnit {
  unitId: string;
  name: string;
  path: string;
}

/** Whether grants give `action` at a level: through a grant on the level's unit or below the next
 * level up; at the owner's level (no next level), through any grant covering it. */
export function grantsActAt(
  grants: readonly ActiveGrant[],
  action: Action,
  level: LevelUnit,
  upper: LevelUnit | null,
): boolean {
  return grants.some((g) => {
    if (!roleAllows(g.role, action)) return false;
    if (g.unitId === null) return upper === null;
    return level.path.startsWith(g.unitPath) && (upper === null || !upper.path.startsWith(g.unitPath));
  });
}

export function actsAt(actor: Actor, action: Action, level: LevelUnit, upper: LevelUnit | null) {
  return !!actor.system || grantsActAt(actor.grants, action, level, upper);
}

/** The units of the levels of some members, with the owner (names and paths). */
export async function levelUnits(
  db: DbOrTx,
  owner: LevelUnit,
  members: readonly { levels: string[] }[],
): Promise<Map<string, LevelUnit>> {
  const ids = [...new Set(members.flatMap((m) => m.levels))];
  const found = await repo.unitsByIds(db, ids);
  const out = new Map<string, LevelUnit>([[owner.unitId, owner]]);
  for (const [id, u] of found) out.set(id, { unitId: id, name: u.name, path: u.path });
  return out;
}

export interface Position {
  /** The levels then the owner, nearest first. */
  chain: LevelUnit[];
  approvals: Approval[];
  appraising: LevelUnit;
  /** Who must act next: the level that approves next, or the owner when every level has. */
  holder: LevelUnit;
  complete: boolean;
  /** The actor appraises the member (coordinates its appraising level). */
  appraises: boolean;
  /** The actor acts at the level that holds it now. */
  holds: boolean;
  /** The actor acts at one of its levels (or at the owner's). */
  coordinates: boolean;
}

export function positionOf(
  actor: Actor,
  owner: LevelUnit,
  units: Map<string, LevelUnit>,
  m: { levels: string[]; a: { approvals: Approval[] } },
): Position {
  const chain = [
    ...m.levels.map((id) => units.get(id) ?? { unitId: id, name: 'đơn vị đã giải thể', path: '/?/' }),
    owner,
  ];
  const approvals = m.a.approvals ?? [];
  const st = approvalState(m.levels, approvals.length, owner.unitId);
  const k = Math.min(approvals.length, m.levels.length);
  const at = (i: number) => actsAt(actor, 'cycle.manage', chain[i]!, chain[i + 1] ?? null);
  return {
    chain,
    approvals,
    appraising: chain[0]!,
    holder: chain[k]!,
    complete: st.complete,
    appraises: at(0),
    holds: at(k),
    coordinates: chain.some((_, i) => at(i)),
  };
}

/** Where one member's appraisal stands, seen by the actor. */
export async function memberPosition(
  db: DbOrTx,
  actor: Actor,
  c: { c: { id: string; ownerUnitId: string }; ownerName: string; ownerPath: string },
  a: { a: { unitId: string; approvals: Approval[] } },
): Promise<Position> {
  const owner: LevelUnit = { unitId: c.c.ownerUnitId, name: c.ownerName, path: c.ownerPath };
  const levels = await repo.levelsOf(db, c.c.id, a.a.unitId);
  const units = await levelUnits(db, owner, [{ levels }]);
  return positionOf(actor, owner, units, { levels, a: a.a });
}
