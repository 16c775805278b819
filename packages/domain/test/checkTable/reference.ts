/** The table check as it was before issue #11 (pairwise rank comparison, flags recomputed per call),
 * kept only as the reference the fast implementation is compared with on small tables. Do not use. */
import {
  divRoundHalfUp,
  formatPoints,
  parseDecimal,
  scaleDecimal,
  type Decimal,
  type Hundredths,
} from '../../src/points.ts';
import { searchKey } from '../../src/text.ts';

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
  const width = Math.max(0, ...m.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => m.map((r) => r[c] ?? ''));
}

export function checkTable(matrix: string[][], opts: CheckOptions = {}): CheckResult {
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
      const slash = /^(.*?)\s*\/\s*(.*)$/.exec(cell);
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

  // stated totals and indexes
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
          column: columnLabel(columns, 'total'),
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
            column: columnLabel(columns, 'index'),
            stated: row.stated.index,
            expected: fmtIndex(row.index!),
            message: `${row.label} — chỉ số ghi ${row.stated.index} nhưng ${formatPoints(row.total)} ÷ ${formatPoints(row.maxTotal)} × 100 = ${fmtIndex(row.index!)}.`,
          });
        }
      }
    }
  }

  // ranks: by index (or by total when maxima are unknown); ties share a rank, the next skips
  const value = (r: RowResult) => r.index ?? (rows.every((x) => x.maxTotal === null) ? r.total : null);
  const ranked = rows.filter((r) => value(r) !== null);
  for (const r of ranked) r.rank = 1 + ranked.filter((o) => value(o)! > value(r)!).length;
  const statedRank = new Map<RowResult, number>();
  for (const r of rows) {
    if (r.stated.rank === null) continue;
    const d = parseDecimal(r.stated.rank.replace(/^(hạng|thứ)\s*/i, '').replace(/\/.*$/, ''));
    if (!d || d.decimals > 0)
      notes.push({
        row: r.label,
        column: 'Xếp hạng',
        message: `Không đọc được thứ hạng "${r.stated.rank}".`,
      });
    else statedRank.set(r, d.mantissa);
  }
  const rankRows = [...statedRank.keys()].filter((r) => value(r) !== null);
  const reported = new Set<RowResult>();
  for (const a of rankRows) {
    for (const b of rankRows) {
      if (a === b || reported.has(a)) continue;
      const va = value(a)!;
      const vb = value(b)!;
      const ra = statedRank.get(a)!;
      const rb = statedRank.get(b)!;
      const what = rows.every((x) => x.index === null) ? 'tổng điểm' : 'chỉ số';
      const show = (r: RowResult) => (r.index !== null ? fmtIndex(r.index) : formatPoints(r.total!));
      if (va > vb && ra > rb) {
        reported.add(a);
        findings.push({
          code: 'RANK_MISMATCH',
          row: a.label,
          column: columnLabel(columns, 'rank'),
          stated: a.stated.rank!,
          expected: `< ${rb}`,
          message: `${a.label} có ${what} ${show(a)} cao hơn ${b.label} (${show(b)}) nhưng xếp hạng ${ra}, sau hạng ${rb}.`,
        });
      } else if (va > vb && ra === rb && !reported.has(b)) {
        reported.add(b);
        findings.push({
          code: 'RANK_MISMATCH',
          row: b.label,
          column: columnLabel(columns, 'rank'),
          stated: b.stated.rank!,
          expected: `> ${ra}`,
          message: `${b.label} có ${what} ${show(b)} thấp hơn ${a.label} (${show(a)}) nhưng cùng xếp hạng ${rb}.`,
        });
      } else if (va === vb && ra !== rb && ra > rb) {
        reported.add(a);
        findings.push({
          code: 'RANK_MISMATCH',
          row: a.label,
          column: columnLabel(columns, 'rank'),
          stated: a.stated.rank!,
          expected: String(rb),
          message: `${a.label} và ${b.label} bằng ${what} (${show(a)}) nhưng bị xếp hạng khác nhau (${ra} và ${rb}).`,
        });
      }
    }
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
        column: columnLabel(columns, 'change'),
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
