/** Survey ballots (issue #15, item 4; ADR 0017): paper entry one ballot at a time, the list of a
 * campaign's ballots in the reader's scope (never a phone number), and the decisions a coordinator
 * takes on one ballot, each audited on its own with its reason.
 *
 * Audit of typed ballots: one entry per ballot ('survey.ballot.paper'): staff type a few hundred a
 * day, so the audit chain's lock per entry costs nothing, and each ballot names who typed it. Imports
 * are audited once per file (importer.ts). */
import {
  checkBallot,
  normalisePhone,
  ratingQuestions,
  type AnswerInput,
  type SurveyForm,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { loadCampaign, targetsOf } from '../surveys/campaigns.ts';
import { publishedForm } from '../surveys/forms.ts';
import { uuidOf } from '../surveyPublic/guard.ts';
import * as repo from './repository.ts';

export type DuplicateFlag = 'duplicate_dossier' | 'duplicate_phone';

/** Flags the duplicates of a campaign across every mode (QR, paper, import, external): same dossier
 * number within the campaign, or same phone for the same unit × field; resolved flags stay off.
 * One statement. Call it inside the transaction that inserted ballots; `only` narrows it to the groups
 * of one new ballot (a paper ballot, a QR or agency submission). Returns the ballots whose flags
 * changed. */
export function flagDuplicates(
  tx: DbOrTx,
  campaignId: string,
  only?: { dossierNo: string | null; unitId: string; fieldCode: string; phone: string | null },
): Promise<number> {
  return repo.flagDuplicates(tx, campaignId, only);
}

const DATE_TIME_VI = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateVi = (d: Date) => DATE_TIME_VI.format(d);

/** "Số phiếu “0007” đã được Nguyễn Văn A nhập lúc 09:15 28/11/2026." */
export function serialTakenMessage(serial: string, by: string | null, at: Date) {
  return `Số phiếu “${serial}” đã được ${by ?? 'hệ thống'} nhập lúc ${dateVi(at)}.`;
}

/** A campaign that takes ballots (open or closed: late paper ballots are typed after the window). */
export async function campaignForBallots(db: DbOrTx, actor: Actor, id: string, lock = false) {
  const j = await loadCampaign(db, id, lock);
  if (!j) throw new AppError('NOT_FOUND');
  await requireReadable(db, actor, j);
  return j;
}

/** The campaign is seen by readers of its owner and by the units it surveys; else 404. */
async function requireReadable(db: DbOrTx, actor: Actor, j: { c: { id: string }; ownerPath: string }) {
  const scope = scopeOf(actor, 'survey.read');
  if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
  if (pathInScope(scope, j.ownerPath)) return;
  const targets = await targetsOf(db, j.c.id);
  if (!targets.some((t) => pathInScope(scope, t.unitPath))) throw new AppError('NOT_FOUND');
}

export function requireCollecting(status: string) {
  if (status === 'draft') throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đợt khảo sát chưa bắt đầu thu phiếu.');
  if (status === 'published')
    throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đợt khảo sát đã công bố kết quả; không nhận thêm phiếu.');
}

/** The form of a campaign (published or retired after: ballots keep their version). */
export async function formOf(db: DbOrTx, formId: string): Promise<SurveyForm> {
  const f = await publishedForm(db, formId);
  if (!f) throw new AppError('SURVEY_CAMPAIGN_STATE', 'Phiếu khảo sát của đợt chưa được ban hành.');
  return f.definition;
}

export interface PaperBallotInput {
  unitId: string;
  fieldCode: string;
  serial: string;
  dossierNo?: string | undefined;
  phone?: string | undefined;
  answers: AnswerInput;
}

function view(actor: Actor, r: repo.BallotViewRow) {
  const { unitPath, ...rest } = r;
  return {
    ...rest,
    hasContact: Boolean(r.hasContact),
    invalidatedAt: r.invalidatedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    canDecide: pathInScope(scopeOf(actor, 'survey.manage'), unitPath),
  };
}

export class SurveyBallotService {
  constructor(private db: Db) {}

  /** A paper ballot typed by staff: checked against the form, its serial unique in the campaign,
   * flagged as a duplicate when its dossier or phone says so; answered only after commit. */
  async enterPaper(actor: Actor, campaignId: string, input: PaperBallotInput) {
    const j = await campaignForBallots(this.db, actor, campaignId);
    requireCollecting(j.c.status);
    const target = await repo.targetWithUnit(this.db, campaignId, input.unitId, input.fieldCode);
    if (!target)
      throw new AppError(
        'SURVEY_BALLOT_INVALID',
        `Đơn vị và lĩnh vực “${input.fieldCode}” không thuộc đợt khảo sát này.`,
      );
    requireInScope(actor, 'survey.enter', target.unitPath);
    const form = await formOf(this.db, j.c.formId);
    const checked = checkBallot(form, input.answers);
    const issues = 'issues' in checked ? [...checked.issues] : [];
    let phone: string | null = null;
    if (input.phone) {
      phone = normalisePhone(input.phone);
      if (!phone) issues.push({ code: 'phone', message: 'Số điện thoại không đúng (ví dụ 0912 345 678).' });
    }
    if (issues.length || 'issues' in checked)
      throw new AppError('SURVEY_BALLOT_INVALID', issues.map((i) => i.message).join(' '), { issues });
    const serial = input.serial.trim();
    const dossierNo = input.dossierNo?.trim() || null;
    try {
      return await this.db.transaction(async (tx) => {
        const taken = await repo.ballotsBySerial(tx, campaignId, [serial]);
        if (taken[0]) throw taken409(taken[0]);
        const b = await repo.insertBallot(tx, {
          campaignId,
          unitId: input.unitId,
          fieldCode: input.fieldCode,
          mode: 'paper',
          // null: a question not answered (the column holds them; its TypeScript type does not say so)
          ratings: checked.ratings as number[],
          answers: checked.answers,
          serial,
          dossierNo,
          contactPhone: phone,
          createdBy: actor.id,
        });
        await repo.flagDuplicates(tx, campaignId, {
          dossierNo,
          unitId: input.unitId,
          fieldCode: input.fieldCode,
          phone,
        });
        const after = await repo.getBallot(tx, campaignId, b.id);
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'survey.ballot.paper',
          entity: 'survey_ballot',
          entityId: String(b.id),
          unitId: input.unitId,
          after: { campaign: j.c.code, serial, field: input.fieldCode, dossierNo },
          reason: null,
        });
        return { id: b.id, serial, flags: after?.flags ?? [] };
      });
    } catch (e) {
      // two people typing the same serial at once: the unique index decides
      if (/survey_ballots_serial_uq/.test(String((e as { cause?: unknown }).cause ?? e))) {
        const taken = await repo.ballotsBySerial(this.db, campaignId, [serial]);
        if (taken[0]) throw taken409(taken[0]);
      }
      throw e;
    }
  }

  async list(
    actor: Actor,
    campaignId: string,
    q: Omit<repo.BallotFilter, 'since' | 'createdBy'> & {
      mine?: boolean | undefined;
      since?: string | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    await campaignForBallots(this.db, actor, campaignId);
    const scope = scopeOf(actor, 'survey.read');
    const { items, total } = await repo.listBallots(
      this.db,
      campaignId,
      scope,
      {
        unitId: q.unitId,
        fieldCode: q.fieldCode,
        mode: q.mode,
        flag: q.flag,
        invalid: q.invalid,
        createdBy: q.mine ? (actor.id ?? undefined) : undefined,
        since: q.since ? new Date(`${q.since}T00:00:00+07:00`) : undefined,
      },
      q.page,
      q.pageSize,
    );
    return { items: items.map((r) => view(actor, r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** One ballot with its answers (scale answers by question code), never its phone. */
  async get(actor: Actor, campaignId: string, ballotId: number) {
    const j = await campaignForBallots(this.db, actor, campaignId);
    const b = await repo.getBallot(this.db, campaignId, ballotId);
    if (!b || !pathInScope(scopeOf(actor, 'survey.read'), b.unitPath)) throw new AppError('NOT_FOUND');
    const form = await formOf(this.db, j.c.formId);
    const { ratings, answers, ...row } = b;
    const out: Record<string, unknown> = { ...answers };
    ratingQuestions(form).forEach((q, i) => {
      if (ratings[i] !== null && ratings[i] !== undefined) out[q.code] = ratings[i];
    });
    return { ...view(actor, row), answers: out };
  }

  /** Invalidate (the ballot leaves the denominator), restore, or resolve a duplicate flag as "không
   * trùng": survey.manage on the ballot's unit; each audited with its reason. Not after publication. */
  async decide(
    actor: Actor,
    campaignId: string,
    ballotId: number,
    d: { kind: 'invalidate' | 'restore' | 'resolve'; flag?: DuplicateFlag },
    reason: string,
  ) {
    return this.db.transaction(async (tx) => {
      const j = await campaignForBallots(tx, actor, campaignId);
      const b = await repo.getBallot(tx, campaignId, ballotId, true);
      if (!b || !pathInScope(scopeOf(actor, 'survey.read'), b.unitPath)) throw new AppError('NOT_FOUND');
      requireInScope(actor, 'survey.manage', b.unitPath);
      if (j.c.status === 'published')
        throw new AppError('SURVEY_CAMPAIGN_STATE', 'Đợt khảo sát đã công bố kết quả; không sửa phiếu được.');
      const before = { invalidReason: b.invalidReason, flags: b.flags };
      let set: Partial<repo.BallotInsert>;
      let action: string;
      if (d.kind === 'invalidate') {
        if (b.invalidReason) throw new AppError('SURVEY_CONFLICT', 'Phiếu này đã bị hủy.');
        set = { invalidReason: reason, invalidatedAt: new Date(), invalidatedBy: actor.id };
        action = 'survey.ballot.invalidate';
      } else if (d.kind === 'restore') {
        if (!b.invalidReason) throw new AppError('SURVEY_CONFLICT', 'Phiếu này đang hợp lệ.');
        set = { invalidReason: null, invalidatedAt: null, invalidatedBy: null };
        action = 'survey.ballot.restore';
      } else {
        const flag = d.flag ?? 'duplicate_dossier';
        if (!b.flags.includes(flag))
          throw new AppError('SURVEY_CONFLICT', 'Phiếu này không mang dấu trùng đó.');
        set = { flags: [...b.flags.filter((f) => f !== flag), `not_${flag}`] };
        action = 'survey.ballot.not_duplicate';
      }
      await repo.updateBallot(tx, ballotId, set);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action,
        entity: 'survey_ballot',
        entityId: String(ballotId),
        unitId: b.unitId,
        before,
        after: {
          serial: b.serial,
          invalidReason: set.invalidReason === undefined ? b.invalidReason : set.invalidReason,
          flags: set.flags ?? b.flags,
        },
        reason,
      });
      return { id: ballotId, status: d.kind === 'invalidate' ? 'invalid' : 'valid' };
    });
  }
}

function taken409(t: { serial: string | null; createdByName: string | null; createdAt: Date }) {
  return new AppError(
    'SURVEY_SERIAL_TAKEN',
    serialTakenMessage(t.serial ?? '', t.createdByName, t.createdAt),
    {
      serial: t.serial,
      by: t.createdByName,
      at: t.createdAt.toISOString(),
    },
  );
}

/** The QR page's ballots of one past day stored at once, as the page stores them: the day's batch,
 * audited once, and the ballots (answers already checked), dated that day, duplicates flagged. For
 * the demo, which loads a campaign of 2024. */
export async function storeQrDay(
  db: Db,
  campaign: { id: string; code: string; ownerUnitId: string },
  day: string,
  ballots: repo.BulkBallot[],
) {
  if (!ballots.length) return;
  const batchId = uuidOf(`${campaign.id}|${day}|qr`);
  const at = new Date(`${day}T02:00:00Z`);
  await db.transaction(async (tx) => {
    await repo.insertBatch(tx, {
      id: batchId,
      campaignId: campaign.id,
      mode: 'qr',
      source: 'Trang khảo sát trực tuyến (mã QR)',
      rows: ballots.length,
    });
    await audit(tx, {
      actorId: null,
      actorName: 'Người dân (mã QR)',
      action: 'survey.batch.open',
      entity: 'survey_batch',
      entityId: batchId,
      unitId: campaign.ownerUnitId,
      after: { campaign: campaign.code, day, mode: 'qr' },
      reason: null,
    });
    await repo.insertBallots(tx, { campaignId: campaign.id, mode: 'qr', batchId, createdBy: null }, ballots);
    await repo.dateBatch(tx, batchId, at);
    await repo.flagDuplicates(tx, campaign.id);
  });
}
export type { BulkBallot } from './repository.ts';
