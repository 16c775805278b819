/** The public survey pages: a citizen's QR link (/s/:token) and an agency's one-time link (/y/:token).
 * Each answer is an HTML page and a status: 200 (form or thank-you: the thank-you only after commit),
 * 404 unknown link, 409 campaign not collecting, 410 one-time link used, 422 answers to correct (kept),
 * 429 a limit reached. Ballots are audited per batch (campaign × day × mode, ADR 0017). */
import { createHash, randomBytes } from 'node:crypto';
import {
  checkBallot,
  DEFAULT_CAMPAIGN_SETTINGS,
  formatDateVi,
  normalisePhone,
  type AnswerInput,
  type SurveyForm,
} from '@chiso/domain';
import type { Database, Db } from '../../db/open.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { flagDuplicates } from '../surveyBallots/service.ts';
import { loadCampaign, targetByToken } from '../surveys/campaigns.ts';
import { publishedForm } from '../surveys/forms.ts';
import { getUnit } from '../units/service.ts';
import { issueFormToken, readFormToken, uuidOf, WindowCounter } from './guard.ts';
import type { Actor } from '../auth/actor.ts';
import { posterHtml, qrSvg } from './poster.ts';
import { fieldLine, formPage, messagePage, type Values } from './render.ts';
import * as repo from './repository.ts';

export interface PageAnswer {
  status: number;
  html: string;
}

/** What the page posts, as parsed from the urlencoded body. */
export type Posted = Record<string, string | string[]>;

interface Campaign {
  id: string;
  name: string;
  status: string;
  opensOn: string;
  closesOn: string;
  ownerUnitId: string;
  code: string;
  fields: { code: string; name: string }[];
  settings: Partial<typeof DEFAULT_CAMPAIGN_SETTINGS>;
}

const notFound = (): PageAnswer => ({
  status: 404,
  html: messagePage('Không tìm thấy phiếu khảo sát', [
    'Đường dẫn hoặc mã QR này không đúng, hoặc đã được thay.',
    'Ông/Bà vui lòng quét lại mã QR tại nơi tiếp nhận hồ sơ.',
  ]),
});

/** Why a campaign takes no answers today (a friendly page), or null when it does. */
function notCollecting(c: Campaign, formStatus: string | undefined, posting: boolean): PageAnswer | null {
  const today = todayVn();
  const when = `Thời gian nhận ý kiến: từ ngày ${formatDateVi(c.opensOn)} đến hết ngày ${formatDateVi(c.closesOn)}.`;
  const status = posting ? 409 : 200;
  if (c.status === 'draft' || formStatus !== 'published' || (c.status === 'open' && today < c.opensOn))
    return { status, html: messagePage('Đợt khảo sát chưa bắt đầu', [when], c.name) };
  if (c.status !== 'open' || today > c.closesOn)
    return {
      status,
      html: messagePage('Đợt khảo sát đã kết thúc', [when, 'Cảm ơn Ông/Bà đã quan tâm.'], c.name),
    };
  return null;
}

const thanks = (c: Campaign, again?: string): PageAnswer => ({
  status: 200,
  html: messagePage(
    'Cảm ơn Ông/Bà đã đánh giá',
    ['Phiếu của Ông/Bà đã được ghi nhận.', 'Ý kiến của Ông/Bà giúp đơn vị phục vụ tốt hơn.'],
    c.name,
    again ? { href: again, text: 'Đánh giá cho một lượt giao dịch khác' } : undefined,
  ),
});

/** How long a submission reuses what it read of a link (campaign status, dates, settings, form)
 * before reading it again. The ballot's INSERT itself checks that the campaign collects, so a campaign
 * closed meanwhile takes no ballot; only the page shown may be this old. */
const LINK_TTL_MS = 2_000;

type Link = NonNullable<Awaited<ReturnType<typeof targetByToken>>>;

/** Thrown inside a submission's transaction to undo it when the ballot was not stored. */
const NOT_STORED = Symbol('not stored');

/** How long a form token is offered again to the device that was given it (back, reload). */
export const FORM_TOKEN_REUSE_MS = 2 * 3_600_000;

/** The answers of a post (fields q_<code>) for checkBallot. */
function answersOf(body: Posted): AnswerInput {
  const a: AnswerInput = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('q_')) a[k.slice(2)] = v;
  return a;
}

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

export class PublicSurveyService {
  private secret: Promise<string> | null = null;
  private perAddress = new WindowCounter();
  private perDevice = new WindowCounter();
  private batches = new Set<string>();
  /** Links read lately (token → target, campaign, form), reused for LINK_TTL_MS by submissions. */
  private links = new Map<string, { at: number; t: Link }>();

