/** Notices to units, in the app and by e-mail when SMTP is configured: a stage opens, three days and
 * one day before a deadline, supplementation asked, results published. E-mails go through an
 * outbox in the database, so nothing is lost when SMTP is down: they wait and are retried. */
import { daysLeft, formatDateVi, STAGE_LABELS, type Stage } from '@chiso/domain';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import * as repo from './repository.ts';

export interface NoticeInput {
  kind:
    | 'stage_open'
    | 'deadline'
    | 'supplement'
    | 'published'
    | 'approved'
    | 'sent_back'
    | 'account_locked'
    | 'password_reset';
  title: string;
  body: string;
  link?: string | null;
  cycleId?: string | null;
  dedupeKey?: string | null;
}

const row = (n: NoticeInput): repo.NoticeRow => ({
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link ?? null,
  cycleId: n.cycleId ?? null,
  dedupeKey: n.dedupeKey ?? null,
});

const mail = (n: NoticeInput): repo.MailText => ({
  subject: `[Chiso] ${n.title}`,
  body: `${n.body}\n\n— Chiso, hệ thống Chỉ số cải cách hành chính (thư tự động, không trả lời).`,
});

/** Record notices for units (in the caller's transaction) and queue e-mails to the users holding a
 * grant on each unit who have an address. A notice with a dedupe key already given is skipped.
 * Returns how many notices were created. */
export function notifyUnits(tx: DbOrTx, unitIds: string[], n: NoticeInput): Promise<number> {
  return repo.insertUnitNotices(tx, unitIds, row(n), mail(n));
}

/** Record a notice addressed to one person (shown only in that person's bell; `unitId` says which
 * unit it is about, if any) and queue an e-mail when the person has an address. A notice with a
 * dedupe key already given to this person is skipped. Returns whether a notice was created. */
export function notifyUser(
  tx: DbOrTx,
  userId: string,
  n: NoticeInput & { unitId?: string | null },
): Promise<boolean> {
  return repo.insertUserNotice(tx, userId, n.unitId ?? null, row(n), mail(n));
}

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

  /** Notices of the units the reader covers and those addressed to the reader, newest first, with
   * what the reader has read. A notice addressed to someone else is never listed. */
  async list(actor: Actor, limit = 50) {
    const me = actor.id ?? '00000000-0000-0000-0000-000000000000';
    const rows = await repo.listNotices(this.db, scopeOf(actor, 'assessment.read'), me, limit);
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
      unread: rows.filter((r) => !r.readAt).length,
    };
  }

  async markRead(actor: Actor, id: string) {
    const mine = await this.list(actor, 500);
    if (!mine.items.some((n) => n.id === id)) throw new AppError('NOT_FOUND');
    await repo.markRead(this.db, id, actor.id!);
    return this.list(actor);
  }

  /** Three days and one day before each open stage's deadline (a unit's extension counts): one
   * notice per unit, stage, due date and distance, never repeated. Returns how many were created. */
  async deadlineReminders(): Promise<number> {
    const today = this.today();
    let created = 0;
    for (const d of await repo.openDeadlines(this.db)) {
      const due = d.extendedTo && d.extendedTo > d.dueOn ? d.extendedTo : d.dueOn;
      const left = daysLeft(today, due);
      if (left !== 3 && left !== 1) continue;
      const label = STAGE_LABELS[d.stage as Stage];
      created += await this.db.transaction((tx) =>
        notifyUnits(tx, [d.unitId], {
          kind: 'deadline',
          cycleId: d.cycleId,
          title: `Còn ${left} ngày: hạn “${label}” — ${d.cycleName}`,
          body: `Hạn cuối giai đoạn “${label}” của ${d.cycleName} là ngày ${formatDateVi(due)} (còn ${left} ngày, tính cả ngày cuối).`,
          link: `/cycles/${d.cycleId}`,
          dedupeKey: `deadline:${d.cycleId}:${d.stage}:${due}:${left}`,
        }),
      );
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
