import { and, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { searchKey, type UnitDocumentProfile } from '@chiso/domain';
import { type DbOrTx } from '../../db/open.ts';
import { reorgEvents, unitHistory, unitLineage, units } from '../../db/schema.ts';
import { addDays } from '../../lib/dates.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import type { Scope } from '../auth/scope.ts';

export type UnitRow = typeof units.$inferSelect;

export async function getUnit(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const rows = await db.select().from(units).where(eq(units.id, id)).limit(1);
  return rows[0];
}

export async function getUnitsByIds(db: DbOrTx, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(units).where(inArray(units.id, ids));
}

export async function findOpenByCode(db: DbOrTx, code: string): Promise<UnitRow | undefined> {
  const rows = await db
    .select()
    .from(units)
    .where(and(eq(units.code, code), isNull(units.validTo)))
    .limit(1);
  return rows[0];
}

export async function findOpenByCodes(db: DbOrTx, codes: string[]): Promise<UnitRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(and(inArray(units.code, codes), isNull(units.validTo)));
}

export async function listUnits(db: DbOrTx, scope: Scope, opts: { includeClosed: boolean; words: string[] }) {
  const conds: SQL[] = [pathColumnInScope(units.path, scope)];
  if (!opts.includeClosed) conds.push(isNull(units.validTo));
  for (const w of opts.words) conds.push(like(units.searchKey, `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
  return db
    .select()
    .from(units)
    .where(and(...conds));
}

export async function openChildren(db: DbOrTx, parentId: string): Promise<UnitRow[]> {
  return db
    .select()
    .from(units)
    .where(and(eq(units.parentId, parentId), isNull(units.validTo)));
}

export async function maxSortOrder(db: DbOrTx, parentId: string | null): Promise<number> {
  const rows = await db
    .select({ m: sql<number>`coalesce(max(${units.sortOrder}), 0)` })
    .from(units)
    .where(parentId ? eq(units.parentId, parentId) : isNull(units.parentId));
  return Number(rows[0]?.m ?? 0);
}

export interface NewUnit {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parent: UnitRow | null;
  validFrom: string;
  sortOrder?: number;
  /** What the unit's documents print; absent: nothing recorded yet. */
  profile?: Partial<UnitDocumentProfile>;
}

/** The columns of a unit's document profile (units and unit_history alike). */
function profileColumns(p: Partial<UnitDocumentProfile> | undefined) {
  return {
    abbreviation: p?.abbreviation ?? null,
    placeName: p?.placeName ?? null,
    head: p?.head ?? null,
    deputies: p?.deputies ?? [],
    issuerLines: p?.issuerLines ?? null,
  };
}

export async function insertUnit(db: DbOrTx, u: NewUnit, actorId: string | null): Promise<UnitRow> {
  const id = randomUUID();
  const path = `${u.parent?.path ?? '/'}${id}/`;
  const sortOrder = u.sortOrder ?? (await maxSortOrder(db, u.parent?.id ?? null)) + 1;
  const [row] = await db
    .insert(units)
    .values({
      id,
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      parentId: u.parent?.id ?? null,
      path,
      depth: (u.parent?.depth ?? -1) + 1,
      sortOrder,
      validFrom: u.validFrom,
      searchKey: unitSearchKey(u.code, u.name, u.shortName),
      ...profileColumns(u.profile),
    })
    .returning();
  await db.insert(unitHistory).values({
    id: randomUUID(),
    unitId: id,
    validFrom: u.validFrom,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    parentId: u.parent?.id ?? null,
    recordedBy: actorId,
    ...profileColumns(u.profile),
  });
  return row!;
}

/** The document profile a unit (or one period of its history) records. */
export function profileOf(u: {
  abbreviation: string | null;
  placeName: string | null;
  head: UnitDocumentProfile['head'];
  deputies: UnitDocumentProfile['deputies'];
  issuerLines: UnitDocumentProfile['issuerLines'];
}): UnitDocumentProfile {
  return {
    abbreviation: u.abbreviation,
    placeName: u.placeName,
    head: u.head,
    deputies: u.deputies ?? [],
    issuerLines: u.issuerLines,
  };
}

/** The period of a unit's history in force on `day` (yyyy-mm-dd), or undefined. */
export async function historyAt(db: DbOrTx, unitId: string, day: string) {
  const rows = await db
    .select()
    .from(unitHistory)
    .where(
      and(
        eq(unitHistory.unitId, unitId),
        sql`${unitHistory.validFrom} <= ${day}`,
        sql`(${unitHistory.validTo} is null or ${unitHistory.validTo} >= ${day})`,
      ),
    )
    .orderBy(desc(unitHistory.validFrom))
    .limit(1);
  return rows[0];
}

export function unitSearchKey(code: string, name: string, shortName: string | null): string {
  return searchKey([name, shortName ?? '', code].join(' '));
}

export interface AttrChange {
  code?: string;
  name?: string;
  shortName?: string | null;
  kind?: string;
  parent?: UnitRow;
  /** Fields of the document profile to change (absent ones keep their value). */
  profile?: Partial<UnitDocumentProfile>;
  /** Close the unit: its last day is the day before the effective date. */
  close?: boolean;
}

/** Apply a change effective from a date: the current history period ends the day before (or is
 * corrected in place when it started that same day) and a new period starts. Moves the subtree's paths. */
export async function changeUnit(
  db: DbOrTx,
  unit: UnitRow,
  change: AttrChange,
  effective: string,
  actorId: string | null,
): Promise<UnitRow> {
  const [current] = await db
    .select()
    .from(unitHistory)
    .where(and(eq(unitHistory.unitId, unit.id), isNull(unitHistory.validTo)))
    .limit(1);
  const next = {
    code: change.code ?? unit.code,
    name: change.name ?? unit.name,
    shortName: change.shortName === undefined ? unit.shortName : change.shortName,
    kind: change.kind ?? unit.kind,
    parentId: change.parent ? change.parent.id : unit.parentId,
    ...profileColumns({
      ...profileOf(unit),
      ...Object.fromEntries(Object.entries(change.profile ?? {}).filter(([, v]) => v !== undefined)),
    }),
  };
  if (current) {
    if (current.validFrom >= effective) {
      // same day (or a correction): rewrite the open period
      if (change.close) {
        await db
          .update(unitHistory)
          .set({
            validTo: addDays(effective, -1) < current.validFrom ? current.validFrom : addDays(effective, -1),
          })
          .where(eq(unitHistory.id, current.id));
      } else {
        await db
          .update(unitHistory)
          .set({ ...next, recordedAt: new Date(), recordedBy: actorId })
          .where(eq(unitHistory.id, current.id));
      }
    } else {
      await db
        .update(unitHistory)
        .set({ validTo: addDays(effective, -1) })
        .where(eq(unitHistory.id, current.id));
      if (!change.close) {
        await db
          .insert(unitHistory)
          .values({ id: randomUUID(), unitId: unit.id, validFrom: effective, ...next, recordedBy: actorId });
      }
    }
  }
  let path = unit.path;
  let depth = unit.depth;
  if (change.parent && change.parent.id !== unit.parentId) {
    path = `${change.parent.path}${unit.id}/`;
    depth = change.parent.depth + 1;
    const delta = depth - unit.depth;
    await db
      .update(units)
      .set({
        path: sql`${path} || substr(${units.path}, ${unit.path.length + 1})`,
        depth: sql`${units.depth} + ${delta}`,
      })
      .where(and(like(units.path, `${unit.path}%`), sql`${units.id} <> ${unit.id}`));
  }
  const [row] = await db
    .update(units)
    .set({
      ...next,
      path,
      depth,
      validTo: change.close ? addDays(effective, -1) : unit.validTo,
      searchKey: unitSearchKey(next.code, next.name, next.shortName),
      updatedAt: new Date(),
    })
    .where(eq(units.id, unit.id))
    .returning();
  return row!;
}

/** Set the code of the current row only (history keeps the code each period had). */
export async function setCode(db: DbOrTx, unit: UnitRow, code: string) {
  await db
    .update(units)
    .set({ code, searchKey: unitSearchKey(code, unit.name, unit.shortName) })
    .where(eq(units.id, unit.id));
}

export async function history(db: DbOrTx, unitId: string) {
  return db.select().from(unitHistory).where(eq(unitHistory.unitId, unitId)).orderBy(unitHistory.validFrom);
}

export async function insertReorgEvent(
  db: DbOrTx,
  e: { type: string; effectiveDate: string; decision: string | null; reason: string; actorId: string | null },
) {
  const id = randomUUID();
  await db.insert(reorgEvents).values({ id, ...e });
  return id;
}

export async function insertLineage(
  db: DbOrTx,
  l: { eventId: string; type: string; fromUnitId: string; toUnitId: string },
) {
  await db.insert(unitLineage).values({ id: randomUUID(), ...l });
}

export async function lineageOf(db: DbOrTx, unitId: string) {
  return db
    .select({
      eventId: unitLineage.eventId,
      type: unitLineage.type,
      fromUnitId: unitLineage.fromUnitId,
      toUnitId: unitLineage.toUnitId,
      effectiveDate: reorgEvents.effectiveDate,
      reason: reorgEvents.reason,
      decision: reorgEvents.decision,
    })
    .from(unitLineage)
    .innerJoin(reorgEvents, eq(reorgEvents.id, unitLineage.eventId))
    .where(sql`${unitLineage.fromUnitId} = ${unitId} or ${unitLineage.toUnitId} = ${unitId}`)
    .orderBy(reorgEvents.effectiveDate);
}
