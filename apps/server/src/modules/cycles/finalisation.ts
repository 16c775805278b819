/** Finalisation, publication and amending decisions: the owner's coordinator turns every approved
 * appraisal into the cycle's results (written by the one writer of results and ranked in the
 * owner's set, ADR 0013), publishes them by a decision, and afterwards changes a result only by an
 * amending decision, kept beside the original. */
import { randomUUID } from 'node:crypto';
import {
  assertNever,
  awaitingText,
  formatDateVi,
  formatLeafInput,
  fromDbNumeric,
  isAwaitingDecision,
  isUnderAppraisal,
  leavesOf,
  parseLeafInput,
  toDbNumeric,
  toDecimalString,
} from '@chiso/domain';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { notify, readersOf } from '../notices/service.ts';
import {
  inputsOfResult,
  lockRankSets,
  resultsOfCode,
  resultsOfSet,
  resultsOfUnits,
  writeResults,
  type RankSet,
  type ResultWrite,
} from '../results/writer.ts';
import { loadCycle, requireStage, type CycleContext, type CycleDeps } from './context.ts';
import { finalisationProblem, surveyLeafValues } from '../surveyPoints/resolve.ts';
import { withApprovals } from './levels.ts';
import { rankingView } from './queries.ts';
import * as repo from './repository.ts';
import { finalInputs, withSurvey } from './views.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const dec = toDecimalString;

/** A cycle's results form the ranking set of its owner (framework code, year). */
const rankSetOf = (ctx: CycleContext): RankSet => ({
  ownerUnitId: ctx.cycle.ownerUnitId,
  frameworkCode: ctx.fwRow.code,
  year: ctx.cycle.year,
});

export class FinalisationService {
  constructor(private deps: CycleDeps) {}

