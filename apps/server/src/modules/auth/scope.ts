/** A reader's scope for one action: the whole system, or the union of the subtrees of its grants.
 * Its SQL form, for repositories, is in db/scope.ts. */
import { ROLES, roleAllows, type Action, type Role } from '@chiso/domain';

export interface ActiveGrant {
  id: string;
  role: Role;
  /** null: whole system. */
  unitId: string | null;
  /** Materialised path of the grant's unit ("" for the whole system). */
  unitPath: string;
}

export interface Scope {
  all: boolean;
  /** Path prefixes of the granted subtrees (each "/…/id/"). */
  paths: string[];
}

export function scopeFor(grants: readonly ActiveGrant[], action: Action): Scope {
  const paths: string[] = [];
  for (const g of grants) {
    if (!roleAllows(g.role, action)) continue;
    if (g.unitId === null) return { all: true, paths: [] };
    paths.push(g.unitPath);
  }
  // drop paths inside other paths
  const minimal = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  return { all: false, paths: [...new Set(minimal)] };
}

export function pathInScope(scope: Scope, unitPath: string): boolean {
  return scope.all || scope.paths.some((p) => unitPath.startsWith(p));
}

export function scopeIsEmpty(scope: Scope): boolean {
  return !scope.all && scope.paths.length === 0;
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}
