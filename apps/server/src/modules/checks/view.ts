/** The table check as the API shows it: figures as users read them (decimal comma), findings labelled. */
import type { CheckTableView } from '@chiso/contracts';
import { FINDING_LABELS, formatPoints, type CheckResult } from '@chiso/domain';
import type { z } from 'zod';

const p = (h: number | null) => (h === null ? null : formatPoints(h));
const idx = (h: number | null) => (h === null ? null : formatPoints(h, { fixed: true }));

export function checkView(fileName: string, r: CheckResult): z.infer<typeof CheckTableView> {
  return {
    fileName,
    columns: r.columns.map((c) => ({ label: c.label, role: c.role, max: p(c.headerMax) })),
    rows: r.rows.map((row) => ({
      label: row.label,
      components: row.components.map((c) => ({ column: c.column, points: p(c.points), max: p(c.max) })),
      total: p(row.total),
      maxTotal: p(row.maxTotal),
      index: idx(row.index),
      rank: row.rank,
      change: p(row.change),
      stated: row.stated,
    })),
    findings: r.findings.map((f) => ({ ...f, label: FINDING_LABELS[f.code] })),
    notes: r.notes,
    mean: { total: p(r.mean.total), index: idx(r.mean.index) },
    checks: r.checks,
    notChecked: r.notChecked,
    transposed: r.transposed,
  };
}
