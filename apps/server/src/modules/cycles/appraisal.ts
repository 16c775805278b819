/** Appraisal: the coordinator of a member's appraising level assigns appraisers by field and unit;
 * an appraiser accepts the unit's score of a criterion, sets another (with a reason when it
 * differs) or asks for supplementation, which the unit answers. Nobody appraises what they wrote. */
import {
  assertNever,
  evaluate,
  formatDateVi,
  isUnderAppraisal,
  leavesOf,
  parseLeafInput,
  type LeafInput,
} from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { activeGrantsOf, findUserById } from '../auth/service.ts';
import { pathInScope } from '../auth/scope.ts';
import { unitEvidence } from '../evidence/service.ts';
import { notify, unitWork, waitingOn } from '../notices/service.ts';
import { loadAssessment, loadCycle, requireStage, type CycleDeps } from './context.ts';
import { answerDue, cycleClosedText, dueOnProblem, supplementWindow } from './gates.ts';
import { mayAppraise, requireNotAuthor } from './levels.ts';
import { isSurveyLeaf, readonlyMessage } from '../surveyPoints/resolve.ts';
import { assignmentsView, surveyOf } from './queries.ts';
import * as repo from './repository.ts';
import { appraisalView, pointsByCode } from './views.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function approvedAlready(approvals: readonly { unitName: string }[]) {
  return new AppError(
    'ASSESSMENT_STATE',
    `Kết quả thẩm định đã được ${approvals[0]!.unitName} duyệt; muốn sửa, cấp trên cần trả lại trước.`,
  );
}

/** Accepting a criterion that still waits for the unit's answer is an explicit choice with a
 * reason; otherwise it is refused, naming the criterion. */
export function requireWaitingChoice(code: string, body: { acceptWaiting?: boolean; reason?: string }) {
  if (!body.acceptWaiting)
    throw new AppError(
      'ASSESSMENT_STATE',
      `${code} đang chờ giải trình: muốn chấp nhận điểm tự đánh giá khi đơn vị chưa trả lời, hãy chọn rõ “Chấp nhận dù chưa giải trình” và ghi lý do.`,
      { blocking: [code] },
    );
  if (!body.reason?.trim())
    throw new AppError('REASON_REQUIRED', `Chấp nhận tiêu chí ${code} khi chưa có giải trình cần ghi lý do.`);
}

/** The appraisal rows with one row written (as stored). */
const withRow = (rows: repo.AppraisalRow[], row: repo.AppraisalRow) => [
  ...rows.filter((x) => x.code !== row.code),
  row,
];

export class AppraisalService {
  constructor(private deps: CycleDeps) {}

  /** Assign an appraiser to fields of chosen units of the cycle (replaces their assignment over the
   * units the coordinator appraises). A unit is appraised by its nearest level: the appraiser must
   * hold the appraiser's right at that level. */
  async assign(actor: Actor, cycleId: string, userId: string, fields: string[], unitIds: string[]) {
    const db = this.deps.db;
    const ctx = await loadCycle(db, actor, cycleId, 'coordinate');
    const fieldCodes = new Set(ctx.fw.criteria.map((x) => x.code));
    for (const f of fields)
      if (!fieldCodes.has(f))
        throw new AppError('VALIDATION', `“${f}” không phải mã lĩnh vực của bộ tiêu chí.`);
    const byId = new Map(ctx.members.map((m) => [m.unitId, m]));
    const inCycle = new Set(ctx.all.map((m) => m.unitId));
    const user = await findUserById(db, userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const theirs = await activeGrantsOf(db, userId);
    for (const u of unitIds) {
      const m = byId.get(u);
      if (!inCycle.has(u)) throw new AppError('VALIDATION', 'Có đơn vị không thuộc kỳ đánh giá.');
      if (!m || !m.pos.appraises)
        throw new AppError(
          'FORBIDDEN',
          m
            ? `${m.unitName} do ${m.pos.appraising.name} thẩm định; bạn không có quyền phân công thẩm định đơn vị này.`
            : 'Có đơn vị không thuộc phạm vi bạn điều phối trong kỳ đánh giá.',
        );
      if (!mayAppraise(theirs, m.pos))
        throw new AppError(
          'VALIDATION',
          `${user.fullName} không có quyền thẩm định (vai trò thành viên thẩm định) của ${m.pos.appraising.name}, cấp thẩm định ${m.unitName}.`,
        );
    }
    const overUnits = ctx.members.filter((m) => m.pos.appraises).map((m) => m.unitId);
    // filed under the appraising level when the units share one (its auditors see it), else the owner
    const appraisingUnits = new Set(unitIds.map((u) => byId.get(u)!.pos.appraising.unitId));
    const auditUnit = appraisingUnits.size === 1 ? [...appraisingUnits][0]! : ctx.cycle.ownerUnitId;
    await db.transaction(async (tx) => {
      if (!(await repo.shareLockCycle(tx, cycleId))) throw new AppError('CYCLE_NOT_FOUND');
      await repo.setAssignments(
        tx,
        cycleId,
        userId,
        overUnits,
        fields.flatMap((fieldCode) => unitIds.map((unitId) => ({ fieldCode, unitId }))),
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.assign',
        entity: 'cycle',
        entityId: cycleId,
        unitId: auditUnit,
        after: { userId, user: user.fullName, fields, unitIds },
        reason: null,
      });
    });
    return assignmentsView(db, ctx);
  }

