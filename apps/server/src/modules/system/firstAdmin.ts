import { randomUUID } from 'node:crypto';
import { searchKey } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { appendAudit } from '../audit/repository.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { generatePassword, hashPassword, passwordStrongEnough } from '../auth/passwords.ts';
import { getUserByUsername, insertGrant, insertUser } from '../users/repository.ts';

/** Create a system administrator (grant on the whole system). The password is generated unless given;
 * it must be changed at first login. */
export async function createAdmin(
  db: Db,
  username: string,
  password?: string,
  opts: { fullName?: string; mustChangePassword?: boolean } = {},
): Promise<{ username: string; password: string }> {
  const fullName = opts.fullName ?? 'Quản trị hệ thống';
  const pw = password ?? generatePassword();
  if (!/^[a-z0-9._-]{3,50}$/.test(username))
    throw new Error('Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch.');
  if (!passwordStrongEnough(pw)) throw new Error('Mật khẩu phải có ít nhất 10 ký tự, gồm cả chữ và số.');
  const passwordHash = await hashPassword(pw);
  await db.transaction(async (tx) => {
    if (await getUserByUsername(tx, username)) throw new Error(`Tên đăng nhập "${username}" đã tồn tại.`);
    const id = randomUUID();
    await insertUser(tx, {
      id,
      username,
      fullName,
      passwordHash,
      mustChangePassword: opts.mustChangePassword ?? true,
      searchKey: searchKey(`${username} ${fullName}`),
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
      after: { username, fullName },
      reason: 'Tạo quản trị hệ thống đầu tiên',
    });
    await appendAudit(tx, {
      actorId: null,
      actorName: SYSTEM_ACTOR.name,
      action: 'grant.create',
      entity: 'grant',
      entityId: g.id,
      after: { userId: id, role: 'administrator', unitId: null },
    });
  });
  return { username, password: pw };
}
