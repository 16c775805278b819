/** The web app's files over the wire (run after `npm run build`): hashed assets are sent
 * precompressed (brotli, else gzip) with a year's immutable cache and Vary: Accept-Encoding;
 * index.html is revalidated on every load so a new build is picked up at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from './server.ts';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The entry module named by index.html (`<script type="module" src="/assets/index-….js">`). */
async function mainBundle(): Promise<string> {
  const html = await (await fetch(`${server.url}/login`)).text();
  const src = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
  expect(src, html).toMatch(/^\/assets\/.+\.js$/);
  return src!;
}

describe('static files', () => {
  it('sends the main bundle precompressed with an immutable cache', async () => {
    const src = await mainBundle();
    const plain = await fetch(`${server.url}${src}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBytes = (await plain.arrayBuffer()).byteLength;
    expect(plain.headers.get('content-encoding')).toBeNull();

    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      // fetch() would decode the body; the raw length is read from Content-Length
      const r = await fetch(`${server.url}${src}`, { headers: { 'accept-encoding': accept } });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-encoding')).toBe(encoding);
      expect(r.headers.get('content-type')).toMatch(/javascript/);
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(r.headers.get('vary') ?? '').toMatch(/accept-encoding/i);
      const wire = Number(r.headers.get('content-length'));
      expect(wire).toBeGreaterThan(0);
      expect(wire).toBeLessThan(plainBytes / 2);
      // the decoded body is the same script
      expect((await r.arrayBuffer()).byteLength).toBe(plainBytes);
    }
  });

  it('keeps index.html fresh and does not serve the compressed files by their own names', async () => {
    const html = await fetch(`${server.url}/`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const src = await mainBundle();
    const br = await fetch(`${server.url}${src}.br`);
    expect(br.headers.get('content-type') ?? '').toMatch(/text\/html/);
  });
});
