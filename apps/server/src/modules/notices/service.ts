/** Notices to people, in the app and by e-mail when SMTP is configured (ADR 0015). Every producer
 * (a stage opens, a deadline nears, supplementation is asked or answered, a self-assessment is sent
 * or returned, an appraisal approved, sent back or published, an account changed — and later
 * surveys, plans and reports) describes one event and calls `notify(tx, event)`: one notice, about
 * one unit, with one recipient row per person who holds a right on that unit for the event's kind,
 * and one e-mail per such person. E-mails go through an outbox in the database, so nothing is lost
 * when SMTP is down: they wait and are retried. */
import { daysLeft, formatDateVi, MATRIX, ROLES, STAGE_LABELS, type Action, type Stage } from '@chiso/domain';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { addDays, todayVn } from '../../lib/dates.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import * as repo from './repository.ts';

export type NoticeKind =
  | 'stage_open'
  | 'deadline'
  | 'supplement'
  | 'answered'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'sent_back'
  | 'published'
  | 'account_locked'
  | 'password_reset'
  | 'report_request'
  | 'report_sent'
  | 'report_overdue'
  | 'task_declared'
  | 'task_returned'
  | 'task_overdue';

/** Who an event is for.
 * - `people`: named persons (an account's owner, the watchers of a reset), each with the unit the
 *   notice concerns for them (null: their account);
 * - `holders`: for each unit, the people holding one of the rights `may` on it — on the unit itself
 *   or, when nobody there holds it, on the nearest unit above (the district's officer fills its
 *   communes' self-assessments; a grant on the whole system is not counted). */
export type Audience =
  { people: { userId: string; unitId: string | null }[] } | { units: string[]; may: readonly Action[] };

/** The unit's own work: its officers and head (who score, answer and submit). */
export const unitWork = (units: string[]): Audience => ({
  units,
  may: ['assessment.write', 'assessment.submit'],
});
/** Who appraises, approves or answers for these (appraising) units: coordinators and appraisers. */
export const waitingOn = (units: string[]): Audience => ({ units, may: ['appraisal.write'] });
/** Everyone who reads these units' results (officers, heads, coordinators, appraisers, leaders). */
export const readersOf = (units: string[]): Audience => ({ units, may: ['result.read'] });

/** The coordinators of these units, who request work and chase what is missing (`report.manage`:
 * administrators and coordinators). */
export const chasersOf = (units: string[]): Audience => ({ units, may: ['report.manage'] });

/** One unit owing something by a day, as the deadline reminders walk it: a report not sent, a task
 * instance not declared done. */
export interface PendingDeadline {
  /** What is owed (a report request, a task): names the dedupe keys, groups the reminders before. */
  subjectId: string;
  dueOn: string;
  unitId: string;
  unitName: string;
  /** The unit a reminder about several units concerns (the requester, the plan's issuer). */
  ownerUnitId: string;
  /** Whose coordinators chase it after the due day. */
  receivingUnitId: string;
}

/** How one kind of deadline is worded and whom it reaches. */
interface DeadlineWording<T> {
  /** The kind in the dedupe keys: `${key}-due:…`, `${key}-overdue:…`. */
  key: string;
  overdueKind: NoticeKind;
  /** Who works on it in the unit owing it. */
  unitMay: readonly Action[];
  before: (r: T, left: number) => { title: string; body: string; link: string };
  overdue: (r: T, late: number) => { title: string; body: string; link: string };
}

export interface NoticeEvent {
  kind: NoticeKind;
  /** The unit the notice is about: the unit concerned, the cycle's owner for a whole cycle, none
   * for an account. */
  unitId: string | null;
  cycleId?: string | null;
  title: string;
  body: string;
  link?: string | null;
  /** Same key, same notice: a reminder is never repeated (the key names its unit or person). */
  dedupeKey?: string | null;
  to: Audience[];
  /** Who caused it (not told of what they did themselves). */
  actorId?: string | null;
}

