/** Notices to units, in the app and by e-mail when SMTP is configured: a stage opens, three days and
 * one day before a deadline, supplementation asked, results published. E-mails go through an
 * outbox in the database, so nothing is lost when SMTP is down: they wait and are retried. */
import { randomUUID } from 'node:crypto';
import { daysLeft, STAGE_LABELS, type Stage } from '@chiso/domain';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, DbOrTx } from '../../db/open.ts';
import {
  cycles,
  cycleStages,
  cycleUnits,
  grants,
  mailOutbox,
  noticeReads,
  notices,
  units,
  users,
} from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { todayVn } from '../../lib/dates.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathColumnInScope } from '../../db/scope.ts';
import { scopeIsEmpty } from '../auth/scope.ts';
import { extensionFor } from '../cycles/repository.ts';

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

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Record notices for units (in the caller's transaction) and queue e-mails to the users holding a
 * grant on each unit who have an address. A notice with a dedupe key already given is skipped. */
export async function notifyUnits(tx: DbOrTx, unitIds: string[], n: NoticeInput): Promise<number> {
  let created = 0;
  for (const unitId of unitIds) {
    const id = randomUUID();
    const r = await tx
      .insert(notices)
      .values({
        id,
        unitId,
        cycleId: n.cycleId ?? null,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        dedupeKey: n.dedupeKey ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: notices.id });
    if (!r.length) continue;
    created++;
    const recipients = await tx
      .selectDistinct({ email: users.email })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .where(and(eq(grants.unitId, unitId), isNull(grants.revokedAt), eq(users.disabled, false)));
    const emails = recipients.map((x) => x.email).filter((e): e is string => !!e && e.includes('@'));
    if (emails.length)
      await tx.insert(mailOutbox).values(
        emails.map((toAddress) => ({
          id: randomUUID(),
          noticeId: id,
          toAddress,
          subject: `[Chiso] ${n.title}`,
          body: mailBody(n.body),
        })),
      );
  }
  return created;
}

const mailBody = (body: string) =>
  `${body}\n\n— Chiso, hệ thống Chỉ số cải cách hành chính (thư tự động, không trả lời).`;

/** Record a notice addressed to one person (shown only in that person's bell; `unitId` says which
 * unit it is about, if any) and queue an e-mail when the person has an address. A notice with a
 * dedupe key already given to this person is skipped. Returns whether a notice was created. */
export async function notifyUser(
  tx: DbOrTx,
  userId: string,
  n: NoticeInput & { unitId?: string | null },
): Promise<boolean> {
  const id = randomUUID();
  const r = await tx
    .insert(notices)
    .values({
      id,
      userId,
      unitId: n.unitId ?? null,
      cycleId: n.cycleId ?? null,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      dedupeKey: n.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notices.id });
  if (!r.length) return false;
  const u = await tx
    .select({ email: users.email, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, userId));
  const email = u[0]?.email;
  if (email && email.includes('@'))
    await tx.insert(mailOutbox).values({
      id: randomUUID(),
      noticeId: id,
      toAddress: email,
      subject: `[Chiso] ${n.title}`,
      body: mailBody(n.body),
    });
  return true;
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
    const scope = scopeOf(actor, 'assessment.read');
    const me = actor.id ?? '00000000-0000-0000-0000-000000000000';
    const toUnits = scopeIsEmpty(scope)
      ? sql`false`
      : and(isNull(notices.userId), pathColumnInScope(units.path, scope));
    const rows = await this.db
      .select({ n: notices, unitName: units.name, readAt: noticeReads.readAt })
      .from(notices)
      .leftJoin(units, eq(units.id, notices.unitId))
      .leftJoin(noticeReads, and(eq(noticeReads.noticeId, notices.id), eq(noticeReads.userId, me)))
      .where(or(eq(notices.userId, me), toUnits))
      .orderBy(desc(notices.createdAt))
      .limit(limit);
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
    await this.db.insert(noticeReads).values({ noticeId: id, userId: actor.id! }).onConflictDoNothing();
    return this.list(actor);
  }

  /** Three days and one day before each open stage's deadline (a unit's extension counts): one
   * notice per unit, stage, due date and distance, never repeated. Returns how many were created. */
  async deadlineReminders(): Promise<number> {
    const today = this.today();
    const open = await this.db
      .select({ s: cycleStages, c: cycles })
      .from(cycleStages)
      .innerJoin(cycles, eq(cycles.id, cycleStages.cycleId))
      .where(and(eq(cycleStages.state, 'open'), eq(cycles.status, 'open')));
    let created = 0;
    for (const { s, c } of open) {
      const members = await this.db
        .select({ unitId: cycleUnits.unitId })
        .from(cycleUnits)
        .where(eq(cycleUnits.cycleId, c.id));
      for (const m of members) {
        const ext = await extensionFor(this.db, c.id, s.stage, m.unitId);
        const due = ext?.dueOn && ext.dueOn > s.dueOn ? ext.dueOn : s.dueOn;
        const left = daysLeft(today, due);
        if (left !== 3 && left !== 1) continue;
        const label = STAGE_LABELS[s.stage as Stage];
        created += await this.db.transaction((tx) =>
          notifyUnits(tx, [m.unitId], {
            kind: 'deadline',
            cycleId: c.id,
            title: `Còn ${left} ngày: hạn "${label}" — ${c.name}`,
            body: `Hạn cuối giai đoạn "${label}" của ${c.name} là ngày ${dmy(due)} (còn ${left} ngày, tính cả ngày cuối).`,
            link: `/cycles/${c.id}`,
            dedupeKey: `deadline:${c.id}:${s.stage}:${due}:${left}`,
          }),
        );
      }
    }
    return created;
  }

  /** Send what waits in the outbox (when SMTP is configured). Failures stay queued with the error. */
  async sendPending(max = 50): Promise<{ sent: number; failed: number }> {
    if (!this.transport) return { sent: 0, failed: 0 };
    const pending = await this.db
      .select()
      .from(mailOutbox)
      .where(and(inArray(mailOutbox.status, ['pending', 'failed']), lt(mailOutbox.attempts, 10)))
      .orderBy(mailOutbox.createdAt)
      .limit(max);
    let sent = 0,
      failed = 0;
    for (const m of pending) {
      try {
        await this.transport.sendMail({ from: this.from, to: m.toAddress, subject: m.subject, text: m.body });
        await this.db
          .update(mailOutbox)
          .set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1` })
          .where(eq(mailOutbox.id, m.id));
        sent++;
      } catch (e) {
        await this.db
          .update(mailOutbox)
          .set({
            status: 'failed',
            lastError: String((e as Error).message).slice(0, 500),
            attempts: sql`${mailOutbox.attempts} + 1`,
          })
          .where(eq(mailOutbox.id, m.id));
        failed++;
      }
    }
    return { sent, failed };
  }
}
