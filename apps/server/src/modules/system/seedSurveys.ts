/** Demo surveys (issue #15, items 7–8): campaigns of the demo owners with their results published, and
 * the demo cycles' survey leaves bound to them so the points flow into the cycles (nobody types a
 * survey index). Counts are deterministic; no crowd is simulated here. */
import {
  campaignIndices,
  ratingQuestions,
  subtreeIndex,
  type CellCounts,
  type Framework,
  type PublishedResults,
  type SurveyForm,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import type { Actor } from '../auth/actor.ts';
import { SurveyPointsService } from '../surveyPoints/service.ts';
import { surveyLeaves } from '../surveyPoints/resolve.ts';
import { loadCampaign, SurveyCampaignService } from '../surveys/campaigns.ts';
import { installShippedForms, publishedForm } from '../surveys/forms.ts';
import { markCampaignPublished, savePublishedResults } from '../surveys/published.ts';
import { getUnit } from '../units/service.ts';

/** What a publication freezes: the indices of the cells, and per unit at or above surveyed units
 * (among `units`) its subtree's result (as the results slice's publication builds them). */
export function publishedFrom(
  form: SurveyForm,
  cells: CellCounts[],
  targets: { unitId: string; fieldCode: string; target: number | null }[],
  fieldOrder: string[],
  units: readonly { id: string; path: string }[],
  at = new Date(),
): PublishedResults {
  const indices = campaignIndices(form, cells, targets, fieldOrder);
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const subtrees: PublishedResults['subtrees'] = {};
  for (const u of units) {
    const under = new Set(
      indices.units.filter((x) => (pathOf.get(x.unitId) ?? '').startsWith(u.path)).map((x) => x.unitId),
    );
    const g = under.size ? subtreeIndex(form, cells, under) : null;
    if (g) subtrees[u.id] = g;
  }
  return { publishedAt: at.toISOString(), indices, subtrees, external: [] };
}

/** Deterministic counts of one unit × field: `n` ballots, a few not satisfied per question. */
export function demoCounts(
  form: SurveyForm,
  unitId: string,
  fieldCode: string,
  n: number,
  k: number,
): CellCounts {
  const ratings: CellCounts['ratings'] = {};
  ratingQuestions(form).forEach((q, i) => {
    ratings[q.code] = { satisfied: n - ((k * 3 + i) % 7), n };
  });
  return {
    unitId,
    fieldCode,
    ratings,
    returned: n,
    valid: n,
    invalid: 0,
    online: Math.floor(n / 3),
    overallN: n,
    overallSatisfied: n - (k % 5),
  };
}

/** A past year's campaign of an owner over the members of a cycle (teams handle no procedures and are
 * not surveyed), its results published from deterministic counts, and the cycle's survey leaves bound
 * to it (before appraisal opens). */
export async function seedPastSurvey(
  db: Db,
  coordinator: Actor,
  opts: { ownerUnitId: string; year: number; cycleId: string; fw: Framework; memberIds: string[] },
) {
  const leaves = surveyLeaves(opts.fw);
  if (!leaves.length) return;
  const formId = (await installShippedForms(db)).get('PL01a')!;
  const form = (await publishedForm(db, formId))!.definition;
  const code = `HL-${opts.year}`;
  const field = { code: 'TTHC', name: 'Giải quyết thủ tục hành chính' };
  const members = (await Promise.all(opts.memberIds.map((id) => getUnit(db, id)))).filter((u) => !!u);
  const surveyed = members.filter((u) => u.kind !== 'team');
  const campaigns = new SurveyCampaignService(db);
  const { id } = await campaigns.create(coordinator, {
    code,
    name: `Khảo sát sự hài lòng năm ${opts.year}`,
    year: opts.year,
    formId,
    ownerUnitId: opts.ownerUnitId,
    periodFrom: `${opts.year - 1}-09-15`,
    periodTo: `${opts.year}-09-14`,
    opensOn: `${opts.year}-05-01`,
    closesOn: `${opts.year}-06-30`,
    fields: [field],
    targets: surveyed.map((u, k) => ({ unitId: u.id, fieldCode: field.code, target: 30 + k })),
  });
  const cells = surveyed.map((u, k) => demoCounts(form, u.id, field.code, 36 + ((k * 11) % 25), k));
  const targets = surveyed.map((u, k) => ({ unitId: u.id, fieldCode: field.code, target: 30 + k }));
  const owner = (await getUnit(db, opts.ownerUnitId))!;
  const at = new Date(`${opts.year}-07-15T03:00:00Z`);
  await db.transaction(async (tx) => {
    const j = (await loadCampaign(tx, id, true))!;
    await savePublishedResults(
      tx,
      id,
      publishedFrom(form, cells, targets, [field.code], [owner, ...members], at),
      coordinator.id,
    );
    await markCampaignPublished(tx, id, coordinator.id, at, j.c.revision);
  });
  const points = new SurveyPointsService(db);
  for (const l of leaves)
    await points.bind(coordinator, opts.cycleId, l.code, {
      campaignCode: code,
      indicator: { kind: 'overall' },
    });
}
