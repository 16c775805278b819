// `npm start`: build the web app on first run (or when its sources are newer), then start the server.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'apps/web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const webSrc = path.join(root, 'apps/web/src');
const stale =
  !fs.existsSync(dist) || (fs.existsSync(webSrc) && newestMtime(webSrc) > fs.statSync(dist).mtimeMs);
if (stale && fs.existsSync(path.join(root, 'apps/web/index.html'))) {
  console.log('Đang xây dựng giao diện web (lần chạy đầu)…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@chiso/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Xây dựng giao diện web thất bại.');
    process.exit(r.status ?? 1);
  }
}
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
