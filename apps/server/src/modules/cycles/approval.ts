/** Approval one level at a time (ADR 0012): the level that holds an appraisal approves it and the
 * result moves up to the next level (or to the owner); the level holding an approved result may
 * send it back one level with a reason. */
import { awaitingText, isAwaitingDecision, isUnderAppraisal } from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { notify, waitingOn } from '../notices/service.ts';
import { loadAssessment, type CycleDeps } from './context.ts';
import { surveyOf } from './queries.ts';
import { approvedByActor, holderWith, requireNotAuthor, withApprovals } from './levels.ts';
import * as repo from './repository.ts';
import { appraisalView, awaitingShort } from './views.ts';

function approvedByYou() {
  return new AppError('FORBIDDEN', 'Bạn đã duyệt kết quả này ở cấp dưới; mỗi cấp do người của cấp đó duyệt.');
}

function sameApprovals(a: readonly repo.Approval[], b: readonly repo.Approval[]) {
  return a.length === b.length && a.every((x, i) => x.unitId === b[i]!.unitId && x.at === b[i]!.at);
}

/** The appraising level approves only when nothing waits for the unit's answer or for a decision
 * after it, unless it chooses explicitly, with a reason, to accept those criteria as the unit
 * scored them. The refusal names the blocking criteria ("6.1 đang chờ giải trình"). */
function requireNothingOpen(
  appraisal: readonly repo.AppraisalRow[],
  acceptWaiting: boolean,
  note: string | null,
) {
  const waiting = appraisal.filter((x) => isAwaitingDecision(x.state));
  if (!waiting.length) return [];
  const named = waiting.map((x) => `${x.code} ${awaitingShort(x.state)}`).join('; ');
  if (!acceptWaiting)
    throw new AppError(
      'ASSESSMENT_STATE',
      `Chưa thể duyệt: ${named}. Chờ đơn vị giải trình, quyết định từng tiêu chí, hoặc chọn rõ “Duyệt dù còn chờ giải trình” và ghi lý do.`,
      {
        problems: waiting.map(
          (x) => `Tiêu chí ${x.code}: ${awaitingText(x.state as 'supplement' | 'answered')}.`,
        ),
        blocking: waiting.map((x) => x.code),
      },
    );
  if (!note) throw new AppError('REASON_REQUIRED', `Duyệt khi ${named} cần ghi lý do.`);
  return waiting;
}

export class ApprovalService {
  constructor(private deps: CycleDeps) {}

