/** The table check's result, as the command, the API and the report documents read it. */
import type { Hundredths } from '../points.ts';
import type { MergedRange, Role } from './read.ts';

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

/** What a check compares: stated totals with the sum of components, stated indexes with total ÷
 * maximum, stated ranks with the order of values, stated changes with later − earlier, and component
 * points with their maxima. */
export type CheckKind = 'sums' | 'indexes' | 'ranks' | 'changes' | 'maxima';
export const CHECK_KINDS: readonly CheckKind[] = ['sums', 'indexes', 'ranks', 'changes', 'maxima'];
export type CheckCounts = Record<CheckKind, number>;

/** Stated values that could not be checked, counted by kind and reason (Vietnamese). */
export interface NotChecked {
  kind: CheckKind;
  reason: string;
  count: number;
}

export interface ColumnInfo {
  label: string;
  role: Role;
  /** Maximum from the header "(65)", in hundredths; null when the cells carry it ("7,82/8"). */
  headerMax: Hundredths | null;
  /** The year the column belongs to, when the table sets periods side by side. */
  period: string | null;
}

export interface RowResult {
  /** The row as shown: the unit, with its period when the table has several ("Hà Nội (năm 2023)"). */
  label: string;
  unit: string;
  period: string | null;
  components: { column: string; points: Hundredths | null; max: Hundredths | null; na: boolean }[];
  /** Sum of the stated component points (never capped); null if a component is missing. */
  total: Hundredths | null;
  maxTotal: Hundredths | null;
  /** Index in hundredths of a percent (total ÷ maxTotal × 100, half-up, 2 places). */
  index: number | null;
  rank: number | null;
  /** This period's value minus the previous period's (total, or index when no total is known). */
  change: Hundredths | null;
  stated: { total: string | null; index: string | null; rank: string | null; change: string | null };
}

export interface CheckResult {
  columns: ColumnInfo[];
  rows: RowResult[];
  findings: Finding[];
  notes: Note[];
  mean: { total: Hundredths | null; index: number | null };
  /** The checks made, by kind. */
  checks: CheckCounts;
  notChecked: NotChecked[];
  /** Units (or years) were in columns and the table was turned (asked, or seen by the reader). */
  transposed: boolean;
}

export interface CheckOptions {
  /** Units in columns instead of rows (the reader also sees it when every value column is a year). */
  transpose?: boolean;
  /** Maximum of the total when the table prints none, in hundredths (the index is total ÷ max × 100). */
  max?: Hundredths | null;
  /** Merged ranges of the sheet (two-row headers in a spreadsheet). */
  merges?: readonly MergedRange[];
  /** Bounds on the matrix as given (before transposing); default UPLOAD_LIMITS.tableCheck. */
  maxRows?: number;
  maxColumns?: number;
}

export const FINDING_LABELS: Record<FindingCode, string> = {
  SCORE_EXCEEDS_MAX: 'Điểm vượt điểm tối đa',
  TOTAL_MISMATCH: 'Tổng điểm không khớp',
  INDEX_MISMATCH: 'Chỉ số không khớp',
  RANK_MISMATCH: 'Xếp hạng không nhất quán',
  CHANGE_MISMATCH: 'Mức tăng/giảm không khớp',
};

/** The kinds of checks as a report names them (Vietnamese, lower case, plural sense). */
export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  sums: 'tổng điểm',
  indexes: 'chỉ số',
  ranks: 'thứ hạng',
  changes: 'mức tăng/giảm',
  maxima: 'điểm so với điểm tối đa',
};
