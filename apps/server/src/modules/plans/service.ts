/** Plans as records (issue #16 item 1): a unit issues a plan (kế hoạch, chỉ thị, công văn, quyết
 * định) with its number, date, period, budget and document, possibly implementing a plan of a level
 * above ("Thực hiện Kế hoạch số 215/KH-CAT"), and may ask units under it to send their own
 * implementing plans by a day: who has sent theirs and who has not is computed from the plans that
 * implement it (a plan issued by the asked unit itself). Read by the issuer's readers, and by the units a plan asks (their own rows only). */
import { randomUUID } from 'node:crypto';
import type { PlanBodyT } from '@chiso/contracts';
import { askedState, ASKED_STATE_LABELS, PLAN_KIND_LABELS, type PlanKind } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { isUniqueViolation } from '../../lib/dbErrors.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';

/** What a request records (the contract's body). */
export type PlanInput = PlanBodyT;

type Joined = NonNullable<Awaited<ReturnType<typeof repo.getPlan>>>;

const ref = (j: Joined) => ({
  id: j.p.id,
  kind: j.p.kind as PlanKind,
  kindLabel: PLAN_KIND_LABELS[j.p.kind as PlanKind] ?? j.p.kind,
  number: j.p.number,
  issuedOn: j.p.issuedOn,
  issuingUnitId: j.p.issuingUnitId,
  issuingUnitName: j.unitName,
  title: j.p.title,
});

