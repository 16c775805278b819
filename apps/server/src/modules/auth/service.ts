import { createHash, randomBytes } from 'node:crypto';
import { formatDateTimeVi } from '@chiso/domain';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import type { Actor } from './actor.ts';
import { notify } from '../notices/service.ts';
import { dummyVerify, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';

/** What other modules may read of accounts and sessions (they do not reach into this module's
 * repository): a user by id or name, a user's active grants (to act as them), ending a user's
 * sessions in the caller's transaction. */
export { activeGrantsOf, deleteSessionsOfUser, findUserById, findUserByUsername } from './repository.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
  actor: Actor;
  user: NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
  /** When the session ends unless used again. */
  expiresAt: Date;
  /** The lifetime was extended by this request: the cookie is sent again. */
  renewed: boolean;
}

/** Per-IP login throttle (in memory: it protects one process; lock-out per account lives in the database). */
export class LoginThrottle {
  private hits = new Map<string, number[]>();
  constructor(private perMinute: number) {}
  allow(ip: string, now = Date.now()): boolean {
    const recent = (this.hits.get(ip) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.hits.set(ip, recent);
    if (this.hits.size > 10_000) this.hits.clear();
    return recent.length <= this.perMinute;
  }
}

export class AuthService {
  readonly throttle: LoginThrottle;
  constructor(
    private db: Db,
    private config: Config,
  ) {
    this.throttle = new LoginThrottle(config.loginRatePerMinute);
  }

  /** Sign in. A wrong password, an unknown name, an account locked for this address and a disabled
   * account with the right password all get the same 401 after one password verification each, so
   * neither the answer nor its time tells them apart. Failures are counted per account and client
   * address: after LOGIN_MAX_FAILURES the account is locked for that address only (nobody can lock
   * someone out from elsewhere), the owner is told by a notice (and e-mail) and the lock is audited. */
  async login(
    username: string,
    password: string,
    ip: string,
  ): Promise<{ token: string; session: SessionInfo; expiresAt: Date }> {
    if (!this.throttle.allow(ip)) throw new AppError('TOO_MANY_REQUESTS');
    const name = username.trim().toLowerCase();
    const now = new Date();
    const user = await repo.findUserByUsername(this.db, name);
    const locked = await this.isLocked(name, addressKey(ip), now, user);
    if (!user || locked) {
      await dummyVerify(password);
      if (!locked) await this.countFailure(name, addressKey(ip), now, null);
      throw new AppError('BAD_CREDENTIALS');
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.countFailure(name, addressKey(ip), now, user);
      throw new AppError('BAD_CREDENTIALS');
    }
    if (user.disabled) throw new AppError('BAD_CREDENTIALS');
    await repo.clearLoginFailure(this.db, name, addressKey(ip));
    await repo.purgeStaleLoginFailures(this.db, now);
    await repo.purgeExpiredSessions(this.db, now);
    const token = newToken();
    const tokenHash = sha256(token);
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionHours * 3600_000);
    await repo.insertSession(this.db, { tokenHash, userId: user.id, csrfToken, createdAt: now, expiresAt });
    const grants = await repo.activeGrantsOf(this.db, user.id);
    return {
      token,
      expiresAt,
      session: {
        tokenHash,
        csrfToken,
        user,
        actor: { id: user.id, name: user.fullName, grants },
        expiresAt,
        renewed: false,
      },
    };
  }

  /** Locked out: this address (its /64 for IPv6) after LOGIN_MAX_FAILURES wrong passwords, or every
   * address once ACCOUNT_LOCK_ADDRESSES different addresses are locked out of the account (a
   * guessing attack spread over many addresses). A lock counts while the account shows one: an
   * administrator's reset (users.locked_until cleared) lifts the locks of every address. */
  private async isLocked(
    name: string,
    address: string,
    now: Date,
    user: Awaited<ReturnType<typeof repo.findUserByUsername>> | undefined,
  ): Promise<boolean> {
    if (user && user.lockedUntil === null) return false;
    if ((await repo.loginLockedUntil(this.db, name, address, now)) !== null) return true;
    return (await repo.lockedAddresses(this.db, name, now)) >= ACCOUNT_LOCK_ADDRESSES;
  }

