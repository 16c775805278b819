/** Post-audit of a campaign in SQL (issue #15, item 6): setup, sampled ballots and outcomes,
 * assignments, one contact at a time, invalidation of a ballot, erasure of contacts. Campaigns are
 * read through the surveys module's services. */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
import {
  grants,
  surveyBallots,
  surveyPostauditAssignments,
  surveyPostauditItems,
  surveyPostaudits,
  units,
  users,
} from '../../db/schema.ts';

export type PostauditRow = typeof surveyPostaudits.$inferSelect;

export async function getPostaudit(db: DbOrTx, campaignId: string, lock = false) {
  const q = db.select().from(surveyPostaudits).where(eq(surveyPostaudits.campaignId, campaignId));
  return (lock ? await q.for('update') : await q)[0];
}

export async function insertPostaudit(db: DbOrTx, row: typeof surveyPostaudits.$inferInsert) {
  await db.insert(surveyPostaudits).values(row);
}

export async function updatePostaudit(
  db: DbOrTx,
  campaignId: string,
  set: Partial<typeof surveyPostaudits.$inferInsert>,
) {
  await db.update(surveyPostaudits).set(set).where(eq(surveyPostaudits.campaignId, campaignId));
}

/** Valid ballots of the campaign that left a contact phone: the candidates of the sample. */
export async function candidates(db: DbOrTx, campaignId: string) {
  return db
    .select({ id: surveyBallots.id, unitId: surveyBallots.unitId })
    .from(surveyBallots)
    .where(
      and(
        eq(surveyBallots.campaignId, campaignId),
        isNull(surveyBallots.invalidReason),
        isNotNull(surveyBallots.contactPhone),
        sql`${surveyBallots.contactPhone} <> ''`,
      ),
    );
}

export async function replaceItems(db: DbOrTx, campaignId: string, ballotIds: number[]) {
  await db.delete(surveyPostauditItems).where(eq(surveyPostauditItems.campaignId, campaignId));
  for (let i = 0; i < ballotIds.length; i += 1000)
    await db
      .insert(surveyPostauditItems)
      .values(ballotIds.slice(i, i + 1000).map((ballotId) => ({ campaignId, ballotId })));
}

const itemCols = {
  it: surveyPostauditItems,
  unitId: surveyBallots.unitId,
  unitName: units.name,
  unitPath: units.path,
  fieldCode: surveyBallots.fieldCode,
  mode: surveyBallots.mode,
  serial: surveyBallots.serial,
  hasPhone: sql<boolean>`(${surveyBallots.contactPhone} is not null and ${surveyBallots.contactPhone} <> '')`,
  invalidReason: surveyBallots.invalidReason,
};

/** The sampled ballots, without their contacts (only whether one was left). */
export async function itemsOf(db: DbOrTx, campaignId: string) {
  return db
    .select(itemCols)
    .from(surveyPostauditItems)
    .innerJoin(surveyBallots, eq(surveyBallots.id, surveyPostauditItems.ballotId))
    .innerJoin(units, eq(units.id, surveyBallots.unitId))
    .where(eq(surveyPostauditItems.campaignId, campaignId))
    .orderBy(asc(units.path), asc(surveyPostauditItems.ballotId));
}

export async function getItem(db: DbOrTx, campaignId: string, ballotId: number, lock = false) {
  const q = db
    .select(itemCols)
    .from(surveyPostauditItems)
    .innerJoin(surveyBallots, eq(surveyBallots.id, surveyPostauditItems.ballotId))
    .innerJoin(units, eq(units.id, surveyBallots.unitId))
    .where(and(eq(surveyPostauditItems.campaignId, campaignId), eq(surveyPostauditItems.ballotId, ballotId)));
  return (lock ? await q.for('update') : await q)[0];
}

/** The one place a contact is read: a sampled ballot's phone. */
export async function contactOf(db: DbOrTx, campaignId: string, ballotId: number) {
  const r = await db
    .select({ phone: surveyBallots.contactPhone })
    .from(surveyBallots)
    .where(and(eq(surveyBallots.campaignId, campaignId), eq(surveyBallots.id, ballotId)));
  return r[0]?.phone ?? null;
}

export async function setOutcome(
  db: DbOrTx,
  campaignId: string,
  ballotId: number,
  set: { outcome: string; note: string | null; recordedBy: string | null },
) {
  await db
    .update(surveyPostauditItems)
    .set({ ...set, outcome: set.outcome as never, recordedAt: new Date() })
    .where(and(eq(surveyPostauditItems.campaignId, campaignId), eq(surveyPostauditItems.ballotId, ballotId)));
}

