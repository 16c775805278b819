import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { backup, restore } from '../src/commands/backup.ts';
import { loadConfig } from '../src/config.ts';
import { openDb, rawRows } from '../src/db/open.ts';
import { verifyChain } from '../src/modules/audit/repository.ts';
import { seedDemo } from '../src/modules/system/seed.ts';
import { tempDir } from './helpers.ts';

const tmp = () => tempDir('chiso-db-');

describe('embedded database', () => {
  it('loads unaccent and pg_trgm', async () => {
    const d = await openDb({});
    const [r] = await rawRows<{ u: string; s: number }>(
      d.db,
      sql`select unaccent('Công an huyện Cù Lao Dung') as u, similarity('cu lao dung', 'cong an huyen cu lao dung') as s`,
    );
    expect(r!.u).toBe('Cong an huyen Cu Lao Dung');
    expect(Number(r!.s)).toBeGreaterThan(0.3);
    await d.close();
  });

  it('a second process on the same data directory is refused with a Vietnamese message; data survives a restart', async () => {
    const dir = tmp();
    const first = await openDb({ dataDir: dir });
    await seedDemo(first.db);
    // a lock held by another live process (our parent is alive)
    fs.writeFileSync(path.join(dir, 'chiso.lock.other'), '');
    const lockPath = path.join(dir, 'chiso.lock');
    const mine = fs.readFileSync(lockPath, 'utf8');
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, startedAt: 'x' }));
    await expect(openDb({ dataDir: dir })).rejects.toThrow(/đang được một tiến trình Chiso khác sử dụng/);
    fs.writeFileSync(lockPath, mine);
    await first.close();
    expect(fs.existsSync(lockPath)).toBe(false);
    const again = await openDb({ dataDir: dir });
    const [n] = await rawRows<{ n: string | number }>(again.db, sql`select count(*) as n from units`);
    expect(Number(n!.n)).toBe(49); // Đội Tổng hợp and Đội Tham mưu are one team, renamed
    await again.close();
  });

  it('a stale lock from a dead process is taken over', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'chiso.lock'), JSON.stringify({ pid: 999999, startedAt: 'x' }));
    const d = await openDb({ dataDir: dir });
    await d.close();
  });

  it('backup then restore into an empty directory gives back the same units, users and audit trail', async () => {
    const dir = tmp();
    const d = await openDb({ dataDir: dir });
    await seedDemo(d.db);
    const snapshot = async (db: typeof d.db) => ({
      units: await rawRows(db, sql`select id, code, name, path, valid_from::text from units order by id`),
      users: await rawRows(db, sql`select id, username, password_hash from users order by id`),
      audit: await rawRows(db, sql`select seq, hash from audit_log order by seq`),
    });
    const before = await snapshot(d.db);
    await d.close();
    const file = path.join(tmp(), 'backup.tar.gz');
    await backup({ ...loadConfig({ DATA_DIR: dir }), databaseUrl: undefined }, file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const target = tmp();
    await restore({ ...loadConfig({ DATA_DIR: target }), databaseUrl: undefined }, file);
    const r = await openDb({ dataDir: target });
    expect(await snapshot(r.db)).toEqual(before);
    expect((await verifyChain(r.db)).ok).toBe(true);
    await r.close();
    // restoring over existing data is refused
    await expect(
      restore({ ...loadConfig({ DATA_DIR: target }), databaseUrl: undefined }, file),
    ).rejects.toThrow(/thư mục trống/);
  }, 120_000); // seeds the whole demo twice: slow on a loaded machine
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL', () => {
  it('creates a missing database, and backup/restore with pg_dump gives back the same data', async () => {
    const base = new URL(process.env.TEST_DATABASE_URL!);
    const name = `chiso_bk_${Date.now()}`;
    const src = new URL(base);
    src.pathname = `/${name}`;
    const dst = new URL(base);
    dst.pathname = `/${name}_r`;
    const d = await openDb({ databaseUrl: src.toString() });
    try {
      await seedDemo(d.db);
      const snap = async (db: typeof d.db) => ({
        units: await rawRows(db, sql`select id, code, name, path from units order by id`),
        audit: await rawRows(db, sql`select seq, hash from audit_log order by seq`),
      });
      const before = await snap(d.db);
      const file = path.join(tmp(), 'b.dump');
      await backup({ ...loadConfig({}), databaseUrl: src.toString() }, file);
      await restore({ ...loadConfig({}), databaseUrl: dst.toString() }, file);
      const r = await openDb({ databaseUrl: dst.toString() });
      expect(await snap(r.db)).toEqual(before);
      expect((await verifyChain(r.db)).ok).toBe(true);
      await r.close();
    } finally {
      await d.close();
      const admin = new URL(base);
      admin.pathname = '/postgres';
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${name}_r" WITH (FORCE)`);
      await c.end();
    }
  });
});
