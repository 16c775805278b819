/** Survey campaigns: a published form version measured for a year by an owning unit over a period,
 * with a collection window, due dates and the surveyed units × service fields with their targets
 * and public links. */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CAMPAIGN_SETTINGS,
  type CampaignDeadline,
  type CampaignSettings,
  type CampaignStatus,
  type ServiceField,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { getUnit } from '../units/service.ts';
import { publishedForm } from './forms.ts';
import * as repo from './repository.ts';
import { resolveTargets, targetRows } from './targets.ts';

export { newLinkToken, targetOf } from './targets.ts';

export interface CampaignInput {
  code: string;
  name: string;
  year: number;
  formId: string;
  ownerUnitId: string;
  periodFrom: string;
  periodTo: string;
  opensOn: string;
  closesOn: string;
  fields: ServiceField[];
  deadlines?: CampaignDeadline[] | undefined;
  settings?: Partial<CampaignSettings> | undefined;
  basis?: string | undefined;
  targets: {
    unitId: string;
    fieldCode: string;
    transactions?: number | null | undefined;
    target?: number | null | undefined;
  }[];
}

/** What is wrong with a campaign's dates and fields (Vietnamese), or nothing. */
export function checkShape(
  input: Pick<CampaignInput, 'periodFrom' | 'periodTo' | 'opensOn' | 'closesOn' | 'fields' | 'deadlines'>,
) {
  if (input.periodFrom > input.periodTo)
    throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Kỳ đo lường: ngày bắt đầu sau ngày kết thúc.');
  if (input.opensOn > input.closesOn)
    throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Thời gian thu phiếu: ngày mở sau ngày đóng.');
  const codes = new Set<string>();
  for (const f of input.fields) {
    if (codes.has(f.code)) throw new AppError('SURVEY_CAMPAIGN_INVALID', `Mã lĩnh vực "${f.code}" bị trùng.`);
    codes.add(f.code);
  }
  const keys = new Set<string>();
  for (const d of input.deadlines ?? []) {
    if (keys.has(d.key)) throw new AppError('SURVEY_CAMPAIGN_INVALID', `Mốc "${d.key}" bị trùng.`);
    keys.add(d.key);
  }
}

export class SurveyCampaignService {
  constructor(private db: Db) {}

  /** The reader may manage the campaign: survey.manage on its owner. */
  static canManage(actor: Actor, ownerPath: string) {
    return pathInScope(scopeOf(actor, 'survey.manage'), ownerPath);
  }

