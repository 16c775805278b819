/** A fingerprint of everything a request may write (row counts, draft revisions, open stages, the
 * audit trail's last sequence number): equal before and after a refused request means nothing was
 * half-written. Failed-login counts and sessions are left out (a refused login counts by design). */
import { sql } from 'drizzle-orm';
import { rawRows, type DbOrTx } from '../src/db/open.ts';

export async function dbState(db: DbOrTx): Promise<string> {
  const rows = await rawRows<Record<string, unknown>>(
    db,
    sql`select (select count(*) from units) as units, (select count(*) from unit_history) as history,
      (select count(*) from users) as users, (select count(*) from grants where revoked_at is null) as grants,
      (select count(*) from frameworks) as frameworks, (select coalesce(sum(revision), 0) from frameworks) as fw_rev,
      (select count(*) from unit_results) as results, (select count(*) from result_inputs) as inputs,
      (select count(*) from cycles) as cycles, (select count(*) from cycle_stages where state = 'open') as open_stages,
      (select count(*) from assessment_items) as items, (select count(*) from evidence) as evidence,
      (select count(*) from evidence_links) as links, (select count(*) from files) as files,
      (select count(*) from appraisal_items) as appraisal, (select count(*) from appraisal_assignments) as assignments,
      (select count(*) from notices) as notices, (select count(*) from notice_recipients) as recipients, (select count(*) from notice_recipients where read_at is not null) as reads,
      (select count(*) from mail_outbox) as mails, (select coalesce(max(seq), 0) from audit_log) as audit`,
  );
  return JSON.stringify(rows[0], (_k, v: unknown) =>
    typeof v === 'bigint' || typeof v === 'number' ? String(v) : v,
  );
}
