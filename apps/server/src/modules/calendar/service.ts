/** One calendar of deadlines (issue #16 item 7): the stages of cycles, the report requests and the
 * survey campaigns' windows and due dates, plans' and tasks' due days, as the reader's rights show them (a cycle to whom manages it
 * or reads one of its units; a request to its requester and receiver, or to a unit asked; a campaign
 * to readers of its owner or of a surveyed unit). The same list as an ICS feed per user, behind a secret
 * URL token that grants the feed only (stored as its SHA-256; a new one replaces the old; revocable). */
import { createHash, randomBytes } from 'node:crypto';
import {
  CALENDAR_KIND_LABELS,
  formatDateVi,
  icsCalendar,
  PLAN_KIND_LABELS,
  STAGE_LABELS,
  type CalendarEvent,
  type PlanKind,
  type Stage,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { addDays, todayVn } from '../../lib/dates.ts';
import { audit } from '../audit/service.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { pathInScope, type Scope } from '../auth/scope.ts';
import { activeGrantsOf, findUserById } from '../auth/service.ts';
import { getUnit } from '../units/service.ts';
import * as repo from './repository.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The default range: a month back, a year ahead. */
const DEFAULT_BACK = 31;
const DEFAULT_AHEAD = 366;

const byDate = (a: CalendarEvent, b: CalendarEvent) =>
  a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'vi');

export class CalendarService {
  constructor(private db: Db) {}

  /** The reader's deadlines in [from, to], optionally only those of a unit of theirs and below. */
  async events(
    actor: Actor,
    q: { unitId?: string | undefined; from?: string | undefined; to?: string | undefined },
  ) {
    const today = todayVn();
    const from = q.from ?? addDays(today, -DEFAULT_BACK);
    const to = q.to ?? addDays(today, DEFAULT_AHEAD);
    if (from > to) throw new AppError('VALIDATION', 'Từ ngày phải trước hoặc bằng đến ngày.');
    let under: string | undefined;
    if (q.unitId) {
      const u = await getUnit(this.db, q.unitId);
      if (!u || !pathInScope(scopeOf(actor, 'unit.read'), u.path)) throw new AppError('NOT_FOUND');
      under = u.path;
    }
    const items = (await this.collect(actor, from, to, under)).sort(byDate);
    return {
      from,
      to,
      items: items.map((e) => ({ ...e, kindLabel: CALENDAR_KIND_LABELS[e.kind] })),
    };
  }

  private async collect(actor: Actor, from: string, to: string, under?: string): Promise<CalendarEvent[]> {
    const within = (path: string) => !under || path.startsWith(under);
    const sees = (scope: Scope, path: string) => pathInScope(scope, path) && within(path);
    const out: CalendarEvent[] = [];

    const readA = scopeOf(actor, 'assessment.read');
    const manage = scopeOf(actor, 'cycle.manage');
    for (const s of await repo.stagesDue(this.db, from, to)) {
      const owned = sees(manage, s.ownerPath);
      const mine = s.members.filter((m) => sees(readA, m.path));
      if (!owned && !mine.length) continue;
      const label = STAGE_LABELS[s.stage as Stage] ?? s.stage;
      out.push({
        uid: `stage-${s.cycleId}-${s.stage}`,
        date: s.dueOn,
        kind: 'stage',
        title: `Hạn cuối giai đoạn ${label.toLocaleLowerCase('vi')} — ${s.cycleName}`,
        detail: `Giai đoạn ${label.toLocaleLowerCase('vi')} hết hạn ngày ${formatDateVi(s.dueOn)} (tính cả ngày này).`,
        units: (owned ? [] : mine).map((m) => m.name),
        link: `/cycles/${s.cycleId}`,
      });
    }

    const readR = scopeOf(actor, 'report.read');
    for (const r of await repo.reportsDue(this.db, from, to)) {
      const requester =
        sees(readR, r.ownerPath) || (r.receivingPath !== null && sees(readR, r.receivingPath));
      const asked = r.units.filter((u) => sees(readR, u.path));
      if (!requester && !asked.length) continue;
      const sent = (requester ? r.units : asked).filter((u) => u.status === 'sent').length;
      const of = requester ? r.units.length : asked.length;
      out.push({
        uid: `report-${r.id}`,
        date: r.dueOn,
        kind: 'report',
        title: `Hạn gửi báo cáo: ${r.title}`,
        detail: requester
          ? `${sent}/${of} đơn vị đã gửi.`
          : asked.map((u) => `${u.name}: ${u.status === 'sent' ? 'đã gửi' : 'chưa gửi'}`).join('; '),
        units: requester ? [] : asked.map((u) => u.name),
        link: `/reports/${r.id}`,
      });
    }

    const readS = scopeOf(actor, 'survey.read');
    for (const c of await repo.campaignsTouching(this.db, from, to)) {
      const owner = sees(readS, c.ownerPath);
      const surveyed = c.units.filter((u) => sees(readS, u.path));
      if (!owner && !surveyed.length) continue;
      const units = owner ? [] : surveyed.map((u) => u.name);
      const link = `/surveys/${c.id}`;
      const dated = [
        ...c.deadlines.map((d) => ({ key: d.key, date: d.dueOn, title: `${d.label} — ${c.name}` })),
        { key: 'closes', date: c.closesOn, title: `Hết thời gian thu phiếu — ${c.name}` },
      ];
      const seen = new Set<string>();
      for (const d of dated) {
        if (d.date < from || d.date > to || seen.has(`${d.date}|${d.title}`)) continue;
        seen.add(`${d.date}|${d.title}`);
        out.push({
          uid: `survey-${c.id}-${d.key}`,
          date: d.date,
          kind: 'survey',
          title: d.title,
          detail: `Đợt khảo sát ${c.code}: thu phiếu từ ${formatDateVi(c.opensOn)} đến hết ${formatDateVi(c.closesOn)}.`,
          units,
          link,
        });
      }
    }

    const readP = scopeOf(actor, 'plan.read');
    for (const p of await repo.plansAsking(this.db, from, to)) {
      const issuer = sees(readP, p.issuerPath);
      const asked = p.units.filter((u) => sees(readP, u.path));
      if (!issuer && !asked.length) continue;
      const rows = issuer ? p.units : asked;
      const kind = PLAN_KIND_LABELS[p.kind as PlanKind] ?? p.kind;
      out.push({
        uid: `plan-${p.id}`,
        date: p.dueOn,
        kind: 'plan',
        title: `Hạn gửi kế hoạch thực hiện ${kind} số ${p.number}`,
        detail: issuer
          ? `${rows.filter((u) => u.sent).length}/${rows.length} đơn vị đã gửi.`
          : rows.map((u) => `${u.name}: ${u.sent ? 'đã gửi' : 'chưa gửi'}`).join('; '),
        units: issuer ? [] : rows.map((u) => u.name),
        link: `/plans/${p.id}`,
      });
    }

    for (const t of await repo.tasksDue(this.db, from, to)) {
      const whole = [t.issuerPath, t.receivingPath, ...t.coordinatorPaths].some((p) => sees(readP, p));
      const mine = t.units.filter((u) => sees(readP, u.path));
      if (!whole && !mine.length) continue;
      const rows = whole ? t.units : mine;
      out.push({
        uid: `task-${t.id}`,
        date: t.dueOn,
        kind: 'task',
        title: `Hạn nhiệm vụ (${t.planNumber}): ${t.content}`,
        detail: whole
          ? `${rows.filter((u) => u.declared).length}/${rows.length} đơn vị đã báo hoàn thành.`
          : rows.map((u) => `${u.name}: ${u.declared ? 'đã báo hoàn thành' : 'chưa hoàn thành'}`).join('; '),
        units: whole ? [] : rows.map((u) => u.name),
        link: `/plans/${t.planId}`,
      });
    }
    return out;
  }

