/** The real server entry (apps/server/src/main.ts, what `npm start` runs) across three starts of one
 * installation: a demo, then CHISO_DEMO=false (turned real: no demo password signs in), then a plain
 * start that stays real. On the embedded database in a temporary data directory, or, with
 * TEST_DATABASE_URL, on a fresh PostgreSQL database (demo asked by CHISO_DEMO=true). */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const main = path.resolve(import.meta.dirname, '../src/main.ts');
const base = process.env.TEST_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-start-'));
const dbName = `chiso_start_${Date.now()}_${randomBytes(3).toString('hex')}`;
const databaseUrl = base ? Object.assign(new URL(base), { pathname: `/${dbName}` }).toString() : '';

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (base) {
    const admin = Object.assign(new URL(base), { pathname: '/postgres' });
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
  }
});

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

interface Server {
  url: string;
  out: () => string;
  stop: () => Promise<void>;
}

/** Start main.ts with these variables (on top of the data directory or database of this test). */
async function start(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      CHISO_DEMO: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: path.join(dataDir, 'no-web'),
      ...env,
    },
  });
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => proc.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    out: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

interface SessionT {
  demo: { username: string; password?: string }[] | null;
  demoPasswordsShown: boolean;
  csrfToken: string;
}

const session = async (url: string, headers: Record<string, string> = {}) =>
  (await (await fetch(`${url}/api/auth/session`, { headers })).json()) as SessionT;

/** A login over real HTTP (pre-session CSRF cookie echoed in the header): the status. */
async function login(url: string, username: string, password: string): Promise<number> {
  const s = await fetch(`${url}/api/auth/session`);
  const cookie = s.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await s.json()) as SessionT;
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ username, password }),
  });
  return r.status;
}

describe('starting Chiso: demo, then CHISO_DEMO=false, then a plain start', () => {
  it('turns a demo installation real for good; no demo password signs in', async () => {
    // 1. the zero-setup demo (PostgreSQL: asked for)
    let server = await start(base ? { CHISO_DEMO: 'true' } : {});
    let passwords: Map<string, string>;
    try {
      expect(server.out()).toContain('BẢN TRÌNH DIỄN');
      const s = await session(server.url);
      expect(s.demoPasswordsShown).toBe(true);
      passwords = new Map(s.demo!.map((a) => [a.username, a.password!]));
      expect(passwords.size).toBe(11);
      expect(passwords.get('quantri')).toBeTruthy();
      // through a proxy (a forwarding header) the same machine sees usernames only
      const proxied = await session(server.url, { 'x-forwarded-for': '203.0.113.5' });
      expect(proxied.demoPasswordsShown).toBe(false);
      expect(proxied.demo!.every((a) => a.password === undefined)).toBe(true);
      expect(await login(server.url, 'quantri', passwords.get('quantri')!)).toBe(200);
    } finally {
      await server.stop();
    }

    // 2. CHISO_DEMO=false: converted, started, a first administrator printed once
    server = await start({ CHISO_DEMO: 'false' });
    try {
      const out = server.out();
      expect(out).toContain('Đã chuyển bản trình diễn thành cài đặt thật: 11 tài khoản dùng thử');
      expect(out).toContain('cài đặt thật');
      const pw = /Mật khẩu tạm thời: (\S+)/.exec(out)?.[1];
      expect(pw).toBeTruthy();
      expect(await session(server.url)).toMatchObject({ demo: null, demoPasswordsShown: false });
      for (const [u, p] of passwords) expect(await login(server.url, u, p), u).toBe(401);
      expect(await login(server.url, 'admin', pw!)).toBe(200);
    } finally {
      await server.stop();
    }

    // 3. a later plain start stays real (PostgreSQL: even when a demo is asked for)
    server = await start(base ? { CHISO_DEMO: 'true' } : {});
    try {
      const out = server.out();
      expect(out).not.toContain('BẢN TRÌNH DIỄN');
      expect(out).not.toContain('Mật khẩu tạm thời');
      if (base) expect(out).toContain('CHISO_DEMO=true bị bỏ qua');
      expect(await session(server.url)).toMatchObject({ demo: null, demoPasswordsShown: false });
      expect(await login(server.url, 'quantri', passwords.get('quantri')!)).toBe(401);
    } finally {
      await server.stop();
    }
  }, 300_000);
});