  private async countFailure(
    username: string,
    address: string,
    now: Date,
    user: Awaited<ReturnType<typeof repo.findUserByUsername>> | null,
  ) {
    const lockUntil = new Date(now.getTime() + this.config.lockoutMinutes * 60_000);
    await this.db.transaction(async (tx) => {
      const lockedNow = await repo.recordLoginFailure(
        tx,
        username,
        address,
        this.config.loginMaxFailures,
        lockUntil,
        now,
      );
      if (!lockedNow || !user) return;
      await repo.markUserLocked(tx, user.id, lockUntil);
      await audit(tx, {
        actorId: null,
        actorName: 'Hệ thống',
        action: 'user.locked',
        entity: 'user',
        entityId: user.id,
        after: { username: user.username, address, lockedUntil: lockUntil.toISOString() },
        reason: `Đăng nhập sai ${this.config.loginMaxFailures} lần liên tiếp từ địa chỉ ${address}`,
      });
      await notify(tx, {
        kind: 'account_locked',
        unitId: null,
        to: [{ people: [{ userId: user.id, unitId: null }] }],
        title: 'Tài khoản của bạn bị tạm khóa đăng nhập',
        body:
          `Có ${this.config.loginMaxFailures} lần đăng nhập sai liên tiếp vào tài khoản “${user.username}” ` +
          `từ địa chỉ ${address} (lần cuối lúc ${timeVn(now)}). Đăng nhập từ địa chỉ này bị tạm khóa đến ` +
          `${timeVn(lockUntil)}. Nếu không phải bạn, hãy báo quản trị hệ thống và đổi mật khẩu.`,
        dedupeKey: `account_locked:${address}:${lockUntil.toISOString()}:${user.id}`,
      });
    });
  }

  /** The session behind a cookie token, or null when absent, expired (idle or past its absolute
   * lifetime) or the user is disabled. Used at most every five minutes, it is renewed for
   * SESSION_HOURS, never beyond SESSION_MAX_HOURS after sign-in (`renewed` tells the caller to
   * send the cookie again with the new lifetime). */
  async session(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = sha256(token);
    const now = new Date();
    const s = await repo.findSession(this.db, tokenHash, now);
    if (!s) return null;
    const absoluteEnd = s.createdAt.getTime() + this.config.sessionMaxHours * 3600_000;
    if (now.getTime() >= absoluteEnd) {
      await repo.deleteSession(this.db, tokenHash);
      return null;
    }
    const user = await repo.findUserById(this.db, s.userId);
    if (!user || user.disabled) return null;
    let expiresAt = s.expiresAt;
    let renewed = false;
    if (now.getTime() - s.lastSeenAt.getTime() > 5 * 60_000) {
      const next = new Date(Math.min(now.getTime() + this.config.sessionHours * 3600_000, absoluteEnd));
      if (next > expiresAt) {
        expiresAt = next;
        renewed = true;
      }
      await repo.touchSession(this.db, tokenHash, now, expiresAt);
    }
    const grants = await repo.activeGrantsOf(this.db, user.id);
    return {
      tokenHash,
      csrfToken: s.csrfToken,
      user,
      actor: { id: user.id, name: user.fullName, grants },
      expiresAt,
      renewed,
    };
  }

  async logout(tokenHash: string): Promise<void> {
    await repo.deleteSession(this.db, tokenHash);
  }

  /** A user's own password change. Wrong current passwords count as failed logins of the account from
   * this address (a session is no licence to guess the password at hashing speed). */
  async changePassword(session: SessionInfo, current: string, next: string, ip: string): Promise<void> {
    const now = new Date();
    const name = session.user.username;
    if (await this.isLocked(name, addressKey(ip), now, session.user)) throw new AppError('TOO_MANY_REQUESTS');
    if (!(await verifyPassword(session.user.passwordHash, current))) {
      await this.countFailure(name, addressKey(ip), now, session.user);
      throw new AppError('PASSWORD_WRONG');
    }
    if (next === current) throw new AppError('PASSWORD_WEAK', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
    const why = passwordProblem(next, { username: session.user.username, fullName: session.user.fullName });
    if (why) throw new AppError('PASSWORD_WEAK', why);
    const h = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await repo.setPassword(tx, session.user.id, h, false);
      await repo.deleteSessionsOfUser(tx, session.user.id, session.tokenHash);
      await audit(tx, {
        actorId: session.user.id,
        actorName: session.user.fullName,
        action: 'user.password_changed',
        entity: 'user',
        entityId: session.user.id,
        after: { username: session.user.username },
      });
    });
  }
}

/** Different addresses locked out of one account that lock it for every address. */
const ACCOUNT_LOCK_ADDRESSES = 10;

/** The address failures are counted by: an IPv4 address as it is (IPv4-mapped IPv6 too), an IPv6
 * address by its /64 (one subscriber's whole network, which hands out addresses freely). */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t]
    : h;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || '0').toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** "14:05 ngày 03/02/2026" in Vietnam's time. */
function timeVn(at: Date): string {
  const [time, date] = formatDateTimeVi(at).split(' ');
  return `${time} ngày ${date}`;
}
