/** Agency opinion (issue #15, item 5): the registry of respondent bodies outside the tree, kept by a
 * unit's coordinator, and the one-time invitations of an agency-opinion campaign. A link's token is
 * shown once: only its sha256 is stored, so a reminder re-issues a new token (the old link stops
 * working). Every change is audited in its transaction; e-mails go through the outbox. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { daysLeft, formatDateVi } from '@chiso/domain';
import type { SurveyBodyKind } from '@chiso/contracts';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { addDays, todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import { queueMail } from '../notices/service.ts';
import { loadCampaign } from '../surveys/campaigns.ts';
import * as repo from './repository.ts';

/** The four provincial bodies of seed 002 (Kế hoạch 107/KH-CAT), rating the province. */
export const PROVINCIAL_BODIES = [
  'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
  'Văn phòng Ủy ban nhân dân tỉnh',
  'Sở Nội vụ',
  'Sở Tư pháp',
] as const;

/** A new link token (24 random bytes, base64url) and the sha256 hex that is stored. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface BodyInput {
  ownerUnitId: string;
  name: string;
  kind: SurveyBodyKind;
  email?: string | null | undefined;
  ratesUnitId?: string | null | undefined;
}

const ts = (d: Date | null) => (d ? d.toISOString() : null);

function bodyDto(j: repo.BodyJoined) {
  return {
    id: j.b.id,
    ownerUnitId: j.b.ownerUnitId,
    ownerUnitName: j.ownerName,
    name: j.b.name,
    kind: j.b.kind as SurveyBodyKind,
    email: j.b.email,
    ratesUnitId: j.b.ratesUnitId,
    ratesUnitName: j.ratesName,
    invitations: Number(j.invitations),
  };
}

export class SurveyAgencyService {
  /** The address the app was last reached at (links in e-mails sent by the reminder job). */
  private origin = '';

  constructor(
    private db: Db,
    private today: () => string = () => todayVn(),
  ) {}

  private async ownerUnit(actor: Actor, unitId: string) {
    const u = await repo.unitById(this.db, unitId);
    if (!u) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'survey.manage', u.path);
    return u;
  }

  /** The rated unit must lie in the owner's subtree and still exist. */
  private async ratedUnit(db: DbOrTx, ownerPath: string, ratesUnitId: string | null | undefined) {
    if (!ratesUnitId) return null;
    const u = await repo.unitById(db, ratesUnitId);
    if (!u || !u.path.startsWith(ownerPath) || u.validTo !== null)
      throw new AppError(
        'SURVEY_CAMPAIGN_INVALID',
        'Đơn vị được lấy ý kiến phải thuộc đơn vị quản lý danh sách.',
      );
    return u;
  }

  async listBodies(actor: Actor, unitId: string) {
    await this.ownerUnit(actor, unitId);
    return (await repo.bodiesOf(this.db, unitId)).map(bodyDto);
  }

  async createBody(actor: Actor, input: BodyInput) {
    const owner = await this.ownerUnit(actor, input.ownerUnitId);
    const rated = await this.ratedUnit(this.db, owner.path, input.ratesUnitId);
    return this.db.transaction(async (tx) => {
      const id = randomUUID();
      const row = {
        id,
        ownerUnitId: owner.id,
        name: input.name,
        kind: input.kind,
        email: input.email ?? null,
        ratesUnitId: rated?.id ?? null,
      };
      await repo.insertBody(tx, row);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.body.create',
        entity: 'survey_body',
        entityId: id,
        unitId: owner.id,
        after: { name: row.name, kind: row.kind, email: row.email, ratesUnit: rated?.name ?? null },
        reason: null,
      });
      return bodyDto((await repo.getBody(tx, id))!);
    });
  }

  /** Adds the four provincial bodies of seed 002 (rating the owner), skipping names already there. */
  async preset(actor: Actor, ownerUnitId: string) {
    const owner = await this.ownerUnit(actor, ownerUnitId);
    return this.db.transaction(async (tx) => {
      const have = new Set((await repo.bodiesOf(tx, owner.id)).map((b) => b.b.name.toLowerCase()));
      const added: string[] = [];
      for (const name of PROVINCIAL_BODIES) {
        if (have.has(name.toLowerCase())) continue;
        await repo.insertBody(tx, {
          id: randomUUID(),
          ownerUnitId: owner.id,
          name,
          kind: 'provincial',
          email: null,
          ratesUnitId: owner.id,
        });
        added.push(name);
      }
      if (added.length)
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'survey.body.create',
          entity: 'survey_body',
          entityId: null,
          unitId: owner.id,
          after: { preset: 'Kế hoạch 107/KH-CAT', bodies: added, ratesUnit: owner.name },
          reason: null,
        });
      return { added: added.length, skipped: PROVINCIAL_BODIES.length - added.length };
    });
  }

  async updateBody(
    actor: Actor,
    id: string,
    input: Partial<Omit<BodyInput, 'ownerUnitId'>> & { reason?: string | undefined },
  ) {
    const j = await repo.getBody(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'survey.manage', j.ownerPath);
    const rated =
      input.ratesUnitId === undefined
        ? undefined
        : await this.ratedUnit(this.db, j.ownerPath, input.ratesUnitId);
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(rated !== undefined ? { ratesUnitId: rated?.id ?? null } : {}),
    };
    return this.db.transaction(async (tx) => {
      await repo.updateBody(tx, id, set);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.body.update',
        entity: 'survey_body',
        entityId: id,
        unitId: j.b.ownerUnitId,
        before: { name: j.b.name, kind: j.b.kind, email: j.b.email, ratesUnit: j.ratesName },
        after: {
          name: set.name ?? j.b.name,
          kind: set.kind ?? j.b.kind,
          email: set.email === undefined ? j.b.email : set.email,
          ratesUnit: rated === undefined ? j.ratesName : (rated?.name ?? null),
        },
        reason: input.reason ?? null,
      });
      return bodyDto((await repo.getBody(tx, id))!);
    });
  }

  /** A body already invited stays (its invitations are the record of who was asked). */
  async deleteBody(actor: Actor, id: string) {
    const j = await repo.getBody(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'survey.manage', j.ownerPath);
    if (Number(j.invitations) > 0)
      throw new AppError('SURVEY_CAMPAIGN_STATE', `${j.b.name} đã được mời lấy ý kiến nên không xóa được.`);
    await this.db.transaction(async (tx) => {
      await repo.deleteBody(tx, id);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.body.delete',
        entity: 'survey_body',
        entityId: id,
        unitId: j.b.ownerUnitId,
        before: { name: j.b.name, kind: j.b.kind, email: j.b.email, ratesUnit: j.ratesName },
        reason: null,
      });
    });
    return { id, status: 'deleted' };
  }

  /** An agency-opinion campaign the actor manages (survey.manage on its owner). */
  private async campaign(db: DbOrTx, actor: Actor, id: string, lock = false) {
    const j = await loadCampaign(db, id, lock);
    if (!j) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'survey.manage', j.ownerPath);
    if (j.respondentKind !== 'agency')
      throw new AppError('SURVEY_CAMPAIGN_INVALID', 'Đợt khảo sát này không dùng phiếu lấy ý kiến cơ quan.');
    return j;
  }

  async invitations(actor: Actor, campaignId: string) {
    const j = await this.campaign(this.db, actor, campaignId);
    const rows = await repo.invitationsOf(this.db, campaignId);
    return {
      campaignId,
      campaignName: j.c.name,
      closesOn: j.c.closesOn,
      status: j.c.status,
      ownerUnitId: j.c.ownerUnitId,
      canManage: true,
      items: rows.map((r) => ({
        id: r.i.id,
        bodyId: r.i.bodyId,
        bodyName: r.bodyName,
        email: r.email,
        unitId: r.i.unitId,
        unitName: r.unitName,
        sentAt: ts(r.i.sentAt),
        remindedAt: ts(r.i.remindedAt),
        answeredAt: ts(r.i.answeredAt),
      })),
      counts: await repo.invitationCounts(this.db, campaignId),
    };
  }

  private mailText(campaign: { name: string; closesOn: string }, link: string, reminder: boolean) {
    const subject = reminder ? `Nhắc: lấy ý kiến về ${campaign.name}` : `Mời cho ý kiến: ${campaign.name}`;
    const body = [
      reminder
        ? 'Quý cơ quan chưa gửi ý kiến. Đây là đường dẫn mới; đường dẫn gửi trước đây không còn dùng được.'
        : 'Kính mời Quý cơ quan cho ý kiến qua đường dẫn dưới đây (chỉ dùng được một lần).',
      '',
      link,
      '',
      `Hạn gửi ý kiến: hết ngày ${formatDateVi(campaign.closesOn)}.`,
    ].join('\n');
    return { subject, body };
  }

  /** One invitation per body (unit = the body's rated unit, inside the campaign owner's subtree). The
   * links are returned once; an e-mail is queued for each body with an address. */
  async invite(actor: Actor, campaignId: string, bodyIds: string[], origin?: string) {
    if (origin) this.origin = origin;
    return this.db.transaction(async (tx) => {
      const j = await this.campaign(tx, actor, campaignId, true);
      if (j.c.status === 'closed' || j.c.status === 'published')
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đợt khảo sát đã dừng thu phiếu.');
      const bodies = new Map((await repo.bodiesByIds(tx, [...new Set(bodyIds)])).map((b) => [b.b.id, b]));
      const existing = new Set((await repo.invitationsOf(tx, campaignId)).map((r) => r.i.bodyId));
      const out: { invitationId: string; bodyName: string; link: string; mailed: boolean }[] = [];
      const now = new Date();
      for (const id of new Set(bodyIds)) {
        const b = bodies.get(id);
        if (!b) throw new AppError('NOT_FOUND');
        requireInScope(actor, 'survey.manage', b.ownerPath);
        if (!b.b.ratesUnitId || !b.ratesPath)
          throw new AppError('SURVEY_CAMPAIGN_INVALID', `${b.b.name}: chưa chọn đơn vị được lấy ý kiến.`);
        if (!b.ratesPath.startsWith(j.ownerPath))
          throw new AppError(
            'SURVEY_CAMPAIGN_INVALID',
            `${b.b.name}: ${b.ratesName} không thuộc ${j.ownerName}.`,
          );
        if (existing.has(id))
          throw new AppError('SURVEY_CAMPAIGN_STATE', `${b.b.name} đã được mời trong đợt khảo sát này.`);
        const { token, hash } = newInvitationToken();
        const invitationId = randomUUID();
        await repo.insertInvitation(tx, {
          id: invitationId,
          campaignId,
          bodyId: id,
          unitId: b.b.ratesUnitId,
          tokenHash: hash,
          sentAt: now,
        });
        const link = `/y/${token}`;
        if (b.b.email)
          await queueMail(tx, { to: b.b.email, ...this.mailText(j.c, this.origin + link, false) });
        out.push({ invitationId, bodyName: b.b.name, link, mailed: !!b.b.email });
      }
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.invitation.create',
        entity: 'survey_campaign',
        entityId: campaignId,
        unitId: j.c.ownerUnitId,
        after: { bodies: out.map((o) => o.bodyName), mailed: out.filter((o) => o.mailed).length },
        reason: null,
      });
      return { items: out };
    });
  }

  /** Re-issues a new token to one unanswered invitee, or to all (the old links stop working), queues
   * the e-mails and returns the new links once. */
  async remind(actor: Actor, campaignId: string, invitationId?: string, origin?: string) {
    if (origin) this.origin = origin;
    return this.db.transaction(async (tx) => {
      const j = await this.campaign(tx, actor, campaignId, true);
      if (j.c.status === 'closed' || j.c.status === 'published')
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đợt khảo sát đã dừng thu phiếu.');
      let rows;
      if (invitationId) {
        const one = await repo.getInvitation(tx, campaignId, invitationId, true);
        if (!one) throw new AppError('NOT_FOUND');
        if (one.i.answeredAt) throw new AppError('SURVEY_CAMPAIGN_STATE', `${one.bodyName} đã gửi ý kiến.`);
        rows = [one];
      } else rows = await repo.unansweredOf(tx, campaignId);
      const items = await this.reissue(tx, j.c, rows);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'survey.invitation.remind',
        entity: 'survey_campaign',
        entityId: campaignId,
        unitId: j.c.ownerUnitId,
        after: { bodies: items.map((o) => o.bodyName), newLinks: true },
        reason: null,
      });
      return { items };
    });
  }

  private async reissue(
    tx: DbOrTx,
    c: { name: string; closesOn: string },
    rows: { i: repo.InvitationRow; bodyName: string; email: string | null }[],
  ) {
    const now = new Date();
    const out: { invitationId: string; bodyName: string; link: string; mailed: boolean }[] = [];
    for (const r of rows) {
      const { token, hash } = newInvitationToken();
      await repo.reissue(tx, r.i.id, hash, now);
      const link = `/y/${token}`;
      if (r.email) await queueMail(tx, { to: r.email, ...this.mailText(c, this.origin + link, true) });
      out.push({ invitationId: r.i.id, bodyName: r.bodyName, link, mailed: !!r.email });
    }
    return out;
  }

  /** The job: three days before an open campaign closes (and until it closes), each unanswered
   * invitation not reminded since that day gets one reminder (a new link by e-mail). Idempotent: a
   * second run finds nothing to do. Returns how many were reminded. */
  async reminderJob(): Promise<number> {
    const today = this.today();
    let n = 0;
    for (const id of await repo.campaignsWithUnanswered(this.db)) {
      const j = await loadCampaign(this.db, id);
      if (!j || j.c.status !== 'open') continue;
      const left = daysLeft(today, j.c.closesOn);
      if (left < 0 || left > 3) continue;
      const since = new Date(`${addDays(j.c.closesOn, -3)}T00:00:00+07:00`);
      n += await this.db.transaction(async (tx) => {
        const rows = (await repo.unansweredOf(tx, id, since)).filter((r) => r.email);
        if (!rows.length) return 0;
        const items = await this.reissue(tx, j.c, rows);
        await audit(tx, {
          actorId: SYSTEM_ACTOR.id,
          actorName: SYSTEM_ACTOR.name,
          action: 'survey.invitation.remind',
          entity: 'survey_campaign',
          entityId: id,
          unitId: j.c.ownerUnitId,
          after: { bodies: items.map((o) => o.bodyName), newLinks: true, automatic: true },
          reason: `Còn ${left} ngày đến hạn ${formatDateVi(j.c.closesOn)}.`,
        });
        return items.length;
      });
    }
    return n;
  }
}
