/** 100 000 paper ballots × the questions of the citizen form (PL01a) in one .xlsx, imported through the
 * ballots service on PostgreSQL (read in the upload worker, every row checked, one transaction,
 * duplicates flagged, one audit entry). Baseline in the same run: the same rows loaded by COPY into a
 * table shaped as survey_ballots (with its indexes). Target: the import ≤ 30 s.
 * Uses its own database (dropped and recreated). BENCH_DATABASE_URL overrides
 * postgres://postgres@127.0.0.1:5432/chiso_bench_ballots. BENCH_BALLOTS overrides the count. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { formQuestions, ratingQuestions, type SurveyForm } from '@chiso/domain';
import { openDb } from '../apps/server/src/db/open.ts';
import { closeUploadWorkers, configureUploads } from '../apps/server/src/lib/uploadPool.ts';
import { streamSheet } from '../apps/server/src/lib/xlsx.ts';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/auth/actor.ts';
import { SurveyBallotImportService } from '../apps/server/src/modules/surveyBallots/importer.ts';
import { SurveyCampaignService } from '../apps/server/src/modules/surveys/campaigns.ts';
import { seedDemo } from '../apps/server/src/modules/system/seed.ts';
import { findOpenByCode } from '../apps/server/src/modules/units/service.ts';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chiso_bench_ballots';
const N = Number(process.env.BENCH_BALLOTS ?? 100_000);
const LIMIT_S = 30;
if (!/@(127\.0\.0\.1|localhost)[:/]/.test(URL)) throw new Error('benchmarks run against 127.0.0.1 only');

const dbName = new globalThis.URL(URL).pathname.slice(1);
const admin = new pg.Client({ connectionString: URL.replace(/\/[^/]+$/, '/postgres') });
await admin.connect();
await admin.query(`drop database if exists "${dbName}" with (force)`);
await admin.end();
const database = await openDb({ databaseUrl: URL });
const db = database.db;
await seedDemo(db);
// a 100 000-row file is ~15 MB: allow 64 MB uploads here, as an operator would
configureUploads({ uploadMaxBytes: 64 * 1024 * 1024 });

const unitCodes = ['PA08', 'PC06', 'CAH-CLD', 'CLD-TT'];
const units = await Promise.all(unitCodes.map((c) => findOpenByCode(db, c)));
const forms = (await db.execute(
  `select id, definition from survey_forms where code = 'PL01a'`,
)) as unknown as {
  rows: { id: string; definition: SurveyForm }[];
};
const form = forms.rows[0]!;
const campaigns = new SurveyCampaignService(db);
const { id: campaignId } = await campaigns.create(SYSTEM_ACTOR, {
  code: 'BENCH-2024',
  name: 'Đo hiệu năng nhập phiếu',
  year: 2024,
  formId: form.id,
  ownerUnitId: (await findOpenByCode(db, 'CAT-ST'))!.id,
  periodFrom: '2024-01-01',
  periodTo: '2024-06-30',
  opensOn: '2024-01-01',
  closesOn: '2030-12-31',
  fields: [{ code: 'CCCD', name: 'Căn cước' }],
  targets: units.map((u) => ({ unitId: u!.id, fieldCode: 'CCCD', transactions: 100_000 })),
});
await campaigns.setStatus(SYSTEM_ACTOR, campaignId, 'open');

// the file: fixed columns, then one column per question of PL01a
const questions = formQuestions(form.definition);
const scale = ratingQuestions(form.definition).length;
const header = [
  'Mã đơn vị',
  'Mã lĩnh vực',
  'Số phiếu',
  'Mã hồ sơ',
  'Số điện thoại',
  ...questions.map((q) => q.code),
];
const rowOf = (i: number): string[] => [
  unitCodes[i % unitCodes.length]!,
  'CCCD',
  `B${String(i + 1).padStart(6, '0')}`,
  `HS-${(i * 7919) % (N - 50)}`, // a few dossiers repeat: duplicates to flag
  i % 3 === 0 ? `09${String(10_000_000 + ((i * 104729) % 89_999_999)).slice(0, 8)}` : '',
  ...questions.map((q, k) => {
    switch (q.type) {
      case 'scale':
        return String(1 + ((i + k) % 5));
      case 'number':
        return String(i % 4);
      case 'multi':
        return i % 2 ? 'TG,HS' : 'TD';
      case 'text':
        return i % 50 === 0 ? 'Cần thêm ghế chờ' : '';
      default:
        return q.options?.[i % q.options.length]?.code ?? '';
    }
  }),
];
let t0 = performance.now();
const xlsx = await streamSheet(
  { name: 'Phiếu', columns: header.map((h) => ({ header: h, type: 'text' as const })) },
  (function* () {
    for (let i = 0; i < N; i++) yield rowOf(i);
  })(),
);
console.log(
  `file: ${N.toLocaleString('vi-VN')} ballots × ${questions.length} questions (${scale} rated), ${(xlsx.length / 1048576).toFixed(1)} MB .xlsx, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// baseline: the same rows by COPY into a table shaped as survey_ballots (its indexes included)
const pool = new pg.Pool({ connectionString: URL, max: 1 });
await pool.query('create table bench_copy (like survey_ballots including all)');
const csvPath = path.join(os.tmpdir(), `chiso-bench-ballots-${process.pid}.csv`);
const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
const byCode = new Map(unitCodes.map((c, i) => [c, units[i]!.id]));
const lines: string[] = [];
for (let i = 0; i < N; i++) {
  const r = rowOf(i);
  const answers: Record<string, unknown> = {};
  const ratings: string[] = [];
  questions.forEach((qq, k) => {
    const v = r[5 + k]!;
    if (qq.type === 'scale') ratings.push(v);
    else if (v) answers[qq.code] = qq.type === 'multi' ? v.split(',') : qq.type === 'number' ? Number(v) : v;
  });
  lines.push(
    [
      campaignId,
      byCode.get(r[0]!)!,
      'CCCD',
      'import',
      q(`{${ratings.join(',')}}`),
      q(JSON.stringify(answers)),
      r[2],
      r[3],
      r[4] || '',
    ]
      .map(String)
      .join(','),
  );
}
fs.writeFileSync(csvPath, lines.join('\n') + '\n');
fs.chmodSync(csvPath, 0o644);
t0 = performance.now();
await pool.query(
  `copy bench_copy (campaign_id, unit_id, field_code, mode, ratings, answers, serial, dossier_no, contact_phone) from '${csvPath}' with (format csv)`,
);
const copyS = (performance.now() - t0) / 1000;
fs.rmSync(csvPath);

// the import through the service
const importer = new SurveyBallotImportService(db);
t0 = performance.now();
const r = await importer.importFile(
  SYSTEM_ACTOR,
  campaignId,
  { name: 'phieu-bench.xlsx', bytes: xlsx },
  null,
);
const importS = (performance.now() - t0) / 1000;
const stored = (
  await pool.query('select count(*)::int as n from survey_ballots where campaign_id = $1', [campaignId])
).rows[0] as { n: number };
console.log(
  `imported ${r.rows.toLocaleString('vi-VN')} ballots (stored ${stored.n}), ${r.duplicates} flagged as duplicates`,
);
console.log(
  `import through the service: ${importS.toFixed(1)} s (target ≤ ${LIMIT_S} s) — ${importS <= LIMIT_S ? 'OK' : 'TOO SLOW'}`,
);
console.log(
  `baseline, the same rows by COPY: ${copyS.toFixed(2)} s (import = ${(importS / copyS).toFixed(1)} × COPY)`,
);
await pool.end();
await closeUploadWorkers();
await database.close();
if (importS > LIMIT_S) process.exitCode = 1;
