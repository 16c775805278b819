/** A campaign's frozen results (`survey_results`): written once by the publication, read by results,
 * reports and the points of cycles. */
import type { PublishedResults } from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import * as repo from './repository.ts';

/** The published results of a campaign, or undefined while it has none. */
export async function publishedResults(
  db: DbOrTx,
  campaignId: string,
): Promise<PublishedResults | undefined> {
  const r = await repo.getPublishedResults(db, campaignId);
  return r ? (r.results as PublishedResults) : undefined;
}

/** Freezes a campaign's results (the caller checks rights, sets the campaign published and audits,
 * in the same transaction). */
export async function savePublishedResults(
  tx: DbOrTx,
  campaignId: string,
  results: PublishedResults,
  actorId: string | null,
): Promise<void> {
  await repo.insertPublishedResults(tx, { campaignId, results, publishedBy: actorId });
}

/** Marks a campaign published (the caller holds its lock, has frozen its results and audits, in the
 * same transaction). */
export async function markCampaignPublished(
  tx: DbOrTx,
  campaignId: string,
  actorId: string | null,
  at: Date,
  revision: number,
): Promise<void> {
  await repo.updateCampaign(tx, campaignId, {
    status: 'published',
    publishedAt: at,
    publishedBy: actorId,
    revision: revision + 1,
  });
}
