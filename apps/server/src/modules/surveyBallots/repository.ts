/** Survey ballots in SQL (issue #15, item 4): the one file of the ballots module touching the
 * database. Bulk inserts go through `jsonb_to_recordset` (one parameter per chunk, no builder), and
 * duplicates are flagged by one statement per campaign. */
import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import { surveyBallots, surveyBatches, surveyTargets, units, users } from '../../db/schema.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Scope } from '../auth/scope.ts';

export type BallotRow = typeof surveyBallots.$inferSelect;
export type BallotInsert = typeof surveyBallots.$inferInsert;

/** The target unit × field of a campaign with the unit's path and name, or undefined. */
export async function targetWithUnit(db: DbOrTx, campaignId: string, unitId: string, fieldCode: string) {
  const r = await db
    .select({ unitId: units.id, unitName: units.name, unitPath: units.path, unitCode: units.code })
    .from(surveyTargets)
    .innerJoin(units, eq(units.id, surveyTargets.unitId))
    .where(
      and(
        eq(surveyTargets.campaignId, campaignId),
        eq(surveyTargets.unitId, unitId),
        eq(surveyTargets.fieldCode, fieldCode),
      ),
    )
    .limit(1);
  return r[0];
}

/** Every target of a campaign with its unit's code and path (imports find units by code). */
export async function targetsWithCodes(db: DbOrTx, campaignId: string) {
  return db
    .select({
      unitId: units.id,
      unitName: units.name,
      unitPath: units.path,
      unitCode: units.code,
      fieldCode: surveyTargets.fieldCode,
    })
    .from(surveyTargets)
    .innerJoin(units, eq(units.id, surveyTargets.unitId))
    .where(eq(surveyTargets.campaignId, campaignId))
    .orderBy(units.path, surveyTargets.fieldCode);
}

/** The ballots of a campaign holding one of these serials, with who typed them and when. */
export async function ballotsBySerial(db: DbOrTx, campaignId: string, serials: string[]) {
  if (!serials.length) return [];
  return db
    .select({
      serial: surveyBallots.serial,
      createdAt: surveyBallots.createdAt,
      createdByName: users.fullName,
      mode: surveyBallots.mode,
    })
    .from(surveyBallots)
    .leftJoin(users, eq(users.id, surveyBallots.createdBy))
    .where(
      and(
        eq(surveyBallots.campaignId, campaignId),
        inArray(
          surveyBallots.serial,
          sql`(select jsonb_array_elements_text(${JSON.stringify(serials)}::jsonb))`,
        ),
      ),
    );
}

export async function insertBallot(db: DbOrTx, row: BallotInsert) {
  return (await db.insert(surveyBallots).values(row).returning())[0]!;
}

/** A row of a bulk insert (ratings and answers already checked). */
export interface BulkBallot {
  unit_id: string;
  field_code: string;
  ratings: (number | null)[];
  answers: Record<string, unknown>;
  serial: string | null;
  dossier_no: string | null;
  contact_phone: string | null;
}

/** Insert ballots in chunks of `chunk` rows, each one statement with one JSON parameter. */
export async function insertBallots(
  db: DbOrTx,
  common: { campaignId: string; mode: string; batchId: string; createdBy: string | null },
  rows: BulkBallot[],
  chunk = 10_000,
) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = JSON.stringify(rows.slice(i, i + chunk));
    await db.execute(sql`
      insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, answers, serial,
        dossier_no, contact_phone, batch_id, created_by)
      select ${common.campaignId}::uuid, x.unit_id, x.field_code, ${common.mode}, x.ratings, x.answers,
        x.serial, x.dossier_no, x.contact_phone, ${common.batchId}::uuid, ${common.createdBy}::uuid
      from jsonb_to_recordset(${part}::jsonb) as x(unit_id uuid, field_code text, ratings smallint[],
        answers jsonb, serial text, dossier_no text, contact_phone text)`);
  }
}

export async function insertBatch(db: DbOrTx, row: typeof surveyBatches.$inferInsert) {
  await db.insert(surveyBatches).values(row);
}

/** Sets the duplicate flags of a campaign's ballots: `duplicate_dossier` on every ballot sharing its
 * dossier number with another ballot of the campaign, `duplicate_phone` on every ballot sharing its
 * phone with another of the same unit × field; a flag resolved by a person (`not_<flag>`) is not set
 * again, and a flag whose group fell apart is taken off. One statement; `only` narrows it to the groups
 * of one new ballot (paper entry). Returns the ballots changed. */
export async function flagDuplicates(
  db: DbOrTx,
  campaignId: string,
  only?: { dossierNo: string | null; unitId: string; fieldCode: string; phone: string | null },
): Promise<number> {
  if (only && !only.dossierNo && !only.phone) return 0;
  const dWhere = only ? sql`and dossier_no = ${only.dossierNo}` : sql``;
  const pWhere = only
    ? sql`and unit_id = ${only.unitId} and field_code = ${only.fieldCode} and contact_phone = ${only.phone}`
    : sql``;
  const bWhere: SQL = only
    ? sql`and (b.dossier_no = ${only.dossierNo} or (b.unit_id = ${only.unitId} and b.field_code = ${only.fieldCode} and b.contact_phone = ${only.phone}))`
    : sql``;
  const r = await rawRows<{ n: number | string }>(
    db,
    sql`
    with d as (
      select dossier_no from survey_ballots
      where campaign_id = ${campaignId} and dossier_no is not null ${dWhere}
      group by dossier_no having count(*) > 1),
    p as (
      select unit_id, field_code, contact_phone from survey_ballots
      where campaign_id = ${campaignId} and contact_phone is not null ${pWhere}
      group by unit_id, field_code, contact_phone having count(*) > 1),
    w as (
      select b.id, b.flags,
        (exists (select 1 from d where d.dossier_no = b.dossier_no)
          and not ('not_duplicate_dossier' = any(b.flags))) as dd,
        (exists (select 1 from p where p.unit_id = b.unit_id and p.field_code = b.field_code
            and p.contact_phone = b.contact_phone)
          and not ('not_duplicate_phone' = any(b.flags))) as dp
      from survey_ballots b where b.campaign_id = ${campaignId} ${bWhere}),
    u as (
      update survey_ballots s set flags = array(
          select f from unnest(w.flags) f where f not in ('duplicate_dossier', 'duplicate_phone')
          union all select 'duplicate_dossier' where w.dd
          union all select 'duplicate_phone' where w.dp)
      from w where s.id = w.id
        and (w.dd <> ('duplicate_dossier' = any(w.flags)) or w.dp <> ('duplicate_phone' = any(w.flags)))
      returning 1)
    select count(*)::int as n from u`,
  );
  return Number(r[0]?.n ?? 0);
}

