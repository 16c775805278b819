import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { grants, sessions, units, users } from '../../db/schema.ts';
import { isRole, type ActiveGrant } from './scope.ts';

export async function findUserByUsername(db: DbOrTx, username: string) {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export async function findUserById(db: DbOrTx, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function activeGrantsOf(db: DbOrTx, userId: string): Promise<ActiveGrant[]> {
  const rows = await db
    .select({ id: grants.id, role: grants.role, unitId: grants.unitId, path: units.path })
    .from(grants)
    .leftJoin(units, eq(units.id, grants.unitId))
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt)));
  return rows.flatMap((r) =>
    isRole(r.role) ? [{ id: r.id, role: r.role, unitId: r.unitId, unitPath: r.path ?? '' }] : [],
  );
}

export async function insertSession(db: DbOrTx, s: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(s);
}

export async function findSession(db: DbOrTx, tokenHash: string, now: Date) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return rows[0];
}

export async function touchSession(db: DbOrTx, tokenHash: string, now: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string, exceptTokenHash?: string) {
  await db
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`)
        : eq(sessions.userId, userId),
    );
}

export async function purgeExpiredSessions(db: DbOrTx, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function recordFailedLogin(db: DbOrTx, userId: string, max: number, lockUntil: Date) {
  const rows = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${max} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${max} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return rows[0]?.lockedUntil ?? null;
}

export async function recordSuccessfulLogin(db: DbOrTx, userId: string) {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export async function setPassword(db: DbOrTx, userId: string, passwordHash: string, mustChange: boolean) {
  await db
    .update(users)
    // the user's own password: a reset by someone else is no longer news
    .set({
      passwordHash,
      mustChangePassword: mustChange,
      passwordResetAt: null,
      passwordResetByName: null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}
