/** Test helper of survey points: publish a campaign's results from chosen counts before the results
 * slice has its publication route (savePublishedResults + the status set through SQL). */
import { ratingQuestions, type CellCounts, type SurveyForm } from '@chiso/domain';
import { sql } from 'drizzle-orm';
import { publishedFrom } from '../src/modules/system/seedSurveys.ts';
import { publishedForm } from '../src/modules/surveys/forms.ts';
import { loadCampaign } from '../src/modules/surveys/campaigns.ts';
import { savePublishedResults } from '../src/modules/surveys/published.ts';
import type { Client, TestApp } from './helpers.ts';

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
  const targets = cs.map((c) => ({ unitId: c.unitId, fieldCode: c.fieldCode, target: null }));
  const published = publishedFrom(
    form,
    cs,
    targets,
    j.c.fields.map((f) => f.code),
    units,
  );
  await db.transaction(async (tx) => {
    await savePublishedResults(tx, campaignId, published, null);
    await tx.execute(sql`update survey_campaigns set status = 'published' where id = ${campaignId}`);
  });
}

/** A campaign of `owner` surveying `units` (field CT, every question `satisfied` of `n`), the cycle's
 * survey `leaf` bound to it (overall index) and its results published: what a test of the cycles
 * needs now that nobody types a survey index. */
export async function surveyReady(
  t: TestApp,
  coordinator: { send: Client['send']; get: Client['get'] },
  opts: { cycleId: string; owner: string; units: string[]; leaf: string; satisfied: number; n: number },
) {
  const { findOpenByCode } = await import('../src/modules/units/service.ts');
  const owner = (await findOpenByCode(t.database.db, opts.owner))!;
  const units = await Promise.all(opts.units.map(async (c) => (await findOpenByCode(t.database.db, c))!));
  const forms = (await coordinator.get('/api/survey-forms')).json() as {
    items: { id: string; code: string }[];
  };
  const code = `HL-${opts.cycleId.slice(0, 8)}`;
  const r = await coordinator.send('POST', '/api/survey-campaigns', {
    code,
    name: 'Khảo sát sự hài lòng (thử nghiệm)',
    year: 2024,
    formId: forms.items.find((f) => f.code === 'PL01a')!.id,
    ownerUnitId: owner.id,
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-05-01',
    closesOn: '2030-12-31',
    fields: [{ code: 'CT', name: 'Cư trú' }],
    targets: units.map((u) => ({ unitId: u.id, fieldCode: 'CT', target: opts.n })),
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  const campaignId = (r.json() as { id: string }).id;
  const b = await coordinator.send('PUT', `/api/cycles/${opts.cycleId}/survey-bindings/${opts.leaf}`, {
    campaignCode: code,
    indicator: { kind: 'overall' },
  });
  if (b.statusCode !== 200) throw new Error(b.body);
  await publishCampaign(
    t,
    campaignId,
    (form) => units.map((u) => uniformCounts(form, u.id, 'CT', opts.satisfied, opts.n)),
    [owner, ...units],
  );
  return campaignId;
}
