/** One unit's report of a request: the computed part (survey tables), what the unit types (sections
 * of the outline, figures such as "phát ra"), attached files (scans of paper ballots: PDF, JPG, PNG,
 * checked by content and stored once per hash), and its life: the officer edits (report.write), the
 * head approves and sends (report.submit); a report sent after its due day is accepted and marked
 * late. Every transition is audited; the receiving unit is told when a report arrives. */
import {
  checkUpload,
  contentProblems,
  formatDateVi,
  mau01Problems,
  readContent,
  type ReportContent,
  type ReportSection,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope } from '../auth/scope.ts';
import { notify } from '../notices/service.ts';
import * as repo from './repository.ts';
import { followsAll, stateOf } from './service.ts';
import { surveyPart, type SurveyContext, type SurveyPart } from './surveyPart.ts';

/** Scans of paper ballots: what an attachment to Mẫu 01/02 may be. */
const SCAN_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
/** A periodic or ad hoc report may also carry Word and Excel files (the unit's own report, tables). */
const REPORT_FILE_TYPES = new Set([
  ...SCAN_TYPES,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

type Stored = ReportContent & { computed?: SurveyPart & { context: SurveyContext } };

export class ReportSubmissionService {
  constructor(
    private db: Db,
    private files: FileStore,
    private uploadMaxBytes: number,
  ) {}

  /** The request and the unit's report, when the reader may see it: the requester and the receiver
   * see every unit's, a unit its own; anything else is not found. */
  private async readable(actor: Actor, requestId: string, unitId: string) {
    const j = await repo.getRequest(this.db, requestId);
    const sub = j && (await repo.getSubmission(this.db, requestId, unitId));
    if (!j || !sub) throw new AppError('NOT_FOUND');
    if (!followsAll(actor, j) && !pathInScope(scopeOf(actor, 'report.read'), sub.unitPath))
      throw new AppError('NOT_FOUND');
    return { j, sub };
  }

  /** The report as it prints: the computed part frozen at sending, else computed now. */
  async data(actor: Actor, requestId: string, unitId: string) {
    const { j, sub } = await this.readable(actor, requestId, unitId);
    const stored = sub.s.content as Stored;
    const content = readContent(stored);
    const part =
      sub.s.status === 'sent' && stored.computed
        ? stored.computed
        : j.r.campaignId
          ? await surveyPart(this.db, j.r.kind, j.r.campaignId, sub.unitPath, content.figures)
          : null;
    return { j, sub, content, part, outline: j.r.outline as ReportSection[] };
  }

  async view(actor: Actor, requestId: string, unitId: string) {
    const { j, sub, content, part, outline } = await this.data(actor, requestId, unitId);
    const st = stateOf(sub.s, j.r.dueOn);
    const writable = sub.s.status !== 'sent';
    return {
      requestId,
      kind: j.r.kind,
      title: j.r.title,
      dueOn: j.r.dueOn,
      receivingUnitName: j.receivingName ?? j.ownerName,
      unitId,
      unitName: sub.unitName,
      status: sub.s.status,
      state: st.state,
      label: st.label,
      sentAt: sub.s.sentAt?.toISOString() ?? null,
      approvedAt: sub.s.approvedAt?.toISOString() ?? null,
      revision: sub.s.revision,
      frozen: sub.s.status === 'sent',
      outline,
      sections: content.sections,
      mau01: part?.mau01 ?? null,
      mau02: part?.mau02 ?? null,
      files: sub.s.files,
      problems: part?.mau01 && writable ? mau01Problems(part.mau01, { requireAll: true }) : [],
      canWrite: writable && pathInScope(scopeOf(actor, 'report.write'), sub.unitPath),
      canSubmit: writable && pathInScope(scopeOf(actor, 'report.submit'), sub.unitPath),
    };
  }

  /** Lock the report for a change by `action` on its unit; a sent report no longer changes. */
  private async locked(
    tx: DbOrTx,
    actor: Actor,
    requestId: string,
    unitId: string,
    baseRevision: number | null,
    action: 'report.write' | 'report.submit',
  ) {
    const j = await repo.getRequest(tx, requestId);
    const sub = j && (await repo.getSubmission(tx, requestId, unitId, true));
    if (!j || !sub) throw new AppError('NOT_FOUND');
    if (!followsAll(actor, j) && !pathInScope(scopeOf(actor, 'report.read'), sub.unitPath))
      throw new AppError('NOT_FOUND');
    requireInScope(actor, action, sub.unitPath);
    const sentDay = sub.s.sentAt ? formatDateVi(todayVn(sub.s.sentAt)) : '';
    if (sub.s.status === 'sent')
      throw new AppError('REPORT_STATE', `Báo cáo đã gửi ngày ${sentDay}; không sửa được nữa.`);
    if (baseRevision !== null && baseRevision !== sub.s.revision) throw new AppError('REPORT_CONFLICT');
    return { j, sub };
  }

  /** Save what the unit typed (sections, figures); an approved report goes back to draft. */
  async save(
    actor: Actor,
    requestId: string,
    unitId: string,
    body: { baseRevision: number; sections: Record<string, string>; figures: Record<string, number> },
  ) {
    return this.db.transaction(async (tx) => {
      const { j, sub } = await this.locked(tx, actor, requestId, unitId, body.baseRevision, 'report.write');
      const before = readContent(sub.s.content);
      const next: ReportContent = { sections: body.sections, figures: body.figures };
      const part = j.r.campaignId
        ? await surveyPart(tx, j.r.kind, j.r.campaignId, sub.unitPath, next.figures)
        : null;
      const keys = new Set(part?.mau01?.rows.map((r) => r.issuedKey) ?? []);
      const problems = [
        ...contentProblems(next, j.r.outline as ReportSection[], keys),
        ...(part?.mau01 ? mau01Problems(part.mau01, { requireAll: false }) : []),
      ];
      if (problems.length) throw new AppError('REPORT_INVALID', problems.join(' '), problems);
      const revision = sub.s.revision + 1;
      await repo.updateSubmission(tx, requestId, unitId, {
        content: next,
        status: 'draft',
        approvedAt: null,
        approvedBy: null,
        revision,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.save',
        entity: 'report_submission',
        entityId: `${requestId}/${unitId}`,
        unitId,
        before: { status: sub.s.status, ...before },
        after: { status: 'draft', ...next },
        reason: null,
      });
      return { revision, status: 'draft' as const };
    });
  }

  /** The head approves the report as it stands (every "phát ra" typed, none below "thu về"). */
  async approve(actor: Actor, requestId: string, unitId: string, baseRevision: number) {
    return this.db.transaction(async (tx) => {
      const { j, sub } = await this.locked(tx, actor, requestId, unitId, baseRevision, 'report.submit');
      if (sub.s.status !== 'draft') throw new AppError('REPORT_STATE', 'Báo cáo đã được duyệt.');
      const content = readContent(sub.s.content);
      const part = j.r.campaignId
        ? await surveyPart(tx, j.r.kind, j.r.campaignId, sub.unitPath, content.figures)
        : null;
      const problems = part?.mau01 ? mau01Problems(part.mau01, { requireAll: true }) : [];
      if (problems.length) throw new AppError('REPORT_INVALID', problems.join(' '), problems);
      const revision = sub.s.revision + 1;
      await repo.updateSubmission(tx, requestId, unitId, {
        status: 'approved',
        approvedAt: new Date(),
        approvedBy: actor.id,
        revision,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.approve',
        entity: 'report_submission',
        entityId: `${requestId}/${unitId}`,
        unitId,
        before: { status: sub.s.status },
        after: { status: 'approved' },
        reason: null,
      });
      return { revision, status: 'approved' as const };
    });
  }

  /** The unit sends its approved report: stamped now, late when sent after the due day (accepted);
   * the computed part is frozen; the receiving unit's coordinators are told. */
  async send(actor: Actor, requestId: string, unitId: string, baseRevision: number, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const { j, sub } = await this.locked(tx, actor, requestId, unitId, baseRevision, 'report.submit');
      if (sub.s.status !== 'approved')
        throw new AppError('REPORT_STATE', 'Báo cáo phải được lãnh đạo đơn vị duyệt trước khi gửi.');
      const content = readContent(sub.s.content);
      const part = j.r.campaignId
        ? await surveyPart(tx, j.r.kind, j.r.campaignId, sub.unitPath, content.figures)
        : null;
      const st = stateOf({ ...sub.s, sentAt: now }, j.r.dueOn);
      const late = st.state === 'late';
      const revision = sub.s.revision + 1;
      await repo.updateSubmission(tx, requestId, unitId, {
        status: 'sent',
        sentAt: now,
        sentBy: actor.id,
        late,
        content: { ...content, ...(part ? { computed: part } : {}) },
        revision,
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.send',
        entity: 'report_submission',
        entityId: `${requestId}/${unitId}`,
        unitId,
        before: { status: sub.s.status },
        after: { status: 'sent', sentAt: now.toISOString(), dueOn: j.r.dueOn, late, days: st.days },
        reason: null,
      });
      const receiver = j.r.receivingUnitId ?? j.r.ownerUnitId;
      const dueText = formatDateVi(j.r.dueOn);
      await notify(tx, {
        kind: 'report_sent',
        unitId: receiver,
        title: late
          ? `${sub.unitName} đã gửi báo cáo (muộn ${st.days} ngày)`
          : `${sub.unitName} đã gửi báo cáo`,
        body: late
          ? `${sub.unitName} đã gửi “${j.r.title}” muộn ${st.days} ngày so với hạn ${dueText}; báo cáo vẫn được nhận.`
          : `${sub.unitName} đã gửi “${j.r.title}” đúng hạn (hạn ${dueText}).`,
        link: `/reports/${requestId}`,
        to: [{ units: [receiver], may: ['report.manage'] }],
        actorId: actor.id,
      });
      return { revision, status: 'sent' as const, late, days: st.days, sentAt: now.toISOString() };
    });
  }

  /** Attach a file (a scan of paper ballots): PDF, JPG or PNG, checked by content, stored once. */
  async attach(actor: Actor, requestId: string, unitId: string, fileName: string, bytes: Buffer) {
    const check = checkUpload(fileName, bytes, this.uploadMaxBytes);
    if (check.error !== undefined) throw new AppError('FILE_REFUSED', check.error);
    const { j } = await this.readable(actor, requestId, unitId); // not found before any byte is stored
    if (j.r.campaignId && !SCAN_TYPES.has(check.kind.mime))
      throw new AppError('FILE_REFUSED', 'Chỉ đính kèm bản chụp, bản quét phiếu: PDF, JPG hoặc PNG.');
    if (!REPORT_FILE_TYPES.has(check.kind.mime))
      throw new AppError('FILE_REFUSED', 'Chỉ đính kèm tệp PDF, Word (.docx), Excel (.xlsx), JPG hoặc PNG.');
    const stored = await this.files.put(bytes);
    try {
      return await this.db.transaction(async (tx) => {
        const { sub } = await this.locked(tx, actor, requestId, unitId, null, 'report.write');
        await repo.insertFile(tx, { sha256: stored.sha256, size: bytes.length, mime: check.kind.mime });
        const list = sub.s.files.filter((f) => f.sha256 !== stored.sha256);
        list.push({ sha256: stored.sha256, name: fileName });
        const revision = sub.s.revision + 1;
        await repo.updateSubmission(tx, requestId, unitId, { files: list, revision });
        await audit(tx, {
          actorId: actor.id,
          actorName: actor.name,
          action: 'report.attach',
          entity: 'report_submission',
          entityId: `${requestId}/${unitId}`,
          unitId,
          after: { fileName, sha256: stored.sha256 },
          reason: null,
        });
        return { revision, files: list };
      });
    } catch (e) {
      if (stored.created) await this.files.remove(stored.sha256);
      throw e;
    }
  }

  async detach(actor: Actor, requestId: string, unitId: string, sha256: string) {
    return this.db.transaction(async (tx) => {
      const { sub } = await this.locked(tx, actor, requestId, unitId, null, 'report.write');
      const gone = sub.s.files.find((f) => f.sha256 === sha256);
      if (!gone) throw new AppError('NOT_FOUND');
      const list = sub.s.files.filter((f) => f.sha256 !== sha256);
      const revision = sub.s.revision + 1;
      await repo.updateSubmission(tx, requestId, unitId, { files: list, revision });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.detach',
        entity: 'report_submission',
        entityId: `${requestId}/${unitId}`,
        unitId,
        before: gone,
        reason: null,
      });
      return { revision, files: list };
    });
  }

  async file(actor: Actor, requestId: string, unitId: string, sha256: string) {
    const { sub } = await this.readable(actor, requestId, unitId);
    const f = sub.s.files.find((x) => x.sha256 === sha256);
    if (!f) throw new AppError('NOT_FOUND');
    const mime = (await repo.fileMime(this.db, sha256)) ?? 'application/octet-stream';
    return { fileName: f.name, mime, body: await this.files.read(sha256) };
  }
}
