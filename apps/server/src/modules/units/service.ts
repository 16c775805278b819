import {
  compareVi,
  DATE_YEARS,
  formatDateVi,
  LIMITS,
  quoteInput,
  textProblem,
  isUnitKind,
  parseDateVi,
  searchKey,
  UNIT_CODE_RE,
  unitKindFromText,
  UNIT_KIND_LABELS,
  type UnitKind,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { appendAudit } from '../audit/repository.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import * as repo from './repository.ts';
import type { UnitRow } from './repository.ts';

export interface UnitDto {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  closed: boolean;
  sortOrder: number;
}

export function toDto(u: UnitRow): UnitDto {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: isUnitKind(u.kind) ? u.kind : 'other',
    parentId: u.parentId,
    validFrom: u.validFrom,
    validTo: u.validTo,
    closed: u.validTo !== null,
    sortOrder: u.sortOrder,
  };
}

/** What the audit trail keeps of a unit. */
const snap = (u: UnitRow) => ({
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  kind: u.kind,
  parentId: u.parentId,
  validFrom: u.validFrom,
  validTo: u.validTo,
});

export function sortUnits<T extends { sortOrder: number; name: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.sortOrder - b.sortOrder || compareVi(a.name, b.name));
}

export interface CreateInput {
  code: string;
  name: string;
  shortName?: string | null | undefined;
  kind: UnitKind;
  parentId: string | null;
  validFrom?: string | undefined;
}

/** "Code taken" names the unit holding the code only when the actor may read that unit; otherwise it
 * says no more than that the code is used (codes are unique among open units, so that much is
 * unavoidable). */
function codeTakenMessage(actor: Actor, code: string, other: UnitRow): string {
  const visible = pathInScope(scopeOf(actor, 'unit.read'), other.path);
  return visible
    ? `Mã đơn vị ${quoteInput(code)} đã được dùng cho “${other.name}”.`
    : `Mã đơn vị ${quoteInput(code)} đã được dùng cho một đơn vị khác đang hoạt động (ngoài phạm vi của bạn).`;
}

export class UnitService {
  constructor(private db: Db) {}

