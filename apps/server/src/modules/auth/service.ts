import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { appendAudit } from '../audit/repository.ts';
import type { Actor } from './actor.ts';
import { dummyVerify, hashPassword, passwordStrongEnough, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';
import { listDemoAccounts, readInstallation } from '../system/demoRepository.ts';
import { grantsWithUnits } from '../users/repository.ts';
import { grantDto } from '../users/service.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
  actor: Actor;
  user: NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
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

  async login(
    username: string,
    password: string,
    ip: string,
  ): Promise<{ token: string; session: SessionInfo }> {
    if (!this.throttle.allow(ip)) throw new AppError('TOO_MANY_REQUESTS');
    const user = await repo.findUserByUsername(this.db, username.trim().toLowerCase());
    const now = new Date();
    if (!user) {
      await dummyVerify(password);
      throw new AppError('BAD_CREDENTIALS');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new AppError('ACCOUNT_LOCKED', `${AppErrorMessageLocked(user.lockedUntil)}`);
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (!ok) {
      const lockUntil = new Date(now.getTime() + this.config.lockoutMinutes * 60_000);
      await this.db.transaction(async (tx) => {
        const lockedUntil = await repo.recordFailedLogin(
          tx,
          user.id,
          this.config.loginMaxFailures,
          lockUntil,
        );
        if (lockedUntil && lockedUntil > now) {
          await appendAudit(tx, {
            actorId: null,
            actorName: 'Hệ thống',
            action: 'user.locked',
            entity: 'user',
            entityId: user.id,
            after: { username: user.username, lockedUntil: lockedUntil.toISOString() },
            reason: `Đăng nhập sai ${this.config.loginMaxFailures} lần liên tiếp`,
          });
        }
      });
      throw new AppError('BAD_CREDENTIALS');
    }
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
    await repo.recordSuccessfulLogin(this.db, user.id);
    await repo.purgeExpiredSessions(this.db, now);
    const token = newToken();
    const tokenHash = sha256(token);
    const csrfToken = newToken();
    await repo.insertSession(this.db, {
      tokenHash,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + this.config.sessionHours * 3600_000),
    });
    const grants = await repo.activeGrantsOf(this.db, user.id);
    return {
      token,
      session: { tokenHash, csrfToken, user, actor: { id: user.id, name: user.fullName, grants } },
    };
  }

  /** The session behind a cookie token, or null when absent, expired or the user is disabled. */
  async session(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = sha256(token);
    const now = new Date();
    const s = await repo.findSession(this.db, tokenHash, now);
    if (!s) return null;
    const user = await repo.findUserById(this.db, s.userId);
    if (!user || user.disabled) return null;
    if (now.getTime() - s.lastSeenAt.getTime() > 5 * 60_000) {
      await repo.touchSession(
        this.db,
        tokenHash,
        now,
        new Date(now.getTime() + this.config.sessionHours * 3600_000),
      );
    }
    const grants = await repo.activeGrantsOf(this.db, user.id);
    return { tokenHash, csrfToken: s.csrfToken, user, actor: { id: user.id, name: user.fullName, grants } };
  }

  async me(session: SessionInfo) {
    return {
      id: session.user.id,
      username: session.user.username,
      fullName: session.user.fullName,
      mustChangePassword: session.user.mustChangePassword,
      passwordReset: session.user.passwordResetAt
        ? {
            at: session.user.passwordResetAt.toISOString(),
            byName: session.user.passwordResetByName ?? '',
          }
        : null,
      grants: (await grantsWithUnits(this.db, { userIds: [session.user.id] })).map(grantDto),
    };
  }

  /** The demo accounts of a demo installation (null on a real one, whatever the configuration
   * says), with their passwords only when `withPasswords`. */
  async demoAccounts(withPasswords: boolean) {
    if ((await readInstallation(this.db))?.mode !== 'demo') return null;
    return (await listDemoAccounts(this.db)).map(({ password, ...a }) =>
      withPasswords ? { ...a, password } : a,
    );
  }

  async logout(tokenHash: string): Promise<void> {
    await repo.deleteSession(this.db, tokenHash);
  }

  async changePassword(session: SessionInfo, current: string, next: string): Promise<void> {
    if (!(await verifyPassword(session.user.passwordHash, current))) throw new AppError('PASSWORD_WRONG');
    if (!passwordStrongEnough(next) || next === current) throw new AppError('PASSWORD_WEAK');
    const h = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await repo.setPassword(tx, session.user.id, h, false);
      await repo.deleteSessionsOfUser(tx, session.user.id, session.tokenHash);
      await appendAudit(tx, {
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

function AppErrorMessageLocked(until: Date): string {
  const t = until.toLocaleTimeString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${t}.`;
}
