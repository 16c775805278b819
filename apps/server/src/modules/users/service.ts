import { randomUUID } from 'node:crypto';
import type { CapabilitiesT } from '@chiso/contracts';
import { ACTIONS, grantableRoles, roleAllows, searchKey, type Role } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../audit/service.ts';
import { requireInScope, scopeOf, SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { isRole, pathInScope, scopeIsEmpty } from '../auth/scope.ts';
import { deleteSessionsOfUser, type SessionInfo } from '../auth/service.ts';
import { notifyEmailChange, notifyReset } from './resetNotice.ts';
import { getUnit, lineageOf } from '../units/service.ts';
import * as repo from './repository.ts';

/** What other modules may read of users (they do not reach into this module's repository). */
export { countEnabledSystemAdmins, countUsers, getUserByUsername, usersByUsernames } from './repository.ts';
export type { UserRow } from './repository.ts';

type GrantJoined = Awaited<ReturnType<typeof repo.grantsWithUnits>>[number];

export function grantDto(g: GrantJoined) {
  return {
    id: g.grant.id,
    userId: g.grant.userId,
    role: isRole(g.grant.role) ? g.grant.role : ('unit_officer' as Role),
    unitId: g.grant.unitId,
    unitName: g.grant.unitId ? (g.unitName ?? '?') : 'Toàn hệ thống',
    unitClosed: g.unitValidTo !== null && g.unitValidTo !== undefined,
    createdAt: g.grant.createdAt.toISOString(),
  };
}

/** What a user may do, per action of the role matrix: over the whole system, or on the units of
 * its grants and below (the web app shows only what the server would allow; the server still
 * checks every request). */
export function capabilitiesOf(gs: GrantJoined[]): CapabilitiesT {
  const out: CapabilitiesT = {};
  for (const action of ACTIONS) {
    const holding = gs.filter((g) => isRole(g.grant.role) && roleAllows(g.grant.role, action));
    if (!holding.length) continue;
    out[action] = {
      all: holding.some((g) => g.grant.unitId === null),
      unitIds: [...new Set(holding.flatMap((g) => (g.grant.unitId ? [g.grant.unitId] : [])))],
    };
  }
  return out;
}

const userSnap = (u: repo.UserRow) => ({
  username: u.username,
  fullName: u.fullName,
  email: u.email,
  disabled: u.disabled,
});

export interface AdminOptions {
  fullName?: string;
  mustChangePassword?: boolean;
  /** Audit reason of the user's creation. */
  reason?: string;
}

/** Inside a transaction: a system administrator (a user with a system-wide administrator grant),
 * both audited as made by the system. Used by the first start, the conversion of a demo and the
 * `create-admin` command. */
export async function insertSystemAdmin(
  tx: DbOrTx,
  a: { username: string; passwordHash: string },
  opts: AdminOptions = {},
): Promise<string> {
  const fullName = opts.fullName ?? 'Quản trị hệ thống';
  if (await repo.getUserByUsername(tx, a.username))
    throw new Error(`Tên đăng nhập "${a.username}" đã tồn tại.`);
  const id = randomUUID();
  await repo.insertUser(tx, {
    id,
    username: a.username,
    fullName,
    passwordHash: a.passwordHash,
    mustChangePassword: opts.mustChangePassword ?? true,
    searchKey: searchKey(`${a.username} ${fullName}`),
  });
  const g = await repo.insertGrant(tx, {
    id: randomUUID(),
    userId: id,
    role: 'administrator',
    unitId: null,
    createdBy: null,
  });
  await audit(tx, {
    actorId: null,
    actorName: SYSTEM_ACTOR.name,
    action: 'user.create',
    entity: 'user',
    entityId: id,
    after: { username: a.username, fullName },
    reason: opts.reason ?? 'Tạo quản trị hệ thống đầu tiên',
  });
  await audit(tx, {
    actorId: null,
    actorName: SYSTEM_ACTOR.name,
    action: 'grant.create',
    entity: 'grant',
    entityId: g.id,
    after: { userId: id, role: 'administrator', unitId: null },
  });
  return id;
}

/** Inside a transaction: disable an account and end its sessions (the caller audits why). */
export async function disableUser(tx: DbOrTx, userId: string): Promise<void> {
  await repo.updateUser(tx, userId, { disabled: true });
  await deleteSessionsOfUser(tx, userId);
}

export class UserService {
  constructor(private db: Db) {}

  /** The signed-in user as the session answer shows them, with every active grant. */
  async me(user: SessionInfo['user']) {
    const grants = await repo.grantsWithUnits(this.db, { userIds: [user.id] });
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      mustChangePassword: user.mustChangePassword,
      passwordReset: user.passwordResetAt
        ? { at: user.passwordResetAt.toISOString(), byName: user.passwordResetByName ?? '' }
        : null,
      grants: grants.map(grantDto),
      capabilities: capabilitiesOf(grants),
    };
  }

  /** Users as a reader sees them: only the grants on units the reader's scope covers (a user's
   * rights elsewhere are not the reader's business). */
  private async dto(db: DbOrTx, users: repo.UserRow[], reader?: Actor) {
    const scope = reader ? scopeOf(reader, 'user.read') : { all: true, paths: [] };
    const gs = (await repo.grantsWithUnits(db, { userIds: users.map((u) => u.id) })).filter(
      (g) => scope.all || (g.grant.unitId !== null && pathInScope(scope, g.unitPath ?? '')),
    );
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.fullName,
      email: u.email,
      disabled: u.disabled,
      lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
      createdAt: u.createdAt.toISOString(),
      grants: gs.filter((g) => g.grant.userId === u.id).map(grantDto),
    }));
  }

  async list(actor: Actor, opts: { unitId?: string | undefined; q?: string | undefined }) {
    const scope = scopeOf(actor, 'user.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    if (opts.unitId) {
      const u = await getUnit(this.db, opts.unitId);
      if (!u) throw new AppError('UNIT_NOT_FOUND');
      requireInScope(actor, 'user.read', u.path);
    }
    const rows = await repo.listUsers(this.db, {
      paths: scope.all ? null : scope.paths,
      unitId: opts.unitId,
      q: opts.q ? searchKey(opts.q) : undefined,
    });
    return this.dto(this.db, rows, actor);
  }

  /** A user may be managed only by someone whose scope covers every one of the user's active grants. */
  private async requireManage(db: DbOrTx, actor: Actor, userId: string) {
    const user = await repo.getUser(db, userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const scope = scopeOf(actor, 'user.write');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    if (scope.all) return user;
    const gs = await repo.grantsWithUnits(db, { userIds: [userId] });
    if (gs.length === 0 || gs.some((g) => !g.grant.unitId || !pathInScope(scope, g.unitPath ?? '')))
      throw new AppError(
        'FORBIDDEN_UNIT',
        'Người dùng này có quyền ngoài phạm vi đơn vị của bạn; chỉ cấp trên mới sửa được.',
      );
    return user;
  }

  /** Rights are given only to one's own users: every active grant of the user lies within the
   * granter's scope, or the user has none and was made within it (its first grant was there).
   * Otherwise a coordinator could pull another tree's user into its units, and that user's own
   * coordinator could no longer manage them. The user is reported as not found, unnamed. */
  private async requireOwnUser(db: DbOrTx, actor: Actor, userId: string) {
    if (actor.system) return;
    const scope = scopeOf(actor, 'grant.write');
    if (scope.all) return;
    const all = await repo.grantsWithUnits(db, { userIds: [userId], activeOnly: false });
    const active = all.filter((g) => g.grant.revokedAt === null);
    const within = (g: (typeof all)[number]) =>
      g.grant.unitId !== null && pathInScope(scope, g.unitPath ?? '');
    const ok = active.length ? active.every(within) : !!all[0] && within(all[0]);
    if (!ok)
      throw new AppError(
        'FORBIDDEN_UNIT',
        'Chỉ phân quyền cho người dùng thuộc phạm vi đơn vị của bạn; người dùng này do đơn vị khác quản lý.',
      );
  }

  private async requireGrantable(db: DbOrTx, actor: Actor, role: Role, unitId: string | null) {
    if (actor.system) return null;
    if (unitId === null) {
      if (!scopeOf(actor, 'grant.write').all || role !== 'administrator')
        throw new AppError(
          'ROLE_NOT_GRANTABLE',
          'Chỉ quản trị hệ thống được cấp quyền trên toàn hệ thống, và chỉ cho vai trò quản trị.',
        );
      return null;
    }
    const unit = await getUnit(db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'grant.write', unit.path);
    const ok = actor.grants.some(
      (g) => (g.unitId === null || unit.path.startsWith(g.unitPath)) && grantableRoles(g.role).includes(role),
    );
    if (!ok) throw new AppError('ROLE_NOT_GRANTABLE');
    return unit;
  }

  async create(
    actor: Actor,
    input: {
      username: string;
      fullName: string;
      email?: string | null | undefined;
      password: string;
      role: Role;
      unitId: string;
    },
    opts: { mustChangePassword?: boolean } = {},
  ) {
    // the scope first: an out-of-scope request learns nothing from the password's check
    const target = await getUnit(this.db, input.unitId);
    if (!target) throw new AppError('UNIT_NOT_FOUND');
    requireInScope(actor, 'user.write', target.path);
    const why = passwordProblem(input.password, { username: input.username, fullName: input.fullName });
    if (why) throw new AppError('PASSWORD_WEAK', why);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const unit = await getUnit(tx, input.unitId);
      if (!unit) throw new AppError('UNIT_NOT_FOUND');
      requireInScope(actor, 'user.write', unit.path);
      await this.requireGrantable(tx, actor, input.role, input.unitId);
      const username = input.username.toLowerCase();
      if (await repo.getUserByUsername(tx, username)) throw new AppError('USERNAME_TAKEN');
      const user = await repo.insertUser(tx, {
        id: randomUUID(),
        username,
        fullName: input.fullName,
        email: input.email ?? null,
        passwordHash,
        mustChangePassword: opts.mustChangePassword ?? true,
        searchKey: searchKey(`${username} ${input.fullName} ${input.email ?? ''}`),
      });
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        unitId: unit.id,
        after: userSnap(user),
      });
      await this.grantIn(tx, actor, user.id, input.role, unit.id, null);
      return (await this.dto(tx, [user], actor))[0]!;
    });
  }

  async update(
    actor: Actor,
    id: string,
    input: {
      fullName?: string | undefined;
      email?: string | null | undefined;
      disabled?: boolean | undefined;
      /** Someone else's password (a reset); one's own changes at /api/auth/password. */
      newPassword?: string | undefined;
      reason?: string | undefined;
    },
  ) {
    const own = actor.id === id;
    if (input.newPassword !== undefined) {
      // the scope first: an out-of-scope request learns nothing from the password's check
      const target = await this.requireManage(this.db, actor, id);
      // one's own password changes in one place, with the current one and its throttling
      if (own)
        throw new AppError(
          'VALIDATION',
          'Đổi mật khẩu của chính bạn ở mục “Đổi mật khẩu” (cần nhập mật khẩu hiện tại).',
        );
      const why = passwordProblem(input.newPassword, {
        username: target.username,
        fullName: input.fullName ?? target.fullName,
      });
      if (why) throw new AppError('PASSWORD_WEAK', why);
    }
    const passwordHash = input.newPassword !== undefined ? await hashPassword(input.newPassword) : undefined;
    return this.db.transaction(async (tx) => {
      const before = await this.requireManage(tx, actor, id);
      if (input.disabled === true && own)
        throw new AppError('FORBIDDEN', 'Bạn không thể tự vô hiệu hóa tài khoản của mình.');
      const fullName = input.fullName ?? before.fullName;
      const email = input.email === undefined ? before.email : input.email;
      const now = new Date();
      // a password set by someone else: the user must change it, is told who set it, and so is
      // the head of the user's unit (an account taken over never goes unnoticed)
      const reset = !!passwordHash && !own;
      if (reset && email !== before.email)
        throw new AppError(
          'VALIDATION',
          'Không đổi địa chỉ thư điện tử cùng lúc với đặt lại mật khẩu: người dùng được báo việc đặt lại vào địa chỉ đang có.',
        );
      if (!own && email !== before.email) {
        const unit = (await repo.grantsWithUnits(tx, { userIds: [id] })).find((g) => g.grant.unitId);
        await notifyEmailChange(tx, actor, before, email, unit?.grant.unitId ?? null);
      }
      const after = await repo.updateUser(tx, id, {
        fullName,
        email,
        disabled: input.disabled ?? before.disabled,
        searchKey: searchKey(`${before.username} ${fullName} ${email ?? ''}`),
        ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
        ...(reset
          ? { mustChangePassword: true, passwordResetAt: now, passwordResetByName: actor.name }
          : passwordHash
            ? { mustChangePassword: false, passwordResetAt: null, passwordResetByName: null }
            : {}),
      });
      if (passwordHash || after.disabled) await deleteSessionsOfUser(tx, id);
      const userGrants = await repo.grantsWithUnits(tx, { userIds: [id] });
      const firstGrant = userGrants[0];
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: reset ? 'user.update_password_reset' : passwordHash ? 'user.password_changed' : 'user.update',
        entity: 'user',
        entityId: id,
        unitId: firstGrant?.grant.unitId ?? null,
        before: userSnap(before),
        after: { ...userSnap(after), ...(reset ? { passwordReset: true } : {}) },
        reason: input.reason ?? null,
      });
      if (reset) await notifyReset(tx, actor, before, userGrants, now, input.reason ?? null);
      return (await this.dto(tx, [after], actor))[0]!;
    });
  }

  private async grantIn(
    tx: DbOrTx,
    actor: Actor,
    userId: string,
    role: Role,
    unitId: string | null,
    reason: string | null,
    carriedFrom?: string,
  ) {
    const existing = await repo.grantsWithUnits(tx, { userIds: [userId] });
    if (existing.some((g) => g.grant.role === role && g.grant.unitId === unitId))
      throw new AppError('GRANT_EXISTS');
    const g = await repo.insertGrant(tx, {
      id: randomUUID(),
      userId,
      role,
      unitId,
      createdBy: actor.id,
      carriedFrom: carriedFrom ?? null,
    });
    await audit(tx, {
      actorId: actor.id,
      actorName: actor.name,
      action: carriedFrom ? 'grant.carry' : 'grant.create',
      entity: 'grant',
      entityId: g.id,
      unitId,
      after: { userId, role, unitId, carriedFrom: carriedFrom ?? null },
      reason,
    });
    return g;
  }

  async grant(
    actor: Actor,
    input: { userId: string; role: Role; unitId: string | null; reason?: string | undefined },
  ) {
    return this.db.transaction(async (tx) => {
      if (!(await repo.getUser(tx, input.userId))) throw new AppError('USER_NOT_FOUND');
      // no one widens their own rights (e.g. a province coordinator taking a district's role to
      // approve in its place): another person with the right grants them
      if (!actor.system && input.userId === actor.id)
        throw new AppError(
          'ROLE_NOT_GRANTABLE',
          'Không tự cấp quyền cho chính mình; đề nghị người có thẩm quyền khác cấp.',
        );
      await this.requireGrantable(tx, actor, input.role, input.unitId);
      await this.requireOwnUser(tx, actor, input.userId);
      const g = await this.grantIn(tx, actor, input.userId, input.role, input.unitId, input.reason ?? null);
      return grantDto((await repo.grantsWithUnits(tx, { ids: [g.id] }))[0]!);
    });
  }

  async revoke(actor: Actor, id: string, reason: string) {
    await this.db.transaction(async (tx) => {
      const g = (await repo.grantsWithUnits(tx, { ids: [id] }))[0];
      if (!g) throw new AppError('GRANT_NOT_FOUND');
      if (g.grant.unitId === null) {
        if (!scopeOf(actor, 'grant.write').all) throw new AppError('FORBIDDEN');
      } else requireInScope(actor, 'grant.write', g.unitPath ?? '');
      if (g.grant.userId === actor.id && g.grant.role === 'administrator')
        throw new AppError('FORBIDDEN', 'Bạn không thể tự thu hồi quyền quản trị của mình.');
      await repo.revokeGrant(tx, id, actor.id, reason);
      await audit(tx, {
        actorId: actor.id,
        actorName: actor.name,
        action: 'grant.revoke',
        entity: 'grant',
        entityId: id,
        unitId: g.grant.unitId,
        before: { userId: g.grant.userId, role: g.grant.role, unitId: g.grant.unitId },
        after: null,
        reason,
      });
    });
  }

  async listGrants(actor: Actor, opts: { unitId?: string | undefined; userId?: string | undefined }) {
    const scope = scopeOf(actor, 'user.read');
    if (scopeIsEmpty(scope)) throw new AppError('FORBIDDEN');
    if (opts.unitId) {
      const u = await getUnit(this.db, opts.unitId);
      if (!u) throw new AppError('UNIT_NOT_FOUND');
      requireInScope(actor, 'user.read', u.path);
    }
    const rows = await repo.grantsWithUnits(this.db, {
      ...(opts.userId ? { userIds: [opts.userId] } : {}),
      ...(opts.unitId ? { unitIds: [opts.unitId] } : {}),
    });
    return rows
      .filter((g) => scope.all || (g.grant.unitId !== null && pathInScope(scope, g.unitPath ?? '')))
      .map(grantDto);
  }

  /** The explicit, audited step that gives the users of a merged or abolished unit the same roles on its successor. */
  async carry(actor: Actor, input: { fromUnitId: string; toUnitId: string; reason: string }) {
    return this.db.transaction(async (tx) => {
      const from = await getUnit(tx, input.fromUnitId);
      const to = await getUnit(tx, input.toUnitId);
      if (!from || !to) throw new AppError('UNIT_NOT_FOUND');
      requireInScope(actor, 'grant.write', from.path);
      requireInScope(actor, 'grant.write', to.path);
      if (from.validTo === null)
        throw new AppError(
          'REORG_INVALID',
          `“${from.name}” vẫn đang hoạt động; chỉ chuyển quyền của đơn vị đã sáp nhập hoặc giải thể.`,
        );
      if (to.validTo !== null) throw new AppError('UNIT_CLOSED');
      const lineage = await lineageOf(tx, from.id);
      if (!lineage.some((l) => l.fromUnitId === from.id && l.toUnitId === to.id))
        throw new AppError('REORG_INVALID', `“${to.name}” không phải đơn vị kế thừa của “${from.name}”.`);
      const olds = await repo.grantsWithUnits(tx, { unitIds: [from.id] });
      const have = await repo.grantsWithUnits(tx, { unitIds: [to.id] });
      const carried = [];
      for (const o of olds) {
        if (have.some((h) => h.grant.userId === o.grant.userId && h.grant.role === o.grant.role)) continue;
        // no one carries their own rights onto a unit (as no one grants to themselves)
        if (!actor.system && o.grant.userId === actor.id) continue;
        const g = await this.grantIn(
          tx,
          actor,
          o.grant.userId,
          o.grant.role as Role,
          to.id,
          input.reason,
          o.grant.id,
        );
        carried.push(g.id);
      }
      return (await repo.grantsWithUnits(tx, { ids: carried })).map(grantDto);
    });
  }
}
