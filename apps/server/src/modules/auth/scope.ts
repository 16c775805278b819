/** A reader's scope for one action: the whole system, or the union of the subtrees of its grants. */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
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

/** SQL condition: the units.path column lies in the scope. */
export function pathColumnInScope(pathCol: AnyColumn | SQL, scope: Scope): SQL {
  if (scope.all) return sql`true`;
  if (scope.paths.length === 0) return sql`false`;
  const likes = scope.paths.map((p) => sql`${pathCol} like ${escapeLike(p) + '%'}`);
  return sql`(${sql.join(likes, sql` or `)})`;
}

/** SQL condition: a unit id column refers to a unit in the scope. */
export function unitInScope(unitIdCol: AnyColumn | SQL, scope: Scope): SQL {
  if (scope.all) return sql`true`;
  if (scope.paths.length === 0) return sql`false`;
  return sql`${unitIdCol} in (select u.id from units u where ${pathColumnInScope(sql`u.path`, scope)})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}
