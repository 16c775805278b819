/** Periodic and ad hoc report requests (issue #16 item 5) on the tables and routes of Mẫu 01/02
 * (ADR 0017): a periodic report is a series whose periods (quarter, 6 months, 9 months, year) and due
 * rule are data, one request per period; an ad hoc request carries an outline of sections (seed 000's
 * "ĐỀ CƯƠNG BÁO CÁO"). Units fill the sections and attach files, the head approves, the unit sends;
 * a report sent after its due day is accepted and marked late. The matrix shows, per unit and
 * period, on time, late and missing. */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CUTOFF,
  dueRuleProblems,
  dueRuleText,
  formatDateVi,
  lowerFirst,
  PERIOD_KIND_LABELS,
  periodsOf,
  sendingState,
  sendingStateLabel,
  type CutoffRule,
  type DueRule,
  type PeriodKind,
  type ReportPeriod,
  type ReportSection,
} from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { notify } from '../notices/service.ts';
import * as repo from './repository.ts';

/** At most this many years in one periodic report (a plan's span). */
const MAX_YEARS = 5;

interface UnitsIn {
  title: string;
  ownerUnitId: string;
  receivingUnitId?: string | undefined;
  unitIds: string[];
  outline: (string | { title: string; guide?: string | undefined })[];
  planId?: string | undefined;
}

export interface SeriesInput extends UnitsIn {
  periodKind: PeriodKind;
  yearFrom: number;
  yearTo: number;
  due: DueRule;
  cutoff?: CutoffRule | undefined;
}

export interface AdHocInput extends UnitsIn {
  dueOn: string;
  periodFrom?: string | undefined;
  periodTo?: string | undefined;
}

/** The outline's sections with stable codes (s1, s2…) in the order typed. */
export const outlineOf = (items: UnitsIn['outline']): ReportSection[] =>
  items.map((it, i) =>
    typeof it === 'string'
      ? { code: `s${i + 1}`, title: it }
      : { code: `s${i + 1}`, title: it.title, ...(it.guide?.trim() ? { guide: it.guide.trim() } : {}) },
  );

const periodsFor = (input: SeriesInput, cutoff: CutoffRule) => {
  const out: ReportPeriod[] = [];
  for (let y = input.yearFrom; y <= input.yearTo; y++)
    out.push(...periodsOf(input.periodKind, y, input.due, cutoff));
  return out;
};

/** The periods of a series, their data stopping before their due day: the cut-off typed is checked;
 * without one, the default (DOMAIN §5.1) unless it would run past the due day, then the day before the
 * due day in the period's last month or in the month before it (seed 004: quarterly due on the 3rd of
 * the last month → data to the 2nd; yearly due 15/11 → data to 14/11). A due day before the period
 * starts is refused. */
export function seriesPeriods(input: SeriesInput): { cutoff: CutoffRule; periods: ReportPeriod[] } {
  const fits = (ps: ReportPeriod[]) => ps.every((p) => p.dataTo < p.dueOn);
  const check = (ps: ReportPeriod[]) => {
    const early = ps.find((p) => p.dueOn < p.from);
    if (early)
      throw new AppError(
        'REPORT_INVALID',
        `Hạn gửi báo cáo ${lowerFirst(early.label)} (${formatDateVi(early.dueOn)}) trước khi kỳ báo cáo bắt đầu.`,
      );
  };
  if (input.cutoff) {
    const ps = periodsFor(input, input.cutoff);
    check(ps);
    const late = ps.find((p) => p.dataTo >= p.dueOn);
    if (late)
      throw new AppError(
        'REPORT_INVALID',
        `Ngày chốt số liệu ${lowerFirst(late.label)} (${formatDateVi(late.dataTo)}) không trước hạn gửi (${formatDateVi(late.dueOn)}).`,
      );
    return { cutoff: input.cutoff, periods: ps };
  }
  const before = Math.max(1, input.due.day - 1);
  const candidates: CutoffRule[] = [
    DEFAULT_CUTOFF,
    { day: before, month: 'last' },
    { day: before, month: 'before_last' },
    { day: 31, month: 'before_last' },
  ];
  for (const c of candidates) {
    const ps = periodsFor(input, c);
    check(ps);
    if (fits(ps)) return { cutoff: c, periods: ps };
  }
  const ps = periodsFor(input, DEFAULT_CUTOFF);
  throw new AppError(
    'REPORT_INVALID',
    `Hạn gửi ${formatDateVi(ps[0]!.dueOn)} quá sớm so với kỳ báo cáo ${lowerFirst(ps[0]!.label)}; hãy chọn hạn trong tháng cuối kỳ hoặc sau kỳ.`,
  );
}