const rolesFor = (may: readonly Action[]) => ROLES.filter((r) => may.some((a) => MATRIX[r].includes(a)));

/** Record one event for the people it concerns, in the caller's transaction: one notice, one
 * recipient row and one e-mail (when the person has an address) per person. A notice whose dedupe
 * key was given before is skipped. Returns whether it was recorded and how many people it reached. */
export async function notify(tx: DbOrTx, e: NoticeEvent): Promise<{ created: boolean; recipients: number }> {
  const people: { userId: string; unitId: string | null }[] = [];
  const holders: { units: string[]; roles: string[] }[] = [];
  for (const a of e.to) {
    if ('people' in a) people.push(...a.people);
    else if (a.units.length) holders.push({ units: [...new Set(a.units)], roles: rolesFor(a.may) });
  }
  const r = await repo.insertNotice(
    tx,
    {
      unitId: e.unitId,
      cycleId: e.cycleId ?? null,
      kind: e.kind,
      title: e.title,
      body: e.body,
      link: e.link ?? null,
      dedupeKey: e.dedupeKey ?? null,
    },
    { people, holders, except: e.actorId ? [e.actorId] : [] },
    {
      subject: `[Chiso] ${e.title}`,
      body: `${e.body}\n\n— Chiso, hệ thống Chỉ số cải cách hành chính (thư tự động, không trả lời).`,
    },
  );
  return { created: r.id !== null, recipients: r.recipients };
}

/** Queue one e-mail to an address outside the users (survey respondent bodies: "VP UBND tỉnh",
 * "UBND huyện …"), in the caller's transaction; it is sent by the outbox like every notice's mail. */
