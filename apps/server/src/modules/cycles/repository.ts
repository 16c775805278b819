/** Cycles, stages, members, self-assessments, evidence links, appraisal and amendments in SQL. A step loads
 * what it needs in one statement (`assessmentContextRow`, `cycleContextRow`: the row with its cycle,
 * framework, stages and appraisal levels as JSON); writes re-read under a row lock. */
import type { Stage, StageState } from '@chiso/domain';
import { nameInYear } from '../../db/unitNames.ts';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import {
  appraisalAssignments,
  appraisalItems,
  assessmentItems,
  countBindings,
  assessments,
  cycles,
  cycleAmendments,
  cycleStages,
  cycleUnits,
  evidence,
  evidenceLinks,
  frameworks,
  stageExtensions,
  units,
  users,
} from '../../db/schema.ts';

export type { Approval } from '../../db/schema.ts';
export type CycleRow = typeof cycles.$inferSelect;
export type FrameworkRow = typeof frameworks.$inferSelect;
export type StageRow = typeof cycleStages.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;
export type ItemRow = typeof assessmentItems.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type AppraisalRow = typeof appraisalItems.$inferSelect;

/** A stage of a cycle; `extendedTo`: the later due date of one unit, when loaded for a unit. */
export interface StageRowJson {
  stage: Stage;
  startsOn: string;
  dueOn: string;
  state: StageState;
  extendedTo: string | null;
  /** When it was last opened or closed, and by whom it was opened (a name). */
  openedAt: string | null;
  openedBy: string | null;
  closedAt: string | null;
}
/** A unit between a cycle's owner and a member (an appraisal level), closed or not. */
export interface LevelUnitJson {
  unitId: string;
  name: string;
  path: string;
  closed: boolean;
}

const owner = alias(units, 'owner');

/** The stages of the cycle `c`, with the extensions of unit `unitId` (SQL null: none). */
const stagesJson = (unitId: unknown) => sql<StageRowJson[]>`(
  select coalesce(json_agg(json_build_object('stage', s.stage, 'startsOn', s.starts_on, 'dueOn', s.due_on,
    'state', s.state, 'extendedTo', e.due_on, 'openedAt', s.opened_at, 'openedBy', ob.full_name,
    'closedAt', s.closed_at)), '[]'::json)
  from cycle_stages s
  left join stage_extensions e on e.cycle_id = s.cycle_id and e.stage = s.stage and e.unit_id = ${unitId}
  left join users ob on ob.id = s.opened_by
  where s.cycle_id = ${cycles.id})`;

/** The units whose ids `ids` selects (appraisal levels). */
const levelUnitsJson = (ids: SQL) => sql<LevelUnitJson[]>`(
  select coalesce(json_agg(json_build_object('unitId', l.id, 'name', l.name, 'path', l.path,
    'closed', l.valid_to is not null)), '[]'::json)
  from units l where l.id in (${ids}))`;

/** Everything a step on one self-assessment needs, in one statement: the assessment and its unit,
 * the cycle, its owner and framework, the stages (with the unit's extensions), the unit's appraisal
 * levels and their units. */
export async function assessmentContextRow(db: DbOrTx, id: string) {
  const rows = await db
    .select({
      a: assessments,
      unitName: nameInYear(units.id, cycles.year),
      unitCode: units.code,
      unitPath: units.path,
      c: cycles,
      ownerName: owner.name,
      ownerPath: owner.path,
      fw: frameworks,
      levels: cycleUnits.levels,
      stages: stagesJson(assessments.unitId),
      levelUnits: levelUnitsJson(sql`select (jsonb_array_elements_text(${cycleUnits.levels}))::uuid`),
    })
    .from(assessments)
    .innerJoin(units, eq(units.id, assessments.unitId))
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(owner, eq(owner.id, cycles.ownerUnitId))
    .innerJoin(frameworks, eq(frameworks.id, cycles.frameworkId))
    .leftJoin(
      cycleUnits,
      and(eq(cycleUnits.cycleId, assessments.cycleId), eq(cycleUnits.unitId, assessments.unitId)),
    )
    .where(eq(assessments.id, id))
    .limit(1);
  return rows[0];
}

/** A cycle with its owner, framework, stages (with the extensions of `unitId`, if given) and the
 * units of every member's appraisal levels, in one statement (its members: `cycleMembers`). */
export async function cycleContextRow(db: DbOrTx, id: string, unitId: string | null = null) {
  const rows = await db
    .select({
      c: cycles,
      ownerName: owner.name,
      ownerPath: owner.path,
      fw: frameworks,
      stages: stagesJson(sql`${unitId}::uuid`),
      levelUnits: levelUnitsJson(
        sql`select (jsonb_array_elements_text(cu.levels))::uuid from cycle_units cu where cu.cycle_id = ${cycles.id}`,
      ),
    })
    .from(cycles)
    .innerJoin(owner, eq(owner.id, cycles.ownerUnitId))
    .innerJoin(frameworks, eq(frameworks.id, cycles.frameworkId))
    .where(eq(cycles.id, id))
    .limit(1);
  return rows[0];
}

