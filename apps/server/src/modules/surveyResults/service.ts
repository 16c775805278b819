/** Results of a survey campaign: read (frozen once published, else computed now and marked "tạm
 * tính"), external indices entered by the owner's coordinator before publication, and publication
 * (frozen, the campaign published, audited, the surveyed units told). */
import { formatDateVi, parsePoints, toDbNumeric } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { notify } from '../notices/service.ts';
import { descendantsOf, loadCampaign, targetExists } from '../surveys/campaigns.ts';
import { publishedForm } from '../surveys/forms.ts';
import { markCampaignPublished, publishedResults, savePublishedResults } from '../surveys/published.ts';
import { buildResults, externalOf } from './build.ts';
import * as repo from './repository.ts';
import { resultsView, type ResultsView } from './view.ts';

export interface ExternalInput {
  unitId: string;
  fieldCode: string;
  index: string;
  issued?: number | null | undefined;
  returned?: number | null | undefined;
  valid?: number | null | undefined;
  document: string;
  reason?: string | undefined;
}

export class SurveyResultService {
  constructor(private db: Db) {}

  /** The campaign, and whether the reader reads its owner (everything) or only units it surveys. */
  private async readable(actor: Actor, id: string) {
    const j = await loadCampaign(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    const scope = scopeOf(actor, 'survey.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    return { j, scope, full: pathInScope(scope, j.ownerPath) };
  }

  async view(actor: Actor, id: string): Promise<ResultsView> {
    const { j, scope, full } = await this.readable(actor, id);
    const frozen = await publishedResults(this.db, id);
    const results = frozen ?? (await buildResults(this.db, id));
    const ids = new Set([
      ...results.indices.units.map((u) => u.unitId),
      ...Object.keys(results.subtrees),
      ...results.external.map((x) => x.unitId),
    ]);
    const units = new Map(
      (await repo.unitsByIds(this.db, [...ids])).map((u) => [u.id, { name: u.name, path: u.path }]),
    );
    const visible = (path: string) => pathInScope(scope, path);
    if (!full && ![...units.values()].some((u) => visible(u.path))) throw new AppError('NOT_FOUND');
    const form = (await publishedForm(this.db, j.c.formId))!.definition;
    const enteredAt = new Map(
      (await repo.listExternal(this.db, id)).map((r) => [
        `${r.unitId} ${r.fieldCode}`,
        r.createdAt.toISOString(),
      ]),
    );
    return resultsView({
      j,
      form,
      results,
      published: !!frozen,
      units,
      full,
      visible,
      canManage: pathInScope(scopeOf(actor, 'survey.manage'), j.ownerPath),
      enteredAt,
    });
  }

  async listExternal(actor: Actor, id: string) {
    return (await this.view(actor, id)).external;
  }

  /** The owner's coordinator, before publication. */
  private async manageable(tx: DbOrTx, actor: Actor, id: string) {
    const j = await loadCampaign(tx, id, true);
    if (!j) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'survey.manage', j.ownerPath);
    if (j.c.status === 'published')
      throw new AppError(
        'SURVEY_CAMPAIGN_STATE',
        'Kết quả của đợt khảo sát đã công bố: không thay đổi chỉ số công bố bên ngoài được nữa.',
      );
    return j;
  }

  async putExternal(actor: Actor, id: string, input: ExternalInput) {
    const index = parsePoints(input.index.trim().replace(/\s*%$/u, ''));
    if (index === null || index < 0 || index > 10000)
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        'Chỉ số là phần trăm từ 0 đến 100, tối đa hai chữ số thập phân (ví dụ 96,45).',
      );
    const issued = input.issued ?? null;
    const returned = input.returned ?? null;
    const valid = input.valid ?? null;
    if (issued !== null && returned !== null && returned > issued)
      throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Số phiếu thu về không được lớn hơn số phiếu phát ra.');
    if (returned !== null && valid !== null && valid > returned)
      throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Số phiếu hợp lệ không được lớn hơn số phiếu thu về.');
    return this.db.transaction(async (tx) => {
      const j = await this.manageable(tx, actor, id);
      if (!(await targetExists(tx, id, input.unitId, input.fieldCode)))
        throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Đơn vị × lĩnh vực này không có trong đợt khảo sát.');
      const before = await repo.getExternal(tx, id, input.unitId, input.fieldCode);
      await repo.upsertExternal(tx, {
        campaignId: id,
        unitId: input.unitId,
        fieldCode: input.fieldCode,
        indexValue: toDbNumeric(index),
        issued,
        returned,
        valid,
        document: input.document.trim(),
        createdBy: actor.id,
      });
      const after = { unitId: input.unitId, fieldCode: input.fieldCode, index, issued, returned, valid };
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.external.set',
        entity: 'survey_campaign',
        entityId: id,
        unitId: input.unitId,
        before: before ? externalOf(before) : null,
        after: { ...after, document: input.document.trim() },
        reason: input.reason?.trim() || null,
      });
      return { id: j.c.id, status: j.c.status };
    });
  }

  async deleteExternal(actor: Actor, id: string, unitId: string, fieldCode: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const j = await this.manageable(tx, actor, id);
      const before = await repo.getExternal(tx, id, unitId, fieldCode);
      if (!before) throw new AppError('NOT_FOUND');
      await repo.deleteExternal(tx, id, unitId, fieldCode);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.external.delete',
        entity: 'survey_campaign',
        entityId: id,
        unitId,
        before: externalOf(before),
        after: null,
        reason: reason.trim(),
      });
      return { id: j.c.id, status: j.c.status };
    });
  }

  /** Freezes the results, publishes the campaign, audits and tells the surveyed units. `at`: the
   * moment of publication (now; the demo publishes its 2024 campaign on the plan's dates). */
  async publish(actor: Actor, id: string, reason?: string, at = new Date()) {
    return this.db.transaction(async (tx) => {
      const j = await loadCampaign(tx, id, true);
      if (!j) throw new AppError('NOT_FOUND');
      requireInScope(actor, 'survey.manage', j.ownerPath);
      if (j.c.status === 'published')
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Kết quả của đợt khảo sát đã được công bố.');
      if (j.c.status !== 'closed')
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Hãy dừng thu phiếu trước khi công bố kết quả.');
      // the copies' ballots count here: their results are final first (a closed copy still takes late
      // paper ballots)
      const live = (await descendantsOf(tx, id)).filter((d) => d.status === 'open' || d.status === 'closed');
      if (live.length)
        throw new AppError(
          'SURVEY_CAMPAIGN_STATE',
          `Đợt khảo sát đã giao xuống ${live.map((d) => d.ownerName).join(', ')} chưa công bố kết quả; phiếu của đợt đó được tính vào đợt này, hãy công bố đợt đó trước.`,
        );
      const results = await buildResults(tx, id, at);
      await savePublishedResults(tx, id, results, actor.id);
      await markCampaignPublished(tx, id, actor.id, at, j.c.revision);
      const o = results.indices.overall;
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.results.publish',
        entity: 'survey_campaign',
        entityId: id,
        unitId: j.c.ownerUnitId,
        before: { status: j.c.status },
        after: {
          status: 'published',
          overall: o.index.index,
          valid: o.valid,
          units: results.indices.units.length,
          external: results.external.length,
        },
        reason: reason?.trim() || null,
      });
      const surveyed = results.indices.units.map((u) => u.unitId);
      await notify(tx, {
        kind: 'published',
        unitId: j.c.ownerUnitId,
        title: `Công bố kết quả khảo sát: ${j.c.name}`,
        body: `${j.ownerName} đã công bố kết quả đợt khảo sát "${j.c.name}" (mã ${j.c.code}) ngày ${formatDateVi(at)}.`,
        link: `/surveys/${id}/results`,
        dedupeKey: `survey-results:${id}`,
        to: [{ units: surveyed, may: ['survey.read'] }],
        actorId: actor.id,
      });
      return { id, status: 'published' as const };
    });
  }
}
