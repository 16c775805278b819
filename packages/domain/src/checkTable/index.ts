/** Checking a published results table: read its layout (read.ts: row numbers, two-row headers,
 * periods side by side, transposed tables), recompute totals, indexes, ranks, mean and changes from
 * what it states, report every difference with a stable code, and count the checks made and what
 * could not be checked. Pure. The check never caps: a total is the plain sum of the stated
 * components, so an excess is reported, not hidden.
 *
 * Cost: linear in the cells plus O(n log n) for the ranks (sorting, and a Fenwick tree and a segment
 * tree for the rank findings), so 20 000 rows take well under a second; the table is bounded by
 * UPLOAD_LIMITS.tableCheck and refused beyond it (TableTooLargeError). */
import { divRoundHalfUp, formatPoints, type Hundredths } from '../points.ts';
import { sheetTooLargeMessage, UPLOAD_LIMITS } from '../uploadLimits.ts';
import { readChange, readRank } from './cells.ts';
import { readTable, type ReadColumn, type ReadTable } from './read.ts';
import { rankFindings, type RankEntry } from './ranks.ts';
import { checkRow, Context, differs, fmtIndex, periodColumns, type RowFigures } from './rows.ts';
import type { CheckOptions, CheckResult, ColumnInfo, RowResult } from './types.ts';

export * from './types.ts';
export { summaryLines } from './summary.ts';
export { rankFindings, type RankEntry, type RankFindingKind } from './ranks.ts';
export { readTable, type MergedRange, type ReadTable } from './read.ts';

/** The table is larger than the check accepts; the message (Vietnamese) states the bound. */
export class TableTooLargeError extends Error {
  override readonly name = 'TableTooLargeError';
}

const emptyResult = (ctx: Context, transposed: boolean): CheckResult => ({
  columns: [],
  rows: [],
  findings: [],
  notes: [{ row: '', column: '', message: 'Bảng không có dòng dữ liệu nào.' }],
  mean: { total: null, index: null },
  checks: ctx.checks,
  notChecked: [],
  transposed,
});

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
  const ctx = new Context();
  const t = readTable(matrix, { transpose: opts.transpose ?? false, merges: opts.merges ?? [] });
  if (!t || t.rows.length === 0) return emptyResult(ctx, t?.transposed ?? false);
  for (const s of t.skipped) ctx.note(s.label, '', s.message);

  const columns = t.columns;
  const periods = [
    ...new Set(columns.filter((c) => c.role !== 'change' && c.period).map((c) => c.period!)),
  ].sort();
  const sideBySide = periods.length >= 2;
  const latest = periods.at(-1) ?? null;
  const own = (p: string | null) =>
    columns
      .map((c, k) => ({ c, k }))
      .filter(
        ({ c }) =>
          c.role !== 'change' && (!sideBySide || c.period === p || (c.period === null && p === latest)),
      )
      .map(({ k }) => k);
  const pcs = (sideBySide ? periods : [latest]).map((p) => periodColumns(columns, own(p), p));
  const rankColumns = pcs.map((pc) => pc.rank);

  // rows: each unit, and in a side-by-side table each unit in each period (earlier first)
  const figures: RowFigures[][] = pcs.map(() => []);
  for (const r of t.rows)
    pcs.forEach((pc, i) => {
      const label = sideBySide ? `${r.label} (năm ${pc.period})` : r.label;
      const f = checkRow(ctx, columns, pc, r, label, opts.max ?? null);
      if (pc.rank >= 0) {
        const text = r.cells[pc.rank] ?? '';
        f.result.stated.rank = text === '' ? null : text;
      }
      figures[i]!.push(f);
    });

  pcs.forEach((pc, i) => checkRanks(ctx, t, columns, figures[i]!, rankColumns[i]!));
  checkChanges(
    ctx,
    t,
    columns,
    figures,
    pcs.map((pc) => pc.period),
    sideBySide,
  );

  const rows: RowResult[] = [];
  for (let u = 0; u < t.rows.length; u++) for (const fs of figures) rows.push(fs[u]!.result);
  const out: ColumnInfo[] = columns.map((c) => ({
    label: c.label,
    role: c.role,
    headerMax: c.headerMax,
    period: c.period,
  }));
  return {
    columns: out,
    rows,
    findings: ctx.findings,
    notes: ctx.notes,
    mean: mean(rows),
    checks: ctx.checks,
    notChecked: ctx.notCheckedList,
    transposed: t.transposed,
  };
}

function mean(rows: RowResult[]): CheckResult['mean'] {
  const totals = rows.map((r) => r.total).filter((v): v is number => v !== null);
  const indexes = rows.map((r) => r.index).filter((v): v is number => v !== null);
  const avg = (xs: number[]) =>
    xs.length
      ? divRoundHalfUp(
          xs.reduce((a, b) => a + b, 0),
          xs.length,
        )
      : null;
  return { total: avg(totals), index: avg(indexes) };
}

