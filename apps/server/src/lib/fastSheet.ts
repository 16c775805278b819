/** A fast reader of the first sheet of an .xlsx for large, plain uploads (ballot imports: 100 000 rows ×
 * 30 columns). exceljs builds a full model of every cell with its style (~20 s for such a file on an
 * idle machine); this reads the sheet's XML and shared strings with two regular expressions and
 * builds only the trimmed text. Runs in the upload worker, after the zip bounds were checked.
 * It returns null for what it does not handle (merged cells, namespace-prefixed XML, a missing part);
 * the caller then reads the file with exceljs. Numbers are given as JavaScript prints them (as the
 * exceljs path does); a date cell stays its serial number (ballot files hold no dates). */
import zlib from 'node:zlib';
import {
  sheetTooLargeMessage,
  tooManyCellsMessage,
  UPLOAD_LIMITS,
  type UploadKind,
} from '@chiso/domain/uploadLimits';
import { quoteInput } from '@chiso/domain/limits';
import { AppError } from '../errors.ts';
import type { SheetData } from './xlsx.ts';
import type { ZipEntryInfo } from './zipGuard.ts';

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : ENTITY[e]!,
      )
    : s;

/** The text of every <t> inside a fragment (a shared string or an inline string; rich text runs). */
function runs(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += m[1];
  return decode(out);
}

/** "AB12" → [column 28, row 12] (1-based). */
function ref(r: string): [number, number] {
  let c = 0;
  let i = 0;
  for (; i < r.length; i++) {
    const code = r.charCodeAt(i);
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  return [c, Number(r.slice(i))];
}

export function readFirstSheetFast(buf: Buffer, entries: ZipEntryInfo[], kind: UploadKind): SheetData | null {
  const limit = UPLOAD_LIMITS[kind];
  const byName = new Map(entries.map((e) => [e.name, e]));
  const part = (name: string) => {
    const e = byName.get(name);
    if (!e) return null;
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return (e.method === 0 ? data : zlib.inflateRawSync(data)).toString('utf8');
  };
  const workbook = part('xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return null;
  const sheetTag = /<sheet\s[^>]*>/.exec(workbook)?.[0];
  const rid = sheetTag && /\br:id="([^"]+)"/.exec(sheetTag)?.[1];
  const name = decode((sheetTag && /\bname="([^"]*)"/.exec(sheetTag)?.[1]) ?? 'Trang 1');
  if (!rid) return null;
  const relTag = [...rels.matchAll(/<Relationship\s[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`Id="${rid}"`));
  const target = relTag && /\bTarget="([^"]+)"/.exec(relTag)?.[1];
  if (!target) return null;
  const sheet = part(target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  if (!sheet || /<mergeCell\s/.test(sheet) || (!/<c[\s>]/.test(sheet) && /<\w+:c[\s>]/.test(sheet)))
    return null;
  const sst = part('xl/sharedStrings.xml');
  const shared = sst ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1]!)) : [];
  const where = `trang tính ${quoteInput(name)}`;
  const filled = new Map<number, string[]>();
  let lastRow = 0;
  let lastColumn = 0;
  for (const m of sheet.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[1]!;
    const inner = m[2];
    if (!inner) continue;
    const r = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
    if (!r) return null;
    const t = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
    const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    let text: string;
    if (t === 's') text = shared[Number(v)] ?? '';
    else if (t === 'inlineStr') text = runs(inner);
    else if (t === 'str') text = decode(v ?? '');
    else if (t === 'b') text = v === '1' ? 'true' : 'false';
    else if (t === 'e') text = '';
    else text = v === undefined || v === '' ? '' : String(Number(v));
    text = text.trim();
    if (text === '') continue;
    const [c, n] = ref(r);
    if (c > limit.maxColumns || n > limit.maxRows)
      throw new AppError('FILE_TOO_LARGE', sheetTooLargeMessage(limit, where, n, c));
    let row = filled.get(n);
    if (!row) filled.set(n, (row = []));
    row[c - 1] = text;
    if (c > lastColumn) lastColumn = c;
    if (n > lastRow) lastRow = n;
  }
  if (filled.size * lastColumn > limit.maxCells)
    throw new AppError('FILE_TOO_LARGE', tooManyCellsMessage(limit, where));
  const rows: string[][] = Array.from({ length: lastRow }, () => []);
  for (const [n, cells] of filled) rows[n - 1] = Array.from({ length: lastColumn }, (_, i) => cells[i] ?? '');
  return { name, rows, merges: [] };
}
