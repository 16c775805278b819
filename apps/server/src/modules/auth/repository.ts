import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { grants, loginFailures, sessions, units, users } from '../../db/schema.ts';
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

/** When logins of `username` from `address` are locked (null when they are not). */
export async function loginLockedUntil(db: DbOrTx, username: string, address: string, now: Date) {
  const rows = await db
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.username, username),
        eq(loginFailures.address, address),
        gt(loginFailures.lockedUntil, now),
      ),
    )
    .limit(1);
  return rows[0]?.lockedUntil ?? null;
}

/** Count a failed login of `username` from `address`; at `max` consecutive failures the pair is
 * locked until `lockUntil` and the count starts again. Returns true when this failure locked it. */
export async function recordLoginFailure(
  db: DbOrTx,
  username: string,
  address: string,
  max: number,
  lockUntil: Date,
  now: Date,
): Promise<boolean> {
  const first = max <= 1;
  const rows = await db
    .insert(loginFailures)
    .values({
      username,
      address,
      failures: first ? 0 : 1,
      lockedUntil: first ? lockUntil : null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [loginFailures.username, loginFailures.address],
      set: {
        failures: sql`case when ${loginFailures.failures} + 1 >= ${max} then 0 else ${loginFailures.failures} + 1 end`,
        lockedUntil: sql`case when ${loginFailures.failures} + 1 >= ${max} then ${lockUntil.toISOString()}::timestamptz else ${loginFailures.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ lockedUntil: loginFailures.lockedUntil });
  return rows[0]?.lockedUntil?.getTime() === lockUntil.getTime();
}

/** The latest lock of any address, shown in the user list (`users.locked_until`). */
export async function markUserLocked(db: DbOrTx, userId: string, lockUntil: Date) {
  await db
    .update(users)
    .set({
      lockedUntil: sql`greatest(coalesce(${users.lockedUntil}, ${lockUntil.toISOString()}::timestamptz), ${lockUntil.toISOString()}::timestamptz)`,
    })
    .where(eq(users.id, userId));
}

/** A successful login from `address` clears that address's count. */
export async function clearLoginFailure(db: DbOrTx, username: string, address: string) {
  await db
    .delete(loginFailures)
    .where(and(eq(loginFailures.username, username), eq(loginFailures.address, address)));
}

/** How many addresses are locked out of an account now. */
export async function lockedAddresses(db: DbOrTx, username: string, now: Date): Promise<number> {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gt(loginFailures.lockedUntil, now)));
  return Number(r[0]?.n ?? 0);
}

/** Lift every lock of an account (all addresses), e.g. when an administrator resets its password. */
export async function clearLoginFailures(db: DbOrTx, username: string) {
  await db.delete(loginFailures).where(eq(loginFailures.username, username));
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.username, username));
}

/** Forget counts that locked nothing and were last touched more than a day ago. */
export async function purgeStaleLoginFailures(db: DbOrTx, now: Date) {
  const cutoff = new Date(now.getTime() - 24 * 3600_000);
  await db
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.updatedAt, cutoff),
        or(isNull(loginFailures.lockedUntil), lt(loginFailures.lockedUntil, now)),
      ),
    );
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
