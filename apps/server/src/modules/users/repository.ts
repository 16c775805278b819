import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { grants, units, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;

export async function getUser(db: DbOrTx, id: string) {
  return (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];
}

export async function getUserByUsername(db: DbOrTx, username: string) {
  return (await db.select().from(users).where(eq(users.username, username)).limit(1))[0];
}

export async function insertUser(db: DbOrTx, u: typeof users.$inferInsert) {
  return (await db.insert(users).values(u).returning())[0]!;
}

export async function updateUser(db: DbOrTx, id: string, set: Partial<typeof users.$inferInsert>) {
  return (
    await db
      .update(users)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning()
  )[0]!;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)` }).from(users);
  return Number(r[0]?.n ?? 0);
}

/** Grants joined with their unit (for names and paths). */
export async function grantsWithUnits(
  db: DbOrTx,
  where: { userIds?: string[]; unitIds?: string[]; activeOnly?: boolean; ids?: string[] },
) {
  const conds = [];
  if (where.userIds) conds.push(where.userIds.length ? inArray(grants.userId, where.userIds) : sql`false`);
  if (where.unitIds) conds.push(where.unitIds.length ? inArray(grants.unitId, where.unitIds) : sql`false`);
  if (where.ids) conds.push(where.ids.length ? inArray(grants.id, where.ids) : sql`false`);
  if (where.activeOnly !== false) conds.push(isNull(grants.revokedAt));
  return db
    .select({ grant: grants, unitName: units.name, unitPath: units.path, unitValidTo: units.validTo })
    .from(grants)
    .leftJoin(units, eq(units.id, grants.unitId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(grants.createdAt);
}

export async function insertGrant(db: DbOrTx, g: typeof grants.$inferInsert) {
  return (await db.insert(grants).values(g).returning())[0]!;
}

export async function revokeGrant(db: DbOrTx, id: string, by: string | null, reason: string) {
  return (
    await db
      .update(grants)
      .set({ revokedAt: new Date(), revokedBy: by, revokeReason: reason })
      .where(eq(grants.id, id))
      .returning()
  )[0]!;
}

/** Users that hold an active grant on a unit whose path starts with one of the prefixes (or all users). */
export async function listUsers(
  db: DbOrTx,
  opts: { paths: string[] | null; unitId?: string | undefined; q?: string | undefined },
) {
  const conds = [];
  if (opts.paths) {
    if (opts.paths.length === 0) return [];
    const likes = opts.paths.map((p) => like(units.path, `${p}%`));
    conds.push(
      sql`${users.id} in (select g.user_id from grants g join units on units.id = g.unit_id where g.revoked_at is null and (${sql.join(likes, sql` or `)}))`,
    );
  }
  if (opts.unitId)
    conds.push(
      sql`${users.id} in (select g.user_id from grants g where g.revoked_at is null and g.unit_id = ${opts.unitId})`,
    );
  if (opts.q)
    for (const w of opts.q.split(' ').filter(Boolean))
      conds.push(like(users.searchKey, `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
  return db
    .select()
    .from(users)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(users.username);
}

/** Active holders of these roles on any of these units (enabled accounts), with the unit each holds
 * the role on. */
export async function holdersOf(db: DbOrTx, roles: string[], unitIds: string[]) {
  if (!unitIds.length || !roles.length) return [];
  return db
    .selectDistinct({ id: users.id, fullName: users.fullName, unitId: grants.unitId })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(
      and(
        inArray(grants.role, roles),
        inArray(grants.unitId, unitIds),
        isNull(grants.revokedAt),
        eq(users.disabled, false),
      ),
    );
}

export async function usersByUsernames(db: DbOrTx, usernames: string[]) {
  if (!usernames.length) return [];
  return db.select().from(users).where(inArray(users.username, usernames)).orderBy(asc(users.username));
}

/** Enabled users holding an active system-wide administrator grant. */
export async function countEnabledSystemAdmins(db: DbOrTx): Promise<number> {
  const r = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(grants, eq(grants.userId, users.id))
    .where(
      sql`${users.disabled} = false and ${grants.role} = 'administrator' and ${grants.unitId} is null and ${grants.revokedAt} is null`,
    );
  return Number(r[0]?.n ?? 0);
}