  private async mustGet(db: DbOrTx, id: string): Promise<UnitRow> {
    const u = await repo.getUnit(db, id);
    if (!u) throw new AppError('UNIT_NOT_FOUND');
    return u;
  }

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
    const parent = await this.mustGet(tx, unit.parentId);
    requireInScope(actor, action, parent.path);
  }

  private static mustBeOpen(u: UnitRow) {
    if (u.validTo !== null)
      throw new AppError(
        'UNIT_CLOSED',
        `Đơn vị "${u.name}" đã ngừng hoạt động từ sau ngày ${formatDateVi(u.validTo)}; không thể thay đổi.`,
      );
  }

  async list(actor: Actor, q: string | undefined, includeClosed: boolean): Promise<UnitDto[]> {
    const scope = scopeOf(actor, 'unit.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const words = q ? searchKey(q).split(' ').filter(Boolean) : [];
    const matches = await repo.listUnits(this.db, scope, { includeClosed, words });
    if (words.length === 0) return sortUnits(matches).map(toDto);
    // keep the ancestors (inside the reader's scope) so that a tree of results stays readable
    const have = new Set(matches.map((u) => u.id));
    const ancestorIds = new Set<string>();
    for (const u of matches)
      for (const id of u.path.split('/').filter(Boolean)) if (!have.has(id)) ancestorIds.add(id);
    const ancestors = (await repo.getUnitsByIds(this.db, [...ancestorIds])).filter((u) =>
      pathInScope(scope, u.path),
    );
    return sortUnits([...matches, ...ancestors]).map(toDto);
  }

  async detail(actor: Actor, id: string) {
    const unit = await this.mustGet(this.db, id);
    requireInScope(actor, 'unit.read', unit.path);
    const pathIds = unit.path.split('/').filter(Boolean);
    const pathUnits = await repo.getUnitsByIds(this.db, pathIds);
    const byId = new Map(pathUnits.map((u) => [u.id, u]));
    const hist = await repo.history(this.db, id);
    const lineage = await repo.lineageOf(this.db, id);
    const others = await repo.getUnitsByIds(this.db, [
      ...new Set([
        ...hist.map((h) => h.parentId).filter((x): x is string => !!x),
        ...lineage.flatMap((l) => [l.fromUnitId, l.toUnitId]),
      ]),
    ]);
    const names = new Map(others.map((u) => [u.id, u.name]));
    return {
      unit: toDto(unit),
      path: pathIds.map((pid) => ({ id: pid, name: byId.get(pid)?.name ?? '?' })),
      history: hist.map((h) => ({
        validFrom: h.validFrom,
        validTo: h.validTo,
        code: h.code,
        name: h.name,
        shortName: h.shortName,
        kind: isUnitKind(h.kind) ? h.kind : ('other' as const),
        parentId: h.parentId,
        parentName: h.parentId ? (names.get(h.parentId) ?? null) : null,
      })),
      lineage: lineage.map((l) => ({
        eventId: l.eventId,
        type: l.type as 'merge' | 'abolish' | 'split' | 'move',
        effectiveDate: l.effectiveDate,
        reason: l.reason,
        decision: l.decision,
        fromUnitId: l.fromUnitId,
        fromUnitName: names.get(l.fromUnitId) ?? '?',
        toUnitId: l.toUnitId,
        toUnitName: names.get(l.toUnitId) ?? '?',
      })),
    };
  }

  private async assertCodeFree(db: DbOrTx, actor: Actor, code: string, exceptId?: string) {
    const other = await repo.findOpenByCode(db, code);
    if (other && other.id !== exceptId)
      throw new AppError('UNIT_CODE_TAKEN', codeTakenMessage(actor, code, other));
  }

  /** Create a unit inside an existing transaction (used by create, merge and seeding). */
  async createIn(
    tx: DbOrTx,
    actor: Actor,
    input: CreateInput,
    action: 'unit.write' | 'unit.reorganise' | 'unit.import' = 'unit.write',
    reason?: string,
  ) {
    let parent: UnitRow | null = null;
    if (input.parentId) {
      parent = await this.mustGet(tx, input.parentId);
      requireInScope(actor, action, parent.path);
      UnitService.mustBeOpen(parent);
    } else if (!scopeOf(actor, action).all) {
      throw new AppError('UNIT_ROOT_REQUIRED');
    }
    await this.assertCodeFree(tx, actor, input.code);
    const validFrom = input.validFrom ?? todayVn();
    if (parent && validFrom < parent.validFrom)
      throw new AppError(
        'VALIDATION',
        `Ngày hiệu lực ${formatDateVi(validFrom)} sớm hơn ngày đơn vị cấp trên bắt đầu (${formatDateVi(parent.validFrom)}).`,
      );
    const row = await repo.insertUnit(
      tx,
      {
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parent,
        validFrom,
      },
      actor.id,
    );
    await appendAudit(tx, {
      actorId: actor.id,
      actorName: actor.name,
      action: 'unit.create',
      entity: 'unit',
      entityId: row.id,
      unitId: row.id,
      after: snap(row),
      reason: reason ?? null,
    });
    return row;
  }

  async create(actor: Actor, input: CreateInput): Promise<UnitDto> {
    return toDto(await this.db.transaction((tx) => this.createIn(tx, actor, input)));
  }

  async update(
    actor: Actor,
    id: string,
    input: {
      code?: string | undefined;
      name?: string | undefined;
      shortName?: string | null | undefined;
      kind?: UnitKind | undefined;
      effectiveDate?: string | undefined;
      reason?: string | undefined;
    },
  ): Promise<UnitDto> {
    return toDto(
      await this.db.transaction(async (tx) => {
        const unit = await this.mustGet(tx, id);
        requireInScope(actor, 'unit.write', unit.path);
        UnitService.mustBeOpen(unit);
        if (input.code && input.code !== unit.code) await this.assertCodeFree(tx, actor, input.code, unit.id);
        const eff = input.effectiveDate ?? todayVn();
        if (eff < unit.validFrom)
          throw new AppError(
            'VALIDATION',
            `Ngày hiệu lực không được trước ngày đơn vị bắt đầu (${formatDateVi(unit.validFrom)}).`,
          );
        const row = await repo.changeUnit(
          tx,
          unit,
          { code: input.code, name: input.name, shortName: input.shortName, kind: input.kind },
          eff,
          actor.id,
        );
        await appendAudit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'unit.update',
          entity: 'unit',
          entityId: id,
          unitId: id,
          before: snap(unit),
          after: snap(row),
          reason: input.reason ?? null,
        });
        return row;
      }),
    );
  }

  async move(
    actor: Actor,
    id: string,
    input: { parentId: string; effectiveDate?: string | undefined; reason: string },
  ): Promise<UnitDto> {
    return toDto(
      await this.db.transaction(async (tx) => {
        const unit = await this.mustGet(tx, id);
        const parent = await this.mustGet(tx, input.parentId);
        await this.requireAbove(tx, actor, 'unit.write', unit);
        requireInScope(actor, 'unit.write', parent.path);
        UnitService.mustBeOpen(unit);
        UnitService.mustBeOpen(parent);
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
        await appendAudit(tx, {
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
      await appendAudit(tx, {
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
    await appendAudit(tx, {
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
          `Ngày hiệu lực ${formatDateVi(eff)} phải sau ngày "${u.name}" bắt đầu (${formatDateVi(u.validFrom)}).`,
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
        UnitService.mustBeOpen(s);
      }
      for (const s of sources) {
        if (sources.some((o) => o.id !== s.id && s.path.startsWith(o.path)))
          throw new AppError(
            'REORG_INVALID',
            `"${s.name}" là đơn vị cấp dưới của một đơn vị khác trong danh sách sáp nhập.`,
          );
      }
      if (input.target.parentId && sources.some((s) => s.id === input.target.parentId))
        throw new AppError(
          'REORG_INVALID',
          'Đơn vị cấp trên của đơn vị mới không được là một trong các đơn vị bị sáp nhập.',
        );
      UnitService.checkEffective(sources, input.effectiveDate);
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
      const created = await this.createIn(
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
      const unit = await this.mustGet(tx, id);
      const successor = await this.mustGet(tx, input.successorId);
      await this.requireAbove(tx, actor, 'unit.reorganise', unit);
      requireInScope(actor, 'unit.reorganise', successor.path);
      UnitService.mustBeOpen(unit);
      UnitService.mustBeOpen(successor);
      if (successor.path.startsWith(unit.path))
        throw new AppError(
          'REORG_INVALID',
          'Đơn vị kế thừa không được là chính đơn vị bị giải thể hoặc đơn vị cấp dưới của nó.',
        );
      UnitService.checkEffective([unit], input.effectiveDate);
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
      const root = await this.mustGet(tx, input.rootId);
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
      UnitService.checkEffective(targets, input.effectiveDate);
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
          throw new AppError('REORG_INVALID', `Không xác định được đơn vị kế thừa cho "${u.name}".`);
        await this.closeInto(tx, actor, fresh, parent, input.effectiveDate, eventId, 'abolish', input.reason);
        closed.push(u.id);
      }
      return { eventId, unit: toDto((await repo.getUnit(tx, root.id))!), closedUnitIds: closed };
    });
  }

  /** Import a tree from rows (first row = header). All rows or none. */
  async importRows(actor: Actor, rows: string[][]) {
    const { plan, errors } = await this.planImport(actor, rows);
    if (errors.length > 0) throw new AppError('IMPORT_INVALID', undefined, { errors });
    return this.db.transaction(async (tx) => {
      const created: UnitRow[] = [];
      const byCode = new Map<string, string>();
      for (const p of plan) {
        const parentId = p.parentId ?? (p.parentCode ? byCode.get(p.parentCode)! : null);
        const row = await this.createIn(
          tx,
          actor,
          {
            code: p.code,
            name: p.name,
            shortName: p.shortName,
            kind: p.kind,
            parentId,
            validFrom: p.validFrom,
          },
          'unit.import',
          'Nhập từ tệp',
        );
        byCode.set(p.code, row.id);
        created.push(row);
      }
      return { created: created.length, units: sortUnits(created).map(toDto) };
    });
  }

  private async planImport(actor: Actor, rows: string[][]) {
    type Plan = {
      line: number;
      code: string;
      name: string;
      shortName: string | null;
      kind: UnitKind;
      parentId: string | null;
      parentCode: string | null;
      validFrom: string;
    };
    const errors: { row: number; column: string; message: string }[] = [];
    const COLS = {
      code: { label: 'Mã đơn vị', keys: ['ma don vi', 'ma', 'code'] },
      name: { label: 'Tên đơn vị', keys: ['ten don vi', 'ten', 'name'] },
      shortName: { label: 'Tên viết tắt', keys: ['ten viet tat', 'viet tat', 'short name'] },
      kind: { label: 'Loại đơn vị', keys: ['loai don vi', 'loai', 'kind'] },
      parentCode: {
        label: 'Mã đơn vị cấp trên',
        keys: ['ma don vi cap tren', 'ma cap tren', 'don vi cap tren', 'parent code', 'parent'],
      },
      validFrom: {
        label: 'Hiệu lực từ ngày',
        keys: ['hieu luc tu ngay', 'hieu luc tu', 'ngay hieu luc', 'valid from'],
      },
    } as const;
    type Col = keyof typeof COLS;
    const headerIdx = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
    if (headerIdx < 0) {
      errors.push({ row: 1, column: '', message: 'Tệp không có dữ liệu.' });
      return { plan: [] as Plan[], errors };
    }
    const header = rows[headerIdx]!.map((h) => searchKey(h));
    const colIndex = {} as Record<Col, number>;
    for (const [col, def] of Object.entries(COLS) as [Col, (typeof COLS)[Col]][]) {
      colIndex[col] = header.findIndex((h) => (def.keys as readonly string[]).includes(h));
    }
    for (const col of ['code', 'name', 'kind', 'parentCode'] as const) {
      if (colIndex[col] < 0)
        errors.push({
          row: headerIdx + 1,
          column: COLS[col].label,
          message: `Thiếu cột "${COLS[col].label}" ở dòng tiêu đề.`,
        });
    }
    if (errors.length) return { plan: [] as Plan[], errors };
    const get = (r: string[], c: Col) => (colIndex[c] >= 0 ? (r[colIndex[c]] ?? '').trim() : '');
    const plan: Plan[] = [];
    const seen = new Map<string, number>();
    for (let i = headerIdx + 1; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.every((c) => c.trim() === '')) continue;
      const line = i + 1;
      const err = (c: Col, message: string) => errors.push({ row: line, column: COLS[c].label, message });
      const code = get(r, 'code');
      const name = get(r, 'name');
      const kindText = get(r, 'kind');
      const parentCode = get(r, 'parentCode');
      const dateText = get(r, 'validFrom');
      const codeOk = UNIT_CODE_RE.test(code);
      if (!code) err('code', 'Thiếu mã đơn vị.');
      else if (!codeOk)
        err(
          'code',
          `Mã ${quoteInput(code)} không hợp lệ: chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa ${LIMITS.unitCode} ký tự).`,
        );
      else if (seen.has(code)) err('code', `Mã ${quoteInput(code)} trùng với dòng ${seen.get(code)}.`);
      if (codeOk) seen.set(code, line);
      // the same rules as creating or renaming a unit by hand (the contracts' schemas)
      if (!name) err('name', 'Thiếu tên đơn vị.');
      else {
        const p = textProblem(name, { label: 'Tên đơn vị', max: LIMITS.unitName, min: 2 });
        if (p) err('name', p);
      }
      const shortName = get(r, 'shortName');
      const shortProblem = textProblem(shortName, { label: 'Tên viết tắt', max: LIMITS.shortName });
      if (shortProblem) err('shortName', shortProblem);
      if (parentCode && !UNIT_CODE_RE.test(parentCode))
        err('parentCode', `Mã đơn vị cấp trên ${quoteInput(parentCode)} không hợp lệ.`);
      const kind = kindText ? unitKindFromText(kindText, searchKey) : null;
      if (!kindText) err('kind', 'Thiếu loại đơn vị.');
      else if (!kind)
        err(
          'kind',
          `Loại đơn vị ${quoteInput(kindText)} không có trong danh mục (ví dụ: ${UNIT_KIND_LABELS.commune_police.vi}).`,
        );
      let validFrom = todayVn();
      if (dateText) {
        const d = parseDateVi(dateText);
        if (!d)
          err(
            'validFrom',
            `Ngày ${quoteInput(dateText)} không hợp lệ (ngày có thật, dạng dd/mm/yyyy, năm ${DATE_YEARS.min}–${DATE_YEARS.max}).`,
          );
        else validFrom = d;
      }
      if (parentCode && parentCode === code) err('parentCode', 'Đơn vị không thể là cấp trên của chính nó.');
      plan.push({
        line,
        code: codeOk ? code : '',
        name,
        shortName: shortName || null,
        kind: kind ?? 'other',
        parentId: null,
        parentCode: parentCode && UNIT_CODE_RE.test(parentCode) ? parentCode : null,
        validFrom,
      });
    }
    if (plan.length === 0 && errors.length === 0)
      errors.push({ row: headerIdx + 2, column: '', message: 'Tệp không có dòng dữ liệu nào.' });
    // codes already used by open units
    const existing = await repo.findOpenByCodes(this.db, plan.map((p) => p.code).filter(Boolean));
    for (const e of existing) {
      const p = plan.find((x) => x.code === e.code)!;
      errors.push({ row: p.line, column: COLS.code.label, message: codeTakenMessage(actor, e.code, e) });
    }
    // parents: in the file or an open unit in the actor's scope
    const fileCodes = new Map(plan.map((p) => [p.code, p]));
    const outside = await repo.findOpenByCodes(this.db, [
      ...new Set(plan.map((p) => p.parentCode).filter((c): c is string => !!c && !fileCodes.has(c))),
    ]);
    const outsideByCode = new Map(outside.map((u) => [u.code, u]));
    const scope = scopeOf(actor, 'unit.import');
    for (const p of plan) {
      if (!p.parentCode) {
        if (!scope.all)
          errors.push({
            row: p.line,
            column: COLS.parentCode.label,
            message: 'Thiếu mã đơn vị cấp trên (chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất).',
          });
        continue;
      }
      if (fileCodes.has(p.parentCode)) continue;
      const parent = outsideByCode.get(p.parentCode);
      // a parent outside the actor's scope is answered as one that does not exist: its name stays hidden
      if (!parent || !pathInScope(scope, parent.path))
        errors.push({
          row: p.line,
          column: COLS.parentCode.label,
          message: `Không tìm thấy đơn vị cấp trên có mã ${quoteInput(p.parentCode)} trong tệp hoặc trong phạm vi được phân quyền của bạn.`,
        });
      else {
        p.parentId = parent.id;
        if (p.validFrom < parent.validFrom)
          errors.push({
            row: p.line,
            column: COLS.validFrom.label,
            message: `Ngày hiệu lực sớm hơn ngày đơn vị cấp trên bắt đầu (${formatDateVi(parent.validFrom)}).`,
          });
      }
    }
    // order parents before children; detect cycles inside the file
    const ordered: Plan[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (p: Plan): boolean => {
      const s = state.get(p.code);
      if (s === 'done') return true;
      if (s === 'visiting') return false;
      state.set(p.code, 'visiting');
      const parent = p.parentCode ? fileCodes.get(p.parentCode) : undefined;
      if (parent && parent !== p && !visit(parent)) {
        errors.push({
          row: p.line,
          column: COLS.parentCode.label,
          message: 'Quan hệ cấp trên tạo thành vòng lặp trong tệp.',
        });
        state.set(p.code, 'done');
        return false;
      }
      state.set(p.code, 'done');
      ordered.push(p);
      return true;
    };
    for (const p of plan) if (p.code) visit(p);
    errors.sort((a, b) => a.row - b.row);
    return { plan: ordered, errors };
  }
}
