/** Administration of a campaign by its owner's coordinator: editing while draft (name, dates, fields,
 * due dates, settings), and its targets until its results are published (typed N or n, imported N,
 * a total allocated in proportion to N). Every change is audited with before and after, and a
 * campaign copied down stays no wider than its parent (narrowing.ts). */
import { allocate, sampleSize, type CampaignSettings } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, type Actor } from '../auth/actor.ts';
import { getUnit } from '../units/service.ts';
import { checkShape } from './campaigns.ts';
import { allocateFromParent, checkFamily, shapeOf } from './narrowing.ts';
import * as repo from './repository.ts';
import {
  pairKey,
  resolveTargets,
  targetRows,
  targetsForAudit,
  type ResolvedTarget,
  type TargetInput,
} from './targets.ts';

export interface CampaignUpdate {
  revision: number;
  name?: string | undefined;
  periodFrom?: string | undefined;
  periodTo?: string | undefined;
  opensOn?: string | undefined;
  closesOn?: string | undefined;
  fields?: { code: string; name: string }[] | undefined;
  deadlines?: { key: string; label: string; dueOn: string }[] | undefined;
  settings?: Partial<CampaignSettings> | undefined;
  basis?: string | null | undefined;
}

/** The campaign locked for a change by its owner's coordinator, at the revision the editor read. */
export async function lockForChange(
  tx: DbOrTx,
  actor: Actor,
  id: string,
  revision: number | undefined,
  what: 'campaign' | 'targets',
) {
  const j = await repo.getCampaign(tx, id, true);
  if (!j) throw new AppError('NOT_FOUND');
  requireInScope(actor, 'survey.manage', j.ownerPath);
  if (what === 'campaign' && j.c.status !== 'draft')
    throw new AppError('SURVEY_CAMPAIGN_STATE', 'Chỉ sửa được đợt khảo sát khi còn là bản nháp.');
  if (what === 'targets' && j.c.status === 'published')
    throw new AppError(
      'SURVEY_CAMPAIGN_STATE',
      'Đợt khảo sát đã công bố kết quả: không sửa chỉ tiêu được nữa.',
    );
  if (revision !== undefined && revision !== j.c.revision) throw new AppError('SURVEY_CONFLICT');
  return j;
}

/** Stored targets of a campaign, resolved. */
export async function storedTargets(db: DbOrTx, id: string): Promise<ResolvedTarget[]> {
  return (await repo.targetsOf(db, id)).map((t) => ({
    unitId: t.t.unitId,
    unitName: t.unitName,
    unitPath: t.unitPath,
    fieldCode: t.t.fieldCode,
    transactions: t.t.transactions,
    target: t.t.target,
    targetSource: t.t.targetSource,
    linkToken: t.t.linkToken,
  }));
}

/** Writes the new targets of a campaign: refuses dropping a pair that has ballots, checks the family,
 * bumps the revision and audits the pairs that changed. */
export async function writeTargets(
  tx: DbOrTx,
  actor: Actor,
  j: repo.CampaignJoined,
  before: readonly ResolvedTarget[],
  after: readonly ResolvedTarget[],
  action: string,
  extra: Record<string, unknown> = {},
) {
  const kept = new Set(after.map((t) => pairKey(t.unitId, t.fieldCode)));
  const withBallots = await repo.ballotKeys(tx, j.c.id);
  for (const b of withBallots)
    if (!kept.has(pairKey(b.unitId, b.fieldCode))) {
      const name = before.find((t) => t.unitId === b.unitId)?.unitName ?? b.unitId;
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `${name} × "${b.fieldCode}" đã có phiếu khảo sát: không bỏ chỉ tiêu này được.`,
      );
    }
  await repo.replaceTargets(tx, j.c.id, targetRows(j.c.id, after));
  const revision = j.c.revision + 1;
  await repo.updateCampaign(tx, j.c.id, { revision });
  await checkFamily(tx, j.c.id);
  const sig = (t: ResolvedTarget) => `${t.transactions}|${t.target}|${t.targetSource}`;
  const old = new Map(before.map((t) => [pairKey(t.unitId, t.fieldCode), t]));
  const now = new Map(after.map((t) => [pairKey(t.unitId, t.fieldCode), t]));
  const removed = before.filter((t) => !now.has(pairKey(t.unitId, t.fieldCode)));
  const changed = after.filter((t) => {
    const o = old.get(pairKey(t.unitId, t.fieldCode));
    return !o || sig(o) !== sig(t);
  });
  await audit(tx, {
    actorId: actor.id,
    actorName: actor.name,
    action,
    entity: 'survey_campaign',
    entityId: j.c.id,
    unitId: j.c.ownerUnitId,
    before: {
      targets: targetsForAudit([
        ...removed,
        ...changed.flatMap((t) => old.get(pairKey(t.unitId, t.fieldCode)) ?? []),
      ]),
    },
    after: { targets: targetsForAudit(changed), ...extra },
    reason: null,
  });
  return { id: j.c.id, targets: after.length, revision };
}

export class SurveyCampaignEditService {
  constructor(private db: Db) {}

