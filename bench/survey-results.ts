/** Survey results on PostgreSQL (issue #15 acceptance): 1 000 000 ballots × 20 scale questions over
 * 48 units × 4 fields, generated in SQL. Times our results computation (`buildResults`: counts per
 * unit × field and per question, indices, subtrees) against one hand-written GROUP BY over the same
 * rows (unit, field, question: satisfied and given ratings). Target: ours ≤ 2 × the baseline.
 * Uses its own database, dropped at the end. BENCH_DATABASE_URL overrides
 * postgres://postgres@127.0.0.1:5432/chiso_bench_survey. */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../apps/server/src/db/open.ts';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/auth/actor.ts';
import { buildResults } from '../apps/server/src/modules/surveyResults/build.ts';
import { SurveyFormService } from '../apps/server/src/modules/surveys/forms.ts';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chiso_bench_survey';
const BALLOTS = 1_000_000;
const UNITS = 48;
const FIELDS = ['XNC', 'CCCD', 'CT', 'DKX'];

/** PL01a with one more procedure question: 20 scale questions. */
function form() {
  const def = JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../content/surveys/phieu-01a-nguoi-dan.json'), 'utf8'),
  ) as { code: string; sections: { questions: { code: string; type: string; element?: string }[] }[] };
  def.code = 'BENCH-20';
  const tt = def.sections.find((s) => s.questions.some((q) => q.element === 'TT'))!;
  tt.questions.push({
    code: 'TT5',
    text: 'Biểu mẫu, tờ khai dễ hiểu, dễ điền',
    type: 'scale',
    element: 'TT',
  } as never);
  return def;
}

async function main() {
  const dbName = new globalThis.URL(URL).pathname.slice(1);
  const adminUrl = URL.replace(/\/[^/]+$/, '/postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  const database = await openDb({ databaseUrl: URL });
  const db = database.db;
  const pool = new pg.Pool({ connectionString: URL, max: 2 });
  try {
    const forms = new SurveyFormService(db);
    const f = await forms.importForm(SYSTEM_ACTOR, null, form());
    await forms.transition(SYSTEM_ACTOR, f.id, 'published');
    let t = performance.now();
    await pool.query(`
      insert into units (id, code, name, kind, parent_id, path, depth, sort_order, valid_from, search_key)
      values ('00000000-0000-4000-8000-000000000001', 'CAT', 'Công an tỉnh', 'provincial_police', null,
        '/00000000-0000-4000-8000-000000000001/', 0, 0, '2020-01-01', 'cong an tinh')`);
    await pool.query(`
      insert into units (id, code, name, kind, parent_id, path, depth, sort_order, valid_from, search_key)
      select id, 'DV' || g, 'Đơn vị ' || g, 'district_police', '00000000-0000-4000-8000-000000000001',
        '/00000000-0000-4000-8000-000000000001/' || id || '/', 1, g, '2020-01-01', 'don vi ' || g
      from (select gen_random_uuid() as id, g from generate_series(1, ${UNITS}) g) s`);
    const c = await pool.query<{ id: string }>(
      `insert into survey_campaigns (id, code, name, year, form_id, owner_unit_id, period_from, period_to,
         opens_on, closes_on, status, fields, settings)
       values (gen_random_uuid(), 'BENCH', 'Đo hiệu năng', 2024, $1, '00000000-0000-4000-8000-000000000001',
         '2024-01-01', '2024-06-30', '2024-03-16', '2024-07-01', 'closed', $2, '{}') returning id`,
      [f.id, JSON.stringify(FIELDS.map((code) => ({ code, name: code })))],
    );
    const id = c.rows[0]!.id;
    await pool.query(
      `insert into survey_targets (campaign_id, unit_id, field_code, target, link_token)
       select $1, u.id, f, 380, md5(u.id::text || f) from units u, unnest($2::text[]) f where u.code like 'DV%'`,
      [id, FIELDS],
    );
    // ratings 1–5 with a tilt towards satisfied, about 1 in 20 unanswered; 1 % invalidated; a third online
    await pool.query(
      `insert into survey_ballots (campaign_id, unit_id, field_code, mode, ratings, invalid_reason)
       select $1, t.unit_id, t.field_code, case when g % 3 = 0 then 'qr' else 'paper' end,
         array(select case when random() < 0.05 then null else least(5, 1 + floor(random() * 5.6))::smallint end
               from generate_series(1, 20) q where g > 0),
         case when g % 100 = 0 then 'Phiếu trùng' end
       from generate_series(1, ${BALLOTS}) g
       join (select row_number() over (order by unit_id, field_code) - 1 as k, unit_id, field_code
             from survey_targets where campaign_id = $1) t on t.k = g % ${UNITS * FIELDS.length}`,
      [id],
    );
    await pool.query('vacuum analyze survey_ballots');
    const n = (await pool.query<{ n: number }>('select count(*)::int as n from survey_ballots')).rows[0]!.n;
    console.log(
      `survey results on PostgreSQL: ${n} ballots × 20 scale questions, ${UNITS} units × ${FIELDS.length} fields (setup ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    const baseline = `
      select b.unit_id, b.field_code, q.i, count(*) filter (where q.r >= 4) as satisfied, count(q.r) as n
      from survey_ballots b, unnest(b.ratings) with ordinality as q(r, i)
      where b.campaign_id = $1 and b.invalid_reason is null
      group by 1, 2, 3`;
    const base: number[] = [];
    const ours: number[] = [];
    let overall: number | null = null;
    for (let i = 0; i < 4; i++) {
      t = performance.now();
      const r = await pool.query(baseline, [id]);
      const b = performance.now() - t;
      if (r.rowCount !== UNITS * FIELDS.length * 20) throw new Error(`baseline gave ${r.rowCount} rows`);
      t = performance.now();
      const res = await buildResults(db, id);
      const o = performance.now() - t;
      overall = res.indices.overall.index.index;
      if (res.indices.units.length !== UNITS) throw new Error('results miss units');
      if (i > 0) {
        // the first round warms caches
        base.push(b);
        ours.push(o);
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`  overall index ${overall! / 100} %`);
    console.log(
      `  baseline: one GROUP BY unit, field, question over unnest(ratings)  ${med(base).toFixed(0)} ms (median of 3)`,
    );
    console.log(
      `  ours: buildResults (counts, indices of every level, subtrees)  ${med(ours).toFixed(0)} ms (median of 3)`,
    );
    const ratio = med(ours) / med(base);
    console.log(
      `  ratio ours / baseline: ${ratio.toFixed(2)} (target ≤ 2: ${ratio <= 2 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await pool.end();
    await database.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists "${dbName}" with (force)`);
    await a.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
