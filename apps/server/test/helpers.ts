/** Test harness: a real database (PGlite in memory, or a fresh PostgreSQL database per call when
 * TEST_DATABASE_URL is set), the real app, and a signed-in HTTP client built on app.inject. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDb, type Database } from '../src/db/open.ts';
import { FileStore } from '../src/lib/fileStore.ts';
import { seedDemo, type SeedResult } from '../src/modules/system/seed.ts';

export const usingPostgres = !!process.env.TEST_DATABASE_URL;

export async function testDatabase(): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return openDb({});
  const name = `chiso_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDb({ databaseUrl: url.toString() });
  const close = database.close;
  database.close = async () => {
    await close();
    const admin = new URL(base);
    admin.pathname = '/postgres';
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
  return database;
}

/** Temporary directories of this test file, removed after its last test (this module is loaded
 * afresh for each test file, so the hook below belongs to the file that imports it). */
const temporary = new Set<string>();

/** A new directory under the system's temporary directory, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.add(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  temporary.clear();
});

/** The configuration of a test app. Its files directory is a new temporary one unless given; either
 * way, when it lies in the system's temporary directory it is removed after the test file. */
export function testConfig(over: Partial<Config> = {}): Config {
  const filesDir = over.filesDir ?? tempDir('chiso-files-');
  if (path.resolve(filesDir).startsWith(path.resolve(os.tmpdir()) + path.sep)) temporary.add(filesDir);
  return {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: '/nonexistent-test-dir',
      WEB_DIST: '/nonexistent-web-dist',
      FILES_DIR: filesDir,
    }),
    demo: true,
    ...over,
  };
}

export interface Client {
  username: string;
  csrf: string;
  cookie: string;
  get(url: string): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  send(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    opts?: { csrf?: string | null },
  ): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  /** POST a file as multipart/form-data (field "file"). */
  upload(
    url: string,
    filename: string,
    content: Buffer | string,
  ): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
}

export function multipartPayload(filename: string, content: Buffer | string) {
  const boundary = '----chisotest' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface TestApp {
  app: FastifyInstance & Awaited<ReturnType<typeof buildApp>>;
  database: Database;
  seed: SeedResult;
  password(username: string): string;
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

function cookiesFrom(res: { cookies: { name: string; value: string }[] }, jar: Map<string, string>) {
  for (const c of res.cookies) jar.set(c.name, c.value);
}

export async function anonymous(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const s = await app.inject({ method: 'GET', url: '/api/auth/session' });
  cookiesFrom(s, jar);
  return { jar, csrf: (s.json() as { csrfToken: string }).csrfToken };
}

export async function loginAs(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const { jar, csrf } = await anonymous(app);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie: cookie(), 'x-csrf-token': csrf },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  cookiesFrom(res, jar);
  const sessionCsrf = (res.json() as { csrfToken: string }).csrfToken;
  const client: Client = {
    username,
    csrf: sessionCsrf,
    get cookie() {
      return cookie();
    },
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie: cookie() } }),
    send: (method, url, body, opts) =>
      app.inject({
        method,
        url,
        headers: {
          cookie: cookie(),
          ...(opts?.csrf === null ? {} : { 'x-csrf-token': opts?.csrf ?? sessionCsrf }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    upload: (url, filename, content) => {
      const m = multipartPayload(filename, content);
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookie(), 'x-csrf-token': sessionCsrf, 'content-type': m.contentType },
        payload: m.payload,
      });
    },
  };
  return client;
}

/** The app on a fresh database with the demo data; `cycles` adds the demo's cycles (2023 published,
 * 2024 open), with their evidence files in a temporary directory removed on close. */
export async function testApp(over: Partial<Config> = {}, opts: { cycles?: boolean } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const filesDir = opts.cycles ? tempDir('chiso-demo-files-') : null;
  const seed = await seedDemo(database.db, filesDir ? { cyclesFiles: new FileStore(filesDir) } : {});
  const app = await buildApp({
    config: testConfig({ ...(filesDir ? { filesDir } : {}), ...over }),
    database,
    logger: false,
  });
  await app.ready();
  const password = (u: string) => {
    const a = seed.accounts.find((x) => x.username === u);
    if (!a) throw new Error(`no demo account ${u}`);
    return a.password;
  };
  return {
    app,
    database,
    seed,
    password,
    login: (u, p) => loginAs(app, u, p ?? password(u)),
    close: async () => {
      await app.close();
      await database.close();
      if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Find a unit id by code through the service layer (system view). */
export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const { findOpenByCode } = await import('../src/modules/units/service.ts');
  const u = await findOpenByCode(t.database.db, code);
  if (!u) throw new Error(`no unit ${code}`);
  return u.id;
}

/** The paragraphs of a Word file, one per line. */
export async function docxText(body: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')) ?? '';
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .map((p) =>
      (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((x) => x.replace(/<[^>]+>/g, '')).join(''),
    )
    .join('\n')
    .replace(/&amp;/g, '&');
}
