/** Hostile input at the domain level (issue #11, items 10 and 11): text and date rules, nesting bounds,
 * Vietnamese zod messages, ratios and counts, file names and the password policy. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evidenceMetaProblem, fileNameProblem } from '../src/files.ts';
import { parseFrameworkJson } from '../src/framework/json.ts';
import type { Criterion, Framework } from '../src/framework/types.ts';
import { validateFramework } from '../src/framework/validate.ts';
import {
  forbiddenCharIn,
  isoDateProblem,
  isRealIsoDate,
  jsonDeeperThan,
  jsonTextDeeperThan,
  LIMITS,
  textProblem,
} from '../src/limits.ts';
import { passwordProblem } from '../src/passwords.ts';
import { parseLeafInput } from '../src/scoring/inputs.ts';
import { parseDateVi } from '../src/text.ts';
import { zodMessageVi } from '../src/zodVi.ts';

/** The English words zod, JSON.parse and friends put in their messages. */
const ENGLISH =
  /\b(expected|invalid|unexpected|must|required|received|unrecognized|too big|too small|string|number|array|object|boolean|characters|undefined)\b/i;

describe('text rules', () => {
  it('refuses control and bidirectional characters, allows line breaks only in multi-line text', () => {
    expect(forbiddenCharIn('Công an\u0000 huyện')).toBe('U+0000');
    expect(forbiddenCharIn('hop-dong\u202Efdp.exe')).toBe('U+202E');
    expect(forbiddenCharIn('a\u2066b')).toBe('U+2066');
    expect(forbiddenCharIn('a\u001bb')).toBe('U+001B');
    expect(forbiddenCharIn('a\u0085b')).toBe('U+0085');
    expect(forbiddenCharIn('a\ud800b')).toBe('U+D800');
    expect(forbiddenCharIn('dòng 1\ndòng 2')).toBe('U+000A');
    expect(forbiddenCharIn('dòng 1\r\ndòng 2\tcột', true)).toBeNull();
    expect(forbiddenCharIn('Công an huyện Cù Lao Dung — Đội 1 (“mẫu”) 😀')).toBeNull();
  });

  it('says why in Vietnamese: the character, the length, emptiness', () => {
    const rule = { label: 'Tên đơn vị', max: LIMITS.unitName, min: 2 };
    expect(textProblem('Công an\u0000', rule)).toBe(
      'Tên đơn vị chứa ký tự không được phép (U+0000: ký tự điều khiển hoặc ký tự đảo chiều văn bản); hãy xóa ký tự đó.',
    );
    expect(textProblem('x'.repeat(1 << 20), rule)).toBe('Tên đơn vị quá dài (tối đa 300 ký tự).');
    expect(textProblem('   ', rule)).toBe('Tên đơn vị không được để trống.');
    expect(textProblem('A', rule)).toBe('Tên đơn vị quá ngắn (tối thiểu 2 ký tự).');
    expect(textProblem('  Xã Đại Ân 2  ', rule)).toBeNull();
  });
});

describe('dates', () => {
  it('refuses days that do not exist and years outside 1900–2100', () => {
    for (const bad of [
      '2027-02-30',
      '9999-99-99',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '1899-12-31',
      '2101-01-01',
    ])
      expect(isRealIsoDate(bad), bad).toBe(false);
    for (const good of ['2024-02-29', '1900-01-01', '2100-12-31', '2025-06-30'])
      expect(isRealIsoDate(good), good).toBe(true);
    expect(isoDateProblem('2027-02-30')).toBe('Ngày “2027-02-30” không có thật trong lịch.');
    expect(isoDateProblem('9999-99-99')).toBe('Ngày “9999-99-99” nằm ngoài khoảng năm 1900–2100.');
    expect(isoDateProblem('30/02/2027')).toBe('Ngày phải có dạng yyyy-mm-dd.');
  });

  it('dd/mm/yyyy as typed in imports follows the same calendar', () => {
    expect(parseDateVi('30/02/2027')).toBeNull();
    expect(parseDateVi('99/99/9999')).toBeNull();
    expect(parseDateVi('01/01/1800')).toBeNull();
    expect(parseDateVi('29/02/2024')).toBe('2024-02-29');
  });
});

