/** Copy-down (seed 002: a district police receives the province's campaign and hands its ballots down
 * to its commune police): a child campaign linked to its parent, owned by a unit under the parent's
 * owner, on the same form version, which may only narrow the parent (narrowing.ts). */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import { checkShape } from './campaigns.ts';
import { allocateFromParent, narrowingProblem, shapeOf } from './narrowing.ts';
import * as repo from './repository.ts';
import { resolveTargets, targetRows, targetsForAudit, type TargetInput } from './targets.ts';

export interface CopyDownInput {
  ownerUnitId: string;
  code?: string | undefined;
  name?: string | undefined;
  periodFrom?: string | undefined;
  periodTo?: string | undefined;
  opensOn?: string | undefined;
  closesOn?: string | undefined;
  fieldCodes?: string[] | undefined;
  targets: TargetInput[];
  allocate?: boolean | undefined;
}

export class SurveyCopyDownService {
  constructor(private db: Db) {}

  async copyDown(actor: Actor, parentId: string, input: CopyDownInput) {
    const parent = await repo.getCampaign(this.db, parentId);
    if (!parent) throw new AppError('NOT_FOUND');
    const read = scopeOf(actor, 'survey.read');
    if (scopeIsEmpty(read)) throw new AppError('FORBIDDEN');
    const parentShape = await shapeOf(this.db, parent);
    if (
      !pathInScope(read, parent.ownerPath) &&
      !parentShape.targets.some((t) => pathInScope(read, t.unitPath))
    )
      throw new AppError('NOT_FOUND');
    const owner = await getUnit(this.db, input.ownerUnitId);
    if (!owner) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'survey.manage', owner.path);
    if (owner.id === parent.c.ownerUnitId || !owner.path.startsWith(parent.ownerPath))
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        `${owner.name} không phải đơn vị cấp dưới của ${parent.ownerName}: không giao đợt khảo sát xuống được.`,
      );
    if (owner.validTo !== null)
      throw new AppError('SURVEY_CAMPAIGN_INVALID', `${owner.name} đã giải thể hoặc sáp nhập.`);
    const known = new Map(parent.c.fields.map((f) => [f.code, f]));
    for (const code of input.fieldCodes ?? [])
      if (!known.has(code))
        throw new AppError('SURVEY_CAMPAIGN_INVALID', `Lĩnh vực "${code}" không có trong đợt cấp trên.`);
    const keep = new Set(input.fieldCodes ?? known.keys());
    const shape = {
      periodFrom: input.periodFrom ?? parent.c.periodFrom,
      periodTo: input.periodTo ?? parent.c.periodTo,
      opensOn: input.opensOn ?? parent.c.opensOn,
      closesOn: input.closesOn ?? parent.c.closesOn,
      fields: parent.c.fields.filter((f) => keep.has(f.code)),
      deadlines: parent.c.deadlines,
    };
    checkShape(shape);
    let targets = await resolveTargets(this.db, owner, keep, input.targets, parent.c.settings.marginPercent);
    if (input.allocate) targets = allocateFromParent(parentShape.targets, targets).targets;
    const problem = narrowingProblem(parentShape, { ...shape, targets });
    if (problem) throw problem;
    const code = input.code ?? parent.c.code;
    const name = input.name ?? parent.c.name;
    return this.db.transaction(async (tx) => {
      const id = randomUUID();
      try {
        await repo.insertCampaign(tx, {
          id,
          code,
          name,
          year: parent.c.year,
          formId: parent.c.formId,
          ownerUnitId: owner.id,
          parentId: parent.c.id,
          ...shape,
          status: 'draft',
          settings: parent.c.settings,
          basis: parent.c.basis,
          createdBy: actor.id,
        });
      } catch (e) {
        if (/survey_campaigns_owner_code_uq/.test(String((e as { cause?: unknown }).cause ?? e)))
          throw new AppError(
            'SURVEY_CAMPAIGN_INVALID',
            `Mã đợt khảo sát "${code}" đã được ${owner.name} dùng.`,
          );
        throw e;
      }
      await repo.insertTargets(tx, targetRows(id, targets));
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.campaign.copy_down',
        entity: 'survey_campaign',
        entityId: id,
        unitId: owner.id,
        before: null,
        after: {
          parent: `${parent.c.code} (${parent.ownerName})`,
          code,
          fields: shape.fields.map((f) => f.code),
          targets: targetsForAudit(targets),
        },
        reason: null,
      });
      return { id };
    });
  }
}
