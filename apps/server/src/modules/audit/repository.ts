import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { type DbOrTx, rawRows } from '../../db/open.ts';
import { auditLog } from '../../db/schema.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Scope } from '../auth/scope.ts';
import { GENESIS_HASH, recordHash, type ChainedFields } from './chain.ts';

export interface AuditInput {
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** JSON round-trip so that what is hashed is exactly what jsonb gives back (dates → strings, no undefined). */
const normal = (v: unknown): unknown =>
  v === undefined || v === null ? null : JSON.parse(JSON.stringify(v));

/** Append one record inside the caller's transaction. A transaction-scoped advisory lock serialises
 * appends so that seq has no gaps and each record chains to the one before. */
export async function appendAudit(tx: DbOrTx, input: AuditInput): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(7212001)`);
  const last = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const rec: ChainedFields = {
    seq: (last[0]?.seq ?? 0) + 1,
    at: new Date(),
    actorId: input.actorId,
    actorName: input.actorName,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    unitId: input.unitId ?? null,
    before: normal(input.before),
    after: normal(input.after),
    reason: input.reason ?? null,
  };
  const hash = recordHash(prevHash, rec);
  await tx.insert(auditLog).values({ ...rec, prevHash, hash });
  return rec.seq;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  problems: { seq: number; problem: string }[];
}

/** Walk the whole chain in seq order and report every break: an altered record, a removed one, a reordering. */
export async function verifyChain(db: DbOrTx, batch = 5000): Promise<VerifyResult> {
  const problems: VerifyResult['problems'] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await rawRows<{
      seq: string | number;
      at: string | Date;
      actor_id: string | null;
      actor_name: string;
      action: string;
      entity: string;
      entity_id: string | null;
      unit_id: string | null;
      before: unknown;
      after: unknown;
      reason: string | null;
      prev_hash: string;
      hash: string;
    }>(db, sql`select * from audit_log where seq > ${after} order by seq limit ${batch}`);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      count++;
      if (seq !== expectedSeq)
        problems.push({
          seq,
          problem: `Thiếu bản ghi số ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} (bị xóa?)`,
        });
      if (r.prev_hash !== prevHash)
        problems.push({
          seq,
          problem: 'Mắt xích với bản ghi trước không khớp (bản ghi trước bị sửa hoặc xóa)',
        });
      const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
      const expected = recordHash(r.prev_hash, {
        seq,
        at: r.at instanceof Date ? r.at : new Date(r.at),
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        unitId: r.unit_id,
        before: parse(r.before),
        after: parse(r.after),
        reason: r.reason,
      });
      if (expected !== r.hash) problems.push({ seq, problem: 'Nội dung bản ghi không khớp mã băm (bị sửa)' });
      prevHash = r.hash;
      expectedSeq = seq + 1;
      after = seq;
    }
  }
  return { ok: problems.length === 0, count, problems };
}

export interface AuditFilter {
  entity?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
  /** Units the reader may see. */
  scope: Scope;
}

export async function listAudit(db: DbOrTx, f: AuditFilter) {
  const conds: SQL[] = [];
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.action) conds.push(sql`${auditLog.action} ilike ${'%' + f.action + '%'}`);
  if (f.actor) conds.push(sql`${auditLog.actorName} ilike ${'%' + f.actor + '%'}`);
  if (f.unitId) conds.push(eq(auditLog.unitId, f.unitId));
  if (f.from) conds.push(gte(auditLog.at, new Date(`${f.from}T00:00:00+07:00`)));
  if (f.to) conds.push(lte(auditLog.at, new Date(`${f.to}T23:59:59.999+07:00`)));
  if (f.beforeSeq) conds.push(lt(auditLog.seq, f.beforeSeq));
  if (!f.scope.all) conds.push(unitInScope(auditLog.unitId, f.scope));
  return db
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(f.limit);
}
