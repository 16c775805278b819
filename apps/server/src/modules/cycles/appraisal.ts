/** Appraisal, supplementation, finalisation, publication and amending decisions of a cycle. */
import { randomUUID } from 'node:crypto';
import {
  canWriteInStage,
  evaluate,
  formatLeafInput,
  formatPoints,
  leavesOf,
  parseLeafInput,
  fromDbNumeric,
  toDbNumeric,
  toDecimalString,
  type LeafInput,
  type Stage,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { appendAudit } from '../audit/repository.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { activeGrantsOf, findUserById } from '../auth/repository.ts';
import { pathInScope } from '../auth/scope.ts';
import * as results from '../results/repository.ts';
import { notifyUnits } from '../notices/service.ts';
import { frameworkOf } from '../frameworks/compiled.ts';
import * as repo from './repository.ts';
import {
  holderWith,
  isAuthor,
  requireNotAuthor,
  levelUnits,
  mayAppraise,
  memberPosition,
  ownerLevel,
  positionOf,
  type Position,
} from './levels.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const dec = toDecimalString;

export class AppraisalService {
  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  private frameworkOf(row: { id: string; definition: unknown }) {
    return frameworkOf(row);
  }

  private async stageOk(cycleId: string, stage: Stage, unitId: string | null) {
    const s = (await repo.stagesOf(this.db, cycleId)).find((x) => x.stage === stage)!;
    const ext = unitId ? await repo.extensionFor(this.db, cycleId, stage, unitId) : undefined;
    return canWriteInStage(
      { stage, startsOn: s.startsOn, dueOn: s.dueOn, state: s.state as 'open' },
      this.today(),
      ext?.dueOn ?? null,
    );
  }

  private async requireStage(cycleId: string, stage: Stage, unitId: string | null) {
    const ok = await this.stageOk(cycleId, stage, unitId);
    if (!ok.ok)
      throw new AppError(ok.code === 'STAGE_NOT_OPEN' ? 'STAGE_NOT_OPEN' : 'STAGE_CLOSED', ok.message);
  }

  private async cycleFor(actor: Actor, cycleId: string, manage: boolean) {
    const c = await repo.getCycle(this.db, cycleId);
    if (!c) throw new AppError('CYCLE_NOT_FOUND');
    const manages = pathInScope(scopeOf(actor, 'cycle.manage'), c.ownerPath);
    if (manage && !manages) {
      const read = scopeOf(actor, 'assessment.read');
      const members = await repo.cycleMembers(this.db, cycleId);
      if (members.some((m) => pathInScope(read, m.unitPath))) throw new AppError('FORBIDDEN');
      throw new AppError('CYCLE_NOT_FOUND');
    }
    return { c, manages, ...this.frameworkOf(c.fw) };
  }

  /** The cycle and the members the actor coordinates at one of their levels (every member for
   * the owner's coordinator), each with where its appraisal stands. */
  private async coordinated(actor: Actor, cycleId: string) {
    const c = await repo.getCycle(this.db, cycleId);
    if (!c) throw new AppError('CYCLE_NOT_FOUND');
    const owner = ownerLevel(c);
    const all = await repo.cycleMembers(this.db, cycleId);
    const units = await levelUnits(this.db, owner, all);
    const members = all
      .map((m) => ({ ...m, pos: positionOf(actor, owner, units, m) }))
      .filter((m) => m.pos.coordinates);
    if (!members.length) {
      const read = scopeOf(actor, 'assessment.read');
      if (all.some((m) => pathInScope(read, m.unitPath))) throw new AppError('FORBIDDEN');
      throw new AppError('CYCLE_NOT_FOUND');
    }
    const manages = pathInScope(scopeOf(actor, 'cycle.manage'), c.ownerPath);
    return { c, manages, members, all, ...this.frameworkOf(c.fw) };
  }

  /** Assign an appraiser to fields of chosen units of the cycle (replaces their assignment over the
   * units the coordinator appraises). A unit is appraised by its nearest level: the appraiser must
   * hold the appraiser's right at that level. */
  async assign(actor: Actor, cycleId: string, userId: string, fields: string[], unitIds: string[]) {
    const { c, fw, members, all } = await this.coordinated(actor, cycleId);
    const fieldCodes = new Set(fw.criteria.map((x) => x.code));
    for (const f of fields)
      if (!fieldCodes.has(f))
        throw new AppError('VALIDATION', `"${f}" không phải mã lĩnh vực của bộ tiêu chí.`);
    const byId = new Map(members.map((m) => [m.unitId, m]));
    const inCycle = new Set(all.map((m) => m.unitId));
    const user = await findUserById(this.db, userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const theirs = await activeGrantsOf(this.db, userId);
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
    const overUnits = members.filter((m) => m.pos.appraises).map((m) => m.unitId);
    // filed under the appraising level when the units share one (its auditors see it), else the owner
    const appraisingUnits = new Set(unitIds.map((u) => byId.get(u)!.pos.appraising.unitId));
    const auditUnit = appraisingUnits.size === 1 ? [...appraisingUnits][0]! : c.c.ownerUnitId;
    await this.db.transaction(async (tx) => {
      if (!(await repo.shareLockCycle(tx, cycleId))) throw new AppError('CYCLE_NOT_FOUND');
      await repo.setAssignments(
        tx,
        cycleId,
        userId,
        overUnits,
        fields.flatMap((fieldCode) => unitIds.map((unitId) => ({ fieldCode, unitId }))),
      );
      await appendAudit(tx, {
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
    return this.assignments(actor, cycleId);
  }

  async assignments(actor: Actor, cycleId: string) {
    const { members } = await this.coordinated(actor, cycleId);
    const mine = new Set(members.map((m) => m.unitId));
    return (await repo.assignmentsOf(this.db, cycleId))
      .filter((x) => mine.has(x.a.unitId))
      .map((x) => ({
        userId: x.a.userId,
        userName: x.userName,
        fieldCode: x.a.fieldCode,
        unitId: x.a.unitId,
      }));
  }

  private async loadForAppraisal(actor: Actor, assessmentId: string, code: string) {
    const a = await repo.getAssessment(this.db, assessmentId);
    if (!a) throw new AppError('ASSESSMENT_NOT_FOUND');
    const { c, manages, fw } = await this.cycleFor(actor, a.a.cycleId, false);
    const pos = await memberPosition(this.db, actor, c, a);
    const readable = manages || pos.coordinates || pathInScope(scopeOf(actor, 'assessment.read'), a.unitPath);
    if (!readable) throw new AppError('ASSESSMENT_NOT_FOUND');
    const leaf = leavesOf(fw).find((l) => l.code === code);
    if (!leaf) throw new AppError('VALIDATION', `"${code}" không phải tiêu chí chấm điểm của bộ tiêu chí.`);
    const field = code.split('.')[0]!;
    return { a, c, manages, fw, leaf, field, pos };
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
    const { a, c, leaf, field, pos } = await this.loadForAppraisal(actor, assessmentId, code);
    requireNotAuthor(actor, a.a);
    if (!pos.appraises) {
      if (!actor.system && !mayAppraise(actor.grants, pos)) {
        if (pos.coordinates || pathInScope(scopeOf(actor, 'appraisal.write'), a.unitPath))
          throw new AppError(
            'FORBIDDEN',
            `${a.unitName} do ${pos.appraising.name} thẩm định; cấp trên xem xét kết quả khi cấp dưới đã duyệt.`,
          );
        throw new AppError('FORBIDDEN');
      }
      if (!(await repo.isAssigned(this.db, c.c.id, actor.id ?? '', field, a.a.unitId)))
        throw new AppError(
          'FORBIDDEN',
          `Bạn không được phân công thẩm định lĩnh vực ${field} của đơn vị này.`,
        );
    }
    if (a.a.status !== 'submitted' && a.a.status !== 'in_appraisal')
      throw new AppError('ASSESSMENT_STATE', 'Đơn vị chưa gửi bản tự đánh giá (hoặc kết quả đã hoàn thiện).');
    if (pos.approvals.length) throw approvedAlready(pos);
    const current = (await repo.appraisalOf(this.db, assessmentId)).find((x) => x.code === code);
    if (body.action === 'supplement') await this.requireStage(c.c.id, 'appraisal', null);
    else {
      const ap = await this.stageOk(c.c.id, 'appraisal', null);
      const sup = await this.stageOk(c.c.id, 'supplementation', null);
      if (!ap.ok && !sup.ok) throw new AppError('STAGE_CLOSED', ap.message);
    }
    const self = (await repo.getItem(this.db, assessmentId, code)) ?? null;
    const selfInput = (self?.input as LeafInput | null) ?? undefined;
    let row: Parameters<typeof repo.upsertAppraisal>[1];
    if (body.action === 'supplement') {
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
    } else if (body.action === 'accept') {
      row = {
        assessmentId,
        code,
        state: 'accepted',
        inputText: null,
        input: null,
        reason: body.reason ?? null,
        appraiserId: actor.id,
      };
    } else {
      const parsed = parseLeafInput(leaf, body.text ?? '');
      if (parsed.error !== undefined) throw new AppError('VALIDATION', parsed.error);
      if (!parsed.input)
        throw new AppError('VALIDATION', `Tiêu chí ${code}: ghi điểm (hoặc dữ liệu) thẩm định.`);
      const { compiled } = this.frameworkOf(c.fw);
      const pts = (inp: LeafInput | undefined) =>
        evaluate(compiled, inp ? { [code]: inp } : {})
          .tree.flatMap(function walk(n): { code: string; points: number }[] {
            return [{ code: n.code, points: n.points }, ...n.children.flatMap(walk)];
          })
          .find((n) => n.code === code)!.points;
      const differs = pts(parsed.input) !== pts(selfInput);
      if (differs && !body.reason?.trim())
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
    }
    await this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, assessmentId);
      const now = await repo.getAssessment(tx, assessmentId);
      if (now?.a.status !== 'submitted' && now?.a.status !== 'in_appraisal')
        throw new AppError(
          'ASSESSMENT_STATE',
          'Bản tự đánh giá vừa đổi trạng thái (rút lại, trả lại hoặc đã hoàn thiện); hãy tải lại.',
        );
      if (now.a.approvals.length) throw approvedAlready({ approvals: now.a.approvals });
      requireNotAuthor(actor, now.a);
      await repo.upsertAppraisal(tx, row);
      await repo.setAssessment(tx, assessmentId, {
        status: 'in_appraisal',
        ...(a.a.appraisalStartedAt ? {} : { appraisalStartedAt: new Date() }),
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: `appraisal.${body.action}`,
        entity: 'assessment',
        entityId: assessmentId,
        unitId: a.a.unitId,
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
      if (body.action === 'supplement') {
        const due = row.supplementDueOn ?? '';
        await notifyUnits(tx, [a.a.unitId], {
          kind: 'supplement',
          cycleId: c.c.id,
          title: `Yêu cầu giải trình, bổ sung tiêu chí ${code} — ${c.c.name}`,
          body: `${row.supplementMessage ?? ''} Hạn giải trình: ${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}.`,
          link: `/assessments/${assessmentId}`,
        });
      }
    });
    return this.appraisalView(actor, assessmentId);
  }

  /** The unit answers a request for supplementation (an explanation, and new evidence if any). */
  async answer(actor: Actor, assessmentId: string, code: string, answer: string, evidenceId?: string) {
    const { a, c } = await this.loadForAppraisal(actor, assessmentId, code);
    if (!pathInScope(scopeOf(actor, 'assessment.write'), a.unitPath)) throw new AppError('FORBIDDEN');
    const item = (await repo.appraisalOf(this.db, assessmentId)).find((x) => x.code === code);
    if (!item || item.state !== 'supplement')
      throw new AppError(
        'ASSESSMENT_STATE',
        `Tiêu chí ${code} không có yêu cầu giải trình, bổ sung đang chờ.`,
      );
    await this.requireStage(c.c.id, 'supplementation', a.a.unitId);
    const ext = await repo.extensionFor(this.db, c.c.id, 'supplementation', a.a.unitId);
    const due =
      ext?.dueOn && item.supplementDueOn && ext.dueOn > item.supplementDueOn
        ? ext.dueOn
        : item.supplementDueOn;
    if (due && this.today() > due)
      throw new AppError(
        'STAGE_CLOSED',
        `Đã quá hạn giải trình tiêu chí ${code} (${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}).`,
      );
    if (!answer.trim()) throw new AppError('VALIDATION', 'Ghi nội dung giải trình.');
    if (evidenceId) {
      const e = await repo.getEvidence(this.db, evidenceId);
      if (!e || e.e.unitId !== a.a.unitId)
        throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu kiểm chứng của đơn vị.');
    }
    await this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, assessmentId);
      const fresh = (await repo.appraisalOf(tx, assessmentId)).find((x) => x.code === code);
      if (!fresh || fresh.state !== 'supplement')
        throw new AppError(
          'ASSESSMENT_STATE',
          `Tiêu chí ${code} không còn yêu cầu giải trình đang chờ; hãy tải lại.`,
        );
      await repo.upsertAppraisal(tx, {
        ...fresh,
        state: 'answered',
        answer: answer.trim(),
        answeredAt: new Date(),
      });
      if (evidenceId)
        await repo.link(tx, { assessmentId, code, evidenceId, locator: 'Bổ sung khi giải trình' });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'appraisal.answer',
        entity: 'assessment',
        entityId: assessmentId,
        unitId: a.a.unitId,
        before: { code, state: 'supplement', message: item.supplementMessage },
        after: { code, state: 'answered', answer: answer.trim(), evidenceId: evidenceId ?? null },
        reason: null,
      });
    });
    return this.appraisalView(actor, assessmentId);
  }

  /** Self-assessment and appraisal side by side, per leaf. */
  async appraisalView(actor: Actor, assessmentId: string) {
    const a = await repo.getAssessment(this.db, assessmentId);
    if (!a) throw new AppError('ASSESSMENT_NOT_FOUND');
    const { c, manages, fw, compiled } = await this.cycleFor(actor, a.a.cycleId, false);
    const pos = await memberPosition(this.db, actor, c, a);
    if (!manages && !pos.coordinates && !pathInScope(scopeOf(actor, 'assessment.read'), a.unitPath))
      throw new AppError('ASSESSMENT_NOT_FOUND');
    const items = new Map((await repo.itemsOf(this.db, assessmentId)).map((i) => [i.code, i]));
    const app = new Map((await repo.appraisalOf(this.db, assessmentId)).map((i) => [i.code, i]));
    const selfInputs: Record<string, LeafInput> = {};
    const finalInputs: Record<string, LeafInput> = {};
    for (const [code, i] of items) if (i.input) selfInputs[code] = finalInputs[code] = i.input as LeafInput;
    for (const [code, p] of app)
      if (p.state === 'changed' && p.input) finalInputs[code] = p.input as LeafInput;
    const selfRes = evaluate(compiled, selfInputs);
    const finalRes = evaluate(compiled, finalInputs);
    const pts = (r: typeof selfRes) => {
      const m = new Map<string, number>();
      const walk = (ns: typeof r.tree) => ns.forEach((n) => (m.set(n.code, n.points), walk(n.children)));
      walk(r.tree);
      return m;
    };
    const sp = pts(selfRes);
    const fp = pts(finalRes);
    return {
      id: assessmentId,
      cycleId: c.c.id,
      unitName: a.unitName,
      status: a.a.status,
      selfTotal: formatPoints(selfRes.total),
      appraisedTotal: formatPoints(finalRes.total),
      index: formatPoints(finalRes.index, { fixed: true }),
      approval: this.approvalView(actor, pos, a.a, c.c.status),
      items: leavesOf(fw).map((l) => {
        const i = items.get(l.code);
        const p = app.get(l.code);
        return {
          code: l.code,
          title: l.title,
          max: formatPoints(l.max),
          selfText: i?.inputText ?? '',
          selfPoints: formatPoints(sp.get(l.code) ?? 0),
          note: i?.explanation ?? '',
          state: (p?.state ?? 'pending') as 'pending' | 'accepted' | 'changed' | 'supplement' | 'answered',
          appraisedText: p?.inputText ?? null,
          appraisedPoints: formatPoints(fp.get(l.code) ?? 0),
          reason: p?.reason ?? null,
          supplementMessage: p?.supplementMessage ?? null,
          supplementDueOn: p?.supplementDueOn ?? null,
          answer: p?.answer ?? null,
        };
      }),
    };
  }

  /** Units × fields: how much is appraised, waiting for the unit, answered (to decide) or pending. */
  async matrix(actor: Actor, cycleId: string) {
    const { fw, c, members } = await this.coordinated(actor, cycleId);
    const apps = await repo.appraisalsOfCycle(this.db, cycleId);
    const leaves = leavesOf(fw);
    const byUnit = new Map<string, Map<string, string>>();
    for (const x of apps) {
      let m = byUnit.get(x.unitId);
      if (!m) byUnit.set(x.unitId, (m = new Map()));
      m.set(x.code, x.state);
    }
    const fields = fw.criteria.filter((f) => !f.block).map((f) => ({ code: f.code, title: f.title }));
    // the leaves of each field, computed once
    const fieldLeaves = fields.map((f) =>
      leaves.filter((l) => l.code === f.code || l.code.startsWith(f.code + '.')).map((l) => l.code),
    );
    return {
      fields,
      rows: members.map((m) => {
        const states = byUnit.get(m.unitId);
        return {
          unitId: m.unitId,
          unitName: m.unitName,
          assessmentId: m.a.id,
          status: m.a.status,
          approval: this.approvalView(actor, m.pos, m.a, c.c.status),
          cells: fields.map((f, k) => {
            const cell = {
              field: f.code,
              leaves: fieldLeaves[k]!.length,
              appraised: 0,
              waiting: 0,
              answered: 0,
              pending: 0,
            };
            for (const code of fieldLeaves[k]!) {
              const st = states?.get(code) ?? 'pending';
              if (st === 'accepted' || st === 'changed') cell.appraised++;
              else if (st === 'supplement') cell.waiting++;
              else if (st === 'answered') cell.answered++;
              else cell.pending++;
            }
            return cell;
          }),
        };
      }),
    };
  }

  private approvalView(
    actor: Actor,
    pos: Position,
    a: { status: string; scoredBy: string[]; submittedBy: string | null },
    cycleStatus: string,
  ) {
    const status = a.status;
    const inAppraisal = cycleStatus === 'open' && (status === 'submitted' || status === 'in_appraisal');
    const n = pos.approvals.length;
    return {
      appraisingUnitName: pos.appraising.name,
      holderUnitName: pos.holder.name,
      complete: pos.complete,
      levels: pos.chain.slice(0, -1).map((u) => {
        const ap = pos.approvals.find((x) => x.unitId === u.unitId);
        return {
          unitId: u.unitId,
          unitName: u.closed ? `${u.name} (không còn; cấp trên duyệt thay)` : u.name,
          approvedBy: ap?.byName ?? null,
          approvedAt: ap?.at ?? null,
        };
      }),
      /** The actor may approve it now (acts at the level that holds it, below the owner). */
      canApprove:
        inAppraisal &&
        !pos.complete &&
        pos.holds &&
        !approvedByActor(actor, pos.approvals) &&
        !isAuthor(actor, a),
      /** The actor may send it back to the level below (acts where it is held, after an approval). */
      canSendBack: inAppraisal && n > 0 && pos.holds,
    };
  }

  private async loadForApproval(actor: Actor, assessmentId: string) {
    const a = await repo.getAssessment(this.db, assessmentId);
    if (!a) throw new AppError('ASSESSMENT_NOT_FOUND');
    const { c, manages } = await this.cycleFor(actor, a.a.cycleId, false);
    const pos = await memberPosition(this.db, actor, c, a);
    if (!manages && !pos.coordinates) {
      if (pathInScope(scopeOf(actor, 'assessment.read'), a.unitPath)) throw new AppError('FORBIDDEN');
      throw new AppError('ASSESSMENT_NOT_FOUND');
    }
    if (c.c.status !== 'open') throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
    if (a.a.status !== 'submitted' && a.a.status !== 'in_appraisal')
      throw new AppError(
        'ASSESSMENT_STATE',
        'Đơn vị chưa gửi bản tự đánh giá (hoặc đang được trả lại để sửa).',
      );
    const ap = await this.stageOk(c.c.id, 'appraisal', null);
    const sup = await this.stageOk(c.c.id, 'supplementation', null);
    if (!ap.ok && !sup.ok) throw new AppError('STAGE_CLOSED', ap.message);
    return { a, c, pos };
  }

  /** The level that holds an appraisal approves it: the result moves up one level (to the next
   * level, or to the owner). The appraising level approves only when nothing waits for the unit or
   * for a decision after its answer; criteria left unappraised keep the unit's own score. */
  async approve(actor: Actor, assessmentId: string, note?: string) {
    const { a, c, pos } = await this.loadForApproval(actor, assessmentId);
    requireNotAuthor(actor, a.a);
    if (pos.complete)
      throw new AppError('ASSESSMENT_STATE', `Kết quả của ${a.unitName} đã được duyệt đủ các cấp.`);
    if (!pos.holds)
      throw new AppError(
        'FORBIDDEN',
        `Kết quả của ${a.unitName} đang chờ ${pos.holder.name} duyệt; mỗi cấp chỉ duyệt phần của mình.`,
      );
    if (approvedByActor(actor, pos.approvals)) throw approvedByYou();
    const first = pos.holder === pos.appraising;
    if (first) await requireNothingOpen(this.db, assessmentId);
    const approval = {
      unitId: pos.holder.unitId,
      unitName: pos.holder.name,
      by: actor.id,
      byName: actor.name,
      at: new Date().toISOString(),
      note: note?.trim() || null,
    };
    // the next open level up, or the owner (never closed)
    const next = pos.chain.slice(pos.chain.indexOf(pos.holder) + 1).find((u) => !u.closed)!;
    await this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, assessmentId);
      const now = await repo.getAssessment(tx, assessmentId);
      // the whole list as read before, not only its length (an approval and a send-back between)
      if (
        !now ||
        (now.a.status !== 'submitted' && now.a.status !== 'in_appraisal') ||
        !sameApprovals(now.a.approvals, pos.approvals)
      )
        throw new AppError('ASSESSMENT_STATE', 'Kết quả thẩm định vừa thay đổi; hãy tải lại.');
      if (approvedByActor(actor, now.a.approvals)) throw approvedByYou();
      requireNotAuthor(actor, now.a);
      if (first) await requireNothingOpen(tx, assessmentId);
      await repo.setAssessment(tx, assessmentId, {
        status: 'in_appraisal',
        approvals: [...now.a.approvals, approval],
        ...(now.a.appraisalStartedAt ? {} : { appraisalStartedAt: new Date() }),
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'appraisal.approve',
        entity: 'assessment',
        entityId: assessmentId,
        unitId: a.a.unitId,
        before: { heldBy: pos.holder.name, approvedBy: now.a.approvals.map((x) => x.unitName) },
        after: { heldBy: next.name, approvedBy: [...now.a.approvals, approval].map((x) => x.unitName) },
        reason: approval.note,
      });
      await notifyUnits(tx, [next.unitId], {
        kind: 'approved',
        cycleId: c.c.id,
        title: `${pos.holder.name} đã duyệt kết quả thẩm định của ${a.unitName} — ${c.c.name}`,
        body: `Kết quả thẩm định của ${a.unitName} đã được ${pos.holder.name} duyệt và chuyển lên ${next.name}.`,
        link: `/assessments/${assessmentId}`,
      });
    });
    return this.appraisalView(actor, assessmentId);
  }

  /** The level that holds an approved appraisal sends it back to the level below, with a reason;
   * that level's approval is withdrawn (it stays in the audit trail). */
  async sendBack(actor: Actor, assessmentId: string, reason: string) {
    if (!reason.trim()) throw new AppError('REASON_REQUIRED', 'Trả lại cấp dưới cần ghi lý do.');
    const { a, c, pos } = await this.loadForApproval(actor, assessmentId);
    const n = pos.approvals.length;
    if (n === 0)
      throw new AppError(
        'ASSESSMENT_STATE',
        `Kết quả của ${a.unitName} chưa được cấp nào duyệt; ${pos.appraising.name} đang thẩm định.`,
      );
    if (!pos.holds)
      throw new AppError(
        'FORBIDDEN',
        `Kết quả của ${a.unitName} đang ở ${pos.holder.name}; chỉ cấp đó trả lại cấp dưới.`,
      );
    // the last approval withdrawn: the level that approved it holds the result again (or, if it
    // has been closed since, the next open level up)
    const lower = holderWith(pos, pos.approvals.slice(0, -1));
    await this.db.transaction(async (tx) => {
      await repo.lockAssessment(tx, assessmentId);
      const now = await repo.getAssessment(tx, assessmentId);
      const cycleNow = await repo.getCycle(tx, c.c.id);
      if (
        !now ||
        !sameApprovals(now.a.approvals, pos.approvals) ||
        (now.a.status !== 'submitted' && now.a.status !== 'in_appraisal') ||
        cycleNow?.c.status !== 'open'
      )
        throw new AppError('ASSESSMENT_STATE', 'Kết quả thẩm định vừa thay đổi; hãy tải lại.');
      await repo.setAssessment(tx, assessmentId, { approvals: now.a.approvals.slice(0, -1) });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'appraisal.send_back',
        entity: 'assessment',
        entityId: assessmentId,
        unitId: a.a.unitId,
        before: { heldBy: pos.holder.name, approvedBy: now.a.approvals.map((x) => x.unitName) },
        after: { heldBy: lower.name, approvedBy: now.a.approvals.slice(0, -1).map((x) => x.unitName) },
        reason: reason.trim(),
      });
      await notifyUnits(tx, [lower.unitId], {
        kind: 'sent_back',
        cycleId: c.c.id,
        title: `${pos.holder.name} trả lại kết quả thẩm định của ${a.unitName} — ${c.c.name}`,
        body: `Lý do: ${reason.trim()}`,
        link: `/assessments/${assessmentId}`,
      });
    });
    return this.appraisalView(actor, assessmentId);
  }

  private finalInputsOf = async (tx: DbOrTx, assessmentId: string) => {
    const inputs: Record<string, LeafInput> = {};
    for (const i of await repo.itemsOf(tx, assessmentId)) if (i.input) inputs[i.code] = i.input as LeafInput;
    for (const p of await repo.appraisalOf(tx, assessmentId))
      if (p.state === 'changed' && p.input) inputs[p.code] = p.input as LeafInput;
    return inputs;
  };

  /** Compute points, index, class and rank for every unit and store them as the cycle's results. */
  async finalise(actor: Actor, cycleId: string) {
    const { c, compiled } = await this.cycleFor(actor, cycleId, true);
    if (c.c.status !== 'open') throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
    await this.requireStage(cycleId, 'finalisation', null);
    const members = await repo.cycleMembers(this.db, cycleId);
    const apps = await repo.appraisalsOfCycle(this.db, cycleId);
    const problems: string[] = [];
    const owner = ownerLevel(c);
    const units = await levelUnits(this.db, owner, members);
    for (const m of members) {
      if (m.a.status !== 'submitted' && m.a.status !== 'in_appraisal')
        problems.push(`${m.unitName}: chưa gửi bản tự đánh giá.`);
      else {
        // one level at a time: a result reaches the owner only when every level below has approved
        const pos = positionOf(actor, owner, units, m);
        if (!pos.complete) problems.push(`${m.unitName}: ${pos.holder.name} chưa duyệt kết quả thẩm định.`);
      }
    }
    for (const x of apps)
      if (x.state === 'supplement' || x.state === 'answered') {
        const m = members.find((u) => u.unitId === x.unitId);
        problems.push(
          `${m?.unitName ?? ''}, tiêu chí ${x.code}: ${x.state === 'supplement' ? 'đang chờ đơn vị giải trình' : 'chưa quyết định sau giải trình'}.`,
        );
      }
    if (problems.length)
      throw new AppError('CYCLE_STATE', 'Chưa thể hoàn thiện kết quả: còn việc chưa xong.', { problems });
    // a member's result entered earlier outside the cycle is taken over: the set it leaves is re-ranked
    const set = rankSetOf(c);
    const leaving = new Set<string>();
    for (const m of members) {
      const r = await results.getResult(this.db, c.c.frameworkId, c.c.year, m.unitId);
      if (r && r.r.ownerUnitId !== set.ownerUnitId) leaving.add(r.r.ownerUnitId);
    }
    const left = [...leaving].map((ownerUnitId) => ({ ...set, ownerUnitId }));
    await this.db.transaction(async (tx) => {
      // the sets' ranks, the cycle, then each assessment, under lock: what was checked above must
      // still hold (the same order everywhere: no deadlock)
      await results.lockRankSets(tx, [set, ...left]);
      await repo.lockCycle(tx, cycleId);
      if ((await repo.getCycle(tx, cycleId))?.c.status !== 'open')
        throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
      const fin = (await repo.stagesOf(tx, cycleId)).find((x) => x.stage === 'finalisation');
      if (fin?.state !== 'open')
        throw new AppError('STAGE_CLOSED', 'Giai đoạn "Hoàn thiện kết quả" vừa được đóng.');
      for (const m of members) {
        await repo.lockAssessment(tx, m.a.id);
        const now = (await repo.getAssessment(tx, m.a.id))!;
        const stillOpen = (await repo.appraisalOf(tx, m.a.id)).some(
          (x) => x.state === 'supplement' || x.state === 'answered',
        );
        if (
          (now.a.status !== 'submitted' && now.a.status !== 'in_appraisal') ||
          stillOpen ||
          !positionOf(actor, owner, units, { levels: m.levels, a: now.a }).complete
        )
          throw new AppError(
            'CYCLE_STATE',
            `Kết quả của ${m.unitName} vừa thay đổi (trả lại, rút lại hoặc yêu cầu giải trình); hãy tải lại và thử lại.`,
          );
      }
      for (const m of members) {
        const inputs = await this.finalInputsOf(tx, m.a.id);
        const r = evaluate(compiled, inputs);
        const values = {
          mode: 'leaves',
          source: 'cycle',
          cycleId,
          total: toDbNumeric(r.total),
          applicableMax: toDbNumeric(r.applicableMax),
          indexValue: toDbNumeric(r.index),
          bandCode: r.band?.code ?? null,
          bandLabel: r.band?.label ?? null,
          fields: r.tree.map((n) => ({
            code: n.code,
            title: n.title,
            points: dec(n.points),
            max: dec(n.applicableMax),
          })),
          missing: r.missingLeaves.length,
          updatedBy: actor.id,
          ownerUnitId: c.c.ownerUnitId,
        };
        const existing = await results.getResult(tx, c.c.frameworkId, c.c.year, m.unitId);
        if (existing && existing.r.ownerUnitId !== set.ownerUnitId && !leaving.has(existing.r.ownerUnitId))
          throw new AppError('RESULT_CONFLICT', `Kết quả của ${m.unitName} vừa được sửa ở nơi khác.`);
        let id: string;
        if (existing) {
          if (existing.r.cycleId && existing.r.cycleId !== cycleId)
            throw new AppError(
              'CYCLE_STATE',
              `${m.unitName} đã có kết quả năm ${c.c.year} từ một kỳ đánh giá khác.`,
            );
          if (!(await results.updateResult(tx, existing.r.id, existing.r.revision, values)))
            throw new AppError('RESULT_CONFLICT');
          id = existing.r.id;
        } else
          id = (
            await results.insertResult(tx, {
              id: randomUUID(),
              frameworkId: c.c.frameworkId,
              year: c.c.year,
              unitId: m.unitId,
              ...values,
            })
          ).id;
        await results.replaceInputs(
          tx,
          id,
          Object.entries(inputs).map(([code, input]) => ({ code, input })),
        );
        await repo.setAssessment(tx, m.a.id, { status: 'appraised' });
      }
      await results.updateRanks(tx, set);
      for (const l of left) await results.updateRanks(tx, l);
      await repo.setCycle(tx, cycleId, { status: 'finalised' });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.finalise',
        entity: 'cycle',
        entityId: cycleId,
        unitId: c.c.ownerUnitId,
        before: { status: 'open' },
        after: { status: 'finalised', units: members.length },
        reason: null,
      });
    });
    return this.ranking(actor, cycleId);
  }

  async publish(actor: Actor, cycleId: string, decisionNumber: string, decisionDate: string) {
    const { c } = await this.cycleFor(actor, cycleId, true);
    if (c.c.status !== 'finalised')
      throw new AppError(
        'CYCLE_STATE',
        c.c.status === 'published' ? 'Kết quả đã công bố.' : 'Cần hoàn thiện kết quả trước khi công bố.',
      );
    await this.requireStage(cycleId, 'publication', null);
    if (!decisionNumber.trim() || !ISO.test(decisionDate))
      throw new AppError(
        'VALIDATION',
        'Ghi số quyết định và ngày ban hành (ví dụ "90/QĐ-UBND", ngày 25/01/2022).',
      );
    await this.db.transaction(async (tx) => {
      await repo.setCycle(tx, cycleId, {
        status: 'published',
        decisionNumber: decisionNumber.trim(),
        decisionDate,
        publishedAt: new Date(),
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.publish',
        entity: 'cycle',
        entityId: cycleId,
        unitId: c.c.ownerUnitId,
        before: { status: 'finalised' },
        after: {
          status: 'published',
          decision: `Quyết định số ${decisionNumber.trim()} ngày ${decisionDate.slice(8, 10)}/${decisionDate.slice(5, 7)}/${decisionDate.slice(0, 4)}`,
        },
        reason: null,
      });
      await notifyUnits(
        tx,
        (await repo.cycleMembers(tx, cycleId)).map((m) => m.unitId),
        {
          kind: 'published',
          cycleId,
          title: `Công bố kết quả — ${c.c.name}`,
          body: `Kết quả ${c.c.name} đã được công bố theo Quyết định số ${decisionNumber.trim()} ngày ${decisionDate.slice(8, 10)}/${decisionDate.slice(5, 7)}/${decisionDate.slice(0, 4)}.`,
          link: `/cycles/${cycleId}`,
        },
      );
    });
    return this.ranking(actor, cycleId);
  }

  /** The ranking of the cycle: every unit of the cycle sees it once published (a published
   * decision); the coordinator from finalisation on. */
  async ranking(actor: Actor, cycleId: string) {
    const c = await repo.getCycle(this.db, cycleId);
    if (!c) throw new AppError('CYCLE_NOT_FOUND');
    const manages = pathInScope(scopeOf(actor, 'cycle.manage'), c.ownerPath);
    const read = scopeOf(actor, 'assessment.read');
    const members = await repo.cycleMembers(this.db, cycleId);
    if (!manages && !members.some((m) => pathInScope(read, m.unitPath)))
      throw new AppError('CYCLE_NOT_FOUND');
    if (c.c.status === 'open' || (c.c.status === 'finalised' && !manages))
      throw new AppError('CYCLE_STATE', 'Kết quả của kỳ đánh giá chưa được công bố.');
    const all = await results.listResults(this.db, c.c.frameworkId, c.c.year, { all: true, paths: [] });
    const ids = new Set(members.map((m) => m.unitId));
    const rows = all.filter((r) => ids.has(r.r.unitId) && r.r.cycleId === cycleId);
    return {
      cycleId,
      status: c.c.status,
      decisionNumber: c.c.decisionNumber,
      decisionDate: c.c.decisionDate,
      items: rows.map((r) => ({
        unitId: r.r.unitId,
        unitName: r.unitName,
        total: dec(fromDbNumeric(r.r.total)),
        index: r.r.indexValue,
        bandLabel: r.r.bandLabel,
        rank: r.r.rank,
        // the result card only for those whose grants cover the unit
        resultId: manages || pathInScope(scopeOf(actor, 'result.read'), r.unitPath) ? r.r.id : null,
      })),
      amendments: (await repo.amendmentsOf(this.db, cycleId)).map((x) => ({
        unitId: x.unitId,
        decisionNumber: x.decisionNumber,
        decisionDate: x.decisionDate,
        reason: x.reason,
        before: x.before,
        after: x.after,
      })),
    };
  }

  /** Change a published result through an amending decision: both are kept in the history. */
  async amend(
    actor: Actor,
    cycleId: string,
    body: {
      unitId: string;
      changes: Record<string, string>;
      reason: string;
      decisionNumber: string;
      decisionDate: string;
    },
  ) {
    const { c, fw, compiled } = await this.cycleFor(actor, cycleId, true);
    if (c.c.status !== 'published')
      throw new AppError('CYCLE_STATE', 'Chỉ sửa kết quả đã công bố bằng quyết định sửa đổi.');
    if (!body.reason.trim()) throw new AppError('REASON_REQUIRED');
    if (!body.decisionNumber.trim() || !ISO.test(body.decisionDate))
      throw new AppError('VALIDATION', 'Ghi số và ngày của quyết định sửa đổi.');
    const existing = await results.getResult(this.db, c.c.frameworkId, c.c.year, body.unitId);
    if (!existing || existing.r.cycleId !== cycleId) throw new AppError('RESULT_NOT_FOUND');
    const leaves = new Map(leavesOf(fw).map((l) => [l.code, l]));
    const inputs: Record<string, LeafInput> = {};
    for (const i of await results.inputsOf(this.db, existing.r.id)) inputs[i.code] = i.input as LeafInput;
    const previous = { ...inputs };
    const errors: string[] = [];
    for (const [code, text] of Object.entries(body.changes)) {
      const l = leaves.get(code);
      if (!l) {
        errors.push(`"${code}" không phải tiêu chí chấm điểm.`);
        continue;
      }
      const p = parseLeafInput(l, text);
      if (p.error !== undefined) errors.push(p.error);
      else if (p.input) inputs[code] = p.input;
      else delete inputs[code];
    }
    if (errors.length) throw new AppError('VALIDATION', errors.join(' '));
    const r = evaluate(compiled, inputs);
    const before = {
      total: dec(fromDbNumeric(existing.r.total)),
      index: existing.r.indexValue,
      rank: existing.r.rank,
    };
    await this.db.transaction(async (tx) => {
      await results.lockRankSet(tx, rankSetOf(c));
      const updated = await results.updateResult(tx, existing.r.id, existing.r.revision, {
        total: toDbNumeric(r.total),
        applicableMax: toDbNumeric(r.applicableMax),
        indexValue: toDbNumeric(r.index),
        bandCode: r.band?.code ?? null,
        bandLabel: r.band?.label ?? null,
        fields: r.tree.map((n) => ({
          code: n.code,
          title: n.title,
          points: dec(n.points),
          max: dec(n.applicableMax),
        })),
        missing: r.missingLeaves.length,
        updatedBy: actor.id,
      });
      if (!updated) throw new AppError('RESULT_CONFLICT');
      await results.replaceInputs(
        tx,
        existing.r.id,
        Object.entries(inputs).map(([code, input]) => ({ code, input })),
      );
      await results.updateRanks(tx, rankSetOf(c));
      const after = { total: dec(r.total), index: toDbNumeric(r.index) };
      await repo.insertAmendment(tx, {
        id: randomUUID(),
        cycleId,
        unitId: body.unitId,
        decisionNumber: body.decisionNumber.trim(),
        decisionDate: body.decisionDate,
        reason: body.reason.trim(),
        changes: Object.fromEntries(
          Object.entries(body.changes).map(([k, v]) => [
            k,
            { before: formatLeafInput(previous[k]), after: v },
          ]),
        ),
        before,
        after,
        createdBy: actor.id,
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.amend',
        entity: 'unit_result',
        entityId: existing.r.id,
        unitId: body.unitId,
        before,
        after: { ...after, decision: body.decisionNumber.trim(), changes: body.changes },
        reason: body.reason.trim(),
      });
    });
    return this.ranking(actor, cycleId);
  }
}

