/** Bounds on a zip-based upload (.xlsx), checked before exceljs (JSZip) touches it (security issue #11,
 * finding 8: a 0.3 MB .xlsx grew the server to 1.4–1.95 GB).
 *
 * 1. The central directory is read (as JSZip reads it: the last end-of-central-directory record, zip64
 *    when present) and the declared uncompressed sizes are summed: the total must stay within
 *    ZIP_MAX_EXPANSION_FACTOR × UPLOAD_MAX_MB and within ZIP_MAX_RATIO times the size of the file.
 * 2. The directory can lie, so every entry is then inflated from the very bytes JSZip will inflate,
 *    as a stream whose output is counted and dropped: past the entry's declared size the inflation
 *    stops and the file is refused. Memory stays at one chunk whatever the entry holds.
 * Only after both does the caller hand the buffer to exceljs, which then inflates at most what was
 * counted. Runs in the upload worker. */
import zlib from 'node:zlib';
import { formatCount, formatMegabytes, TOO_LARGE } from '@chiso/domain/uploadLimits';
import { AppError } from '../errors.ts';

export interface ZipBounds {
  /** Total uncompressed bytes over all entries. */
  maxTotalBytes: number;
  /** Total uncompressed bytes ÷ size of the file. */
  maxRatio: number;
  /** Entries in the archive (an .xlsx holds a few dozen). */
  maxEntries?: number;
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's compressed bytes start in the file. */
  dataOffset: number;
}

const MAX_ENTRIES = 10_000;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

export const isZip = (buf: Uint8Array) => buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b;
/** An OLE compound file: an .xls of old, or an .xlsx protected by a password. */
export const isCompoundFile = (buf: Uint8Array) =>
  buf.length > 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;

/** Not a zip we can read; the message (English, internal) goes to the log, never to the user. */
export class ZipUnreadable extends Error {}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipUnreadable('zip64 value beyond 2^53');
  return Number(v);
}

function need(buf: Buffer, at: number, len: number, what: string) {
  if (at < 0 || at + len > buf.length) throw new ZipUnreadable(`${what} out of bounds`);
}

/** The entries of the central directory, with where each one's data starts (from its local header). */
export function readCentralDirectory(buf: Buffer, maxEntries = MAX_ENTRIES): ZipEntryInfo[] {
  // end of central directory: 22 bytes + a comment of up to 65 535 bytes, the last one wins (as JSZip)
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipUnreadable('no end of central directory');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    need(buf, loc, 20, 'zip64 locator');
    if (buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) throw new ZipUnreadable('zip64 locator missing');
    const z = u64(buf, loc + 8);
    need(buf, z, 56, 'zip64 end of central directory');
    if (buf.readUInt32LE(z) !== SIG_ZIP64_EOCD) throw new ZipUnreadable('zip64 record missing');
    count = u64(buf, z + 32);
    cdSize = u64(buf, z + 40);
    cdOffset = u64(buf, z + 48);
  }
  if (count > maxEntries)
    throw new AppError(
      'FILE_TOO_LARGE',
      `${TOO_LARGE}: tệp nén có ${formatCount(count)} mục, vượt giới hạn ${formatCount(maxEntries)} mục.`,
    );
  need(buf, cdOffset, cdSize, 'central directory');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    need(buf, p, 46, 'central directory entry');
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipUnreadable('bad central directory signature');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    need(buf, p + 46, nameLen + extraLen + commentLen, 'central directory names');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // zip64 extended information: the 8-byte values of the fields set to 0xFFFFFFFF, in this order
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + size) throw new ZipUnreadable('short zip64 extra field');
          const v = u64(buf, q);
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      e += 4 + size;
    }
    if (flags & 0x1) throw new ZipUnreadable(`encrypted entry ${name}`);
    if (method !== 0 && method !== 8) throw new ZipUnreadable(`compression method ${method} in ${name}`);
    need(buf, localOffset, 30, 'local header');
    if (buf.readUInt32LE(localOffset) !== SIG_LOCAL) throw new ZipUnreadable('bad local header signature');
    const dataOffset =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    need(buf, dataOffset, compressedSize, `data of ${name}`);
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflate one entry, counting its output and dropping it; stop as soon as it passes `cap` bytes. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw();
    let total = 0;
    let over = false;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap && !over) {
        over = true;
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('error', (e) => (over ? undefined : reject(new ZipUnreadable(`inflate: ${e.message}`))));
    inflate.on('end', () => resolve(total));
    inflate.end(data);
  });
}

/** Check a zip-based upload against its bounds (see the file comment). Throws AppError FILE_TOO_LARGE
 * past a bound, ZipUnreadable for what is not a zip we can read. */
export async function checkZip(buf: Buffer, bounds: ZipBounds): Promise<ZipEntryInfo[]> {
  const entries = readCentralDirectory(buf, bounds.maxEntries);
  const declared = entries.reduce((a, e) => a + e.uncompressedSize, 0);
  const ratio = declared / Math.max(1, buf.length);
  if (declared > bounds.maxTotalBytes)
    throw new AppError(
      'FILE_TOO_LARGE',
      `${TOO_LARGE}: nội dung nén của tệp giãn ra ${formatMegabytes(declared)}, vượt giới hạn ${formatMegabytes(bounds.maxTotalBytes)}.`,
    );
  if (ratio > bounds.maxRatio)
    throw new AppError(
      'FILE_TOO_LARGE',
      `${TOO_LARGE}: nội dung nén của tệp giãn ra gấp ${formatCount(Math.round(ratio))} lần kích thước tệp, vượt giới hạn ${formatCount(bounds.maxRatio)} : 1.`,
    );
  for (const e of entries) {
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const actual = e.method === 0 ? data.length : await inflatedSize(data, e.uncompressedSize);
    if (actual > e.uncompressedSize)
      throw new AppError(
        'FILE_TOO_LARGE',
        `${TOO_LARGE}: nội dung nén của tệp lớn hơn kích thước khai báo trong tệp (một mục khai báo ${formatCount(e.uncompressedSize)} byte nhưng giải nén ra nhiều hơn).`,
      );
  }
  return entries;
}
