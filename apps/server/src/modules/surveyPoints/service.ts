/** Survey points of a cycle: the bindings of its survey leaves (set and removed by who runs the
 * cycle until the appraisal stage opens), each member's leaves as they read now, the flags raised by
 * the system and the sanction decisions recorded by the coordinator (seed 002). Audited. */
import { evaluate, formatPoints, type LeafInput, type NodeResult, type SurveyIndicator } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { loadCycle, type CycleContext } from '../cycles/context.ts';
import { campaignsByCode } from '../surveys/campaigns.ts';
import { sanctionFlags } from './flags.ts';
import * as repo from './repository.ts';
import {
  indicatorText,
  nearestCampaign,
  surveyLeafValues,
  surveyLeaves,
  type SurveyLeafValue,
} from './resolve.ts';

/** Why bindings cannot change now (Vietnamese), or null. */
function bindBlocked(ctx: CycleContext): string | null {
  if (ctx.cycle.status !== 'open') return 'Kỳ đánh giá đã hoàn thiện kết quả.';
  const st = ctx.stages.find((s) => s.stage === 'appraisal')?.state;
  if (st && st !== 'pending')
    return 'Giai đoạn thẩm định đã mở: không thay đổi được việc gắn đợt khảo sát cho tiêu chí.';
  return null;
}

export class SurveyPointsService {
  constructor(private db: Db) {}

