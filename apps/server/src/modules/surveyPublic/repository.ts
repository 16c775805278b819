/** SQL of the public survey pages: the form-token secret in app_meta, the day's batch, one ballot
 * (idempotent on its form token), and the agency invitations (found by the hash of their token). */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/open.ts';
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

export type BallotInsert = typeof surveyBallots.$inferInsert;

/** Inserts a web ballot; null when its form token was already used in the campaign (a retry). */
export async function insertBallot(db: DbOrTx, row: BallotInsert): Promise<number | null> {
  const r = await db
    .insert(surveyBallots)
    .values(row)
    .onConflictDoNothing({ target: [surveyBallots.campaignId, surveyBallots.submitToken] })
    .returning({ id: surveyBallots.id });
  return r[0]?.id ?? null;
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
