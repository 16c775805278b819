/** Migration 0012 (ADR 0015): the notices written before it stay readable. A database at the
 * migration before, with a stage-opening notice copied to three units, a reminder with its dedupe
 * key and a notice addressed to one person, then 0012: each holder gets the event once (read if
 * they had read a copy), the person keeps theirs, the keys name their unit or person. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDb, rawRows, type Database } from '../src/db/open.ts';

let database: Database;

async function run(db: Database['db'], tag: string) {
  const text = fs.readFileSync(path.join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8');
  for (const stmt of text.split('--> statement-breakpoint')) if (stmt.trim()) await db.execute(sql.raw(stmt));
}

const ids = {
  root: '10000000-0000-4000-8000-000000000001',
  a: '10000000-0000-4000-8000-000000000002',
  b: '10000000-0000-4000-8000-000000000003',
  other: '10000000-0000-4000-8000-000000000004',
  officer: '20000000-0000-4000-8000-000000000001',
  stranger: '20000000-0000-4000-8000-000000000002',
};

beforeAll(async () => {
  // a fresh database migrated only up to the one before 0012 (built on PGlite: the test database
  // on PostgreSQL comes fully migrated)
  if (usingPg()) return;
  database = await openDb({ migrate: false });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  for (const e of journal.entries.filter((x) => x.tag < '0012')) await run(database.db, e.tag);
  const db = database.db;
  const unit = (id: string, p: string, code: string) =>
    db.execute(sql`insert into units (id, code, name, kind, path, depth, valid_from, search_key)
      values (${id}, ${code}, ${code}, 'team', ${p}, ${p.split('/').length - 2}, '2020-01-01', ${code})`);
  await unit(ids.root, `/${ids.root}/`, 'ROOT');
  await unit(ids.a, `/${ids.root}/${ids.a}/`, 'A');
  await unit(ids.b, `/${ids.root}/${ids.b}/`, 'B');
  await unit(ids.other, `/${ids.other}/`, 'OTHER');
  for (const [id, name] of [
    [ids.officer, 'officer'],
    [ids.stranger, 'stranger'],
  ] as const)
    await db.execute(sql`insert into users (id, username, full_name, password_hash, search_key)
      values (${id}, ${name}, ${name}, 'x', ${name})`);
  await db.execute(sql`insert into grants (id, user_id, role, unit_id)
    values (gen_random_uuid(), ${ids.officer}, 'unit_officer', ${ids.root}),
           (gen_random_uuid(), ${ids.stranger}, 'unit_officer', ${ids.other})`);
  // one event copied to three units by one statement (same time), the officer had read one copy
  await db.execute(sql`insert into notices (id, unit_id, kind, title, body, created_at)
    select gen_random_uuid(), u, 'stage_open', 'Mở giai đoạn', 'Nội dung', '2026-11-01T00:00:00Z'
    from unnest(array[${ids.root}, ${ids.a}, ${ids.b}]::uuid[]) u`);
  await db.execute(sql`insert into notice_reads (notice_id, user_id)
    select id, ${ids.officer} from notices where unit_id = ${ids.b}`);
  await db.execute(sql`insert into notices (id, unit_id, kind, title, body, dedupe_key)
    values (gen_random_uuid(), ${ids.a}, 'deadline', 'Còn 3 ngày', '…', 'deadline:x:3')`);
  await db.execute(sql`insert into notices (id, user_id, kind, title, body, dedupe_key)
    values (gen_random_uuid(), ${ids.stranger}, 'account_locked', 'Khóa', '…', 'account_locked:1')`);
  await run(db, '0012_notice_recipients');
}, 240_000);
afterAll(async () => database?.close());

function usingPg() {
  return !!process.env.TEST_DATABASE_URL;
}

describe('migration 0012', () => {
  it.skipIf(usingPg())(
    'gives each holder an old event once, keeps read marks and personal notices, renames keys',
    async () => {
      const rows = await rawRows<{
        username: string;
        title: string;
        read: boolean;
        unit_code: string | null;
      }>(
        database.db,
        sql`select u.username, n.title, r.read_at is not null as read, un.code as unit_code
          from notice_recipients r join notices n on n.id = r.notice_id join users u on u.id = r.user_id
          left join units un on un.id = r.unit_id
          order by u.username, n.title`,
      );
      expect(rows).toEqual([
        { username: 'officer', title: 'Còn 3 ngày', read: false, unit_code: 'A' },
        // three copies, one line: the copy about the unit of the officer's grant, read (a copy was)
        { username: 'officer', title: 'Mở giai đoạn', read: true, unit_code: 'ROOT' },
        { username: 'stranger', title: 'Khóa', read: false, unit_code: null },
      ]);
      const keys = await rawRows<{ k: string }>(
        database.db,
        sql`select dedupe_key as k from notices where dedupe_key is not null order by 1`,
      );
      expect(keys.map((k) => k.k)).toEqual([`account_locked:1:${ids.stranger}`, `deadline:x:3:${ids.a}`]);
    },
  );
});
