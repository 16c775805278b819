/** Report requests and the units' reports in SQL (issue #15 item 7; issue #16 adds kinds, not tables). */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { sortByTree } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import {
  files,
  plans,
  reportRequests,
  reportSeries,
  reportSubmissions,
  surveyCampaigns,
  surveyInvitations,
  units,
} from '../../db/schema.ts';

export type RequestRow = typeof reportRequests.$inferSelect;
export type SubmissionRow = typeof reportSubmissions.$inferSelect;

const owner = alias(units, 'owner');
const receiver = alias(units, 'receiver');

function requestQuery(db: DbOrTx) {
  return db
    .select({
      r: reportRequests,
      ownerPath: owner.path,
      ownerName: owner.name,
      receivingPath: receiver.path,
      receivingName: receiver.name,
      campaignName: surveyCampaigns.name,
      planNumber: plans.number,
    })
    .from(reportRequests)
    .innerJoin(owner, eq(owner.id, reportRequests.ownerUnitId))
    .leftJoin(receiver, eq(receiver.id, reportRequests.receivingUnitId))
    .leftJoin(surveyCampaigns, eq(surveyCampaigns.id, reportRequests.campaignId))
    .leftJoin(plans, eq(plans.id, reportRequests.planId));
}

export type RequestJoined = Awaited<ReturnType<typeof getRequest>> & object;

export async function getRequest(db: DbOrTx, id: string) {
  return (await requestQuery(db).where(eq(reportRequests.id, id)))[0];
}

export async function listRequests(db: DbOrTx) {
  return requestQuery(db).orderBy(desc(reportRequests.dueOn), desc(reportRequests.createdAt));
}

export async function requestsOfCampaign(db: DbOrTx, campaignId: string) {
  return requestQuery(db).where(eq(reportRequests.campaignId, campaignId));
}

export async function requestsOfSeries(db: DbOrTx, seriesId: string) {
  return requestQuery(db).where(eq(reportRequests.seriesId, seriesId)).orderBy(reportRequests.dueOn);
}

export async function requestsOfPlan(db: DbOrTx, planId: string) {
  return requestQuery(db).where(eq(reportRequests.planId, planId)).orderBy(reportRequests.dueOn);
}

export type SeriesRow = typeof reportSeries.$inferSelect;

function seriesQuery(db: DbOrTx) {
  return db
    .select({
      r: reportSeries,
      ownerPath: owner.path,
      ownerName: owner.name,
      receivingPath: receiver.path,
      receivingName: receiver.name,
      planNumber: plans.number,
    })
    .from(reportSeries)
    .innerJoin(owner, eq(owner.id, reportSeries.ownerUnitId))
    .leftJoin(receiver, eq(receiver.id, reportSeries.receivingUnitId))
    .leftJoin(plans, eq(plans.id, reportSeries.planId));
}
export type SeriesJoined = Awaited<ReturnType<typeof getSeries>> & object;

export async function getSeries(db: DbOrTx, id: string) {
  return (await seriesQuery(db).where(eq(reportSeries.id, id)))[0];
}

export async function listSeries(db: DbOrTx) {
  return seriesQuery(db).orderBy(desc(reportSeries.yearTo), desc(reportSeries.createdAt));
}

export async function insertSeries(db: DbOrTx, row: typeof reportSeries.$inferInsert) {
  await db.insert(reportSeries).values(row);
}

/** The units asked by any request of these series (one row per series × unit). */
export async function askedOfSeries(db: DbOrTx, seriesIds: string[]) {
  if (!seriesIds.length) return [];
  return db
    .selectDistinct({ seriesId: reportRequests.seriesId, unitPath: units.path })
    .from(reportSubmissions)
    .innerJoin(reportRequests, eq(reportRequests.id, reportSubmissions.requestId))
    .innerJoin(units, eq(units.id, reportSubmissions.unitId))
    .where(inArray(reportRequests.seriesId, seriesIds));
}

/** A plan's number, issuing unit and its path (a request cites the plan asking for it). */
export async function planOf(db: DbOrTx, id: string) {
  return (
    await db
      .select({ id: plans.id, number: plans.number, issuingUnitId: plans.issuingUnitId, path: units.path })
      .from(plans)
      .innerJoin(units, eq(units.id, plans.issuingUnitId))
      .where(eq(plans.id, id))
  )[0];
}