type ValueKind = 'index' | 'total' | 'statedIndex' | 'statedTotal';

/** What the rows of one period rank by: the recomputed index, else the recomputed total when no
 * maximum is known, else the stated index, else the stated total; in ten-thousandths. */
function rankValue(fs: RowFigures[]): { kind: ValueKind; of: (f: RowFigures) => number | null } | null {
  const r = (f: RowFigures) => f.result;
  if (fs.some((f) => r(f).index !== null && r(f).total !== null))
    return {
      kind: 'index',
      of: (f) => (r(f).total !== null && r(f).index !== null ? r(f).index! * 100 : null),
    };
  if (fs.every((f) => r(f).maxTotal === null) && fs.some((f) => r(f).total !== null))
    return { kind: 'total', of: (f) => (r(f).total === null ? null : r(f).total! * 100) };
  if (fs.some((f) => f.statedIndex4 !== null)) return { kind: 'statedIndex', of: (f) => f.statedIndex4 };
  if (fs.some((f) => f.statedTotal !== null))
    return { kind: 'statedTotal', of: (f) => (f.statedTotal === null ? null : f.statedTotal * 100) };
  return null;
}

function checkRanks(ctx: Context, t: ReadTable, columns: ReadColumn[], fs: RowFigures[], rankAt: number) {
  const rankColumn = rankAt >= 0 ? columns[rankAt]!.label : 'Xếp hạng';
  const withRank = fs.filter((f) => f.result.stated.rank !== null);
  if (t.rowsArePeriods) {
    // the rows are years of one unit: never ranked against each other
    if (withRank.length)
      ctx.notChecked(
        'ranks',
        'các dòng là các năm của cùng một đơn vị, không xếp hạng với nhau',
        withRank.length,
      );
    return;
  }
  const by = rankValue(fs);
  for (const f of withRank) {
    const v = readRank(f.result.stated.rank!);
    if (v.kind === 'bad')
      ctx.note(f.result.label, rankColumn, `Không đọc được thứ hạng "${f.result.stated.rank}".`);
    else if (v.kind === 'number') f.statedRank = v.value.mantissa;
  }
  if (!by) {
    const n = withRank.filter((f) => f.statedRank !== null).length;
    if (n) ctx.notChecked('ranks', 'bảng không có chỉ số hay tổng điểm để so với thứ hạng', n);
    return;
  }
  const what = by.kind === 'index' || by.kind === 'statedIndex' ? 'chỉ số' : 'tổng điểm';
  const show = (f: RowFigures) => {
    const r = f.result;
    if (by.kind === 'index') return fmtIndex(r.index!);
    if (by.kind === 'total') return formatPoints(r.total!);
    return by.kind === 'statedIndex' ? r.stated.index!.replace(/\s*%$/, '') : r.stated.total!;
  };
  // sections (group rows) rank apart
  const sections = new Map<number, RowFigures[]>();
  for (const f of fs) {
    const list = sections.get(f.section);
    if (list) list.push(f);
    else sections.set(f.section, [f]);
  }
  for (const group of sections.values()) {
    const values = group.map((f) => by.of(f));
    const valued = group
      .map((f, i) => ({ f, v: values[i]! }))
      .filter((x) => x.v !== null)
      .sort((a, b) => b.v - a.v);
    valued.forEach((x, i) => {
      const prev = valued[i - 1];
      x.f.result.rank = prev && prev.v === x.v ? prev.f.result.rank : i + 1;
    });
    const entries: RankEntry<RowFigures>[] = [];
    let missing = 0;
    group.forEach((f, i) => {
      if (f.statedRank === null) return;
      const v = values[i]!;
      if (v === null) missing++;
      else entries.push({ row: f, value: v, rank: f.statedRank });
    });
    if (missing) ctx.notChecked('ranks', `thiếu ${what} của đơn vị để so thứ hạng`, missing);
    if (entries.length === 1) ctx.notChecked('ranks', 'chỉ có một đơn vị được xếp hạng', 1);
    if (entries.length < 2) continue;
    ctx.checks.ranks += entries.length;
    for (const [kind, a, b] of rankFindings(entries)) {
      const [ar, br, ra, rb] = [a.row.result, b.row.result, a.rank, b.rank];
      if (kind === 'better-value-worse-rank')
        ctx.findings.push({
          code: 'RANK_MISMATCH',
          row: ar.label,
          column: rankColumn,
          stated: ar.stated.rank!,
          expected: `< ${rb}`,
          message: `${ar.label} có ${what} ${show(a.row)} cao hơn ${br.label} (${show(b.row)}) nhưng xếp hạng ${ra}, sau hạng ${rb}.`,
        });
      else if (kind === 'lower-value-same-rank')
        ctx.findings.push({
          code: 'RANK_MISMATCH',
          row: br.label,
          column: rankColumn,
          stated: br.stated.rank!,
          expected: `> ${ra}`,
          message: `${br.label} có ${what} ${show(b.row)} thấp hơn ${ar.label} (${show(a.row)}) nhưng cùng xếp hạng ${rb}.`,
        });
      else
        ctx.findings.push({
          code: 'RANK_MISMATCH',
          row: ar.label,
          column: rankColumn,
          stated: ar.stated.rank!,
          expected: String(rb),
          message: `${ar.label} và ${br.label} bằng ${what} (${show(a.row)}) nhưng bị xếp hạng khác nhau (${ra} và ${rb}).`,
        });
    }
  }
}