export async function insertCycle(
  db: DbOrTx,
  row: typeof cycles.$inferInsert,
  stages: (typeof cycleStages.$inferInsert)[],
  members: { unitId: string; levels: string[] }[],
  assessmentIds: string[],
) {
  await db.insert(cycles).values(row);
  await db.insert(cycleStages).values(stages);
  const unitIds = members.map((m) => m.unitId);
  if (unitIds.length) {
    await db
      .insert(cycleUnits)
      .values(members.map((m) => ({ cycleId: row.id, unitId: m.unitId, levels: m.levels })));
    await db.insert(assessments).values(
      unitIds.map((unitId, i) => ({
        id: assessmentIds[i]!,
        cycleId: row.id,
        unitId,
        status: 'draft' as const,
      })),
    );
  }
}

export async function listCycles(db: DbOrTx) {
  return db
    .select({ c: cycles, ownerPath: units.path, ownerName: units.name })
    .from(cycles)
    .innerJoin(units, eq(units.id, cycles.ownerUnitId))
    .orderBy(sql`${cycles.year} desc`, cycles.name);
}

export async function setStage(db: DbOrTx, cycleId: string, stage: Stage, set: Partial<StageRow>) {
  const r = await db
    .update(cycleStages)
    .set(set)
    .where(and(eq(cycleStages.cycleId, cycleId), eq(cycleStages.stage, stage)))
    .returning();
  return r[0];
}

/** Close every stage of a cycle not closed yet (publication); returns the stages closed. */
export async function closeAllStages(db: DbOrTx, cycleId: string): Promise<Stage[]> {
  const rows = await db
    .update(cycleStages)
    .set({ state: 'closed', closedAt: new Date() })
    .where(and(eq(cycleStages.cycleId, cycleId), sql`${cycleStages.state} <> 'closed'`))
    .returning({ stage: cycleStages.stage });
  return rows.map((r) => r.stage as Stage);
}

export async function upsertExtension(db: DbOrTx, row: typeof stageExtensions.$inferInsert) {
  await db
    .insert(stageExtensions)
    .values(row)
    .onConflictDoUpdate({
      target: [stageExtensions.cycleId, stageExtensions.stage, stageExtensions.unitId],
      set: { dueOn: row.dueOn, reason: row.reason, createdBy: row.createdBy, createdAt: new Date() },
    });
}

/** Units of a cycle (or of every cycle) with their assessment, in tree order. */
export async function cycleMembers(db: DbOrTx, cycleId?: string) {
  return db
    .select({
      cycleId: cycleUnits.cycleId,
      unitId: units.id,
      unitName: nameInYear(
        units.id,
        sql`(select c_year.year from cycles c_year where c_year.id = ${cycleUnits.cycleId})`,
      ),
      unitCode: units.code,
      unitPath: units.path,
      levels: cycleUnits.levels,
      a: assessments,
    })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .innerJoin(
      assessments,
      and(eq(assessments.cycleId, cycleUnits.cycleId), eq(assessments.unitId, units.id)),
    )
    .where(cycleId ? eq(cycleUnits.cycleId, cycleId) : undefined)
    .orderBy(units.path);
}

/** Lock an assessment's row until the transaction ends and read it as committed now. */
export async function lockAssessment(db: DbOrTx, id: string) {
  const rows = await db.select().from(assessments).where(eq(assessments.id, id)).for('update');
  return rows[0];
}

/** Lock every assessment of a cycle (finalisation; the cycle's row is locked first). */
export async function lockAssessmentsOf(db: DbOrTx, cycleId: string) {
  return db.select().from(assessments).where(eq(assessments.cycleId, cycleId)).for('update');
}

export async function setAssessment(db: DbOrTx, id: string, set: Partial<AssessmentRow>) {
  const r = await db
    .update(assessments)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(assessments.id, id))
    .returning();
  return r[0]!;
}

/** Record a user as an author of a self-assessment (scored, explained, linked evidence, submitted). */
export async function addAuthor(db: DbOrTx, id: string, userId: string | null) {
  if (!userId) return;
  await db.execute(sql`
    update assessments set scored_by = scored_by || jsonb_build_array(${userId}::text)
    where id = ${id} and not (scored_by @> jsonb_build_array(${userId}::text))`);
}

