/** The commands as a user runs them (`npm run chiso -- …` runs this same file with tsx). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/open.ts';
import { tempDir } from './helpers.ts';

const cli = path.resolve(import.meta.dirname, '../src/cli.ts');
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, DATABASE_URL: '' },
    timeout: 120_000,
  });

describe.skipIf(!!process.env.TEST_DATABASE_URL)('chiso commands on the embedded database', () => {
  it('seed-demo, verify-audit (pass, then fail after a record is altered), backup and restore', () => {
    const dir = tempDir('chiso-cli-');
    const seeded = run(['seed-demo'], { DATA_DIR: dir });
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('quantri');
    const ok = run(['verify-audit'], { DATA_DIR: dir });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('nguyên vẹn');

    const file = path.join(tempDir('chiso-cli-b-'), `${path.basename(dir)}.tar.gz`);
    expect(run(['backup', '--out', file], { DATA_DIR: dir }).status).toBe(0);
    const target = tempDir('chiso-cli-r-');
    const restored = run(['restore', file], { DATA_DIR: target });
    expect(restored.status, restored.stderr).toBe(0);
    expect(run(['verify-audit'], { DATA_DIR: target }).status).toBe(0);
    return (async () => {
      const d = await openDb({ dataDir: dir });
      await d.db.execute(sql`alter table audit_log disable trigger user`);
      await d.db.execute(sql`update audit_log set reason = 'sửa lén' where seq = 3`);
      await d.close();
      const bad = run(['verify-audit'], { DATA_DIR: dir });
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('bản ghi số 3');
      expect(run(['create-admin', '--username', 'admin2'], { DATA_DIR: target }).stdout).toContain(
        'Mật khẩu tạm thời',
      );
      expect(run(['khong-co'], { DATA_DIR: target }).status).toBe(1);
    })();
  }, 180_000);
});
