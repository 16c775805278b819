/** One task for one unit (issue #16 item 2): its progress (a value, exact; a note; a document of the
 * unit), the unit's declaration that it is done (it counts as done on that day), and the issuer's
 * acceptance or return with a reason. The unit's writers report and declare; the plan issuer's writers
 * accept or return, and not the person who declared. Each change is audited in its transaction, with
 * the instance re-read under a row lock; the issuer is told of a declaration, the unit of a return. */
import { randomUUID } from 'node:crypto';
import type { ProgressBodyT } from '@chiso/contracts';
import { decimalText, formatDateVi, parseTaskValue, TASK_STATUS_LABELS } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { notify } from '../notices/service.ts';
import * as repo from './repository.ts';
import { followsWhole, instanceRow, taskHead, trimDecimal } from './views.ts';

type Need = 'read' | 'report' | 'accept';

export class TaskInstanceService {
  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  /** The instance with its task, checked for the reader: read (the unit's, or the whole task's
   * readers), report (writers of the instance's unit), accept (writers of the plan's issuer). */
  private async load(db: DbOrTx, actor: Actor, id: string, need: Need) {
    const x = await repo.instanceById(db, id);
    if (!x) throw new AppError('NOT_FOUND');
    const [t] = await repo.tasksByIds(db, [x.taskId]);
    const joined = (await repo.instancesOf(db, [x.taskId])).find((i) => i.id === id);
    if (!t || !joined) throw new AppError('NOT_FOUND');
    const coords = await repo.coordinatorsOf(db, [t.id]);
    const read = scopeOf(actor, 'plan.read');
    const readable =
      pathInScope(read, joined.unitPath) ||
      followsWhole(
        t,
        coords.map((c) => c.path),
        read,
      );
    if (!readable) throw new AppError('NOT_FOUND');
    const write = scopeOf(actor, 'plan.write');
    const canReport = pathInScope(write, joined.unitPath);
    const canAccept = pathInScope(write, t.issuerPath);
    if (need === 'report' && !canReport) throw new AppError('FORBIDDEN_UNIT');
    if (need === 'accept' && !canAccept) throw new AppError('FORBIDDEN_UNIT');
    return { x, t, joined, coords, canReport, canAccept };
  }

  async detail(actor: Actor, id: string) {
    const { x, t, joined, coords, canReport, canAccept } = await this.load(this.db, actor, id, 'read');
    const progress = await repo.progressOf(this.db, id);
    const names = await repo.userNames(
      this.db,
      [x.declaredBy, x.acceptedBy].filter((v): v is string => !!v),
    );
    const accepted = x.acceptedAt !== null;
    return {
      ...instanceRow(t, joined, this.today()),
      task: taskHead(
        t,
        coords.map((c) => c.name),
      ),
      declaredNote: x.declaredNote,
      declaredByName: x.declaredBy ? (names.get(x.declaredBy) ?? null) : null,
      acceptedAt: x.acceptedAt?.toISOString() ?? null,
      acceptedByName: x.acceptedBy ? (names.get(x.acceptedBy) ?? null) : null,
      progress: progress.map((p) => ({
        id: p.id,
        reportedOn: p.reportedOn,
        value: p.value === null ? null : trimDecimal(p.value),
        note: p.note,
        evidenceId: p.evidenceId,
        byName: p.createdByName,
        at: p.createdAt.toISOString(),
      })),
      canReport: canReport && !accepted,
      canAccept: canAccept && x.declaredOn !== null && !accepted,
    };
  }

