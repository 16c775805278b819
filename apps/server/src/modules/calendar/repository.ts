/** SQL of the calendar: the deadlines of cycles, report requests and survey campaigns in a range of
 * days, each with the units it concerns (their paths, to check against the reader's scope), and the
 * users' feed tokens. Reads the other modules' tables, writes only `calendar_feeds`. */
import { eq, sql } from 'drizzle-orm';
import type { CampaignDeadline } from '@chiso/domain';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import { calendarFeeds } from '../../db/schema.ts';

type Member = { id: string; name: string; path: string };

/** Stages of every cycle due in [from, to], with the cycle's owner and members. */
export function stagesDue(db: DbOrTx, from: string, to: string) {
  return rawRows<{
    cycleId: string;
    cycleName: string;
    stage: string;
    dueOn: string;
    state: string;
    ownerPath: string;
    members: Member[];
  }>(
    db,
    sql`select s.cycle_id as "cycleId", c.name as "cycleName", s.stage,
        to_char(s.due_on, 'YYYY-MM-DD') as "dueOn",
        s.state, o.path as "ownerPath",
        coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'path', u.path))
          from cycle_units cu join units u on u.id = cu.unit_id where cu.cycle_id = c.id), '[]') as members
      from cycle_stages s join cycles c on c.id = s.cycle_id join units o on o.id = c.owner_unit_id
      where s.due_on between ${from}::date and ${to}::date`,
  );
}

/** Report requests due in [from, to], with the requester, the receiver and each unit asked. */
export function reportsDue(db: DbOrTx, from: string, to: string) {
  return rawRows<{
    id: string;
    title: string;
    dueOn: string;
    ownerPath: string;
    receivingPath: string | null;
    units: (Member & { status: string })[];
  }>(
    db,
    sql`select r.id, r.title, to_char(r.due_on, 'YYYY-MM-DD') as "dueOn", o.path as "ownerPath",
        rc.path as "receivingPath",
        coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'path', u.path,
            'status', s.status))
          from report_submissions s join units u on u.id = s.unit_id where s.request_id = r.id), '[]') as units
      from report_requests r join units o on o.id = r.owner_unit_id
      left join units rc on rc.id = r.receiving_unit_id
      where r.due_on between ${from}::date and ${to}::date`,
  );
}

/** Survey campaigns with a window or a deadline touching [from, to], with the surveyed units. */
export function campaignsTouching(db: DbOrTx, from: string, to: string) {
  return rawRows<{
    id: string;
    name: string;
    code: string;
    opensOn: string;
    closesOn: string;
    deadlines: CampaignDeadline[];
    ownerPath: string;
    units: Member[];
  }>(
    db,
    sql`select c.id, c.name, c.code, to_char(c.opens_on, 'YYYY-MM-DD') as "opensOn",
        to_char(c.closes_on, 'YYYY-MM-DD') as "closesOn", c.deadlines, o.path as "ownerPath",
        coalesce((select json_agg(distinct jsonb_build_object('id', u.id, 'name', u.name, 'path', u.path))
          from survey_targets t join units u on u.id = t.unit_id where t.campaign_id = c.id), '[]') as units
      from survey_campaigns c join units o on o.id = c.owner_unit_id
      where c.status <> 'draft'
        and (c.closes_on between ${from}::date and ${to}::date
          or exists (select 1 from jsonb_array_elements(c.deadlines) d
            where (d->>'dueOn')::date between ${from}::date and ${to}::date))`,
  );
}

/** Plans asking units for their implementing plans by a day in [from, to], with the units asked and
 * whether each has sent (a plan it issued implements the plan). */
export function plansAsking(db: DbOrTx, from: string, to: string) {
  return rawRows<{
    id: string;
    number: string;
    kind: string;
    dueOn: string;
    issuerPath: string;
    units: (Member & { sent: boolean })[];
  }>(
    db,
    sql`select p.id, p.number, p.kind, to_char(p.asked_due_on, 'YYYY-MM-DD') as "dueOn", i.path as "issuerPath",
        coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'path', u.path,
            'sent', exists (select 1 from plans c where c.parent_id = p.id and c.issuing_unit_id = u.id)))
          from plan_asked_units a join units u on u.id = a.unit_id where a.plan_id = p.id), '[]') as units
      from plans p join units i on i.id = p.issuing_unit_id
      where p.asked_due_on between ${from}::date and ${to}::date`,
  );
}

/** Tasks of plans due in [from, to], with the paths of the issuer, receiving and coordinating units
 * and each instance's unit and whether it was declared done. */
export function tasksDue(db: DbOrTx, from: string, to: string) {
  return rawRows<{
    id: string;
    planId: string;
    planNumber: string;
    content: string;
    dueOn: string;
    issuerPath: string;
    receivingPath: string;
    coordinatorPaths: string[];
    units: (Member & { declared: boolean })[];
  }>(
    db,
    sql`select t.id, t.plan_id as "planId", p.number as "planNumber", t.content,
        to_char(t.due_on, 'YYYY-MM-DD') as "dueOn", i.path as "issuerPath", rc.path as "receivingPath",
        coalesce((select json_agg(u.path) from plan_task_coordinators c join units u on u.id = c.unit_id
          where c.task_id = t.id), '[]') as "coordinatorPaths",
        coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'path', u.path,
            'declared', x.declared_on is not null))
          from plan_task_instances x join units u on u.id = x.unit_id where x.task_id = t.id), '[]') as units
      from plan_tasks t join plans p on p.id = t.plan_id join units i on i.id = p.issuing_unit_id
      join units rc on rc.id = t.receiving_unit_id
      where t.due_on between ${from}::date and ${to}::date`,
  );
}

export async function feedOf(db: DbOrTx, userId: string) {
  const r = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).limit(1);
  return r[0];
}

export async function feedByHash(db: DbOrTx, tokenHash: string) {
  const r = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)).limit(1);
  return r[0];
}

/** The user's feed token is this one from now (the old one stops working). */
export async function putFeed(db: DbOrTx, userId: string, tokenHash: string) {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash, createdAt: sql`now()`, revokedAt: null },
    });
}

export async function revokeFeed(db: DbOrTx, userId: string): Promise<boolean> {
  const r = await db
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(sql`${calendarFeeds.userId} = ${userId} and ${calendarFeeds.revokedAt} is null`)
    .returning({ u: calendarFeeds.userId });
  return r.length > 0;
}
