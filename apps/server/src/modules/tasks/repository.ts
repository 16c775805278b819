/** Tasks of plans in SQL (issue #16 item 2): the tasks with their plan, issuer, lead, coordinators and
 * receiving unit; their instances (one per unit) with progress counts and the last value reported;
 * the progress history. Reads plans and units; writes only the task tables. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import {
  evidence,
  planTaskCoordinators,
  planTaskInstances,
  planTaskProgress,
  planTasks,
  users,
} from '../../db/schema.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import type { Scope } from '../auth/scope.ts';

export type TaskInsert = typeof planTasks.$inferInsert;
export type InstanceRow = typeof planTaskInstances.$inferSelect;

/** A plan with its issuing unit (what tasks are added to). */
export async function planHead(db: DbOrTx, planId: string) {
  const r = await rawRows<{
    id: string;
    number: string;
    title: string;
    issuingUnitId: string;
    issuerName: string;
    issuerPath: string;
  }>(
    db,
    sql`select p.id, p.number, p.title, p.issuing_unit_id as "issuingUnitId", u.name as "issuerName",
        u.path as "issuerPath"
      from plans p join units u on u.id = p.issuing_unit_id where p.id = ${planId}`,
  );
  return r[0];
}

export async function nextOrdinal(db: DbOrTx, planId: string): Promise<number> {
  const r = await rawRows<{ n: number }>(
    db,
    sql`select coalesce(max(ordinal), 0)::int + 1 as n from plan_tasks where plan_id = ${planId}`,
  );
  return Number(r[0]?.n ?? 1);
}

/** Open units of a kind under a unit (its group: "Công an các xã, thị trấn"), in tree order. */
export async function unitsOfKindUnder(db: DbOrTx, path: string, kind: string) {
  return rawRows<{ id: string; name: string; path: string }>(
    db,
    sql`select id, name, path from units
      where kind = ${kind} and valid_to is null and path like ${path + '%'} and path <> ${path}
      order by sort_order, name`,
  );
}

export async function insertTasks(
  db: DbOrTx,
  tasks: TaskInsert[],
  coordinators: { taskId: string; unitId: string }[],
  instances: { id: string; taskId: string; unitId: string }[],
) {
  await db.insert(planTasks).values(tasks);
  if (coordinators.length) await db.insert(planTaskCoordinators).values(coordinators);
  if (instances.length) await db.insert(planTaskInstances).values(instances);
}

/** Ids of the tasks the reader sees: of a plan whose issuer is in scope, or with an instance, a
 * coordinating or the receiving unit in scope; optionally of one plan. */
export async function visibleTaskIds(db: DbOrTx, scope: Scope, planId?: string): Promise<string[]> {
  const inScope = (col: ReturnType<typeof sql>) => pathColumnInScope(col, scope);
  const r = await rawRows<{ id: string }>(
    db,
    sql`select t.id from plan_tasks t
      join plans p on p.id = t.plan_id
      join units i on i.id = p.issuing_unit_id
      join units rc on rc.id = t.receiving_unit_id
      where (${planId ?? null}::uuid is null or t.plan_id = ${planId ?? null}::uuid)
        and (${inScope(sql`i.path`)} or ${inScope(sql`rc.path`)}
          or exists (select 1 from plan_task_instances x join units u on u.id = x.unit_id
            where x.task_id = t.id and ${inScope(sql`u.path`)})
          or exists (select 1 from plan_task_coordinators c join units u on u.id = c.unit_id
            where c.task_id = t.id and ${inScope(sql`u.path`)}))
      order by p.issued_on desc, p.number, t.ordinal`,
  );
  return r.map((x) => x.id);
}

export interface TaskJoined {
  id: string;
  planId: string;
  planNumber: string;
  planTitle: string;
  issuingUnitId: string;
  issuerName: string;
  issuerPath: string;
  ordinal: number;
  section: string | null;
  content: string;
  leadUnitName: string | null;
  leadGroup: string | null;
  coordinatingText: string | null;
  dueOn: string | null;
  recurrence: string | null;
  targetMetric: string | null;
  targetComparator: string | null;
  targetValue: string | null;
  targetValueTo: string | null;
  targetUnit: string | null;
  receivingUnitId: string;
  receivingName: string;
  receivingPath: string;
}

/** Tasks by id with their plan, issuer, lead and receiving unit, in plan and ordinal order. */
export async function tasksByIds(db: DbOrTx, ids: string[]): Promise<TaskJoined[]> {
  if (!ids.length) return [];
  return rawRows<TaskJoined>(
    db,
    sql`select t.id, t.plan_id as "planId", p.number as "planNumber", p.title as "planTitle",
        p.issuing_unit_id as "issuingUnitId", i.name as "issuerName", i.path as "issuerPath",
        t.ordinal, t.section, t.content, l.name as "leadUnitName", t.lead_group as "leadGroup",
        t.coordinating_text as "coordinatingText", to_char(t.due_on, 'YYYY-MM-DD') as "dueOn",
        t.recurrence, t.target_metric as "targetMetric", t.target_comparator as "targetComparator",
        t.target_value::text as "targetValue", t.target_value_to::text as "targetValueTo",
        t.target_unit as "targetUnit", t.receiving_unit_id as "receivingUnitId",
        rc.name as "receivingName", rc.path as "receivingPath"
      from plan_tasks t
      join plans p on p.id = t.plan_id
      join units i on i.id = p.issuing_unit_id
      join units rc on rc.id = t.receiving_unit_id
      left join units l on l.id = t.lead_unit_id
      where t.id = any(${sql.param(ids)}::uuid[])
      order by p.issued_on desc, p.number, t.ordinal`,
  );
}