export async function queueMail(tx: DbOrTx, e: { to: string; subject: string; body: string }): Promise<void> {
  await repo.insertMail(tx, {
    toAddress: e.to,
    subject: `[Chiso] ${e.subject}`,
    body: `${e.body}\n\n— Chiso, hệ thống Chỉ số cải cách hành chính (thư tự động, không trả lời).`,
  });
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

/** How long after a due day the units still owing are told (once). */
const OVERDUE_WINDOW_DAYS = 7;

export class NoticeService {
  private transport: Transporter | null;

  constructor(
    private db: Db,
    smtpUrl: string | undefined,
    private from = 'Chiso <chiso@localhost>',
    private today: () => string = () => todayVn(),
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  /** The reader's notices, newest first, with what the reader has read, and the counts (no cap).
   * Only notices addressed to the reader, about a unit the reader still holds a right on. */
  async list(actor: Actor, opts: { limit?: number; offset?: number; unread?: boolean } = {}) {
    const me = actor.id ?? NOBODY;
    const scope = scopeOf(actor, 'unit.read');
    const rows = await repo.listNotices(this.db, scope, me, {
      limit: opts.limit ?? 50,
      offset: opts.offset ?? 0,
      unread: !!opts.unread,
    });
    const counts = await repo.countNotices(this.db, scope, me);
    return {
      items: rows.map((r) => ({
        id: r.n.id,
        unitName: r.unitName ?? '',
        kind: r.n.kind,
        title: r.n.title,
        body: r.n.body,
        link: r.n.link,
        createdAt: r.n.createdAt.toISOString(),
        read: !!r.readAt,
      })),
      unread: counts.unread,
      total: counts.total,
    };
  }

  async markRead(actor: Actor, id: string) {
    if (!(await repo.markRead(this.db, scopeOf(actor, 'unit.read'), id, actor.id ?? NOBODY)))
      throw new AppError('NOT_FOUND');
    return this.list(actor);
  }

  async markAllRead(actor: Actor) {
    await repo.markAllRead(this.db, actor.id ?? NOBODY);
    return this.list(actor);
  }

  /** Three days and one day before each open stage's deadline (a unit's extension counts): one
   * notice per cycle, stage, due date and distance, to the officers and heads of the units it
   * concerns, never repeated. Returns how many were created. */
  async deadlineReminders(): Promise<number> {
    const today = this.today();
    const groups = new Map<string, { d: repo.OpenDeadline; due: string; left: number; units: string[] }>();
    for (const d of await repo.openDeadlines(this.db)) {
      const due = d.extendedTo && d.extendedTo > d.dueOn ? d.extendedTo : d.dueOn;
      const left = daysLeft(today, due);
      if (left !== 3 && left !== 1) continue;
      const key = `deadline:${d.cycleId}:${d.stage}:${due}:${left}`;
      const g = groups.get(key) ?? { d, due, left, units: [] };
      g.units.push(d.unitId);
      groups.set(key, g);
    }
    let created = 0;
    for (const [key, { d, due, left, units }] of groups) {
      const label = STAGE_LABELS[d.stage as Stage];
      const r = await this.db.transaction((tx) =>
        notify(tx, {
          kind: 'deadline',
          unitId: units.length === 1 ? units[0]! : d.ownerUnitId,
          cycleId: d.cycleId,
          title: `Còn ${left} ngày: hạn “${label}” — ${d.cycleName}`,
          body: `Hạn cuối giai đoạn “${label}” của ${d.cycleName} là ngày ${formatDateVi(due)} (còn ${left} ngày, tính cả ngày cuối).`,
          link: `/cycles/${d.cycleId}`,
          dedupeKey: key,
          to: [unitWork(units)],
        }),
      );
      if (r.created) created++;
    }
    return created;
  }

  /** Report requests (issue #16 item 5, on the mechanism of #15's Mẫu 01/02): the units that have not
   * sent, reminded and chased by `remind` (the report's writers and approvers; the receiving unit's
   * coordinators after the due day). Returns how many notices were created. */
  async reportReminders(): Promise<number> {
    const [from, to] = this.window();
    const rows = (await repo.unsentReports(this.db, from, to)).map((r) => ({
      ...r,
      subjectId: r.requestId,
      receivingUnitId: r.receivingUnitId ?? r.ownerUnitId,
    }));
    return this.remind(rows, {
      key: 'report',
      overdueKind: 'report_overdue',
      unitMay: ['report.write', 'report.submit'],
      before: (r, left) => ({
        title: `Còn ${left} ngày: hạn gửi “${r.title}”`,
        body: `Hạn gửi “${r.title}” là ngày ${formatDateVi(r.dueOn)} (còn ${left} ngày, tính cả ngày cuối). Báo cáo cần được lãnh đạo đơn vị duyệt trước khi gửi.`,
        link: `/reports/${r.requestId}`,
      }),
      overdue: (r, late) => ({
        title: `Quá hạn chưa gửi báo cáo: ${r.unitName} — “${r.title}”`,
        body: `${r.unitName} chưa gửi “${r.title}”, hạn ngày ${formatDateVi(r.dueOn)} (đã quá ${late} ngày). Báo cáo gửi muộn vẫn được nhận và được ghi nhận gửi muộn.`,
        link: `/reports/${r.requestId}`,
      }),
    });
  }

  /** Tasks of plans (issue #16 item 2): the instances not declared done, reminded and chased by
   * `remind` (the unit's writers; the coordinators of the task's receiving unit after the due day —
   * seed 000: Công an huyện through Đội Tham mưu, seed 004: Phòng Nội vụ). A recurring task has no
   * due day and is not walked. Returns how many notices were created. */
  async taskReminders(): Promise<number> {
    const [from, to] = this.window();
    return this.remind(await repo.undeclaredTasks(this.db, from, to), {
      key: 'task',
      overdueKind: 'task_overdue',
      unitMay: ['plan.write'],
      before: (r, left) => ({
        title: `Còn ${left} ngày: hạn nhiệm vụ của ${r.planNumber}`,
        body: `Nhiệm vụ “${r.content}” (${r.planNumber}) hết hạn ngày ${formatDateVi(r.dueOn)} (còn ${left} ngày, tính cả ngày cuối). Đơn vị cập nhật tiến độ và báo hoàn thành trên hệ thống.`,
        link: `/tasks`,
      }),
      overdue: (r, late) => ({
        title: `Quá hạn nhiệm vụ: ${r.unitName} — ${r.planNumber}`,
        body: `${r.unitName} chưa báo hoàn thành nhiệm vụ “${r.content}” (${r.planNumber}), hạn ngày ${formatDateVi(r.dueOn)} (đã quá ${late} ngày).`,
        link: `/tasks/${r.instanceId}`,
      }),
    });
  }

  /** Every kind of deadline walked the same way: three days and one day before the due day, one
   * reminder per subject (a report request, a task), due day and distance to the units still owing it;
   * the day after the due day, one notice per unit still owing, to the unit and to the coordinators of
   * the receiving unit (who chase it) — within OVERDUE_WINDOW_DAYS of the due day, so that a job that
   * did not run for a while still tells, and deadlines of past years are not announced anew. Never
   * repeated: the dedupe keys name the kind, the subject, the unit and the due day (a due day moved
   * later gives a new notice). */
  /** The due days `remind` acts on (3 days ahead, OVERDUE_WINDOW_DAYS back): what the jobs read. */
  private window(): [string, string] {
    const today = this.today();
    return [addDays(today, -OVERDUE_WINDOW_DAYS), addDays(today, 3)];
  }

  private async remind<T extends PendingDeadline>(rows: T[], w: DeadlineWording<T>): Promise<number> {
    const today = this.today();
    const before = new Map<string, { r: T; left: number; units: string[] }>();
    const overdue: { r: T; late: number }[] = [];
    for (const r of rows) {
      const left = daysLeft(today, r.dueOn);
      if (left === 3 || left === 1) {
        const key = `${w.key}-due:${r.subjectId}:${r.dueOn}:${left}`;
        const g = before.get(key) ?? { r, left, units: [] };
        g.units.push(r.unitId);
        before.set(key, g);
      } else if (left < 0 && -left <= OVERDUE_WINDOW_DAYS) overdue.push({ r, late: -left });
    }
    let created = 0;
    for (const [key, { r, left, units }] of before) {
      const x = await this.db.transaction((tx) =>
        notify(tx, {
          kind: 'deadline',
          unitId: units.length === 1 ? units[0]! : r.ownerUnitId,
          ...w.before(r, left),
          dedupeKey: key,
          to: [{ units, may: w.unitMay }],
        }),
      );
      if (x.created) created++;
    }
    for (const { r, late } of overdue) {
      const x = await this.db.transaction((tx) =>
        notify(tx, {
          kind: w.overdueKind,
          unitId: r.unitId,
          ...w.overdue(r, late),
          dedupeKey: `${w.key}-overdue:${r.subjectId}:${r.unitId}:${r.dueOn}`,
          to: [{ units: [r.unitId], may: w.unitMay }, chasersOf([r.receivingUnitId])],
        }),
      );
      if (x.created) created++;
    }
    return created;
  }

  /** Send what waits in the outbox (when SMTP is configured). Failures stay queued with the error. */
  async sendPending(max = 50): Promise<{ sent: number; failed: number }> {
    if (!this.transport) return { sent: 0, failed: 0 };
    const pending = await repo.pendingMail(this.db, max);
    let sent = 0,
      failed = 0;
    for (const m of pending) {
      try {
        await this.transport.sendMail({ from: this.from, to: m.toAddress, subject: m.subject, text: m.body });
        await repo.markMailSent(this.db, m.id);
        sent++;
      } catch (e) {
        await repo.markMailFailed(this.db, m.id, String((e as Error).message).slice(0, 500));
        failed++;
      }
    }
    return { sent, failed };
  }
}
