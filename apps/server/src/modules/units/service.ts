import {
  EMPTY_DOCUMENT_PROFILE,
  compareVi,
  formatDateVi,
  isUnitKind,
  planUnitImport,
  readUnitImport,
  searchKey,
  profileProblems,
  unitCodeTakenMessage,
  type IssuerLines,
  type Official,
  type UnitDocumentProfile,
  type UnitKind,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import * as repo from './repository.ts';
import { profileOf, type UnitRow } from './repository.ts';

/** What other modules may read of the unit tree (they do not reach into this module's repository). */
export {
  findOpenByCode,
  getUnit,
  getUnitsByIds,
  historyAt,
  lineageOf,
  listUnits,
  profileOf,
} from './repository.ts';
export type { UnitRow } from './repository.ts';

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
  abbreviation: string | null;
  placeName: string | null;
  head: Official | null;
  deputies: Official[];
  issuerLines: IssuerLines | null;
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
    ...profileOf(u),
  };
}

/** A profile as a request sends it: empty texts mean "none", absent fields stay absent. */
export type ProfileInput = {
  abbreviation?: string | null | undefined;
  placeName?: string | null | undefined;
  head?: Official | null | undefined;
  deputies?: Official[] | undefined;
  issuerLines?: IssuerLines | null | undefined;
};

function cleanOfficial(o: Official): Official {
  return {
    title: o.title.trim(),
    ...(o.rank?.trim() ? { rank: o.rank.trim() } : {}),
    name: o.name.trim(),
    ...(o.acting ? { acting: true } : {}),
  };
}

/** The profile to store: texts trimmed, empty ones null, lines without blanks; then checked as a
 * whole against what the unit already records (deputies need a head). */
export function cleanProfile(
  input: ProfileInput | undefined,
  current: UnitDocumentProfile = EMPTY_DOCUMENT_PROFILE,
): Partial<UnitDocumentProfile> {
  if (!input) return {};
  const out: Partial<UnitDocumentProfile> = {};
  const txt = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  if (input.abbreviation !== undefined) out.abbreviation = txt(input.abbreviation);
  if (input.placeName !== undefined) out.placeName = txt(input.placeName);
  if (input.head !== undefined) out.head = input.head ? cleanOfficial(input.head) : null;
  if (input.deputies !== undefined) out.deputies = input.deputies.map(cleanOfficial);
  if (input.issuerLines !== undefined) {
    const l = input.issuerLines;
    const lines = (x: string[]) => x.map((s) => s.trim()).filter((s) => s.length > 0);
    out.issuerLines =
      l && lines(l.own).length > 0 ? { governing: lines(l.governing), own: lines(l.own) } : null;
  }
  const problems = profileProblems({ ...current, ...out });
  if (problems.length > 0)
    throw new AppError('VALIDATION', problems.map((p) => p.message).join(' '), { problems });
  return out;
}

/** What the audit trail keeps of a unit. */
export const snap = (u: UnitRow) => ({
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  kind: u.kind,
  parentId: u.parentId,
  validFrom: u.validFrom,
  validTo: u.validTo,
  ...profileOf(u),
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
  profile?: ProfileInput | undefined;
}

function codeTakenMessage(actor: Actor, code: string, other: UnitRow): string {
  return unitCodeTakenMessage(code, other, pathInScope(scopeOf(actor, 'unit.read'), other.path));
}

/** The unit, or UNIT_NOT_FOUND. */
export async function mustGetUnit(db: DbOrTx, id: string): Promise<UnitRow> {
  const u = await repo.getUnit(db, id);
  if (!u) throw new AppError('UNIT_NOT_FOUND');
  return u;
}

/** A closed unit cannot change (UNIT_CLOSED). */
export function requireOpen(u: UnitRow) {
  if (u.validTo !== null)
    throw new AppError(
      'UNIT_CLOSED',
      `Đơn vị "${u.name}" đã ngừng hoạt động từ sau ngày ${formatDateVi(u.validTo)}; không thể thay đổi.`,
    );
}

export class UnitService {
  constructor(private db: Db) {}

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
    const unit = await mustGetUnit(this.db, id);
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
        ...profileOf(h),
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
      parent = await mustGetUnit(tx, input.parentId);
      requireInScope(actor, action, parent.path);
      requireOpen(parent);
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
        profile: cleanProfile(input.profile),
      },
      actor.id,
    );
    await audit(tx, {
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
      profile?: ProfileInput | undefined;
      effectiveDate?: string | undefined;
      reason?: string | undefined;
    },
  ): Promise<UnitDto> {
    return toDto(
      await this.db.transaction(async (tx) => {
        const unit = await mustGetUnit(tx, id);
        requireInScope(actor, 'unit.write', unit.path);
        requireOpen(unit);
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
          {
            code: input.code,
            name: input.name,
            shortName: input.shortName,
            kind: input.kind,
            profile: cleanProfile(input.profile, profileOf(unit)),
          },
          eff,
          actor.id,
        );
        await audit(tx, {
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
            profile: p.profile,
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

  /** The import planned by the domain (readUnitImport, planUnitImport) around the two lookups of
   * the codes the file names. */
  private async planImport(actor: Actor, rows: string[][]) {
    const read = readUnitImport(rows, todayVn());
    const found = read.complete
      ? {
          taken: await repo.findOpenByCodes(this.db, read.codes),
          parents: await repo.findOpenByCodes(this.db, read.parentCodes),
        }
      : { taken: [], parents: [] };
    const importScope = scopeOf(actor, 'unit.import');
    const readScope = scopeOf(actor, 'unit.read');
    const { plan, problems } = planUnitImport(read, found, {
      systemWide: importScope.all,
      mayImportUnder: (path) => pathInScope(importScope, path),
      mayRead: (path) => pathInScope(readScope, path),
    });
    return { plan, errors: problems };
  }
}
