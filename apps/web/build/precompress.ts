/** A Vite plugin that writes `.br` and `.gz` beside each hashed asset once the bundle is written,
 * so the server sends compressed files without compressing per request (`preCompressed` of
 * @fastify/static, apps/server/src/app.ts). Brotli at its highest quality (the work is done once, at
 * build), gzip at level 9 for clients without brotli. A variant is kept only when smaller. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|map|wasm)$/;

export async function precompressDir(
  dir: string,
): Promise<{ file: string; raw: number; br: number; gz: number }[]> {
  const out: { file: string; raw: number; br: number; gz: number }[] = [];
  const files = (await fs.readdir(dir)).filter((f) => COMPRESSIBLE.test(f));
  await Promise.all(
    files.map(async (f) => {
      const full = path.join(dir, f);
      const raw = await fs.readFile(full);
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gzip(raw, { level: 9 }),
      ]);
      if (br.length < raw.length) await fs.writeFile(`${full}.br`, br);
      if (gz.length < raw.length) await fs.writeFile(`${full}.gz`, gz);
      out.push({ file: f, raw: raw.length, br: br.length, gz: gz.length });
    }),
  );
  return out;
}

export function precompress(assetsDir = 'assets'): Plugin {
  let outDir = 'dist';
  return {
    name: 'chiso-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    async closeBundle() {
      await precompressDir(path.join(outDir, assetsDir));
    },
  };
}