  /** Edits a draft campaign. A change of the margin e recomputes the targets given by the formula. */
  async update(actor: Actor, id: string, input: CampaignUpdate) {
    return this.db.transaction(async (tx) => {
      const j = await lockForChange(tx, actor, id, input.revision, 'campaign');
      const c = j.c;
      const next = {
        name: input.name ?? c.name,
        periodFrom: input.periodFrom ?? c.periodFrom,
        periodTo: input.periodTo ?? c.periodTo,
        opensOn: input.opensOn ?? c.opensOn,
        closesOn: input.closesOn ?? c.closesOn,
        fields: input.fields ?? c.fields,
        deadlines: input.deadlines ?? c.deadlines,
        settings: { ...c.settings, ...(input.settings ?? {}) },
        basis: input.basis === undefined ? c.basis : input.basis,
      };
      checkShape(next);
      const codes = new Set(next.fields.map((f) => f.code));
      const targets = await storedTargets(tx, id);
      const orphan = targets.find((t) => !codes.has(t.fieldCode));
      if (orphan)
        throw new AppError(
          'SURVEY_CAMPAIGN_INVALID',
          `Lĩnh vực "${orphan.fieldCode}" còn chỉ tiêu của ${orphan.unitName}: hãy bỏ các chỉ tiêu đó trước.`,
        );
      await repo.updateCampaign(tx, id, { ...next, revision: c.revision + 1 });
      if (next.settings.marginPercent !== c.settings.marginPercent) {
        const recomputed = targets.map((t) =>
          t.targetSource === 'formula' && t.transactions !== null
            ? { ...t, target: sampleSize(t.transactions, next.settings.marginPercent) }
            : t,
        );
        await repo.replaceTargets(tx, id, targetRows(id, recomputed));
      }
      await checkFamily(tx, id);
      const changedKeys = (Object.keys(next) as (keyof typeof next)[]).filter(
        (k) => JSON.stringify(next[k]) !== JSON.stringify(c[k]),
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.campaign.update',
        entity: 'survey_campaign',
        entityId: id,
        unitId: c.ownerUnitId,
        before: Object.fromEntries(changedKeys.map((k) => [k, c[k]])),
        after: Object.fromEntries(changedKeys.map((k) => [k, next[k]])),
        reason: null,
      });
      return { id, status: c.status, revision: c.revision + 1 };
    });
  }

  /** Replaces the targets (units × fields) with N or a typed n each; links of kept pairs stay. An
   * allocated target sent back unchanged (same N, same n) stays allocated. */
  async setTargets(actor: Actor, id: string, revision: number, inputs: TargetInput[]) {
    return this.db.transaction(async (tx) => {
      const j = await lockForChange(tx, actor, id, revision, 'targets');
      const before = await storedTargets(tx, id);
      const old = new Map(before.map((t) => [pairKey(t.unitId, t.fieldCode), t]));
      const marked = inputs.map((t) => {
        const o = old.get(pairKey(t.unitId, t.fieldCode));
        return o?.targetSource === 'allocated' &&
          o.target === (t.target ?? null) &&
          o.transactions === (t.transactions ?? null)
          ? { ...t, targetSource: 'allocated' }
          : t;
      });
      const after = await resolveTargets(
        tx,
        { path: j.ownerPath, name: j.ownerName },
        new Set(j.c.fields.map((f) => f.code)),
        marked,
        j.c.settings.marginPercent,
        new Map(before.map((t) => [pairKey(t.unitId, t.fieldCode), t.linkToken])),
      );
      return writeTargets(tx, actor, j, before, after, 'survey.targets.update');
    });
  }

  /** Allocates a total among the targets of a field (under a unit, or all) in proportion to N; without
   * a total, on a copied-down campaign, each parent target of the field is split among the targets
   * under its unit. The parts add up exactly. */
  async allocate(
    actor: Actor,
    id: string,
    input: {
      revision: number;
      fieldCode: string;
      total?: number | undefined;
      underUnitId?: string | undefined;
    },
  ) {
    return this.db.transaction(async (tx) => {
      const j = await lockForChange(tx, actor, id, input.revision, 'targets');
      const under = input.underUnitId ? await getUnit(tx, input.underUnitId) : undefined;
      if (input.underUnitId && !under) throw new AppError('UNIT_NOT_FOUND');
      const before = await storedTargets(tx, id);
      const field = j.c.fields.find((f) => f.code === input.fieldCode);
      if (!field)
        throw new AppError(
          'SURVEY_CAMPAIGN_INVALID',
          `Lĩnh vực "${input.fieldCode}" không có trong đợt khảo sát.`,
        );
      let after: ResolvedTarget[];
      let total: number;
      if (input.total !== undefined) {
        const idx = before.flatMap((t, i) =>
          t.fieldCode === field.code && (!under || t.unitPath.startsWith(under.path)) ? [i] : [],
        );
        const where = under ? ` thuộc ${under.name}` : '';
        if (!idx.length)
          throw new AppError(
            'SURVEY_CAMPAIGN_INVALID',
            `Không có chỉ tiêu nào của lĩnh vực "${field.name}"${where} để phân bổ.`,
          );
        const shares = allocate(
          input.total,
          idx.map((i) => before[i]!.transactions ?? 0),
        );
        after = before.map((t) => ({ ...t }));
        idx.forEach((i, k) => {
          after[i]!.target = shares[k]!;
          after[i]!.targetSource = 'allocated';
        });
        total = input.total;
      } else {
        const parent = j.c.parentId ? await repo.getCampaign(tx, j.c.parentId) : undefined;
        if (!parent) throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Hãy nhập tổng số phiếu cần phân bổ.');
        const r = allocateFromParent((await shapeOf(tx, parent)).targets, before, {
          fieldCode: field.code,
          underPath: under?.path,
        });
        if (!r.parts.length)
          throw new AppError(
            'SURVEY_CAMPAIGN_INVALID',
            `Đợt cấp trên không có chỉ tiêu lĩnh vực "${field.name}" nào phủ các đơn vị này để phân bổ.`,
          );
        after = r.targets;
        total = r.parts.reduce((a, p) => a + p.total, 0);
      }
      return writeTargets(tx, actor, j, before, after, 'survey.targets.allocate', {
        fieldCode: field.code,
        total,
        under: under?.name ?? null,
      });
    });
  }
}
