/** One row of one period: its components against their maxima, its total against the stated total,
 * its index against the stated index. Pure; the context collects findings, notes and counts. */
import { divRoundHalfUp, formatPoints, scaleDecimal, type Decimal, type Hundredths } from '../points.ts';
import { readDecimal, readPoints } from './cells.ts';
import type { ReadColumn, ReadRow } from './read.ts';
import type { CheckCounts, CheckKind, Finding, Note, NotChecked, RowResult } from './types.ts';

export class Context {
  readonly findings: Finding[] = [];
  readonly notes: Note[] = [];
  readonly checks: CheckCounts = { sums: 0, indexes: 0, ranks: 0, changes: 0, maxima: 0 };
  private readonly missed = new Map<string, NotChecked>();
  note(row: string, column: string, message: string) {
    this.notes.push({ row, column, message });
  }
  notChecked(kind: CheckKind, reason: string, count = 1) {
    const key = `${kind}\u0000${reason}`;
    const m = this.missed.get(key);
    if (m) m.count += count;
    else this.missed.set(key, { kind, reason, count });
  }
  get notCheckedList(): NotChecked[] {
    return [...this.missed.values()];
  }
}

export const fmtIndex = (i: number) => formatPoints(i, { fixed: true });

/** A stated value differs when it is off by more than half a unit of its last printed digit.
 * Both values in ten-thousandths. */
export function differs(stated: Decimal, expected4: number): boolean {
  const s = scaleDecimal(stated, 4);
  const halfUnit = 5000 / 10 ** Math.min(stated.decimals, 4);
  return Math.abs(s - expected4) > halfUnit;
}

/** The columns of one period, read once for every row. */
export interface PeriodColumns {
  period: string | null;
  /** Positions (in the table's columns) of the period's components, and of each one's max column. */
  components: { at: number; maxAt: number }[];
  total: number;
  maxTotal: number;
  index: number;
  rank: number;
}

export function periodColumns(columns: ReadColumn[], own: number[], period: string | null): PeriodColumns {
  const first = (role: ReadColumn['role']) => own.find((k) => columns[k]!.role === role) ?? -1;
  return {
    period,
    components: own
      .filter((k) => columns[k]!.role === 'component')
      .map((k) => ({ at: k, maxAt: columns.findIndex((c) => c.role === 'max' && c.of === k) })),
    total: first('total'),
    maxTotal: own.find((k) => columns[k]!.role === 'max' && columns[k]!.of < 0) ?? -1,
    index: first('index'),
    rank: first('rank'),
  };
}

export interface RowFigures {
  result: RowResult;
  /** The stated total and index as numbers (hundredths; the index in ten-thousandths), when readable. */
  statedTotal: Hundredths | null;
  statedIndex4: number | null;
  statedRank: number | null;
  section: number;
}

const cell = (r: ReadRow, k: number) => (k >= 0 ? (r.cells[k] ?? '') : '');
const statedOrNull = (s: string) => (s === '' ? null : s);

