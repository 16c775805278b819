/** What entering a result by hand and importing a file of results share: the framework (published,
 * to write), the years and kinds of unit it applies to, the criteria typed for, where a result's
 * ranking set may be placed, one version per code and year, and the audit entry of a write. */
import {
  fieldsOnly,
  formatLeafInput,
  fromDbNumeric,
  leavesOf,
  parseFrameworkJson,
  parseLeafInput,
  toDecimalString,
  type Framework,
  type LeafInput,
  type Result,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { getFramework } from '../frameworks/service.ts';
import { getUnitsByIds, type UnitRow } from '../units/service.ts';
import * as repo from './repository.ts';
import type { Mode } from './writer.ts';

export type FrameworkJoined = NonNullable<Awaited<ReturnType<typeof getFramework>>>;
export interface LoadedFramework {
  row: FrameworkJoined;
  fw: Framework;
}
export type StoredResult = NonNullable<Awaited<ReturnType<typeof repo.getResult>>>;

/** Decimal string with a point, without trailing zeros ("7.82", "9.5", "14"). */
export const dec = toDecimalString;
export const decNumeric = (text: string) => dec(fromDbNumeric(text));

/** The template's column of the revision each row was made from. */
export const REVISION_HEADER = 'Phiên bản';

/** A framework that is not a draft (published, to write). */
export async function loadFramework(
  db: DbOrTx,
  frameworkId: string,
  opts: { forWrite: boolean },
): Promise<LoadedFramework> {
  const row = await getFramework(db, frameworkId);
  if (!row || row.f.status === 'draft') {
    if (row && opts.forWrite) throw new AppError('FRAMEWORK_NOT_PUBLISHED');
    throw new AppError('FRAMEWORK_NOT_FOUND');
  }
  if (opts.forWrite && row.f.status !== 'published') throw new AppError('FRAMEWORK_NOT_PUBLISHED');
  const fw = parseFrameworkJson(row.f.definition).framework;
  if (!fw) throw new AppError('FRAMEWORK_INVALID');
  return { row, fw };
}

export function checkYear(fw: Framework, year: number) {
  if (year < fw.yearFrom || (fw.yearTo != null && year > fw.yearTo))
    throw new AppError(
      'VALIDATION',
      `Bộ tiêu chí áp dụng cho năm ${fw.yearFrom}${fw.yearTo != null && fw.yearTo !== fw.yearFrom ? `–${fw.yearTo}` : ''}, không áp dụng cho năm ${year}.`,
    );
}

export function checkKind(fw: Framework, unit: UnitRow) {
  if (fw.appliesTo.length && !fw.appliesTo.includes(unit.kind))
    throw new AppError(
      'FRAMEWORK_NOT_APPLICABLE',
      `Bộ tiêu chí “${fw.name}” không áp dụng cho đơn vị “${unit.name}” (loại đơn vị khác).`,
    );
}

/** Criteria a unit types for in this mode. */
export function entryCriteria(fw: Framework, mode: Mode) {
  return mode === 'fields' ? fieldsOnly(fw).criteria : leavesOf(fw);
}

/** Parse the texts typed per code. Errors name the criterion. */
export function parseInputs(fw: Framework, mode: Mode, texts: Record<string, string>) {
  const crit = new Map(entryCriteria(fw, mode).map((c) => [c.code, c]));
  const errors: { code: string; message: string }[] = [];
  const inputs: Record<string, LeafInput> = {};
  for (const [code, text] of Object.entries(texts)) {
    const c = crit.get(code);
    if (!c) {
      errors.push({
        code,
        message:
          mode === 'fields'
            ? `“${code}” không phải mã lĩnh vực của bộ tiêu chí.`
            : `“${code}” không phải mã tiêu chí chấm điểm (tiêu chí lá) của bộ tiêu chí.`,
      });
      continue;
    }
    const r = parseLeafInput(c, text);
    if (r.error !== undefined) errors.push({ code, message: r.error });
    else if (r.input) inputs[code] = r.input;
  }
  return { inputs, errors };
}

/** Units where a writer may place the ranking set of a unit's result: the unit and the units
 * above it that lie within the writer's result scope, nearest first. The default is the nearest
 * one above the unit (the unit itself only when nothing above is within the writer's scope). */
export async function ownerOptions(db: DbOrTx, actor: Actor, unit: UnitRow) {
  const scope = scopeOf(actor, 'result.write');
  const ids = unit.path.split('/').filter(Boolean);
  const byId = new Map((await getUnitsByIds(db, ids)).map((u) => [u.id, u]));
  const options = ids
    .map((id) => byId.get(id))
    .filter((u): u is UnitRow => !!u && pathInScope(scope, u.path))
    .reverse();
  return { options, default: options.find((u) => u.id !== unit.id) ?? options[0] ?? null };
}

/** The owner of a result's ranking set: the one asked for (among the options), else the current
 * owner of an existing result, else the default. Writing into a set needs the right on its owner,
 * and a set run by a cycle changes only through that cycle. */
export async function chooseOwner(
  tx: DbOrTx,
  actor: Actor,
  unit: UnitRow,
  frameworkCode: string,
  year: number,
  asked: string | undefined,
  existingOwner: string | undefined,
): Promise<UnitRow> {
  const { options, default: def } = await ownerOptions(tx, actor, unit);
  if (existingOwner && !options.some((o) => o.id === existingOwner))
    throw new AppError(
      'FORBIDDEN_UNIT',
      `Kết quả của “${unit.name}” thuộc bảng xếp hạng của cấp trên; chỉ cấp đó sửa được.`,
    );
  const owner = asked
    ? options.find((o) => o.id === asked)
    : (options.find((o) => o.id === existingOwner) ?? def ?? undefined);
  if (!owner)
    throw new AppError(
      'VALIDATION',
      `Bảng xếp hạng của kết quả phải thuộc “${unit.name}” hoặc một đơn vị cấp trên trong phạm vi bạn được nhập kết quả.`,
    );
  await requireNoCycle(tx, { ownerUnitId: owner.id, frameworkCode, year }, owner.name);
  return owner;
}

/** A set run by a cycle changes only through that cycle. Checked when the owner is chosen and again
 * once the set's lock is held (a cycle made meanwhile holds the same lock while it is created). */
export async function requireNoCycle(tx: DbOrTx, set: repo.RankSet, ownerName: string): Promise<void> {
  const cycle = await repo.cycleOfSet(tx, set);
  if (cycle)
    throw new AppError(
      'RESULT_SET_OF_CYCLE',
      `Bảng xếp hạng năm ${set.year} của “${ownerName}” theo bộ tiêu chí này thuộc kỳ đánh giá “${cycle.name}”; kết quả chỉ thay đổi qua kỳ đánh giá (sau khi công bố: bằng quyết định sửa đổi).`,
    );
}

/** A unit is ranked once a year per framework code: a result under another version is refused. */
export async function requireOneVersion(
  tx: DbOrTx,
  row: FrameworkJoined,
  year: number,
  unit: UnitRow,
): Promise<void> {
  const other = await repo.resultOfCode(tx, row.f.code, year, unit.id);
  if (other && other.frameworkId !== row.f.id)
    throw new AppError(
      'RESULT_CONFLICT',
      `“${unit.name}” đã có kết quả năm ${year} theo phiên bản ${other.version} của bộ tiêu chí này.`,
    );
}

/** What a stored result was before a write, as the audit trail keeps it. */
export async function beforeWrite(tx: DbOrTx, existing: StoredResult) {
  const old = await repo.inputsOf(tx, existing.r.id);
  return {
    total: decNumeric(existing.r.total),
    index: decNumeric(existing.r.indexValue),
    band: existing.r.bandLabel,
    mode: existing.r.mode,
    owner: existing.ownerName,
    inputs: Object.fromEntries(old.map((i) => [i.code, formatLeafInput(i.input as LeafInput)])),
  };
}

/** The audit entry of a result entered or imported (created, or updated with what it was). */
export function auditWrite(
  tx: DbOrTx,
  actor: Actor,
  w: {
    resultId: string;
    row: FrameworkJoined;
    year: number;
    unit: UnitRow;
    owner: UnitRow;
    mode: Mode;
    inputs: Record<string, LeafInput>;
    res: Result;
    before: unknown;
    reason: string | null;
  },
) {
  return audit(tx, {
    actorId: actor.id,
    actorName: actor.name,
    action: w.before ? 'result.update' : 'result.create',
    entity: 'unit_result',
    entityId: w.resultId,
    unitId: w.unit.id,
    before: w.before,
    after: {
      framework: `${w.row.f.code} v${w.row.f.version}`,
      year: w.year,
      total: dec(w.res.total),
      index: dec(w.res.index),
      band: w.res.band?.label ?? null,
      mode: w.mode,
      owner: w.owner.name,
      inputs: Object.fromEntries(Object.entries(w.inputs).map(([k, v]) => [k, formatLeafInput(v)])),
    },
    reason: w.reason,
  });
}
