/** The audit trail, newest first, a page at a time. */
import type { AuditListT, AuditQueryT } from '@chiso/contracts';
import { get, qs } from './http.ts';

/** What the reader filters on (dates yyyy-mm-dd); the page size and position are this module's. */
export type AuditFilter = Omit<AuditQueryT, 'limit' | 'beforeSeq'>;

export const listAudit = (filter: AuditFilter, beforeSeq?: number) =>
  get<AuditListT>(`/api/audit${qs({ ...filter, limit: 50, beforeSeq })}`);