  /** `addressLimit`: SURVEY_PER_ADDRESS_PER_HOUR when set (it overrides the campaigns' setting). */
  constructor(
    private db: Db,
    private addressLimit: number | undefined,
    /** PostgreSQL's prepared statements (the common submission is one of them). */
    private prepared?: Database['prepared'],
  ) {}

  private key(): Promise<string> {
    this.secret ??= repo.submitSecret(this.db, randomBytes(32).toString('base64url')).catch((e: unknown) => {
      this.secret = null;
      throw e;
    });
    return this.secret;
  }

  private async view(
    link: string,
    c: Campaign,
    form: SurveyForm,
    heading: string,
    contact: boolean,
    values: Values = {},
    issues = new Map<string, string>(),
    other: string[] = [],
    reuse?: { token: string; sent: boolean },
  ) {
    return formPage({
      heading,
      campaign: c.name,
      form,
      action: link,
      formToken: reuse?.token ?? issueFormToken(await this.key(), link),
      values,
      issues,
      other,
      contact,
      ...(reuse?.sent ? { alreadySent: `${link}?moi=1` } : {}),
    });
  }

  /** The target behind a link: read again after LINK_TTL_MS, or when `fresh`. */
  private async link(token: string, fresh = false): Promise<Link | undefined> {
    const now = Date.now();
    const hit = this.links.get(token);
    if (!fresh && hit && now - hit.at < LINK_TTL_MS) return hit.t;
    const t = await targetByToken(this.db, token);
    if (!t) {
      this.links.delete(token);
      return undefined;
    }
    if (this.links.size >= 10_000) this.links.clear();
    this.links.set(token, { at: now, t });
    return t;
  }

  /** The page of a campaign that stopped collecting since it was read (or null when it collects). */
  private async stoppedNow(campaignId: string): Promise<PageAnswer | null> {
    this.links.clear();
    const j = await loadCampaign(this.db, campaignId);
    if (!j) return notFound();
    const form = await publishedForm(this.db, j.c.formId);
    return notCollecting(j.c, form?.status, true);
  }

  /** The SVG QR code of a unit × field (staff). */
  qr(actor: Actor, origin: string, id: string, unitId: string, fieldCode: string) {
    return qrSvg(this.db, actor, origin, id, unitId, fieldCode);
  }

  /** The A4 poster of a unit (staff). */
  poster(actor: Actor, origin: string, id: string, unitId: string) {
    return posterHtml(this.db, actor, origin, id, unitId);
  }

  /** GET /s/:token. The device's form token (a cookie of this link) is offered again for two hours,
   * unless the citizen asks for a new ballot (`fresh`): going back or reloading after sending shows
   * the same token, so a second post of the same ballot never counts twice, and says it was sent. */
  async citizenPage(
    token: string,
    cookieToken?: string,
    fresh = false,
  ): Promise<PageAnswer & { formToken?: string }> {
    const t = await targetByToken(this.db, token);
    if (!t) return notFound();
    const closed = notCollecting(t.c, t.form.status, false);
    if (closed) return closed;
    const link = `/s/${token}`;
    const field = t.c.fields.find((f) => f.code === t.t.fieldCode)?.name ?? t.t.fieldCode;
    const heading = `${t.unitName} — ${fieldLine(field)}`;
    const key = await this.key();
    const old = !fresh && cookieToken ? readFormToken(key, link, cookieToken) : null;
    const reuse =
      old && Date.now() - old.issuedMs < FORM_TOKEN_REUSE_MS
        ? { token: cookieToken!, sent: await repo.tokenUsed(this.db, t.c.id, old.id) }
        : { token: issueFormToken(key, link), sent: false };
    const html = await this.view(link, t.c, t.form.definition, heading, true, {}, new Map(), [], reuse);
    return { status: 200, html, formToken: reuse.token };
  }

