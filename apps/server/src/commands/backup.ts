/** backup / restore: PGlite data directory dump (tar.gz) or pg_dump / pg_restore for PostgreSQL. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDb } from '../db/open.ts';

function pgTool(tool: 'pg_dump' | 'pg_restore'): string {
  const probe = spawnSync(tool, ['--version']);
  if (probe.status === 0) return tool;
  const dirs = fs.existsSync('/usr/lib/postgresql')
    ? fs.readdirSync('/usr/lib/postgresql').sort().reverse()
    : [];
  for (const v of dirs) {
    const p = `/usr/lib/postgresql/${v}/bin/${tool}`;
    if (fs.existsSync(p)) return p;
  }
  throw new Error(
    `Không tìm thấy ${tool}. Hãy cài gói postgresql-client (apt-get install postgresql-client).`,
  );
}

export async function backup(config: Config, out: string | undefined): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  if (config.databaseUrl) {
    const file = path.resolve(out ?? `chiso-backup-${stamp}.dump`);
    const r = spawnSync(
      pgTool('pg_dump'),
      ['--format=custom', '--no-owner', '--file', file, config.databaseUrl],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`pg_dump thất bại: ${r.stderr}`);
    return file;
  }
  const file = path.resolve(out ?? `chiso-backup-${stamp}.tar.gz`);
  const database = await openDb({ dataDir: config.dataDir, migrate: false });
  try {
    const blob = await database.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
  }
  return file;
}

export async function restore(config: Config, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`Không tìm thấy tệp sao lưu ${file}.`);
  if (config.databaseUrl) {
    // make sure the database exists (openDb creates it), then restore into it
    const d = await openDb({ databaseUrl: config.databaseUrl, migrate: false });
    await d.close();
    const r = spawnSync(
      pgTool('pg_restore'),
      ['--clean', '--if-exists', '--no-owner', '--dbname', config.databaseUrl, file],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`pg_restore thất bại: ${r.stderr}`);
    return;
  }
  const pgDir = path.join(config.dataDir, 'pglite');
  if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
    throw new Error(
      `Thư mục dữ liệu ${config.dataDir} đã có dữ liệu. Hãy khôi phục vào một thư mục trống (đặt DATA_DIR) để không ghi đè dữ liệu đang có.`,
    );
  }
  const buf = fs.readFileSync(file);
  const blob = new Blob([buf], { type: 'application/x-gzip' });
  const database = await openDb({ dataDir: config.dataDir, loadDataDir: blob });
  await database.close();
}
