/** Appraisal: the coordinator of a member's appraising level assigns appraisers by field and unit;
 * an appraiser accepts the unit's score of a criterion, sets another (with a reason when it
 * differs) or asks for supplementation, which the unit answers. Nobody appraises what they wrote. */
import {
  assertNever,
  evaluate,
  formatDateVi,
  isUnderAppraisal,
  parseLeafInput,
  type LeafInput,
} from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { activeGrantsOf, findUserById } from '../auth/service.ts';
import { pathInScope } from '../auth/scope.ts';
import { unitEvidence } from '../evidence/service.ts';
import { notifyUnits } from '../notices/service.ts';
import { loadAssessment, loadCycle, requireStage, type CycleDeps } from './context.ts';
import { mayAppraise, requireNotAuthor } from './levels.ts';
import { assignmentsView } from './queries.ts';
import * as repo from './repository.ts';
import { appraisalView, pointsByCode } from './views.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function approvedAlready(approvals: readonly { unitName: string }[]) {
  return new AppError(
    'ASSESSMENT_STATE',
    `Kết quả thẩm định đã được ${approvals[0]!.unitName} duyệt; muốn sửa, cấp trên cần trả lại trước.`,
  );
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
    },
  ) {
    const db = this.deps.db;
    const ctx = await loadAssessment(this.deps, actor, assessmentId, 'appraise', code);
    const { a, pos, leaf } = ctx;
    const field = code.split('.')[0]!;
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
    if (body.action === 'supplement') requireStage(ctx.stages, today, ['appraisal']);
    else requireStage(ctx.stages, today, ['appraisal', 'supplementation']);
    const items = await repo.itemsOf(db, assessmentId);
    const self = items.find((i) => i.code === code) ?? null;
    const selfInput = (self?.input as LeafInput | null) ?? undefined;
    let row: Parameters<typeof repo.upsertAppraisal>[1];
    switch (body.action) {
      case 'supplement':
        if (!body.message?.trim()) throw new AppError('VALIDATION', 'Ghi nội dung cần giải trình, bổ sung.');
        if (!body.dueOn || !ISO.test(body.dueOn))
          throw new AppError('VALIDATION', 'Ghi hạn giải trình, bổ sung.');
        row = {
          assessmentId,
          code,
          state: 'supplement',
          supplementMessage: body.message.trim(),
          supplementDueOn: body.dueOn,
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
        reason: row.reason ?? null,
      });
      if (row.state === 'supplement')
        await notifyUnits(tx, [a.unitId], {
          kind: 'supplement',
          cycleId: ctx.cycle.id,
          title: `Yêu cầu giải trình, bổ sung tiêu chí ${code} — ${ctx.cycle.name}`,
          body: `${row.supplementMessage ?? ''} Hạn giải trình: ${formatDateVi(row.supplementDueOn ?? '')}.`,
          link: `/assessments/${assessmentId}`,
        });
      return { changed, appraisal: withRow(before, written) };
    });
    return appraisalView(actor, { ...ctx, a: changed }, items, appraisal);
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
    const today = this.deps.today();
    requireStage(ctx.stages, today, ['supplementation'], { extension: true });
    const ext = ctx.stages.find((s) => s.stage === 'supplementation')?.extendedTo;
    const due = ext && item.supplementDueOn && ext > item.supplementDueOn ? ext : item.supplementDueOn;
    if (due && today > due)
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
      return withRow(before, written);
    });
    return appraisalView(actor, ctx, await repo.itemsOf(db, assessmentId), appraisal);
  }
}
