/** Checking a published results table: recompute totals, index, ranks, mean and changes from the
 * stated component points and report every difference with a stable code. Pure. The check never
 * caps: a total is the plain sum of the stated components, so an excess is reported, not hidden.
 *
 * Cost: linear in the cells plus O(n log n) for the ranks (sorting, and a Fenwick tree and a segment
 * tree for the rank findings), so 20 000 rows take well under a second; the table is bounded by
 * UPLOAD_LIMITS.tableCheck and refused beyond it (TableTooLargeError). */
import {
  divRoundHalfUp,
  formatPoints,
  parseDecimal,
  scaleDecimal,
  type Decimal,
  type Hundredths,
} from '../points.ts';
import { searchKey } from '../text.ts';
import { sheetTooLargeMessage, UPLOAD_LIMITS } from '../uploadLimits.ts';

export type FindingCode =
  'SCORE_EXCEEDS_MAX' | 'TOTAL_MISMATCH' | 'INDEX_MISMATCH' | 'RANK_MISMATCH' | 'CHANGE_MISMATCH';

export interface Finding {
  code: FindingCode;
  /** Label of the row (unit or year) as printed in the table. */
  row: string;
  /** Label of the column (component or stated field). */
  column: string;
  stated: string;
  expected: string;
  message: string;
}

export interface Note {
  row: string;
  column: string;
  message: string;
}

type Role = 'component' | 'total' | 'index' | 'rank' | 'change' | 'ignored';

export interface ColumnInfo {
  label: string;
  role: Role;
  /** Maximum from the header "(65)", in hundredths; null when the cells carry it ("7,82/8"). */
  headerMax: Hundredths | null;
}

export interface RowResult {
  label: string;
  components: { column: string; points: Hundredths | null; max: Hundredths | null }[];
  /** Sum of the stated component points (never capped); null if a component is missing. */
  total: Hundredths | null;
  maxTotal: Hundredths | null;
  /** Index in hundredths of a percent (total ÷ maxTotal × 100, half-up, 2 places). */
  index: number | null;
  rank: number | null;
  /** This row's total minus the previous row's total. */
  change: Hundredths | null;
  stated: { total: string | null; index: string | null; rank: string | null; change: string | null };
}

export interface CheckResult {
  columns: ColumnInfo[];
  rows: RowResult[];
  findings: Finding[];
  notes: Note[];
  mean: { total: Hundredths | null; index: number | null };
}

export interface CheckOptions {
  /** Units in columns instead of rows. */
  transpose?: boolean;
  /** Bounds on the matrix as given (before transposing); default UPLOAD_LIMITS.tableCheck. */
  maxRows?: number;
  maxColumns?: number;
}

/** The table is larger than the check accepts; the message (Vietnamese) states the bound. */
export class TableTooLargeError extends Error {
  override readonly name = 'TableTooLargeError';
}

const ROLE_PATTERNS: [Role, RegExp][] = [
  ['total', /^(tong diem|tong cong|tong so diem|tong|total|diem tong)\b/],
  ['index', /^(chi so|index|ty le|ti le)\b/],
  ['rank', /^(xep hang|thu hang|hang|thu tu xep hang|rank|ranking)\b/],
  ['change', /^(tang\/giam|tang, giam|tang giam|tang \/ giam|so voi|change|delta)/],
  ['ignored', /^(stt|tt|so tt|ghi chu|xep loai|note|notes|remark|remarks)\b/],
];

function classify(header: string): ColumnInfo {
  const key = searchKey(header);
  const maxMatch = /\(\s*(?:toi da\s*|max\.?\s*)?([0-9]+(?:[.,][0-9]+)?)\s*(?:diem)?\s*\)/.exec(key);
  for (const [role, re] of ROLE_PATTERNS)
    if (re.test(key)) return { label: header.trim(), role, headerMax: null };
  const m = maxMatch ? parseDecimal(maxMatch[1]!) : null;
  return { label: header.trim(), role: 'component', headerMax: m ? scaleDecimal(m, 2) : null };
}

const fmtIndex = (i: number) => formatPoints(i, { fixed: true });
const scaled4 = (d: Decimal) => scaleDecimal(d, 4);

/** A stated value differs when it is off by more than half a unit of its last printed digit.
 * Both values in ten-thousandths. */