describe('nesting', () => {
  it('answers 100 000 levels without recursion, on values and on raw JSON text', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDeeperThan(deep, LIMITS.jsonDepth)).toBe(true);
    expect(jsonDeeperThan({ a: [{ b: [1, 2, { c: 3 }] }] }, LIMITS.jsonDepth)).toBe(false);
    expect(jsonTextDeeperThan('['.repeat(100_000) + ']'.repeat(100_000), LIMITS.jsonDepth)).toBe(true);
    // brackets inside strings (escaped quotes included) do not count
    expect(jsonTextDeeperThan(JSON.stringify({ a: '['.repeat(1000) + '\\"{{{' }), 3)).toBe(false);
    expect(jsonTextDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(jsonTextDeeperThan('[[[[1]]]]', 3)).toBe(true);
  });

  const fw = (criteria: unknown) => ({
    code: 'SAU',
    name: 'Bộ tiêu chí lồng nhau',
    yearFrom: 2025,
    legalBasis: [],
    appliesTo: [],
    totalMax: '1',
    bands: [],
    criteria,
  });
  /** One chain of `levels` criteria: 1, 1.1, 1.1.1, … */
  const chain = (levels: number) => {
    let c: Record<string, unknown> | null = null;
    for (let i = levels; i >= 1; i--) {
      const code = Array(i).fill('1').join('.');
      c = { code, title: `Tiêu chí ${code}`, max: '1', ...(c ? { children: [c] } : {}) };
    }
    return [c];
  };

  it('a framework nested 20 000 levels is refused by a message naming the criterion, not a stack overflow', () => {
    const r = parseFrameworkJson(fw(chain(20_000)));
    expect(r.framework).toBeNull();
    expect(r.issues).toEqual([
      {
        criterion: '1.1.1.1.1.1.1.1.1',
        severity: 'error',
        message: 'Tiêu chí 1.1.1.1.1.1.1.1.1 nằm ở cấp thứ 9; bộ tiêu chí chỉ được có tối đa 8 cấp tiêu chí.',
      },
    ]);
  });

  it('eight levels are fine, nine are not', () => {
    expect(parseFrameworkJson(fw(chain(8))).errors).toEqual([]);
    expect(parseFrameworkJson(fw(chain(9))).issues[0]!.criterion).toBe('1.1.1.1.1.1.1.1.1');
  });

  it('validation stops before recursing into a tree built elsewhere (a spreadsheet)', () => {
    let c: Criterion = { code: 'x', title: 'x', max: 100 };
    for (let i = 0; i < 20_000; i++) c = { code: 'x', title: 'x', max: 100, children: [c] };
    const framework: Framework = { ...(fw([]) as unknown as Framework), totalMax: 100, criteria: [c] };
    const issues = validateFramework(framework);
    expect(issues.some((i) => /cấp thứ 9/.test(i.message))).toBe(true);
  });
});

describe('framework JSON: the same text rules as every form, in Vietnamese', () => {
  const base = () => ({
    code: 'KT',
    name: 'Bộ tiêu chí kiểm tra',
    yearFrom: 2025,
    legalBasis: [],
    appliesTo: [],
    totalMax: '10',
    bands: [],
    criteria: [
      { code: '1', title: 'Lĩnh vực 1', max: '10', children: [{ code: '1.1', title: 'A', max: '10' }] },
    ],
  });

  it('names the criterion and the field', () => {
    const nul = base();
    nul.criteria[0]!.children[0]!.title = 'Tên\u0000độc';
    expect(parseFrameworkJson(nul).issues).toEqual([
      {
        criterion: '1.1',
        severity: 'error',
        message:
          'Tiêu chí 1.1: Tên tiêu chí chứa ký tự không được phép (U+0000: ký tự điều khiển hoặc ký tự đảo chiều văn bản); hãy xóa ký tự đó.',
      },
    ]);
    const long = base();
    long.name = 'x'.repeat(1 << 20);
    expect(parseFrameworkJson(long).errors).toEqual(['Tên bộ tiêu chí quá dài (tối đa 300 ký tự).']);
    const typed = base() as Record<string, unknown>;
    typed.yearFrom = '2025';
    expect(parseFrameworkJson(typed).errors).toEqual([
      'Năm bắt đầu: Cần một số (nhận được một chuỗi ký tự).',
    ]);
  });

  it('points that do not fit numeric(7,2) are refused before the database sees them', () => {
    const big = base();
    big.totalMax = '999999999999';
    expect(parseFrameworkJson(big).errors[0]).toMatch(
      /^Tổng điểm tối đa: .* vượt giới hạn 99\.?999,99 điểm\.$/,
    );
  });

  it('no message carries English from zod', () => {
    const messy = {
      code: 1,
      name: null,
      yearFrom: 2.5,
      legalBasis: {},
      criteria: [{ rule: { type: 'x' } }],
      bands: 'x',
    };
    const r = parseFrameworkJson(messy);
    expect(r.errors.length).toBeGreaterThan(3);
    for (const m of r.errors) expect(m).not.toMatch(ENGLISH);
  });
});

