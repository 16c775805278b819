/** Respondent bodies and agency-opinion invitations in SQL (issue #15, item 5). Campaigns are read
 * through the surveys module's services, never here. */
import { and, asc, count, eq, inArray, isNull, or, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/open.ts';
import { surveyBodies, surveyInvitations, units } from '../../db/schema.ts';

export type BodyRow = typeof surveyBodies.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;

const owner = alias(units, 'owner');
const rated = alias(units, 'rated');

function bodyQuery(db: DbOrTx) {
  return db
    .select({
      b: surveyBodies,
      ownerName: owner.name,
      ownerPath: owner.path,
      ratesName: rated.name,
      ratesPath: rated.path,
      invitations: sql<number>`(select count(*)::int from survey_invitations i where i.body_id = ${surveyBodies.id})`,
    })
    .from(surveyBodies)
    .innerJoin(owner, eq(owner.id, surveyBodies.ownerUnitId))
    .leftJoin(rated, eq(rated.id, surveyBodies.ratesUnitId));
}
export type BodyJoined = Awaited<ReturnType<typeof getBody>> & object;

export async function bodiesOf(db: DbOrTx, ownerUnitId: string) {
  return bodyQuery(db)
    .where(eq(surveyBodies.ownerUnitId, ownerUnitId))
    .orderBy(asc(surveyBodies.kind), asc(surveyBodies.name));
}

export async function getBody(db: DbOrTx, id: string) {
  return (await bodyQuery(db).where(eq(surveyBodies.id, id)))[0];
}

export async function bodiesByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return bodyQuery(db).where(inArray(surveyBodies.id, ids));
}

export async function insertBody(db: DbOrTx, row: typeof surveyBodies.$inferInsert) {
  await db.insert(surveyBodies).values(row);
}

export async function updateBody(db: DbOrTx, id: string, set: Partial<typeof surveyBodies.$inferInsert>) {
  await db.update(surveyBodies).set(set).where(eq(surveyBodies.id, id));
}

export async function deleteBody(db: DbOrTx, id: string) {
  await db.delete(surveyBodies).where(eq(surveyBodies.id, id));
}

export async function unitById(db: DbOrTx, id: string) {
  const r = await db
    .select({ id: units.id, name: units.name, path: units.path, validTo: units.validTo })
    .from(units)
    .where(eq(units.id, id));
  return r[0];
}

export async function invitationsOf(db: DbOrTx, campaignId: string) {
  return db
    .select({
      i: surveyInvitations,
      bodyName: surveyBodies.name,
      email: surveyBodies.email,
      unitName: units.name,
    })
    .from(surveyInvitations)
    .innerJoin(surveyBodies, eq(surveyBodies.id, surveyInvitations.bodyId))
    .innerJoin(units, eq(units.id, surveyInvitations.unitId))
    .where(eq(surveyInvitations.campaignId, campaignId))
    .orderBy(asc(units.path), asc(surveyBodies.name));
}

export async function getInvitation(db: DbOrTx, campaignId: string, id: string, lock = false) {
  const q = db
    .select({
      i: surveyInvitations,
      bodyName: surveyBodies.name,
      email: surveyBodies.email,
      unitName: units.name,
    })
    .from(surveyInvitations)
    .innerJoin(surveyBodies, eq(surveyBodies.id, surveyInvitations.bodyId))
    .innerJoin(units, eq(units.id, surveyInvitations.unitId))
    .where(and(eq(surveyInvitations.campaignId, campaignId), eq(surveyInvitations.id, id)));
  return (lock ? await q.for('update', { of: surveyInvitations }) : await q)[0];
}

/** Unanswered invitations of a campaign, locked (a reminder replaces their tokens). `notRemindedSince`:
 * only those never reminded, or reminded before that instant (the job's dedupe). */
export async function unansweredOf(db: DbOrTx, campaignId: string, notRemindedSince?: Date) {
  return db
    .select({
      i: surveyInvitations,
      bodyName: surveyBodies.name,
      email: surveyBodies.email,
      unitName: units.name,
    })
    .from(surveyInvitations)
    .innerJoin(surveyBodies, eq(surveyBodies.id, surveyInvitations.bodyId))
    .innerJoin(units, eq(units.id, surveyInvitations.unitId))
    .where(
      and(
        eq(surveyInvitations.campaignId, campaignId),
        isNull(surveyInvitations.answeredAt),
        notRemindedSince
          ? or(isNull(surveyInvitations.remindedAt), lt(surveyInvitations.remindedAt, notRemindedSince))
          : undefined,
      ),
    )
    .orderBy(asc(units.path), asc(surveyBodies.name))
    .for('update', { of: surveyInvitations });
}

export async function insertInvitation(db: DbOrTx, row: typeof surveyInvitations.$inferInsert) {
  await db.insert(surveyInvitations).values(row);
}

export async function reissue(db: DbOrTx, id: string, tokenHash: string, at: Date) {
  await db
    .update(surveyInvitations)
    .set({ tokenHash, remindedAt: at })
    .where(and(eq(surveyInvitations.id, id), isNull(surveyInvitations.answeredAt)));
}

export async function invitationCounts(db: DbOrTx, campaignId: string) {
  const r = await db
    .select({ invited: count(), answered: sql<number>`count(${surveyInvitations.answeredAt})::int` })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.campaignId, campaignId));
  return { invited: Number(r[0]?.invited ?? 0), answered: Number(r[0]?.answered ?? 0) };
}

/** Campaigns having an unanswered invitation (for the reminder job). */
export async function campaignsWithUnanswered(db: DbOrTx) {
  const r = await db
    .selectDistinct({ id: surveyInvitations.campaignId })
    .from(surveyInvitations)
    .where(isNull(surveyInvitations.answeredAt));
  return r.map((x) => x.id);
}