/** The self-scored inputs of every assessment of a cycle (finalisation). */
export async function inputsOfCycle(db: DbOrTx, cycleId: string) {
  return db
    .select({
      assessmentId: assessmentItems.assessmentId,
      code: assessmentItems.code,
      input: assessmentItems.input,
    })
    .from(assessmentItems)
    .innerJoin(assessments, eq(assessments.id, assessmentItems.assessmentId))
    .where(eq(assessments.cycleId, cycleId));
}

export async function itemsOf(db: DbOrTx, assessmentId: string) {
  return db.select().from(assessmentItems).where(eq(assessmentItems.assessmentId, assessmentId));
}

export async function getItem(db: DbOrTx, assessmentId: string, code: string) {
  const r = await db
    .select()
    .from(assessmentItems)
    .where(and(eq(assessmentItems.assessmentId, assessmentId), eq(assessmentItems.code, code)))
    .limit(1);
  return r[0];
}

export async function upsertItem(db: DbOrTx, row: typeof assessmentItems.$inferInsert) {
  const r = await db
    .insert(assessmentItems)
    .values(row)
    .onConflictDoUpdate({
      target: [assessmentItems.assessmentId, assessmentItems.code],
      set: {
        inputText: row.inputText,
        input: row.input,
        explanation: row.explanation,
        ...(row.offerReason !== undefined ? { offerReason: row.offerReason } : {}),
        updatedAt: new Date(),
        updatedBy: row.updatedBy,
        revision: sql`${assessmentItems.revision} + 1`,
      },
    })
    .returning();
  return r[0]!;
}

export async function linksOf(db: DbOrTx, assessmentId: string) {
  return db
    .select({ l: evidenceLinks, e: evidence })
    .from(evidenceLinks)
    .innerJoin(evidence, eq(evidence.id, evidenceLinks.evidenceId))
    .where(eq(evidenceLinks.assessmentId, assessmentId));
}

export async function link(db: DbOrTx, row: typeof evidenceLinks.$inferInsert) {
  await db
    .insert(evidenceLinks)
    .values(row)
    .onConflictDoUpdate({
      target: [evidenceLinks.assessmentId, evidenceLinks.code, evidenceLinks.evidenceId],
      set: { locator: row.locator },
    });
}

export async function unlink(db: DbOrTx, assessmentId: string, code: string, evidenceId: string) {
  await db.execute(sql`delete from evidence_links
    where assessment_id = ${assessmentId} and code = ${code} and evidence_id = ${evidenceId}`);
}

// ---- appraisal

/** Replace a user's assignments over some units of a cycle (those the coordinator appraises);
 * assignments over other units are left as they are. */
export async function setAssignments(
  db: DbOrTx,
  cycleId: string,
  userId: string,
  overUnits: string[],
  rows: { fieldCode: string; unitId: string }[],
) {
  if (overUnits.length)
    await db
      .delete(appraisalAssignments)
      .where(
        and(
          eq(appraisalAssignments.cycleId, cycleId),
          eq(appraisalAssignments.userId, userId),
          inArray(appraisalAssignments.unitId, overUnits),
        ),
      );
  if (rows.length) await db.insert(appraisalAssignments).values(rows.map((r) => ({ cycleId, userId, ...r })));
}

export async function assignmentsOf(db: DbOrTx, cycleId: string) {
  return db
    .select({ a: appraisalAssignments, userName: users.fullName })
    .from(appraisalAssignments)
    .innerJoin(users, eq(users.id, appraisalAssignments.userId))
    .where(eq(appraisalAssignments.cycleId, cycleId));
}

/** Whether a user is assigned to appraise a field of a unit in a cycle. */
export async function isAssigned(db: DbOrTx, cycleId: string, userId: string, field: string, unitId: string) {
  const r = await rawRows(
    db,
    sql`select 1 from appraisal_assignments where cycle_id = ${cycleId} and user_id = ${userId}
        and field_code = ${field} and unit_id = ${unitId} limit 1`,
  );
  return r.length > 0;
}

/** The fields of a unit a user is assigned to appraise in a cycle. */
export async function assignedFields(db: DbOrTx, cycleId: string, userId: string, unitId: string) {
  const r = await rawRows<{ field_code: string }>(
    db,
    sql`select field_code from appraisal_assignments where cycle_id = ${cycleId} and user_id = ${userId}
        and unit_id = ${unitId}`,
  );
  return r.map((x) => x.field_code);
}

export async function appraisalOf(db: DbOrTx, assessmentId: string) {
  return db.select().from(appraisalItems).where(eq(appraisalItems.assessmentId, assessmentId));
}

/** Every appraised criterion of a cycle: unit, code, state and the appraiser's input (the matrix,
 * finalisation). */