  /** POST /s/:token — `device` is the device cookie's id, `address` the client's address. */
  async citizenSubmit(token: string, body: Posted, address: string, device: string): Promise<PageAnswer> {
    const t = await this.link(token);
    if (!t) return notFound();
    const c = t.c;
    const closed = notCollecting(c, t.form.status, true);
    if (closed) return closed;
    const link = `/s/${token}`;
    const field = c.fields.find((f) => f.code === t.t.fieldCode)?.name ?? t.t.fieldCode;
    const heading = `${t.unitName} — ${fieldLine(field)}`;
    const settings = { ...DEFAULT_CAMPAIGN_SETTINGS, ...c.settings };
    const now = Date.now();
    const hour = String(Math.floor(now / 3_600_000));
    const day = todayVn(new Date(now));
    const addressLimit = this.addressLimit ?? settings.perAddressPerHour;
    const deviceKey = `${device}|${t.t.unitId}|${t.t.fieldCode}`;
    if (
      this.perAddress.count(hour, address) >= addressLimit ||
      this.perDevice.count(day, deviceKey) >= settings.perDevicePerDay
    )
      return {
        status: 429,
        html: messagePage(
          'Đã nhận đủ phiếu từ thiết bị này',
          [
            'Hệ thống tạm thời không nhận thêm phiếu từ thiết bị hoặc mạng này.',
            'Ông/Bà vui lòng thử lại sau, hoặc điền phiếu giấy tại nơi tiếp nhận hồ sơ.',
          ],
          c.name,
        ),
      };
    const stored = await this.store({
      link,
      c,
      form: t.form.definition,
      body,
      contact: true,
      heading,
      unitId: t.t.unitId,
      fieldCode: t.t.fieldCode,
      mode: 'qr',
      minSeconds: settings.minSeconds,
      again: `${link}?moi=1`,
    });
    if (stored.counted) {
      this.perAddress.add(hour, address);
      this.perDevice.add(day, deviceKey);
    }
    return stored.answer;
  }

  /** The part shared by both links: checks, then one transaction (the day's batch once, the ballot,
   * and for an agency the invitation marked answered). */
  private async store(p: {
    link: string;
    c: Campaign;
    form: SurveyForm;
    body: Posted;
    contact: boolean;
    heading: string;
    unitId: string;
    fieldCode: string;
    mode: 'qr' | 'agency';
    minSeconds: number;
    invitationId?: string;
    /** The link to answer again for another transaction (citizen page). */
    again?: string;
  }): Promise<{ answer: PageAnswer; counted: boolean }> {
    const { body, c } = p;
    // honeypot: a bot that fills every field is thanked and nothing is stored
    if (text(body.website) !== '') return { answer: thanks(c, p.again), counted: true };
    const values: Values = { ...body };
    delete values._t;
    const again = async (issues: Map<string, string>, other: string[] = []) => ({
      answer: {
        status: 422,
        html: await this.view(p.link, c, p.form, p.heading, p.contact, values, issues, other),
      },
      counted: false,
    });
    const ft = readFormToken(await this.key(), p.link, text(body._t));
    if (!ft)
      return again(new Map(), [
        'Phiếu đã quá hạn hoặc không hợp lệ. Ông/Bà vui lòng kiểm tra lại các câu trả lời rồi bấm “Gửi phiếu”.',
      ]);
    const checked = checkBallot(p.form, answersOf(body));
    const issues = new Map<string, string>();
    const other: string[] = [];
    if ('issues' in checked)
      for (const i of checked.issues)
        if (p.form.sections.some((s) => s.questions.some((q) => q.code === i.code)))
          issues.set(i.code, i.message);
        else other.push(i.message);
    let phone: string | null = null;
    let dossier: string | null = null;
    if (p.contact) {
      const typedPhone = text(body.phone);
      if (typedPhone) {
        phone = normalisePhone(typedPhone);
        if (!phone)
          issues.set('phone', 'Số điện thoại chưa đúng (ví dụ 0912 345 678); Ông/Bà có thể để trống.');
      }
      dossier = text(body.dossier) || null;
      if (dossier && dossier.length > 40) issues.set('dossier', 'Mã hồ sơ dài quá 40 ký tự.');
    }
    if ('issues' in checked || issues.size) return again(issues, other);
    const duration = Math.max(0, Math.floor((Date.now() - ft.issuedMs) / 1000));
    const day = todayVn();
    const batchId = uuidOf(`${c.id}|${day}|${p.mode}`);
    const ballot: repo.WebBallot = {
      campaignId: c.id,
      unitId: p.unitId,
      fieldCode: p.fieldCode,
      mode: p.mode,
      ratings: checked.ratings,
      answers: checked.answers,
      dossierNo: dossier,
      contactPhone: phone,
      submitToken: ft.id,
      durationSeconds: duration,
      flags: duration < p.minSeconds ? ['too_fast'] : [],
      batchId,
      invitationId: p.invitationId ?? null,
    };
    let result: number | null | 'used';
    if (!p.invitationId && !dossier && !phone && this.batches.has(batchId)) {
      // the common case: one statement, committed on its own (the day's batch exists already)
      result = this.prepared
        ? await repo.insertIfCollectingPrepared(this.prepared, ballot, day)
        : await repo.insertIfCollecting(this.db, ballot, day);
    } else {
      result = await this.db
        .transaction(async (tx) => {
          if (p.invitationId && !(await repo.markAnswered(tx, p.invitationId))) return 'used' as const;
          if (!this.batches.has(batchId)) {
            const source =
              p.mode === 'qr' ? 'Trang khảo sát trực tuyến (mã QR)' : 'Đường dẫn lấy ý kiến cơ quan';
            if (await repo.openBatch(tx, { id: batchId, campaignId: c.id, mode: p.mode, source }))
              await audit(tx, {
                actorId: null,
                actorName: p.mode === 'qr' ? 'Người dân (mã QR)' : 'Cơ quan được lấy ý kiến',
                action: 'survey.batch.open',
                entity: 'survey_batch',
                entityId: batchId,
                unitId: c.ownerUnitId,
                after: { campaign: c.code, day, mode: p.mode },
                reason: null,
              });
          }
          const id = await repo.insertIfCollecting(tx, ballot, day);
          // nothing stored (a retry, or the campaign stopped collecting): undo the invitation's mark
          if (id === null) throw NOT_STORED;
          // a second ballot with the same dossier number, or the same phone for this unit × field, is
          // flagged across every mode (QR, paper, import) in the same transaction; never dropped
          if (dossier || phone)
            await flagDuplicates(tx, c.id, {
              dossierNo: dossier,
              unitId: p.unitId,
              fieldCode: p.fieldCode,
              phone,
            });
          return id;
        })
        .catch((e: unknown) => {
          if (e === NOT_STORED) return null;
          throw e;
        });
      if (result !== null && result !== 'used') this.batches.add(batchId);
    }
    if (result === 'used') return { answer: usedLink(), counted: false };
    if (result === null) {
      // a retry of a ballot already stored (same form token) is thanked again and counted once
      if (await repo.tokenUsed(this.db, c.id, ft.id)) return { answer: thanks(c, p.again), counted: false };
      const stopped = await this.stoppedNow(c.id);
      if (stopped) return { answer: stopped, counted: false };
      throw new Error('ballot not stored although its campaign collects');
    }
    return { answer: thanks(c, p.again), counted: true };
  }

