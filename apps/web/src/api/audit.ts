/** The audit trail, newest first, a page at a time. */
import type { AuditListT } from '@chiso/contracts';
import { get, qs } from './http.ts';

export interface AuditFilter {
  entity?: string;
  action?: string;
  actor?: string;
  unitId?: string;
  /** yyyy-mm-dd */
  from?: string;
  to?: string;
}

export const listAudit = (filter: AuditFilter, beforeSeq?: number) =>
  get<AuditListT>(`/api/audit${qs({ ...filter, limit: 50, beforeSeq })}`);
