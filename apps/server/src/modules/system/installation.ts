/** The installation's mode, demo or real, decided once and kept in app_meta ("installation").
 *
 * - A new installation takes the requested mode (CHISO_DEMO; by default demo on the embedded
 *   database, real with DATABASE_URL): demo loads the demo data and its accounts; real creates the
 *   first administrator with a generated password, printed once. The mode is written in the same
 *   transaction as the first data (the demo's unit tree, or the first administrator).
 * - Later starts follow the stored mode whatever the default says: a plain `npm start` never turns a
 *   real installation into a demo, and CHISO_DEMO=true on a real installation is ignored (logged).
 * - An explicit CHISO_DEMO=false converts a demo installation into a real one, one way and at once:
 *   every demo account is disabled and signed out, the demo passwords kept for the login page are
 *   erased, one audit entry per account; when no enabled system administrator remains, a first
 *   administrator is created with a generated password printed once. Chiso then starts: a
 *   conversion never refuses to start.
 * - Data made before modes were stored has no mode: demo accounts present → demo, otherwise real;
 *   the inferred mode is written. */
import type { Config } from '../../config.ts';
import type { Db } from '../../db/open.ts';
import { FileStore } from '../../lib/fileStore.ts';
import { audit } from '../audit/service.ts';
import {
  countEnabledSystemAdmins,
  countUsers,
  disableUser,
  getUserByUsername,
  insertSystemAdmin,
  usersByUsernames,
} from '../users/service.ts';
import {
  countDemoAccounts,
  deleteDemoAccounts,
  insertInstallation,
  listDemoAccounts,
  readInstallation,
  replaceInstallation,
  type Installation,
  type InstallationMode,
} from './repository.ts';
import { prepareAdmin } from './firstAdmin.ts';
import { DEMO_USERNAMES, seedDemo } from './seed.ts';

/** Who the system's own audit entries of a conversion name. */
const SYSTEM_NAME = 'Hệ thống';
const CONVERSION_REASON =
  'Chuyển bản trình diễn thành cài đặt thật (CHISO_DEMO=false): vô hiệu hóa tài khoản dùng thử và xóa mật khẩu dùng thử đã lưu';

export interface StartReport {
  mode: InstallationMode;
  /** What happened, in Vietnamese, for the console. */
  lines: string[];
  /** A first administrator created now (its password is shown here only). */
  firstAdmin?: { username: string; password: string };
  /** Demo accounts disabled by a conversion made now. */
  converted?: string[];
}

export { readInstallation };

function adminLines(a: { username: string; password: string }): string[] {
  return [
    'Đã tạo quản trị hệ thống đầu tiên.',
    `  Tên đăng nhập: ${a.username}`,
    `  Mật khẩu tạm thời: ${a.password}`,
    'Mật khẩu chỉ hiển thị một lần này và phải đổi khi đăng nhập lần đầu.',
  ];
}

/** Decide the installation's mode at start (see the file comment), doing what a new installation or
 * a conversion needs. Returns the mode in effect and the lines to print. */
