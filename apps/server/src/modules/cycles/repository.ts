import { and, eq, inArray, sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import {
  appraisalAssignments,
  appraisalItems,
  assessmentItems,
  assessments,
  cycles,
  cycleAmendments,
  cycleStages,
  cycleUnits,
  evidence,
  evidenceLinks,
  files,
  frameworks,
  stageExtensions,
  units,
  users,
} from '../../db/schema.ts';

export type CycleRow = typeof cycles.$inferSelect;
export type StageRow = typeof cycleStages.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;
export type ItemRow = typeof assessmentItems.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;

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

export async function getCycle(db: DbOrTx, id: string) {
  const rows = await db
    .select({ c: cycles, ownerPath: units.path, ownerName: units.name, fw: frameworks })
    .from(cycles)
    .innerJoin(units, eq(units.id, cycles.ownerUnitId))
    .innerJoin(frameworks, eq(frameworks.id, cycles.frameworkId))
    .where(eq(cycles.id, id))
    .limit(1);
  return rows[0];
}

export async function listCycles(db: DbOrTx) {
  return db
    .select({ c: cycles, ownerPath: units.path, ownerName: units.name })
    .from(cycles)
    .innerJoin(units, eq(units.id, cycles.ownerUnitId))
    .orderBy(sql`${cycles.year} desc`, cycles.name);
}

export async function stagesOf(db: DbOrTx, cycleId: string) {
  return db.select().from(cycleStages).where(eq(cycleStages.cycleId, cycleId));
}

export async function setStage(db: DbOrTx, cycleId: string, stage: string, set: Partial<StageRow>) {
  const r = await db
    .update(cycleStages)
    .set(set)
    .where(and(eq(cycleStages.cycleId, cycleId), eq(cycleStages.stage, stage)))
    .returning();
  return r[0];
}

export async function extensionFor(db: DbOrTx, cycleId: string, stage: string, unitId: string) {
  const r = await db
    .select()
    .from(stageExtensions)
    .where(
      and(
        eq(stageExtensions.cycleId, cycleId),
        eq(stageExtensions.stage, stage),
        eq(stageExtensions.unitId, unitId),
      ),
    )
    .limit(1);
  return r[0];
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

/** Units of a cycle with their assessment. */
export async function cycleMembers(db: DbOrTx, cycleId: string) {
  return db
    .select({
      unitId: units.id,
      unitName: units.name,
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
    .where(eq(cycleUnits.cycleId, cycleId))
    .orderBy(units.path);
}

/** Name and path of some units (the appraisal levels of a cycle). */
export async function unitsByIds(db: DbOrTx, ids: string[]) {
  type U = { name: string; path: string; closed: boolean };
  if (!ids.length) return new Map<string, U>();
  const rows = await db
    .select({ id: units.id, name: units.name, path: units.path, validTo: units.validTo })
    .from(units)
    .where(inArray(units.id, ids));
  return new Map<string, U>(rows.map((r) => [r.id, { name: r.name, path: r.path, closed: !!r.validTo }]));
}

/** The appraisal levels of one member of a cycle. */
export async function levelsOf(db: DbOrTx, cycleId: string, unitId: string) {
  const r = await db
    .select({ levels: cycleUnits.levels })
    .from(cycleUnits)
    .where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, unitId)))
    .limit(1);
  return r[0]?.levels ?? [];
}

export async function getAssessment(db: DbOrTx, id: string) {
  const rows = await db
    .select({ a: assessments, unitPath: units.path, unitName: units.name, unitCode: units.code })
    .from(assessments)
    .innerJoin(units, eq(units.id, assessments.unitId))
    .where(eq(assessments.id, id))
    .limit(1);
  return rows[0];
}

export async function lockAssessment(db: DbOrTx, id: string) {
  await db.execute(sql`select id from assessments where id = ${id} for update`);
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
        updatedAt: new Date(),
        updatedBy: row.updatedBy,
        revision: sql`${assessmentItems.revision} + 1`,
      },
    })
    .returning();
  return r[0]!;
}

export async function insertFile(db: DbOrTx, row: typeof files.$inferInsert) {
  await db.insert(files).values(row).onConflictDoNothing();
}

export async function insertEvidence(db: DbOrTx, row: typeof evidence.$inferInsert) {
  return (await db.insert(evidence).values(row).returning())[0]!;
}

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
  const r = await db
    .delete(evidenceLinks)
    .where(
      and(
        eq(evidenceLinks.assessmentId, assessmentId),
        eq(evidenceLinks.code, code),
        eq(evidenceLinks.evidenceId, evidenceId),
      ),
    )
    .returning();
  return r.length;
}

// ---- appraisal

export type AppraisalRow = typeof appraisalItems.$inferSelect;

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

export async function isAssigned(
  db: DbOrTx,
  cycleId: string,
  userId: string,
  fieldCode: string,
  unitId: string,
) {
  const r = await db
    .select({ n: sql<number>`1` })
    .from(appraisalAssignments)
    .where(
      and(
        eq(appraisalAssignments.cycleId, cycleId),
        eq(appraisalAssignments.userId, userId),
        eq(appraisalAssignments.fieldCode, fieldCode),
        eq(appraisalAssignments.unitId, unitId),
      ),
    )
    .limit(1);
  return r.length > 0;
}

export async function appraisalOf(db: DbOrTx, assessmentId: string) {
  return db.select().from(appraisalItems).where(eq(appraisalItems.assessmentId, assessmentId));
}

/** Code and state of every appraised criterion of a cycle (what the matrix and finalisation need). */
export async function appraisalsOfCycle(db: DbOrTx, cycleId: string) {
  return db
    .select({ unitId: assessments.unitId, code: appraisalItems.code, state: appraisalItems.state })
    .from(appraisalItems)
    .innerJoin(assessments, eq(assessments.id, appraisalItems.assessmentId))
    .where(eq(assessments.cycleId, cycleId));
}

export async function upsertAppraisal(db: DbOrTx, row: typeof appraisalItems.$inferInsert) {
  const { assessmentId: _a, code: _c, ...set } = row;
  await db
    .insert(appraisalItems)
    .values(row)
    .onConflictDoUpdate({
      target: [appraisalItems.assessmentId, appraisalItems.code],
      set: { ...set, updatedAt: new Date() },
    });
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

export async function fileReferenced(db: DbOrTx, sha256: string) {
  const r = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(eq(evidence.fileSha256, sha256))
    .limit(1);
  return r.length > 0;
}

/** Units among `unitIds` already taking part in a cycle of this framework and year. */
export async function unitsInCyclesOf(db: DbOrTx, frameworkId: string, year: number, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: cycleUnits.unitId, unitName: units.name, cycleName: cycles.name })
    .from(cycleUnits)
    .innerJoin(cycles, eq(cycles.id, cycleUnits.cycleId))
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(
      and(eq(cycles.frameworkId, frameworkId), eq(cycles.year, year), inArray(cycleUnits.unitId, unitIds)),
    )
    .orderBy(units.path);
}

export async function lockCycle(db: DbOrTx, id: string) {
  await db.execute(sql`select id from cycles where id = ${id} for update`);
}

/** Serialises the making of cycles of one framework and year (until the transaction ends). */
export async function lockFrameworkYear(db: DbOrTx, frameworkId: string, year: number) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`cycle:${frameworkId}:${year}`}))`);
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
