/** Post-audit (hậu kiểm) of a campaign (issue #15, item 6; DOMAIN §4). The owner's coordinator sets
 * it up (a stored seed, share and minimum per unit, failure threshold, days before contacts are
 * erased) and the sample is drawn reproducibly among valid ballots that left a phone. Only users the
 * coordinator assigns (per unit) see a contact, one ballot at a time, each view audited; lists only
 * say "có số điện thoại". Outcomes and invalidations are audited one by one; a unit is flagged when
 * (denied + differs) / recorded passes the threshold. Contacts are erased by a job after closing. */
import { randomBytes } from 'node:crypto';
import { drawSample, MATRIX, ROLES, type PostauditOutcome } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { loadCampaign } from '../surveys/campaigns.ts';
import * as repo from './repository.ts';

export interface SetupInput {
  sharePercent: number;
  minPerUnit: number;
  failurePercent: number;
  eraseAfterDays: number;
}

const FAILED: readonly PostauditOutcome[] = ['denied', 'differs'];
const POSTAUDIT_ROLES = ROLES.filter((r) => MATRIX[r].includes('survey.postaudit'));
const hundredths = (v: string | number) => Math.round(Number(v) * 100);
const ts = (d: Date | null) => (d ? d.toISOString() : null);

export class SurveyPostauditService {
  constructor(private db: Db) {}

  /** The campaign, whether the actor manages it (survey.manage on its owner) and the paths of the
   * units the actor is assigned to. Neither: refused. */
  private async context(db: DbOrTx, actor: Actor, campaignId: string, lock = false) {
    const j = await loadCampaign(db, campaignId, lock);
    if (!j) throw new AppError('NOT_FOUND');
    const manage = scopeOf(actor, 'survey.manage');
    const manages = !scopeIsEmpty(manage) && pathInScope(manage, j.ownerPath);
    const paths = actor.id ? await repo.assignedPaths(db, campaignId, actor.id) : [];
    if (!manages && !paths.length) {
      if (scopeIsEmpty(scopeOf(actor, 'survey.read'))) throw new AppError('FORBIDDEN');
      throw new AppError(
        'FORBIDDEN',
        'Chỉ người được phân công hậu kiểm và điều phối viên của đơn vị chủ trì được xem.',
      );
    }
    const assignedTo = (unitPath: string) => paths.some((p) => unitPath.startsWith(p));
    return { j, manages, assignedTo };
  }

  private requireManage(ctx: { manages: boolean; j: { ownerPath: string } }, actor: Actor) {
    if (!ctx.manages) requireInScope(actor, 'survey.manage', ctx.j.ownerPath);
  }

  async view(actor: Actor, campaignId: string) {
    const ctx = await this.context(this.db, actor, campaignId);
    const p = await repo.getPostaudit(this.db, campaignId);
    const items = (await repo.itemsOf(this.db, campaignId)).filter(
      (r) => ctx.manages || ctx.assignedTo(r.unitPath),
    );
    const threshold = p ? hundredths(p.failurePercent) : 0;
    const byUnit = new Map<string, ReturnType<typeof emptyUnit>>();
    for (const r of items) {
      const u = byUnit.get(r.unitId) ?? emptyUnit(r.unitId, r.unitName);
      u.sampled++;
      if (r.it.outcome) {
        u.recorded++;
        u[r.it.outcome]++;
      }
      byUnit.set(r.unitId, u);
    }
    const units = [...byUnit.values()].map((u) => {
      const failed = u.denied + u.differs;
      return {
        ...u,
        failureRate: u.recorded ? Math.round((failed * 10000) / u.recorded) : null,
        flagged: u.recorded > 0 && failed * 10000 > threshold * u.recorded,
      };
    });
    const assignments = (await repo.assignmentsOf(this.db, campaignId))
      .filter((a) => ctx.manages || ctx.assignedTo(a.unitPath))
      .map(({ unitPath: _p, ...a }) => a);
    return {
      campaignId,
      campaignName: ctx.j.c.name,
      ownerUnitId: ctx.j.c.ownerUnitId,
      canManage: ctx.manages,
      setup: p
        ? {
            seed: p.seed,
            sharePercent: Number(p.sharePercent),
            minPerUnit: p.minPerUnit,
            failurePercent: Number(p.failurePercent),
            eraseAfterDays: p.eraseAfterDays,
            state: p.state as 'open' | 'closed',
            closedAt: ts(p.closedAt),
            contactsErasedAt: ts(p.contactsErasedAt),
            candidates: ctx.manages ? (await repo.candidates(this.db, campaignId)).length : 0,
          }
        : null,
      units,
      items: items.map((r) => ({
        ballotId: r.it.ballotId,
        unitId: r.unitId,
        unitName: r.unitName,
        fieldCode: r.fieldCode,
        mode: r.mode,
        serial: r.serial,
        hasPhone: !!r.hasPhone,
        outcome: r.it.outcome,
        note: r.it.note,
        recordedAt: ts(r.it.recordedAt),
        invalidReason: r.invalidReason,
        assigned: ctx.assignedTo(r.unitPath),
      })),
      assignments,
    };
  }

