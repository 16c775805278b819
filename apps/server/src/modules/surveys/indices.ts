/** A campaign's indices computed from its ballots now (not frozen: publication freezes them in
 * `survey_results`). What results, reports and points read. */
import {
  campaignIndices,
  ratingQuestions,
  satisfiedFrom,
  type CampaignIndices,
  type CellCounts,
  type ExternalIndex,
  type SurveyForm,
} from '@chiso/domain';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import * as repo from './repository.ts';

/** The counts of every unit × field of a campaign (ballots as they are now). */
export async function campaignCounts(
  db: DbOrTx,
  campaignId: string,
  form: SurveyForm,
): Promise<CellCounts[]> {
  const qs = ratingQuestions(form);
  const sat = satisfiedFrom(form);
  const overallPos = form.overallQuestion ? qs.findIndex((q) => q.code === form.overallQuestion) + 1 : 0;
  const [ballots, ratings] = await Promise.all([
    repo.ballotCounts(db, campaignId, overallPos, sat),
    repo.ratingCounts(db, campaignId, sat),
  ]);
  const cells = new Map<string, CellCounts>();
  for (const b of ballots) cells.set(`${b.unitId} ${b.fieldCode}`, { ...b, ratings: {} });
  for (const r of ratings) {
    const q = qs[r.pos - 1];
    const c = cells.get(`${r.unitId} ${r.fieldCode}`);
    if (q && c) c.ratings[q.code] = { satisfied: r.satisfied, n: r.n };
  }
  return [...cells.values()];
}

/** What a campaign's indices are computed from: its form, the counts of every unit × field with a
 * target or ballots (a target without ballots is a cell of zeros), the targets (units in tree order)
 * and the order of its fields. */
export async function campaignInputs(db: DbOrTx, campaignId: string) {
  const j = await repo.getCampaign(db, campaignId);
  if (!j) throw new AppError('NOT_FOUND');
  const form = (await repo.getForm(db, j.c.formId))!.f.definition;
  const targets = await repo.targetsOf(db, campaignId);
  const order = new Map(targets.map((t, i) => [t.t.unitId, i]));
  const counted = await campaignCounts(db, campaignId, form);
  const have = new Set(counted.map((c) => `${c.unitId} ${c.fieldCode}`));
  // a target without any ballot yet is a cell of zeros ("chưa đủ mẫu" when its target is above 0)
  for (const t of targets)
    if (!have.has(`${t.t.unitId} ${t.t.fieldCode}`))
      counted.push({
        unitId: t.t.unitId,
        fieldCode: t.t.fieldCode,
        ratings: {},
        returned: 0,
        valid: 0,
        invalid: 0,
        online: 0,
        overallN: 0,
        overallSatisfied: 0,
      });
  const cells = counted.sort((a, b) => (order.get(a.unitId) ?? 1e9) - (order.get(b.unitId) ?? 1e9));
  return {
    campaign: j,
    form,
    cells,
    targets: targets.map((t) => ({
      unitId: t.t.unitId,
      fieldCode: t.t.fieldCode,
      target: t.t.target,
      unitPath: t.unitPath,
      unitName: t.unitName,
    })),
    fieldOrder: j.c.fields.map((f) => f.code),
  };
}

/** The indices of a campaign from its ballots now, with its targets (units in tree order) and the
 * external indices given (each replaces its unit × field cell). */
export async function computeCampaignIndices(
  db: DbOrTx,
  campaignId: string,
  external: ExternalIndex[] = [],
): Promise<CampaignIndices> {
  const x = await campaignInputs(db, campaignId);
  return campaignIndices(x.form, x.cells, x.targets, x.fieldOrder, external);
}
