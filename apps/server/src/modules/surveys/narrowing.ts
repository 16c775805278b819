/** A campaign copied down from the level above may only narrow it (seed 002: the district police
 * receives the province's campaign and hands ballots down to its commune police): its period and
 * collection window inside the parent's, its fields a subset, its due dates no later, its targets only
 * on units inside the subtree of a unit the parent surveys on that field, and per field the targets
 * under such a unit adding up to at most the parent's target for it. */
import { allocate, type CampaignDeadline, type ServiceField } from '@chiso/domain';
import { formatDateVi } from '@chiso/domain/text';
import type { DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import * as repo from './repository.ts';

export interface ShapeTarget {
  unitId: string;
  unitName: string;
  unitPath: string;
  fieldCode: string;
  transactions: number | null;
  target: number | null;
  targetSource: string | null;
}

export interface CampaignShape {
  periodFrom: string;
  periodTo: string;
  opensOn: string;
  closesOn: string;
  fields: ServiceField[];
  deadlines: CampaignDeadline[];
  targets: ShapeTarget[];
}

const span = (from: string, to: string) => `${formatDateVi(from)}–${formatDateVi(to)}`;

/** The parent's target covering a unit × field: on the nearest unit above (or equal to) it that the
 * parent surveys on that field. */
export function coveringTarget<T extends ShapeTarget>(
  parent: readonly T[],
  unitPath: string,
  fieldCode: string,
) {
  let best: T | undefined;
  for (const p of parent)
    if (p.fieldCode === fieldCode && unitPath.startsWith(p.unitPath))
      if (!best || p.unitPath.length > best.unitPath.length) best = p;
  return best;
}

/** What makes `child` wider than `parent` (an error naming it in Vietnamese), or null. */
export function narrowingProblem(parent: CampaignShape, child: CampaignShape): AppError | null {
  if (child.periodFrom < parent.periodFrom || child.periodTo > parent.periodTo)
    return new AppError(
      'SURVEY_CAMPAIGN_INVALID',
      `Kỳ đo lường ${span(child.periodFrom, child.periodTo)} rộng hơn kỳ của đợt cấp trên (${span(parent.periodFrom, parent.periodTo)}).`,
    );
  if (child.opensOn < parent.opensOn || child.closesOn > parent.closesOn)
    return new AppError(
      'SURVEY_CAMPAIGN_INVALID',
      `Thời gian thu phiếu ${span(child.opensOn, child.closesOn)} rộng hơn của đợt cấp trên (${span(parent.opensOn, parent.closesOn)}).`,
    );
  const parentFields = new Set(parent.fields.map((f) => f.code));
  for (const f of child.fields)
    if (!parentFields.has(f.code))
      return new AppError('SURVEY_CAMPAIGN_INVALID', `Lĩnh vực "${f.name}" không có trong đợt cấp trên.`);
  const parentDue = new Map(parent.deadlines.map((d) => [d.key, d]));
  for (const d of child.deadlines) {
    const p = parentDue.get(d.key);
    if (p && d.dueOn > p.dueOn)
      return new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Mốc "${d.label}" (${formatDateVi(d.dueOn)}) muộn hơn mốc của đợt cấp trên (${formatDateVi(p.dueOn)}).`,
      );
  }
  const sums = new Map<ShapeTarget, number>();
  for (const t of child.targets) {
    const p = coveringTarget(parent.targets, t.unitPath, t.fieldCode);
    if (!p)
      return new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `${t.unitName} không thuộc đơn vị nào mà đợt cấp trên khảo sát về lĩnh vực "${t.fieldCode}".`,
      );
    sums.set(p, (sums.get(p) ?? 0) + (t.target ?? 0));
  }
  for (const [p, sum] of sums)
    if (p.target !== null && sum > p.target)
      return new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Lĩnh vực "${p.fieldCode}" của ${p.unitName}: chỉ tiêu các đơn vị cộng lại ${sum} phiếu, nhiều hơn chỉ tiêu ${p.target} phiếu của đợt cấp trên.`,
      );
  return null;
}

/** Splits each parent target (of `fieldCode`, or all fields) among the child's targets it covers, in
 * proportion to their N (largest remainder: the parts add up to the parent's target exactly). Returns
 * the child's targets with the allocated ones replaced, and the allocations made. */
export function allocateFromParent<T extends ShapeTarget>(
  parent: readonly ShapeTarget[],
  child: readonly T[],
  only?: { fieldCode?: string | undefined; underPath?: string | undefined },
): { targets: T[]; parts: { unit: string; field: string; total: number }[] } {
  const groups = new Map<ShapeTarget, number[]>();
  child.forEach((t, i) => {
    if (only?.fieldCode !== undefined && t.fieldCode !== only.fieldCode) return;
    if (only?.underPath !== undefined && !t.unitPath.startsWith(only.underPath)) return;
    const p = coveringTarget(parent, t.unitPath, t.fieldCode);
    if (!p || p.target === null) return;
    groups.set(p, [...(groups.get(p) ?? []), i]);
  });
  const out = child.map((t) => ({ ...t }));
  const parts: { unit: string; field: string; total: number }[] = [];
  for (const [p, idx] of groups) {
    const shares = allocate(
      p.target!,
      idx.map((i) => child[i]!.transactions ?? 0),
    );
    idx.forEach((i, k) => {
      out[i]!.target = shares[k]!;
      out[i]!.targetSource = 'allocated';
    });
    parts.push({ unit: p.unitName, field: p.fieldCode, total: p.target! });
  }
  return { targets: out, parts };
}

/** The shape of a stored campaign, with its targets. */
export async function shapeOf(db: DbOrTx, j: repo.CampaignJoined): Promise<CampaignShape> {
  return {
    periodFrom: j.c.periodFrom,
    periodTo: j.c.periodTo,
    opensOn: j.c.opensOn,
    closesOn: j.c.closesOn,
    fields: j.c.fields,
    deadlines: j.c.deadlines,
    targets: (await repo.targetsOf(db, j.c.id)).map((t) => ({
      unitId: t.t.unitId,
      unitName: t.unitName,
      unitPath: t.unitPath,
      fieldCode: t.t.fieldCode,
      transactions: t.t.transactions,
      target: t.t.target,
      targetSource: t.t.targetSource,
    })),
  };
}

/** After a change of a campaign (inside its transaction): it is still no wider than its parent, and
 * every campaign copied down from it is still no wider than it. Throws naming what is wider. */
export async function checkFamily(tx: DbOrTx, id: string) {
  const j = await repo.getCampaign(tx, id);
  if (!j) throw new AppError('NOT_FOUND');
  const mine = await shapeOf(tx, j);
  if (j.c.parentId) {
    const p = await repo.getCampaign(tx, j.c.parentId);
    const problem = p && narrowingProblem(await shapeOf(tx, p), mine);
    if (problem) throw problem;
  }
  for (const c of await repo.childrenOf(tx, id)) {
    const problem = narrowingProblem(mine, await shapeOf(tx, c));
    if (problem)
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `Đợt khảo sát đã giao xuống ${c.ownerName} sẽ rộng hơn đợt này: ${problem.message}`,
      );
  }
}
