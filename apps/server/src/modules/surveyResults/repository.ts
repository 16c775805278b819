/** SQL of campaign results: external indices (`survey_external_results`) and the units results name.
 * Ballot counts are read through the surveys module (`computeCampaignIndices`, `campaignInputs`). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import { surveyExternalResults, units } from '../../db/schema.ts';

export type ExternalRow = typeof surveyExternalResults.$inferSelect;

export async function listExternal(db: DbOrTx, campaignId: string) {
  return db
    .select()
    .from(surveyExternalResults)
    .where(eq(surveyExternalResults.campaignId, campaignId))
    .orderBy(asc(surveyExternalResults.unitId), asc(surveyExternalResults.fieldCode));
}

const one = (campaignId: string, unitId: string, fieldCode: string) =>
  and(
    eq(surveyExternalResults.campaignId, campaignId),
    eq(surveyExternalResults.unitId, unitId),
    eq(surveyExternalResults.fieldCode, fieldCode),
  );

/** One external index, locked for the change about to be made. */
export async function getExternal(db: DbOrTx, campaignId: string, unitId: string, fieldCode: string) {
  const r = await db
    .select()
    .from(surveyExternalResults)
    .where(one(campaignId, unitId, fieldCode))
    .for('update');
  return r[0];
}

export async function upsertExternal(db: DbOrTx, row: typeof surveyExternalResults.$inferInsert) {
  await db
    .insert(surveyExternalResults)
    .values(row)
    .onConflictDoUpdate({
      target: [
        surveyExternalResults.campaignId,
        surveyExternalResults.unitId,
        surveyExternalResults.fieldCode,
      ],
      set: {
        indexValue: row.indexValue,
        issued: row.issued,
        returned: row.returned,
        valid: row.valid,
        document: row.document,
        createdAt: new Date(),
        createdBy: row.createdBy,
      },
    });
}

export async function deleteExternal(db: DbOrTx, campaignId: string, unitId: string, fieldCode: string) {
  await db.delete(surveyExternalResults).where(one(campaignId, unitId, fieldCode));
}

/** Names and paths of units (the subtrees of a campaign name units that are not surveyed). */
export async function unitsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: units.id, name: units.name, path: units.path, sortOrder: units.sortOrder })
    .from(units)
    .where(inArray(units.id, ids));
}