export function checkRow(
  ctx: Context,
  columns: ReadColumn[],
  pc: PeriodColumns,
  r: ReadRow,
  label: string,
  max: Hundredths | null,
): RowFigures {
  const row: RowResult = {
    label,
    unit: r.label,
    period: pc.period,
    components: [],
    total: null,
    maxTotal: null,
    index: null,
    rank: null,
    change: null,
    stated: {
      total: statedOrNull(cell(r, pc.total)),
      index: statedOrNull(cell(r, pc.index)),
      rank: null,
      change: null,
    },
  };
  let total = 0;
  let maxTotal = 0;
  let complete = true;
  let maxKnown = true;
  let applicable = 0;
  for (const { at, maxAt } of pc.components) {
    const col = columns[at]!;
    const v = readPoints(cell(r, at));
    if (v.kind === 'na') {
      row.components.push({ column: col.label, points: null, max: null, na: true });
      ctx.note(label, col.label, 'Không áp dụng: không tính vào tổng điểm và điểm tối đa.');
      continue;
    }
    applicable++;
    let points: Hundredths | null = null;
    let cellMax: Hundredths | null = null;
    if (v.kind === 'empty')
      ctx.note(label, col.label, 'Thiếu điểm; tổng điểm của dòng này không kiểm tra được.');
    else if (v.kind === 'bad')
      ctx.note(
        label,
        col.label,
        v.maxText !== undefined
          ? `Không đọc được điểm tối đa "${v.maxText}".`
          : `Không đọc được số điểm "${v.text}".`,
      );
    else {
      points = scaleDecimal(v.value, 2);
      if (v.value.decimals > 2)
        ctx.note(
          label,
          col.label,
          `Điểm "${cell(r, at)}" có hơn hai chữ số thập phân; đã làm tròn thành ${formatPoints(points)}.`,
        );
      if (v.max) cellMax = scaleDecimal(v.max, 2);
    }
    const pairedMax = maxAt >= 0 ? readDecimal(cell(r, maxAt)) : null;
    const m = cellMax ?? (pairedMax ? scaleDecimal(pairedMax, 2) : col.headerMax);
    row.components.push({ column: col.label, points, max: m, na: false });
    if (points === null) complete = false;
    else total += points;
    if (m === null) maxKnown = false;
    else maxTotal += m;
    if (points !== null && m !== null) {
      ctx.checks.maxima++;
      if (points > m)
        ctx.findings.push({
          code: 'SCORE_EXCEEDS_MAX',
          row: label,
          column: col.label,
          stated: formatPoints(points),
          expected: `≤ ${formatPoints(m)}`,
          message: `${label} — "${col.label}": ${formatPoints(points)} điểm vượt điểm tối đa ${formatPoints(m)}.`,
        });
    }
  }
  const hasComponents = pc.components.length > 0;
  if (complete && applicable > 0) row.total = total;

  // the stated total ("79,5", "79,5 điểm", "79,5/99")
  let statedTotal: Hundredths | null = null;
  let statedMaxTotal: Hundredths | null = null;
  const totalColumn = pc.total >= 0 ? columns[pc.total]!.label : 'Tổng điểm';
  if (row.stated.total !== null) {
    const v = readPoints(row.stated.total);
    if (v.kind === 'bad') ctx.note(label, totalColumn, `Không đọc được tổng điểm "${row.stated.total}".`);
    else if (v.kind === 'number') {
      statedTotal = scaleDecimal(v.value, 2);
      if (v.max) statedMaxTotal = scaleDecimal(v.max, 2);
      if (row.total !== null) {
        ctx.checks.sums++;
        if (differs(v.value, row.total * 100))
          ctx.findings.push({
            code: 'TOTAL_MISMATCH',
            row: label,
            column: totalColumn,
            stated: row.stated.total,
            expected: formatPoints(row.total),
            message: `${label} — tổng điểm ghi ${row.stated.total} nhưng cộng các thành phần được ${formatPoints(row.total)}.`,
          });
      } else if (hasComponents) {
        ctx.note(label, totalColumn, 'Không kiểm tra được tổng điểm vì thiếu điểm thành phần.');
        ctx.notChecked('sums', 'thiếu điểm thành phần hoặc không đọc được');
      } else ctx.notChecked('sums', 'bảng không có điểm thành phần để cộng lại');
    }
  }
  if (pc.maxTotal >= 0) {
    const d = readDecimal(cell(r, pc.maxTotal));
    if (d) statedMaxTotal = scaleDecimal(d, 2);
  }
  if (applicable > 0 && maxKnown) row.maxTotal = maxTotal;
  else row.maxTotal = statedMaxTotal ?? max ?? null;
  const base = row.total ?? statedTotal;
  if (base !== null && row.maxTotal) row.index = divRoundHalfUp(base * 10000, row.maxTotal);

  // the stated index ("84,58", "84,58%")
  let statedIndex4: number | null = null;
  const indexColumn = pc.index >= 0 ? columns[pc.index]!.label : 'Chỉ số';
  if (row.stated.index !== null) {
    const v = readPoints(row.stated.index);
    if (v.kind === 'bad') ctx.note(label, indexColumn, `Không đọc được chỉ số "${row.stated.index}".`);
    else if (v.kind === 'number') {
      statedIndex4 = scaleDecimal(v.value, 4);
      if (base !== null && row.maxTotal) {
        ctx.checks.indexes++;
        const exact4 = divRoundHalfUp(base * 1_000_000, row.maxTotal); // ten-thousandths of a percent
        if (differs(v.value, exact4))
          ctx.findings.push({
            code: 'INDEX_MISMATCH',
            row: label,
            column: indexColumn,
            stated: row.stated.index,
            expected: fmtIndex(row.index!),
            message: `${label} — chỉ số ghi ${row.stated.index} nhưng ${formatPoints(base)} ÷ ${formatPoints(row.maxTotal)} × 100 = ${fmtIndex(row.index!)}.`,
          });
      } else if (base === null && hasComponents) {
        ctx.note(label, indexColumn, 'Không kiểm tra được chỉ số vì thiếu điểm thành phần.');
        ctx.notChecked('indexes', 'thiếu điểm thành phần hoặc không đọc được');
      } else if (base === null)
        ctx.notChecked('indexes', 'bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số');
      else
        ctx.notChecked(
          'indexes',
          'bảng không ghi điểm tối đa (có thể cho biết điểm tối đa của tổng điểm để kiểm tra chỉ số)',
        );
    }
  }
  return { result: row, statedTotal, statedIndex4, statedRank: null, section: r.section };
}