/** Who follows a series as a whole: readers of its owner or of its receiving unit. */
function followsSeries(actor: Actor, j: repo.SeriesJoined): boolean {
  const scope = scopeOf(actor, 'report.read');
  return pathInScope(scope, j.ownerPath) || (j.receivingPath !== null && pathInScope(scope, j.receivingPath));
}

export class ReportSeriesService {
  constructor(private db: Db) {}

  /** The owner (asking), the receiving unit and the units asked, checked: open, in the owner's tree;
   * the plan, when cited, issued by the owner. */
  private async unitsOf(actor: Actor, input: UnitsIn) {
    const ids = [
      ...new Set([input.ownerUnitId, input.receivingUnitId ?? input.ownerUnitId, ...input.unitIds]),
    ];
    const found = new Map((await repo.unitsByIds(this.db, ids)).map((u) => [u.id, u]));
    const owner = found.get(input.ownerUnitId);
    if (!owner) throw new AppError('NOT_FOUND');
    requireInScope(actor, 'report.manage', owner.path);
    if (owner.validTo !== null) throw new AppError('REPORT_INVALID', `${owner.name} đã ngừng hoạt động.`);
    const inOwner = (id: string, receiving: boolean) => {
      const u = found.get(id);
      if (!u)
        throw new AppError(
          'REPORT_INVALID',
          receiving ? 'Không tìm thấy đơn vị nhận báo cáo.' : 'Không tìm thấy đơn vị được yêu cầu báo cáo.',
        );
      if (u.validTo !== null) throw new AppError('REPORT_INVALID', `${u.name} đã ngừng hoạt động.`);
      if (!u.path.startsWith(owner.path))
        throw new AppError('REPORT_INVALID', `${u.name} không thuộc ${owner.name}.`);
      return u;
    };
    const receiving = inOwner(input.receivingUnitId ?? owner.id, true);
    const asked = [...new Set(input.unitIds)].map((id) => inOwner(id, false));
    let plan: Awaited<ReturnType<typeof repo.planOf>> | null = null;
    if (input.planId) {
      plan = (await repo.planOf(this.db, input.planId)) ?? null;
      if (!plan || !pathInScope(scopeOf(actor, 'plan.read'), plan.path))
        throw new AppError('REPORT_INVALID', 'Không tìm thấy kế hoạch.');
      if (plan.issuingUnitId !== owner.id)
        throw new AppError('REPORT_INVALID', `Kế hoạch ${plan.number} không do ${owner.name} ban hành.`);
    }
    return { owner, receiving, asked, plan };
  }

  private async announce(
    tx: DbOrTx,
    actor: Actor,
    u: Awaited<ReturnType<ReportSeriesService['unitsOf']>>,
    title: string,
    when: string,
    link: string,
  ) {
    await notify(tx, {
      kind: 'report_request',
      unitId: u.owner.id,
      title: `Yêu cầu báo cáo: ${title}`,
      body: `${u.owner.name} yêu cầu đơn vị gửi ${title} về ${u.receiving.name}, ${when}.`,
      link,
      to: [{ units: u.asked.map((a) => a.id), may: ['report.write', 'report.submit'] }],
      actorId: actor.id,
    });
  }