function approvedAlready(pos: { approvals: { unitName: string }[] }) {
  return new AppError(
    'ASSESSMENT_STATE',
    `Kết quả thẩm định đã được ${pos.approvals[0]!.unitName} duyệt; muốn sửa, cấp trên cần trả lại trước.`,
  );
}

/** The appraising level approves only when nothing waits for the unit's answer or for a decision
 * after it. */
async function requireNothingOpen(db: DbOrTx, assessmentId: string) {
  const open = (await repo.appraisalOf(db, assessmentId)).filter(
    (x) => x.state === 'supplement' || x.state === 'answered',
  );
  if (open.length)
    throw new AppError('ASSESSMENT_STATE', 'Chưa thể duyệt: còn việc thẩm định chưa xong.', {
      problems: open.map(
        (x) =>
          `Tiêu chí ${x.code}: ${x.state === 'supplement' ? 'đang chờ đơn vị giải trình' : 'chưa quyết định sau giải trình'}.`,
      ),
    });
}

function approvedByActor(actor: Actor, approvals: { by: string | null }[]) {
  return !actor.system && approvals.some((x) => x.by === actor.id);
}

function approvedByYou() {
  return new AppError('FORBIDDEN', 'Bạn đã duyệt kết quả này ở cấp dưới; mỗi cấp do người của cấp đó duyệt.');
}

function sameApprovals(a: { unitId: string; at: string }[], b: { unitId: string; at: string }[]) {
  return a.length === b.length && a.every((x, i) => x.unitId === b[i]!.unitId && x.at === b[i]!.at);
}

/** A cycle's results form the ranking set of its owner (framework code, year). */
function rankSetOf(c: { c: { ownerUnitId: string; year: number }; fw: { code: string } }): results.RankSet {
  return { ownerUnitId: c.c.ownerUnitId, frameworkCode: c.fw.code, year: c.c.year };
}
