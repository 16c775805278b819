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

/** Where a copied-down campaign's cell is counted in its parent: the parent's target of the same field
 * on the nearest unit at or above the cell's unit (seed 002: a district hands its ballots down to its
 * commune police, and the province counts them as the district's). Cells no target covers are not
 * counted. */
export function coveringCells(
  parentTargets: readonly { unitId: string; fieldCode: string; unitPath: string }[],
  cells: readonly { campaignId: string; unitId: string; fieldCode: string; unitPath: string }[],
) {
  const out: { campaignId: string; unitId: string; fieldCode: string; to: string }[] = [];
  for (const c of cells) {
    let best: { unitId: string; unitPath: string } | undefined;
    for (const t of parentTargets)
      if (t.fieldCode === c.fieldCode && c.unitPath.startsWith(t.unitPath))
        if (!best || t.unitPath.length > best.unitPath.length) best = t;
    if (best)
      out.push({ campaignId: c.campaignId, unitId: c.unitId, fieldCode: c.fieldCode, to: best.unitId });
  }
  return out;
}

/** The counts of every unit × field of a campaign (ballots as they are now), the ballots of campaigns
 * copied down from it included in the cells that cover theirs. */
export async function campaignCounts(
  db: DbOrTx,
  campaignId: string,
  form: SurveyForm,
  targets?: readonly { unitId: string; fieldCode: string; unitPath: string }[],
  underPath?: string,
): Promise<CellCounts[]> {
  const qs = ratingQuestions(form);
  const sat = satisfiedFrom(form);
  const overallPos = form.overallQuestion ? qs.findIndex((q) => q.code === form.overallQuestion) + 1 : 0;
  const below = await repo.descendantTargets(db, campaignId);
  const own = (
    targets ??
    (below.length
      ? (await repo.targetsOf(db, campaignId)).map((t) => ({ ...t.t, unitPath: t.unitPath }))
      : [])
  ).filter((t) => !underPath || t.unitPath.startsWith(underPath));
  const mapped = below.length ? coveringCells(own, below) : [];
  const sources: repo.BallotSource[] = [
    { campaignId, underPath },
    ...(mapped.length ? [{ cells: mapped }] : []),
  ];
  const counts = await Promise.all(
    sources.map((src) =>
      Promise.all([repo.ballotCounts(db, src, overallPos, sat), repo.ratingCounts(db, src, sat)]),
    ),
  );
  const cells = new Map<string, CellCounts>();
  for (const [ballots, ratings] of counts) {
    for (const b of ballots) {
      const key = `${b.unitId} ${b.fieldCode}`;
      const c = cells.get(key);
      if (!c) cells.set(key, { ...b, ratings: {} });
      else
        for (const k of ['returned', 'valid', 'invalid', 'online', 'overallN', 'overallSatisfied'] as const)
          c[k] += b[k];
    }
    for (const r of ratings) {
      const q = qs[r.pos - 1];
      const c = cells.get(`${r.unitId} ${r.fieldCode}`);
      if (!q || !c) continue;
      const was = c.ratings[q.code] ?? { satisfied: 0, n: 0 };
      c.ratings[q.code] = { satisfied: was.satisfied + r.satisfied, n: was.n + r.n };
    }
  }
  return [...cells.values()];
}

/** What a campaign's indices are computed from: its form, the counts of every unit × field with a
 * target or ballots (a target without ballots is a cell of zeros), the targets (units in tree order)
 * and the order of its fields. */
/** `underPath`: only the cells of that subtree (a unit's report); a unit's indices depend on its own
 * ballots alone. */
export async function campaignInputs(db: DbOrTx, campaignId: string, underPath?: string) {
  const j = await repo.getCampaign(db, campaignId);
  if (!j) throw new AppError('NOT_FOUND');
  const form = (await repo.getForm(db, j.c.formId))!.f.definition;
  const targets = (await repo.targetsOf(db, campaignId)).filter(
    (t) => !underPath || t.unitPath.startsWith(underPath),
  );
  const order = new Map(targets.map((t, i) => [t.t.unitId, i]));
  const counted = await campaignCounts(
    db,
    campaignId,
    form,
    targets.map((t) => ({ unitId: t.t.unitId, fieldCode: t.t.fieldCode, unitPath: t.unitPath })),
    underPath,
  );
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
