import { randomUUID } from 'node:crypto';
import { searchKey } from '@chiso/domain';
import type { Db, DbOrTx } from '../../db/open.ts';
import { appendAudit } from '../audit/repository.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { generatePassword, hashPassword, passwordProblem } from '../auth/passwords.ts';
import { getUserByUsername, insertGrant, insertUser } from '../users/repository.ts';

export interface AdminOptions {
  fullName?: string;
  mustChangePassword?: boolean;
  /** Audit reason of the user's creation. */
  reason?: string;
}

/** Checks the username and password and hashes the password (outside any transaction: ~10 ms). */
export async function prepareAdmin(username: string, password?: string) {
  const pw = password ?? generatePassword();
  if (!/^[a-z0-9._-]{3,50}$/.test(username))
    throw new Error('Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch.');
  const why = passwordProblem(pw, { username });
  if (why) throw new Error(why);
  return { username, password: pw, passwordHash: await hashPassword(pw) };
}

/** Inside a transaction: the user, its system-wide administrator grant, both audited. */
export async function insertAdmin(
  tx: DbOrTx,
  a: { username: string; passwordHash: string },
  opts: AdminOptions = {},
): Promise<string> {
  const fullName = opts.fullName ?? 'Quản trị hệ thống';
  if (await getUserByUsername(tx, a.username)) throw new Error(`Tên đăng nhập "${a.username}" đã tồn tại.`);
  const id = randomUUID();
  await insertUser(tx, {
    id,
    username: a.username,
    fullName,
    passwordHash: a.passwordHash,
    mustChangePassword: opts.mustChangePassword ?? true,
    searchKey: searchKey(`${a.username} ${fullName}`),
  });
  const g = await insertGrant(tx, {
    id: randomUUID(),
    userId: id,
    role: 'administrator',
    unitId: null,
    createdBy: null,
  });
  await appendAudit(tx, {
    actorId: null,
    actorName: SYSTEM_ACTOR.name,
    action: 'user.create',
    entity: 'user',
    entityId: id,
    after: { username: a.username, fullName },
    reason: opts.reason ?? 'Tạo quản trị hệ thống đầu tiên',
  });
  await appendAudit(tx, {
    actorId: null,
    actorName: SYSTEM_ACTOR.name,
    action: 'grant.create',
    entity: 'grant',
    entityId: g.id,
    after: { userId: id, role: 'administrator', unitId: null },
  });
  return id;
}

/** Create a system administrator (grant on the whole system). The password is generated unless given;
 * it must be changed at first login. */
export async function createAdmin(
  db: Db,
  username: string,
  password?: string,
  opts: AdminOptions = {},
): Promise<{ username: string; password: string }> {
  const a = await prepareAdmin(username, password);
  await db.transaction(async (tx) => {
    await insertAdmin(tx, a, opts);
  });
  return { username, password: a.password };
}
