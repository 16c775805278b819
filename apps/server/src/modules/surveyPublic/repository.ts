/** SQL of the public survey pages: the form-token secret in app_meta, the day's batch, one ballot
 * (idempotent on its form token), and the agency invitations (found by the hash of their token). */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/open.ts';
import { appMeta, surveyBallots, surveyBatches, surveyBodies, surveyInvitations } from '../../db/schema.ts';

const SECRET_KEY = 'survey_submit_secret';

/** The HMAC secret of form tokens, made once and kept (so tokens survive restarts). */
export async function submitSecret(db: DbOrTx, fresh: string): Promise<string> {
  await db.insert(appMeta).values({ key: SECRET_KEY, value: fresh }).onConflictDoNothing();
  const r = await db.select().from(appMeta).where(eq(appMeta.key, SECRET_KEY)).limit(1);
  return String(r[0]!.value);
}

/** Inserts the batch when it is new; true when this call made it. */
export async function openBatch(
  db: DbOrTx,
  row: { id: string; campaignId: string; mode: 'qr' | 'agency'; source: string },
): Promise<boolean> {
  const r = await db
    .insert(surveyBatches)
    .values(row)
    .onConflictDoNothing({ target: surveyBatches.id })
    .returning({ id: surveyBatches.id });
  return r.length > 0;
}

/** A web ballot (QR or agency link), its answers already checked. */
export interface WebBallot {
  campaignId: string;
  unitId: string;
  fieldCode: string;
  mode: 'qr' | 'agency';
  ratings: (number | null)[];
  answers: Record<string, unknown>;
  dossierNo: string | null;
  contactPhone: string | null;
  submitToken: string;
  durationSeconds: number;
  flags: string[];
  batchId: string;
  invitationId: string | null;
}

/** Inserts a web ballot in one statement, only while its campaign collects on `today` (open, inside
 * its window, its form published: checked by the statement itself, whatever the caller last read);
 * null when it does not, or when the form token was already used in the campaign (a retry). */
export async function insertIfCollecting(db: DbOrTx, b: WebBallot, today: string): Promise<number | null> {
  const r = await db.execute(sql`
    insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, answers, dossier_no,
      contact_phone, submit_token, duration_seconds, flags, batch_id, invitation_id)
    select ${b.campaignId}::uuid, ${b.unitId}::uuid, ${b.fieldCode}, ${b.mode},
      array(select x::smallint from jsonb_array_elements_text(${JSON.stringify(b.ratings)}::jsonb)
        with ordinality as r(x, i) order by i),
      ${JSON.stringify(b.answers)}::jsonb, ${b.dossierNo}, ${b.contactPhone}, ${b.submitToken},
      ${b.durationSeconds}, array(select jsonb_array_elements_text(${JSON.stringify(b.flags)}::jsonb)),
      ${b.batchId}::uuid, ${b.invitationId}::uuid
    where exists (
      select 1 from survey_campaigns c join survey_forms f on f.id = c.form_id
      where c.id = ${b.campaignId}::uuid and c.status = 'open' and f.status = 'published'
        and c.opens_on <= ${today}::date and c.closes_on >= ${today}::date)
    on conflict (campaign_id, submit_token) do nothing
    returning id`);
  const row = (r as unknown as { rows: { id: number | string }[] }).rows[0];
  return row ? Number(row.id) : null;
}

/** `insertIfCollecting` as one prepared statement of PostgreSQL (planned once per connection: planning
 * the guard costs more than the insert), outside any transaction. */
const PREPARED_WEB_BALLOT = `
  insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, answers, dossier_no,
    contact_phone, submit_token, duration_seconds, flags, batch_id, invitation_id)
  select $1::uuid, $2::uuid, $3, $4, $5::smallint[], $6::jsonb, $7, $8, $9, $10, $11::text[], $12::uuid,
    $13::uuid
  from survey_campaigns c join survey_forms f on f.id = c.form_id
  where c.id = $1::uuid and c.status = 'open' and f.status = 'published'
    and c.opens_on <= $14::date and c.closes_on >= $14::date
  on conflict (campaign_id, submit_token) do nothing
  returning id`;

export async function insertIfCollectingPrepared(
  prepared: NonNullable<Database['prepared']>,
  b: WebBallot,
  today: string,
): Promise<number | null> {
  const r = await prepared('survey_web_ballot', PREPARED_WEB_BALLOT, [
    b.campaignId,
    b.unitId,
    b.fieldCode,
    b.mode,
    b.ratings,
    JSON.stringify(b.answers),
    b.dossierNo,
    b.contactPhone,
    b.submitToken,
    b.durationSeconds,
    b.flags,
    b.batchId,
    b.invitationId,
    today,
  ]);
  const row = r.rows[0] as { id: number | string } | undefined;
  return row ? Number(row.id) : null;
}

/** An invitation by the sha256 hex of its token, with the body's name. */
export async function invitationByHash(db: DbOrTx, tokenHash: string) {
  const r = await db
    .select({ i: surveyInvitations, bodyName: surveyBodies.name })
    .from(surveyInvitations)
    .innerJoin(surveyBodies, eq(surveyBodies.id, surveyInvitations.bodyId))
    .where(eq(surveyInvitations.tokenHash, tokenHash))
    .limit(1);
  return r[0];
}

/** Marks an invitation answered; false when it already was (the link is used once). */
export async function markAnswered(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db
    .update(surveyInvitations)
    .set({ answeredAt: sql`now()` })
    .where(and(eq(surveyInvitations.id, id), isNull(surveyInvitations.answeredAt)))
    .returning({ id: surveyInvitations.id });
  return r.length > 0;
}

/** A ballot of the campaign was stored with this form token. */
export async function tokenUsed(db: DbOrTx, campaignId: string, submitToken: string): Promise<boolean> {
  const r = await db
    .select({ id: surveyBallots.id })
    .from(surveyBallots)
    .where(and(eq(surveyBallots.campaignId, campaignId), eq(surveyBallots.submitToken, submitToken)))
    .limit(1);
  return r.length > 0;
}
