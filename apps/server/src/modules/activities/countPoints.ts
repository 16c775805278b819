/** Count bindings of a cycle (issue #16 item 3): who runs the cycle binds a leaf to a counter of the
 * registry (and says whether the unit's subtree counts, and, for a leaf scored in points, how the count
 * becomes points) until the appraisal stage opens; the view shows each member's count and offer.
 * Audited. */
import type { CountBindingBodyT, CountRuleT } from '@chiso/contracts';
import {
  bindingRule,
  COUNTER_IDS,
  COUNTERS,
  countRuleText,
  formatPoints,
  parsePoints,
  type CountRule,
  type CounterId,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { loadCycle, type CycleContext } from '../cycles/context.ts';
import { countableLeaves, countLeafValues } from './counted.ts';
import * as repo from './repository.ts';

/** Why bindings cannot change now (Vietnamese), or null. */
function bindBlocked(ctx: CycleContext): string | null {
  if (ctx.cycle.status !== 'open') return 'Kỳ đánh giá đã hoàn thiện kết quả.';
  const st = ctx.stages.find((s) => s.stage === 'appraisal')?.state;
  if (st && st !== 'pending')
    return 'Giai đoạn thẩm định đã mở: không thay đổi được việc tính điểm tiêu chí từ số liệu.';
  return null;
}

/** The rule as the screens send it back (points as typed text). */
function ruleOut(r: CountRule): CountRuleT {
  return r.kind === 'incidents' ? { kind: 'incidents', perIncident: formatPoints(r.perIncident) } : r;
}

function ruleIn(r: CountRuleT | undefined): CountRule | undefined {
  if (!r) return undefined;
  if (r.kind !== 'incidents') return r;
  const p = parsePoints(r.perIncident);
  if (p === null)
    throw new AppError('VALIDATION', `Điểm trừ mỗi vụ việc “${r.perIncident}” không phải số điểm hợp lệ.`);
  return { kind: 'incidents', perIncident: p };
}

export class CountPointsService {
  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  async view(actor: Actor, cycleId: string) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'see');
    const bindings = new Map((await repo.bindingsOf(this.db, cycleId)).map((b) => [b.code, b]));
    const values = await countLeafValues(
      this.db,
      { id: cycleId, year: ctx.cycle.year, fw: ctx.fw, compiled: ctx.compiled },
      ctx.members,
      this.today(),
    );
    const blocked = bindBlocked(ctx);
    const leaves = countableLeaves(ctx.fw);
    const bound = leaves.filter((l) => bindings.has(l.code));
    return {
      cycleId,
      year: ctx.cycle.year,
      manages: ctx.manages,
      canBind: ctx.manages && !blocked,
      bindBlocked: ctx.manages ? blocked : null,
      counters: COUNTER_IDS.map((id) => ({ id, label: COUNTERS[id].label, output: COUNTERS[id].output })),
      leaves: leaves.map((l) => {
        const b = bindings.get(l.code);
        return {
          code: l.code,
          title: l.title,
          max: formatPoints(l.max),
          ruleType: l.rule?.type ?? 'manual',
          binding: b
            ? {
                counter: b.counter,
                counterLabel: COUNTERS[b.counter]?.label ?? b.counter,
                subtree: b.subtree,
                rule: ruleOut(b.rule),
                ruleText: countRuleText(b.rule),
              }
            : null,
        };
      }),
      units: ctx.members.map((m) => ({
        unitId: m.unitId,
        unitName: m.unitName,
        leaves: bound.flatMap((l) => {
          const v = values.get(m.unitId)?.get(l.code);
          return v
            ? [
                {
                  code: l.code,
                  valueText: v.valueText,
                  offerText: v.offer?.text ?? null,
                  offerPoints: v.offer?.points ?? null,
                  records: v.records.length,
                },
              ]
            : [];
        }),
      })),
    };
  }

  /** Bind a leaf to a counter (replaces the binding). */
  async bind(actor: Actor, cycleId: string, code: string, body: CountBindingBodyT) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'manage');
    const leaf = countableLeaves(ctx.fw).find((l) => l.code === code);
    if (!leaf)
      throw new AppError(
        'VALIDATION',
        `“${code}” không phải tiêu chí chấm theo tỷ lệ, trừ điểm hoặc điểm trực tiếp.`,
      );
    const blocked = bindBlocked(ctx);
    if (blocked) throw new AppError('COUNT_POINTS_STATE', blocked);
    const counter = body.counter as CounterId;
    const fit = bindingRule(leaf, counter, ruleIn(body.rule));
    if ('error' in fit) throw new AppError('VALIDATION', fit.error);
    const after = { code, counter, subtree: body.subtree ?? false, rule: fit.rule };
    await this.db.transaction(async (tx) => {
      const st = await repo.appraisalStageState(tx, cycleId);
      if (st && st !== 'pending')
        throw new AppError('COUNT_POINTS_STATE', 'Giai đoạn thẩm định vừa mở; hãy tải lại.');
      const before = (await repo.bindingsOf(tx, cycleId)).find((b) => b.code === code);
      await repo.upsertBinding(tx, { cycleId, ...after, createdBy: actor.id });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'count.binding.set',
        entity: 'cycle',
        entityId: cycleId,
        unitId: ctx.cycle.ownerUnitId,
        before: before ? { code, counter: before.counter, subtree: before.subtree, rule: before.rule } : null,
        after,
        reason: null,
      });
    });
  }

  async unbind(actor: Actor, cycleId: string, code: string) {
    const ctx = await loadCycle(this.db, actor, cycleId, 'manage');
    const blocked = bindBlocked(ctx);
    if (blocked) throw new AppError('COUNT_POINTS_STATE', blocked);
    await this.db.transaction(async (tx) => {
      const st = await repo.appraisalStageState(tx, cycleId);
      if (st && st !== 'pending')
        throw new AppError('COUNT_POINTS_STATE', 'Giai đoạn thẩm định vừa mở; hãy tải lại.');
      const before = (await repo.bindingsOf(tx, cycleId)).find((b) => b.code === code);
      if (!before) throw new AppError('NOT_FOUND', `Tiêu chí ${code} chưa gắn với số liệu.`);
      await repo.deleteBinding(tx, cycleId, code);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'count.binding.remove',
        entity: 'cycle',
        entityId: cycleId,
        unitId: ctx.cycle.ownerUnitId,
        before: { code, counter: before.counter, subtree: before.subtree, rule: before.rule },
        after: null,
        reason: null,
      });
    });
  }
}
