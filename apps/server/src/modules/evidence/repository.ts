/** Evidence documents of units and the files behind them (stored once per SHA-256) in SQL. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { evidence, files, units } from '../../db/schema.ts';

export type EvidenceRow = typeof evidence.$inferSelect;

export async function insertFile(db: DbOrTx, row: typeof files.$inferInsert) {
  await db.insert(files).values(row).onConflictDoNothing();
}

export async function insertEvidence(db: DbOrTx, row: typeof evidence.$inferInsert) {
  return (await db.insert(evidence).values(row).returning())[0]!;
}

/** An evidence document with its unit's path and its file's type and size. */
export async function getEvidence(db: DbOrTx, id: string) {
  const r = await db
    .select({ e: evidence, unitPath: units.path, mime: files.mime, size: files.size })
    .from(evidence)
    .innerJoin(units, eq(units.id, evidence.unitId))
    .innerJoin(files, eq(files.sha256, evidence.fileSha256))
    .where(eq(evidence.id, id))
    .limit(1);
  return r[0];
}

export async function evidenceOfUnit(db: DbOrTx, unitId: string) {
  return db.select().from(evidence).where(eq(evidence.unitId, unitId)).orderBy(evidence.issuedOn);
}

/** Units other than `unitId` whose evidence uses one of these files. */
export async function sharedFiles(db: DbOrTx, unitId: string, shas: string[]) {
  if (!shas.length) return [];
  return db
    .selectDistinct({ sha: evidence.fileSha256, unitName: units.name, unitPath: units.path })
    .from(evidence)
    .innerJoin(units, eq(units.id, evidence.unitId))
    .where(and(inArray(evidence.fileSha256, shas), sql`${evidence.unitId} <> ${unitId}`));
}

export async function fileReferenced(db: DbOrTx, sha256: string) {
  const r = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(eq(evidence.fileSha256, sha256))
    .limit(1);
  return r.length > 0;
}
