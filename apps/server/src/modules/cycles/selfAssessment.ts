/** Self-assessment: a unit scores itself criterion by criterion (saved as typed), backs its scores
 * with evidence or an explanation, and its head submits (or withdraws, before appraisal); the level
 * that appraises it may return it with a reason. Every writer is recorded as an author. */
import {
  ASSESSMENT_STATUS_LABELS,
  isEditable,
  parseLeafInput,
  sameLeafInput,
  type AssessmentStatus,
  type Criterion,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { unitEvidence } from '../evidence/service.ts';
import { isSurveyLeaf, readonlyMessage, surveyLeafValues } from '../surveyPoints/resolve.ts';
import { notifyTransition } from './notices.ts';
import { loadAssessment, requireStage, type AssessmentContext, type CycleDeps } from './context.ts';
import { countOf, readSelfAssessment } from './queries.ts';
import * as repo from './repository.ts';
import { assessmentView, type SelfAssessmentRows } from './views.ts';

/** The self-assessment stage, unless the appraising level returned it (editable again then). */
function requireWriteStage(ctx: AssessmentContext, today: string, status: AssessmentStatus) {
  if (status !== 'returned')
    requireStage(ctx.stages, today, ['self_assessment'], ctx.owner.name, { extension: true });
}

/** Under the assessment's lock: still editable as committed now. */
function requireEditable(now: repo.AssessmentRow | undefined) {
  if (!now || !isEditable(now.status))
    throw new AppError(
      'ASSESSMENT_STATE',
      'Bản tự đánh giá vừa được gửi hoặc đang thẩm định; không thể sửa. Hãy tải lại trang.',
    );
}

export class SelfAssessmentService {
  constructor(private deps: CycleDeps) {}

  /** Save one criterion as typed (autosave). Text that does not parse is kept (nothing typed is
   * lost) and reported; the score counts only once it parses. */
  async saveItem(
    actor: Actor,
    id: string,
    code: string,
    body: {
      text?: string | undefined;
      note?: string | undefined;
      offerReason?: string | undefined;
      baseRevision?: number | undefined;
    },
  ) {
    const ctx = await loadAssessment(this.deps, actor, id, 'write', code);
    // a survey leaf reads the bound campaign's published index: nobody types it (issue #15)
    if (isSurveyLeaf(ctx.leaf)) {
      const v = await surveyLeafValues(this.deps.db, { id: ctx.cycle.id, fw: ctx.fw }, [
        { unitId: ctx.unit.id, unitPath: ctx.unit.path },
      ]);
      throw new AppError('SURVEY_LEAF_READONLY', readonlyMessage(v.get(ctx.unit.id)?.get(code), code));
    }
    if (!isEditable(ctx.a.status))
      throw new AppError(
        'ASSESSMENT_STATE',
        'Bản tự đánh giá đã gửi; muốn sửa hãy rút lại (khi chưa thẩm định) hoặc chờ cán bộ đầu mối trả lại.',
      );
    requireWriteStage(ctx, this.deps.today(), ctx.a.status);
    // a counted leaf is offered the value the records give; another value needs a reason (issue #16)
    const counted = (await countOf(this.deps.db, ctx, this.deps.today())).get(code);
    return this.deps.db.transaction(async (tx) => {
      requireEditable(await repo.lockAssessment(tx, id));
      const current = await repo.getItem(tx, id, code);
      if (body.baseRevision !== undefined && current && current.revision !== body.baseRevision)
        throw new AppError('ASSESSMENT_CONFLICT', undefined, {
          revision: current.revision,
          text: current.inputText,
        });
      const text = body.text ?? current?.inputText ?? '';
      const note = body.note ?? current?.explanation ?? '';
      const parsed = parseLeafInput(ctx.leaf, text);
      const input = parsed.error === undefined ? (parsed.input ?? null) : null;
      const differs = !!counted?.offer && !!input && !sameLeafInput(input, counted.offer.input);
      const offerReason = differs ? (body.offerReason ?? current?.offerReason ?? '').trim() : '';
      if (differs && !offerReason)
        throw new AppError(
          'REASON_REQUIRED',
          `Tiêu chí ${code}: số liệu đếm được là ${counted!.valueText} (đề xuất ${counted!.offer!.text}); nhập giá trị khác cần ghi lý do.`,
        );
      const row = await repo.upsertItem(tx, {
        assessmentId: id,
        code,
        inputText: text,
        input,
        explanation: note,
        ...(counted ? { offerReason: offerReason || null } : {}),
        updatedBy: actor.id,
      });
      await repo.addAuthor(tx, id, actor.id);
      if (
        (current?.inputText ?? '') !== text ||
        (current?.explanation ?? '') !== note ||
        (current?.offerReason ?? '') !== offerReason
      )
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'assessment.score',
          entity: 'assessment',
          entityId: id,
          unitId: ctx.a.unitId,
          before: current ? { code, text: current.inputText, note: current.explanation } : null,
          after: counted
            ? { code, text, note, counted: counted.valueText, offered: counted.offer?.text ?? null }
            : { code, text, note },
          reason: differs ? offerReason : null,
        });
      return { code, revision: row.revision, inputText: text, note, problem: parsed.error ?? null };
    });
  }

  /** Link an evidence document of the unit to a criterion (or remove the link). */
  async link(actor: Actor, id: string, code: string, evidenceId: string, locator: string, remove = false) {
    const ctx = await loadAssessment(this.deps, actor, id, 'write', code);
    if (!isEditable(ctx.a.status))
      throw new AppError('ASSESSMENT_STATE', 'Bản tự đánh giá đã gửi; không thể đổi tài liệu kiểm chứng.');
    requireWriteStage(ctx, this.deps.today(), ctx.a.status);
    const e = await unitEvidence(this.deps.db, ctx.a.unitId, evidenceId);
    if (!e) throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu kiểm chứng của đơn vị.');
    await this.deps.db.transaction(async (tx) => {
      requireEditable(await repo.lockAssessment(tx, id));
      if (remove) await repo.unlink(tx, id, code, evidenceId);
      else await repo.link(tx, { assessmentId: id, code, evidenceId, locator: locator.trim() });
      await repo.addAuthor(tx, id, actor.id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: remove ? 'assessment.evidence.unlink' : 'assessment.evidence.link',
        entity: 'assessment',
        entityId: id,
        unitId: ctx.a.unitId,
        after: { code, evidence: e.numberSymbol, locator },
        reason: null,
      });
    });
    return assessmentView(actor, ctx, await readSelfAssessment(this.deps.db, ctx), this.deps.today());
  }

  /** The unit's head submits: every criterion scored, evidence or an explanation where required. */
  async submit(actor: Actor, id: string) {
    const ctx = await loadAssessment(this.deps, actor, id, 'submit');
    requireWriteStage(ctx, this.deps.today(), ctx.a.status);
    const rows = await readSelfAssessment(this.deps.db, ctx);
    const { missing } = assessmentView(actor, ctx, rows, this.deps.today());
    if (missing.length) throw new AppError('ASSESSMENT_INCOMPLETE', undefined, { missing });
    return this.transition(actor, ctx, rows, ['draft', 'returned'], 'submitted', 'assessment.submit', null, {
      submittedAt: new Date(),
      submittedBy: actor.id,
      returnReason: null,
    });
  }

  /** Withdrawing reopens editing: only while the unit could still submit again. */
  async withdraw(actor: Actor, id: string) {
    const ctx = await loadAssessment(this.deps, actor, id, 'submit');
    requireWriteStage(ctx, this.deps.today(), 'draft');
    const rows = await readSelfAssessment(this.deps.db, ctx);
    return this.transition(actor, ctx, rows, ['submitted'], 'draft', 'assessment.withdraw', null);
  }

  /** The level that appraises it returns it to the unit, with a reason, before any level approved. */
  async returnToUnit(actor: Actor, id: string, reason: string) {
    if (!reason.trim()) throw new AppError('REASON_REQUIRED', 'Trả lại bản tự đánh giá cần ghi lý do.');
    const ctx = await loadAssessment(this.deps, actor, id, 'read');
    const { pos } = ctx;
    if (!pos.appraises)
      throw new AppError(
        'FORBIDDEN',
        pos.coordinates
          ? `${ctx.unit.name} do ${pos.appraising.name} thẩm định; chỉ cấp đó trả lại bản tự đánh giá.`
          : undefined,
      );
    if (pos.approvals.length)
      throw new AppError(
        'ASSESSMENT_STATE',
        `Kết quả thẩm định đã được ${pos.approvals[0]!.unitName} duyệt; cấp trên cần trả lại trước.`,
      );
    const rows = await readSelfAssessment(this.deps.db, ctx);
    // before or during appraisal: after appraisal has started, only the coordinator can reopen it
    return this.transition(
      actor,
      ctx,
      rows,
      ['submitted', 'in_appraisal'],
      'returned',
      'assessment.return',
      reason,
      {
        returnReason: reason,
      },
    );
  }

  private async transition(
    actor: Actor,
    ctx: AssessmentContext,
    rows: SelfAssessmentRows,
    from: AssessmentStatus[],
    to: AssessmentStatus,
    action: string,
    reason: string | null,
    extra: Partial<repo.AssessmentRow> = {},
  ) {
    const id = ctx.a.id;
    const a = await this.deps.db.transaction(async (tx) => {
      const now = (await repo.lockAssessment(tx, id))!;
      if (!from.includes(now.status))
        throw new AppError(
          'ASSESSMENT_STATE',
          `Không thể thực hiện khi bản tự đánh giá đang ở trạng thái “${ASSESSMENT_STATUS_LABELS[now.status]}”.`,
        );
      if (to === 'returned' && now.approvals.length)
        throw new AppError('ASSESSMENT_STATE', 'Kết quả thẩm định vừa được duyệt; hãy tải lại.');
      if (to === 'draft' && now.appraisalStartedAt)
        throw new AppError(
          'ASSESSMENT_STATE',
          'Đã bắt đầu thẩm định; không thể rút lại. Đề nghị cán bộ đầu mối trả lại nếu cần sửa.',
        );
      const changed = await repo.setAssessment(tx, id, { status: to, ...extra });
      if (to === 'submitted') await repo.addAuthor(tx, id, actor.id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action,
        entity: 'assessment',
        entityId: id,
        unitId: ctx.a.unitId,
        before: { status: now.status },
        after: { status: to },
        reason,
      });
      await notifyTransition(tx, actor, ctx, to, reason);
      return changed;
    });
    return assessmentView(actor, { ...ctx, a }, rows, this.deps.today());
  }
}

