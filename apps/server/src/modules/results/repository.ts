import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import { cycles, frameworks, resultInputs, unitResults, units } from '../../db/schema.ts';
import { pathColumnInScope, type Scope } from '../auth/scope.ts';

export type ResultRowDb = typeof unitResults.$inferSelect;

const joined = {
  r: unitResults,
  unitName: units.name,
  unitCode: units.code,
  unitPath: units.path,
  /** null when the result does not come from a cycle */
  cycleStatus: cycles.status,
  /** the path of the unit running that cycle */
  cycleOwnerPath: sql<string | null>`(select u2.path from units u2 where u2.id = ${cycles.ownerUnitId})`,
};

export async function getResult(db: DbOrTx, frameworkId: string, year: number, unitId: string) {
  const rows = await db
    .select(joined)
    .from(unitResults)
    .innerJoin(units, eq(units.id, unitResults.unitId))
    .leftJoin(cycles, eq(cycles.id, unitResults.cycleId))
    .where(
      and(
        eq(unitResults.frameworkId, frameworkId),
        eq(unitResults.year, year),
        eq(unitResults.unitId, unitId),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function getResultById(db: DbOrTx, id: string) {
  const rows = await db
    .select(joined)
    .from(unitResults)
    .innerJoin(units, eq(units.id, unitResults.unitId))
    .leftJoin(cycles, eq(cycles.id, unitResults.cycleId))
    .where(eq(unitResults.id, id))
    .limit(1);
  return rows[0];
}

export async function listResults(db: DbOrTx, frameworkId: string, year: number, scope: Scope) {
  return db
    .select(joined)
    .from(unitResults)
    .innerJoin(units, eq(units.id, unitResults.unitId))
    .leftJoin(cycles, eq(cycles.id, unitResults.cycleId))
    .where(
      and(
        eq(unitResults.frameworkId, frameworkId),
        eq(unitResults.year, year),
        pathColumnInScope(units.path, scope),
      ),
    )
    .orderBy(sql`${unitResults.rank} nulls last`, units.name);
}

export async function countResults(db: DbOrTx, frameworkId: string, year: number): Promise<number> {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(unitResults)
    .where(and(eq(unitResults.frameworkId, frameworkId), eq(unitResults.year, year)));
  return Number(r[0]?.n ?? 0);
}

export async function inputsOf(db: DbOrTx, resultId: string) {
  return db
    .select({ code: resultInputs.code, input: resultInputs.input })
    .from(resultInputs)
    .where(eq(resultInputs.resultId, resultId));
}

export async function replaceInputs(
  db: DbOrTx,
  resultId: string,
  inputs: { code: string; input: unknown }[],
) {
  await db.delete(resultInputs).where(eq(resultInputs.resultId, resultId));
  if (inputs.length) await db.insert(resultInputs).values(inputs.map((i) => ({ resultId, ...i })));
}

export async function insertResult(db: DbOrTx, row: typeof unitResults.$inferInsert) {
  return (await db.insert(unitResults).values(row).returning())[0]!;
}

/** Update a result only if it is still at `baseRevision`. */
export async function updateResult(
  db: DbOrTx,
  id: string,
  baseRevision: number,
  set: Partial<typeof unitResults.$inferInsert>,
) {
  const r = await db
    .update(unitResults)
    .set({ ...set, revision: sql`${unitResults.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(unitResults.id, id), eq(unitResults.revision, baseRevision)))
    .returning();
  return r[0];
}

/** Ranks of a whole set (framework, year) from the stored index: equal index, equal rank; the next
 * rank skips (SQL rank() is exactly that rule). One statement, only changed rows written. */
export async function updateRanks(db: DbOrTx, frameworkId: string, year: number) {
  await db.execute(sql`
    update unit_results r set rank = x.rk
    from (
      select id, rank() over (order by index_value desc)::int as rk
      from unit_results where framework_id = ${frameworkId} and year = ${year}
    ) x
    where r.id = x.id and r.rank is distinct from x.rk`);
}

/** The most recent result of a unit before `year` (any framework), with its framework. */
export async function previousResult(db: DbOrTx, unitId: string, year: number) {
  const rows = await db
    .select({ r: unitResults, fw: frameworks })
    .from(unitResults)
    .innerJoin(frameworks, eq(frameworks.id, unitResults.frameworkId))
    .where(and(eq(unitResults.unitId, unitId), lt(unitResults.year, year)))
    .orderBy(desc(unitResults.year), desc(unitResults.updatedAt))
    .limit(1);
  return rows[0];
}

/** Every input of a set, ordered by result: the one read of the bulk recomputation. */
export async function allInputs(db: DbOrTx, frameworkId: string, year: number) {
  return rawRows<{ result_id: string; code: string; input: unknown }>(
    db,
    sql`select i.result_id, i.code, i.input from result_inputs i
        join unit_results r on r.id = i.result_id
        where r.framework_id = ${frameworkId} and r.year = ${year}
        order by i.result_id`,
  );
}

/** Write computed figures for many results in one statement (arrays unnested server-side). */
export async function writeComputed(
  db: DbOrTx,
  rows: {
    id: string;
    total: string;
    applicableMax: string;
    index: string;
    bandCode: string | null;
    bandLabel: string | null;
    fields: string;
    missing: number;
  }[],
) {
  const CHUNK = 5000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const col = <K extends keyof (typeof rows)[number]>(k: K) => part.map((r) => r[k]);
    await db.execute(sql`
      update unit_results r set
        total = x.total, applicable_max = x.amax, index_value = x.idx,
        band_code = x.band_code, band_label = x.band_label, fields = x.fields, missing = x.missing,
        updated_at = now()
      from unnest(
        ${sql.param(col('id'))}::uuid[], ${sql.param(col('total'))}::numeric[], ${sql.param(col('applicableMax'))}::numeric[],
        ${sql.param(col('index'))}::numeric[], ${sql.param(col('bandCode'))}::text[], ${sql.param(col('bandLabel'))}::text[],
        ${sql.param(col('fields'))}::jsonb[], ${sql.param(col('missing'))}::int[]
      ) as x(id, total, amax, idx, band_code, band_label, fields, missing)
      where r.id = x.id`);
  }
}

export async function setModes(db: DbOrTx, frameworkId: string, year: number) {
  return db
    .select({ id: unitResults.id, mode: unitResults.mode })
    .from(unitResults)
    .where(and(eq(unitResults.frameworkId, frameworkId), eq(unitResults.year, year)));
}

/** Every transaction that writes results of a set (framework, year) and ranks them takes this lock
 * first: ranking touches every row of the set, so two writers that each changed some rows first
 * would otherwise wait on each other's rows (a deadlock). Held until the transaction ends. */
export async function lockRankSet(db: DbOrTx, frameworkId: string, year: number) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`ranks:${frameworkId}:${year}`}))`);
}
