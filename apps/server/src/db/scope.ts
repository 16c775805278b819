/** A reader's scope as SQL conditions, for repositories (the scope itself and its rules are in
 * modules/auth/scope.ts, free of SQL). */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Scope } from '../modules/auth/scope.ts';

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