export async function appraisalsOfCycle(db: DbOrTx, cycleId: string) {
  return db
    .select({
      assessmentId: appraisalItems.assessmentId,
      unitId: assessments.unitId,
      code: appraisalItems.code,
      state: appraisalItems.state,
      input: appraisalItems.input,
    })
    .from(appraisalItems)
    .innerJoin(assessments, eq(assessments.id, appraisalItems.assessmentId))
    .where(eq(assessments.cycleId, cycleId));
}

export async function upsertAppraisal(db: DbOrTx, row: typeof appraisalItems.$inferInsert) {
  const { assessmentId: _a, code: _c, ...set } = row;
  const r = await db
    .insert(appraisalItems)
    .values(row)
    .onConflictDoUpdate({
      target: [appraisalItems.assessmentId, appraisalItems.code],
      set: { ...set, updatedAt: new Date() },
    })
    .returning();
  return r[0]!;
}

/** Every assessment of a cycle set to `status` (finalisation: all appraised). */
export async function setAssessmentsOf(db: DbOrTx, cycleId: string, set: Partial<AssessmentRow>) {
  await db
    .update(assessments)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(assessments.cycleId, cycleId));
}

export async function setCycle(db: DbOrTx, id: string, set: Partial<CycleRow>) {
  return (await db.update(cycles).set(set).where(eq(cycles.id, id)).returning())[0]!;
}

export async function insertAmendment(db: DbOrTx, row: typeof cycleAmendments.$inferInsert) {
  await db.insert(cycleAmendments).values(row);
}

export async function amendmentsOf(db: DbOrTx, cycleId: string) {
  return db
    .select()
    .from(cycleAmendments)
    .where(eq(cycleAmendments.cycleId, cycleId))
    .orderBy(cycleAmendments.createdAt);
}

/** Units among `unitIds` already taking part in a cycle of this framework and year. */
export async function unitsInCyclesOf(db: DbOrTx, frameworkCode: string, year: number, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: cycleUnits.unitId, unitName: units.name, cycleName: cycles.name })
    .from(cycleUnits)
    .innerJoin(cycles, eq(cycles.id, cycleUnits.cycleId))
    .innerJoin(frameworks, eq(frameworks.id, cycles.frameworkId))
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(
      and(eq(frameworks.code, frameworkCode), eq(cycles.year, year), inArray(cycleUnits.unitId, unitIds)),
    )
    .orderBy(units.path);
}

/** Lock a cycle's row until the transaction ends; its status as committed now (none: deleted). */
export async function lockCycle(db: DbOrTx, id: string) {
  const r = await db.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, id)).for('update');
  return r[0]?.status;
}

/** Serialises the making of cycles of one framework and year (until the transaction ends). */
export async function lockFrameworkYear(db: DbOrTx, frameworkCode: string, year: number) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`cycle:${frameworkCode}:${year}`}))`);
}

/** What units have already put into a cycle: scores typed, evidence linked, appraisal, anything
 * submitted. A cycle with none of it can be deleted without losing anyone's work. */
export async function cycleWork(db: DbOrTx, cycleId: string) {
  const r = await rawRows<{ items: number; links: number; appraised: number; moved: number }>(
    db,
    sql`
    select
      (select count(*)::int from assessment_items i join assessments a on a.id = i.assessment_id
        where a.cycle_id = ${cycleId}) as items,
      (select count(*)::int from evidence_links l join assessments a on a.id = l.assessment_id
        where a.cycle_id = ${cycleId}) as links,
      (select count(*)::int from appraisal_items p join assessments a on a.id = p.assessment_id
        where a.cycle_id = ${cycleId}) as appraised,
      (select count(*)::int from assessments a where a.cycle_id = ${cycleId} and a.status <> 'draft') as moved`,
  );
  return r[0]!;
}

/** Delete a cycle that holds no unit's work (its notices stay: they were sent). */
export async function deleteCycle(db: DbOrTx, cycleId: string) {
  await db.delete(countBindings).where(eq(countBindings.cycleId, cycleId));
  await db.delete(appraisalAssignments).where(eq(appraisalAssignments.cycleId, cycleId));
  await db.delete(stageExtensions).where(eq(stageExtensions.cycleId, cycleId));
  await db.delete(assessments).where(eq(assessments.cycleId, cycleId));
  await db.delete(cycleUnits).where(eq(cycleUnits.cycleId, cycleId));
  await db.delete(cycleStages).where(eq(cycleStages.cycleId, cycleId));
  await db.delete(cycles).where(eq(cycles.id, cycleId));
}

/** Writes scoped to a cycle (assignments, extensions, stages) take this lock first, so that they
 * and a deletion (which locks the row for update) always lock in the same order; false when the
 * cycle is gone. */
export async function shareLockCycle(db: DbOrTx, id: string): Promise<boolean> {
  const r = await rawRows<{ id: string }>(db, sql`select id from cycles where id = ${id} for key share`);
  return r.length > 0;
}