  /** Accept the unit's score, set another (a reason when it differs), or ask for supplementation. */
  async appraise(
    actor: Actor,
    assessmentId: string,
    code: string,
    body: {
      action: 'accept' | 'set' | 'supplement';
      text?: string;
      reason?: string;
      message?: string;
      dueOn?: string;
      /** Accept a criterion still waiting for the unit's answer (an explicit choice, with a reason). */
      acceptWaiting?: boolean;
    },
  ) {
    const db = this.deps.db;
    const ctx = await loadAssessment(this.deps, actor, assessmentId, 'appraise', code);
    const { a, pos, leaf } = ctx;
    const field = code.split('.')[0]!;
    // a survey leaf reads the bound campaign's index: appraisal may accept it, never change it
    if (isSurveyLeaf(leaf) && body.action !== 'accept') {
      const v = (await surveyOf(db, ctx)).get(code);
      throw new AppError('SURVEY_LEAF_READONLY', readonlyMessage(v, code));
    }
    if (!pos.appraises) {
      if (!actor.system && !mayAppraise(actor.grants, pos)) {
        if (pos.coordinates || pathInScope(scopeOf(actor, 'appraisal.write'), ctx.unit.path))
          throw new AppError(
            'FORBIDDEN',
            `${ctx.unit.name} do ${pos.appraising.name} thẩm định; cấp trên xem xét kết quả khi cấp dưới đã duyệt.`,
          );
        throw new AppError('FORBIDDEN');
      }
      if (!(await repo.isAssigned(db, ctx.cycle.id, actor.id ?? '', field, a.unitId)))
        throw new AppError(
          'FORBIDDEN',
          `Bạn không được phân công thẩm định lĩnh vực ${field} của đơn vị này.`,
        );
    }
    if (!isUnderAppraisal(a.status))
      throw new AppError('ASSESSMENT_STATE', 'Đơn vị chưa gửi bản tự đánh giá (hoặc kết quả đã hoàn thiện).');
    if (pos.approvals.length) throw approvedAlready(pos.approvals);
    const today = this.deps.today();
    if (body.action === 'supplement') requireStage(ctx.stages, today, ['appraisal'], ctx.owner.name);
    else requireStage(ctx.stages, today, ['appraisal', 'supplementation'], ctx.owner.name);
    const window = supplementWindow(ctx.stages, today);
    const dueOn = body.dueOn ?? window.defaultDueOn;
    const items = await repo.itemsOf(db, assessmentId);
    const self = items.find((i) => i.code === code) ?? null;
    const selfInput = (self?.input as LeafInput | null) ?? undefined;
    let row: Parameters<typeof repo.upsertAppraisal>[1];
    switch (body.action) {
      case 'supplement':
        if (!body.message?.trim()) throw new AppError('VALIDATION', 'Ghi nội dung cần giải trình, bổ sung.');
        if (!ISO.test(dueOn)) throw new AppError('VALIDATION', 'Ghi hạn giải trình, bổ sung.');
        {
          const problem = dueOnProblem(dueOn, window);
          if (problem) throw new AppError('VALIDATION', problem);
        }
        row = {
          assessmentId,
          code,
          state: 'supplement',
          supplementMessage: body.message.trim(),
          supplementDueOn: dueOn,
          answer: null,
          answeredAt: null,
          appraiserId: actor.id,
        };
        break;
      case 'accept':
        row = {
          assessmentId,
          code,
          state: 'accepted',
          inputText: null,
          input: null,
          reason: body.reason ?? null,
          appraiserId: actor.id,
        };
        break;
      case 'set': {
        const parsed = parseLeafInput(leaf, body.text ?? '');
        if (parsed.error !== undefined) throw new AppError('VALIDATION', parsed.error);
        if (!parsed.input)
          throw new AppError('VALIDATION', `Tiêu chí ${code}: ghi điểm (hoặc dữ liệu) thẩm định.`);
        const pts = (inp: LeafInput | undefined) =>
          pointsByCode(evaluate(ctx.compiled, inp ? { [code]: inp } : {})).get(code);
        if (pts(parsed.input) !== pts(selfInput) && !body.reason?.trim())
          throw new AppError(
            'REASON_REQUIRED',
            `Điểm thẩm định tiêu chí ${code} khác điểm tự đánh giá: cần ghi lý do.`,
          );
        row = {
          assessmentId,
          code,
          state: 'changed',
          inputText: body.text!.trim(),
          input: parsed.input,
          reason: body.reason?.trim() ?? null,
          appraiserId: actor.id,
        };
        break;
      }
      default:
        assertNever(body.action);
    }
    const { changed, appraisal } = await db.transaction(async (tx) => {
      const now = await repo.lockAssessment(tx, assessmentId);
      if (!now || !isUnderAppraisal(now.status))
        throw new AppError(
          'ASSESSMENT_STATE',
          'Bản tự đánh giá vừa đổi trạng thái (rút lại, trả lại hoặc đã hoàn thiện); hãy tải lại.',
        );
      if (now.approvals.length) throw approvedAlready(now.approvals);
      requireNotAuthor(actor, now);
      const before = await repo.appraisalOf(tx, assessmentId);
      const current = before.find((x) => x.code === code);
      if (body.action === 'accept' && current?.state === 'supplement') requireWaitingChoice(code, body);
      const written = await repo.upsertAppraisal(tx, row);
      const changed = await repo.setAssessment(tx, assessmentId, {
        status: 'in_appraisal',
        ...(now.appraisalStartedAt ? {} : { appraisalStartedAt: new Date() }),
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: `appraisal.${body.action}`,
        entity: 'assessment',
        entityId: assessmentId,
        unitId: a.unitId,
        before: current
          ? { code, state: current.state, text: current.inputText, reason: current.reason }
          : { code, self: self?.inputText ?? '' },
        after: {
          code,
          state: row.state,
          text: row.inputText ?? null,
          reason: row.reason ?? null,
          message: row.supplementMessage ?? null,
        },
        reason: row.reason ?? (current?.state === 'supplement' ? (body.reason ?? null) : null),
      });
      if (row.state === 'supplement')
        await notify(tx, {
          kind: 'supplement',
          unitId: a.unitId,
          to: [unitWork([a.unitId])],
          actorId: actor.id,
          cycleId: ctx.cycle.id,
          title: `Yêu cầu giải trình, bổ sung tiêu chí ${code} — ${ctx.cycle.name}`,
          body: `${row.supplementMessage ?? ''} Hạn giải trình: ${formatDateVi(row.supplementDueOn ?? '')}.`,
          link: `/assessments/${assessmentId}`,
        });
      return { changed, appraisal: withRow(before, written) };
    });
    return appraisalView(actor, { ...ctx, a: changed }, items, appraisal, today, await surveyOf(db, ctx));
  }