  async view(actor: Actor, cycleId: string) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'see');
    const leaves = surveyLeaves(ctx.fw);
    const bindings = new Map((await repo.bindingsOf(this.db, cycleId)).map((b) => [b.code, b]));
    const sanctions = new Map((await repo.sanctionsOf(this.db, cycleId)).map((s) => [s.s.unitId, s]));
    const values = await surveyLeafValues(this.db, { id: cycleId, fw: ctx.fw }, ctx.members);
    const campaignIds = new Set<string>();
    for (const m of values.values())
      for (const v of m.values()) if (v.campaignId) campaignIds.add(v.campaignId);
    const flags = await sanctionFlags(this.db, [...campaignIds]);
    const blocked = bindBlocked(ctx);
    return {
      cycleId,
      manages: ctx.manages,
      canBind: ctx.manages && !blocked,
      bindBlocked: ctx.manages ? blocked : null,
      leaves: leaves.map((l) => {
        const b = bindings.get(l.code);
        return {
          code: l.code,
          title: l.title,
          max: formatPoints(l.max),
          binding: b
            ? {
                campaignCode: b.campaignCode,
                indicator: b.indicator,
                indicatorText: indicatorText(b.indicator),
              }
            : null,
        };
      }),
      units: ctx.members.map((m) => {
        const vs = values.get(m.unitId) ?? new Map<string, SurveyLeafValue>();
        const s = sanctions.get(m.unitId);
        const inputs: Record<string, LeafInput> = {};
        for (const v of vs.values()) if (v.input) inputs[v.code] = v.input;
        const pts = pointsByCode(evaluate(ctx.compiled, inputs).tree);
        return {
          unitId: m.unitId,
          unitName: m.unitName,
          leaves: leaves.map((l) => {
            const v = vs.get(l.code)!;
            return {
              code: l.code,
              state: v.state,
              campaignCode: v.campaignCode,
              campaignName: v.campaignName,
              index: v.index,
              source: v.source,
              text: v.text,
              points: v.input && v.state !== 'not_applicable' ? formatPoints(pts.get(l.code) ?? 0) : null,
            };
          }),
          flag: flags.get(m.unitId) ?? null,
          sanction: s
            ? {
                decision: s.s.decision as 'zero' | 'waived',
                reason: s.s.reason,
                byName: s.byName,
                at: s.s.createdAt.toISOString(),
              }
            : null,
        };
      }),
    };
  }

  /** Bind a survey leaf to a campaign code and an indicator (replaces the binding). */
  async bind(
    actor: Actor,
    cycleId: string,
    code: string,
    body: { campaignCode: string; indicator: SurveyIndicator },
  ) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'manage');
    const leaf = surveyLeaves(ctx.fw).find((l) => l.code === code);
    if (!leaf) throw new AppError('VALIDATION', `“${code}” không phải tiêu chí khảo sát của bộ tiêu chí.`);
    const blocked = bindBlocked(ctx);
    if (blocked) throw new AppError('SURVEY_POINTS_STATE', blocked);
    const campaigns = await campaignsByCode(this.db, body.campaignCode);
    const reach = ctx.all.map((m) => nearestCampaign(campaigns, m.unitPath)).filter((c) => !!c);
    if (!reach.length)
      throw new AppError(
        'VALIDATION',
        `Không có đợt khảo sát mã ${body.campaignCode} của các đơn vị trong kỳ hoặc cấp trên của họ.`,
      );
    const ind = body.indicator;
    if (ind.kind === 'field' && !reach.some((c) => c.c.fields.some((f) => f.code === ind.code)))
      throw new AppError('VALIDATION', `Đợt khảo sát ${body.campaignCode} không có lĩnh vực “${ind.code}”.`);
    await this.db.transaction(async (tx) => {
      const st = await repo.appraisalStageState(tx, cycleId);
      if (st && st !== 'pending')
        throw new AppError('SURVEY_POINTS_STATE', 'Giai đoạn thẩm định vừa mở; hãy tải lại.');
      const before = (await repo.bindingsOf(tx, cycleId)).find((b) => b.code === code);
      await repo.upsertBinding(tx, {
        cycleId,
        code,
        campaignCode: body.campaignCode,
        indicator: ind,
        createdBy: actor.id,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.binding.set',
        entity: 'cycle',
        entityId: cycleId,
        unitId: ctx.cycle.ownerUnitId,
        before: before ? { code, campaignCode: before.campaignCode, indicator: before.indicator } : null,
        after: { code, campaignCode: body.campaignCode, indicator: ind },
        reason: null,
      });
    });
  }

  async unbind(actor: Actor, cycleId: string, code: string) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'manage');
    const blocked = bindBlocked(ctx);
    if (blocked) throw new AppError('SURVEY_POINTS_STATE', blocked);
    await this.db.transaction(async (tx) => {
      const st = await repo.appraisalStageState(tx, cycleId);
      if (st && st !== 'pending')
        throw new AppError('SURVEY_POINTS_STATE', 'Giai đoạn thẩm định vừa mở; hãy tải lại.');
      const before = (await repo.bindingsOf(tx, cycleId)).find((b) => b.code === code);
      if (!before) throw new AppError('NOT_FOUND', `Tiêu chí ${code} chưa gắn đợt khảo sát.`);
      await repo.deleteBinding(tx, cycleId, code);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.binding.remove',
        entity: 'cycle',
        entityId: cycleId,
        unitId: ctx.cycle.ownerUnitId,
        before: { code, campaignCode: before.campaignCode, indicator: before.indicator },
        after: null,
        reason: null,
      });
    });
  }

  /** The coordinator's decision on seed 002's sanction for one member, with a reason: 'zero' makes
   * its survey leaves count 0, 'waived' keeps the points. */
  async decide(
    actor: Actor,
    cycleId: string,
    unitId: string,
    body: { decision: 'zero' | 'waived'; reason: string },
  ) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'manage');
    if (ctx.cycle.status !== 'open')
      throw new AppError('SURVEY_POINTS_STATE', 'Kỳ đánh giá đã hoàn thiện kết quả.');
    const m = ctx.all.find((x) => x.unitId === unitId);
    if (!m) throw new AppError('NOT_FOUND', 'Đơn vị không thuộc kỳ đánh giá.');
    if (!body.reason.trim()) throw new AppError('REASON_REQUIRED', 'Quyết định cần ghi lý do.');
    await this.db.transaction(async (tx) => {
      const before = (await repo.sanctionsOf(tx, cycleId)).find((s) => s.s.unitId === unitId);
      await repo.upsertSanction(tx, {
        cycleId,
        unitId,
        decision: body.decision,
        reason: body.reason.trim(),
        createdBy: actor.id,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: body.decision === 'zero' ? 'survey.sanction.zero' : 'survey.sanction.waive',
        entity: 'cycle',
        entityId: cycleId,
        unitId,
        before: before ? { decision: before.s.decision, reason: before.s.reason } : null,
        after: { unit: m.unitName, decision: body.decision },
        reason: body.reason.trim(),
      });
    });
  }
}

/** Points of every node of a result tree, by code. */
function pointsByCode(tree: readonly NodeResult[]): Map<string, number> {
  const m = new Map<string, number>();
  const walk = (ns: readonly NodeResult[]) => ns.forEach((n) => (m.set(n.code, n.points), walk(n.children)));
  walk(tree);
  return m;
}
