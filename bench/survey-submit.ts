/** Citizen submissions on PostgreSQL (issue #15, acceptance): our POST /s/:token (form token checked,
 * answers checked against the form, limits, one transaction storing the ballot) against a bare
 * Fastify route doing one INSERT of the same body, under the same client load: 50 keep-alive
 * connections from 127.0.0.1, a bounded count and time. Targets: throughput ≥ 50 % of the baseline,
 * p99 ≤ 50 ms, 0 errors. The per-address limit is raised by configuration (printed).
 * Uses its own database (dropped and recreated). BENCH_DATABASE_URL overrides
 * postgres://postgres@127.0.0.1:5432/chiso_bench_survey. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDb } from '../apps/server/src/db/open.ts';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/auth/actor.ts';
import { issueFormToken } from '../apps/server/src/modules/surveyPublic/guard.ts';
import { SurveyCampaignService } from '../apps/server/src/modules/surveys/campaigns.ts';
import { installShippedForms } from '../apps/server/src/modules/surveys/forms.ts';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chiso_bench_survey';
const CONNECTIONS = 50;
const COUNT = Number(process.env.BENCH_COUNT ?? 6000);
const MAX_SECONDS = 30;
const WARMUP = 500;
const ADDRESS_LIMIT = 10_000_000;
const SCALE = ['TC1', 'TC2', 'TC3', 'TT1', 'TT2', 'TT3', 'TT4', 'CB1', 'CB2', 'CB3', 'CB4', 'CB5'].concat([
  'KQ1',
  'KQ2',
  'KQ3',
  'PA1',
  'PA2',
  'PA3',
  'HL',
]);

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`drop database if exists "${new globalThis.URL(URL).pathname.slice(1)}" with (force)`);
  await admin.end();
}

/** `count` POSTs over `CONNECTIONS` keep-alive connections; bodies made by `body(i)`. */
async function load(port: number, path: string, count: number, body: (i: number) => string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const one = (payload: string) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(payload);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count && Date.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        const status = await one(body(i));
        times.push(performance.now() - t0);
        if (status < 200 || status >= 300) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    rps: times.length / seconds,
    p50: times[Math.floor(times.length * 0.5)] ?? 0,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    errors,
  };
}

const fmt = (r: Awaited<ReturnType<typeof load>>) =>
  `${r.n} requests, ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}`;

async function main() {
  await dropDatabase();
  const database = await openDb({ databaseUrl: URL });
  const db = database.db;
  const pool = new pg.Pool({ connectionString: URL, max: 10 });
  const forms = await installShippedForms(db);
  const unit = (
    await pool.query(
      `insert into units (id, code, name, kind, path, depth, valid_from, search_key)
       select id, 'CAH-B', 'Công an huyện Cù Lao Dung', 'district_police', '/' || id || '/', 0, '2020-01-01', 'cong an huyen'
       from (select gen_random_uuid() id) s returning id`,
    )
  ).rows[0] as { id: string };
  const campaigns = new SurveyCampaignService(db);
  const { id } = await campaigns.create(SYSTEM_ACTOR, {
    code: 'HL-BENCH',
    name: 'Đo hiệu năng',
    year: 2026,
    formId: forms.get('PL01a')!,
    ownerUnitId: unit.id,
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
    fields: [{ code: 'CCCD', name: 'Cấp, quản lý Căn cước công dân' }],
    targets: [{ unitId: unit.id, fieldCode: 'CCCD', transactions: 1000 }],
  });
  await campaigns.setStatus(SYSTEM_ACTOR, id, 'open');
  const link = `/s/${((await campaigns.get(SYSTEM_ACTOR, id)).targets[0]!.link ?? '').slice(3)}`;

  const config = {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: URL,
      WEB_DIST: '/nonexistent-web-dist',
      DATA_DIR: '/nonexistent-bench-dir',
      SURVEY_PER_ADDRESS_PER_HOUR: String(ADDRESS_LIMIT),
    }),
  };
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const ourPort = (app.server.address() as AddressInfo).port;
  // the form-token secret is made on the first page
  await fetch(`http://127.0.0.1:${ourPort}${link}`);
  const secret = String(
    (await pool.query(`select value #>> '{}' as v from app_meta where key = 'survey_submit_secret'`)).rows[0]
      .v,
  );

  const answers = new URLSearchParams({ q_DT: 'CN', q_YK: 'Phục vụ tốt, hướng dẫn tận tình' });
  for (const q of SCALE) answers.set(`q_${q}`, q === 'HL' ? '5' : '4');
  answers.append('q_MD', 'TG');
  answers.append('q_MD', 'TT');
  const plain = answers.toString();

  // baseline: a bare Fastify route doing one INSERT of the same body, same pool size
  await pool.query(
    'create table bench_submit (id bigserial primary key, body text not null, at timestamptz default now())',
  );
  const bare = Fastify({ logger: false });
  bare.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, b, done) =>
    done(null, b),
  );
  bare.post('/base', async (req) => {
    await pool.query('insert into bench_submit (body) values ($1)', [req.body as string]);
    return 'ok';
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const basePort = (bare.server.address() as AddressInfo).port;

  const tokens = Array.from({ length: COUNT + WARMUP }, () =>
    issueFormToken(secret, link, Date.now() - 60_000),
  );
  const ours = (off: number) => (i: number) => `${plain}&_t=${encodeURIComponent(tokens[off + i]!)}`;
  await load(basePort, '/base', WARMUP, () => plain);
  const warm = await load(ourPort, link, WARMUP, ours(0));
  const base = await load(basePort, '/base', COUNT, () => plain);
  const mine = await load(ourPort, link, COUNT, ours(WARMUP));
  const stored = Number(
    (await pool.query('select count(*)::int as n from survey_ballots where campaign_id = $1', [id])).rows[0]
      .n,
  );
  const ratio = (mine.rps / base.rps) * 100;
  console.log(
    `survey submissions on PostgreSQL, ${CONNECTIONS} connections from 127.0.0.1, ≤ ${COUNT} requests or ${MAX_SECONDS} s each`,
  );
  console.log(`per-address limit configured: SURVEY_PER_ADDRESS_PER_HOUR=${config.surveyPerAddressPerHour}`);
  console.log(`baseline (bare Fastify, one INSERT): ${fmt(base)}`);
  console.log(`POST /s/:token:                     ${fmt(mine)}`);
  console.log(
    `ballots stored: ${stored} (expected ${warm.n - warm.errors + mine.n - mine.errors}: warm-up and measured, each acknowledged once)`,
  );
  console.log(`throughput ratio: ${ratio.toFixed(1)} % (target ≥ 50 %) ${ratio >= 50 ? 'OK' : 'MISSED'}`);
  console.log(`p99: ${mine.p99.toFixed(1)} ms (target ≤ 50 ms) ${mine.p99 <= 50 ? 'OK' : 'MISSED'}`);
  console.log(`errors: ${mine.errors} (target 0) ${mine.errors === 0 ? 'OK' : 'MISSED'}`);
  await bare.close();
  await app.close();
  await pool.end();
  await database.close();
  await dropDatabase();
  if (
    ratio < 50 ||
    mine.p99 > 50 ||
    mine.errors > 0 ||
    stored !== warm.n - warm.errors + mine.n - mine.errors
  )
    process.exitCode = 1;
}

await main();
