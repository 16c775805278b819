/** Demo and real installations (issue #11, item 4): the demo passwords go only to a browser on the
 * server's own machine; the installation's mode is stored and followed; CHISO_DEMO=false turns a
 * demo into a real installation for good (demo accounts disabled, stored passwords erased, one
 * audit entry each). */
import fs from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { auditLog, demoAccounts, sessions, users } from '../src/db/schema.ts';
import { verifyChain } from '../src/modules/audit/repository.ts';
import { demoPasswordsVisible } from '../src/modules/auth/routes.ts';
import { readInstallation } from '../src/modules/system/installation.ts';
import { createAdmin } from '../src/modules/system/firstAdmin.ts';
import { prepareInstallation } from '../src/modules/system/installation.ts';
import { DEMO_USERNAMES, seedDemo } from '../src/modules/system/seed.ts';
import {
  anonymous,
  loginAs,
  testApp as harnessApp,
  testConfig,
  testDatabase,
  type TestApp,
} from './helpers.ts';

// the harness makes a files directory per configuration: removed at the end
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const config = (over: Parameters<typeof testConfig>[0]) => {
  const c = testConfig(over);
  dirs.push(c.filesDir);
  return c;
};
const testApp = async () => {
  const t = await harnessApp();
  dirs.push(t.app.services.config.filesDir);
  return t;
};

interface DemoAccountT {
  username: string;
  password?: string;
  role: string;
  unit: string;
}
interface SessionT {
  user: { username: string } | null;
  demo: DemoAccountT[] | null;
  demoPasswordsShown: boolean;
}

const CONVERT = { demo: false, demoExplicit: true };
const PLAIN_PGLITE = { demo: true, demoExplicit: false };

describe('the session endpoint of a demo installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  const session = (opts: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method: 'GET', url: '/api/auth/session', ...opts });

  it('gives the passwords to a client on the loopback address with no forwarding header', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const s = (await session({ remoteAddress })).json() as SessionT;
      expect(s.demoPasswordsShown, remoteAddress).toBe(true);
      expect(s.demo).toHaveLength(DEMO_USERNAMES.length);
      for (const a of s.demo!) expect(a.password, a.username).toBe(t.password(a.username));
    }
    // the administrator is among them, and its password signs in
    const s = (await session()).json() as SessionT;
    const admin = s.demo!.find((a) => a.username === 'quantri')!;
    expect((await loginAs(t.app, 'quantri', admin.password!)).username).toBe('quantri');
  });

  it('lists only the usernames (no password field at all) to any other client', async () => {
    const cases: { remoteAddress?: string; headers?: Record<string, string> }[] = [
      { remoteAddress: '192.168.1.20' },
      { remoteAddress: '10.0.0.7' },
      { remoteAddress: '2001:db8::1' },
      { remoteAddress: '127.0.0.2' },
      { headers: { 'x-forwarded-for': '203.0.113.9' } },
      { headers: { 'x-forwarded-for': '127.0.0.1' } },
      { headers: { forwarded: 'for=203.0.113.9;proto=https' } },
      { headers: { 'x-real-ip': '203.0.113.9' } },
      { remoteAddress: '::1', headers: { forwarded: 'for="[::1]"' } },
      // a proxy that adds no header, a tunnel, DNS rebinding: the public name in Host
      { headers: { host: 'chiso.soctrang.gov.vn' } },
      { remoteAddress: '::1', headers: { host: 'evil.example:3000' } },
    ];
    const passwords = DEMO_USERNAMES.map((u) => t.password(u));
    for (const c of cases) {
      const res = await session(c);
      const label = JSON.stringify(c);
      expect(res.statusCode, label).toBe(200);
      const s = res.json() as SessionT;
      expect(s.demoPasswordsShown, label).toBe(false);
      expect(s.demo!.map((a) => a.username).sort(), label).toEqual([...DEMO_USERNAMES].sort());
      for (const a of s.demo!) {
        expect(Object.keys(a).sort(), label).toEqual(['role', 'unit', 'username']);
        expect(a.role && a.unit).toBeTruthy();
      }
      for (const p of passwords) expect(res.body, label).not.toContain(p);
    }
  });

  it('a signed-in user from elsewhere gets no passwords either (login response included)', async () => {
    const { jar, csrf } = await anonymous(t.app);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.4',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { username: 'canbo.culaodung', password: t.password('canbo.culaodung') },
    });
    expect(res.statusCode).toBe(200);
    const s = res.json() as SessionT;
    expect(s.user?.username).toBe('canbo.culaodung');
    expect(s.demoPasswordsShown).toBe(false);
    expect(s.demo!.every((a) => !('password' in a))).toBe(true);
  });

  it('gives no passwords when the server trusts a proxy, even from loopback', async () => {
    for (const trustProxy of [false, true]) {
      const f = Fastify({ trustProxy });
      f.get('/', async (req) => ({ visible: demoPasswordsVisible(req) }));
      const r = (await f.inject({ url: '/' })).json() as { visible: boolean };
      expect(r.visible, `trustProxy ${trustProxy}`).toBe(!trustProxy);
      await f.close();
    }
  });
});

