/** Reorganising the unit tree: moving a unit, merging units into a new one, abolishing a unit or a
 * whole level. Each is one event (reorg_events) in one transaction; closed units keep their history
 * and their lineage to the successor. */
import { formatDateVi, type UnitKind } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import * as repo from './repository.ts';
import type { UnitRow } from './repository.ts';
import {
  mustGetUnit,
  requireOpen,
  snap,
  toDto,
  type CreateInput,
  type UnitDto,
  type UnitService,
} from './service.ts';

export class ReorgService {
  constructor(
    private db: Db,
    private units: UnitService,
  ) {}

  /** Moving, merging or abolishing a unit changes its parent's set of children: it needs the right on the parent. */
  private async requireAbove(
    tx: DbOrTx,
    actor: Actor,
    action: 'unit.write' | 'unit.reorganise',
    unit: UnitRow,
  ) {
    requireInScope(actor, action, unit.path);
    if (!unit.parentId) {
      if (!scopeOf(actor, action).all) throw new AppError('FORBIDDEN_UNIT');
      return;
    }
    const parent = await mustGetUnit(tx, unit.parentId);
    requireInScope(actor, action, parent.path);
  }

  async move(
    actor: Actor,
    id: string,
    input: { parentId: string; effectiveDate?: string | undefined; reason: string },
  ): Promise<UnitDto> {
    return toDto(
      await this.db.transaction(async (tx) => {
        const unit = await mustGetUnit(tx, id);
        const parent = await mustGetUnit(tx, input.parentId);
        await this.requireAbove(tx, actor, 'unit.write', unit);
        requireInScope(actor, 'unit.write', parent.path);
        requireOpen(unit);
        requireOpen(parent);
        if (parent.path.startsWith(unit.path)) throw new AppError('UNIT_MOVE_CYCLE');
        if (parent.id === unit.parentId) return unit;
        const eff = input.effectiveDate ?? todayVn();
        if (eff < unit.validFrom)
          throw new AppError(
            'VALIDATION',
            `Ngày hiệu lực không được trước ngày đơn vị bắt đầu (${formatDateVi(unit.validFrom)}).`,
          );
        const row = await repo.changeUnit(tx, unit, { parent }, eff, actor.id);
        const eventId = await repo.insertReorgEvent(tx, {
          type: 'move',
          effectiveDate: eff,
          decision: null,
          reason: input.reason,
          actorId: actor.id,
        });
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'unit.move',
          entity: 'unit',
          entityId: id,
          unitId: id,
          before: snap(unit),
          after: { ...snap(row), eventId },
          reason: input.reason,
        });
        return row;
      }),
    );
  }

  /** Close a unit from a date (its last day is the day before) and move its open children to a successor. */
  private async closeInto(
    tx: DbOrTx,
    actor: Actor,
    unit: UnitRow,
    successor: UnitRow,
    eff: string,
    eventId: string,
    type: 'merge' | 'abolish',
    reason: string,
  ) {
    for (const child of await repo.openChildren(tx, unit.id)) {
      if (child.id === successor.id) continue;
      const fresh = (await repo.getUnit(tx, child.id))!;
      const moved = await repo.changeUnit(
        tx,
        fresh,
        { parent: (await repo.getUnit(tx, successor.id))! },
        eff,
        actor.id,
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'unit.move',
        entity: 'unit',
        entityId: child.id,
        unitId: child.id,
        before: snap(fresh),
        after: { ...snap(moved), eventId },
        reason,
      });
    }
    const fresh = (await repo.getUnit(tx, unit.id))!;
    const closed = await repo.changeUnit(tx, fresh, { close: true }, eff, actor.id);
    await repo.insertLineage(tx, { eventId, type, fromUnitId: unit.id, toUnitId: successor.id });
    await audit(tx, {
      actorId: actor.id,
      actorName: actor.name,
      action: type === 'merge' ? 'unit.merge' : 'unit.abolish',
      entity: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      before: snap(fresh),
      after: { ...snap(closed), successorId: successor.id, eventId },
      reason,
    });
  }

  private static checkEffective(units: UnitRow[], eff: string) {
    for (const u of units) {
      if (eff <= u.validFrom)
        throw new AppError(
          'REORG_INVALID',
          `Ngày hiệu lực ${formatDateVi(eff)} phải sau ngày “${u.name}” bắt đầu (${formatDateVi(u.validFrom)}).`,
        );
    }
  }

  async merge(
    actor: Actor,
    input: {
      sourceIds: string[];
      target: CreateInput;
      effectiveDate: string;
      decision?: string | undefined;
      reason: string;
    },
  ) {
    const ids = [...new Set(input.sourceIds)];
    if (ids.length < 2)
      throw new AppError('REORG_INVALID', 'Cần chọn ít nhất hai đơn vị khác nhau để sáp nhập.');
    return this.db.transaction(async (tx) => {
      const sources = await repo.getUnitsByIds(tx, ids);
      if (sources.length !== ids.length) throw new AppError('UNIT_NOT_FOUND');
      for (const s of sources) {
        await this.requireAbove(tx, actor, 'unit.reorganise', s);
        requireOpen(s);
      }
      for (const s of sources) {
        if (sources.some((o) => o.id !== s.id && s.path.startsWith(o.path)))
          throw new AppError(
            'REORG_INVALID',
            `“${s.name}” là đơn vị cấp dưới của một đơn vị khác trong danh sách sáp nhập.`,
          );
      }
      if (input.target.parentId && sources.some((s) => s.id === input.target.parentId))
        throw new AppError(
          'REORG_INVALID',
          'Đơn vị cấp trên của đơn vị mới không được là một trong các đơn vị bị sáp nhập.',
        );
      ReorgService.checkEffective(sources, input.effectiveDate);
      const eventId = await repo.insertReorgEvent(tx, {
        type: 'merge',
        effectiveDate: input.effectiveDate,
        decision: input.decision ?? null,
        reason: input.reason,
        actorId: actor.id,
      });
      // The new unit may keep the code of one of the merged units: codes are unique among open units
      // only, so that source carries a temporary code until it is closed, then gets its own back.
      const reuse = sources.find((s) => s.code === input.target.code);
      if (reuse) await repo.setCode(tx, reuse, `${reuse.code}~${eventId.slice(0, 8)}`);
      const created = await this.units.createIn(
        tx,
        actor,
        { ...input.target, validFrom: input.effectiveDate },
        'unit.reorganise',
        input.reason,
      );
      for (const s of sources)
        await this.closeInto(tx, actor, s, created, input.effectiveDate, eventId, 'merge', input.reason);
      if (reuse) await repo.setCode(tx, (await repo.getUnit(tx, reuse.id))!, reuse.code);
      return {
        eventId,
        unit: toDto((await repo.getUnit(tx, created.id))!),
        closedUnitIds: sources.map((s) => s.id),
      };
    });
  }

  async abolish(
    actor: Actor,
    id: string,
    input: { successorId: string; effectiveDate: string; decision?: string | undefined; reason: string },
  ) {
    return this.db.transaction(async (tx) => {
      const unit = await mustGetUnit(tx, id);
      const successor = await mustGetUnit(tx, input.successorId);
      await this.requireAbove(tx, actor, 'unit.reorganise', unit);
      requireInScope(actor, 'unit.reorganise', successor.path);
      requireOpen(unit);
      requireOpen(successor);
      if (successor.path.startsWith(unit.path))
        throw new AppError(
          'REORG_INVALID',
          'Đơn vị kế thừa không được là chính đơn vị bị giải thể hoặc đơn vị cấp dưới của nó.',
        );
      ReorgService.checkEffective([unit], input.effectiveDate);
      const eventId = await repo.insertReorgEvent(tx, {
        type: 'abolish',
        effectiveDate: input.effectiveDate,
        decision: input.decision ?? null,
        reason: input.reason,
        actorId: actor.id,
      });
      await this.closeInto(tx, actor, unit, successor, input.effectiveDate, eventId, 'abolish', input.reason);
      return { eventId, unit: toDto((await repo.getUnit(tx, successor.id))!), closedUnitIds: [unit.id] };
    });
  }

  /** Abolish a whole level from a date: every open unit of a kind under a root is closed and its
   * children move up to its parent (e.g. district police on 01/7/2025). One event, one transaction. */
  async abolishLevel(
    actor: Actor,
    input: {
      rootId: string;
      kind: UnitKind;
      effectiveDate: string;
      decision?: string | undefined;
      reason: string;
    },
  ) {
    return this.db.transaction(async (tx) => {
      const root = await mustGetUnit(tx, input.rootId);
      requireInScope(actor, 'unit.reorganise', root.path);
      const scope = scopeOf(actor, 'unit.reorganise');
      const targets = (
        await repo.listUnits(tx, { all: false, paths: [root.path] }, { includeClosed: false, words: [] })
      ).filter((u) => u.kind === input.kind && u.id !== root.id);
      if (targets.length === 0)
        throw new AppError(
          'REORG_INVALID',
          'Không có đơn vị đang hoạt động nào thuộc loại này trong cây đã chọn.',
        );
      // deepest first is unnecessary (a level is one kind); parents of targets must not be targets themselves
      ReorgService.checkEffective(targets, input.effectiveDate);
      const eventId = await repo.insertReorgEvent(tx, {
        type: 'abolish',
        effectiveDate: input.effectiveDate,
        decision: input.decision ?? null,
        reason: input.reason,
        actorId: actor.id,
      });
      const closed: string[] = [];
      for (const u of targets.sort((a, b) => b.depth - a.depth)) {
        const fresh = (await repo.getUnit(tx, u.id))!;
        let parent = fresh.parentId ? (await repo.getUnit(tx, fresh.parentId))! : null;
        while (parent && parent.kind === input.kind && parent.id !== root.id)
          parent = parent.parentId ? (await repo.getUnit(tx, parent.parentId))! : null;
        if (!parent || !pathInScope(scope, parent.path))
          throw new AppError('REORG_INVALID', `Không xác định được đơn vị kế thừa cho “${u.name}”.`);
        await this.closeInto(tx, actor, fresh, parent, input.effectiveDate, eventId, 'abolish', input.reason);
        closed.push(u.id);
      }
      return { eventId, unit: toDto((await repo.getUnit(tx, root.id))!), closedUnitIds: closed };
    });
  }
}