  /** The level that holds an appraisal approves it: the result moves up one level (to the next
   * level, or to the owner). The appraising level approves only when nothing waits for the unit or
   * for a decision after its answer; criteria left unappraised keep the unit's own score. */
  async approve(actor: Actor, assessmentId: string, note?: string, acceptWaiting = false) {
    const ctx = await loadAssessment(this.deps, actor, assessmentId, 'approve');
    const { pos } = ctx;
    if (pos.complete)
      throw new AppError('ASSESSMENT_STATE', `Kết quả của ${ctx.unit.name} đã được duyệt đủ các cấp.`);
    if (!pos.holds)
      throw new AppError(
        'FORBIDDEN',
        `Kết quả của ${ctx.unit.name} đang chờ ${pos.holder.name} duyệt; mỗi cấp chỉ duyệt phần của mình.`,
      );
    if (approvedByActor(actor, pos.approvals)) throw approvedByYou();
    const first = pos.holder === pos.appraising;
    const approval: repo.Approval = {
      unitId: pos.holder.unitId,
      unitName: pos.holder.name,
      by: actor.id,
      byName: actor.name,
      at: new Date().toISOString(),
      note: note?.trim() || null,
    };
    // the next open level up, or the owner (never closed)
    const next = pos.chain.slice(pos.chain.indexOf(pos.holder) + 1).find((u) => !u.closed)!;
    const { a, appraisal } = await this.deps.db.transaction(async (tx) => {
      const now = await repo.lockAssessment(tx, assessmentId);
      // the whole list as read before, not only its length (an approval and a send-back between)
      if (!now || !isUnderAppraisal(now.status) || !sameApprovals(now.approvals, pos.approvals))
        throw new AppError('ASSESSMENT_STATE', 'Kết quả thẩm định vừa thay đổi; hãy tải lại.');
      if (approvedByActor(actor, now.approvals)) throw approvedByYou();
      requireNotAuthor(actor, now);
      let appraisal = await repo.appraisalOf(tx, assessmentId);
      const waiting = first ? requireNothingOpen(appraisal, acceptWaiting, approval.note) : [];
      // each waiting criterion accepted as the unit scored it, with the reason (audited one by one)
      for (const w of waiting) {
        await repo.upsertAppraisal(tx, {
          ...w,
          state: 'accepted',
          inputText: null,
          input: null,
          reason: approval.note,
          appraiserId: actor.id,
        });
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'appraisal.accept',
          entity: 'assessment',
          entityId: assessmentId,
          unitId: ctx.a.unitId,
          before: { code: w.code, state: w.state, message: w.supplementMessage, answer: w.answer },
          after: { code: w.code, state: 'accepted', acceptedWaiting: true },
          reason: approval.note,
        });
      }
      if (waiting.length) appraisal = await repo.appraisalOf(tx, assessmentId);
      const approvals = [...now.approvals, approval];
      const a = await repo.setAssessment(tx, assessmentId, {
        status: 'in_appraisal',
        approvals,
        ...(now.appraisalStartedAt ? {} : { appraisalStartedAt: new Date() }),
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'appraisal.approve',
        entity: 'assessment',
        entityId: assessmentId,
        unitId: ctx.a.unitId,
        before: { heldBy: pos.holder.name, approvedBy: now.approvals.map((x) => x.unitName) },
        after: { heldBy: next.name, approvedBy: approvals.map((x) => x.unitName) },
        reason: approval.note,
      });
      await notify(tx, {
        kind: 'approved',
        unitId: ctx.a.unitId,
        to: [waitingOn([next.unitId])],
        actorId: actor.id,
        cycleId: ctx.cycle.id,
        title: `${pos.holder.name} đã duyệt kết quả thẩm định của ${ctx.unit.name} — ${ctx.cycle.name}`,
        body: `Kết quả thẩm định của ${ctx.unit.name} đã được ${pos.holder.name} duyệt và chuyển lên ${next.name}.`,
        link: `/assessments/${assessmentId}`,
      });
      return { a, appraisal };
    });
    const items = await repo.itemsOf(this.deps.db, assessmentId);
    return appraisalView(
      actor,
      { ...ctx, a, pos: withApprovals(actor, pos, a.approvals) },
      items,
      appraisal,
      this.deps.today(),
      await surveyOf(this.deps.db, ctx),
    );
  }

  /** The level that holds an approved appraisal sends it back to the level below, with a reason;
   * that level's approval is withdrawn (it stays in the audit trail). */
  async sendBack(actor: Actor, assessmentId: string, reason: string) {
    if (!reason.trim()) throw new AppError('REASON_REQUIRED', 'Trả lại cấp dưới cần ghi lý do.');
    const ctx = await loadAssessment(this.deps, actor, assessmentId, 'sendBack');
    const { pos } = ctx;
    if (pos.approvals.length === 0)
      throw new AppError(
        'ASSESSMENT_STATE',
        `Kết quả của ${ctx.unit.name} chưa được cấp nào duyệt; ${pos.appraising.name} đang thẩm định.`,
      );
    if (!pos.holds)
      throw new AppError(
        'FORBIDDEN',
        `Kết quả của ${ctx.unit.name} đang ở ${pos.holder.name}; chỉ cấp đó trả lại cấp dưới.`,
      );
    // the last approval withdrawn: the level that approved it holds the result again (or, if it
    // has been closed since, the next open level up)
    const lower = holderWith(pos, pos.approvals.slice(0, -1));
    const { a, appraisal } = await this.deps.db.transaction(async (tx) => {
      const now = await repo.lockAssessment(tx, assessmentId);
      const cycleNow = await repo.cycleContextRow(tx, ctx.cycle.id);
      if (
        !now ||
        !sameApprovals(now.approvals, pos.approvals) ||
        !isUnderAppraisal(now.status) ||
        cycleNow?.c.status !== 'open'
      )
        throw new AppError('ASSESSMENT_STATE', 'Kết quả thẩm định vừa thay đổi; hãy tải lại.');
      const approvals = now.approvals.slice(0, -1);
      const a = await repo.setAssessment(tx, assessmentId, { approvals });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'appraisal.send_back',
        entity: 'assessment',
        entityId: assessmentId,
        unitId: ctx.a.unitId,
        before: { heldBy: pos.holder.name, approvedBy: now.approvals.map((x) => x.unitName) },
        after: { heldBy: lower.name, approvedBy: approvals.map((x) => x.unitName) },
        reason: reason.trim(),
      });
      await notify(tx, {
        kind: 'sent_back',
        unitId: ctx.a.unitId,
        to: [waitingOn([lower.unitId])],
        actorId: actor.id,
        cycleId: ctx.cycle.id,
        title: `${pos.holder.name} trả lại kết quả thẩm định của ${ctx.unit.name} — ${ctx.cycle.name}`,
        body: `Lý do: ${reason.trim()}`,
        link: `/assessments/${assessmentId}`,
      });
      return { a, appraisal: await repo.appraisalOf(tx, assessmentId) };
    });
    const items = await repo.itemsOf(this.deps.db, assessmentId);
    return appraisalView(
      actor,
      { ...ctx, a, pos: withApprovals(actor, pos, a.approvals) },
      items,
      appraisal,
      this.deps.today(),
      await surveyOf(this.deps.db, ctx),
    );
  }
}
