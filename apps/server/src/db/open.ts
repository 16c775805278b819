/** Opening the database: embedded PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Migrations are applied here, by the app, on both engines. */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql, type Logger } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** How many statements went through `db` (tests and benchmarks hold paths to a count). */
  queries: QueryCounter;
  /** The PGlite instance, for dumpDataDir. */
  pglite?: PGlite;
  /** PostgreSQL: a statement prepared once per connection under `name` (its plan kept), outside any
   * transaction; for the hottest paths only (a citizen's submission). Undefined on PGlite. */
  prepared?: (name: string, text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
  ping(): Promise<boolean>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');

export class DbOpenError extends Error {}

/** Rows of a raw query, whichever driver ran it. */
export async function rawRows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Counts the SQL statements sent through Drizzle, as its logger. Transaction control (begin,
 * commit, rollback, savepoints) is not counted: PostgreSQL's driver sends it through Drizzle and
 * PGlite outside it, and the count must mean the same on both engines. */
export class QueryCounter implements Logger {
  count = 0;
  logQuery(query: string): void {
    if (!TX_CONTROL.test(query)) this.count++;
  }
  /** The statements sent while `run` runs (nothing else may use the database meanwhile). */
  async measure<T>(run: () => Promise<T>): Promise<{ result: T; queries: number }> {
    const start = this.count;
    const result = await run();
    return { result, queries: this.count - start };
  }
}

const TX_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

// ---- lock file so that two processes never open one PGlite directory

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'chiso.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const cur = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
          if (cur.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; startedAt?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        /* unreadable lock: treat as stale */
      }
      if (holder.pid && holder.pid !== process.pid && pidAlive(holder.pid)) {
        throw new DbOpenError(
          `Thư mục dữ liệu ${dataDir} đang được một tiến trình Chiso khác sử dụng (PID ${holder.pid}, ` +
            `khởi động lúc ${holder.startedAt ?? '?'}). Hãy dừng tiến trình đó, hoặc chạy với DATA_DIR khác.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale lock from a process that died
    }
  }
  throw new DbOpenError(`Không lấy được khóa thư mục dữ liệu ${dataDir}.`);
}

// ---- PostgreSQL: create the database if it does not exist

async function ensurePgDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!name)
    throw new DbOpenError(
      'DATABASE_URL thiếu tên cơ sở dữ liệu (ví dụ postgres://postgres@127.0.0.1:5432/chiso).',
    );
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (e) {
    await probe.end().catch(() => {});
    if ((e as { code?: string }).code !== '3D000') {
      throw new DbOpenError(`Không kết nối được PostgreSQL tại ${u.host}: ${(e as Error).message}`);
    }
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  try {
    await c.connect();
    await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (e) {
    throw new DbOpenError(
      `Cơ sở dữ liệu "${name}" chưa có và không tạo được (${(e as Error).message}). ` +
        `Hãy chạy: createdb -h ${u.hostname} -p ${u.port || 5432} -U ${decodeURIComponent(u.username) || 'postgres'} ${name}`,
    );
  } finally {
    await c.end().catch(() => {});
  }
}

export interface OpenOptions {
  /** postgres://… to use PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined = in memory (tests). */
  dataDir?: string | undefined;
  /** Take the lock file (default true for a directory). */
  lock?: boolean;
  migrate?: boolean;
  /** PGlite: open from a dumpDataDir tarball (restore). */
  loadDataDir?: Blob;
}

export async function openDb(opts: OpenOptions): Promise<Database> {
  let database: Database;
  const queries = new QueryCounter();
  if (opts.databaseUrl) {
    await ensurePgDatabase(opts.databaseUrl);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    pool.on('error', () => {});
    const db = drizzleNodePg(pool, { schema, logger: queries }) as unknown as Db;
    database = {
      db,
      engine: 'postgres',
      queries,
      prepared: async (name, text, values) => {
        queries.logQuery(text);
        return pool.query({ name, text, values });
      },
      close: () => pool.end(),
      ping: async () => {
        try {
          await pool.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
    };
    if (opts.migrate !== false) await migrateNodePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    let release: (() => void) | undefined;
    const dir = opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined;
    if (opts.dataDir && opts.lock !== false) release = acquireLock(opts.dataDir);
    try {
      const extensions = { unaccent, pg_trgm };
      const client = dir
        ? await PGlite.create(dir, {
            extensions,
            ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
          })
        : await PGlite.create({ extensions, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
      const db = drizzlePglite(client, { schema, logger: queries }) as unknown as Db;
      let closed = false;
      database = {
        db,
        engine: 'pglite',
        queries,
        pglite: client,
        close: async () => {
          if (closed) return;
          closed = true;
          await client.close();
          release?.();
        },
        ping: async () => {
          if (closed) return false;
          try {
            await client.query('select 1');
            return true;
          } catch {
            return false;
          }
        },
      };
      if (opts.migrate !== false) await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    } catch (e) {
      release?.();
      throw e;
    }
  }
  return database;
}
