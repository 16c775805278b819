import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../../db/open.ts';
import { cycles, frameworks, rankGroups, resultInputs, unitResults, units } from '../../db/schema.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import { nameInYear } from '../../db/unitNames.ts';
import type { Scope } from '../auth/scope.ts';

export type ResultRowDb = typeof unitResults.$inferSelect;

const joined = {
  r: unitResults,
  // the name the unit had in the result's year (Đội Tổng hợp in 2023, Đội Tham mưu in 2024)
  unitName: nameInYear(units.id, unitResults.year),
  unitCode: units.code,
  unitPath: units.path,
  /** null when the result does not come from a cycle */
  cycleStatus: cycles.status,
  /** the path of the unit running that cycle */
  cycleOwnerPath: sql<string | null>`(select u2.path from units u2 where u2.id = ${cycles.ownerUnitId})`,
  /** the unit that owns the result's ranking set */
  ownerName: sql<string>`(select u3.name from units u3 where u3.id = ${unitResults.ownerUnitId})`,
  frameworkCode: sql<string>`(select f2.code from frameworks f2 where f2.id = ${unitResults.frameworkId})`,
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

/** The results of a cycle (ranked first, then by unit name). */
export async function resultsOfCycle(db: DbOrTx, cycleId: string) {
  return db
    .select(joined)
    .from(unitResults)
    .innerJoin(units, eq(units.id, unitResults.unitId))
    .leftJoin(cycles, eq(cycles.id, unitResults.cycleId))
    .where(eq(unitResults.cycleId, cycleId))
    .orderBy(sql`${unitResults.rank} nulls last`, units.name);
}

/** The results of some units for a framework version and year. */
export async function resultsOfUnits(db: DbOrTx, frameworkId: string, year: number, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .select({
      id: unitResults.id,
      unitId: unitResults.unitId,
      revision: unitResults.revision,
      ownerUnitId: unitResults.ownerUnitId,
      cycleId: unitResults.cycleId,
      total: unitResults.total,
      indexValue: unitResults.indexValue,
      rank: unitResults.rank,
    })
    .from(unitResults)
    .where(
      and(
        eq(unitResults.frameworkId, frameworkId),
        eq(unitResults.year, year),
        inArray(unitResults.unitId, unitIds),
      ),
    );
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

/** A ranking set: results are ranked within (owner unit, framework code, year) and, inside it, by
 * group. A cycle's set belongs to the cycle's owner. */
export interface RankSet {
  ownerUnitId: string;
  frameworkCode: string;
  year: number;
}

/** Ranks of one set from the stored index, each group on its own: equal index, equal rank; the next
 * rank skips (SQL rank() is exactly that rule, the domain's `rankByGroup`). First each result's group
 * is the one its unit's kind is declared in (`assignGroups`). Only changed rows written. */
export async function updateRanks(db: DbOrTx, set: RankSet) {
  await assignGroups(db, set);
  await db.execute(sql`
    update unit_results r set rank = x.rk
    from (
      select ur.id, rank() over (partition by ur.rank_group order by ur.index_value desc)::int as rk
      from unit_results ur join frameworks f on f.id = ur.framework_id
      where ur.owner_unit_id = ${set.ownerUnitId} and f.code = ${set.frameworkCode} and ur.year = ${set.year}
    ) x
    where r.id = x.id and r.rank is distinct from x.rk`);
}

/** How many results each group of a set holds ("xếp thứ k/N" counts the group). */
export async function groupSizes(db: DbOrTx, set: RankSet): Promise<Map<string, number>> {
  const rows = await rawRows<{ g: string; n: number | string }>(
    db,
    sql`select ur.rank_group as g, count(*)::int as n
        from unit_results ur join frameworks f on f.id = ur.framework_id
        where ur.owner_unit_id = ${set.ownerUnitId} and f.code = ${set.frameworkCode} and ur.year = ${set.year}
        group by ur.rank_group`,
  );
  return new Map(rows.map((r) => [r.g, Number(r.n)]));
}

/** The sets of a framework code and year that hold results, with the owner's name and path, how
 * many results each holds, and the cycle that owns it (if any). */
export async function setsOf(db: DbOrTx, frameworkCode: string, year: number) {
  return rawRows<{
    owner_unit_id: string;
    owner_name: string;
    owner_path: string;
    n: number | string;
  }>(
    db,
    sql`select ur.owner_unit_id, u.name as owner_name, u.path as owner_path, count(*)::int as n
        from unit_results ur
        join frameworks f on f.id = ur.framework_id
        join units u on u.id = ur.owner_unit_id
        where f.code = ${frameworkCode} and ur.year = ${year}
        group by ur.owner_unit_id, u.name, u.path`,
  );
}

/** The cycle whose set this is (one cycle per owner, framework and year), if any. */
export async function cycleOfSet(db: DbOrTx, set: RankSet) {
  const rows = await db
    .select({ id: cycles.id, name: cycles.name, status: cycles.status })
    .from(cycles)
    .innerJoin(frameworks, eq(frameworks.id, cycles.frameworkId))
    .where(
      and(
        eq(cycles.ownerUnitId, set.ownerUnitId),
        eq(frameworks.code, set.frameworkCode),
        eq(cycles.year, set.year),
      ),
    )
    .limit(1);
  return rows[0];
}

/** The results of a set: unit, name, path and the cycle each comes from (null: entered or imported). */
export async function resultsOfSet(db: DbOrTx, set: RankSet) {
  return db
    .select({
      unitId: unitResults.unitId,
      unitName: nameInYear(units.id, unitResults.year),
      unitPath: units.path,
      cycleId: unitResults.cycleId,
    })
    .from(unitResults)
    .innerJoin(units, eq(units.id, unitResults.unitId))
    .innerJoin(frameworks, eq(frameworks.id, unitResults.frameworkId))
    .where(
      and(
        eq(unitResults.ownerUnitId, set.ownerUnitId),
        eq(frameworks.code, set.frameworkCode),
        eq(unitResults.year, set.year),
      ),
    );
}

/** The results of these units for a year under any version of a framework code. */
export async function resultsOfCode(db: DbOrTx, frameworkCode: string, year: number, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .select({
      unitId: unitResults.unitId,
      unitName: units.name,
      frameworkId: unitResults.frameworkId,
      version: frameworks.version,
    })
    .from(unitResults)
    .innerJoin(frameworks, eq(frameworks.id, unitResults.frameworkId))
    .innerJoin(units, eq(units.id, unitResults.unitId))
    .where(
      and(
        eq(frameworks.code, frameworkCode),
        eq(unitResults.year, year),
        inArray(unitResults.unitId, unitIds),
      ),
    );
}

/** The result of a unit for a year under any version of a framework code (a unit is ranked once a
 * year per framework code). */
export async function resultOfCode(db: DbOrTx, frameworkCode: string, year: number, unitId: string) {
  const rows = await db
    .select({ id: unitResults.id, frameworkId: unitResults.frameworkId, version: frameworks.version })
    .from(unitResults)
    .innerJoin(frameworks, eq(frameworks.id, unitResults.frameworkId))
    .where(
      and(eq(frameworks.code, frameworkCode), eq(unitResults.year, year), eq(unitResults.unitId, unitId)),
    )
    .limit(1);
  return rows[0];
}

/** The most recent results of a unit before `year` (any framework), newest first, with their
 * framework and, for a cycle's result, the cycle's status and owner's path (who may see it). */
export async function previousResults(db: DbOrTx, unitId: string, year: number, limit = 5) {
  return db
    .select({
      r: unitResults,
      fw: frameworks,
      cycleStatus: cycles.status,
      cycleOwnerPath: sql<string | null>`(select u2.path from units u2 where u2.id = ${cycles.ownerUnitId})`,
    })
    .from(unitResults)
    .innerJoin(frameworks, eq(frameworks.id, unitResults.frameworkId))
    .leftJoin(cycles, eq(cycles.id, unitResults.cycleId))
    .where(and(eq(unitResults.unitId, unitId), lt(unitResults.year, year)))
    .orderBy(desc(unitResults.year), desc(unitResults.updatedAt))
    .limit(limit);
}

/** Every input of a set, ordered by result: the one read of the bulk recomputation. */
export async function allInputs(db: DbOrTx, frameworkId: string, year: number) {
  return rawRows<{ result_id: string; code: string; input: unknown }>(
    db,
    sql`select i.result_id, i.code, i.input from result_inputs i
        join unit_results r on r.id = i.result_id
        where r.framework_id = ${frameworkId} and r.year = ${year} and r.cycle_id is null
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

/** The results of a framework version and year that are not a cycle's, with their mode and set. */
export async function setModes(db: DbOrTx, frameworkId: string, year: number) {
  return db
    .select({ id: unitResults.id, mode: unitResults.mode, ownerUnitId: unitResults.ownerUnitId })
    .from(unitResults)
    .where(
      and(eq(unitResults.frameworkId, frameworkId), eq(unitResults.year, year), isNull(unitResults.cycleId)),
    );
}

/** Every transaction that writes results of a set and ranks them takes this lock first: ranking
 * touches every row of the set, so two writers that each changed some rows first would otherwise
 * wait on each other's rows (a deadlock). Held until the transaction ends. Several sets are locked
 * in the order of their keys. */
export async function lockRankSets(db: DbOrTx, sets: readonly RankSet[]) {
  const keys = [...new Set(sets.map((x) => `ranks:${x.ownerUnitId}:${x.frameworkCode}:${x.year}`))].sort();
  for (const k of keys) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${k}))`);
}

/** The groups declared for a set, with their revision (undefined: none declared). */
export async function getRankGroups(db: DbOrTx, set: RankSet) {
  const rows = await db
    .select()
    .from(rankGroups)
    .where(
      and(
        eq(rankGroups.ownerUnitId, set.ownerUnitId),
        eq(rankGroups.frameworkCode, set.frameworkCode),
        eq(rankGroups.year, set.year),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Store a set's groups if they are still at `baseRevision` (0: none stored yet); the new revision,
 * or null when someone saved in between. */
export async function saveRankGroups(
  db: DbOrTx,
  set: RankSet,
  groups: unknown,
  baseRevision: number,
  by: string | null,
): Promise<number | null> {
  if (baseRevision === 0) {
    const r = await db
      .insert(rankGroups)
      .values({ ...set, groups, updatedBy: by })
      .onConflictDoNothing()
      .returning({ revision: rankGroups.revision });
    return r[0]?.revision ?? null;
  }
  const r = await db
    .update(rankGroups)
    .set({ groups, revision: sql`${rankGroups.revision} + 1`, updatedAt: new Date(), updatedBy: by })
    .where(
      and(
        eq(rankGroups.ownerUnitId, set.ownerUnitId),
        eq(rankGroups.frameworkCode, set.frameworkCode),
        eq(rankGroups.year, set.year),
        eq(rankGroups.revision, baseRevision),
      ),
    )
    .returning({ revision: rankGroups.revision });
  return r[0]?.revision ?? null;
}

/** Each result of a set in the group declaring its unit's kind ('' when none does). */
export async function assignGroups(db: DbOrTx, set: RankSet) {
  await db.execute(sql`
    update unit_results r set rank_group = x.g
    from (
      select ur.id, coalesce((
        select e->>'key' from rank_groups rg, jsonb_array_elements(rg.groups) e
        where rg.owner_unit_id = ur.owner_unit_id and rg.framework_code = f.code and rg.year = ur.year
          and (e->'kinds') @> jsonb_build_array(u.kind)
        limit 1), '') as g
      from unit_results ur
      join frameworks f on f.id = ur.framework_id
      join units u on u.id = ur.unit_id
      where ur.owner_unit_id = ${set.ownerUnitId} and f.code = ${set.frameworkCode} and ur.year = ${set.year}
    ) x
    where r.id = x.id and r.rank_group is distinct from x.g`);
}

/** The units whose results a set holds, with their kinds and groups (for the groups' editor). */
export async function kindsOfSet(db: DbOrTx, set: RankSet) {
  return rawRows<{ kind: string; rank_group: string; n: number | string }>(
    db,
    sql`select u.kind, ur.rank_group, count(*)::int as n
        from unit_results ur
        join frameworks f on f.id = ur.framework_id
        join units u on u.id = ur.unit_id
        where ur.owner_unit_id = ${set.ownerUnitId} and f.code = ${set.frameworkCode} and ur.year = ${set.year}
        group by u.kind, ur.rank_group`,
  );
}

/** The ranked results of `year` of these units or of the units they came from (lineage, up to three
 * steps), among published cycles' results and results entered outside a cycle, nearest first; with
 * the size of each one's group and the name of its ranking (the cycle's, else framework, year, owner). */
export async function previousRankRows(db: DbOrTx, year: number, unitIds: string[]) {
  const ids = sql.join(
    unitIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return rawRows<{
    now_unit: string;
    rank: number;
    rank_group: string;
    owner_unit_id: string;
    code: string;
    total: string;
    of: string | number;
    ranking_name: string;
  }>(
    db,
    sql`with recursive anc(now_unit, unit_id, depth) as (
          select u.id, u.id, 0 from units u where u.id in (${ids})
          union
          select a.now_unit, l.from_unit_id, a.depth + 1 from anc a
            join unit_lineage l on l.to_unit_id = a.unit_id where a.depth < 3)
        select a.now_unit, r.rank, r.rank_group, r.owner_unit_id, f.code, r.total::text as total,
               (select count(*) from unit_results r2 join frameworks f2 on f2.id = r2.framework_id
                 where r2.owner_unit_id = r.owner_unit_id and r2.year = r.year and f2.code = f.code
                   and r2.rank_group = r.rank_group and r2.rank is not null) as of,
               coalesce(c.name, 'Xếp hạng ' || f.name || ' năm ' || r.year || ' của ' || o.name) as ranking_name
          from anc a
          join unit_results r on r.unit_id = a.unit_id and r.year = ${year}
          join frameworks f on f.id = r.framework_id
          join units o on o.id = r.owner_unit_id
          left join cycles c on c.id = r.cycle_id
         where r.rank is not null and (r.cycle_id is null or c.status = 'published')
         order by a.depth`,
  );
}
