import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { scopeIsEmpty } from '../auth/scope.ts';
import { appendAudit, listAudit, verifyChain, type AuditFilter, type AuditInput } from './repository.ts';

export type { AuditInput };

/** Append an entry to the audit trail in the caller's transaction: the one way other modules
 * audit (they do not reach into this module's repository). Returns the entry's sequence number. */
export function audit(tx: DbOrTx, entry: AuditInput): Promise<number> {
  return appendAudit(tx, entry);
}

export class AuditService {
  constructor(private db: Db) {}

  async list(actor: Actor, f: Omit<AuditFilter, 'scope' | 'limit'> & { limit?: number | undefined }) {
    const scope = scopeOf(actor, 'audit.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const limit = f.limit ?? 100;
    const rows = await listAudit(this.db, { ...f, limit, scope });
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        unitId: r.unitId,
        before: r.before,
        after: r.after,
        reason: r.reason,
      })),
      nextBeforeSeq: rows.length === limit ? (rows[rows.length - 1]?.seq ?? null) : null,
    };
  }

  verify() {
    return verifyChain(this.db);
  }
}
