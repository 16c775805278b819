/** Starts the real server (built web app, fresh data directory, demo mode) for browser tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
export const OUT = path.join(root, 'e2e/out');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Running {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  log: () => string;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown of any kind; the data directory stays. */
  kill(): Promise<void>;
}

/** Start the server; `dataDir` reuses a data directory (a restart after a crash). */
export async function startServer(opts: { dataDir?: string } = {}): Promise<Running> {
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    const r = spawnSync('npm', ['run', 'build', '-w', '@chiso/web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('web build failed');
  }
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-e2e-'));
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CHISO_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // the reminder job runs often enough for a test to see its notices
      JOBS_INTERVAL_SECONDS: '3',
    },
  });
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // the demo seeding is slow on a loaded machine
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const r: Running = {
    url,
    dataDir,
    proc,
    log: () => out,
    /** Stop the server (if still running) and remove its data directory. */
    stop: async () => {
      try {
        if (proc.exitCode === null && proc.signalCode === null) {
          const exited = new Promise((r) => proc.once('exit', r));
          proc.kill('SIGTERM');
          await exited;
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
  running.servers.add(r);
  proc.once('exit', () => running.servers.delete(r));
  return r;
}

/** Playwright's wait for one action or expectation. Its default (30 s) is short on a CI machine shared
 * with other jobs (a run there has taken 2.6 × as long as on a quiet machine); a test still ends at
 * the project's test timeout. E2E_ACTION_TIMEOUT_MS overrides it. */
const ACTION_TIMEOUT_MS = Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 75_000);

/** Browsers and servers of the running test file, for the report of a failed test (e2e/setup.ts). */
export const running = { browsers: new Set<Browser>(), servers: new Set<Running>() };

export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // every page and context made from it waits ACTION_TIMEOUT_MS
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (o) => {
    const ctx = await newContext(o);
    ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return ctx;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (o) => {
    const page = await newPage(o);
    page.context().setDefaultTimeout(ACTION_TIMEOUT_MS);
    return page;
  };
  running.browsers.add(browser);
  browser.on('disconnected', () => running.browsers.delete(browser));
  return browser;
}

export async function demoPassword(url: string, username: string): Promise<string> {
  const s = (await (await fetch(`${url}/api/auth/session`)).json()) as {
    demo: { username: string; password: string }[] | null;
  };
  const a = s.demo?.find((d) => d.username === username);
  if (!a) throw new Error(`no demo account ${username}`);
  return a.password;
}

/** A signed-in page of a demo user (its own browser context), on the dashboard. */
export async function loginPage(browser: Browser, url: string, username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(url + '/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(await demoPassword(url, username));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Quyền của tôi').waitFor();
  return page;
}

/** A JSON call made by the page itself (its session and CSRF token): to prepare data through the
 * same API the screens use. */
export async function pageApi(page: Page, method: string, url: string, body?: unknown) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const s = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const r = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as unknown };
    },
    { method, url, body },
  );
}

/** A signed-in JSON client of a user over fetch (its own cookie jar and CSRF token), for tests that
 * drive the server without a browser (the SIGKILL tests). */
export async function apiLogin(url: string, username: string, password: string) {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv!.indexOf('=');
      jar.set(kv!.slice(0, i), kv!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const s = await fetch(`${url}/api/auth/session`);
  keep(s);
  let csrf = ((await s.json()) as { csrfToken: string }).csrfToken;
  const l = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password }),
  });
  keep(l);
  if (!l.ok) throw new Error(`login ${username}: ${l.status} ${await l.text()}`);
  csrf = ((await l.json()) as { csrfToken: string }).csrfToken;
  return {
    get: async <T>(path: string) =>
      (await (await fetch(url + path, { headers: { cookie: cookie() } })).json()) as T,
    send: (method: string, path: string, body: unknown) =>
      fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      }),
  };
}
