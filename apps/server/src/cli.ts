/** Commands: `npm run chiso -- <command>`. */
import { loadConfig } from './config.ts';
import { openDb } from './db/open.ts';
import { backup, restore } from './commands/backup.ts';
import { runCheckTable } from './commands/checkTable.ts';
import { AuditService } from './modules/audit/service.ts';
import { createAdmin } from './modules/system/firstAdmin.ts';
import { FileStore } from './lib/fileStore.ts';
import { seedDemo } from './modules/system/seed.ts';

const HELP = `Cách dùng: npm run chiso -- <lệnh> [tham số]

Lệnh:
  backup [--out TỆP]          Sao lưu cơ sở dữ liệu (PGlite: .tar.gz; PostgreSQL: pg_dump .dump)
  restore TỆP                 Khôi phục bản sao lưu vào DATA_DIR trống (hoặc DATABASE_URL)
  verify-audit                Kiểm tra chuỗi băm của nhật ký kiểm toán
  seed-demo                   Nạp dữ liệu mẫu vào cơ sở dữ liệu trống (thành bản trình diễn);
                              không chạy trên cài đặt thật
  create-admin [--username T] Tạo quản trị hệ thống; mật khẩu được sinh ngẫu nhiên
                              (hoặc lấy từ biến môi trường CHISO_ADMIN_PASSWORD)
  check-table TỆP [--transpose] [--max N] [--json]
                              Kiểm tra bảng kết quả đã công bố (CSV/XLSX)
  migrate                     Áp dụng các migration của cơ sở dữ liệu

Biến môi trường: DATA_DIR (mặc định ./data), DATABASE_URL (postgres://…).`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function run(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'backup': {
      const file = await backup(config, flag(args, '--out'));
      console.log(`Đã sao lưu vào ${file}`);
      return 0;
    }
    case 'restore': {
      const file = args[0];
      if (!file) throw new Error('Thiếu tên tệp sao lưu: npm run chiso -- restore TỆP');
      await restore(config, file);
      console.log(`Đã khôi phục ${file} vào ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);
      return 0;
    }
    case 'verify-audit': {
      const d = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const r = await new AuditService(d.db).verify();
        if (r.ok) {
          console.log(`Nhật ký kiểm toán nguyên vẹn: ${r.count} bản ghi, chuỗi băm khớp.`);
          return 0;
        }
        console.error(`NHẬT KÝ KIỂM TOÁN BỊ THAY ĐỔI: ${r.problems.length} vấn đề trong ${r.count} bản ghi:`);
        for (const p of r.problems) console.error(`  - bản ghi số ${p.seq}: ${p.problem}`);
        return 3;
      } finally {
        await d.close();
      }
    }
    case 'seed-demo': {
      const d = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const r = await seedDemo(d.db, { cyclesFiles: new FileStore(config.filesDir) });
        console.log(`Đã nạp ${r.units} đơn vị và ${r.accounts.length} tài khoản dùng thử:`);
        for (const a of r.accounts)
          console.log(`  ${a.username.padEnd(22)} ${a.password}  ${a.role} — ${a.unit}`);
        return 0;
      } finally {
        await d.close();
      }
    }
    case 'create-admin': {
      const d = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const a = await createAdmin(
          d.db,
          flag(args, '--username') ?? 'admin',
          process.env.CHISO_ADMIN_PASSWORD || undefined,
        );
        console.log(
          `Đã tạo quản trị hệ thống "${a.username}".${process.env.CHISO_ADMIN_PASSWORD ? '' : ` Mật khẩu tạm thời: ${a.password}`}`,
        );
        console.log('Mật khẩu phải được đổi khi đăng nhập lần đầu.');
        return 0;
      } finally {
        await d.close();
      }
    }
    case 'check-table':
      return runCheckTable(args, (l) => console.log(l));
    case 'migrate': {
      const d = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await d.close();
      console.log('Đã áp dụng migration.');
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return 0;
    default:
      console.error(`Lệnh không hợp lệ: ${cmd}\n\n${HELP}`);
      return 1;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Lỗi: ${(e as Error).message}`);
    process.exit(1);
  },
);
