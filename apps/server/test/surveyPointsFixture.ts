/** Test helper of survey points: publish a campaign's results from chosen counts before the results
 * slice has its publication route (savePublishedResults + the status set through SQL). */
import { campaignIndices, ratingQuestions, type CellCounts, type SurveyForm } from '@chiso/domain';
import { sql } from 'drizzle-orm';
import { publishedFrom } from '../src/modules/system/seedSurveys.ts';
import { publishedForm } from '../src/modules/surveys/forms.ts';
import { loadCampaign } from '../src/modules/surveys/campaigns.ts';
import { savePublishedResults } from '../src/modules/surveys/published.ts';
import type { TestApp } from './helpers.ts';

/** Counts of one unit × field where every scale question has `satisfied` of `n` ratings satisfied. */
export function uniformCounts(
  form: SurveyForm,
  unitId: string,
  fieldCode: string,
  satisfied: number,
  n: number,
): CellCounts {
  const ratings: CellCounts['ratings'] = {};
  for (const q of ratingQuestions(form)) ratings[q.code] = { satisfied, n };
  return {
    unitId,
    fieldCode,
    ratings,
    returned: n,
    valid: n,
    invalid: 0,
    online: 0,
    overallN: n,
    overallSatisfied: satisfied,
  };
}

/** Publish a campaign with the given cells (the subtrees over `units`). */
export async function publishCampaign(
  t: TestApp,
  campaignId: string,
  cells: (form: SurveyForm) => CellCounts[],
  units: { id: string; path: string }[],
) {
  const db = t.database.db;
  const j = (await loadCampaign(db, campaignId))!;
  const form = (await publishedForm(db, j.c.formId))!.definition;
  const cs = cells(form);
  const indices = campaignIndices(
    form,
    cs,
    cs.map((c) => ({ unitId: c.unitId, fieldCode: c.fieldCode, target: null })),
    j.c.fields.map((f) => f.code),
  );
  await db.transaction(async (tx) => {
    await savePublishedResults(tx, campaignId, publishedFrom(form, indices, units), null);
    await tx.execute(sql`update survey_campaigns set status = 'published' where id = ${campaignId}`);
  });
}
