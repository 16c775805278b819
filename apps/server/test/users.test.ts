/** Users and grants across trees and subtrees: a coordinator grants only to its own users, a
 * password set by someone else is told to the user (bell, next login) and to the unit's head, a
 * user setting their own password gives the current one, and the user list shows only the grants
 * the reader's scope covers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let admin: Client;
let province: Client; // coordinator, Công an tỉnh Sóc Trăng
let cldCoord: Client; // coordinator, Công an huyện Cù Lao Dung
let hqCoord: Client; // coordinator, UBND huyện Hà Quảng
const u: Record<string, string> = {};

type UserList = {
  items: {
    id: string;
    username: string;
    grants: { role: string; unitId: string | null; unitName: string }[];
  }[];
};
type Notices = { items: { kind: string; title: string; body: string }[] };
type Err = { error: { code: string; message: string } };

async function userId(username: string): Promise<string> {
  const l = (await admin.get(`/api/users?q=${encodeURIComponent(username)}`)).json() as UserList;
  return l.items.find((x) => x.username === username)!.id;
}

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('quantri');
  province = await t.login('dieuphoi.soctrang');
  cldCoord = await t.login('dieuphoi.culaodung');
  hqCoord = await t.login('dieuphoi.haquang');
  for (const c of ['CAH-CLD', 'CAT-ST', 'UBND-HQ', 'HQ-NV']) u[c] = await unitIdByCode(t, c);
});
afterAll(async () => t?.close());

describe('grants across trees', () => {
  it('a coordinator cannot give a role on its units to a user of another tree', async () => {
    const hqOfficer = await userId('canbo.haquang');
    const before = (await admin.get(`/api/users?q=canbo.haquang`)).json() as UserList;
    const r = await cldCoord.send('POST', '/api/grants', {
      userId: hqOfficer,
      role: 'unit_officer',
      unitId: u['CAH-CLD'],
    });
    expect(r.statusCode).toBe(403);
    expect((r.json() as Err).error.message).toMatch(/do đơn vị khác quản lý/);
    expect(r.body).not.toContain('Hà Quảng');
    // nothing changed, and Hà Quảng's coordinator still manages its officer
    expect((await admin.get(`/api/users?q=canbo.haquang`)).json()).toEqual(before);
    const edit = await hqCoord.send('PATCH', `/api/users/${hqOfficer}`, { fullName: 'Cán bộ Hà Quảng' });
    expect(edit.statusCode, edit.body).toBe(200);
  });

  it('the level above grants to a user of its subtree; a user with no active grant only where it was made', async () => {
    // the province adds a role on itself to a Cù Lao Dung officer: within its scope
    const cldOfficer = await userId('canbo.culaodung');
    const ok = await province.send('POST', '/api/grants', {
      userId: cldOfficer,
      role: 'appraiser',
      unitId: u['CAT-ST'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // a Hà Quảng user whose every grant is revoked stays Hà Quảng's
    const made = await hqCoord.send('POST', '/api/users', {
      username: 'roi.haquang',
      fullName: 'Người đã nghỉ',
      password: 'Mat-khau-ban-dau-2024',
      role: 'unit_officer',
      unitId: u['HQ-NV'],
    });
    expect(made.statusCode, made.body).toBe(200);
    const m = made.json() as { id: string; grants: { id: string }[] };
    const rv = await hqCoord.send('POST', `/api/grants/${m.grants[0]!.id}/revoke`, { reason: 'Nghỉ việc' });
    expect(rv.statusCode, rv.body).toBeLessThan(300);
    const taken = await cldCoord.send('POST', '/api/grants', {
      userId: m.id,
      role: 'unit_officer',
      unitId: u['CAH-CLD'],
    });
    expect(taken.statusCode).toBe(403);
    const back = await hqCoord.send('POST', '/api/grants', {
      userId: m.id,
      role: 'unit_officer',
      unitId: u['HQ-NV'],
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('the user list shows only the grants the reader’s scope covers', async () => {
    // canbo.culaodung now also holds the appraiser's role on the province (test above)
    const seenByDistrict = (await cldCoord.get('/api/users?q=canbo.culaodung')).json() as UserList;
    const row = seenByDistrict.items.find((x) => x.username === 'canbo.culaodung')!;
    expect(row.grants.map((g) => g.unitId)).toEqual([u['CAH-CLD']]);
    expect(JSON.stringify(seenByDistrict)).not.toContain('Công an tỉnh Sóc Trăng');
    const seenByProvince = (await province.get('/api/users?q=canbo.culaodung')).json() as UserList;
    expect(
      seenByProvince.items.find((x) => x.username === 'canbo.culaodung')!.grants.map((g) => g.unitId),
    ).toEqual(expect.arrayContaining([u['CAH-CLD'], u['CAT-ST']]));
  });
});

describe('passwords set by someone else', () => {
  it('a reset is audited, told to the user and to the unit’s head, and shown at the next login', async () => {
    const headId = await userId('truong.culaodung');
    // a head made by the province; the district's coordinator covers the unit and may reset it
    const r = await cldCoord.send('PATCH', `/api/users/${headId}`, {
      newPassword: 'Dat-lai-boi-dieu-phoi-9',
      reason: 'Quên mật khẩu',
    });
    expect(r.statusCode, r.body).toBe(200);
    const head = await t.login('truong.culaodung', 'Dat-lai-boi-dieu-phoi-9');
    const session = (await head.get('/api/auth/session')).json() as {
      user: { mustChangePassword: boolean; passwordReset: { at: string; byName: string } | null };
    };
    expect(session.user.mustChangePassword).toBe(true);
    expect(session.user.passwordReset?.byName).toBe('Cán bộ Đội Tham mưu Cù Lao Dung (tài khoản mẫu)');
    const audit = (await admin.get(`/api/audit?entity=user&limit=20`)).json() as {
      items: { action: string; entityId: string; reason: string | null }[];
    };
    expect(audit.items.find((a) => a.entityId === headId)).toMatchObject({
      action: 'user.update_password_reset',
      reason: 'Quên mật khẩu',
    });
    // the user sets their own password (required first); the notice at login then goes away
    const pw = await head.send('POST', '/api/auth/password', {
      currentPassword: 'Dat-lai-boi-dieu-phoi-9',
      newPassword: 'Mat-khau-rieng-cua-truong-7',
    });
    expect(pw.statusCode, pw.body).toBeLessThan(300);
    const after = (await head.get('/api/auth/session')).json() as {
      user: { passwordReset: unknown; mustChangePassword: boolean };
    };
    expect(after.user).toMatchObject({ passwordReset: null, mustChangePassword: false });
    // the notice stays in the user's bell, and only there
    const bell = (await head.get('/api/notices')).json() as Notices;
    expect(bell.items[0]).toMatchObject({ kind: 'password_reset' });
    expect(bell.items[0]!.body).toMatch(/Quên mật khẩu/);
    const officer = await t.login('canbo.culaodung');
    const theirs = (await officer.get('/api/notices')).json() as Notices;
    expect(theirs.items.some((n) => n.kind === 'password_reset')).toBe(false);
  });

  it('the unit’s head is told when an officer’s password is reset', async () => {
    const officerId = await userId('canbo.culaodung');
    // (the officer also holds a role on the province since the grants test: the province resets)
    const r = await province.send('PATCH', `/api/users/${officerId}`, {
      newPassword: 'Dat-lai-cho-can-bo-8',
      reason: 'Cán bộ đề nghị',
    });
    expect(r.statusCode, r.body).toBe(200);
    const head = await t.login('truong.culaodung', 'Mat-khau-rieng-cua-truong-7');
    const bell = (await head.get('/api/notices')).json() as Notices;
    expect(bell.items[0]).toMatchObject({ kind: 'password_reset' });
    expect(bell.items[0]!.title).toMatch(/đã được đặt lại/);
  });

  it('a reset cannot redirect its own warning; with no other head, the level above is told', async () => {
    const headId = await userId('truong.haquang');
    const before = (await admin.get('/api/users?q=truong.haquang')).json() as unknown;
    const redirected = await hqCoord.send('PATCH', `/api/users/${headId}`, {
      newPassword: 'Chiem-tai-khoan-2025x',
      email: 'ke.gian@example.com',
      reason: 'Quên mật khẩu',
    });
    expect(redirected.statusCode).toBe(400);
    expect((await admin.get('/api/users?q=truong.haquang')).json()).toEqual(before);
    // Hà Quảng's only head is reset by its coordinator: Cao Bằng's leader hears of it
    const r = await hqCoord.send('PATCH', `/api/users/${headId}`, {
      newPassword: 'Chiem-tai-khoan-2025x',
      reason: 'Quên mật khẩu',
    });
    expect(r.statusCode, r.body).toBe(200);
    const leader = await t.login('lanhdao.caobang');
    const bell = (await leader.get('/api/notices')).json() as Notices;
    expect(bell.items.find((n) => n.kind === 'password_reset')?.title).toMatch(/đã được đặt lại/);
  });

  it('an e-mail address changed by someone else is told to the address it replaces', async () => {
    const officerId = await userId('canbo.haquang');
    const set = await hqCoord.send('PATCH', `/api/users/${officerId}`, { email: 'canbo.hq@example.vn' });
    expect(set.statusCode, set.body).toBe(200);
    const r = await hqCoord.send('PATCH', `/api/users/${officerId}`, { email: 'khac@example.vn' });
    expect(r.statusCode, r.body).toBe(200);
    const { mailOutbox } = await import('../src/db/schema.ts');
    const mails = await t.database.db.select().from(mailOutbox);
    expect(
      mails.some((m) => m.toAddress === 'canbo.hq@example.vn' && /đã được người khác đổi/.test(m.subject)),
    ).toBe(true);
  });

  it('one’s own password changes only where the current one is asked, and wrong guesses lock', async () => {
    const me = await userId('dieuphoi.haquang');
    const viaEdit = await hqCoord.send('PATCH', `/api/users/${me}`, { newPassword: 'Mat-khau-moi-hq-2025' });
    expect(viaEdit.statusCode).toBe(400);
    expect((viaEdit.json() as Err).error.message).toMatch(/Đổi mật khẩu/);
    // guessing the current password through a session counts like failed logins
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await hqCoord.send('POST', '/api/auth/password', {
            currentPassword: `doan-sai-${i}-mk`,
            newPassword: 'Mat-khau-moi-hq-2025',
          })
        ).statusCode,
      );
    expect(codes.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(codes[5]).toBe(429);
    const right = await hqCoord.send('POST', '/api/auth/password', {
      currentPassword: t.password('dieuphoi.haquang'),
      newPassword: 'Mat-khau-moi-hq-2025',
    });
    expect(right.statusCode).toBe(429);
  });
});
