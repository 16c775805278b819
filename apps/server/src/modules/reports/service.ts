/** Report requests (issue #15 item 7, ADR 0017): what a level asks of the units below, by when,
 * received by which unit — Mẫu 01 (citizen satisfaction) and Mẫu 02 (agency opinion) of a survey
 * campaign are the first kinds; issue #16 adds periodic and ad hoc kinds to the same tables, routes
 * and matrix. One report per asked unit: draft → approved (head) → sent (stamped late after the due
 * day, accepted). This file: requests, the matrix, and the flags of seed 002's sanction. */
import { randomUUID } from 'node:crypto';
import {
  defaultDueOn,
  formatDateVi,
  REPORT_KIND_LABELS,
  sendingState,
  sendingStateLabel,
  SURVEY_REPORT_OUTLINE,
  type ReportKind,
  type ReportSection,
  type SurveyReportKind,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { notify } from '../notices/service.ts';
import { loadCampaign, targetsOf } from '../surveys/campaigns.ts';
import * as repo from './repository.ts';

export interface RequestInput {
  kind: SurveyReportKind;
  campaignId: string;
  title?: string | undefined;
  dueOn?: string | undefined;
  receivingUnitId?: string | undefined;
  unitIds?: string[] | undefined;
}

/** The kind of report a campaign's form asks for: citizens → Mẫu 01, agencies → Mẫu 02. */
const KIND_OF_RESPONDENT: Record<string, SurveyReportKind> = {
  citizen: 'survey_mau01',
  agency: 'survey_mau02',
};

const DEFAULT_TITLE: Record<SurveyReportKind, (year: number) => string> = {
  survey_mau01: (y) => `Báo cáo kết quả đo lường sự hài lòng của người dân, tổ chức năm ${y} (Mẫu 01)`,
  survey_mau02: (y) => `Báo cáo kết quả lấy ý kiến đánh giá của cơ quan, tổ chức năm ${y} (Mẫu 02)`,
};

/** The unit directly under `ownerPath` on the way to `path` (the owner itself when `path` is it). */
export function childUnder(ownerPath: string, path: string): string | null {
  if (!path.startsWith(ownerPath)) return null;
  const rest = path.slice(ownerPath.length).split('/').filter(Boolean);
  return rest[0] ?? ownerPath.split('/').filter(Boolean).pop() ?? null;
}

/** Who reads a request as a whole (every unit's report): readers of its owner or of its receiving unit. */
export function followsAll(actor: Actor, j: repo.RequestJoined): boolean {
  const scope = scopeOf(actor, 'report.read');
  return pathInScope(scope, j.ownerPath) || (j.receivingPath !== null && pathInScope(scope, j.receivingPath));
}

export function stateOf(s: repo.SubmissionRow, dueOn: string, today = todayVn()) {
  const st = sendingState(s.sentAt, dueOn, today);
  return { ...st, label: sendingStateLabel(st) };
}

export class ReportService {
  constructor(private db: Db) {}

  async create(actor: Actor, input: RequestInput) {
    const c = await loadCampaign(this.db, input.campaignId);
    if (!c) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'report.manage', c.ownerPath);
    requireInScope(actor, 'survey.manage', c.ownerPath);
    if (KIND_OF_RESPONDENT[c.respondentKind] !== input.kind)
      throw new AppError(
        'REPORT_INVALID',
        input.kind === 'survey_mau01'
          ? 'Mẫu 01 là báo cáo của đợt đo lường sự hài lòng của người dân, tổ chức.'
          : 'Mẫu 02 là báo cáo của đợt lấy ý kiến cơ quan, tổ chức.',
      );
    const existing = (await repo.requestsOfCampaign(this.db, c.c.id)).find((r) => r.r.kind === input.kind);
    const due = existing ? formatDateVi(existing.r.dueOn) : '';
    if (existing) throw new AppError('REPORT_STATE', `Đợt khảo sát đã có yêu cầu báo cáo này (hạn ${due}).`);
    const dueOn = input.dueOn ?? defaultDueOn(input.kind, c.c.deadlines);
    if (!dueOn)
      throw new AppError('REPORT_INVALID', 'Đợt khảo sát chưa có hạn của báo cáo này; hãy nhập hạn báo cáo.');
    const receivingId = input.receivingUnitId ?? c.c.ownerUnitId;
    const askedIds = input.unitIds ?? (await this.defaultAsked(c.c.id, c.ownerPath));
    const found = new Map(
      (await repo.unitsByIds(this.db, [...new Set([receivingId, ...askedIds])])).map((u) => [u.id, u]),
    );
    const inOwner = (id: string, receivingUnit: boolean) => {
      const u = found.get(id);
      if (!u)
        throw new AppError(
          'REPORT_INVALID',
          receivingUnit
            ? 'Không tìm thấy đơn vị nhận báo cáo.'
            : 'Không tìm thấy đơn vị được yêu cầu báo cáo.',
        );
      if (u.validTo !== null) throw new AppError('REPORT_INVALID', `${u.name} đã ngừng hoạt động.`);
      if (!u.path.startsWith(c.ownerPath))
        throw new AppError('REPORT_INVALID', `${u.name} không thuộc ${c.ownerName}.`);
      return u;
    };
    const receiving = inOwner(receivingId, true);
    const asked = [...new Set(askedIds)].map((id) => inOwner(id, false));
    if (!asked.length) throw new AppError('REPORT_INVALID', 'Chưa có đơn vị nào được yêu cầu báo cáo.');
    const id = randomUUID();
    const title = input.title ?? DEFAULT_TITLE[input.kind](c.c.year);
    const dueText = formatDateVi(dueOn);
    return this.db.transaction(async (tx) => {
      await repo.insertRequest(tx, {
        id,
        ownerUnitId: c.c.ownerUnitId,
        receivingUnitId: receiving.id,
        kind: input.kind,
        campaignId: c.c.id,
        title,
        periodFrom: c.c.periodFrom,
        periodTo: c.c.periodTo,
        dueOn,
        outline: SURVEY_REPORT_OUTLINE,
        createdBy: actor.id,
      });
      await repo.insertSubmissions(
        tx,
        asked.map((u) => ({ requestId: id, unitId: u.id })),
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.request.create',
        entity: 'report_request',
        entityId: id,
        unitId: c.c.ownerUnitId,
        after: {
          kind: input.kind,
          campaign: c.c.code,
          title,
          dueOn,
          receiving: receiving.name,
          units: asked.map((u) => u.name),
        },
        reason: null,
      });
      await notify(tx, {
        kind: 'report_request',
        unitId: c.c.ownerUnitId,
        title: `Yêu cầu báo cáo: ${title}`,
        body: `${c.ownerName} yêu cầu đơn vị gửi ${title} về ${receiving.name}, hạn ${dueText} (tính cả ngày này).`,
        link: `/reports/${id}`,
        to: [{ units: asked.map((u) => u.id), may: ['report.write', 'report.submit'] }],
        actorId: actor.id,
      });
      return { id };
    });
  }

  /** The surveyed units at the level directly under the campaign's owner (a district reports for its
   * communes), in tree order. */
  private async defaultAsked(campaignId: string, ownerPath: string): Promise<string[]> {
    const out: string[] = [];
    for (const t of await targetsOf(this.db, campaignId)) {
      const u = childUnder(ownerPath, t.unitPath);
      if (u && !out.includes(u)) out.push(u);
    }
    return out;
  }

  /** Requests the reader asked (or receives) and those asking one of the reader's units. */
  async list(actor: Actor) {
    const scope = scopeOf(actor, 'report.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const all = await repo.listRequests(this.db);
    const subs = await repo.submissionsOf(
      this.db,
      all.map((j) => j.r.id),
    );
    const today = todayVn();
    const out = [];
    for (const j of all) {
      const mine = subs.filter((s) => s.s.requestId === j.r.id);
      const whole = followsAll(actor, j);
      const own = mine.filter((s) => pathInScope(scope, s.unitPath));
      if (!whole && !own.length) continue;
      out.push({
        ...summaryOf(j, whole, mine),
        own: own.map((s) => {
          const st = stateOf(s.s, j.r.dueOn, today);
          return { unitId: s.s.unitId, unitName: s.unitName, state: st.state, label: st.label };
        }),
      });
    }
    return out;
  }

  /** A request with its matrix: every asked unit for its requester and receiver, else the reader's own. */
  async detail(actor: Actor, id: string) {
    const j = await repo.getRequest(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    const scope = scopeOf(actor, 'report.read');
    const whole = followsAll(actor, j);
    const subs = await repo.submissionsOf(this.db, [id]);
    const rows = subs.filter((s) => whole || pathInScope(scope, s.unitPath));
    if (!rows.length && !whole) throw new AppError('NOT_FOUND');
    const today = todayVn();
    return {
      ...summaryOf(j, whole, subs),
      own: [],
      canManage: pathInScope(scopeOf(actor, 'report.manage'), j.ownerPath),
      outline: j.r.outline as ReportSection[],
      rows: rows.map((s) => {
        const st = stateOf(s.s, j.r.dueOn, today);
        return {
          unitId: s.s.unitId,
          unitName: s.unitName,
          status: s.s.status,
          state: st.state,
          label: st.label,
          days: st.days,
          sentAt: s.s.sentAt?.toISOString() ?? null,
          approvedAt: s.s.approvedAt?.toISOString() ?? null,
        };
      }),
    };
  }
}

function summaryOf(j: repo.RequestJoined, whole: boolean, subs: { s: repo.SubmissionRow }[]) {
  const kind = j.r.kind as ReportKind;
  return {
    id: j.r.id,
    kind: j.r.kind,
    kindLabel: REPORT_KIND_LABELS[kind] ?? j.r.kind,
    title: j.r.title,
    campaignId: j.r.campaignId,
    campaignName: j.campaignName,
    ownerUnitId: j.r.ownerUnitId,
    ownerUnitName: j.ownerName,
    receivingUnitId: j.r.receivingUnitId,
    receivingUnitName: j.receivingName,
    dueOn: j.r.dueOn,
    seriesId: j.r.seriesId,
    periodLabel: j.r.periodLabel,
    planId: j.r.planId,
    planNumber: j.planNumber,
    role: whole ? ('requester' as const) : ('asked' as const),
    asked: subs.filter((s) => s.s.requestId === j.r.id).length,
    sent: subs.filter((s) => s.s.requestId === j.r.id && s.s.sentAt).length,
    late: subs.filter((s) => s.s.requestId === j.r.id && s.s.late).length,
    createdAt: j.r.createdAt.toISOString(),
  };
}

/** Seed 002's sanction: per unit asked for Mẫu 01 or Mẫu 02 of a campaign, whether its report came
 * late or is missing after the due day. The points slice raises the flag from this; the
 * coordinator's recorded decision, not this flag, makes the survey leaves count 0. */
export async function surveyReportFlags(
  db: DbOrTx,
  campaignId: string,
  today = todayVn(),
): Promise<
  {
    unitId: string;
    kind: ReportKind;
    dueOn: string;
    sentAt: string | null;
    late: boolean;
    missing: boolean;
  }[]
> {
  const reqs = await repo.requestsOfCampaign(db, campaignId);
  const subs = await repo.submissionsOf(
    db,
    reqs.map((r) => r.r.id),
  );
  return subs.flatMap((s) => {
    const r = reqs.find((x) => x.r.id === s.s.requestId)!.r;
    const st = sendingState(s.s.sentAt, r.dueOn, today);
    return [
      {
        unitId: s.s.unitId,
        kind: r.kind as ReportKind,
        dueOn: r.dueOn,
        sentAt: s.s.sentAt?.toISOString() ?? null,
        late: st.state === 'late',
        missing: st.state === 'overdue',
      },
    ];
  });
}

/** The outlines a plan annexes (seed 000: "ĐỀ CƯƠNG BÁO CÁO (Kèm theo Kế hoạch số 82/KH-CAH …)"): its
 * ad hoc requests with their sections, in due order. */
export async function outlinesOfPlan(db: DbOrTx, planId: string) {
  return (await repo.requestsOfPlan(db, planId))
    .filter((j) => j.r.kind === 'ad_hoc')
    .map((j) => ({ title: j.r.title, dueOn: j.r.dueOn, outline: j.r.outline as ReportSection[] }));
}

/** The reports of a unit (or of its subtree) due in a year, each with its sending state: what a
 * framework's deduction leaf counts as incidents (a report sent late, or not sent after its due day). */
export async function reportsDueInYear(
  db: DbOrTx,
  unit: { id: string; path: string },
  subtree: boolean,
  year: number,
  today = todayVn(),
) {
  const rows = await repo.submissionsDueBetween(db, unit, subtree, `${year}-01-01`, `${year}-12-31`);
  return rows.map((r) => {
    const st = sendingState(r.s.sentAt, r.dueOn, today);
    return {
      requestId: r.s.requestId,
      unitName: r.unitName,
      title: r.title,
      dueOn: r.dueOn,
      incident: st.state === 'late' || st.state === 'overdue',
      stateText: sendingStateLabel(st),
    };
  });
}