export class PlanService {
  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  async create(actor: Actor, input: PlanInput) {
    const unit = await getUnit(this.db, input.issuingUnitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'plan.write', unit.path);
    if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo)
      throw new AppError('PLAN_INVALID', 'Thời gian thực hiện: ngày bắt đầu sau ngày kết thúc.');
    const number = input.number.trim();
    if (await repo.planByNumber(this.db, unit.id, number))
      throw new AppError('PLAN_INVALID', `${unit.name} đã có văn bản số ${number}.`);
    let parentId: string | null = null;
    if (input.implementsPlanId) {
      const parent = await repo.getPlan(this.db, input.implementsPlanId);
      if (!parent || !(await this.readable(actor, parent)))
        throw new AppError('PLAN_INVALID', 'Không tìm thấy kế hoạch cấp trên.');
      if (!unit.path.startsWith(parent.unitPath))
        throw new AppError(
          'PLAN_INVALID',
          `${unit.name} không thuộc ${parent.unitName}: không thực hiện kế hoạch ${parent.p.number} được.`,
        );
      parentId = parent.p.id;
    }
    if (input.evidenceId && (await repo.evidenceUnit(this.db, input.evidenceId)) !== unit.id)
      throw new AppError('PLAN_INVALID', 'Văn bản đính kèm phải là tài liệu của đơn vị ban hành.');
    let budgetUnitId: string | null = null;
    if (input.budgetUnitId) {
      const b = await getUnit(this.db, input.budgetUnitId);
      if (!b || !pathInScope(scopeOf(actor, 'unit.read'), b.path))
        throw new AppError('PLAN_INVALID', 'Không tìm thấy đơn vị lập dự toán.');
      budgetUnitId = b.id;
    }
    const asked = [...new Set(input.askedUnitIds ?? [])];
    const names: string[] = [];
    for (const id of asked) {
      const u = await getUnit(this.db, id);
      if (!u || u.validTo !== null)
        throw new AppError('PLAN_INVALID', 'Không tìm thấy đơn vị được yêu cầu gửi kế hoạch.');
      if (u.id === unit.id || !u.path.startsWith(unit.path))
        throw new AppError('PLAN_INVALID', `${u.name} không phải đơn vị cấp dưới của ${unit.name}.`);
      names.push(u.name);
    }
    if (asked.length && !input.askedDueOn)
      throw new AppError('PLAN_INVALID', 'Hãy nhập hạn gửi kế hoạch của các đơn vị.');
    const id = randomUUID();
    try {
      await this.insert(actor, input, { id, number, unit, parentId, budgetUnitId, asked, names });
    } catch (e) {
      // the same number recorded at the same moment by someone else: said as for a number taken
      if (isUniqueViolation(e, 'plans_unit_number_uq'))
        throw new AppError('PLAN_INVALID', `${unit.name} đã có văn bản số ${number}.`);
      throw e;
    }
    return { id };
  }

  private async insert(
    actor: Actor,
    input: PlanInput,
    v: {
      id: string;
      number: string;
      unit: { id: string };
      parentId: string | null;
      budgetUnitId: string | null;
      asked: string[];
      names: string[];
    },
  ) {
    const { id, number, unit, parentId, budgetUnitId, asked, names } = v;
    await this.db.transaction(async (tx) => {
      await repo.insertPlan(
        tx,
        {
          id,
          kind: input.kind,
          number,
          issuedOn: input.issuedOn,
          issuingUnitId: unit.id,
          title: input.subject.trim(),
          periodFrom: input.periodFrom ?? null,
          periodTo: input.periodTo ?? null,
          budgetLine: input.budgetLine?.trim() || null,
          budgetUnitId,
          parentId,
          evidenceId: input.evidenceId ?? null,
          askedDueOn: asked.length ? (input.askedDueOn ?? null) : null,
          createdBy: actor.id,
        },
        asked,
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'plan.create',
        entity: 'plan',
        entityId: id,
        unitId: unit.id,
        after: {
          kind: input.kind,
          number,
          issuedOn: input.issuedOn,
          title: input.subject.trim(),
          implements: parentId,
          asked: names,
          askedDueOn: input.askedDueOn ?? null,
        },
        reason: null,
      });
    });
  }

  /** The reader may see the plan: it reads the issuing unit, or the plan asks one of its units. */
  private async readable(actor: Actor, j: Joined) {
    const scope = scopeOf(actor, 'plan.read');
    if (pathInScope(scope, j.unitPath)) return true;
    if ((await repo.askedOf(this.db, [j.p.id])).some((a) => pathInScope(scope, a.unitPath))) return true;
    return (await repo.taskUnitsOf(this.db, [j.p.id])).some((a) => pathInScope(scope, a.unitPath));
  }

  async list(actor: Actor) {
    const scope = scopeOf(actor, 'plan.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const all = await repo.listPlans(this.db);
    const asked = await repo.askedOf(
      this.db,
      all.map((j) => j.p.id),
    );
    const children = await repo.childrenOf(
      this.db,
      all.map((j) => j.p.id),
    );
    const byId = new Map(all.map((j) => [j.p.id, j]));
    // a unit given a task of a plan (or coordinating one) reads the plan too
    const tasked = new Set(
      (
        await repo.taskUnitsOf(
          this.db,
          all.map((j) => j.p.id),
        )
      )
        .filter((x) => pathInScope(scope, x.unitPath))
        .map((x) => x.planId),
    );
    const out = [];
    for (const j of all) {
      const mine = asked.filter((a) => a.planId === j.p.id);
      const whole = pathInScope(scope, j.unitPath);
      const seen = whole ? mine : mine.filter((a) => pathInScope(scope, a.unitPath));
      if (!whole && !seen.length && !tasked.has(j.p.id)) continue;
      const kids = children.filter((c) => c.p.parentId === j.p.id);
      const parent = j.p.parentId ? byId.get(j.p.parentId) : undefined;
      out.push({
        ...ref(j),
        parent: parent
          ? { id: parent.p.id, number: parent.p.number, issuingUnitName: parent.unitName }
          : null,
        asked: seen.length,
        sent: seen.filter((a) => kids.some((k) => k.p.issuingUnitId === a.unitId)).length,
        askedDueOn: j.p.askedDueOn,
      });
    }
    return { items: out };
  }

  async detail(actor: Actor, id: string) {
    const j = await repo.getPlan(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    const scope = scopeOf(actor, 'plan.read');
    const whole = pathInScope(scope, j.unitPath);
    const asked = await repo.askedOf(this.db, [id]);
    const seen = whole ? asked : asked.filter((a) => pathInScope(scope, a.unitPath));
    if (!whole && !seen.length && !(await this.readable(actor, j))) throw new AppError('NOT_FOUND');
    const kids = await repo.childrenOf(this.db, [id]);
    const parent = j.p.parentId ? await repo.getPlan(this.db, j.p.parentId) : undefined;
    const parentVisible = parent ? await this.readable(actor, parent) : false;
    const budget = j.p.budgetUnitId ? await getUnit(this.db, j.p.budgetUnitId) : undefined;
    const today = this.today();
    return {
      ...ref(j),
      periodFrom: j.p.periodFrom,
      periodTo: j.p.periodTo,
      budgetLine: j.p.budgetLine,
      budgetUnitName: budget?.name ?? null,
      evidenceId: j.p.evidenceId,
      askedDueOn: j.p.askedDueOn,
      parent: parent && parentVisible ? ref(parent) : null,
      parentNumber: parent?.p.number ?? null,
      children: kids.filter((k) => pathInScope(scope, k.unitPath) || whole).map(ref),
      asked: seen.map((a) => {
        const plan = kids.find((k) => k.p.issuingUnitId === a.unitId);
        const state = askedState(!!plan, j.p.askedDueOn, today);
        return {
          unitId: a.unitId,
          unitName: a.unitName,
          state,
          stateLabel: ASKED_STATE_LABELS[state],
          plan: plan ? ref(plan) : null,
        };
      }),
      canWrite: pathInScope(scopeOf(actor, 'plan.write'), j.unitPath),
    };
  }
}

/** A plan as other modules cite it (activity records implementing it): number and issuing unit. */
export async function planRef(db: DbOrTx, id: string) {
  const j = await repo.getPlan(db, id);
  return j
    ? { id: j.p.id, number: j.p.number, issuingUnitName: j.unitName, issuingUnitPath: j.unitPath }
    : undefined;
}