function differs(stated: Decimal, expected4: number): boolean {
  const s = scaled4(stated);
  const halfUnit = 5000 / 10 ** Math.min(stated.decimals, 4);
  return Math.abs(s - expected4) > halfUnit;
}

function transposeMatrix(m: string[][]): string[][] {
  let width = 0;
  for (const r of m) if (r.length > width) width = r.length;
  return Array.from({ length: width }, (_, c) => m.map((r) => r[c] ?? ''));
}

export function checkTable(matrix: string[][], opts: CheckOptions = {}): CheckResult {
  const limit = {
    ...UPLOAD_LIMITS.tableCheck,
    ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
    ...(opts.maxColumns !== undefined ? { maxColumns: opts.maxColumns } : {}),
  };
  let width = 0;
  for (const r of matrix) if (r.length > width) width = r.length;
  if (matrix.length > limit.maxRows || width > limit.maxColumns)
    throw new TableTooLargeError(sheetTooLargeMessage(limit, 'bảng', matrix.length, width));
  let m = matrix.map((r) => r.map((c) => (c ?? '').toString().trim()));
  m = m.filter((r) => r.some((c) => c !== ''));
  if (opts.transpose) m = transposeMatrix(m).filter((r) => r.some((c) => c !== ''));
  const findings: Finding[] = [];
  const notes: Note[] = [];
  if (m.length < 2)
    return {
      columns: [],
      rows: [],
      findings,
      notes: [{ row: '', column: '', message: 'Bảng không có dòng dữ liệu nào.' }],
      mean: { total: null, index: null },
    };
  const header = m[0]!;
  const columns = header.slice(1).map(classify);
  const rows: RowResult[] = [];

  for (const r of m.slice(1)) {
    const label = r[0] || `(dòng ${rows.length + 1})`;
    const row: RowResult = {
      label,
      components: [],
      total: null,
      maxTotal: null,
      index: null,
      rank: null,
      change: null,
      stated: { total: null, index: null, rank: null, change: null },
    };
    let total = 0;
    let maxTotal = 0;
    let complete = true;
    let maxKnown = true;
    columns.forEach((col, i) => {
      const cell = r[i + 1] ?? '';
      if (col.role === 'ignored') return;
      if (col.role !== 'component') {
        row.stated[col.role] = cell === '' ? null : cell;
        return;
      }
      let pointsText = cell;
      let max = col.headerMax;
      const slash = cell.includes('/') ? /^(.*?)\s*\/\s*(.*)$/.exec(cell) : null;
      if (slash) {
        pointsText = slash[1]!;
        const md = parseDecimal(slash[2]!);
        if (md) max = scaleDecimal(md, 2);
        else
          notes.push({ row: label, column: col.label, message: `Không đọc được điểm tối đa "${slash[2]}".` });
      }
      const pd = pointsText === '' ? null : parseDecimal(pointsText);
      if (pointsText !== '' && !pd)
        notes.push({ row: label, column: col.label, message: `Không đọc được số điểm "${pointsText}".` });
      const points = pd ? scaleDecimal(pd, 2) : null;
      if (pd && pd.decimals > 2)
        notes.push({
          row: label,
          column: col.label,
          message: `Điểm "${pointsText}" có hơn hai chữ số thập phân; đã làm tròn thành ${formatPoints(points!)}.`,
        });
      row.components.push({ column: col.label, points, max });
      if (points === null) {
        complete = false;
        if (pointsText === '')
          notes.push({
            row: label,
            column: col.label,
            message: 'Thiếu điểm; tổng và chỉ số của dòng này không tính được.',
          });
      } else total += points;
      if (max === null) maxKnown = false;
      else maxTotal += max;
      if (points !== null && max !== null && points > max) {
        findings.push({
          code: 'SCORE_EXCEEDS_MAX',
          row: label,
          column: col.label,
          stated: formatPoints(points),
          expected: `≤ ${formatPoints(max)}`,
          message: `${label} — "${col.label}": ${formatPoints(points)} điểm vượt điểm tối đa ${formatPoints(max)}.`,
        });
      }
    });
    if (complete && row.components.length > 0) row.total = total;
    if (maxKnown && row.components.length > 0) row.maxTotal = maxTotal;
    if (row.total !== null && row.maxTotal) row.index = divRoundHalfUp(row.total * 10000, row.maxTotal);
    rows.push(row);
  }

  // stated totals and indexes (column labels looked up once, not per finding)
  const totalColumn = columnLabel(columns, 'total');
  const indexColumn = columnLabel(columns, 'index');
  const changeColumn = columnLabel(columns, 'change');
  for (const row of rows) {
    if (row.stated.total !== null) {
      const d = parseDecimal(row.stated.total);
      if (!d)
        notes.push({
          row: row.label,
          column: 'Tổng điểm',
          message: `Không đọc được tổng điểm "${row.stated.total}".`,
        });
      else if (row.total === null)
        notes.push({
          row: row.label,
          column: 'Tổng điểm',
          message: 'Không kiểm tra được tổng điểm vì thiếu điểm thành phần.',
        });
      else if (differs(d, row.total * 100)) {
        findings.push({
          code: 'TOTAL_MISMATCH',
          row: row.label,
          column: totalColumn,
          stated: row.stated.total,
          expected: formatPoints(row.total),
          message: `${row.label} — tổng điểm ghi ${row.stated.total} nhưng cộng các thành phần được ${formatPoints(row.total)}.`,
        });
      }
    }
    if (row.stated.index !== null) {
      const d = parseDecimal(row.stated.index.replace('%', ''));
      if (!d)
        notes.push({
          row: row.label,
          column: 'Chỉ số',
          message: `Không đọc được chỉ số "${row.stated.index}".`,
        });
      else if (row.total === null || !row.maxTotal)
        notes.push({
          row: row.label,
          column: 'Chỉ số',
          message: 'Không kiểm tra được chỉ số vì thiếu điểm hoặc điểm tối đa.',
        });
      else {
        const exact4 = divRoundHalfUp(row.total * 1_000_000, row.maxTotal); // ten-thousandths of a percent
        if (differs(d, exact4)) {
          findings.push({
            code: 'INDEX_MISMATCH',
            row: row.label,
            column: indexColumn,
            stated: row.stated.index,
            expected: fmtIndex(row.index!),
            message: `${row.label} — chỉ số ghi ${row.stated.index} nhưng ${formatPoints(row.total)} ÷ ${formatPoints(row.maxTotal)} × 100 = ${fmtIndex(row.index!)}.`,
          });
        }
      }
    }
  }

  // ranks: by index (or by total when maxima are unknown); ties share a rank, the next skips
  const allMaxUnknown = rows.every((x) => x.maxTotal === null);
  const value = (r: RowResult) => r.index ?? (allMaxUnknown ? r.total : null);
  const byValue = rows.filter((r) => value(r) !== null).sort((a, b) => value(b)! - value(a)!);
  byValue.forEach((r, i) => {
    const prev = byValue[i - 1];
    r.rank = prev && value(prev) === value(r) ? prev.rank : i + 1;
  });
  const stated: RankEntry[] = [];
  for (const r of rows) {
    if (r.stated.rank === null) continue;
    const d = parseDecimal(r.stated.rank.replace(/^(hạng|thứ)\s*/i, '').replace(/\/.*$/, ''));
    if (!d || d.decimals > 0)
      notes.push({
        row: r.label,
        column: 'Xếp hạng',
        message: `Không đọc được thứ hạng "${r.stated.rank}".`,
      });
    else if (value(r) !== null) stated.push({ row: r, value: value(r)!, rank: d.mantissa });
  }
  const what = rows.every((x) => x.index === null) ? 'tổng điểm' : 'chỉ số';
  const show = (r: RowResult) => (r.index !== null ? fmtIndex(r.index) : formatPoints(r.total!));
  const rankColumn = columnLabel(columns, 'rank');
  for (const [kind, a, b] of rankFindings(stated)) {
    const [ar, br, ra, rb] = [a.row, b.row, a.rank, b.rank];
    if (kind === 'better-value-worse-rank')
      findings.push({
        code: 'RANK_MISMATCH',
        row: ar.label,
        column: rankColumn,
        stated: ar.stated.rank!,
        expected: `< ${rb}`,
        message: `${ar.label} có ${what} ${show(ar)} cao hơn ${br.label} (${show(br)}) nhưng xếp hạng ${ra}, sau hạng ${rb}.`,
      });
    else if (kind === 'lower-value-same-rank')
      findings.push({
        code: 'RANK_MISMATCH',
        row: br.label,
        column: rankColumn,
        stated: br.stated.rank!,
        expected: `> ${ra}`,
        message: `${br.label} có ${what} ${show(br)} thấp hơn ${ar.label} (${show(ar)}) nhưng cùng xếp hạng ${rb}.`,
      });
    else
      findings.push({
        code: 'RANK_MISMATCH',
        row: ar.label,
        column: rankColumn,
        stated: ar.stated.rank!,
        expected: String(rb),
        message: `${ar.label} và ${br.label} bằng ${what} (${show(ar)}) nhưng bị xếp hạng khác nhau (${ra} và ${rb}).`,
      });
  }

  // changes: this row minus the previous row in table order (the earlier year first)
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    if (prev && prev.total !== null && row.total !== null) row.change = row.total - prev.total;
    if (row.stated.change === null) return;
    const d = parseDecimal(row.stated.change.replace(/^\+/, ''));
    if (!d) {
      notes.push({
        row: row.label,
        column: 'Tăng/giảm',
        message: `Không đọc được mức tăng/giảm "${row.stated.change}".`,
      });
      return;
    }
    if (!prev) {
      notes.push({
        row: row.label,
        column: 'Tăng/giảm',
        message: 'Dòng đầu tiên không có dòng trước để so sánh.',
      });
      return;
    }
    if (row.change === null) {
      notes.push({
        row: row.label,
        column: 'Tăng/giảm',
        message: 'Không kiểm tra được mức tăng/giảm vì thiếu tổng điểm.',
      });
      return;
    }
    // "Tăng/giảm 5,04" may be printed without its sign when the text says "tăng"/"giảm"; accept the sign of the real change
    const matchesEither =
      !differs(d, row.change * 100) ||
      (d.mantissa > 0 && !differs({ ...d, mantissa: -d.mantissa }, row.change * 100));
    if (!matchesEither) {
      findings.push({
        code: 'CHANGE_MISMATCH',
        row: row.label,
        column: changeColumn,
        stated: row.stated.change,
        expected: formatPoints(row.change),
        message: `${row.label} — mức tăng/giảm ghi ${row.stated.change} nhưng ${formatPoints(row.total!)} − ${formatPoints(prev.total!)} = ${formatPoints(row.change)}.`,
      });
    }
  });

  const totals = rows.map((r) => r.total).filter((v): v is number => v !== null);
  const indexes = rows.map((r) => r.index).filter((v): v is number => v !== null);
  const mean = {
    total: totals.length
      ? divRoundHalfUp(
          totals.reduce((a, b) => a + b, 0),
          totals.length,
        )
      : null,
    index: indexes.length
      ? divRoundHalfUp(
          indexes.reduce((a, b) => a + b, 0),
          indexes.length,
        )
      : null,
  };
  return { columns, rows, findings, notes, mean };
}

