/** Appraisal one level at a time up the tree (ADR 0012). A member's levels are the units strictly
 * between the cycle's owner and the member, nearest first (`cycle_units.levels`, fixed when the
 * cycle is made); the first appraises, each approves in turn, and the result reaches the owner only
 * when every level has approved. Acting at a level below the owner means holding the right through
 * a grant on that very unit: a wider grant (a province coordinator over a district) does not act
 * in the level's place, and a unit moved elsewhere since keeps its own coordinators. A level whose
 * unit has been closed since is passed over: the next open level up acts instead. */
import { approvalState, roleAllows, type Action } from '@chiso/domain';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { ActiveGrant } from '../auth/scope.ts';
import type { Approval } from './repository.ts';

export interface LevelUnit {
  unitId: string;
  name: string;
  path: string;
  closed: boolean;
}

/** Whether grants give `action` at a level: below the owner, through a grant on the level's unit;
 * at the owner's level, through any grant covering the owner. */
export function grantsActAt(
  grants: readonly ActiveGrant[],
  action: Action,
  level: LevelUnit,
  atOwner: boolean,
): boolean {
  return grants.some((g) => {
    if (!roleAllows(g.role, action)) return false;
    if (!atOwner) return g.unitId === level.unitId;
    return g.unitId === null || level.path.startsWith(g.unitPath);
  });
}

/** The owner and the level units of a cycle's members, by id. */
export function levelMap(owner: LevelUnit, levels: readonly LevelUnit[]): Map<string, LevelUnit> {
  const out = new Map<string, LevelUnit>([[owner.unitId, owner]]);
  for (const u of levels) out.set(u.unitId, u);
  return out;
}

export interface Position {
  /** The levels then the owner, nearest first. */
  chain: LevelUnit[];
  approvals: Approval[];
  /** The level that appraises (the first open one, else the owner). */
  appraising: LevelUnit;
  /** Who must act next: the first open level that has not approved, or the owner. */
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
  const chain: LevelUnit[] = [
    ...m.levels.map(
      (id) => units.get(id) ?? { unitId: id, name: 'đơn vị không còn', path: '/?/', closed: true },
    ),
    owner,
  ];
  const approvals = m.a.approvals ?? [];
  const closed = new Set(chain.filter((u) => u.closed && u !== owner).map((u) => u.unitId));
  const st = approvalState(
    m.levels,
    approvals.map((x) => x.unitId),
    owner.unitId,
    closed,
  );
  const byId = (id: string) => chain.find((u) => u.unitId === id)!;
  const at = (u: LevelUnit) => actsAt(actor, 'cycle.manage', u, u === owner);
  return {
    chain,
    approvals,
    appraising: byId(st.appraisingUnitId),
    holder: byId(st.holderUnitId),
    complete: st.complete,
    appraises: at(byId(st.appraisingUnitId)),
    holds: at(byId(st.holderUnitId)),
    coordinates: chain.some((u) => !u.closed && at(u)) || at(owner),
  };
}

/** Where the appraisal stands with other approvals (after an approval or a send-back, or as
 * committed now): the same chain, seen by the same actor. */
export function withApprovals(actor: Actor, pos: Position, approvals: Approval[]): Position {
  const owner = pos.chain[pos.chain.length - 1]!;
  const units = new Map(pos.chain.map((u) => [u.unitId, u]));
  const levels = pos.chain.slice(0, -1).map((u) => u.unitId);
  return positionOf(actor, owner, units, { levels, a: { approvals } });
}

/** Who would hold the result with these approvals (after a send-back: the last one withdrawn). */
export function holderWith(pos: Position, approvals: readonly Approval[]): LevelUnit {
  const owner = pos.chain[pos.chain.length - 1]!;
  const levels = pos.chain.slice(0, -1);
  const id = approvalState(
    levels.map((u) => u.unitId),
    approvals.map((x) => x.unitId),
    owner.unitId,
    new Set(levels.filter((u) => u.closed).map((u) => u.unitId)),
  ).holderUnitId;
  return pos.chain.find((u) => u.unitId === id)!;
}

export function actsAt(actor: Actor, action: Action, level: LevelUnit, atOwner: boolean) {
  return !!actor.system || grantsActAt(actor.grants, action, level, atOwner);
}

/** Whether grants make their holder an appraiser of a member: the appraiser's right at the level
 * that appraises it (a grant on that level's unit; when the owner appraises, a grant covering the
 * owner), never a grant on the member alone: a unit does not appraise itself. */
export function mayAppraise(grants: readonly ActiveGrant[], pos: Position): boolean {
  return grantsActAt(
    grants,
    'appraisal.write',
    pos.appraising,
    pos.appraising === pos.chain[pos.chain.length - 1],
  );
}

export function ownerLevel(c: { ownerUnitId: string }, name: string, path: string): LevelUnit {
  return { unitId: c.ownerUnitId, name, path, closed: false };
}

/** Separation of duties: whoever scored, explained, linked evidence to or submitted a
 * self-assessment neither appraises nor approves it, whatever roles they hold. */
export function isAuthor(
  actor: Actor,
  a: { scoredBy: readonly string[]; submittedBy: string | null },
): boolean {
  if (!actor.id) return false;
  return a.scoredBy.includes(actor.id) || a.submittedBy === actor.id;
}

export function requireNotAuthor(
  actor: Actor,
  a: { scoredBy: readonly string[]; submittedBy: string | null },
): void {
  if (isAuthor(actor, a))
    throw new AppError(
      'FORBIDDEN',
      'Bạn đã tham gia lập hoặc gửi bản tự đánh giá này nên không được thẩm định hay duyệt nó (tách bạch nhiệm vụ); đề nghị người khác thực hiện.',
    );
}

/** The actor approved at a lower level already (a person approves at one level only). */
export function approvedByActor(actor: Actor, approvals: readonly { by: string | null }[]): boolean {
  return !actor.system && approvals.some((x) => x.by === actor.id);
}
