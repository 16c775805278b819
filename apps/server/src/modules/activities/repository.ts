/** Activity records and the count bindings of cycles in SQL (issue #16 item 3). */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ActivityKind, CountRule, CounterId } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { activities, countBindings, cycleStages, evidence, plans, units } from '../../db/schema.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import type { Scope } from '../auth/scope.ts';

export type ActivityRow = typeof activities.$inferSelect;

const subject = alias(units, 'subject_unit');
const cols = {
  a: activities,
  unitName: units.name,
  unitPath: units.path,
  subjectUnitName: subject.name,
  planNumber: plans.number,
  evidenceNumber: evidence.numberSymbol,
};

function joined(db: DbOrTx) {
  return db
    .select(cols)
    .from(activities)
    .innerJoin(units, eq(units.id, activities.unitId))
    .leftJoin(subject, eq(subject.id, activities.subjectUnitId))
    .leftJoin(plans, eq(plans.id, activities.planId))
    .leftJoin(evidence, eq(evidence.id, activities.evidenceId));
}
export type ActivityJoined = Awaited<ReturnType<typeof getActivity>> & object;

/** Records of units in the scope (and under `underPath`), of a kind and a year, newest first. */
export async function listActivities(
  db: DbOrTx,
  scope: Scope,
  f: { underPath?: string; kind?: ActivityKind; year?: number },
) {
  const conds: SQL[] = [pathColumnInScope(units.path, scope)];
  if (f.underPath) conds.push(sql`${units.path} like ${f.underPath + '%'}`);
  if (f.kind) conds.push(eq(activities.kind, f.kind));
  if (f.year) {
    conds.push(gte(activities.startsOn, `${f.year}-01-01`));
    conds.push(lte(activities.startsOn, `${f.year}-12-31`));
  }
  return joined(db)
    .where(and(...conds))
    .orderBy(desc(activities.startsOn), asc(activities.title))
    .limit(2000);
}

export async function getActivity(db: DbOrTx, id: string) {
  return (await joined(db).where(eq(activities.id, id)).limit(1))[0];
}

export async function lockActivity(db: DbOrTx, id: string) {
  return (await db.select().from(activities).where(eq(activities.id, id)).for('update'))[0];
}

export async function insertActivity(db: DbOrTx, row: typeof activities.$inferInsert) {
  await db.insert(activities).values(row);
}

export async function updateActivity(db: DbOrTx, id: string, row: Partial<typeof activities.$inferInsert>) {
  await db
    .update(activities)
    .set({ ...row, revision: sql`${activities.revision} + 1` })
    .where(eq(activities.id, id));
}

export async function deleteActivity(db: DbOrTx, id: string) {
  await db.delete(activities).where(eq(activities.id, id));
}

export async function unitNames(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const r = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
  return new Map(r.map((u) => [u.id, u.name]));
}

/** The planned inspections of a unit (or its subtree) dated in a year, in date order. */
export async function plannedInspections(
  db: DbOrTx,
  unit: { id: string; path: string },
  subtree: boolean,
  year: number,
) {
  return db
    .select({ a: activities, unitName: units.name })
    .from(activities)
    .innerJoin(units, eq(units.id, activities.unitId))
    .where(
      and(
        eq(activities.kind, 'inspection'),
        eq(activities.planned, true),
        gte(activities.startsOn, `${year}-01-01`),
        lte(activities.startsOn, `${year}-12-31`),
        subtree ? sql`${units.path} like ${unit.path + '%'}` : eq(activities.unitId, unit.id),
      ),
    )
    .orderBy(asc(activities.startsOn), asc(activities.title));
}

// ————————————————————————————— bindings —————————————————————————————

export type CountBindingRow = typeof countBindings.$inferSelect;

export async function bindingsOf(db: DbOrTx, cycleId: string) {
  return db.select().from(countBindings).where(eq(countBindings.cycleId, cycleId));
}

export async function upsertBinding(
  db: DbOrTx,
  row: {
    cycleId: string;
    code: string;
    counter: CounterId;
    subtree: boolean;
    rule: CountRule;
    createdBy: string | null;
  },
) {
  await db
    .insert(countBindings)
    .values(row)
    .onConflictDoUpdate({
      target: [countBindings.cycleId, countBindings.code],
      set: {
        counter: row.counter,
        subtree: row.subtree,
        rule: row.rule,
        createdBy: row.createdBy,
        createdAt: new Date(),
      },
    });
}

export async function deleteBinding(db: DbOrTx, cycleId: string, code: string) {
  await db.delete(countBindings).where(and(eq(countBindings.cycleId, cycleId), eq(countBindings.code, code)));
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
