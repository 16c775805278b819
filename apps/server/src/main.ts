/** Starts Chiso: configuration, database (migrations applied), first-run data, HTTP server. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DbOpenError, openDb } from './db/open.ts';
import { createAdmin } from './modules/system/firstAdmin.ts';
import { FileStore } from './lib/fileStore.ts';
import { seedDemo } from './modules/system/seed.ts';
import { countUsers } from './modules/users/repository.ts';

async function main() {
  const config = loadConfig();
  const database = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const where = database.engine === 'pglite' ? `PGlite tại ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  if ((await countUsers(database.db)) === 0) {
    if (config.demo) {
      const r = await seedDemo(database.db, { cyclesFiles: new FileStore(config.filesDir) });
      console.log(
        `Đã nạp dữ liệu mẫu: ${r.units} đơn vị, ${r.accounts.length} tài khoản dùng thử (xem trang đăng nhập).`,
      );
    } else {
      const a = await createAdmin(database.db, 'admin');
      console.log(
        `\nĐã tạo quản trị hệ thống đầu tiên.\n  Tên đăng nhập: ${a.username}\n  Mật khẩu tạm thời: ${a.password}\n` +
          `Mật khẩu chỉ hiển thị một lần này và phải đổi khi đăng nhập lần đầu.\n`,
      );
    }
  }
  const app = await buildApp({ config, database });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'Đang dừng Chiso');
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  // jobs: deadline reminders (3 days and 1 day before) and the e-mail outbox, every 10 minutes;
  // both are idempotent, so a restart or an overlap repeats nothing
  let jobRunning = false;
  const jobs = async () => {
    if (jobRunning || stopping) return;
    jobRunning = true;
    try {
      const n = await app.services.notices.deadlineReminders();
      const m = await app.services.notices.sendPending();
      if (n || m.sent || m.failed) app.log.info({ reminders: n, mail: m }, 'Thông báo');
    } catch (e) {
      app.log.error(e, 'Lỗi khi gửi thông báo');
    } finally {
      jobRunning = false;
    }
  };
  setInterval(() => void jobs(), 10 * 60 * 1000).unref();
  setTimeout(() => void jobs(), 5_000).unref();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(
    `Chiso đang chạy tại http://${shown}:${config.port} — cơ sở dữ liệu: ${where}${config.demo ? ' — chế độ dùng thử' : ''}`,
  );
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DbOpenError) {
    console.error(`Không khởi động được Chiso: ${e.message}`);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `Không khởi động được Chiso: cổng đã bị chiếm (${(e as Error).message}). Đặt PORT khác, ví dụ PORT=3001 npm start.`,
    );
  } else {
    console.error('Không khởi động được Chiso:', e);
  }
  process.exit(1);
});