  /** The invitation behind an agency link, its campaign and form, or the page that says why not. */
  private async invitation(
    token: string,
    posting: boolean,
  ): Promise<
    | { answer: PageAnswer }
    | { inv: { id: string; unitId: string }; c: Campaign; form: SurveyForm; heading: string }
  > {
    const inv = await repo.invitationByHash(this.db, createHash('sha256').update(token).digest('hex'));
    if (!inv) return { answer: notFound() };
    if (inv.i.answeredAt) return { answer: usedLink() };
    const j = await loadCampaign(this.db, inv.i.campaignId);
    if (!j) return { answer: notFound() };
    const form = await publishedForm(this.db, j.c.formId);
    const closed = notCollecting(j.c, form?.status, posting);
    if (closed || !form) return { answer: closed ?? notFound() };
    const unit = await getUnit(this.db, inv.i.unitId);
    const heading = `${unit?.name ?? ''} — ý kiến của ${inv.bodyName}`;
    return { inv: inv.i, c: j.c, form: form.definition, heading };
  }

  /** GET /y/:token */
  async agencyPage(token: string): Promise<PageAnswer> {
    const r = await this.invitation(token, false);
    if ('answer' in r) return r.answer;
    return { status: 200, html: await this.view(`/y/${token}`, r.c, r.form, r.heading, false) };
  }

  /** POST /y/:token: the ballot and the invitation answered in one transaction; a second use is refused. */
  async agencySubmit(token: string, body: Posted): Promise<PageAnswer> {
    const r = await this.invitation(token, true);
    if ('answer' in r) return r.answer;
    const settings = { ...DEFAULT_CAMPAIGN_SETTINGS, ...r.c.settings };
    const s = await this.store({
      link: `/y/${token}`,
      c: r.c,
      form: r.form,
      body,
      contact: false,
      heading: r.heading,
      unitId: r.inv.unitId,
      fieldCode: r.c.fields[0]?.code ?? '',
      mode: 'agency',
      minSeconds: settings.minSeconds,
      invitationId: r.inv.id,
    });
    return s.answer;
  }
}

function usedLink(): PageAnswer {
  return {
    status: 410,
    html: messagePage('Đường dẫn đã được sử dụng', [
      'Ý kiến của cơ quan, tổ chức qua đường dẫn này đã được ghi nhận; mỗi đường dẫn chỉ dùng một lần.',
      'Nếu cần góp ý thêm, xin liên hệ đơn vị đã gửi thư mời.',
    ]),
  };
}
