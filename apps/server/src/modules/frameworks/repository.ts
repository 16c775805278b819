import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { frameworks, units } from '../../db/schema.ts';

export type FrameworkRow = typeof frameworks.$inferSelect;

export async function listFrameworks(db: DbOrTx) {
  return db
    .select({ f: frameworks, ownerName: units.name, ownerPath: units.path })
    .from(frameworks)
    .leftJoin(units, eq(units.id, frameworks.ownerUnitId))
    .orderBy(desc(frameworks.yearFrom), frameworks.code, desc(frameworks.version));
}

export async function getFramework(db: DbOrTx, id: string) {
  const rows = await db
    .select({ f: frameworks, ownerName: units.name, ownerPath: units.path })
    .from(frameworks)
    .leftJoin(units, eq(units.id, frameworks.ownerUnitId))
    .where(eq(frameworks.id, id))
    .limit(1);
  return rows[0];
}

/** Serialise the versions of one code (the first version fixes the owner; numbers follow). */
export async function lockCode(db: DbOrTx, code: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`framework-code:${code}`}))`);
}

/** The owner of a framework code: that of its first version (null owner = system-wide), or
 * undefined when no version has the code yet. */
export async function codeOwner(db: DbOrTx, code: string) {
  const rows = await db
    .select({ ownerUnitId: frameworks.ownerUnitId, ownerName: units.name, ownerPath: units.path })
    .from(frameworks)
    .leftJoin(units, eq(units.id, frameworks.ownerUnitId))
    .where(eq(frameworks.code, code))
    .orderBy(frameworks.version)
    .limit(1);
  return rows[0];
}

export async function nextVersion(db: DbOrTx, code: string): Promise<number> {
  const r = await db
    .select({ v: sql<number>`coalesce(max(${frameworks.version}), 0)` })
    .from(frameworks)
    .where(eq(frameworks.code, code));
  return Number(r[0]?.v ?? 0) + 1;
}

export async function insertFramework(db: DbOrTx, row: typeof frameworks.$inferInsert) {
  return (await db.insert(frameworks).values(row).returning())[0]!;
}

export async function setStatus(
  db: DbOrTx,
  id: string,
  from: string,
  set: Partial<typeof frameworks.$inferInsert>,
) {
  const r = await db
    .update(frameworks)
    .set(set)
    .where(and(eq(frameworks.id, id), eq(frameworks.status, from)))
    .returning();
  return r[0];
}

/** Update a draft only if it is still at `baseRevision`; returns the new row or undefined. */
export async function updateDraft(
  db: DbOrTx,
  id: string,
  baseRevision: number,
  set: Partial<typeof frameworks.$inferInsert>,
) {
  const r = await db
    .update(frameworks)
    .set({ ...set, revision: sql`${frameworks.revision} + 1` })
    .where(and(eq(frameworks.id, id), eq(frameworks.status, 'draft'), eq(frameworks.revision, baseRevision)))
    .returning();
  return r[0];
}
