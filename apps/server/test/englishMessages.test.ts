/** English kept (issue 13, item 8): every message the server writes in Vietnamese has its English in
 * the catalogue (src/i18n/messages.en.ts, keyed by the Vietnamese template as written), and the
 * client that asks for English gets it: errors, their details and notices. */
import path from 'node:path';
import { ERRORS } from '@chiso/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_EN } from '../src/i18n/messages.en.ts';
import { messagesIn, serverMessages } from '../src/i18n/sources.ts';
import { splitTemplate, toEnglish } from '../src/i18n/translate.ts';
import { notify } from '../src/modules/notices/service.ts';
import { testApp, type TestApp } from './helpers.ts';

const SRC = path.resolve(import.meta.dirname, '../src');

describe('the catalogue covers the sources', () => {
  it('finds the message literals of AppError, error bodies and notices', () => {
    const found = messagesIn(
      'x.ts',
      [
        "throw new AppError('VALIDATION', `Giai đoạn “${label}” chưa mở.`);",
        "notify(tx, { kind: 'deadline', title: ok ? 'Còn một ngày' : 'Hết hạn', body: 'plain text' });",
        "const x = { title: 'Mã', width: 8 };",
        "throw new AppError('FORBIDDEN');",
      ].join('\n'),
    );
    expect(found.map((m) => m.msgid)).toEqual([
      'Giai đoạn “${label}” chưa mở.',
      'Còn một ngày',
      'Hết hạn',
      'Mã',
    ]);
  });

  it('every message in the server sources has its English (missing ones printed ready to paste)', () => {
    const messages = serverMessages(SRC);
    expect(messages.length).toBeGreaterThan(100);
    const missing = [...new Set(messages.filter((m) => !(m.msgid in MESSAGES_EN)).map((m) => m.msgid))];
    const paste = missing.map((m) => `  ${JSON.stringify(m)}:\n    ${JSON.stringify('TODO English')},`);
    expect(
      missing,
      `Add to apps/server/src/i18n/messages.en.ts:\n${paste.join('\n')}\n(from ${messages
        .filter((m) => missing.includes(m.msgid))
        .map((m) => `${m.file}:${m.line}`)
        .join(', ')})`,
    ).toEqual([]);
  });

  it('each English text keeps the placeholders of its Vietnamese and says something else', () => {
    const wrong: string[] = [];
    for (const [vi, en] of Object.entries(MESSAGES_EN)) {
      const a = [...splitTemplate(vi).exprs].sort();
      const b = [...splitTemplate(en).exprs].sort();
      if (JSON.stringify(a) !== JSON.stringify(b) || en === vi || /TODO/.test(en)) wrong.push(vi);
    }
    expect(wrong).toEqual([]);
  });

  it('every error code has its English', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.en, code).toMatch(/^[\x20-\x7e’“”–—…]+$/);
      expect(e.en, code).not.toBe(e.vi);
    }
  });
});

describe('translating a message', () => {
  it('fills the English template with the values of the Vietnamese message, known values translated', () => {
    expect(toEnglish('Giai đoạn “Thẩm định”: hạn cuối phải sau ngày bắt đầu.')).toBe(
      'Stage “Appraisal”: the deadline must be after the start date.',
    );
    expect(toEnglish('Còn 3 ngày: hạn “Tự đánh giá” — Chỉ số CCHC năm 2026')).toBe(
      '3 days left: deadline of “Self-assessment” — Chỉ số CCHC năm 2026',
    );
    expect(toEnglish(ERRORS.FORBIDDEN.vi)).toBe(ERRORS.FORBIDDEN.en);
    // a message without English stays as written: Vietnamese first
    expect(toEnglish('Một câu chưa có trong danh mục.')).toBe('Một câu chưa có trong danh mục.');
  });
});

describe('over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  const login = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'quantri', password: 'sai-mat-khau-1234' },
    });

  it('answers in Vietnamese by default and in English when the app or the browser asks for it', async () => {
    const vi = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(vi.json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED', message: ERRORS.UNAUTHENTICATED.vi },
    });
    for (const headers of [{ 'x-chiso-lang': 'en' }, { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' }]) {
      const en = await t.app.inject({ method: 'GET', url: '/api/units', headers });
      expect(en.statusCode).toBe(401);
      expect(en.json()).toMatchObject({
        error: { code: 'UNAUTHENTICATED', message: ERRORS.UNAUTHENTICATED.en },
      });
    }
    // the app's own setting wins over the browser's
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/units',
      headers: { 'x-chiso-lang': 'vi', 'accept-language': 'en' },
    });
    expect(own.json()).toMatchObject({ error: { message: ERRORS.UNAUTHENTICATED.vi } });
    expect((await login({ 'x-chiso-lang': 'en' })).statusCode).toBe(403); // no CSRF token: refused first
  });

  it('translates an error of the server and a notice written with values', async () => {
    const c = await t.login('canbo.culaodung');
    const same = {
      currentPassword: t.password('canbo.culaodung'),
      newPassword: t.password('canbo.culaodung'),
    };
    const asked = (lang: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'x-chiso-lang': lang },
        payload: same,
      });
    expect((await asked('vi')).json()).toMatchObject({
      error: { message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' },
    });
    expect((await asked('en')).json()).toMatchObject({
      error: { code: 'PASSWORD_WEAK', message: 'The new password must differ from the current one.' },
    });

    const session = (await c.get('/api/auth/session')).json() as { user: { id: string } };
    await t.database.db.transaction((tx) =>
      notify(tx, {
        kind: 'deadline',
        unitId: null,
        title: 'Còn 1 ngày: hạn “Thẩm định” — Kỳ thử',
        body: 'Hạn cuối giai đoạn “Thẩm định” của Kỳ thử là ngày 13/12/2026 (còn 1 ngày, tính cả ngày cuối).',
        to: [{ people: [{ userId: session.user.id, unitId: null }] }],
      }),
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/notices',
      headers: { cookie: c.cookie, 'x-chiso-lang': 'en' },
    });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { title: string; body: string }[] }).items[0]).toMatchObject({
      title: '1 days left: deadline of “Appraisal” — Kỳ thử',
      body: 'The deadline of the stage “Appraisal” of Kỳ thử is 13/12/2026 (1 days left, the last day included).',
    });
    const vi = (await c.get('/api/notices')).json() as { items: { title: string }[] };
    expect(vi.items[0]!.title).toBe('Còn 1 ngày: hạn “Thẩm định” — Kỳ thử');
  });
});
