/** Notices, their recipients and the e-mail outbox in SQL. One event is one statement (a
 * data-modifying CTE): the notice, one recipient row per person and one e-mail per person with an
 * address, in one round trip however many units and people it reaches (ADR 0015). */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import {
  cycles,
  cycleStages,
  cycleUnits,
  mailOutbox,
  noticeRecipients,
  notices,
  reportRequests,
  reportSubmissions,
  stageExtensions,
  units,
} from '../../db/schema.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import { scopeIsEmpty, type Scope } from '../auth/scope.ts';

export interface NoticeRow {
  unitId: string | null;
  cycleId: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string | null;
}

export interface MailText {
  subject: string;
  body: string;
}

/** Who receives it: named people (each with the unit the notice concerns for them), and, for each
 * target unit, the holders of one of `roles` on the nearest unit at or above it that has such
 * holders. Everyone in `except` is left out. */
export interface RecipientQuery {
  people: { userId: string; unitId: string | null }[];
  holders: { units: string[]; roles: string[] }[];
  except: string[];
}

/** Insert the notice (skipped when its dedupe key exists), its recipients (one row per enabled
 * person; the person's unit is the target, or the unit of their grant when it covers several) and one e-mail per recipient with an
 * address. Returns the notice's id (null when skipped) and how many people it reached. */
export async function insertNotice(
  db: DbOrTx,
  n: NoticeRow,
  to: RecipientQuery,
  mail: MailText,
): Promise<{ id: string | null; recipients: number }> {
  const holderSets = to.holders.filter((h) => h.units.length && h.roles.length);
  const holders = holderSets.length
    ? sql.join(
        holderSets.map(
          (h) => sql`
      select w.user_id, case when w.covered > 1 then w.grant_unit else w.target end as unit_id,
        w.target_depth as rank from (
        select g.user_id, g.unit_id as grant_unit, t.id as target, length(t.path) as target_depth,
          length(gu.path) as depth, max(length(gu.path)) over (partition by t.id) as nearest,
          count(*) over (partition by g.user_id, g.unit_id) as covered
        from units t
        join grants g on g.revoked_at is null and g.unit_id is not null
          and g.role = any(${sql.param(h.roles)}::text[])
        join units gu on gu.id = g.unit_id and t.path like gu.path || '%'
        where t.id = any(${sql.param(h.units)}::uuid[])
      ) w where w.depth = w.nearest`,
        ),
        sql` union all `,
      )
    : sql`select null::uuid as user_id, null::uuid as unit_id, 0 as rank where false`;
  const people = to.people.length
    ? sql`select p.user_id, p.unit_id, -1 as rank
          from unnest(${sql.param(to.people.map((p) => p.userId))}::uuid[],
                      ${sql.param(to.people.map((p) => p.unitId))}::uuid[]) as p(user_id, unit_id)`
    : sql`select null::uuid as user_id, null::uuid as unit_id, 0 as rank where false`;
  const r = await rawRows<{ id: string | null; recipients: number }>(
    db,
    sql`
    with n as (
      insert into notices (id, unit_id, cycle_id, kind, title, body, link, dedupe_key)
      values (gen_random_uuid(), ${n.unitId}, ${n.cycleId}, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.dedupeKey})
      on conflict do nothing
      returning id
    ), want as (
      ${people}
      union all
      ${holders}
    ), r as (
      insert into notice_recipients (notice_id, user_id, unit_id)
      select distinct on (w.user_id) n.id, w.user_id, w.unit_id
      from n, want w join users u on u.id = w.user_id and not u.disabled
      where w.user_id is not null and w.user_id <> all(${sql.param(to.except)}::uuid[])
      order by w.user_id, w.rank
      returning notice_id, user_id
    ), m as (
      insert into mail_outbox (id, notice_id, to_address, subject, body)
      select gen_random_uuid(), r.notice_id, u.email, ${mail.subject}, ${mail.body}
      from r join users u on u.id = r.user_id
      where strpos(u.email, '@') > 0
      returning 1
    )
    select (select id from n) as id, (select count(*) from r)::int as recipients`,
  );
  return { id: r[0]?.id ?? null, recipients: Number(r[0]?.recipients ?? 0) };
}

/** The reader's notices: addressed to the reader, about a unit the reader still holds a right on
 * (or about the reader's account). */
function mine(userId: string, scope: Scope) {
  const inGrants = scopeIsEmpty(scope) ? sql`false` : pathColumnInScope(units.path, scope);
  return and(eq(noticeRecipients.userId, userId), or(isNull(noticeRecipients.unitId), inGrants));
}

