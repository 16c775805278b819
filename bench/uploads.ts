/** Uploads after security issue #11, each figure beside a baseline measured in the same run:
 * 1. the table check of a 20 000-row CSV through the upload worker (reading and checking; target
 *    < 1 s), beside parsing the same CSV alone on the main thread;
 * 2. an .xlsx with one value at A1 and one at XFD1048576 refused (target < 1 s), beside reading a
 *    two-cell .xlsx through the same worker; and the sparse A1 + A12000 sheet of the issue (was 32 s);
 * 3. the health route's p99 over HTTP while 20 000-row checks run (target < 200 ms), beside the
 *    health route at rest, both measured from this process against the server started as npm start
 *    starts it (PGlite in a temporary directory, removed at the end, with the demo data). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { checkTable } from '../packages/domain/src/checkTable/index.ts';
import { readTabular } from '../apps/server/src/lib/tabular.ts';
import { closeUploadWorkers } from '../apps/server/src/lib/uploadPool.ts';
import { checkUploadJson } from '../apps/server/src/modules/checks/service.ts';

const ROWS = 20_000;
const FIELDS = 8;

const vi1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ms = (x: number) => `${vi1.format(x)} ms`;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
/** One figure: its label padded so that the figures line up. */
const row = (label: string, text: string) => console.log(`   ${label.padEnd(40)} ${text}`);
const verdict = (x: number, target: number) => (x < target ? 'đạt' : 'CHƯA ĐẠT');

let seed = 11;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

/** A published table as provinces print it: 8 fields with their maxima, total, index, rank; a few
 * totals and ranks wrong on purpose. */
function table(): string {
  const lines = [
    [
      'Đơn vị',
      ...Array.from({ length: FIELDS }, (_, i) => `Lĩnh vực ${i + 1} (12,5)`),
      'Tổng điểm',
      'Chỉ số',
      'Xếp hạng',
    ].join(';'),
  ];
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const pts = Array.from({ length: FIELDS }, () => rnd(1251));
    const total = pts.reduce((a, b) => a + b, 0);
    // a misprinted total now and then (its index follows it)
    return { i, pts, total, printed: total + (i % 997 === 0 ? 25 : 0) };
  });
  // ranks as printed: ties share a rank, the next skips
  const order = [...rows].sort((a, b) => b.total - a.total);
  const rank = new Map<number, number>();
  order.forEach((r, k) =>
    rank.set(r.i, k > 0 && order[k - 1]!.total === r.total ? rank.get(order[k - 1]!.i)! : k + 1),
  );
  const f = (h: number) => (h / 100).toFixed(2).replace('.', ',');
  for (const r of rows)
    lines.push(
      [
        `Đơn vị ${r.i + 1}`,
        ...r.pts.map(f),
        f(r.printed),
        f(r.printed), // the maxima sum to 100: the index is the total
        String(r.i % 1009 === 0 ? rank.get(r.i)! + 3 : rank.get(r.i)!),
      ].join(';'),
    );
  return lines.join('\r\n') + '\r\n';
}

