/** Survey forms, campaigns and their targets in SQL (issue #15). Ballots, results, post-audit and
 * report requests live in modules of their own, which read forms and campaigns through this module's
 * services. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { sortByTree } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import {
  surveyBallots,
  surveyCampaigns,
  surveyForms,
  surveyResults,
  surveyTargets,
  units,
} from '../../db/schema.ts';

export type FormRow = typeof surveyForms.$inferSelect;
export type CampaignRow = typeof surveyCampaigns.$inferSelect;
export type TargetRow = typeof surveyTargets.$inferSelect;

const formCols = { f: surveyForms, ownerPath: units.path, ownerName: units.name };

export async function listForms(db: DbOrTx) {
  return db
    .select(formCols)
    .from(surveyForms)
    .leftJoin(units, eq(units.id, surveyForms.ownerUnitId))
    .orderBy(asc(surveyForms.code), desc(surveyForms.version));
}

export async function getForm(db: DbOrTx, id: string, lock = false) {
  const q = db
    .select(formCols)
    .from(surveyForms)
    .leftJoin(units, eq(units.id, surveyForms.ownerUnitId))
    .where(eq(surveyForms.id, id));
  const r = lock ? await q.for('update', { of: surveyForms }) : await q;
  return r[0];
}

export async function formsByCode(db: DbOrTx, code: string) {
  return db.select().from(surveyForms).where(eq(surveyForms.code, code)).orderBy(desc(surveyForms.version));
}

export async function insertForm(db: DbOrTx, row: typeof surveyForms.$inferInsert) {
  return (await db.insert(surveyForms).values(row).returning())[0]!;
}

export async function updateForm(db: DbOrTx, id: string, set: Partial<typeof surveyForms.$inferInsert>) {
  return (await db.update(surveyForms).set(set).where(eq(surveyForms.id, id)).returning())[0]!;
}

const campaignCols = {
  c: surveyCampaigns,
  ownerPath: units.path,
  ownerName: units.name,
  formName: surveyForms.name,
  respondentKind: surveyForms.respondentKind,
};

function campaignQuery(db: DbOrTx) {
  return db
    .select(campaignCols)
    .from(surveyCampaigns)
    .innerJoin(units, eq(units.id, surveyCampaigns.ownerUnitId))
    .innerJoin(surveyForms, eq(surveyForms.id, surveyCampaigns.formId));
}

export type CampaignJoined = Awaited<ReturnType<typeof getCampaign>> & object;

export async function getCampaign(db: DbOrTx, id: string, lock = false) {
  const q = campaignQuery(db).where(eq(surveyCampaigns.id, id));
  const r = lock ? await q.for('update', { of: surveyCampaigns }) : await q;
  return r[0];
}

export async function listCampaigns(db: DbOrTx) {
  return campaignQuery(db).orderBy(desc(surveyCampaigns.year), asc(surveyCampaigns.code));
}

/** Campaigns with a code, each with its owner's path (to find the one nearest above a unit). */
export async function campaignsByCode(db: DbOrTx, code: string) {
  return campaignQuery(db).where(eq(surveyCampaigns.code, code));
}