export async function coordinatorsOf(db: DbOrTx, taskIds: string[]) {
  if (!taskIds.length) return [];
  return rawRows<{ taskId: string; unitId: string; name: string; path: string }>(
    db,
    sql`select c.task_id as "taskId", u.id as "unitId", u.name, u.path
      from plan_task_coordinators c join units u on u.id = c.unit_id
      where c.task_id = any(${sql.param(taskIds)}::uuid[]) order by u.sort_order, u.name`,
  );
}

export interface InstanceJoined {
  id: string;
  taskId: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  declaredOn: string | null;
  accepted: boolean;
  returnReason: string | null;
  progressCount: number;
  lastValue: string | null;
}

/** The instances of tasks, with their unit, how much progress was reported and the last value. */
export async function instancesOf(db: DbOrTx, taskIds: string[]): Promise<InstanceJoined[]> {
  if (!taskIds.length) return [];
  return rawRows<InstanceJoined>(
    db,
    sql`select x.id, x.task_id as "taskId", x.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
        to_char(x.declared_on, 'YYYY-MM-DD') as "declaredOn", x.accepted_at is not null as accepted,
        x.return_reason as "returnReason",
        (select count(*)::int from plan_task_progress g where g.instance_id = x.id) as "progressCount",
        (select g.value::text from plan_task_progress g where g.instance_id = x.id and g.value is not null
          order by g.created_at desc, g.id desc limit 1) as "lastValue"
      from plan_task_instances x join units u on u.id = x.unit_id
      where x.task_id = any(${sql.param(taskIds)}::uuid[])
      order by u.sort_order, u.name`,
  );
}

export async function instanceById(db: DbOrTx, id: string) {
  const r = await db.select().from(planTaskInstances).where(eq(planTaskInstances.id, id)).limit(1);
  return r[0];
}

/** The instance re-read under a row lock, before it changes. */
export async function lockInstance(db: DbOrTx, id: string) {
  const r = await db.select().from(planTaskInstances).where(eq(planTaskInstances.id, id)).for('update');
  return r[0];
}

export async function updateInstance(
  db: DbOrTx,
  id: string,
  set: Partial<typeof planTaskInstances.$inferInsert>,
) {
  await db
    .update(planTaskInstances)
    .set({ ...set, revision: sql`${planTaskInstances.revision} + 1` })
    .where(eq(planTaskInstances.id, id));
}

export async function progressOf(db: DbOrTx, instanceId: string) {
  return db
    .select()
    .from(planTaskProgress)
    .where(eq(planTaskProgress.instanceId, instanceId))
    .orderBy(desc(planTaskProgress.createdAt), desc(planTaskProgress.id));
}

export async function insertProgress(db: DbOrTx, row: typeof planTaskProgress.$inferInsert) {
  await db.insert(planTaskProgress).values(row);
}

export async function userNames(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const r = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, ids))
    .orderBy(asc(users.fullName));
  return new Map(r.map((u) => [u.id, u.name]));
}

export async function evidenceUnit(db: DbOrTx, id: string) {
  const r = await db
    .select({ unitId: evidence.unitId })
    .from(evidence)
    .where(and(eq(evidence.id, id)))
    .limit(1);
  return r[0]?.unitId;
}

/** Instances of a unit (or of its subtree) whose task is due in [from, to]: what the plan-completion
 * counter of a cycle counts (issue #16 item 3). */
export async function instancesDueBetween(
  db: DbOrTx,
  unit: { id: string; path: string },
  subtree: boolean,
  from: string,
  to: string,
) {
  const where = subtree
    ? sql`u.path like ${unit.path.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`
    : sql`u.id = ${unit.id}`;
  return rawRows<{
    id: string;
    unitName: string;
    content: string;
    planNumber: string;
    dueOn: string;
    declaredOn: string | null;
    accepted: boolean;
  }>(
    db,
    sql`select x.id, u.name as "unitName", t.content, p.number as "planNumber",
        to_char(t.due_on, 'YYYY-MM-DD') as "dueOn", to_char(x.declared_on, 'YYYY-MM-DD') as "declaredOn",
        x.accepted_at is not null as accepted
      from plan_task_instances x
      join plan_tasks t on t.id = x.task_id
      join plans p on p.id = t.plan_id
      join units u on u.id = x.unit_id
      where ${where} and t.due_on between ${from} and ${to}
      order by t.due_on, p.number, t.ordinal, u.sort_order`,
  );
}

/** The ordinals a plan's tasks already use. */
export async function ordinalsOf(db: DbOrTx, planId: string): Promise<number[]> {
  const r = await rawRows<{ n: number }>(
    db,
    sql`select ordinal as n from plan_tasks where plan_id = ${planId}`,
  );
  return r.map((x) => Number(x.n));
}