  /** Accept, in one action, every criterion not appraised yet that the actor may appraise (all of
   * them for the appraising level's coordinator, the assigned fields for an appraiser): each is
   * audited on its own. Criteria waiting for the unit, or decided, are left as they are. */
  async acceptRest(actor: Actor, assessmentId: string) {
    const db = this.deps.db;
    const ctx = await loadAssessment(this.deps, actor, assessmentId, 'appraise');
    const { a, pos } = ctx;
    let fields: Set<string> | null = null;
    if (!pos.appraises && !actor.system) {
      if (!mayAppraise(actor.grants, pos))
        throw new AppError(
          'FORBIDDEN',
          pos.coordinates ? `${ctx.unit.name} do ${pos.appraising.name} thẩm định.` : undefined,
        );
      fields = new Set(await repo.assignedFields(db, ctx.cycle.id, actor.id ?? '', a.unitId));
    }
    if (!isUnderAppraisal(a.status))
      throw new AppError('ASSESSMENT_STATE', 'Đơn vị chưa gửi bản tự đánh giá (hoặc kết quả đã hoàn thiện).');
    if (pos.approvals.length) throw approvedAlready(pos.approvals);
    const today = this.deps.today();
    requireStage(ctx.stages, today, ['appraisal', 'supplementation'], ctx.owner.name);
    const items = await repo.itemsOf(db, assessmentId);
    const { changed, appraisal } = await db.transaction(async (tx) => {
      const now = await repo.lockAssessment(tx, assessmentId);
      if (!now || !isUnderAppraisal(now.status))
        throw new AppError('ASSESSMENT_STATE', 'Bản tự đánh giá vừa đổi trạng thái; hãy tải lại.');
      if (now.approvals.length) throw approvedAlready(now.approvals);
      requireNotAuthor(actor, now);
      const decided = new Set((await repo.appraisalOf(tx, assessmentId)).map((x) => x.code));
      const rest = leavesOf(ctx.fw).filter(
        (l) => !decided.has(l.code) && (!fields || fields.has(l.code.split('.')[0]!)),
      );
      if (!rest.length)
        throw new AppError('VALIDATION', 'Không còn tiêu chí nào chưa thẩm định mà bạn được chấm.');
      for (const l of rest) {
        await repo.upsertAppraisal(tx, {
          assessmentId,
          code: l.code,
          state: 'accepted',
          inputText: null,
          input: null,
          reason: null,
          appraiserId: actor.id,
        });
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'appraisal.accept',
          entity: 'assessment',
          entityId: assessmentId,
          unitId: a.unitId,
          before: { code: l.code, self: items.find((i) => i.code === l.code)?.inputText ?? '' },
          after: { code: l.code, state: 'accepted', inBulk: true },
          reason: null,
        });
      }
      const changed = await repo.setAssessment(tx, assessmentId, {
        status: 'in_appraisal',
        ...(now.appraisalStartedAt ? {} : { appraisalStartedAt: new Date() }),
      });
      return { changed, appraisal: await repo.appraisalOf(tx, assessmentId) };
    });
    return appraisalView(actor, { ...ctx, a: changed }, items, appraisal, today, await surveyOf(db, ctx));
  }

  /** The unit answers a request for supplementation (an explanation, and new evidence if any). */
  async answer(actor: Actor, assessmentId: string, code: string, answer: string, evidenceId?: string) {
    const db = this.deps.db;
    const ctx = await loadAssessment(this.deps, actor, assessmentId, 'appraisal', code);
    if (!pathInScope(scopeOf(actor, 'assessment.write'), ctx.unit.path)) throw new AppError('FORBIDDEN');
    const item = (await repo.appraisalOf(db, assessmentId)).find((x) => x.code === code);
    if (!item || item.state !== 'supplement')
      throw new AppError(
        'ASSESSMENT_STATE',
        `Tiêu chí ${code} không có yêu cầu giải trình, bổ sung đang chờ.`,
      );
    // from the request until its due date, whatever stage is open; not once results are final
    const today = this.deps.today();
    if (ctx.cycle.status !== 'open')
      throw new AppError('CYCLE_STATE', `${cycleClosedText(ctx.cycle.status)} Không giải trình thêm.`);
    const due = answerDue(ctx.stages, item.supplementDueOn);
    if (today > due)
      throw new AppError('STAGE_CLOSED', `Đã quá hạn giải trình tiêu chí ${code} (${formatDateVi(due)}).`);
    if (!answer.trim()) throw new AppError('VALIDATION', 'Ghi nội dung giải trình.');
    if (evidenceId && !(await unitEvidence(db, ctx.a.unitId, evidenceId)))
      throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu kiểm chứng của đơn vị.');
    const appraisal = await db.transaction(async (tx) => {
      await repo.lockAssessment(tx, assessmentId);
      const before = await repo.appraisalOf(tx, assessmentId);
      const fresh = before.find((x) => x.code === code);
      if (!fresh || fresh.state !== 'supplement')
        throw new AppError(
          'ASSESSMENT_STATE',
          `Tiêu chí ${code} không còn yêu cầu giải trình đang chờ; hãy tải lại.`,
        );
      const written = await repo.upsertAppraisal(tx, {
        ...fresh,
        state: 'answered',
        answer: answer.trim(),
        answeredAt: new Date(),
      });
      if (evidenceId)
        await repo.link(tx, { assessmentId, code, evidenceId, locator: 'Bổ sung khi giải trình' });
      // answering for the unit makes one an author too (separation of duties)
      await repo.addAuthor(tx, assessmentId, actor.id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'appraisal.answer',
        entity: 'assessment',
        entityId: assessmentId,
        unitId: ctx.a.unitId,
        before: { code, state: 'supplement', message: item.supplementMessage },
        after: { code, state: 'answered', answer: answer.trim(), evidenceId: evidenceId ?? null },
        reason: null,
      });
      await notify(tx, {
        kind: 'answered',
        unitId: ctx.a.unitId,
        cycleId: ctx.cycle.id,
        title: `${ctx.unit.name} đã giải trình tiêu chí ${code} — ${ctx.cycle.name}`,
        body: answer.trim(),
        link: `/assessments/${assessmentId}`,
        // the appraiser who asked, and who appraises the unit
        to: [
          { people: fresh.appraiserId ? [{ userId: fresh.appraiserId, unitId: ctx.a.unitId }] : [] },
          waitingOn([ctx.pos.appraising.unitId]),
        ],
        actorId: actor.id,
      });
      return withRow(before, written);
    });
    return appraisalView(
      actor,
      ctx,
      await repo.itemsOf(db, assessmentId),
      appraisal,
      today,
      await surveyOf(db, ctx),
    );
  }
}