  async progress(actor: Actor, id: string, body: ProgressBodyT) {
    const { joined } = await this.load(this.db, actor, id, 'report');
    const value = body.value === undefined ? null : parseTaskValue(body.value);
    if (body.value !== undefined && !value)
      throw new AppError('TASK_INVALID', 'Giá trị đạt được không phải một số hợp lệ.');
    if (body.evidenceId && (await repo.evidenceUnit(this.db, body.evidenceId)) !== joined.unitId)
      throw new AppError('TASK_INVALID', `Tài liệu kiểm chứng phải là tài liệu của ${joined.unitName}.`);
    await this.db.transaction(async (tx) => {
      const x = await repo.lockInstance(tx, id);
      if (!x) throw new AppError('NOT_FOUND');
      if (x.acceptedAt)
        throw new AppError('TASK_STATE', 'Nhiệm vụ đã được xác nhận hoàn thành; không ghi thêm tiến độ.');
      const row = {
        id: randomUUID(),
        instanceId: id,
        reportedOn: this.today(),
        value: value ? decimalText(value) : null,
        note: body.note.trim(),
        evidenceId: body.evidenceId ?? null,
        createdBy: actor.id,
        createdByName: actor.name,
      };
      await repo.insertProgress(tx, row);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'task.progress',
        entity: 'plan_task_instance',
        entityId: id,
        unitId: joined.unitId,
        before: { lastValue: joined.lastValue === null ? null : trimDecimal(joined.lastValue) },
        after: { value: row.value, note: row.note, evidenceId: row.evidenceId },
        reason: null,
      });
    });
    return this.detail(actor, id);
  }

  /** The unit declares the task done today: it counts as done on this day, waiting for the issuer. */
  async declare(actor: Actor, id: string, note: string | undefined) {
    const { t, joined } = await this.load(this.db, actor, id, 'report');
    const today = this.today();
    await this.db.transaction(async (tx) => {
      const x = await repo.lockInstance(tx, id);
      if (!x) throw new AppError('NOT_FOUND');
      if (x.declaredOn) throw new AppError('TASK_STATE', 'Nhiệm vụ đã được báo hoàn thành.');
      await repo.updateInstance(tx, id, {
        declaredOn: today,
        declaredAt: new Date(),
        declaredBy: actor.id,
        declaredNote: note?.trim() || null,
        returnReason: null,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'task.declare',
        entity: 'plan_task_instance',
        entityId: id,
        unitId: joined.unitId,
        before: { declaredOn: null },
        after: { declaredOn: today, late: t.dueOn !== null && today > t.dueOn },
        reason: note?.trim() || null,
      });
      await notify(tx, {
        kind: 'task_declared',
        unitId: joined.unitId,
        title: `Chờ xác nhận: ${joined.unitName} báo hoàn thành nhiệm vụ của ${t.planNumber}`,
        body: `${joined.unitName} báo hoàn thành nhiệm vụ “${t.content}” (${t.planNumber}) ngày ${formatDateVi(today)}. Đơn vị ban hành xác nhận hoặc trả lại.`,
        link: `/tasks/${id}`,
        to: [{ units: [t.issuingUnitId], may: ['plan.write'] }],
        actorId: actor.id,
      });
    });
    return this.detail(actor, id);
  }

  /** The issuer accepts the declaration (not the person who made it). */
  async accept(actor: Actor, id: string, note: string | undefined) {
    const { joined } = await this.load(this.db, actor, id, 'accept');
    await this.db.transaction(async (tx) => {
      const x = await repo.lockInstance(tx, id);
      if (!x) throw new AppError('NOT_FOUND');
      if (!x.declaredOn || x.acceptedAt)
        throw new AppError(
          'TASK_STATE',
          'Chỉ xác nhận được nhiệm vụ đã báo hoàn thành và chưa được xác nhận.',
        );
      if (x.declaredBy && x.declaredBy === actor.id)
        throw new AppError('TASK_STATE', 'Người báo hoàn thành không tự xác nhận nhiệm vụ của mình.');
      await repo.updateInstance(tx, id, { acceptedAt: new Date(), acceptedBy: actor.id });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'task.accept',
        entity: 'plan_task_instance',
        entityId: id,
        unitId: joined.unitId,
        before: { status: TASK_STATUS_LABELS.awaiting },
        after: { declaredOn: x.declaredOn, accepted: true },
        reason: note?.trim() || null,
      });
    });
    return this.detail(actor, id);
  }

  /** The issuer returns the declaration with a reason: the task is not done, and the unit is told. */
  async giveBack(actor: Actor, id: string, reason: string) {
    const { t, joined } = await this.load(this.db, actor, id, 'accept');
    await this.db.transaction(async (tx) => {
      const x = await repo.lockInstance(tx, id);
      if (!x) throw new AppError('NOT_FOUND');
      if (!x.declaredOn || x.acceptedAt)
        throw new AppError(
          'TASK_STATE',
          'Chỉ trả lại được nhiệm vụ đã báo hoàn thành và chưa được xác nhận.',
        );
      await repo.updateInstance(tx, id, {
        declaredOn: null,
        declaredAt: null,
        declaredBy: null,
        declaredNote: null,
        returnedAt: new Date(),
        returnedBy: actor.id,
        returnReason: reason.trim(),
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'task.return',
        entity: 'plan_task_instance',
        entityId: id,
        unitId: joined.unitId,
        before: { declaredOn: x.declaredOn },
        after: { declaredOn: null },
        reason: reason.trim(),
      });
      await notify(tx, {
        kind: 'task_returned',
        unitId: joined.unitId,
        title: `Nhiệm vụ bị trả lại: ${t.planNumber} — ${joined.unitName}`,
        body: `${t.issuerName} trả lại báo cáo hoàn thành nhiệm vụ “${t.content}”. Lý do: ${reason.trim()}`,
        link: `/tasks/${id}`,
        to: [{ units: [joined.unitId], may: ['plan.write'] }],
        actorId: actor.id,
      });
    });
    return this.detail(actor, id);
  }
}
