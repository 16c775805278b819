import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyChain } from '../src/modules/audit/repository.ts';
import { testApp, usingPostgres, type TestApp } from './helpers.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Tampering as a database owner would: switch the append-only triggers off, change a row, switch them back on. */
async function tamper(t: TestApp, statement: ReturnType<typeof sql>) {
  await t.database.db.execute(sql`alter table audit_log disable trigger user`);
  await t.database.db.execute(statement);
  await t.database.db.execute(sql`alter table audit_log enable trigger user`);
}

describe('audit trail', () => {
  it('passes on an untouched database', async () => {
    t = await testApp();
    const r = await verifyChain(t.database.db);
    expect(r.ok).toBe(true);
    expect(r.count).toBeGreaterThan(50);
  });

  it('refuses UPDATE and DELETE through the normal path', async () => {
    t = await testApp();
    await expect(
      t.database.db.execute(sql`update audit_log set reason = 'x' where seq = 2`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where seq = 2`)).rejects.toThrow();
  });

  it('fails after one record is altered by hand', async () => {
    t = await testApp();
    await tamper(
      t,
      sql`update audit_log set after = jsonb_set(after, '{name}', '"Tên bị sửa"') where seq = 5`,
    );
    const r = await verifyChain(t.database.db);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ seq: 5, problem: expect.stringContaining('bị sửa') }),
    ]);
  });

  it('fails after a record in the middle is deleted by hand', async () => {
    t = await testApp();
    await tamper(t, sql`delete from audit_log where seq = 10`);
    const r = await verifyChain(t.database.db);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.seq === 11 && p.problem.includes('Thiếu bản ghi số 10'))).toBe(true);
  });

  it('keeps exact values and key order independent of jsonb', async () => {
    t = await testApp();
    await t.database.db.transaction((tx) =>
      appendAudit(tx, {
        actorId: null,
        actorName: 'Kiểm thử',
        action: 'score.set',
        entity: 'score',
        after: { zeta: 1, alpha: '7,82', nested: { b: [1, 2], a: null } },
        reason: 'Điểm 74,56',
      }),
    );
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it.skipIf(!usingPostgres)('concurrent appends on PostgreSQL stay a gap-free chain', async () => {
    t = await testApp();
    const db = t.database.db;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction((tx) =>
          appendAudit(tx, {
            actorId: null,
            actorName: 'Song song',
            action: 'test',
            entity: 'x',
            after: { i },
          }),
        ),
      ),
    );
    expect((await verifyChain(db)).ok).toBe(true);
  });
});