describe('installation mode', () => {
  it('a new real installation starts empty with a first administrator; later starts stay real', async () => {
    const database = await testDatabase();
    try {
      const r = await prepareInstallation(database.db, { ...CONVERT, filesDir: '/nonexistent' });
      expect(r.mode).toBe('real');
      expect(r.firstAdmin?.username).toBe('admin');
      expect(r.lines.join('\n')).toContain(r.firstAdmin!.password);
      expect(await readInstallation(database.db)).toMatchObject({ mode: 'real' });
      const n = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
      expect(Number(n[0]!.n)).toBe(1);
      expect(
        Number((await database.db.select({ n: sql<number>`count(*)::int` }).from(demoAccounts))[0]!.n),
      ).toBe(0);
      // a plain start (demo by default on the embedded database) does not make it a demo
      const again = await prepareInstallation(database.db, { ...PLAIN_PGLITE, filesDir: '/nonexistent' });
      expect(again).toEqual({ mode: 'real', lines: [] });
      // nor does an explicit CHISO_DEMO=true: it is ignored, and the log says so
      const asked = await prepareInstallation(database.db, {
        demo: true,
        demoExplicit: true,
        filesDir: '/nonexistent',
      });
      expect(asked.mode).toBe('real');
      expect(asked.lines.join(' ')).toMatch(/CHISO_DEMO=true bị bỏ qua: đây là cài đặt thật/);
      // the demo seed refuses a real installation
      await expect(seedDemo(database.db)).rejects.toThrow(/cài đặt thật/);
      // and a real installation's session endpoint has no demo list, whatever the configuration says
      const app = await buildApp({ config: config({ demo: true }), database, logger: false });
      const s = (await app.inject({ url: '/api/auth/session' })).json() as SessionT;
      expect(s).toMatchObject({ demo: null, demoPasswordsShown: false });
      await app.close();
    } finally {
      await database.close();
    }
  });

  it('data made before modes were stored: demo accounts present → demo, otherwise real', async () => {
    const demo = await testDatabase();
    try {
      await seedDemo(demo.db);
      expect(await readInstallation(demo.db)).toMatchObject({ mode: 'demo' });
      await demo.db.execute(sql`delete from app_meta where key = 'installation'`);
      const r = await prepareInstallation(demo.db, { demo: false, demoExplicit: false, filesDir: '/x' });
      expect(r.mode).toBe('demo');
      expect(await readInstallation(demo.db)).toMatchObject({ mode: 'demo', inferred: true });
    } finally {
      await demo.close();
    }
    const real = await testDatabase();
    try {
      await createAdmin(real.db, 'chuyenvien');
      const r = await prepareInstallation(real.db, { ...PLAIN_PGLITE, filesDir: '/x' });
      expect(r.mode).toBe('real');
      expect(r.firstAdmin).toBeUndefined();
      expect(await readInstallation(real.db)).toMatchObject({ mode: 'real', inferred: true });
    } finally {
      await real.close();
    }
  });
});

