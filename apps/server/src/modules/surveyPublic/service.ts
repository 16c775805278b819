/** The public survey pages: a citizen's QR link (/s/:token) and an agency's one-time link (/y/:token).
 * Each answer is an HTML page and a status: 200 (form or thank-you: the thank-you only after commit),
 * 404 unknown link, 409 campaign not collecting, 410 one-time link used, 422 answers to correct (kept),
 * 429 a limit reached. Ballots are audited per batch (campaign × day × mode, ADR 0017). */
import { createHash, randomBytes } from 'node:crypto';
import {
  checkBallot,
  DEFAULT_CAMPAIGN_SETTINGS,
  normalisePhone,
  type AnswerInput,
  type SurveyForm,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { loadCampaign, targetByToken } from '../surveys/campaigns.ts';
import { publishedForm } from '../surveys/forms.ts';
import { getUnit } from '../units/service.ts';
import { issueFormToken, readFormToken, uuidOf, WindowCounter } from './guard.ts';
import type { Actor } from '../auth/actor.ts';
import { posterHtml, qrSvg } from './poster.ts';
import { fieldLine, formPage, messagePage, vnDate, type Values } from './render.ts';
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
  const when = `Thời gian nhận ý kiến: từ ngày ${vnDate(c.opensOn)} đến hết ngày ${vnDate(c.closesOn)}.`;
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

const thanks = (c: Campaign): PageAnswer => ({
  status: 200,
  html: messagePage(
    'Cảm ơn Ông/Bà đã đánh giá',
    ['Phiếu của Ông/Bà đã được ghi nhận.', 'Ý kiến của Ông/Bà giúp đơn vị phục vụ tốt hơn.'],
    c.name,
  ),
});

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

  /** `addressLimit`: SURVEY_PER_ADDRESS_PER_HOUR when set (it overrides the campaigns' setting). */
  constructor(
    private db: Db,
    private addressLimit: number | undefined,
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
  ) {
    return formPage({
      heading,
      campaign: c.name,
      form,
      action: link,
      formToken: issueFormToken(await this.key(), link),
      values,
      issues,
      other,
      contact,
    });
  }

  /** The SVG QR code of a unit × field (staff). */
  qr(actor: Actor, origin: string, id: string, unitId: string, fieldCode: string) {
    return qrSvg(this.db, actor, origin, id, unitId, fieldCode);
  }

  /** The A4 poster of a unit (staff). */
  poster(actor: Actor, origin: string, id: string, unitId: string) {
    return posterHtml(this.db, actor, origin, id, unitId);
  }

  /** GET /s/:token */
  async citizenPage(token: string): Promise<PageAnswer> {
    const t = await targetByToken(this.db, token);
    if (!t) return notFound();
    const closed = notCollecting(t.c, t.form.status, false);
    if (closed) return closed;
    const field = t.c.fields.find((f) => f.code === t.t.fieldCode)?.name ?? t.t.fieldCode;
    const heading = `${t.unitName} — ${fieldLine(field)}`;
    return { status: 200, html: await this.view(`/s/${token}`, t.c, t.form.definition, heading, true) };
  }

  /** POST /s/:token — `device` is the device cookie's id, `address` the client's address. */
  async citizenSubmit(token: string, body: Posted, address: string, device: string): Promise<PageAnswer> {
    const t = await targetByToken(this.db, token);
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
  }): Promise<{ answer: PageAnswer; counted: boolean }> {
    const { body, c } = p;
    // honeypot: a bot that fills every field is thanked and nothing is stored
    if (text(body.website) !== '') return { answer: thanks(c), counted: true };
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
    const result = await this.db.transaction(async (tx) => {
      if (p.invitationId && !(await repo.markAnswered(tx, p.invitationId))) return 'used' as const;
      if (!this.batches.has(batchId)) {
        const source = p.mode === 'qr' ? 'Trang khảo sát trực tuyến (mã QR)' : 'Đường dẫn lấy ý kiến cơ quan';
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
      return repo.insertBallot(tx, {
        campaignId: c.id,
        unitId: p.unitId,
        fieldCode: p.fieldCode,
        mode: p.mode,
        ratings: checked.ratings as number[],
        answers: checked.answers,
        dossierNo: dossier,
        contactPhone: phone,
        submitToken: ft.id,
        durationSeconds: duration,
        flags: duration < p.minSeconds ? ['too_fast'] : [],
        batchId,
        invitationId: p.invitationId ?? null,
      });
    });
    if (result === 'used') return { answer: usedLink(), counted: false };
    this.batches.add(batchId);
    return { answer: thanks(c), counted: result !== null };
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
