/** Starts Chiso: configuration, database (migrations applied), the installation's mode (first-run
 * data, or a demo turned real), HTTP server. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DbOpenError, openDb } from './db/open.ts';
import { prepareInstallation } from './modules/system/installation.ts';

async function main() {
  const requested = loadConfig();
  const database = await openDb({ databaseUrl: requested.databaseUrl, dataDir: requested.dataDir });
  const where =
    database.engine === 'pglite' ? `PGlite tại ${requested.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  // the stored mode wins over CHISO_DEMO, except for the one-way move demo → real
  const report = await prepareInstallation(database.db, requested);
  if (report.lines.length) console.log(`\n${report.lines.join('\n')}\n`);
  const config = { ...requested, demo: report.mode === 'demo' };
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
  // jobs: deadline reminders (3 days and 1 day before) and the e-mail outbox, every
  // JOBS_INTERVAL_SECONDS (10 minutes by default);
  // both are idempotent, so a restart or an overlap repeats nothing
  let jobRunning = false;
  const jobs = async () => {
    if (jobRunning || stopping) return;
    jobRunning = true;
    try {
      // every kind of deadline, each reminder with its dedupe key: cycle stages, report requests, tasks
      const n =
        (await app.services.notices.deadlineReminders()) +
        (await app.services.notices.reportReminders()) +
        (await app.services.notices.taskReminders());
      // survey jobs (issue #15): agency invitations reminded 3 days before closing; contacts of a
      // closed post-audit erased after its configured days
      const invited = await app.services.surveyAgency.reminderJob();
      const erased = await app.services.surveyPostaudit.eraseDueContacts();
      const m = await app.services.notices.sendPending();
      if (n || invited || erased || m.sent || m.failed)
        app.log.info({ reminders: n, invited, erased, mail: m }, 'Thông báo');
    } catch (e) {
      app.log.error(e, 'Lỗi khi gửi thông báo');
    } finally {
      jobRunning = false;
    }
  };
  setInterval(() => void jobs(), config.jobsIntervalSeconds * 1000).unref();
  setTimeout(() => void jobs(), 5_000).unref();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(
    `Chiso đang chạy tại http://${shown}:${config.port} — cơ sở dữ liệu: ${where} — ${
      config.demo
        ? 'BẢN TRÌNH DIỄN (dữ liệu mẫu; mật khẩu dùng thử chỉ hiện cho trình duyệt trên chính máy này)'
        : 'cài đặt thật'
    }`,
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