describe('zod messages in Vietnamese', () => {
  it('words every kind of issue without English', () => {
    const S = z.object({
      s: z.string().min(2).max(3),
      i: z.number().int(),
      big: z.number().int(),
      inf: z.number(),
      e: z.enum(['a', 'b']),
      u: z.string().uuid(),
      m: z.string().email(),
      l: z.literal(true),
      arr: z.array(z.string()).min(1),
      r: z.string().regex(/^a$/),
      o: z.strictObject({ x: z.string() }),
      n: z.string(),
      un: z.union([z.string(), z.number()]),
    });
    const r = S.safeParse(
      {
        s: 'abcd',
        i: 1.5,
        big: 2 ** 53 + 2,
        inf: Infinity,
        e: 'z',
        u: '-1',
        m: 'x',
        l: false,
        arr: [],
        r: 'b',
        o: { x: 'a', y: 1 },
        un: true,
      },
      { error: zodMessageVi },
    );
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      s: 'Quá dài (tối đa 3 ký tự).',
      i: 'Cần một số nguyên.',
      big: 'Số vượt giới hạn số nguyên an toàn (±9 007 199 254 740 991).',
      inf: 'Số vượt quá giới hạn cho phép.',
      e: 'Cần một trong các giá trị: “a”, “b”.',
      u: 'Mã định danh không hợp lệ (cần dạng UUID).',
      m: 'Địa chỉ thư điện tử không hợp lệ.',
      l: 'Cần giá trị “true”.',
      arr: 'Cần ít nhất 1 phần tử.',
      r: 'Giá trị không đúng định dạng quy định.',
      o: 'Trường không được chấp nhận: “y”.',
      n: 'Thiếu giá trị bắt buộc.',
      un: 'Giá trị không khớp với dạng nào được chấp nhận.',
    });
  });

  it('quotes a hostile key safely', () => {
    const r = z.strictObject({}).safeParse({ ['k\u0000' + 'x'.repeat(100)]: 1 }, { error: zodMessageVi });
    expect(r.error!.issues[0]!.message).toBe(`Trường không được chấp nhận: “kU+0000${'x'.repeat(38)}…”.`);
  });
});

describe('ratios and counts', () => {
  const ratio = {
    code: '3.1',
    max: 300,
    rule: { type: 'ratio_tiers' as const, tiers: [{ minPercent: 0, points: 300 }] },
  };
  it('5/0 is refused with a Vietnamese reason; 0/0 means "no case"', () => {
    expect(parseLeafInput(ratio, '5/0')).toEqual({
      error:
        'Tiêu chí 3.1: tỷ lệ “5/0” có mẫu số bằng 0 nhưng tử số khác 0; không có trường hợp nào thì ghi “0/0”.',
    });
    expect(parseLeafInput(ratio, '0/0')).toEqual({ input: { numerator: 0, denominator: 0 } });
    expect(parseLeafInput(ratio, '45/50')).toEqual({ input: { numerator: 45, denominator: 50 } });
  });

  it('integers beyond 2^53 − 1 are refused, not rounded', () => {
    expect(parseLeafInput(ratio, '9007199254740993/9007199254740995')).toEqual({
      error: 'Tiêu chí 3.1: tử số và mẫu số quá lớn (tối đa 9 007 199 254 740 991).',
    });
    const deduction = {
      code: '7.1',
      max: 200,
      rule: { type: 'deduction' as const, start: 200, perIncident: 50, floor: 0 },
    };
    expect(parseLeafInput(deduction, '99999999999999999999')).toEqual({
      error: 'Tiêu chí 7.1: số vụ việc quá lớn (tối đa 9 007 199 254 740 991).',
    });
    // exact decimals stay exact; too many decimals or digits are refused
    expect(parseLeafInput({ code: '1.1', max: 1000 }, '7,82')).toEqual({ input: { value: 782 } });
    expect(parseLeafInput({ code: '1.1', max: 1000 }, '9007199254740993')).toEqual({
      error: 'Tiêu chí 1.1: “9007199254740993” không phải số điểm hợp lệ.',
    });
  });
});

