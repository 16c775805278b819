/** Survey bindings and sanction decisions of cycles in SQL (issue #15, item 7). */
import { and, eq } from 'drizzle-orm';
import type { SurveyIndicator } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { cycleStages, surveyBindings, surveySanctions, users } from '../../db/schema.ts';

export type BindingRow = typeof surveyBindings.$inferSelect;

export async function bindingsOf(db: DbOrTx, cycleId: string) {
  return db.select().from(surveyBindings).where(eq(surveyBindings.cycleId, cycleId));
}

export async function upsertBinding(
  db: DbOrTx,
  row: {
    cycleId: string;
    code: string;
    campaignCode: string;
    indicator: SurveyIndicator;
    createdBy: string | null;
  },
) {
  await db
    .insert(surveyBindings)
    .values(row)
    .onConflictDoUpdate({
      target: [surveyBindings.cycleId, surveyBindings.code],
      set: {
        campaignCode: row.campaignCode,
        indicator: row.indicator,
        createdBy: row.createdBy,
        createdAt: new Date(),
      },
    });
}

export async function deleteBinding(db: DbOrTx, cycleId: string, code: string) {
  await db
    .delete(surveyBindings)
    .where(and(eq(surveyBindings.cycleId, cycleId), eq(surveyBindings.code, code)));
}

export async function sanctionsOf(db: DbOrTx, cycleId: string) {
  return db
    .select({ s: surveySanctions, byName: users.fullName })
    .from(surveySanctions)
    .leftJoin(users, eq(users.id, surveySanctions.createdBy))
    .where(eq(surveySanctions.cycleId, cycleId));
}

export async function upsertSanction(
  db: DbOrTx,
  row: {
    cycleId: string;
    unitId: string;
    decision: 'zero' | 'waived';
    reason: string;
    createdBy: string | null;
  },
) {
  await db
    .insert(surveySanctions)
    .values(row)
    .onConflictDoUpdate({
      target: [surveySanctions.cycleId, surveySanctions.unitId],
      set: { decision: row.decision, reason: row.reason, createdBy: row.createdBy, createdAt: new Date() },
    });
}

/** The appraisal stage's state, read under a share lock (bindings change only before it opens). */
export async function appraisalStageState(db: DbOrTx, cycleId: string) {
  const r = await db
    .select({ state: cycleStages.state })
    .from(cycleStages)
    .where(and(eq(cycleStages.cycleId, cycleId), eq(cycleStages.stage, 'appraisal')))
    .for('share');
  return r[0]?.state;
}