export async function insertRequest(db: DbOrTx, row: typeof reportRequests.$inferInsert) {
  await db.insert(reportRequests).values(row);
}

export async function insertSubmissions(db: DbOrTx, rows: (typeof reportSubmissions.$inferInsert)[]) {
  if (rows.length) await db.insert(reportSubmissions).values(rows);
}

const submissionCols = { s: reportSubmissions, unitName: units.name, unitPath: units.path };

/** The submissions of these requests with their unit's name and path, in tree order. */
export async function submissionsOf(db: DbOrTx, requestIds: string[]) {
  if (!requestIds.length) return [];
  const rows = await db
    .select(submissionCols)
    .from(reportSubmissions)
    .innerJoin(units, eq(units.id, reportSubmissions.unitId))
    .where(inArray(reportSubmissions.requestId, requestIds));
  const ids = [...new Set(rows.flatMap((r) => r.unitPath.split('/').filter(Boolean)))];
  const on = ids.length
    ? await db
        .select({ id: units.id, sortOrder: units.sortOrder, name: units.name })
        .from(units)
        .where(inArray(units.id, ids))
    : [];
  return sortByTree(rows, (r) => r.unitPath, new Map(on.map((u) => [u.id, u])));
}

export async function getSubmission(db: DbOrTx, requestId: string, unitId: string, lock = false) {
  const q = db
    .select(submissionCols)
    .from(reportSubmissions)
    .innerJoin(units, eq(units.id, reportSubmissions.unitId))
    .where(and(eq(reportSubmissions.requestId, requestId), eq(reportSubmissions.unitId, unitId)));
  const r = lock ? await q.for('update', { of: reportSubmissions }) : await q;
  return r[0];
}

export async function updateSubmission(
  db: DbOrTx,
  requestId: string,
  unitId: string,
  set: Partial<typeof reportSubmissions.$inferInsert>,
) {
  await db
    .update(reportSubmissions)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(reportSubmissions.requestId, requestId), eq(reportSubmissions.unitId, unitId)));
}

/** Open units by id with their path and name. */
export async function unitsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: units.id, name: units.name, path: units.path, validTo: units.validTo })
    .from(units)
    .where(inArray(units.id, ids));
}

/** Units whose path starts with one of these (their subtrees), names only. */
export async function unitNamesUnder(db: DbOrTx, path: string) {
  const like = path.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  return db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(sql`${units.path} like ${like}`);
}

export async function insertFile(db: DbOrTx, row: typeof files.$inferInsert) {
  await db.insert(files).values(row).onConflictDoNothing();
}

export async function fileMime(db: DbOrTx, sha256: string) {
  return (await db.select({ mime: files.mime }).from(files).where(eq(files.sha256, sha256)))[0]?.mime;
}

/** Invitations of an agency-opinion campaign per rated unit. */
export async function invitationCounts(db: DbOrTx, campaignId: string) {
  const rows = await db
    .select({ unitId: surveyInvitations.unitId, n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.campaignId, campaignId))
    .groupBy(surveyInvitations.unitId);
  return new Map(rows.map((r) => [r.unitId, Number(r.n)]));
}

/** The reports asked of a unit (or of its subtree) whose due day falls in [from, to], with the request. */
export async function submissionsDueBetween(
  db: DbOrTx,
  unit: { id: string; path: string },
  subtree: boolean,
  from: string,
  to: string,
) {
  return db
    .select({
      s: reportSubmissions,
      title: reportRequests.title,
      dueOn: reportRequests.dueOn,
      unitName: units.name,
    })
    .from(reportSubmissions)
    .innerJoin(reportRequests, eq(reportRequests.id, reportSubmissions.requestId))
    .innerJoin(units, eq(units.id, reportSubmissions.unitId))
    .where(
      and(
        sql`${reportRequests.dueOn} between ${from} and ${to}`,
        subtree ? sql`${units.path} like ${unit.path + '%'}` : eq(reportSubmissions.unitId, unit.id),
      ),
    )
    .orderBy(reportRequests.dueOn, units.name);
}