/** The value a change compares: the total (recomputed, else stated), or the index when a total is
 * missing on either side; in hundredths. */
function changePair(later: RowFigures, earlier: RowFigures): [Hundredths, Hundredths] | null {
  const total = (f: RowFigures) => f.result.total ?? f.statedTotal;
  const index = (f: RowFigures) =>
    f.result.index ?? (f.statedIndex4 === null ? null : divRoundHalfUp(f.statedIndex4, 100));
  const [lt, et] = [total(later), total(earlier)];
  if (lt !== null && et !== null) return [lt, et];
  const [li, ei] = [index(later), index(earlier)];
  return li !== null && ei !== null ? [li, ei] : null;
}

function checkChanges(
  ctx: Context,
  t: ReadTable,
  columns: ReadColumn[],
  figures: RowFigures[][],
  periods: (string | null)[],
  sideBySide: boolean,
) {
  const changeAt = columns.findIndex((c) => c.role === 'change' && !c.rankChange);
  for (const c of columns)
    if (c.role === 'change' && c.rankChange) {
      const n = t.rows.filter((r) => (r.cells[columns.indexOf(c)] ?? '') !== '').length;
      if (n) ctx.notChecked('changes', `cột "${c.label}" là mức thay đổi thứ hạng, không được kiểm tra`, n);
    }
  const changeColumn = changeAt >= 0 ? columns[changeAt]!.label : 'Tăng/giảm';
  const compare = (later: RowFigures, earlier: RowFigures | undefined, stated: string | null) => {
    const row = later.result;
    const pair = earlier ? changePair(later, earlier) : null;
    if (pair) row.change = pair[0] - pair[1];
    row.stated.change = stated;
    if (stated === null) return;
    const v = readChange(stated);
    if (v.kind === 'na' || v.kind === 'empty') return;
    if (v.kind === 'bad') {
      ctx.note(row.label, changeColumn, `Không đọc được mức tăng/giảm "${stated}".`);
      return;
    }
    if (!earlier) {
      ctx.note(row.label, changeColumn, 'Dòng đầu tiên không có dòng trước để so sánh.');
      ctx.notChecked('changes', 'không có kỳ trước trong bảng để so sánh');
      return;
    }
    if (!pair) {
      ctx.note(row.label, changeColumn, 'Không kiểm tra được mức tăng/giảm vì thiếu tổng điểm.');
      ctx.notChecked('changes', 'thiếu tổng điểm hoặc chỉ số của một trong hai kỳ');
      return;
    }
    ctx.checks.changes++;
    const d = v.value;
    const change = row.change!;
    // "Tăng/giảm 5,04" may be printed without its sign when the text says "tăng"/"giảm"
    const matchesEither =
      !differs(d, change * 100) ||
      (d.mantissa > 0 && !differs({ ...d, mantissa: -d.mantissa }, change * 100));
    if (!matchesEither)
      ctx.findings.push({
        code: 'CHANGE_MISMATCH',
        row: row.label,
        column: changeColumn,
        stated,
        expected: formatPoints(change),
        message: `${row.label} — mức tăng/giảm ghi ${stated} nhưng ${formatPoints(pair[0])} − ${formatPoints(pair[1])} = ${formatPoints(change)}.`,
      });
  };
  const statedAt = (u: number) => {
    const s = changeAt >= 0 ? (t.rows[u]!.cells[changeAt] ?? '') : '';
    return s === '' ? null : s;
  };

  if (sideBySide) {
    // a change column compares the latest period with the one it names (or the one before)
    const since = changeAt >= 0 ? columns[changeAt]!.since : null;
    const last = periods.length - 1;
    const named = since ? periods.indexOf(since) : -1;
    const earlier = named >= 0 && named < last ? named : last - 1;
    t.rows.forEach((_, u) => compare(figures[last]![u]!, figures[earlier]![u]!, statedAt(u)));
    return;
  }
  const fs = figures[0]!;
  if (t.rowsArePeriods) {
    // the rows are the years of one unit, the earlier first: each row against the one before
    fs.forEach((f, u) => compare(f, fs[u - 1], statedAt(u)));
    return;
  }
  const stated = t.rows.filter((_, u) => statedAt(u) !== null && readChange(statedAt(u)!).kind === 'number');
  if (stated.length) ctx.notChecked('changes', 'bảng không có số liệu kỳ trước để so sánh', stated.length);
  fs.forEach((f, u) => (f.result.stated.change = statedAt(u)));
}