describe('file names and evidence descriptions', () => {
  it('refuses U+202E, NUL, paths and overlong names', () => {
    expect(fileNameProblem('hop-dong\u202Efdp.exe')).toMatch(
      /^Tên tệp “hop-dongU\+202Efdp\.exe” chứa ký tự không được phép \(U\+202E/,
    );
    expect(fileNameProblem('bao\u0000cao.pdf')).toMatch(/U\+0000/);
    expect(fileNameProblem('../../etc/passwd')).toMatch(/không được chứa “\/”/);
    expect(fileNameProblem('a'.repeat(201))).toBe('Tên tệp quá dài (tối đa 200 ký tự).');
    expect(fileNameProblem('Kế hoạch CCHC 2025.pdf')).toBeNull();
  });

  it('an evidence description follows the same rules and needs a real date', () => {
    const ok = {
      numberSymbol: '1/KH-UBND',
      issuedOn: '2025-02-01',
      issuer: 'UBND huyện',
      summary: 'Kế hoạch',
    };
    expect(evidenceMetaProblem(ok)).toBeNull();
    expect(evidenceMetaProblem({ ...ok, issuedOn: '2027-02-30' })).toBe(
      'Ngày ban hành: Ngày “2027-02-30” không có thật trong lịch.',
    );
    expect(evidenceMetaProblem({ ...ok, summary: 'a\u0000' })).toMatch(
      /^Trích yếu chứa ký tự không được phép/,
    );
    expect(evidenceMetaProblem({ ...ok, issuer: 'UBND\u202E' })).toMatch(/^Cơ quan ban hành chứa/);
    expect(evidenceMetaProblem({ ...ok, numberSymbol: 'x'.repeat(1 << 20) })).toBe(
      'Số, ký hiệu văn bản quá dài (tối đa 100 ký tự).',
    );
  });
});

describe('password policy', () => {
  it.each([
    ['aaaaaaaaa1', /quá ít ký tự khác nhau/],
    ['1111111111a', /quá ít ký tự khác nhau/],
    ['matkhau123', /danh sách mật khẩu phổ biến/],
    ['123456789a', /danh sách mật khẩu phổ biến/],
    ['Admin@12345', /danh sách mật khẩu phổ biến/],
    ['Matkhau@2024!', /từ phổ biến ghép với số/],
    ['Password#2025', /từ phổ biến ghép với số/],
    ['abcdefgh12', /dãy ký tự liên tiếp/],
    ['qwertyuio9', /dãy ký tự liên tiếp/],
    ['zyxwvuts98', /dãy ký tự liên tiếp/],
    ['admin@123', /ít nhất 10 ký tự/],
    ['khongcoso!!', /cả chữ cái và chữ số/],
    ['1234567890', /cả chữ cái và chữ số/],
  ])('refuses %s', (p, why) => {
    expect(passwordProblem(p)).toMatch(why);
  });

  it('refuses the user’s own name', () => {
    const ctx = { username: 'dieuphoi.soctrang', fullName: 'Nguyễn Văn Thành' };
    for (const p of ['dieuphoi.soctrang-7Q', 'Soctrang#4949', 'Dieuphoi.2025!'])
      expect(passwordProblem(p, ctx), p).toBe('Mật khẩu không được chứa tên đăng nhập.');
    for (const p of ['NguyenVanThanh@1990', 'Thanh.Nguyen#1990', 'thanh-van-2024!!'])
      expect(passwordProblem(p, ctx), p).toBe('Mật khẩu không được chứa họ tên của người dùng.');
    // a name word inside a longer phrase is fine
    expect(passwordProblem('Thành phố mùa thu 1945', ctx)).toBeNull();
  });

  it('accepts what a person would choose with care', () => {
    for (const p of [
      'Hoa sen nở 2024 mùa hạ',
      'Trâu-vàng-7-ruộng-lúa',
      'k7Rp-2mQx-9vLs-Tz4b',
      'Bến Tre 1960 dừa xanh',
    ])
      expect(passwordProblem(p, { username: 'canbo.culaodung', fullName: 'Trần Thị Lan' }), p).toBeNull();
  });
});