/** Invalidates a ballot after a failed post-audit (flag `postaudit_failed`). */
export async function invalidateBallot(db: DbOrTx, ballotId: number, reason: string, by: string | null) {
  await db
    .update(surveyBallots)
    .set({
      invalidReason: reason,
      invalidatedAt: new Date(),
      invalidatedBy: by,
      flags: sql`case when 'postaudit_failed' = any(${surveyBallots.flags}) then ${surveyBallots.flags} else array_append(${surveyBallots.flags}, 'postaudit_failed') end`,
    })
    .where(and(eq(surveyBallots.id, ballotId), isNull(surveyBallots.invalidReason)));
}

export async function assignmentsOf(db: DbOrTx, campaignId: string) {
  return db
    .select({
      userId: surveyPostauditAssignments.userId,
      userName: users.fullName,
      unitId: surveyPostauditAssignments.unitId,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(surveyPostauditAssignments)
    .innerJoin(users, eq(users.id, surveyPostauditAssignments.userId))
    .innerJoin(units, eq(units.id, surveyPostauditAssignments.unitId))
    .where(eq(surveyPostauditAssignments.campaignId, campaignId))
    .orderBy(asc(units.path), asc(users.fullName));
}

/** The units (paths) a user is assigned to in a campaign's post-audit. */
export async function assignedPaths(db: DbOrTx, campaignId: string, userId: string) {
  const r = await db
    .select({ path: units.path })
    .from(surveyPostauditAssignments)
    .innerJoin(units, eq(units.id, surveyPostauditAssignments.unitId))
    .where(
      and(
        eq(surveyPostauditAssignments.campaignId, campaignId),
        eq(surveyPostauditAssignments.userId, userId),
      ),
    );
  return r.map((x) => x.path);
}

export async function insertAssignment(db: DbOrTx, row: typeof surveyPostauditAssignments.$inferInsert) {
  await db.insert(surveyPostauditAssignments).values(row).onConflictDoNothing();
}

export async function deleteAssignment(db: DbOrTx, campaignId: string, userId: string, unitId: string) {
  const r = await db
    .delete(surveyPostauditAssignments)
    .where(
      and(
        eq(surveyPostauditAssignments.campaignId, campaignId),
        eq(surveyPostauditAssignments.userId, userId),
        eq(surveyPostauditAssignments.unitId, unitId),
      ),
    )
    .returning({ u: surveyPostauditAssignments.userId });
  return r.length > 0;
}

/** Enabled users holding one of these roles on a unit inside `ownerPath` or above it (a grant above
 * the owner covers its subtree), with the unit of each grant. */
export async function holdersAround(db: DbOrTx, roles: string[], ownerPath: string) {
  if (!roles.length) return [];
  const like = ownerPath.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  return db
    .selectDistinct({
      userId: users.id,
      userName: users.fullName,
      unitId: units.id,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(units, eq(units.id, grants.unitId))
    .where(
      and(
        inArray(grants.role, roles),
        isNull(grants.revokedAt),
        eq(users.disabled, false),
        sql`(${units.path} like ${like} or strpos(${ownerPath}, ${units.path}) = 1)`,
      ),
    )
    .orderBy(asc(units.path), asc(users.fullName));
}

export async function unitById(db: DbOrTx, id: string) {
  const r = await db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(eq(units.id, id));
  return r[0];
}

/** Post-audits closed long enough ago whose contacts are still there. */
export async function dueErasures(db: DbOrTx, now: Date) {
  return db
    .select()
    .from(surveyPostaudits)
    .where(
      and(
        eq(surveyPostaudits.state, 'closed'),
        isNull(surveyPostaudits.contactsErasedAt),
        sql`${surveyPostaudits.closedAt} + make_interval(days => ${surveyPostaudits.eraseAfterDays}) <= ${now.toISOString()}::timestamptz`,
      ),
    );
}

/** Erases every contact phone of the campaign's ballots; returns how many were erased. */
export async function eraseContacts(db: DbOrTx, campaignId: string) {
  const r = await db.execute(sql`
    with e as (update survey_ballots set contact_phone = null
               where campaign_id = ${campaignId} and contact_phone is not null returning 1)
    select count(*)::int as n from e`);
  return (r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
