import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '@chiso/domain';

export { passwordProblem };

// @node-rs/argon2 defaults to Argon2id (its Algorithm is a const enum, unusable under isolatedModules).
const OPTS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spend the time of one verification for an unknown user so timing does not reveal which names exist. */
export async function dummyVerify(password: string): Promise<void> {
  dummy ??= hashPassword('chiso-dummy-password-1');
  await verifyPassword(await dummy, password);
}

/** A readable generated password: 4 groups of letters and digits (no 0/O/1/l). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += alphabet[bytes[i]! % alphabet.length];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  // guarantee a digit and a letter
  return /\d/.test(out) && /[a-z]/i.test(out) ? out : generatePassword();
}
