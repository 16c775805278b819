/** The hash chain of the audit trail: canonical JSON of each record, chained by sha256. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so that jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export function recordHash(prevHash: string, r: ChainedFields): string {
  const body = canonicalJson({
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    unitId: r.unitId,
    before: r.before ?? null,
    after: r.after ?? null,
    reason: r.reason,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
