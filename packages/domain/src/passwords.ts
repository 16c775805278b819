/** The password policy: at least 10 characters with letters and digits, and nothing guessable
 * (common passwords, a common word with digits, one repeated character, a keyboard or alphabet run,
 * the user's own name). Each refusal says why, in Vietnamese. Pure. */
import { searchKey } from './text.ts';

export const PASSWORD_MIN_LENGTH = 10;

/** Passwords seen most often in leaks, worldwide and in Vietnam, lower-cased (only those of 10
 * characters or more matter: shorter ones are refused by length; a few short ones stay as bases). */
const COMMON = new Set(
  [
    '1234567890',
    '12345678910',
    '123456789a',
    '123456789q',
    '123456789z',
    'a123456789',
    'q123456789',
    '1234567890a',
    'a1234567890',
    '0123456789',
    '0987654321',
    '9876543210',
    '1111111111',
    '0000000000',
    '1q2w3e4r5t',
    '1q2w3e4r5t6y',
    'q1w2e3r4t5',
    'zaq12wsxcde3',
    '1qaz2wsx3edc',
    'qwertyuiop',
    'qwerty1234',
    'qwerty12345',
    'qwerty123456',
    'asdfghjkl1',
    'zxcvbnm123',
    'password1',
    'password12',
    'password123',
    'password1234',
    'password@123',
    'password!23',
    'p@ssw0rd123',
    'passw0rd123',
    'iloveyou123',
    'iloveyou12',
    'abcd123456',
    'abc1234567',
    'abc123456789',
    'abcdef1234',
    'abcdefg123',
    'welcome123',
    'welcome@123',
    'admin12345',
    'admin123456',
    'admin@123',
    'admin@1234',
    'admin@12345',
    'administrator1',
    'changeme123',
    'letmein123',
    'football123',
    'baseball123',
    'sunshine123',
    'princess123',
    'dragon12345',
    'monkey12345',
    'starwars123',
    'superman123',
    'trustno1234',
    'computer123',
    'internet123',
    'samsung123',
    'samsung1234',
    'iphone12345',
    'google1234',
    'facebook123',
    'matkhau123',
    'matkhau1234',
    'matkhau12345',
    'matkhau@123',
    'matkhaumoi1',
    'matkhaumoi123',
    'matkhau2024',
    'matkhau2025',
    'matkhau2026',
    'anhyeuem123',
    'anhyeuem1',
    'emyeuanh123',
    'emyeuanh1',
    'yeuem123456',
    'iloveu1234',
    'vietnam123',
    'vietnam1234',
    'vietnam@123',
    'hanoi12345',
    'hanoi@123',
    'saigon1234',
    'saigon@123',
    'hochiminh1',
    'hochiminh123',
    'congan123',
    'congan1234',
    'congan@123',
    'conganhuyen1',
    'conganxa123',
    'conganphuong1',
    'ubnd123456',
    'ubnd@12345',
    'caicach123',
    'caicachhanhchinh1',
    'chiso12345',
    'chiso@123',
    'chiso2025',
    'chiso2026',
    'nguyen1234',
    'nguyen12345',
    'tran123456',
    'phamvan123',
    'hoang12345',
    'thanhpho123',
    'xinchao123',
    'xinchao1234',
    '123456abc',
    '123456789abc',
    '123456aA@',
    '123456a@',
    '12345678a',
    '12345678aa',
    '1234567aa',
    '123456aa',
    '123123123a',
    '123123abc',
    '123qweasd',
    '123qweasdzxc',
    'qweasdzxc123',
    'qweasd123',
    'asd123456',
    'aa123456789',
    'aa12345678',
    'aaa123456',
    'abc@123456',
    'a1b2c3d4e5',
    'a1b2c3d4e5f6',
    'abcabc1234',
    'test123456',
    'test@12345',
    'user123456',
    'user@12345',
    'guest12345',
    'demo123456',
    'default123',
    'secret1234',
    'master1234',
    'hello12345',
    'hello@123',
    'love123456',
    'loveyou123',
    'baby123456',
    'family1234',
    'summer2024',
    'summer2025',
    'winter2024',
    'spring2025',
  ].map((p) => p.toLowerCase()),
);

/** Words that, with only digits and symbols around them, make a guessable password
 * ("Matkhau@2024", "Password!1"). Compared without diacritics and case. */
