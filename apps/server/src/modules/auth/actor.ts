import type { Action } from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { pathInScope, scopeFor, scopeIsEmpty, type ActiveGrant, type Scope } from './scope.ts';

/** Who is acting: a signed-in user with their active grants, or the system itself (commands, seeding). */
export interface Actor {
  id: string | null;
  name: string;
  grants: ActiveGrant[];
  /** The system (CLI, seeding) may do everything. */
  system?: boolean;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'Hệ thống (dòng lệnh)', grants: [], system: true };

export function scopeOf(actor: Actor, action: Action): Scope {
  if (actor.system) return { all: true, paths: [] };
  return scopeFor(actor.grants, action);
}

/** Throws FORBIDDEN_UNIT unless the unit (by its path) lies in the actor's scope for the action. */
export function requireInScope(actor: Actor, action: Action, unitPath: string): void {
  const scope = scopeOf(actor, action);
  if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
  if (!pathInScope(scope, unitPath)) throw new AppError('FORBIDDEN_UNIT');
}

export function requireSystemWide(actor: Actor, action: Action): void {
  if (!scopeOf(actor, action).all) throw new AppError('FORBIDDEN');
}
