/** End to end on PostgreSQL: 10 000 units × 100 leaf inputs (1 000 000 rows) are read, computed by
 * the engine, and the 10 000 results with their field subtotals and ranks are written back
 * (ResultService.recomputeAll). Baseline in the same run: one plain SELECT of the same inputs.
 * Target: end to end ≤ 3 × the baseline. Uses its own database (dropped and recreated).
 * BENCH_DATABASE_URL overrides postgres://postgres@127.0.0.1:5432/chiso_bench_results. */
import pg from 'pg';
import { openDb } from '../apps/server/src/db/open.ts';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/auth/actor.ts';
import { FrameworkService } from '../apps/server/src/modules/frameworks/service.ts';
import { ResultService } from '../apps/server/src/modules/results/service.ts';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chiso_bench_results';
const UNITS = 10_000;
const GROUPS = 10;
const PER_GROUP = 10;
const YEAR = 2024;

const tiers = {
  type: 'ratio_tiers',
  tiers: [
    { minPercent: '0', points: '0' },
    { minPercent: '50', points: '0.5' },
    { minPercent: '80', points: '0.75' },
    { minPercent: '95', points: '1' },
  ],
};
const others = [
  {
    type: 'levels',
    levels: [
      { code: 'A', label: 'Tốt', points: '1' },
      { code: 'B', label: 'Đạt', points: '0.5' },
      { code: 'C', label: 'Chưa đạt', points: '0' },
    ],
  },
  { type: 'deduction', start: '1', perIncident: '0.25', floor: '0' },
  { type: 'survey' },
];
/** About a third ratio with tiers, a third manual, the rest levels, deductions and survey-derived. */
const ruleOf = (k: number) =>
  k % 3 === 0 ? tiers : k % 3 === 1 ? { type: 'manual', step: '0.25' } : others[k % others.length]!;
const criteria = Array.from({ length: GROUPS }, (_, g) => ({
  code: String(g + 1),
  title: `Lĩnh vực ${g + 1}`,
  max: '10',
  children: Array.from({ length: PER_GROUP }, (_, j) => ({
    code: `${g + 1}.${j + 1}`,
    title: `Tiêu chí ${g + 1}.${j + 1}`,
    max: '1',
    rule: ruleOf(g * PER_GROUP + j),
  })),
}));
const definition = {
  code: 'BENCH-2024',
  name: 'Bộ tiêu chí đo hiệu năng 2024',
  yearFrom: YEAR,
  yearTo: YEAR,
  legalBasis: [],
  appliesTo: [],
  totalMax: '100',
  bands: [
    { code: 'XS', label: 'Xuất sắc', minIndex: '95' },
    { code: 'T', label: 'Tốt', minIndex: '80' },
    { code: 'K', label: 'Khá', minIndex: '70' },
    { code: 'HT', label: 'Hoàn thành nhiệm vụ', minIndex: '50' },
    { code: 'KHT', label: 'Không hoàn thành nhiệm vụ', minIndex: '0' },
  ],
  criteria,
};

async function main() {
  const admin = new pg.Client({ connectionString: URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  const dbName = new globalThis.URL(URL).pathname.slice(1);
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  const database = await openDb({ databaseUrl: URL });
  const db = database.db;
  const fwService = new FrameworkService(db);
  const results = new ResultService(db);
  const fw = await fwService.importJson(SYSTEM_ACTOR, null, definition);
  await fwService.publish(SYSTEM_ACTOR, fw.id);

  const pool = new pg.Pool({ connectionString: URL, max: 2 });
  let t = performance.now();
  await pool.query(`
    insert into units (id, code, name, kind, parent_id, path, depth, sort_order, valid_from, search_key)
    select id, 'DV' || g, 'Đơn vị ' || g, 'district_police', null, '/' || id || '/', 0, g, '2020-01-01', 'don vi ' || g
    from (select gen_random_uuid() as id, g from generate_series(1, ${UNITS}) g) s`);
  await pool.query(
    `insert into unit_results (id, framework_id, year, unit_id, owner_unit_id, mode, source, total, applicable_max, index_value, fields)
     select gen_random_uuid(), $1, ${YEAR}, id, (select id from units where code = 'DV1'), 'leaves', 'imported', 0, 0, 0, '[]'
     from units where code like 'DV%'`,
    [fw.id],
  );
  const leaves = criteria.flatMap((c) => c.children.map((l) => ({ code: l.code, type: l.rule.type })));
  await pool.query(
    `insert into result_inputs (result_id, code, input)
     select r.id, l.code,
       case l.type
         when 'ratio_tiers' then jsonb_build_object('numerator', floor(random() * 101)::int, 'denominator', 100)
         when 'manual' then jsonb_build_object('value', floor(random() * 5)::int * 25)
         when 'levels' then jsonb_build_object('level', (array['A','B','C'])[1 + floor(random() * 3)::int])
         when 'deduction' then jsonb_build_object('incidents', floor(random() * 5)::int)
         else jsonb_build_object('surveyIndex', 7000 + floor(random() * 3001)::int)
       end
     from unit_results r cross join unnest($1::text[], $2::text[]) as l(code, type)
     where r.framework_id = $3`,
    [leaves.map((l) => l.code), leaves.map((l) => l.type), fw.id],
  );
  await pool.query('vacuum analyze result_inputs');
  await pool.query('vacuum analyze unit_results');
  const rows = (await pool.query('select count(*)::int as n from result_inputs')).rows[0] as { n: number };
  console.log(
    `results end to end on PostgreSQL: ${UNITS} units × ${GROUPS * PER_GROUP} leaves = ${rows.n} input rows (setup ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  const base: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 4; i++) {
    t = performance.now();
    const r = await pool.query('select result_id, code, input from result_inputs');
    const b = performance.now() - t;
    if (r.rowCount !== rows.n) throw new Error('baseline read the wrong number of rows');
    t = performance.now();
    const n = await results.recomputeAll(fw.id, YEAR);
    const o = performance.now() - t;
    if (n !== UNITS) throw new Error(`recomputed ${n} results, expected ${UNITS}`);
    if (i > 0) {
      // first round warms caches and the JIT
      base.push(b);
      ours.push(o);
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const check = (
    await pool.query(
      `select count(*)::int n, count(distinct rank)::int ranks, min(rank) lo, max(rank) hi,
              sum(jsonb_array_length(fields))::int fields from unit_results where framework_id = $1`,
      [fw.id],
    )
  ).rows[0] as { n: number; ranks: number; lo: number; hi: number; fields: number };
  console.log(
    `  stored: ${check.n} results, ${check.fields} field subtotals, ranks ${check.lo}–${check.hi} (${check.ranks} distinct)`,
  );
  console.log(
    `  baseline: one plain SELECT of the ${rows.n} inputs  ${med(base).toFixed(0)} ms (median of 3)`,
  );
  console.log(
    `  end to end: read, compute, store results, subtotals, classes, ranks  ${med(ours).toFixed(0)} ms (median of 3)`,
  );
  const ratio = med(ours) / med(base);
  console.log(
    `  ratio end to end / baseline: ${ratio.toFixed(2)} (target ≤ 3: ${ratio <= 3 ? 'met' : 'NOT met'})`,
  );
  await pool.end();
  await database.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
