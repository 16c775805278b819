/** Files stored once per content hash: FILES_DIR/ab/cd/<sha256>. Written to a temporary name and
 * renamed, so a file is either complete or absent; storing the same content twice is a no-op. */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export class FileStore {
  constructor(private readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad hash');
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  static hash(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Store the bytes; returns their hash and whether they were new. */
  async put(bytes: Buffer): Promise<{ sha256: string; created: boolean }> {
    const sha256 = FileStore.hash(bytes);
    const final = this.pathOf(sha256);
    try {
      await fs.access(final);
      return { sha256, created: false };
    } catch {
      // not there yet
    }
    await fs.mkdir(path.dirname(final), { recursive: true });
    const tmp = `${final}.${randomUUID()}.tmp`;
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, final);
    return { sha256, created: true };
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  /** Remove a file that no row refers to (after a failed insert of a newly stored file). */
  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }
}