  async create(actor: Actor, input: CampaignInput) {
    const owner = await getUnit(this.db, input.ownerUnitId);
    if (!owner) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'survey.manage', owner.path);
    checkShape(input);
    const form = await publishedForm(this.db, input.formId);
    if (!form || form.status !== 'published')
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        'Chỉ mở đợt khảo sát trên một phiên bản phiếu đã ban hành.',
      );
    const settings: CampaignSettings = { ...DEFAULT_CAMPAIGN_SETTINGS, ...(input.settings ?? {}) };
    const fieldCodes = new Set(input.fields.map((f) => f.code));
    const rows = await resolveTargets(this.db, owner, fieldCodes, input.targets, settings.marginPercent);
    return this.db.transaction(async (tx) => {
      const id = randomUUID();
      try {
        await repo.insertCampaign(tx, {
          id,
          code: input.code,
          name: input.name,
          year: input.year,
          formId: form.id,
          ownerUnitId: owner.id,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
          status: 'draft',
          fields: input.fields,
          deadlines: input.deadlines ?? [],
          settings,
          basis: input.basis ?? null,
          createdBy: actor.id,
        });
      } catch (e) {
        if (/survey_campaigns_owner_code_uq/.test(String((e as { cause?: unknown }).cause ?? e)))
          throw new AppError(
            'SURVEY_CAMPAIGN_INVALID',
            `Mã đợt khảo sát "${input.code}" đã được ${owner.name} dùng.`,
          );
        throw e;
      }
      await repo.insertTargets(tx, targetRows(id, rows));
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.campaign.create',
        entity: 'survey_campaign',
        entityId: id,
        unitId: owner.id,
        after: {
          code: input.code,
          year: input.year,
          form: `${form.code} v${form.version}`,
          targets: rows.length,
        },
        reason: null,
      });
      return { id };
    });
  }

  /** Readable by those who read its owner, and by units it surveys (they see their own targets). */
  private async readable(actor: Actor, id: string) {
    const j = await repo.getCampaign(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    const scope = scopeOf(actor, 'survey.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const ownerVisible = pathInScope(scope, j.ownerPath);
    const targets = (await repo.targetsOf(this.db, id)).filter(
      (t) => ownerVisible || pathInScope(scope, t.unitPath),
    );
    if (!ownerVisible && targets.length === 0) throw new AppError('NOT_FOUND');
    return { j, targets };
  }

  async list(actor: Actor) {
    const scope = scopeOf(actor, 'survey.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const withTargets = new Set(
      scope.all ? [] : await repo.campaignIdsWithTargetsUnder(this.db, scope.paths),
    );
    return (await repo.listCampaigns(this.db))
      .filter((j) => pathInScope(scope, j.ownerPath) || withTargets.has(j.c.id))
      .map(summaryOf);
  }

  async get(actor: Actor, id: string) {
    const { j, targets } = await this.readable(actor, id);
    const fieldName = new Map(j.c.fields.map((f) => [f.code, f.name]));
    const linkScope = [scopeOf(actor, 'survey.manage'), scopeOf(actor, 'survey.enter')];
    const readScope = scopeOf(actor, 'survey.read');
    const parent = j.c.parentId ? await repo.getCampaign(this.db, j.c.parentId) : undefined;
    const children = await repo.childrenOf(this.db, id);
    return {
      ...summaryOf(j),
      fields: j.c.fields,
      deadlines: j.c.deadlines,
      settings: j.c.settings,
      basis: j.c.basis,
      canManage: SurveyCampaignService.canManage(actor, j.ownerPath),
      targets: targets.map((t) => ({
        unitId: t.t.unitId,
        unitName: t.unitName,
        fieldCode: t.t.fieldCode,
        fieldName: fieldName.get(t.t.fieldCode) ?? t.t.fieldCode,
        transactions: t.t.transactions,
        target: t.t.target,
        targetSource: t.t.targetSource,
        link: linkScope.some((s) => pathInScope(s, t.unitPath)) ? `/s/${t.t.linkToken}` : null,
      })),
      parentName: parent ? `${parent.c.name} (${parent.ownerName})` : null,
      children: children.filter((c) => pathInScope(readScope, c.ownerPath)).map(summaryOf),
    };
  }

  /** draft → open, open ⇄ closed (the owner's coordinator); a published campaign stays published. */
  async setStatus(actor: Actor, id: string, to: 'open' | 'closed', reason?: string) {
    return this.db.transaction(async (tx) => {
      const j = await repo.getCampaign(tx, id, true);
      if (!j) throw new AppError('NOT_FOUND');
      requireInScope(actor, 'survey.manage', j.ownerPath);
      const from: CampaignStatus = j.c.status;
      const allowed =
        (from === 'draft' && to === 'open') ||
        (from === 'open' && to === 'closed') ||
        (from === 'closed' && to === 'open');
      if (!allowed)
        throw new AppError(
          'SURVEY_CAMPAIGN_STATE',
          from === 'published'
            ? 'Đợt khảo sát đã công bố kết quả.'
            : from === 'draft'
              ? 'Đợt khảo sát chưa bắt đầu thu phiếu.'
              : 'Đợt khảo sát đang ở trạng thái này rồi.',
        );
      await repo.updateCampaign(tx, id, { status: to, revision: j.c.revision + 1 });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: to === 'open' ? 'survey.campaign.open' : 'survey.campaign.close',
        entity: 'survey_campaign',
        entityId: id,
        unitId: j.c.ownerUnitId,
        before: { status: from },
        after: { status: to },
        reason: reason ?? null,
      });
      return { id, status: to };
    });
  }
}

function summaryOf(j: repo.CampaignJoined) {
  return {
    id: j.c.id,
    code: j.c.code,
    name: j.c.name,
    year: j.c.year,
    status: j.c.status,
    formId: j.c.formId,
    formName: j.formName,
    respondentKind: j.respondentKind,
    ownerUnitId: j.c.ownerUnitId,
    ownerUnitName: j.ownerName,
    parentId: j.c.parentId,
    periodFrom: j.c.periodFrom,
    periodTo: j.c.periodTo,
    opensOn: j.c.opensOn,
    closesOn: j.c.closesOn,
    revision: j.c.revision,
  };
}

/** For other survey modules: a campaign with its owner's path (undefined when none). */
export async function loadCampaign(db: DbOrTx, id: string, lock = false) {
  return repo.getCampaign(db, id, lock);
}
export { targetByToken, targetsOf, targetExists, campaignsByCode, descendantsOf } from './repository.ts';