  /** Compute points, index, class and rank for every unit and store them as the cycle's results. */
  async finalise(actor: Actor, cycleId: string) {
    const db = this.deps.db;
    const ctx = await loadCycle(db, actor, cycleId, 'manage');
    const { cycle } = ctx;
    if (cycle.status !== 'open') throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
    requireStage(ctx.stages, this.deps.today(), ['finalisation'], ctx.owner.name);
    const problems: string[] = [];
    for (const m of ctx.all)
      if (!isUnderAppraisal(m.a.status)) problems.push(`${m.unitName}: chưa gửi bản tự đánh giá.`);
      // one level at a time: a result reaches the owner only when every level below has approved
      else if (!m.pos.complete)
        problems.push(`${m.unitName}: ${m.pos.holder.name} chưa duyệt kết quả thẩm định.`);
    for (const x of await repo.appraisalsOfCycle(db, cycleId))
      if (isAwaitingDecision(x.state)) {
        const m = ctx.all.find((u) => u.unitId === x.unitId);
        problems.push(`${m?.unitName ?? ''}, tiêu chí ${x.code}: ${awaitingText(x.state)}.`);
      }
    // survey leaves count the bound campaign's published index, nothing typed (issue #15)
    const survey = await surveyLeafValues(db, { id: cycleId, fw: ctx.fw }, ctx.all);
    for (const m of ctx.all)
      for (const v of survey.get(m.unitId)?.values() ?? []) {
        const p = finalisationProblem(v);
        if (p) problems.push(`${m.unitName}: ${p}`);
      }
    if (problems.length)
      throw new AppError('CYCLE_STATE', 'Chưa thể hoàn thiện kết quả: còn việc chưa xong.', { problems });
    // a member's result entered earlier outside the cycle is taken over: the set it leaves is re-ranked
    const set = rankSetOf(ctx);
    const unitIds = ctx.all.map((m) => m.unitId);
    const leaving = new Set<string>();
    for (const r of (await resultsOfUnits(db, cycle.frameworkId, cycle.year, unitIds)).values())
      if (r.ownerUnitId !== set.ownerUnitId) leaving.add(r.ownerUnitId);
    const left = [...leaving].map((ownerUnitId) => ({ ...set, ownerUnitId }));
    await db.transaction(async (tx) => {
      // the sets' ranks, the cycle, then its assessments, under lock: what was checked above must
      // still hold (the same order everywhere: no deadlock)
      await lockRankSets(tx, [set, ...left]);
      if ((await repo.lockCycle(tx, cycleId)) !== 'open')
        throw new AppError('CYCLE_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
      const fin = (await repo.cycleContextRow(tx, cycleId))?.stages.find((x) => x.stage === 'finalisation');
      if (fin?.state !== 'open')
        throw new AppError('STAGE_CLOSED', 'Giai đoạn “Hoàn thiện kết quả” vừa được đóng.');
      const now = new Map((await repo.lockAssessmentsOf(tx, cycleId)).map((a) => [a.id, a]));
      const appraisal = await repo.appraisalsOfCycle(tx, cycleId);
      for (const m of ctx.all) {
        const a = now.get(m.a.id);
        const stillOpen = appraisal.some((x) => x.assessmentId === m.a.id && isAwaitingDecision(x.state));
        if (
          !a ||
          !isUnderAppraisal(a.status) ||
          stillOpen ||
          !withApprovals(actor, m.pos, a.approvals).complete
        )
          throw new AppError(
            'CYCLE_STATE',
            `Kết quả của ${m.unitName} vừa thay đổi (trả lại, rút lại hoặc yêu cầu giải trình); hãy tải lại và thử lại.`,
          );
      }
      // the set holds the cycle's units only, each ranked once a year per framework code
      const members = new Set(unitIds);
      const outsiders = (await resultsOfSet(tx, set)).filter((r) => !members.has(r.unitId));
      if (outsiders.length)
        throw new AppError(
          'CYCLE_STATE',
          `Bảng xếp hạng của kỳ có kết quả nhập ngoài kỳ của ${outsiders.length} đơn vị; chuyển các kết quả đó sang bảng xếp hạng khác rồi hoàn thiện.`,
        );
      const otherVersion = (await resultsOfCode(tx, set.frameworkCode, cycle.year, unitIds)).filter(
        (r) => r.frameworkId !== cycle.frameworkId,
      );
      if (otherVersion.length)
        throw new AppError(
          'CYCLE_STATE',
          `${otherVersion[0]!.unitName} đã có kết quả năm ${cycle.year} theo phiên bản ${otherVersion[0]!.version} của bộ tiêu chí này.`,
        );
      const stored = await resultsOfUnits(tx, cycle.frameworkId, cycle.year, unitIds);
      const selfInputs = await repo.inputsOfCycle(tx, cycleId);
      const writes: ResultWrite[] = ctx.all.map((m) => {
        const existing = stored.get(m.unitId);
        if (existing && existing.ownerUnitId !== set.ownerUnitId && !leaving.has(existing.ownerUnitId))
          throw new AppError('RESULT_CONFLICT', `Kết quả của ${m.unitName} vừa được sửa ở nơi khác.`);
        if (existing?.cycleId && existing.cycleId !== cycleId)
          throw new AppError(
            'CYCLE_STATE',
            `${m.unitName} đã có kết quả năm ${cycle.year} từ một kỳ đánh giá khác.`,
          );
        return {
          frameworkId: cycle.frameworkId,
          year: cycle.year,
          unitId: m.unitId,
          compiled: ctx.compiled,
          mode: 'leaves',
          source: 'cycle',
          cycleId,
          ownerUnitId: cycle.ownerUnitId,
          inputs: withSurvey(
            finalInputs(
              selfInputs.filter((i) => i.assessmentId === m.a.id),
              appraisal.filter((x) => x.assessmentId === m.a.id),
            ),
            survey.get(m.unitId) ?? new Map(),
          ),
          existing: existing ? { id: existing.id, revision: existing.revision } : null,
          updatedBy: actor.id,
        };
      });
      await writeResults(tx, writes, [set, ...left]);
      await repo.setAssessmentsOf(tx, cycleId, { status: 'appraised' });
      await repo.setCycle(tx, cycleId, { status: 'finalised' });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.finalise',
        entity: 'cycle',
        entityId: cycleId,
        unitId: cycle.ownerUnitId,
        before: { status: 'open' },
        after: { status: 'finalised', units: ctx.all.length },
        reason: null,
      });
    });
    return rankingView(db, actor, { ...ctx, cycle: { ...cycle, status: 'finalised' } });
  }

  async publish(actor: Actor, cycleId: string, decisionNumber: string, decisionDate: string) {
    const ctx = await loadCycle(this.deps.db, actor, cycleId, 'manage');
    const status = ctx.cycle.status;
    switch (status) {
      case 'finalised':
        break;
      case 'published':
        throw new AppError('CYCLE_STATE', 'Kết quả đã công bố.');
      case 'open':
        throw new AppError('CYCLE_STATE', 'Cần hoàn thiện kết quả trước khi công bố.');
      default:
        assertNever(status);
    }
    requireStage(ctx.stages, this.deps.today(), ['publication'], ctx.owner.name);
    if (!decisionNumber.trim() || !ISO.test(decisionDate))
      throw new AppError(
        'VALIDATION',
        'Ghi số quyết định và ngày ban hành (ví dụ “90/QĐ-UBND”, ngày 25/01/2022).',
      );
    const decision = `Quyết định số ${decisionNumber.trim()} ngày ${formatDateVi(decisionDate)}`;
    const cycle = await this.deps.db.transaction(async (tx) => {
      const published = await repo.setCycle(tx, cycleId, {
        status: 'published',
        decisionNumber: decisionNumber.trim(),
        decisionDate,
        publishedAt: new Date(),
      });
      // publication ends the round: no stage stays open (or waits to open) after it
      const closed = await repo.closeAllStages(tx, cycleId);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.publish',
        entity: 'cycle',
        entityId: cycleId,
        unitId: ctx.cycle.ownerUnitId,
        before: { status: 'finalised' },
        after: { status: 'published', decision, stagesClosed: closed },
        reason: null,
      });
      await notify(tx, {
        kind: 'published',
        unitId: ctx.cycle.ownerUnitId,
        cycleId,
        title: `Công bố kết quả — ${ctx.cycle.name}`,
        body: `Kết quả ${ctx.cycle.name} đã được công bố theo ${decision}.`,
        link: `/cycles/${cycleId}`,
        to: [readersOf(ctx.all.map((m) => m.unitId))],
        actorId: actor.id,
      });
      return published;
    });
    return rankingView(this.deps.db, actor, { ...ctx, cycle });
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
    const db = this.deps.db;
    const ctx = await loadCycle(db, actor, cycleId, 'manage');
    const { cycle } = ctx;
    if (cycle.status !== 'published')
      throw new AppError('CYCLE_STATE', 'Chỉ sửa kết quả đã công bố bằng quyết định sửa đổi.');
    if (!body.reason.trim()) throw new AppError('REASON_REQUIRED');
    if (!body.decisionNumber.trim() || !ISO.test(body.decisionDate))
      throw new AppError('VALIDATION', 'Ghi số và ngày của quyết định sửa đổi.');
    const existing = (await resultsOfUnits(db, cycle.frameworkId, cycle.year, [body.unitId])).get(
      body.unitId,
    );
    if (!existing || existing.cycleId !== cycleId) throw new AppError('RESULT_NOT_FOUND');
    const leaves = new Map(leavesOf(ctx.fw).map((l) => [l.code, l]));
    const inputs = await inputsOfResult(db, existing.id);
    const previous = { ...inputs };
    const errors: string[] = [];
    for (const [code, text] of Object.entries(body.changes)) {
      const l = leaves.get(code);
      if (!l) {
        errors.push(`“${code}” không phải tiêu chí chấm điểm.`);
        continue;
      }
      const p = parseLeafInput(l, text);
      if (p.error !== undefined) errors.push(p.error);
      else if (p.input) inputs[code] = p.input;
      else delete inputs[code];
    }
    if (errors.length) throw new AppError('VALIDATION', errors.join(' '));
    const before = {
      total: dec(fromDbNumeric(existing.total)),
      index: existing.indexValue,
      rank: existing.rank,
    };
    const set = rankSetOf(ctx);
    await db.transaction(async (tx) => {
      await lockRankSets(tx, [set]);
      const [written] = await writeResults(
        tx,
        [
          {
            frameworkId: cycle.frameworkId,
            year: cycle.year,
            unitId: body.unitId,
            compiled: ctx.compiled,
            mode: 'leaves',
            source: 'cycle',
            cycleId,
            ownerUnitId: cycle.ownerUnitId,
            inputs,
            existing: { id: existing.id, revision: existing.revision },
            updatedBy: actor.id,
          },
        ],
        [set],
      );
      const after = { total: dec(written!.res.total), index: toDbNumeric(written!.res.index) };
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
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'cycle.amend',
        entity: 'unit_result',
        entityId: existing.id,
        unitId: body.unitId,
        before,
        after: { ...after, decision: body.decisionNumber.trim(), changes: body.changes },
        reason: body.reason.trim(),
      });
    });
    return rankingView(db, actor, ctx);
  }
}