  /** Stores the setup with a new seed and draws the sample. Once per campaign. */
  async setup(actor: Actor, campaignId: string, input: SetupInput) {
    return this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, campaignId, true);
      this.requireManage(ctx, actor);
      if (ctx.j.c.status === 'draft')
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đợt khảo sát chưa bắt đầu thu phiếu.');
      if (await repo.getPostaudit(tx, campaignId))
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Hậu kiểm của đợt khảo sát này đã được thiết lập.');
      const seed = randomBytes(16).toString('hex');
      await repo.insertPostaudit(tx, {
        campaignId,
        seed,
        sharePercent: String(input.sharePercent),
        minPerUnit: input.minPerUnit,
        failurePercent: String(input.failurePercent),
        eraseAfterDays: input.eraseAfterDays,
        createdBy: actor.id,
      });
      const ids = await this.draw(tx, campaignId, seed, input.sharePercent, input.minPerUnit);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.postaudit.setup',
        entity: 'survey_campaign',
        entityId: campaignId,
        unitId: ctx.j.c.ownerUnitId,
        after: { seed, ...input, sampled: ids.length },
        reason: null,
      });
      return { ballotIds: ids, same: true };
    });
  }

  private async draw(tx: DbOrTx, campaignId: string, seed: string, share: number, min: number) {
    const ids = drawSample(await repo.candidates(tx, campaignId), seed, share, min).map((c) => c.id);
    await repo.replaceItems(tx, campaignId, ids);
    return ids;
  }

  /** Draws again from the stored seed while no outcome is recorded (the same candidates give the same
   * sample; `same` says whether it changed). */
  async redraw(actor: Actor, campaignId: string) {
    return this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, campaignId, true);
      this.requireManage(ctx, actor);
      const p = await repo.getPostaudit(tx, campaignId, true);
      if (!p) throw new AppError('SURVEY_CAMPAIGN_STATE', 'Chưa thiết lập hậu kiểm.');
      const before = await repo.itemsOf(tx, campaignId);
      if (p.state !== 'open' || before.some((r) => r.it.outcome))
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đã ghi kết quả hậu kiểm: không chọn mẫu lại được.');
      const ids = await this.draw(tx, campaignId, p.seed, Number(p.sharePercent), p.minPerUnit);
      const old = before.map((r) => r.it.ballotId).sort((a, b) => a - b);
      const same = old.length === ids.length && old.every((x, i) => x === ids[i]);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.postaudit.draw',
        entity: 'survey_campaign',
        entityId: campaignId,
        unitId: ctx.j.c.ownerUnitId,
        before: { sampled: old.length },
        after: { seed: p.seed, sampled: ids.length, same },
        reason: null,
      });
      return { ballotIds: ids, same };
    });
  }

  /** Users holding survey.postaudit on a unit in the owner's subtree (or above it). */
  async assignable(actor: Actor, campaignId: string) {
    const ctx = await this.context(this.db, actor, campaignId);
    this.requireManage(ctx, actor);
    const rows = await repo.holdersAround(this.db, [...POSTAUDIT_ROLES], ctx.j.ownerPath);
    return { items: rows.map(({ unitPath: _p, ...r }) => r) };
  }

  async assign(actor: Actor, campaignId: string, userId: string, unitId: string, remove = false) {
    await this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, campaignId, true);
      this.requireManage(ctx, actor);
      const unit = await repo.unitById(tx, unitId);
      if (!unit || !unit.path.startsWith(ctx.j.ownerPath)) throw new AppError('UNIT_NOT_FOUND');
      if (remove) {
        if (!(await repo.deleteAssignment(tx, campaignId, userId, unitId))) throw new AppError('NOT_FOUND');
      } else {
        const holders = await repo.holdersAround(tx, [...POSTAUDIT_ROLES], ctx.j.ownerPath);
        const h = holders.find((x) => x.userId === userId && unit.path.startsWith(x.unitPath));
        if (!h)
          throw new AppError(
            'SURVEY_CAMPAIGN_INVALID',
            `Người này không có quyền hậu kiểm phiếu khảo sát tại ${unit.name}.`,
          );
        await repo.insertAssignment(tx, { campaignId, userId, unitId, createdBy: actor.id });
      }
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: remove ? 'survey.postaudit.unassign' : 'survey.postaudit.assign',
        entity: 'survey_campaign',
        entityId: campaignId,
        unitId,
        ...(remove ? { before: { userId, unit: unit.name } } : { after: { userId, unit: unit.name } }),
        reason: null,
      });
    });
    return this.view(actor, campaignId);
  }

  /** A sampled ballot the actor is assigned to (the only way to a contact or an outcome). */
  private async assignedItem(tx: DbOrTx, actor: Actor, campaignId: string, ballotId: number) {
    const ctx = await this.context(tx, actor, campaignId);
    const item = await repo.getItem(tx, campaignId, ballotId, true);
    if (!item) throw new AppError('NOT_FOUND');
    if (!ctx.assignedTo(item.unitPath))
      throw new AppError(
        'FORBIDDEN',
        'Chỉ người được phân công hậu kiểm đơn vị này mới được xem số điện thoại.',
      );
    return { ctx, item };
  }

  /** One contact, to an assigned user only; every view is audited (without the number). */
  async contact(actor: Actor, campaignId: string, ballotId: number) {
    return this.db.transaction(async (tx) => {
      const { item } = await this.assignedItem(tx, actor, campaignId, ballotId);
      const phone = await repo.contactOf(tx, campaignId, ballotId);
      if (!phone) throw new AppError('SURVEY_CAMPAIGN_STATE', 'Phiếu này không còn số điện thoại (đã xóa).');
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.contact.view',
        entity: 'survey_ballot',
        entityId: String(ballotId),
        unitId: item.unitId,
        after: { campaignId, ballotId },
        reason: null,
      });
      return { ballotId, phone };
    });
  }

  async outcome(
    actor: Actor,
    campaignId: string,
    ballotId: number,
    outcome: PostauditOutcome,
    note?: string | null,
  ) {
    return this.db.transaction(async (tx) => {
      const { ctx, item } = await this.assignedItem(tx, actor, campaignId, ballotId);
      const p = await repo.getPostaudit(tx, campaignId);
      if (!p || p.state !== 'open') throw new AppError('SURVEY_CAMPAIGN_STATE', 'Hậu kiểm đã kết thúc.');
      await repo.setOutcome(tx, campaignId, ballotId, { outcome, note: note ?? null, recordedBy: actor.id });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.postaudit.outcome',
        entity: 'survey_ballot',
        entityId: String(ballotId),
        unitId: item.unitId,
        before: { outcome: item.it.outcome, note: item.it.note },
        after: { outcome, note: note ?? null, campaignId: ctx.j.c.id },
        reason: note ?? null,
      });
      return { ballotId, outcome };
    });
  }

  /** A failed ballot (denied, differs) is invalidated with a reason, by its post-auditor or the
   * owner's coordinator. */
  async invalidate(actor: Actor, campaignId: string, ballotId: number, reason: string) {
    return this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, campaignId);
      const item = await repo.getItem(tx, campaignId, ballotId, true);
      if (!item) throw new AppError('NOT_FOUND');
      if (!ctx.manages && !ctx.assignedTo(item.unitPath)) throw new AppError('FORBIDDEN');
      if (!item.it.outcome || !FAILED.includes(item.it.outcome))
        throw new AppError(
          'SURVEY_CAMPAIGN_STATE',
          'Chỉ hủy phiếu khi hậu kiểm cho kết quả "không thừa nhận" hoặc "câu trả lời khác".',
        );
      if (item.invalidReason) throw new AppError('SURVEY_CAMPAIGN_STATE', 'Phiếu này đã bị hủy.');
      await repo.invalidateBallot(tx, ballotId, reason, actor.id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.ballot.invalidate',
        entity: 'survey_ballot',
        entityId: String(ballotId),
        unitId: item.unitId,
        before: { invalidReason: null },
        after: { invalidReason: reason, outcome: item.it.outcome, campaignId },
        reason,
      });
      return { ballotId, invalidReason: reason };
    });
  }

  async close(actor: Actor, campaignId: string, reason?: string) {
    return this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, campaignId, true);
      this.requireManage(ctx, actor);
      const p = await repo.getPostaudit(tx, campaignId, true);
      if (!p) throw new AppError('SURVEY_CAMPAIGN_STATE', 'Chưa thiết lập hậu kiểm.');
      if (p.state !== 'open') throw new AppError('SURVEY_CAMPAIGN_STATE', 'Hậu kiểm đã kết thúc.');
      await repo.updatePostaudit(tx, campaignId, { state: 'closed', closedAt: new Date() });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.postaudit.close',
        entity: 'survey_campaign',
        entityId: campaignId,
        unitId: ctx.j.c.ownerUnitId,
        before: { state: 'open' },
        after: { state: 'closed', eraseAfterDays: p.eraseAfterDays },
        reason: reason ?? null,
      });
      return { id: campaignId, status: 'closed' };
    });
  }

  /** The job: erases the contacts of every post-audit closed `eraseAfterDays` ago or more, audited
   * once per campaign. Idempotent. Returns how many campaigns were erased. */
  async eraseDueContacts(now = new Date()): Promise<number> {
    let n = 0;
    for (const p of await repo.dueErasures(this.db, now)) {
      await this.db.transaction(async (tx) => {
        const locked = await repo.getPostaudit(tx, p.campaignId, true);
        if (!locked || locked.contactsErasedAt) return;
        const erased = await repo.eraseContacts(tx, p.campaignId);
        await repo.updatePostaudit(tx, p.campaignId, { contactsErasedAt: now });
        const j = await loadCampaign(tx, p.campaignId);
        await audit(tx, {
          actorId: SYSTEM_ACTOR.id,
          actorName: SYSTEM_ACTOR.name,
          action: 'survey.contact.erase',
          entity: 'survey_campaign',
          entityId: p.campaignId,
          unitId: j?.c.ownerUnitId ?? null,
          after: { erased, eraseAfterDays: p.eraseAfterDays },
          reason: `Xóa số điện thoại ${p.eraseAfterDays} ngày sau khi kết thúc hậu kiểm.`,
        });
        n++;
      });
    }
    return n;
  }
}

function emptyUnit(unitId: string, unitName: string) {
  return { unitId, unitName, sampled: 0, recorded: 0, confirmed: 0, denied: 0, unreachable: 0, differs: 0 };
}