  /** Whether the reader has a feed, and since when (the URL is shown only when made). */
  async feed(actor: Actor) {
    if (!actor.id) throw new AppError('FORBIDDEN');
    const f = await repo.feedOf(this.db, actor.id);
    const active = !!f && !f.revokedAt;
    return { active, createdAt: active ? f.createdAt.toISOString() : null };
  }

  /** A new secret feed URL for the reader; the old one stops working. Audited (without the token). */
  async newFeed(actor: Actor, origin: string) {
    if (!actor.id) throw new AppError('FORBIDDEN');
    const token = randomBytes(24).toString('base64url');
    const userId = actor.id;
    await this.db.transaction(async (tx) => {
      const before = await repo.feedOf(tx, userId);
      await repo.putFeed(tx, userId, hash(token));
      await audit(tx, {
        actorId: userId,
        actorName: actor.name,
        action: 'calendar.feed.create',
        entity: 'user',
        entityId: userId,
        unitId: null,
        before: before && !before.revokedAt ? { active: true } : { active: false },
        after: { active: true },
        reason: null,
      });
    });
    return { ...(await this.feed(actor)), url: `${origin}/ics/${token}` };
  }

  async revokeFeed(actor: Actor) {
    if (!actor.id) throw new AppError('FORBIDDEN');
    const userId = actor.id;
    await this.db.transaction(async (tx) => {
      if (!(await repo.revokeFeed(tx, userId)))
        throw new AppError('NOT_FOUND', 'Chưa có đường dẫn lịch nào đang dùng.');
      await audit(tx, {
        actorId: userId,
        actorName: actor.name,
        action: 'calendar.feed.revoke',
        entity: 'user',
        entityId: userId,
        unitId: null,
        before: { active: true },
        after: { active: false },
        reason: null,
      });
    });
    return this.feed(actor);
  }

  /** GET /ics/:token — the feed of the token's user, with the user's rights of now; null when the token
   * is unknown or revoked, or the user disabled. */
  async ics(token: string, origin: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
    const f = await repo.feedByHash(this.db, hash(token));
    if (!f || f.revokedAt) return null;
    const user = await findUserById(this.db, f.userId);
    if (!user || user.disabled) return null;
    const actor: Actor = { id: user.id, name: user.fullName, grants: await activeGrantsOf(this.db, user.id) };
    const today = todayVn();
    const items = (
      await this.collect(actor, addDays(today, -DEFAULT_AHEAD), addDays(today, 2 * DEFAULT_AHEAD))
    ).sort(byDate);
    return icsCalendar(`Chiso — lịch hạn của ${user.fullName}`, items, { origin, now: new Date() });
  }
}
