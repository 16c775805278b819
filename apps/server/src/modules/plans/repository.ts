/** Plans in SQL (issue #16 item 1): plans with their issuing unit, the units each asks, and the plans
 * implementing a plan. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import { evidence, planAskedUnits, plans, units } from '../../db/schema.ts';

export type PlanRow = typeof plans.$inferSelect;

const issuer = alias(units, 'issuer');
const cols = { p: plans, unitName: issuer.name, unitPath: issuer.path };

/** Every plan with its issuing unit's name and path, newest first. */
export async function listPlans(db: DbOrTx) {
  return db
    .select(cols)
    .from(plans)
    .innerJoin(issuer, eq(issuer.id, plans.issuingUnitId))
    .orderBy(sql`${plans.issuedOn} desc`, asc(plans.number));
}

export async function getPlan(db: DbOrTx, id: string) {
  const r = await db
    .select(cols)
    .from(plans)
    .innerJoin(issuer, eq(issuer.id, plans.issuingUnitId))
    .where(eq(plans.id, id))
    .limit(1);
  return r[0];
}

export async function childrenOf(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select(cols)
    .from(plans)
    .innerJoin(issuer, eq(issuer.id, plans.issuingUnitId))
    .where(inArray(plans.parentId, ids))
    .orderBy(asc(plans.issuedOn));
}

/** The units asked by these plans, with their names and paths. */
export async function askedOf(db: DbOrTx, planIds: string[]) {
  if (!planIds.length) return [];
  return db
    .select({ planId: planAskedUnits.planId, unitId: units.id, unitName: units.name, unitPath: units.path })
    .from(planAskedUnits)
    .innerJoin(units, eq(units.id, planAskedUnits.unitId))
    .where(inArray(planAskedUnits.planId, planIds))
    .orderBy(asc(units.sortOrder), asc(units.name));
}

export async function insertPlan(db: DbOrTx, row: typeof plans.$inferInsert, asked: string[]) {
  await db.insert(plans).values(row);
  if (asked.length)
    await db.insert(planAskedUnits).values(asked.map((unitId) => ({ planId: row.id, unitId })));
}

export async function planByNumber(db: DbOrTx, unitId: string, number: string) {
  const r = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.issuingUnitId, unitId), eq(plans.number, number)))
    .limit(1);
  return r[0];
}

export async function evidenceUnit(db: DbOrTx, id: string) {
  const r = await db.select({ unitId: evidence.unitId }).from(evidence).where(eq(evidence.id, id)).limit(1);
  return r[0]?.unitId;
}

/** The plan row locked for a change of its text. */
export async function lockPlan(db: DbOrTx, id: string) {
  const r = await db.select().from(plans).where(eq(plans.id, id)).for('update').limit(1);
  return r[0];
}

export async function updatePlanText(
  db: DbOrTx,
  id: string,
  set: Pick<PlanRow, 'body' | 'addressees' | 'recipients' | 'revision'>,
) {
  await db.update(plans).set(set).where(eq(plans.id, id));
}

/** The units given a task of these plans (an instance, or coordinating): they read the plan too. */
export async function taskUnitsOf(db: DbOrTx, planIds: string[]) {
  if (!planIds.length) return [];
  return rawRows<{ planId: string; unitPath: string }>(
    db,
    sql`select distinct t.plan_id as "planId", u.path as "unitPath"
      from plan_tasks t
      join (select task_id, unit_id from plan_task_instances
            union select task_id, unit_id from plan_task_coordinators) x on x.task_id = t.id
      join units u on u.id = x.unit_id
      where t.plan_id = any(${sql.param(planIds)}::uuid[])`,
  );
}
