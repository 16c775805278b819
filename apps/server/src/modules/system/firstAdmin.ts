import type { Db } from '../../db/open.ts';
import { generatePassword, hashPassword, passwordProblem } from '../auth/passwords.ts';
import { insertSystemAdmin, type AdminOptions } from '../users/service.ts';

/** Checks the username and password and hashes the password (outside any transaction: ~10 ms). */
export async function prepareAdmin(username: string, password?: string) {
  const pw = password ?? generatePassword();
  if (!/^[a-z0-9._-]{3,50}$/.test(username))
    throw new Error('Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch.');
  const why = passwordProblem(pw, { username });
  if (why) throw new Error(why);
  return { username, password: pw, passwordHash: await hashPassword(pw) };
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
    await insertSystemAdmin(tx, a, opts);
  });
  return { username, password: a.password };
}