/** Scores written in bulk by one writer, one transaction for all, one audit entry per assessment
 * (the demo data: the screens save one criterion at a time through saveItem). As saveItem does, the
 * writer is recorded as the last writer of each criterion and as an author of the assessment; survey
 * leaves are never typed (they read the bound campaign's index) and are left out. */
export async function scoreInBulk(
  db: Db,
  writer: Actor,
  assessments: {
    assessmentId: string;
    unitId: string;
    items: { c: Criterion; text: string; note: string }[];
  }[],
  reason: string,
) {
  await db.transaction(async (tx) => {
    for (const u0 of assessments) {
      const u = { ...u0, items: u0.items.filter((i) => !isSurveyLeaf(i.c)) };
      for (const i of u.items) {
        const p = parseLeafInput(i.c, i.text);
        await repo.upsertItem(tx, {
          assessmentId: u.assessmentId,
          code: i.c.code,
          inputText: i.text,
          input: p.error === undefined ? (p.input ?? null) : null,
          explanation: i.note,
          updatedBy: writer.id,
        });
      }
      if (u.items.length) await repo.addAuthor(tx, u.assessmentId, writer.id);
      await audit(tx, {
        actorId: writer.id,
        actorName: writer.name,
        action: 'assessment.score',
        entity: 'assessment',
        entityId: u.assessmentId,
        unitId: u.unitId,
        after: Object.fromEntries(u.items.map((i) => [i.c.code, i.text])),
        reason,
      });
    }
  });
}