/** Ballots of a campaign carrying a duplicate flag. */
export async function countDuplicates(db: DbOrTx, campaignId: string) {
  const r = await rawRows<{ n: number | string }>(
    db,
    sql`select count(*)::int as n from survey_ballots where campaign_id = ${campaignId}
      and (flags && array['duplicate_dossier', 'duplicate_phone']::text[])`,
  );
  return Number(r[0]?.n ?? 0);
}

export interface BallotFilter {
  unitId?: string | undefined;
  fieldCode?: string | undefined;
  mode?: string | undefined;
  flag?: string | undefined;
  invalid?: boolean | undefined;
  createdBy?: string | undefined;
  since?: Date | undefined;
}

const viewCols = {
  id: surveyBallots.id,
  unitId: surveyBallots.unitId,
  unitName: units.name,
  unitPath: units.path,
  fieldCode: surveyBallots.fieldCode,
  mode: surveyBallots.mode,
  serial: surveyBallots.serial,
  dossierNo: surveyBallots.dossierNo,
  hasContact: sql<boolean>`(${surveyBallots.contactPhone} is not null)`,
  flags: surveyBallots.flags,
  invalidReason: surveyBallots.invalidReason,
  invalidatedAt: surveyBallots.invalidatedAt,
  createdAt: surveyBallots.createdAt,
  createdByName: users.fullName,
  source: surveyBatches.source,
};

function conditions(campaignId: string, scope: Scope, f: BallotFilter) {
  const c: SQL[] = [eq(surveyBallots.campaignId, campaignId), unitInScope(surveyBallots.unitId, scope)];
  if (f.unitId) c.push(eq(surveyBallots.unitId, f.unitId));
  if (f.fieldCode) c.push(eq(surveyBallots.fieldCode, f.fieldCode));
  if (f.mode) c.push(sql`${surveyBallots.mode} = ${f.mode}`);
  if (f.flag) c.push(sql`${f.flag} = any(${surveyBallots.flags})`);
  if (f.invalid === true) c.push(sql`${surveyBallots.invalidReason} is not null`);
  if (f.invalid === false) c.push(sql`${surveyBallots.invalidReason} is null`);
  if (f.createdBy) c.push(eq(surveyBallots.createdBy, f.createdBy));
  if (f.since) c.push(gte(surveyBallots.createdAt, f.since));
  return and(...c)!;
}

/** One page of a campaign's ballots in the scope (newest first) and the count of all that match. */
export async function listBallots(
  db: DbOrTx,
  campaignId: string,
  scope: Scope,
  f: BallotFilter,
  page: number,
  pageSize: number,
) {
  const where = conditions(campaignId, scope, f);
  const items = await db
    .select(viewCols)
    .from(surveyBallots)
    .innerJoin(units, eq(units.id, surveyBallots.unitId))
    .leftJoin(users, eq(users.id, surveyBallots.createdBy))
    .leftJoin(surveyBatches, eq(surveyBatches.id, surveyBallots.batchId))
    .where(where)
    .orderBy(desc(surveyBallots.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyBallots)
    .where(where);
  return { items, total: Number(total[0]?.n ?? 0) };
}

export type BallotViewRow = Awaited<ReturnType<typeof listBallots>>['items'][number];

/** One ballot of a campaign with its unit, answers and ratings (`lock`: for a decision). */
export async function getBallot(db: DbOrTx, campaignId: string, id: number, lock = false) {
  const q = db
    .select({ ...viewCols, ratings: surveyBallots.ratings, answers: surveyBallots.answers })
    .from(surveyBallots)
    .innerJoin(units, eq(units.id, surveyBallots.unitId))
    .leftJoin(users, eq(users.id, surveyBallots.createdBy))
    .leftJoin(surveyBatches, eq(surveyBatches.id, surveyBallots.batchId))
    .where(and(eq(surveyBallots.campaignId, campaignId), eq(surveyBallots.id, id)));
  const r = lock ? await q.for('update', { of: surveyBallots }) : await q;
  return r[0];
}

export async function updateBallot(db: DbOrTx, id: number, set: Partial<BallotInsert>) {
  await db.update(surveyBallots).set(set).where(eq(surveyBallots.id, id));
}

/** Dates the ballots of a batch (and the batch) at `at`, their answering time spread over 95–234 s:
 * web ballots of a past day received in bulk (the demo). */
export async function dateBatch(db: DbOrTx, batchId: string, at: Date) {
  await db.execute(sql`update survey_ballots set created_at = ${at.toISOString()}::timestamptz,
    duration_seconds = 95 + (id % 140) where batch_id = ${batchId}`);
  await db.execute(sql`update survey_batches set created_at = ${at.toISOString()}::timestamptz
    where id = ${batchId}`);
}
