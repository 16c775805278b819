/** Runs in every browser test file: when a test fails, print what each open page shows (address and
 * visible text) and the end of each running server's log, so that a failure on a CI machine, where no
 * screenshot can be looked at, says what the user would have seen. Screenshots go to e2e/out/failures. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { OUT, running } from './server.ts';

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const dir = path.join(OUT, 'failures');
  fs.mkdirSync(dir, { recursive: true });
  const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  let n = 0;
  const lines: string[] = [`--- what the pages showed when "${ctx.task.name}" failed`];
  for (const b of running.browsers)
    for (const c of b.contexts())
      for (const p of c.pages()) {
        n++;
        try {
          const text = await p.innerText('body', { timeout: 10_000 });
          lines.push(`page ${n}: ${p.url()}`, text.replace(/\s+\n/g, '\n').slice(0, 1500));
          await p.screenshot({ path: path.join(dir, `${name}-${n}.png`), timeout: 10_000 });
        } catch (e) {
          lines.push(`page ${n}: ${p.url()} (unreadable: ${String(e).slice(0, 200)})`);
        }
      }
  for (const s of running.servers) lines.push(`--- server ${s.url}, end of its log`, s.log().slice(-2000));
  console.log(lines.join('\n'));
});
