/** Improvement plans from a result (issue #16 item 4; seed 004): from a unit's result for a year, a
 * draft plan for the next year with one section per field (every field, those with full points too),
 * the points lost with the criteria that lost them, and the lead and coordinating units suggested
 * from the owner's stored field → unit mapping (Hà Quảng: Phòng Nội vụ for fields 1, 4, 5; Phòng
 * Tư pháp for 2; Văn phòng HĐND và UBND for 3; Phòng Tài chính - Kế hoạch for 6; Phòng Văn hóa -
 * Thông tin with the Văn phòng for 7). The coordinator adjusts the leads and issues it: a plan record
 * of the unit whose text is the draft, edited later like any plan and downloaded as Word. */
import type { ImprovementPlanBodyT } from '@chiso/contracts';
import {
  formatPoints,
  fromDbNumeric,
  improvementBlocks,
  improvementTitle,
  textFromBlocks,
  toDecimalString,
  type ImprovementField,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { PlanTextService } from '../plans/document.ts';
import { PlanService } from '../plans/service.ts';
import { ResultService } from '../results/service.ts';
import { TaskService } from '../tasks/service.ts';
import { getUnit, getUnitsByIds, listUnits } from '../units/service.ts';
import * as repo from './repository.ts';

type Lead = { fieldCode: string; leadUnitId: string | null; coordinating: string };

interface TreeNode {
  code: string;
  title: string;
  max: string;
  points: string;
  applicable: boolean;
  children: TreeNode[];
}

const h = (s: string) => fromDbNumeric(s);

/** The leaves under a field that lost points. */
function lostUnder(n: TreeNode): TreeNode[] {
  if (!n.children.length) return n.applicable && h(n.points) < h(n.max) ? [n] : [];
  return n.children.flatMap(lostUnder);
}

export class ImprovementService {
  private results: ResultService;

  constructor(private db: Db) {
    this.results = new ResultService(db);
  }

  private async base(actor: Actor, resultId: string) {
    const card = await this.results.card(actor, resultId);
    const unit = await getUnit(this.db, card.result.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    const under = (
      await listUnits(this.db, { all: false, paths: [unit.path] }, { includeClosed: false, words: [] })
    )
      .sort((a, b) => a.path.localeCompare(b.path) || a.sortOrder - b.sortOrder)
      .map((u) => ({ id: u.id, name: u.name }));
    return { card, unit, under };
  }

  /** The draft: fields with points and lost points, leads from the stored mapping. */
  async draft(actor: Actor, resultId: string) {
    const { card, unit, under } = await this.base(actor, resultId);
    const leads = new Map(
      (await repo.leadsOf(this.db, unit.id, card.framework.code)).map((l) => [l.fieldCode, l]),
    );
    const tree = card.tree as TreeNode[];
    return {
      resultId,
      unitId: unit.id,
      unitName: unit.name,
      year: card.result.year,
      frameworkCode: card.framework.code,
      frameworkName: card.framework.name,
      total: card.result.total,
      max: card.result.applicableMax,
      title: improvementTitle(card.result.year),
      fields: tree.map((f) => {
        const l = leads.get(f.code);
        return {
          code: f.code,
          title: f.title,
          points: f.points,
          max: f.max,
          lost: toDecimalString(h(f.max) - h(f.points)),
          lostCriteria: lostUnder(f)
            .filter((x) => x !== f)
            .map((x) => ({ code: x.code, title: x.title, points: x.points, max: x.max })),
          leadUnitId: l?.leadUnitId ?? null,
          leadUnitName: l?.leadUnitName ?? null,
          coordinating: l?.coordinating ?? '',
        };
      }),
      units: under,
      canWrite: pathInScope(scopeOf(actor, 'plan.write'), unit.path),
    };
  }

  /** Store the owner's field → unit mapping (audited). */
  async saveLeads(actor: Actor, ownerUnitId: string, frameworkCode: string, items: Lead[]) {
    const owner = await getUnit(this.db, ownerUnitId);
    if (!owner) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'plan.write', owner.path);
    await this.checkLeads(owner.path, items);
    await this.db.transaction((tx) => writeLeads(tx, actor, ownerUnitId, frameworkCode, items));
    return { ok: true as const };
  }

  /** Leads named once per field, each an open unit under the unit making the plan. */
  private async checkLeads(ownerPath: string, items: Lead[]) {
    const seen = new Set<string>();
    for (const i of items) {
      if (seen.has(i.fieldCode))
        throw new AppError('PLAN_INVALID', `Lĩnh vực “${i.fieldCode}” được phân công hai lần.`);
      seen.add(i.fieldCode);
    }
    const ids = [...new Set(items.flatMap((i) => (i.leadUnitId ? [i.leadUnitId] : [])))];
    const found = await getUnitsByIds(this.db, ids);
    for (const id of ids) {
      const u = found.find((x) => x.id === id);
      if (!u || !u.path.startsWith(ownerPath))
        throw new AppError(
          'PLAN_INVALID',
          'Đơn vị chủ trì phải là đơn vị đang hoạt động thuộc đơn vị lập kế hoạch.',
        );
      if (u.validTo !== null)
        throw new AppError('PLAN_INVALID', `${u.name} đã ngừng hoạt động; hãy chọn đơn vị chủ trì khác.`);
    }
    return new Map(found.map((u) => [u.id, u.name]));
  }

  /** Issue the plan: a plan record of the result's unit with the draft as its text, one task per field
   * with a lead, and the leads kept for next time — all or nothing. */
  async createPlan(actor: Actor, body: ImprovementPlanBodyT) {
    const d = await this.draft(actor, body.resultId);
    const unit = await getUnit(this.db, d.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'plan.write', unit.path);
    const codes = new Set(d.fields.map((f) => f.code));
    for (const i of body.items)
      if (!codes.has(i.fieldCode))
        throw new AppError(
          'PLAN_INVALID',
          `Lĩnh vực “${i.fieldCode}” không có trong bộ tiêu chí của kết quả.`,
        );
    const chosen = new Map(body.items.map((i) => [i.fieldCode, i]));
    // every lead as it will be used, chosen now or stored, checked before anything is written
    const resolved: Lead[] = d.fields.map((f) => {
      const c = chosen.get(f.code);
      return {
        fieldCode: f.code,
        leadUnitId: c ? c.leadUnitId : f.leadUnitId,
        coordinating: c ? c.coordinating : f.coordinating,
      };
    });
    if (body.items.length !== chosen.size) await this.checkLeads(unit.path, body.items);
    const names = await this.checkLeads(unit.path, resolved);
    const fields: ImprovementField[] = d.fields.map((f, k) => ({
      code: f.code,
      title: f.title,
      max: h(f.max),
      points: h(f.points),
      lost: f.lostCriteria.map((x) => ({ code: x.code, title: x.title, max: h(x.max), points: h(x.points) })),
      leadName: resolved[k]!.leadUnitId ? (names.get(resolved[k]!.leadUnitId!) ?? null) : null,
      coordinating: resolved[k]!.coordinating,
    }));
    // the unit that leads the first field follows the plan (seed 004: Phòng Nội vụ)
    const followId = resolved.find((r) => r.leadUnitId)?.leadUnitId ?? undefined;
    const follow = followId ? (names.get(followId) ?? null) : null;
    const card = await this.results.card(actor, body.resultId);
    const blocks = improvementBlocks({
      unitName: d.unitName,
      year: d.year,
      total: h(d.total),
      max: h(d.max),
      basis: null,
      bandLabel: card.result.bandLabel,
      rank: card.result.rank,
      rankedOf: card.rankedOf || null,
      fields,
      followUnitName: follow,
    });
    // one task per field with a lead: its group, lead and coordinating units, due by the year's end
    const taskInputs = fields.flatMap((f, k) => {
      const lead = resolved[k]!.leadUnitId;
      if (!lead) return [];
      return [
        {
          section: `${k + 1}. ${f.title}`,
          content:
            f.points === f.max
              ? `Duy trì kết quả lĩnh vực ${f.title} (đạt tối đa ${formatPoints(f.max)} điểm năm ${d.year})`
              : `Thực hiện các nhiệm vụ, giải pháp khắc phục ${formatPoints(f.max - f.points)} điểm bị mất của lĩnh vực ${f.title} (đạt ${formatPoints(f.points)}/${formatPoints(f.max)} điểm năm ${d.year})`,
          leadUnitId: lead,
          ...(f.coordinating.trim() ? { coordinatingText: f.coordinating.trim().slice(0, 500) } : {}),
          dueOn: `${d.year + 1}-12-31`,
          ...(followId ? { receivingUnitId: followId } : {}),
        },
      ];
    });
    return this.db.transaction(async (tx) => {
      // the services on this transaction: their own transactions become savepoints of it
      const { id } = await new PlanService(tx).create(actor, {
        kind: 'ke_hoach',
        number: body.number,
        issuedOn: body.issuedOn,
        issuingUnitId: unit.id,
        subject: d.title,
        periodFrom: `${d.year + 1}-01-01`,
        periodTo: `${d.year + 1}-12-31`,
      });
      await new PlanTextService(tx).set(actor, id, {
        baseRevision: 1,
        text: textFromBlocks(blocks),
        addressees: [],
        recipients: ['Lãnh đạo ' + d.unitName, 'Các phòng, ban, đơn vị liên quan', 'Lưu: VT'],
      });
      if (taskInputs.length) await new TaskService(tx).add(actor, id, taskInputs);
      if (body.remember ?? true) await writeLeads(tx, actor, unit.id, d.frameworkCode, resolved);
      return { id };
    });
  }
}

async function writeLeads(
  tx: DbOrTx,
  actor: Actor,
  ownerUnitId: string,
  frameworkCode: string,
  items: Lead[],
) {
  const before = await repo.leadsOf(tx, ownerUnitId, frameworkCode);
  await repo.saveLeads(tx, ownerUnitId, frameworkCode, items, actor.id);
  await audit(tx, {
    actorId: actor.id,
    actorName: actor.name,
    action: 'plan.field_leads',
    entity: 'field_leads',
    entityId: `${ownerUnitId}/${frameworkCode}`,
    unitId: ownerUnitId,
    before,
    after: items,
    reason: null,
  });
}
