/** The one source of seed 002's sanction flags: a unit whose survey report (Mẫu 01/02) came late or
 * off-template is flagged for the coordinator's decision. The report requests slice exports
 * `surveyReportFlags(db, campaignId)` from modules/reports/service.ts; until it is on main, nothing
 * is flagged. Only this function changes when it lands. */
import type { DbOrTx } from '../../db/open.ts';

/** unitId → why the unit is flagged (Vietnamese), over the campaigns the cycle's leaves read. */
export async function sanctionFlags(
  _db: DbOrTx,
  _campaignIds: readonly string[],
): Promise<Map<string, string>> {
  return new Map();
}