const COMMON_WORDS = new Set([
  'password',
  'passw0rd',
  'pass',
  'matkhau',
  'matkhaumoi',
  'admin',
  'administrator',
  'quantri',
  'root',
  'user',
  'test',
  'demo',
  'guest',
  'welcome',
  'iloveyou',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'vietnam',
  'hanoi',
  'saigon',
  'hochiminh',
  'congan',
  'ubnd',
  'chiso',
  'qwerty',
  'abc',
  'abcd',
  'abcdef',
  'qwe',
  'qweasd',
  'qweasdzxc',
  'asd',
  'zxc',
  'xinchao',
  'hello',
  'changeme',
  'letmein',
  'secret',
  'master',
  'default',
]);

/** Keyboard rows (QWERTY and the digit row) for runs such as "qwerty" or "asdfgh". */
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function adjacentOnKeyboard(a: string, b: string): boolean {
  for (const r of ROWS) {
    const i = r.indexOf(a);
    if (i >= 0 && (r[i + 1] === b || r[i - 1] === b)) return true;
  }
  return false;
}

/** Share of neighbouring characters that repeat, follow each other (a→b, 1→2, 9→8) or sit side by
 * side on the keyboard. */
function runShare(p: string): number {
  if (p.length < 2) return 1;
  let run = 0;
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1]!;
    const b = p[i]!;
    const d = b.charCodeAt(0) - a.charCodeAt(0);
    if (d === 0 || d === 1 || d === -1 || adjacentOnKeyboard(a, b) || (a === '9' && b === '0')) run++;
  }
  return run / (p.length - 1);
}

/** True when `letters` (3 or more) is a concatenation of `parts` only. */
function madeOf(letters: string, parts: string[]): boolean {
  if (letters.length < 3 || parts.length === 0) return false;
  const ok: boolean[] = [true];
  for (let i = 1; i <= letters.length; i++)
    ok[i] = parts.some((p) => p.length <= i && ok[i - p.length] === true && letters.endsWith(p, i));
  return ok[letters.length] === true;
}

export interface PasswordContext {
  username?: string | null | undefined;
  fullName?: string | null | undefined;
}

/** Why `password` may not be used (Vietnamese), or null when it is acceptable. */
export function passwordProblem(password: string, ctx: PasswordContext = {}): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Mật khẩu phải có cả chữ cái và chữ số.';
  const lower = password.toLowerCase();
  const key = searchKey(password).replace(/\s+/g, '');
  if (COMMON.has(lower) || COMMON.has(key))
    return 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán; hãy chọn mật khẩu khác.';
  const letters = key.replace(/[^a-z]/g, '');
  if (COMMON_WORDS.has(letters) || COMMON_WORDS.has(key.replace(/[^a-z0-9]/g, '').replace(/\d+$/, '')))
    return `Mật khẩu chỉ là một từ phổ biến ghép với số hoặc ký hiệu (như “Matkhau@2024”), rất dễ bị đoán.`;
  if (new Set(lower).size < 5 || new Set(letters).size < 2)
    return 'Mật khẩu có quá ít ký tự khác nhau (như “aaaaaaaaa1”); hãy dùng nhiều chữ và số khác nhau.';
  if (runShare(lower) >= 0.7)
    return 'Mật khẩu là một dãy ký tự liên tiếp (như “abcdef1234”, “qwerty12345”), rất dễ bị đoán.';
  // the user's own name: the whole login name or full name anywhere, or letters made only of the
  // parts of them ("Thanh.Nguyen#1990" for Nguyễn Văn Thành); a name word inside a longer phrase is fine
  const username = (ctx.username ?? '').trim().toLowerCase();
  const userParts = username.split(/[^a-z]+/).filter((x) => x.length >= 2);
  if ((username.length >= 3 && lower.includes(username)) || madeOf(letters, userParts))
    return 'Mật khẩu không được chứa tên đăng nhập.';
  const name = searchKey(ctx.fullName ?? '').replace(/[^a-z ]/g, '');
  const nameParts = name.split(' ').filter((x) => x.length >= 2);
  const joined = nameParts.join('');
  if ((joined.length >= 3 && key.includes(joined)) || madeOf(letters, [...nameParts, ...userParts]))
    return 'Mật khẩu không được chứa họ tên của người dùng.';
  return null;
}