describe('CHISO_DEMO=false on a demo installation', () => {
  let t: TestApp;
  let report: Awaited<ReturnType<typeof prepareInstallation>>;
  let demoIds: string[];
  let openSession: { cookie: string };
  beforeAll(async () => {
    t = await testApp();
    const c = await t.login('dieuphoi.culaodung');
    openSession = { cookie: c.cookie };
    expect(((await c.get('/api/auth/session')).json() as SessionT).user?.username).toBe('dieuphoi.culaodung');
    demoIds = (
      await t.database.db.select({ id: users.id }).from(users).where(inArray(users.username, DEMO_USERNAMES))
    ).map((u) => u.id);
    report = await prepareInstallation(t.database.db, { ...CONVERT, filesDir: '/nonexistent' });
  });
  afterAll(async () => t?.close());

  it('disables every demo account, erases the stored passwords and records the mode', async () => {
    expect(report.mode).toBe('real');
    expect([...report.converted!].sort()).toEqual([...DEMO_USERNAMES].sort());
    const db = t.database.db;
    const rows = await db.select().from(users).where(inArray(users.username, DEMO_USERNAMES));
    expect(rows).toHaveLength(DEMO_USERNAMES.length);
    expect(rows.every((u) => u.disabled)).toBe(true);
    expect(await db.select().from(demoAccounts)).toEqual([]);
    expect(await db.select().from(sessions).where(inArray(sessions.userId, demoIds))).toEqual([]);
    const inst = await readInstallation(db);
    expect(inst).toMatchObject({ mode: 'real' });
    expect(inst!.convertedAt).toBeTruthy();
    expect(report.lines.join('\n')).toMatch(/Đã chuyển bản trình diễn thành cài đặt thật/);
  });

  it('writes one audit entry per demo account, by the system, with a Vietnamese reason', async () => {
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.update'), inArray(auditLog.entityId, demoIds)));
    expect(entries).toHaveLength(DEMO_USERNAMES.length);
    expect(new Set(entries.map((e) => e.entityId)).size).toBe(DEMO_USERNAMES.length);
    for (const e of entries) {
      expect(e.actorId).toBeNull();
      expect(e.actorName).toBe('Hệ thống');
      expect(e.reason).toMatch(/Chuyển bản trình diễn thành cài đặt thật/);
      expect(e.after).toMatchObject({ disabled: true, demoPasswordErased: true });
      expect(JSON.stringify(e)).not.toContain(t.password((e.after as { username: string }).username));
    }
    // the chain still verifies
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('no demo password signs in any more; the open demo session is gone', async () => {
    for (const u of DEMO_USERNAMES) {
      const { jar, csrf } = await anonymous(t.app);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': csrf },
        payload: { username: u, password: t.password(u) },
      });
      expect(res.statusCode, u).not.toBe(200);
      // a disabled account gets the same 401 as a wrong password (no oracle)
      expect(res.statusCode, u).toBe(401);
    }
    const s = (
      await t.app.inject({ url: '/api/auth/session', headers: { cookie: openSession.cookie } })
    ).json() as SessionT;
    expect(s.user).toBeNull();
  });

  it('creates a first administrator (no enabled one remained), printed once, to change at first login', async () => {
    expect(report.firstAdmin?.username).toBe('admin');
    expect(report.lines.join('\n')).toContain(report.firstAdmin!.password);
    const admin = await loginAs(t.app, 'admin', report.firstAdmin!.password);
    const me = (await admin.get('/api/auth/session')).json() as {
      user: { mustChangePassword: boolean } | null;
    };
    expect(me.user?.mustChangePassword).toBe(true);
  });

  it('the converted installation gives no demo list, and a later plain start stays real', async () => {
    // the app as main.ts builds it after the conversion, and one misconfigured as a demo
    for (const demo of [report.mode === 'demo', true]) {
      const app = await buildApp({ config: config({ demo }), database: t.database, logger: false });
      const s = (await app.inject({ url: '/api/auth/session' })).json() as SessionT;
      expect(s, `config.demo ${demo}`).toMatchObject({ demo: null, demoPasswordsShown: false });
      await app.close();
    }
    const later = await prepareInstallation(t.database.db, { ...PLAIN_PGLITE, filesDir: '/nonexistent' });
    expect(later).toEqual({ mode: 'real', lines: [] });
    // converting again does nothing more
    const again = await prepareInstallation(t.database.db, { ...CONVERT, filesDir: '/nonexistent' });
    expect(again).toEqual({ mode: 'real', lines: [] });
    const n = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.update'), inArray(auditLog.entityId, demoIds)));
    expect(Number(n[0]!.n)).toBe(DEMO_USERNAMES.length);
  });
});

describe('converting a demo that has its own administrator', () => {
  it('keeps that administrator and creates none', async () => {
    const database = await testDatabase();
    try {
      await seedDemo(database.db);
      const own = await createAdmin(database.db, 'quantri.that', undefined, { mustChangePassword: false });
      const r = await prepareInstallation(database.db, { ...CONVERT, filesDir: '/nonexistent' });
      expect(r.mode).toBe('real');
      expect(r.firstAdmin).toBeUndefined();
      expect(r.lines.join('\n')).toContain('npm run chiso -- create-admin');
      const app = await buildApp({ config: config({ demo: false }), database, logger: false });
      await app.ready();
      expect((await loginAs(app, own.username, own.password)).username).toBe('quantri.that');
      await app.close();
    } finally {
      await database.close();
    }
  });
});
