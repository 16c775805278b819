/** Notices, read marks and the e-mail outbox in SQL. A notice and the e-mails it queues are written
 * by one statement (a data-modifying CTE): notifying units costs one round trip however many units
 * and recipients there are. */
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import {
  cycles,
  cycleStages,
  cycleUnits,
  mailOutbox,
  noticeReads,
  notices,
  stageExtensions,
  units,
} from '../../db/schema.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import { scopeIsEmpty, type Scope } from '../auth/scope.ts';

export interface NoticeRow {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  cycleId: string | null;
  dedupeKey: string | null;
}

export interface MailText {
  subject: string;
  body: string;
}

/** One notice per unit (skipped where the unit already has the dedupe key), and an e-mail to every
 * enabled user holding an active grant on that unit who has an address. Returns how many notices
 * were created. */
export async function insertUnitNotices(
  db: DbOrTx,
  unitIds: string[],
  n: NoticeRow,
  mail: MailText,
): Promise<number> {
  if (!unitIds.length) return 0;
  const r = await rawRows<{ created: number }>(
    db,
    sql`
    with n as (
      insert into notices (id, unit_id, cycle_id, kind, title, body, link, dedupe_key)
      select gen_random_uuid(), u, ${n.cycleId}::uuid, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.dedupeKey}
      from unnest(${sql.param(unitIds)}::uuid[]) as u
      on conflict do nothing
      returning id, unit_id
    ), m as (
      insert into mail_outbox (id, notice_id, to_address, subject, body)
      select gen_random_uuid(), r.id, r.email, ${mail.subject}, ${mail.body}
      from (
        select distinct n.id, u.email from n
        join grants g on g.unit_id = n.unit_id and g.revoked_at is null
        join users u on u.id = g.user_id and not u.disabled
        where strpos(u.email, '@') > 0
      ) r
      returning 1
    )
    select count(*)::int as created from n`,
  );
  return Number(r[0]?.created ?? 0);
}

/** A notice addressed to one user (skipped when that user already has the dedupe key), and an
 * e-mail when the user has an address. Returns whether the notice was created. */
export async function insertUserNotice(
  db: DbOrTx,
  userId: string,
  unitId: string | null,
  n: NoticeRow,
  mail: MailText,
): Promise<boolean> {
  const r = await rawRows<{ created: number }>(
    db,
    sql`
    with n as (
      insert into notices (id, user_id, unit_id, cycle_id, kind, title, body, link, dedupe_key)
      values (gen_random_uuid(), ${userId}, ${unitId}, ${n.cycleId}, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.dedupeKey})
      on conflict do nothing
      returning id, user_id
    ), m as (
      insert into mail_outbox (id, notice_id, to_address, subject, body)
      select gen_random_uuid(), n.id, u.email, ${mail.subject}, ${mail.body}
      from n join users u on u.id = n.user_id
      where strpos(u.email, '@') > 0
      returning 1
    )
    select count(*)::int as created from n`,
  );
  return Number(r[0]?.created ?? 0) > 0;
}

/** Notices of the units in `scope` (not addressed to anyone) and those addressed to `userId`,
 * newest first, with the user's read mark. */
export async function listNotices(db: DbOrTx, scope: Scope, userId: string, limit: number) {
  const toUnits = scopeIsEmpty(scope)
    ? sql`false`
    : and(isNull(notices.userId), pathColumnInScope(units.path, scope));
  return db
    .select({ n: notices, unitName: units.name, readAt: noticeReads.readAt })
    .from(notices)
    .leftJoin(units, eq(units.id, notices.unitId))
    .leftJoin(noticeReads, and(eq(noticeReads.noticeId, notices.id), eq(noticeReads.userId, userId)))
    .where(or(eq(notices.userId, userId), toUnits))
    .orderBy(desc(notices.createdAt))
    .limit(limit);
}

export async function markRead(db: DbOrTx, noticeId: string, userId: string) {
  await db.insert(noticeReads).values({ noticeId, userId }).onConflictDoNothing();
}

/** Every unit of an open cycle with a stage open now: the stage's due date and the unit's extension
 * (if any), for the deadline reminders. */
export async function openDeadlines(db: DbOrTx) {
  return db
    .select({
      cycleId: cycles.id,
      cycleName: cycles.name,
      stage: cycleStages.stage,
      dueOn: cycleStages.dueOn,
      unitId: cycleUnits.unitId,
      extendedTo: stageExtensions.dueOn,
    })
    .from(cycleStages)
    .innerJoin(cycles, eq(cycles.id, cycleStages.cycleId))
    .innerJoin(cycleUnits, eq(cycleUnits.cycleId, cycles.id))
    .leftJoin(
      stageExtensions,
      and(
        eq(stageExtensions.cycleId, cycles.id),
        eq(stageExtensions.stage, cycleStages.stage),
        eq(stageExtensions.unitId, cycleUnits.unitId),
      ),
    )
    .where(and(eq(cycleStages.state, 'open'), eq(cycles.status, 'open')));
}

/** E-mails waiting to be sent (or failed fewer than ten times), oldest first. */
export async function pendingMail(db: DbOrTx, max: number) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(inArray(mailOutbox.status, ['pending', 'failed']), lt(mailOutbox.attempts, 10)))
    .orderBy(mailOutbox.createdAt)
    .limit(max);
}

export async function markMailSent(db: DbOrTx, id: string) {
  await db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1` })
    .where(eq(mailOutbox.id, id));
}

export async function markMailFailed(db: DbOrTx, id: string, error: string) {
  await db
    .update(mailOutbox)
    .set({ status: 'failed', lastError: error, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(eq(mailOutbox.id, id));
}
