/** The one source of seed 002's sanction flags: a unit whose survey report (Mẫu 01/02) came late or
 * was not sent by its due date is flagged for the coordinator's decision (the flag alone changes no
 * points; a recorded 'zero' decision does). */
import { formatDateVi } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { surveyReportFlags } from '../reports/service.ts';

/** unitId → why the unit is flagged (Vietnamese), over the campaigns the cycle's leaves read. */
export async function sanctionFlags(
  db: DbOrTx,
  campaignIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of campaignIds)
    for (const f of await surveyReportFlags(db, id)) {
      if (!f.late && !f.missing) continue;
      const form = f.kind === 'survey_mau02' ? 'Mẫu 02' : 'Mẫu 01';
      const why = f.missing
        ? `Chưa gửi báo cáo ${form} (hạn ${formatDateVi(f.dueOn)})`
        : `Gửi báo cáo ${form} muộn (hạn ${formatDateVi(f.dueOn)}, gửi ngày ${formatDateVi(f.sentAt!)})`;
      out.set(f.unitId, out.has(f.unitId) ? `${out.get(f.unitId)}; ${why}` : why);
    }
  return out;
}