interface RankEntry {
  row: RowResult;
  /** What ranks: the index, or the total when no maximum is known. */
  value: number;
  /** The rank printed in the table. */
  rank: number;
}

type RankFindingKind = 'better-value-worse-rank' | 'lower-value-same-rank' | 'tie-split';

/** The rank findings between rows with a printed rank, in table order, each as (kind, a, b):
 * for each row a not yet reported, the other rows b are looked at in table order; the first b ranked
 * better than a although a's value is not lower reports a (a higher value ranked after b, or the same
 * value with a different rank), and every row b before it that shares a's rank with a lower value,
 * and is not yet reported, is reported against a. This is what comparing every pair in that order
 * gives; here it costs O(n log n): a Fenwick tree over the values finds each row's first
 * better-ranked row, and a segment tree over the rows of each printed rank finds the lower ones. */
function rankFindings(e: RankEntry[]): [RankFindingKind, RankEntry, RankEntry][] {
  const out: [RankFindingKind, RankEntry, RankEntry][] = [];
  const n = e.length;
  if (n < 2) return out;
  const at = (i: number) => e[i]!;

  // positions: rows ordered by printed rank, then table order; each rank a contiguous run
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => at(x).rank - at(y).rank || x - y);
  const posOf = new Int32Array(n);
  const runStart = new Int32Array(n);
  const runEnd = new Int32Array(n);
  for (let g = 0; g < n;) {
    let h = g;
    while (h < n && at(order[h]!).rank === at(order[g]!).rank) h++;
    for (let k = g; k < h; k++) {
      posOf[order[k]!] = k;
      runStart[k] = g;
      runEnd[k] = h;
    }
    g = h;
  }

  // first[i]: the first row (table order) with a better printed rank and a value not above row i's
  const values = [...new Set(e.map((x) => x.value))].sort((x, y) => x - y);
  const valuePos = new Map(values.map((v, i) => [v, i + 1]));
  const fenwick = new Float64Array(values.length + 1).fill(Infinity); // prefix minimum of row numbers
  const first = new Float64Array(n).fill(Infinity);
  for (let g = 0; g < n; g = runEnd[g]!) {
    for (let k = g; k < runEnd[g]!; k++) {
      let best = Infinity;
      for (let i = valuePos.get(at(order[k]!).value)!; i > 0; i -= i & -i) best = Math.min(best, fenwick[i]!);
      first[order[k]!] = best;
    }
    for (let k = g; k < runEnd[g]!; k++)
      for (let i = valuePos.get(at(order[k]!).value)!; i <= values.length; i += i & -i)
        fenwick[i] = Math.min(fenwick[i]!, order[k]!);
  }

  // segment tree over positions: the value of each row not yet reported (Infinity once reported)
  let size = 1;
  while (size < n) size *= 2;
  const tree = new Float64Array(2 * size).fill(Infinity);
  for (let k = 0; k < n; k++) tree[size + k] = at(order[k]!).value;
  for (let k = size - 1; k > 0; k--) tree[k] = Math.min(tree[2 * k]!, tree[2 * k + 1]!);
  const retire = (k: number) => {
    let node = size + k;
    tree[node] = Infinity;
    for (node >>= 1; node > 0; node >>= 1) tree[node] = Math.min(tree[2 * node]!, tree[2 * node + 1]!);
  };
  /** The first position in [lo, hi) whose row is not reported and has a value below `below`; -1 if none. */
  const firstBelow = (
    node: number,
    nl: number,
    nr: number,
    lo: number,
    hi: number,
    below: number,
  ): number => {
    if (nr <= lo || nl >= hi || tree[node]! >= below) return -1;
    if (nr - nl === 1) return nl;
    const mid = (nl + nr) >> 1;
    const left = firstBelow(2 * node, nl, mid, lo, hi, below);
    return left >= 0 ? left : firstBelow(2 * node + 1, mid, nr, lo, hi, below);
  };

  const reported = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (reported[i]) continue;
    const a = at(i);
    const p = posOf[i]!;
    // the rows of a's rank that come before first[i] in table order: positions [runStart, cut)
    let lo = runStart[p]!;
    let hi = runEnd[p]!;
    const start = lo;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid]! < first[i]!) lo = mid + 1;
      else hi = mid;
    }
    for (
      let k = firstBelow(1, 0, size, start, lo, a.value);
      k >= 0;
      k = firstBelow(1, 0, size, start, lo, a.value)
    ) {
      reported[order[k]!] = 1;
      retire(k);
      out.push(['lower-value-same-rank', a, at(order[k]!)]);
    }
    if (first[i] !== Infinity) {
      const b = at(first[i]!);
      reported[i] = 1;
      retire(p);
      out.push([b.value < a.value ? 'better-value-worse-rank' : 'tie-split', a, b]);
    }
  }
  return out;
}

function columnLabel(columns: ColumnInfo[], role: Role): string {
  return columns.find((c) => c.role === role)?.label ?? role;
}

export const FINDING_LABELS: Record<FindingCode, string> = {
  SCORE_EXCEEDS_MAX: 'Điểm vượt điểm tối đa',
  TOTAL_MISMATCH: 'Tổng điểm không khớp',
  INDEX_MISMATCH: 'Chỉ số không khớp',
  RANK_MISMATCH: 'Xếp hạng không nhất quán',
  CHANGE_MISMATCH: 'Mức tăng/giảm không khớp',
};