export async function prepareInstallation(
  db: Db,
  config: Pick<Config, 'demo' | 'demoExplicit' | 'filesDir'>,
): Promise<StartReport> {
  const lines: string[] = [];
  let inst = await readInstallation(db);
  if (!inst) {
    if ((await countUsers(db)) === 0) {
      if (config.demo) {
        const r = await seedDemo(db, { cyclesFiles: new FileStore(config.filesDir) });
        lines.push(
          `Đã nạp dữ liệu mẫu: ${r.units} đơn vị, ${r.accounts.length} tài khoản dùng thử. Đây là BẢN TRÌNH DIỄN: ` +
            'mật khẩu các tài khoản dùng thử chỉ hiện trên trang đăng nhập khi mở từ chính máy này. ' +
            'Để dùng thật: CHISO_DEMO=false npm start trên một thư mục dữ liệu mới.',
        );
        return { mode: 'demo', lines };
      }
      const a = await createFirstAdmin(db);
      lines.push(...adminLines(a));
      return { mode: 'real', lines, firstAdmin: a };
    }
    // made before modes were stored: the demo seed left its accounts
    const mode: InstallationMode = (await countDemoAccounts(db)) > 0 ? 'demo' : 'real';
    inst = { mode, since: new Date().toISOString(), inferred: true };
    await replaceInstallation(db, inst);
    lines.push(
      mode === 'demo'
        ? 'Đã ghi nhận chế độ của cài đặt: bản trình diễn (có tài khoản dùng thử).'
        : 'Đã ghi nhận chế độ của cài đặt: cài đặt thật.',
    );
  }
  if (inst.mode === 'demo' && config.demoExplicit && !config.demo) {
    const c = await convertToReal(db);
    lines.push(
      `Đã chuyển bản trình diễn thành cài đặt thật: ${c.disabled.length} tài khoản dùng thử đã bị vô hiệu hóa, ` +
        'mật khẩu dùng thử đã lưu đã bị xóa (mỗi tài khoản một bản ghi nhật ký hệ thống). ' +
        'Không thể quay lại chế độ trình diễn; dữ liệu mẫu (đơn vị, kỳ đánh giá) vẫn còn.',
    );
    if (c.firstAdmin) lines.push(...adminLines(c.firstAdmin));
    else
      lines.push(
        'Đăng nhập bằng tài khoản quản trị hệ thống sẵn có; tạo thêm bằng: npm run chiso -- create-admin',
      );
    return {
      mode: 'real',
      lines,
      converted: c.disabled,
      ...(c.firstAdmin ? { firstAdmin: c.firstAdmin } : {}),
    };
  }
  if (inst.mode === 'real' && config.demoExplicit && config.demo)
    lines.push(
      'CHISO_DEMO=true bị bỏ qua: đây là cài đặt thật, không chuyển lại thành bản trình diễn. ' +
        'Muốn xem bản trình diễn, chạy với một DATA_DIR (hoặc cơ sở dữ liệu) mới.',
    );
  return { mode: inst.mode, lines };
}

/** The first administrator of a new real installation, recorded with the mode in one transaction. */
export async function createFirstAdmin(db: Db): Promise<{ username: string; password: string }> {
  const a = await prepareAdmin('admin');
  await db.transaction(async (tx) => {
    await insertInstallation(tx, { mode: 'real', since: new Date().toISOString() });
    await insertSystemAdmin(tx, a);
  });
  return { username: a.username, password: a.password };
}

/** Demo → real, in one transaction (see the file comment). Idempotent on a real installation. */
export async function convertToReal(
  db: Db,
): Promise<{ disabled: string[]; firstAdmin?: { username: string; password: string } }> {
  // hashed before the transaction; used only if no enabled system administrator remains
  const admin = await prepareAdmin('admin');
  return db.transaction(async (tx) => {
    const inst = await readInstallation(tx);
    if (inst?.mode === 'real') return { disabled: [] };
    const names = [...new Set([...(await listDemoAccounts(tx)).map((a) => a.username), ...DEMO_USERNAMES])];
    const disabled: string[] = [];
    for (const u of await usersByUsernames(tx, names)) {
      await disableUser(tx, u.id);
      await audit(tx, {
        actorId: null,
        actorName: SYSTEM_NAME,
        action: 'user.update',
        entity: 'user',
        entityId: u.id,
        before: { username: u.username, fullName: u.fullName, disabled: u.disabled },
        after: { username: u.username, fullName: u.fullName, disabled: true, demoPasswordErased: true },
        reason: CONVERSION_REASON,
      });
      disabled.push(u.username);
    }
    await deleteDemoAccounts(tx);
    const now = new Date().toISOString();
    const next: Installation = { mode: 'real', since: inst?.since ?? now, convertedAt: now };
    await replaceInstallation(tx, next);
    if ((await countEnabledSystemAdmins(tx)) > 0) return { disabled };
    let username = admin.username;
    for (let i = 2; await getUserByUsername(tx, username); i++) username = `admin${i}`;
    await insertSystemAdmin(
      tx,
      { username, passwordHash: admin.passwordHash },
      { reason: 'Tạo quản trị hệ thống đầu tiên khi chuyển bản trình diễn thành cài đặt thật' },
    );
    return { disabled, firstAdmin: { username, password: admin.password } };
  });
}