/** The reader's notices, newest first; `unread` keeps only those not read. */
export async function listNotices(
  db: DbOrTx,
  scope: Scope,
  userId: string,
  opts: { limit: number; offset: number; unread: boolean },
) {
  return db
    .select({ n: notices, unitName: units.name, readAt: noticeRecipients.readAt })
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .leftJoin(units, eq(units.id, noticeRecipients.unitId))
    .where(and(mine(userId, scope), opts.unread ? isNull(noticeRecipients.readAt) : undefined))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(opts.limit)
    .offset(opts.offset);
}

/** How many notices the reader has, and how many are unread (no cap). */
export async function countNotices(db: DbOrTx, scope: Scope, userId: string) {
  const r = await db
    .select({
      total: count(),
      unread: sql<number>`count(*) filter (where ${noticeRecipients.readAt} is null)::int`,
    })
    .from(noticeRecipients)
    .leftJoin(units, eq(units.id, noticeRecipients.unitId))
    .where(mine(userId, scope));
  return { total: Number(r[0]?.total ?? 0), unread: Number(r[0]?.unread ?? 0) };
}

/** Mark one of the reader's notices read; false when it is not the reader's. */
export async function markRead(db: DbOrTx, scope: Scope, noticeId: string, userId: string) {
  const r = await db
    .update(noticeRecipients)
    .set({ readAt: sql`coalesce(${noticeRecipients.readAt}, now())` })
    .where(
      and(
        eq(noticeRecipients.noticeId, noticeId),
        eq(noticeRecipients.userId, userId),
        or(
          isNull(noticeRecipients.unitId),
          scopeIsEmpty(scope)
            ? sql`false`
            : sql`${noticeRecipients.unitId} in (select u.id from units u where ${pathColumnInScope(sql`u.path`, scope)})`,
        ),
      ),
    )
    .returning({ id: noticeRecipients.noticeId });
  return r.length > 0;
}

/** Mark every unread notice of the reader read; returns how many. */
export async function markAllRead(db: DbOrTx, userId: string) {
  const r = await db
    .update(noticeRecipients)
    .set({ readAt: sql`now()` })
    .where(and(eq(noticeRecipients.userId, userId), isNull(noticeRecipients.readAt)))
    .returning({ id: noticeRecipients.noticeId });
  return r.length;
}

/** Every unit of an open cycle with a stage open now: the stage's due date and the unit's extension
 * (if any), for the deadline reminders. */
export async function openDeadlines(db: DbOrTx) {
  return db
    .select({
      cycleId: cycles.id,
      cycleName: cycles.name,
      ownerUnitId: cycles.ownerUnitId,
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

export type OpenDeadline = Awaited<ReturnType<typeof openDeadlines>>[number];

/** Every unit's report not sent yet and due in [from, to], with its request's title, due day,
 * requester and receiver. */
export async function unsentReports(db: DbOrTx, from: string, to: string) {
  return db
    .select({
      requestId: reportRequests.id,
      title: reportRequests.title,
      dueOn: reportRequests.dueOn,
      ownerUnitId: reportRequests.ownerUnitId,
      receivingUnitId: reportRequests.receivingUnitId,
      unitId: reportSubmissions.unitId,
      unitName: units.name,
    })
    .from(reportSubmissions)
    .innerJoin(reportRequests, eq(reportRequests.id, reportSubmissions.requestId))
    .innerJoin(units, eq(units.id, reportSubmissions.unitId))
    .where(
      and(
        ne(reportSubmissions.status, 'sent'),
        isNull(units.validTo),
        sql`${reportRequests.dueOn} between ${from} and ${to}`,
      ),
    );
}

export type UnsentReport = Awaited<ReturnType<typeof unsentReports>>[number];

/** Every open unit's task instance with a due day and not declared done, with its task and plan. */
/** The task instances not declared done, their task due in [from, to]. */
export async function undeclaredTasks(db: DbOrTx, from: string, to: string) {
  return rawRows<{
    subjectId: string;
    instanceId: string;
    dueOn: string;
    unitId: string;
    unitName: string;
    ownerUnitId: string;
    receivingUnitId: string;
    content: string;
    planNumber: string;
  }>(
    db,
    sql`select t.id as "subjectId", x.id as "instanceId", to_char(t.due_on, 'YYYY-MM-DD') as "dueOn",
        x.unit_id as "unitId", u.name as "unitName", p.issuing_unit_id as "ownerUnitId",
        t.receiving_unit_id as "receivingUnitId", t.content, p.number as "planNumber"
      from plan_task_instances x
      join plan_tasks t on t.id = x.task_id
      join plans p on p.id = t.plan_id
      join units u on u.id = x.unit_id
      where x.declared_on is null and t.due_on between ${from} and ${to} and u.valid_to is null`,
  );
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

/** One e-mail to an address outside the users (a respondent body), in the caller's transaction. */
export async function insertMail(db: DbOrTx, m: { toAddress: string; subject: string; body: string }) {
  await db.insert(mailOutbox).values({ id: randomUUID(), ...m });
}