/** Ids of campaigns having a target on a unit inside one of these path prefixes. */
export async function campaignIdsWithTargetsUnder(db: DbOrTx, paths: string[]) {
  if (!paths.length) return [];
  const likes = paths.map((p) => sql`u.path like ${p.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const r = await db.execute(
    sql`select distinct t.campaign_id as id from survey_targets t join units u on u.id = t.unit_id where ${sql.join(likes, sql` or `)}`,
  );
  return (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id);
}

export async function insertCampaign(db: DbOrTx, row: typeof surveyCampaigns.$inferInsert) {
  return (await db.insert(surveyCampaigns).values(row).returning())[0]!;
}

export async function updateCampaign(
  db: DbOrTx,
  id: string,
  set: Partial<typeof surveyCampaigns.$inferInsert>,
) {
  return (await db.update(surveyCampaigns).set(set).where(eq(surveyCampaigns.id, id)).returning())[0]!;
}

export async function insertTargets(db: DbOrTx, rows: (typeof surveyTargets.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(surveyTargets).values(rows.slice(i, i + 1000));
}

/** The sort order and name of every unit on these paths (to order rows as the tree shows them). */
export async function unitsOnPaths(db: DbOrTx, paths: readonly string[]) {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (!ids.length) return new Map<string, { sortOrder: number; name: string }>();
  const r = await db
    .select({ id: units.id, sortOrder: units.sortOrder, name: units.name })
    .from(units)
    .where(inArray(units.id, ids));
  return new Map(r.map((u) => [u.id, u]));
}

/** The targets of a campaign with each unit's name and path, in tree order (siblings by their sort
 * order, then name), a unit's fields in the campaign's order. */
export async function targetsOf(db: DbOrTx, campaignId: string) {
  const [rows, c] = await Promise.all([
    db
      .select({
        t: surveyTargets,
        unitName: units.name,
        unitCode: units.code,
        unitPath: units.path,
        sortOrder: units.sortOrder,
      })
      .from(surveyTargets)
      .innerJoin(units, eq(units.id, surveyTargets.unitId))
      .where(eq(surveyTargets.campaignId, campaignId)),
    db
      .select({ fields: surveyCampaigns.fields })
      .from(surveyCampaigns)
      .where(eq(surveyCampaigns.id, campaignId)),
  ]);
  const pos = new Map((c[0]?.fields ?? []).map((f, i) => [f.code, i]));
  rows.sort(
    (a, b) =>
      (pos.get(a.t.fieldCode) ?? 1e9) - (pos.get(b.t.fieldCode) ?? 1e9) ||
      a.t.fieldCode.localeCompare(b.t.fieldCode),
  );
  return sortByTree(
    rows,
    (r) => r.unitPath,
    await unitsOnPaths(
      db,
      rows.map((r) => r.unitPath),
    ),
  );
}

/** The target behind a public link, with its campaign, form and unit. */
export async function targetByToken(db: DbOrTx, token: string) {
  const r = await db
    .select({
      t: surveyTargets,
      c: surveyCampaigns,
      form: surveyForms,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(surveyTargets)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyTargets.campaignId))
    .innerJoin(surveyForms, eq(surveyForms.id, surveyCampaigns.formId))
    .innerJoin(units, eq(units.id, surveyTargets.unitId))
    .where(eq(surveyTargets.linkToken, token))
    .limit(1);
  return r[0];
}

export async function unitsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: units.id, name: units.name, path: units.path, validTo: units.validTo })
    .from(units)
    .where(inArray(units.id, ids));
}

export async function targetExists(db: DbOrTx, campaignId: string, unitId: string, fieldCode: string) {
  const r = await db
    .select({ u: surveyTargets.unitId })
    .from(surveyTargets)
    .where(
      and(
        eq(surveyTargets.campaignId, campaignId),
        eq(surveyTargets.unitId, unitId),
        eq(surveyTargets.fieldCode, fieldCode),
      ),
    )
    .limit(1);
  return r.length > 0;
}

/** Whose ballots a count reads: a campaign's own, or those of campaigns copied down from it, each of
 * their unit × field cells counted under the parent's cell that covers it (`to`). */
export type BallotSource =
  | { campaignId: string; underPath?: string | undefined }
  | { cells: { campaignId: string; unitId: string; fieldCode: string; to: string }[] };

/** `from … where …` of a count over `b` (the ballots of the source), with the unit counted as `cell`. */
function sourceSql(src: BallotSource) {
  if ('campaignId' in src)
    return {
      unit: sql`b.unit_id`,
      from: sql`survey_ballots b`,
      where: src.underPath
        ? sql`b.campaign_id = ${src.campaignId}
            and b.unit_id in (select id from units where path like ${src.underPath + '%'})`
        : sql`b.campaign_id = ${src.campaignId}`,
    };
  return {
    unit: sql`m.to_unit`,
    from: sql`survey_ballots b join jsonb_to_recordset(${JSON.stringify(
      src.cells.map((c) => ({
        campaign_id: c.campaignId,
        unit_id: c.unitId,
        field_code: c.fieldCode,
        to_unit: c.to,
      })),
    )}::jsonb) as m(campaign_id uuid, unit_id uuid, field_code text, to_unit uuid)
      on m.campaign_id = b.campaign_id and m.unit_id = b.unit_id and m.field_code = b.field_code`,
    where: sql`true`,
  };
}

/** Counts per unit × field of a source: ballots returned, valid, invalid, online, and the overall
 * question's respondents (position `overallPos`, 1-based in `ratings`; 0: the mean of a respondent's
 * ratings decides). One pass over the ballots. */
export async function ballotCounts(db: DbOrTx, src: BallotSource, overallPos: number, satisfiedFrom: number) {
  const overall =
    overallPos > 0 ? sql`b.ratings[${overallPos}]` : sql`(select avg(x) from unnest(b.ratings) x)`;
  const s = sourceSql(src);
  const r = await db.execute(sql`
    select ${s.unit} as "unitId", b.field_code as "fieldCode",
      count(*)::int as returned,
      count(*) filter (where b.invalid_reason is null)::int as valid,
      count(*) filter (where b.invalid_reason is not null)::int as invalid,
      count(*) filter (where b.mode = 'qr')::int as online,
      count(*) filter (where b.invalid_reason is null and ${overall} is not null)::int as "overallN",
      count(*) filter (where b.invalid_reason is null and ${overall} >= ${satisfiedFrom})::int as "overallSatisfied"
    from ${s.from} where ${s.where}
    group by 1, 2`);
  return (
    r as unknown as {
      rows: {
        unitId: string;
        fieldCode: string;
        returned: number;
        valid: number;
        invalid: number;
        online: number;
        overallN: number;
        overallSatisfied: number;
      }[];
    }
  ).rows;
}

/** Satisfied and given ratings per unit × field × position of a scale question (valid ballots). */
export async function ratingCounts(db: DbOrTx, src: BallotSource, satisfiedFrom: number) {
  const s = sourceSql(src);
  const r = await db.execute(sql`
    select ${s.unit} as "unitId", b.field_code as "fieldCode", q.i::int as pos,
      count(*) filter (where q.r >= ${satisfiedFrom})::int as satisfied, count(q.r)::int as n
    from ${s.from}, unnest(b.ratings) with ordinality as q(r, i)
    where ${s.where} and b.invalid_reason is null
    group by 1, 2, 3`);
  return (
    r as unknown as {
      rows: { unitId: string; fieldCode: string; pos: number; satisfied: number; n: number }[];
    }
  ).rows;
}

/** Every campaign copied down from this one, at any depth, with its owner's name and status. */
export async function descendantsOf(db: DbOrTx, campaignId: string) {
  const r = await db.execute(sql`
    with recursive d as (
      select id from survey_campaigns where parent_id = ${campaignId}
      union all
      select c.id from survey_campaigns c join d on c.parent_id = d.id)
    select c.id, c.status, u.name as "ownerName"
    from survey_campaigns c join units u on u.id = c.owner_unit_id
    where c.id in (select id from d)`);
  return (r as unknown as { rows: { id: string; status: string; ownerName: string }[] }).rows;
}

/** The targets of every campaign copied down from this one, at any depth, with their units' paths. */
export async function descendantTargets(db: DbOrTx, campaignId: string) {
  const r = await db.execute(sql`
    with recursive d as (
      select id from survey_campaigns where parent_id = ${campaignId}
      union all
      select c.id from survey_campaigns c join d on c.parent_id = d.id)
    select t.campaign_id as "campaignId", t.unit_id as "unitId", t.field_code as "fieldCode",
      u.path as "unitPath"
    from survey_targets t join units u on u.id = t.unit_id
    where t.campaign_id in (select id from d)`);
  return (
    r as unknown as { rows: { campaignId: string; unitId: string; fieldCode: string; unitPath: string }[] }
  ).rows;
}

export async function getPublishedResults(db: DbOrTx, campaignId: string) {
  const r = await db.select().from(surveyResults).where(eq(surveyResults.campaignId, campaignId)).limit(1);
  return r[0];
}

export async function insertPublishedResults(db: DbOrTx, row: typeof surveyResults.$inferInsert) {
  await db.insert(surveyResults).values(row);
}

/** Campaigns copied down from this one. */
export async function childrenOf(db: DbOrTx, parentId: string) {
  return campaignQuery(db).where(eq(surveyCampaigns.parentId, parentId)).orderBy(asc(units.path));
}

/** Replaces the targets of a campaign by these rows. */
export async function replaceTargets(
  db: DbOrTx,
  campaignId: string,
  rows: (typeof surveyTargets.$inferInsert)[],
) {
  await db.delete(surveyTargets).where(eq(surveyTargets.campaignId, campaignId));
  await insertTargets(db, rows);
}

/** Units × fields of a campaign that have ballots (their targets may not be removed). */
export async function ballotKeys(db: DbOrTx, campaignId: string) {
  return db
    .selectDistinct({ unitId: surveyBallots.unitId, fieldCode: surveyBallots.fieldCode })
    .from(surveyBallots)
    .where(eq(surveyBallots.campaignId, campaignId));
}

/** Open units by code (an import names units by code). */
export async function openUnitsByCodes(db: DbOrTx, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ id: units.id, code: units.code, name: units.name, path: units.path, validTo: units.validTo })
    .from(units)
    .where(and(inArray(units.code, codes), sql`${units.validTo} is null`));
}