  /** A periodic report over years: one request per period, due by the rule. */
  async createSeries(actor: Actor, input: SeriesInput) {
    const problems = dueRuleProblems(input.periodKind, input.due);
    if (input.yearTo < input.yearFrom) problems.push('Năm cuối phải sau hoặc bằng năm đầu.');
    else if (input.yearTo - input.yearFrom + 1 > MAX_YEARS)
      problems.push(`Một báo cáo định kỳ kéo dài tối đa ${MAX_YEARS} năm.`);
    if (problems.length) throw new AppError('REPORT_INVALID', problems.join(' '), problems);
    const { cutoff, periods } = seriesPeriods(input);
    const u = await this.unitsOf(actor, input);
    const id = randomUUID();
    const outline = outlineOf(input.outline);
    return this.db.transaction(async (tx) => {
      await repo.insertSeries(tx, {
        id,
        ownerUnitId: u.owner.id,
        receivingUnitId: u.receiving.id,
        title: input.title,
        periodKind: input.periodKind,
        dueRule: input.due,
        cutoffRule: cutoff,
        yearFrom: input.yearFrom,
        yearTo: input.yearTo,
        planId: u.plan?.id ?? null,
        outline,
        createdBy: actor.id,
      });
      for (const p of periods) {
        const requestId = randomUUID();
        await repo.insertRequest(tx, {
          id: requestId,
          ownerUnitId: u.owner.id,
          receivingUnitId: u.receiving.id,
          kind: 'periodic',
          title: input.title,
          periodFrom: p.dataFrom,
          periodTo: p.dataTo,
          dueOn: p.dueOn,
          outline,
          seriesId: id,
          periodLabel: p.label,
          planId: u.plan?.id ?? null,
          createdBy: actor.id,
        });
        await repo.insertSubmissions(
          tx,
          u.asked.map((a) => ({ requestId, unitId: a.id })),
        );
      }
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.series.create',
        entity: 'report_series',
        entityId: id,
        unitId: u.owner.id,
        after: {
          title: input.title,
          periodKind: input.periodKind,
          years: [input.yearFrom, input.yearTo],
          due: dueRuleText(input.due),
          periods: periods.map((p) => ({ label: p.label, dueOn: p.dueOn })),
          receiving: u.receiving.name,
          units: u.asked.map((a) => a.name),
          plan: u.plan?.number ?? null,
        },
        reason: null,
      });
      const kind = PERIOD_KIND_LABELS[input.periodKind].toLocaleLowerCase('vi');
      await this.announce(
        tx,
        actor,
        u,
        `${input.title} (${kind})`,
        `hạn ${dueRuleText(input.due)}, kỳ đầu tiên hạn ${formatDateVi(periods[0]!.dueOn)}`,
        `/reports/series/${id}`,
      );
      return { id, requests: periods.length };
    });
  }

  /** An ad hoc request with an outline, due on a day (included). */
  async createAdHoc(actor: Actor, input: AdHocInput) {
    if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo)
      throw new AppError('REPORT_INVALID', 'Từ ngày phải trước hoặc bằng đến ngày.');
    const u = await this.unitsOf(actor, input);
    const id = randomUUID();
    const outline = outlineOf(input.outline);
    return this.db.transaction(async (tx) => {
      await repo.insertRequest(tx, {
        id,
        ownerUnitId: u.owner.id,
        receivingUnitId: u.receiving.id,
        kind: 'ad_hoc',
        title: input.title,
        periodFrom: input.periodFrom ?? null,
        periodTo: input.periodTo ?? null,
        dueOn: input.dueOn,
        outline,
        planId: u.plan?.id ?? null,
        createdBy: actor.id,
      });
      await repo.insertSubmissions(
        tx,
        u.asked.map((a) => ({ requestId: id, unitId: a.id })),
      );
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'report.request.create',
        entity: 'report_request',
        entityId: id,
        unitId: u.owner.id,
        after: {
          kind: 'ad_hoc',
          title: input.title,
          dueOn: input.dueOn,
          outline: outline.map((o) => o.title),
          receiving: u.receiving.name,
          units: u.asked.map((a) => a.name),
          plan: u.plan?.number ?? null,
        },
        reason: null,
      });
      await this.announce(
        tx,
        actor,
        u,
        input.title,
        `hạn ${formatDateVi(input.dueOn)} (tính cả ngày này)`,
        `/reports/${id}`,
      );
      return { id };
    });
  }

  /** The periodic reports the reader asked or receives, and those asking one of the reader's units. */
  async list(actor: Actor) {
    const scope = scopeOf(actor, 'report.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    const all = await repo.listSeries(this.db);
    const asked = await repo.askedOfSeries(
      this.db,
      all.map((j) => j.r.id),
    );
    return all.flatMap((j) => {
      const whole = followsSeries(actor, j);
      if (!whole && !asked.some((a) => a.seriesId === j.r.id && pathInScope(scope, a.unitPath))) return [];
      return [seriesSummary(j, whole)];
    });
  }

  /** The matrix: every asked unit for the requester and the receiver, the reader's own units else. */
  async detail(actor: Actor, id: string, today = todayVn()) {
    const j = await repo.getSeries(this.db, id);
    if (!j) throw new AppError('NOT_FOUND');
    const scope = scopeOf(actor, 'report.read');
    const whole = followsSeries(actor, j);
    const reqs = await repo.requestsOfSeries(this.db, id);
    const subs = await repo.submissionsOf(
      this.db,
      reqs.map((r) => r.r.id),
    );
    const visible = subs.filter((s) => whole || pathInScope(scope, s.unitPath));
    if (!whole && !visible.length) throw new AppError('NOT_FOUND');
    const counts = { onTime: 0, late: 0, missing: 0, waiting: 0 };
    const rows = new Map<string, { unitId: string; unitName: string; cells: SeriesCell[] }>();
    for (const s of visible)
      if (!rows.has(s.s.unitId))
        rows.set(s.s.unitId, { unitId: s.s.unitId, unitName: s.unitName, cells: [] });
    const cell = new Map(visible.map((x) => [`${x.s.requestId}:${x.s.unitId}`, x]));
    for (const r of reqs)
      for (const row of rows.values()) {
        const s = cell.get(`${r.r.id}:${row.unitId}`);
        if (!s) continue;
        const st = sendingState(s.s.sentAt, r.r.dueOn, today);
        if (st.state === 'on_time') counts.onTime++;
        else if (st.state === 'late') counts.late++;
        else if (st.state === 'overdue') counts.missing++;
        else counts.waiting++;
        row.cells.push({
          requestId: r.r.id,
          state: st.state,
          label: sendingStateLabel(st),
          days: st.days,
          sentAt: s.s.sentAt?.toISOString() ?? null,
        });
      }
    return {
      ...seriesSummary(j, whole),
      canManage: pathInScope(scopeOf(actor, 'report.manage'), j.ownerPath),
      periods: reqs.map((r) => ({
        requestId: r.r.id,
        label: r.r.periodLabel ?? formatDateVi(r.r.dueOn),
        from: r.r.periodFrom ?? r.r.dueOn,
        to: r.r.periodTo ?? r.r.dueOn,
        dueOn: r.r.dueOn,
      })),
      rows: [...rows.values()],
      counts,
    };
  }
}

interface SeriesCell {
  requestId: string;
  state: 'not_sent' | 'on_time' | 'late' | 'overdue';
  label: string;
  days: number;
  sentAt: string | null;
}

function seriesSummary(j: repo.SeriesJoined, whole: boolean) {
  const kind = j.r.periodKind as PeriodKind;
  return {
    id: j.r.id,
    title: j.r.title,
    periodKind: kind,
    periodKindLabel: PERIOD_KIND_LABELS[kind],
    dueRuleText: dueRuleText(j.r.dueRule),
    yearFrom: j.r.yearFrom,
    yearTo: j.r.yearTo,
    ownerUnitId: j.r.ownerUnitId,
    ownerUnitName: j.ownerName,
    receivingUnitName: j.receivingName,
    planId: j.r.planId,
    planNumber: j.planNumber,
    role: whole ? ('requester' as const) : ('asked' as const),
  };
}