async function xlsx(cells: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kết quả');
  for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function time<T>(f: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

const SETTINGS = { transpose: false, max: null };
const csv = table();
const csvBuf = Buffer.from(csv, 'utf8');
console.log(
  `Tệp CSV: ${ROWS.toLocaleString('vi-VN')} dòng × ${FIELDS + 4} cột, ${Math.round(csvBuf.length / 1024)} KB`,
);

// --- 1. the table check of 20 000 rows
await checkUploadJson(Buffer.from('Đơn vị,A (1)\nX,1\n'), 'khoi-dong.csv', SETTINGS); // start the worker
const viaWorker: number[] = [];
const domainOnly: number[] = [];
const parseOnly: number[] = [];
let findings = 0;
for (let i = 0; i < 5; i++) {
  const [a, body] = await time(() => checkUploadJson(csvBuf, 'bang.csv', SETTINGS));
  viaWorker.push(a);
  findings = (JSON.parse(body.toString('utf8')) as { findings: unknown[] }).findings.length;
  const rows = parse(csv, { delimiter: ';', relax_column_count: true, trim: true }) as string[][];
  domainOnly.push((await time(() => checkTable(rows)))[0]);
  parseOnly.push((await time(() => parse(csv, { delimiter: ';', relax_column_count: true, trim: true })))[0]);
}
console.log(
  `\n1. Kiểm tra bảng ${ROWS.toLocaleString('vi-VN')} dòng (trung vị của 5 lần; ${findings} sai sót tìm thấy)`,
);
row(
  'đọc + kiểm tra + JSON trong luồng phụ',
  `${ms(med(viaWorker))} (mục tiêu < 1 s: ${verdict(med(viaWorker), 1000)})`,
);
row('riêng checkTable (miền, luồng chính)', `${ms(med(domainOnly))}`);
row('mốc: chỉ phân tích CSV (csv-parse)', `${ms(med(parseOnly))} (cùng lần chạy)`);

// --- 2. the sparse spreadsheets
const xfd = await xlsx({ A1: 'Đơn vị', XFD1048576: 'x' });
const sparse = await xlsx({ A1: 'Đơn vị', A12000: 'Sở Nội vụ' });
const small = await xlsx({ A1: 'Đơn vị', B2: '1' });
const refused: number[] = [];
const sparseRead: number[] = [];
const smallRead: number[] = [];
let refusal = '';
for (let i = 0; i < 5; i++) {
  refused.push(
    (
      await time(() =>
        readTabular(xfd, 'xfd.xlsx', 'tableCheck').then(
          () => 'ĐÃ ĐỌC (không bị từ chối!)',
          (e: Error & { status?: number }) => (refusal = `${e.status}: ${e.message}`),
        ),
      )
    )[0],
  );
  sparseRead.push((await time(() => readTabular(sparse, 'thua.xlsx', 'tableCheck')))[0]);
  smallRead.push((await time(() => readTabular(small, 'nho.xlsx', 'tableCheck')))[0]);
}
console.log(`\n2. Bảng tính thưa (trung vị của 5 lần, ${Math.round(xfd.length / 1024)} KB mỗi tệp)`);
row(
  'ô A1 và XFD1048576: từ chối sau',
  `${ms(med(refused))} (mục tiêu < 1 s: ${verdict(med(refused), 1000)})`,
);
console.log(`     ${refusal}`);
row('ô A1 và A12000: đọc (trước đây 32 s)', `${ms(med(sparseRead))}`);
row('mốc: tệp hai ô A1, B2', `${ms(med(smallRead))} (cùng lần chạy)`);

// --- 3. health while checks run: the server in a process of its own (as npm start runs it, PGlite in
// a temporary directory with the demo data), this process only sends requests
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const a = probe.address() as net.AddressInfo;
    probe.close(() => resolve(a.port));
  });
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-bench-uploads-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: path.resolve(import.meta.dirname, '..'),
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    CHISO_DEMO: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIST: '/nonexistent-web-dist',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the server did not start in 120 s');
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await section3();
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await closeUploadWorkers();
}

async function section3() {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv!.indexOf('=');
      jar.set(kv!.slice(0, i), kv!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const s0 = await fetch(`${base}/api/auth/session`);
  keep(s0);
  const session = (await s0.json()) as { csrfToken: string; demo: { username: string; password: string }[] };
  const who = session.demo.find((a) => a.username === 'canbo.culaodung')!;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ username: who.username, password: who.password }),
  });
  keep(login);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

  async function health(): Promise<number> {
    const t = performance.now();
    const r = await fetch(`${base}/api/health`);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`health ${r.status}`);
    return performance.now() - t;
  }
  async function checkOverHttp(): Promise<number> {
    const form = new FormData();
    form.append('file', new Blob([csvBuf]), 'bang.csv');
    const t = performance.now();
    const r = await fetch(`${base}/api/check-table`, {
      method: 'POST',
      headers: { cookie: cookie(), 'x-csrf-token': csrf },
      body: form,
    });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`check-table ${r.status}`);
    return performance.now() - t;
  }

  for (let i = 0; i < 50; i++) await health(); // warm-up
  const atRest: number[] = [];
  for (let i = 0; i < 500; i++) atRest.push(await health());
  const during: number[] = [];
  const checks: number[] = [];
  for (let i = 0; i < 3; i++) {
    let done = false;
    const running = checkOverHttp().then((x) => {
      checks.push(x);
      done = true;
    });
    while (!done) during.push(await health());
    await running;
  }
  console.log(
    `\n3. Tuyến /api/health qua HTTP trong khi kiểm tra bảng ${ROWS.toLocaleString('vi-VN')} dòng (3 lần)`,
  );
  row(
    'p99 trong lúc kiểm tra',
    `${ms(pct(during, 99))} (${during.length} yêu cầu; trung vị ${ms(med(during))}, tối đa ${ms(Math.max(...during))}; mục tiêu < 200 ms: ${verdict(pct(during, 99), 200)})`,
  );
  row(
    'mốc: p99 lúc rảnh',
    `${ms(pct(atRest, 99))} (${atRest.length} yêu cầu; trung vị ${ms(med(atRest))}, cùng lần chạy)`,
  );
  row('mỗi lần kiểm tra qua HTTP', `${checks.map(ms).join(', ')}`);
}
