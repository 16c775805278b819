/** Tasks of a plan (issue #16 item 2): the issuer's writers add tasks to a plan — content under a
 * section, a lead unit or a group of units (one instance per unit), coordinating units, a due day or a
 * recurrence, a target, the unit receiving the results (by default the issuer); readers list them by
 * plan or by unit with their computed statuses, and each unit's "đến hạn và còn thiếu". A reader sees
 * the tasks of plans their units issued, receive or coordinate (every instance), and the instances of
 * their own units; nothing of another tree. Progress, declaration and acceptance: `instances.ts`. */
import { randomUUID } from 'node:crypto';
import type { TaskInputT } from '@chiso/contracts';
import {
  compareDecimal,
  daysLeft,
  decimalText,
  isDueOrMissing,
  parseTaskValue,
  TASK_STATUS_LABELS,
  taskStatus,
  UNIT_KIND_LABELS,
  type TaskStatus,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { isUniqueViolation } from '../../lib/dbErrors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';
import { countStatuses, followsWhole, instanceRow, instanceStatus, taskHead } from './views.ts';

/** "Đến hạn và còn thiếu": due within this many days unless asked otherwise. */
const DEFAULT_DUE_DAYS = 7;

const decimal = (text: string | undefined, n: number) => {
  if (text === undefined) return null;
  const d = parseTaskValue(text);
  if (!d)
    throw new AppError(
      'TASK_INVALID',
      `Nhiệm vụ thứ ${n}: giá trị chỉ tiêu “${text}” không phải một số hợp lệ.`,
    );
  return d;
};

export class TaskService {
  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  /** Add tasks to a plan (by the issuer's writers), each with its instances, audited one by one. */
  async add(actor: Actor, planId: string, inputs: TaskInputT[]) {
    const plan = await repo.planHead(this.db, planId);
    if (!plan || !pathInScope(scopeOf(actor, 'plan.read'), plan.issuerPath)) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'plan.write', plan.issuerPath);
    const readable = scopeOf(actor, 'unit.read');
    let ordinal = await repo.nextOrdinal(this.db, planId);
    const taken = new Set<number>();
    const existing = new Set(await repo.ordinalsOf(this.db, planId));
    const rows: repo.TaskInsert[] = [];
    const coordinators: { taskId: string; unitId: string }[] = [];
    const instances: { id: string; taskId: string; unitId: string }[] = [];
    const trail: { id: string; after: Record<string, unknown> }[] = [];
    for (const [i, input] of inputs.entries()) {
      const n = i + 1;
      const id = randomUUID();
      if (!!input.leadUnitId === !!input.leadGroup)
        throw new AppError(
          'TASK_INVALID',
          `Nhiệm vụ thứ ${n}: chọn một đơn vị chủ trì hoặc một nhóm đơn vị thực hiện.`,
        );
      if (!!input.dueOn === !!input.recurrence)
        throw new AppError(
          'TASK_INVALID',
          `Nhiệm vụ thứ ${n}: nhập hạn hoàn thành hoặc chọn định kỳ (một trong hai).`,
        );
      let leads: { id: string; name: string }[];
      if (input.leadUnitId) {
        const u = await getUnit(this.db, input.leadUnitId);
        if (!u || u.validTo !== null || !u.path.startsWith(plan.issuerPath))
          throw new AppError(
            'TASK_INVALID',
            `Nhiệm vụ thứ ${n}: đơn vị chủ trì phải là ${plan.issuerName} hoặc đơn vị cấp dưới.`,
          );
        leads = [{ id: u.id, name: u.name }];
      } else {
        const g = input.leadGroup!;
        leads = await repo.unitsOfKindUnder(this.db, plan.issuerPath, g.unitKind);
        if (!leads.length)
          throw new AppError(
            'TASK_INVALID',
            `Nhiệm vụ thứ ${n}: ${plan.issuerName} không có đơn vị nào thuộc loại “${UNIT_KIND_LABELS[g.unitKind].vi}”.`,
          );
      }
      const coord: string[] = [];
      for (const cid of new Set(input.coordinatingUnitIds ?? [])) {
        const u = await getUnit(this.db, cid);
        if (!u || u.validTo !== null || !pathInScope(readable, u.path))
          throw new AppError('TASK_INVALID', `Nhiệm vụ thứ ${n}: không tìm thấy đơn vị phối hợp.`);
        coord.push(u.name);
        coordinators.push({ taskId: id, unitId: u.id });
      }
      let receivingUnitId = plan.issuingUnitId;
      if (input.receivingUnitId) {
        const u = await getUnit(this.db, input.receivingUnitId);
        if (!u || u.validTo !== null || !u.path.startsWith(plan.issuerPath))
          throw new AppError(
            'TASK_INVALID',
            `Nhiệm vụ thứ ${n}: đơn vị nhận kết quả phải là ${plan.issuerName} hoặc đơn vị cấp dưới.`,
          );
        receivingUnitId = u.id;
      }
      const value = decimal(input.targetValue, n);
      const valueTo = decimal(input.targetValueTo, n);
      if (!!input.targetComparator !== !!value)
        throw new AppError('TASK_INVALID', `Nhiệm vụ thứ ${n}: chỉ tiêu cần cả cách so sánh và giá trị.`);
      if ((input.targetComparator === 'range') !== !!valueTo)
        throw new AppError(
          'TASK_INVALID',
          `Nhiệm vụ thứ ${n}: chỉ tiêu dạng khoảng (“01–02”) cần giá trị đầu và giá trị cuối, dạng khác chỉ một giá trị.`,
        );
      if (value && valueTo && compareDecimal(value, valueTo) > 0)
        throw new AppError('TASK_INVALID', `Nhiệm vụ thứ ${n}: giá trị đầu của khoảng lớn hơn giá trị cuối.`);
      const o = input.ordinal ?? ordinal;
      if (existing.has(o))
        throw new AppError('TASK_INVALID', `Nhiệm vụ thứ ${n}: số thứ tự ${o} đã có trong kế hoạch.`);
      if (taken.has(o)) throw new AppError('TASK_INVALID', `Nhiệm vụ thứ ${n}: số thứ tự ${o} trùng.`);
      taken.add(o);
      ordinal = Math.max(ordinal, o) + 1;
      const row: repo.TaskInsert = {
        id,
        planId,
        ordinal: o,
        section: input.section?.trim() || null,
        content: input.content.trim(),
        leadUnitId: input.leadUnitId ?? null,
        leadGroup: input.leadGroup?.label.trim() ?? null,
        coordinatingText: input.coordinatingText?.trim() || null,
        dueOn: input.dueOn ?? null,
        recurrence: input.recurrence ?? null,
        targetMetric: value ? (input.targetMetric?.trim() ?? '') : null,
        targetComparator: input.targetComparator ?? null,
        targetValue: value ? decimalText(value) : null,
        targetValueTo: valueTo ? decimalText(valueTo) : null,
        targetUnit: value ? (input.targetUnit?.trim() ?? '') : null,
        receivingUnitId,
        createdBy: actor.id,
      };
      rows.push(row);
      for (const l of leads) instances.push({ id: randomUUID(), taskId: id, unitId: l.id });
      trail.push({
        id,
        after: {
          ...row,
          id: undefined,
          planId: undefined,
          createdBy: undefined,
          units: leads.map((l) => l.name),
          coordinators: coord,
        },
      });
    }
    try {
      await this.insertAll(actor, plan, rows, coordinators, instances, trail);
    } catch (e) {
      // another writer gave the same ordinal at the same moment
      if (isUniqueViolation(e, 'plan_tasks_plan_ordinal_uq'))
        throw new AppError(
          'TASK_INVALID',
          'Số thứ tự nhiệm vụ vừa được dùng cho nhiệm vụ khác; hãy tải lại rồi giao lại.',
        );
      throw e;
    }
    return { ids: rows.map((r) => r.id!) };
  }

  private async insertAll(
    actor: Actor,
    plan: { number: string; issuingUnitId: string },
    rows: repo.TaskInsert[],
    coordinators: { taskId: string; unitId: string }[],
    instances: { id: string; taskId: string; unitId: string }[],
    trail: { id: string; after: Record<string, unknown> }[],
  ) {
    await this.db.transaction(async (tx) => {
      await repo.insertTasks(tx, rows, coordinators, instances);
      for (const x of trail)
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'task.create',
          entity: 'plan_task',
          entityId: x.id,
          unitId: plan.issuingUnitId,
          after: { plan: plan.number, ...x.after },
          reason: null,
        });
    });
  }

  /** The tasks the reader sees (of one plan, or of the units under one unit), with the instances they
   * may see and their statuses; `status` keeps the instances in that status. */
  async list(
    actor: Actor,
    q: { planId?: string | undefined; unitId?: string | undefined; status?: TaskStatus | undefined },
  ) {
    const scope = scopeOf(actor, 'plan.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    let under: string | null = null;
    if (q.unitId) {
      const u = await getUnit(this.db, q.unitId);
      if (!u || !pathInScope(scope, u.path)) throw new AppError('NOT_FOUND');
      under = u.path;
    }
    let canAdd = false;
    const visible = await repo.visibleTaskIds(this.db, scope, q.planId);
    if (q.planId) {
      const plan = await repo.planHead(this.db, q.planId);
      // a plan of another tree is not found (its issuer not read, nothing of it addressed to the reader)
      if (!plan || (!pathInScope(scope, plan.issuerPath) && !visible.length)) throw new AppError('NOT_FOUND');
      canAdd = pathInScope(scopeOf(actor, 'plan.write'), plan.issuerPath);
    }
    const today = this.today();
    const tasks = await repo.tasksByIds(this.db, visible);
    const ids = tasks.map((t) => t.id);
    const coords = await repo.coordinatorsOf(this.db, ids);
    const insts = await repo.instancesOf(this.db, ids);
    const items = [];
    const all: TaskStatus[] = [];
    for (const t of tasks) {
      const cs = coords.filter((c) => c.taskId === t.id);
      const whole = followsWhole(
        t,
        cs.map((c) => c.path),
        scope,
      );
      const mine = insts
        .filter((x) => x.taskId === t.id)
        .filter((x) => whole || pathInScope(scope, x.unitPath))
        .filter((x) => !under || x.unitPath.startsWith(under));
      const rows = mine
        .map((x) => instanceRow(t, x, today))
        .filter((r) => !q.status || r.status === q.status);
      const concerned =
        !under ||
        mine.length > 0 ||
        t.issuerPath.startsWith(under) ||
        cs.some((c) => c.path.startsWith(under));
      if (!concerned || (q.status && !rows.length)) continue;
      all.push(...rows.map((r) => r.status));
      items.push({
        ...taskHead(
          t,
          cs.map((c) => c.name),
        ),
        instances: rows,
        counts: countStatuses(rows.map((r) => r.status)),
      });
    }
    return { items, counts: countStatuses(all), canAdd };
  }

  /** "Đến hạn và còn thiếu": the instances of the reader's units (or of one unit and below) not
   * declared done whose due day is past or at most `days` ahead, most urgent first, and per unit how
   * many are overdue and how many fall due soon. */
  async due(actor: Actor, q: { unitId?: string | undefined; days?: number | undefined }) {
    const days = q.days ?? DEFAULT_DUE_DAYS;
    const listed = await this.list(actor, { unitId: q.unitId });
    const today = this.today();
    const items = [];
    for (const t of listed.items) {
      if (!t.dueOn) continue;
      for (const x of t.instances) {
        const facts = {
          dueOn: t.dueOn,
          hasProgress: x.progressCount > 0,
          declaredOn: x.declaredOn,
          accepted: false,
        };
        if (!isDueOrMissing(facts, today, days)) continue;
        items.push({
          instanceId: x.id,
          taskId: t.id,
          planId: t.planId,
          planNumber: t.planNumber,
          unitId: x.unitId,
          unitName: x.unitName,
          content: t.content,
          dueOn: t.dueOn,
          daysLeft: daysLeft(today, t.dueOn),
          status: x.status,
          statusLabel: TASK_STATUS_LABELS[x.status],
        });
      }
    }
    items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.unitName.localeCompare(b.unitName, 'vi'));
    const units = new Map<string, { unitId: string; unitName: string; overdue: number; dueSoon: number }>();
    for (const x of items) {
      const u = units.get(x.unitId) ?? { unitId: x.unitId, unitName: x.unitName, overdue: 0, dueSoon: 0 };
      if (x.daysLeft < 0) u.overdue++;
      else u.dueSoon++;
      units.set(x.unitId, u);
    }
    return {
      days,
      items,
      units: [...units.values()].sort(
        (a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'vi'),
      ),
    };
  }
}

export { instanceStatus };

/** The task instances of a unit (or of its subtree) due in a year, each with its computed status: what
 * a framework's plan-completion leaf counts (tasks done ÷ total; done = accepted, as of the day
 * declared). */
export async function tasksDueInYear(
  db: DbOrTx,
  unit: { id: string; path: string },
  subtree: boolean,
  year: number,
  today = todayVn(),
) {
  const rows = await repo.instancesDueBetween(db, unit, subtree, `${year}-01-01`, `${year}-12-31`);
  return rows.map((r) => {
    const status = taskStatus(
      { dueOn: r.dueOn, hasProgress: false, declaredOn: r.declaredOn, accepted: r.accepted },
      today,
    );
    return {
      ...r,
      status,
      statusText: TASK_STATUS_LABELS[status],
      done: status === 'done' || status === 'done_late',
    };
  });
}
