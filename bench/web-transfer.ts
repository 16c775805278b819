/** The login page's JavaScript over the wire: Chromium opens /login on the server as `npm start`
 * runs it (built web app, demo data), and each script it loads is listed with the bytes that
 * crossed the network (brotli or gzip, precompressed at build) beside its uncompressed size, as it
 * was sent before precompression. Run after `npm run build`. */
import { launchBrowser, startServer } from '../e2e/server.ts';

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const kb = (n: number) => `${vi.format(n / 1024)} KB`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  const scripts: { url: string; encoding: string; wire: number; raw: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const [sizes, body] = await Promise.all([r.request().sizes(), r.body()]);
        scripts.push({
          url: new URL(r.url()).pathname,
          encoding: r.headers()['content-encoding'] ?? '—',
          wire: sizes.responseBodySize,
          raw: body.length,
        });
      })(),
    );
  });
  await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
  await page.getByLabel('Tên đăng nhập').waitFor();
  await Promise.all(pending);
  scripts.sort((a, b) => b.raw - a.raw);
  console.log('Trang đăng nhập: JavaScript tải về (qua mạng / chưa nén)');
  for (const s of scripts)
    console.log(
      `  ${s.url.padEnd(40)} ${s.encoding.padEnd(5)} ${kb(s.wire).padStart(10)} / ${kb(s.raw).padStart(10)}`,
    );
  const wire = scripts.reduce((a, s) => a + s.wire, 0);
  const raw = scripts.reduce((a, s) => a + s.raw, 0);
  console.log(
    `  tổng ${scripts.length} tệp: ${kb(wire)} qua mạng, ${kb(raw)} chưa nén (tỷ lệ ${vi.format((wire / raw) * 100)}%)`,
  );
  // on a district office's line of 2 Mbit/s
  const at2 = (n: number) => `${vi.format((n * 8) / 2_000_000)} s`;
  console.log(`  ở 2 Mbit/s: ${at2(wire)} thay vì ${at2(raw)}`);
} finally {
  await browser.close();
  await server.stop();
}
