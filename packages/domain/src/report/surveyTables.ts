/** The tables of Mẫu 01 and Mẫu 02 (seed 002, Kế hoạch 107/KH-CAT), from a campaign's indices
 * restricted to the reporting unit's subtree and what the unit typed. Pure: the server reads the
 * indices (`computeCampaignIndices`), the Word and Excel renderers print these rows. */
import { formatPoints } from '../points.ts';
import type { FieldResult, UnitResult } from '../survey/indices.ts';
import { issuedKey } from './content.ts';

/** 9645 → "96,45%"; nothing answered → "—". */
export function formatIndexPercent(h: number | null): string {
  return h === null ? '—' : `${formatPoints(h, { fixed: true })}%`;
}

export interface Mau01Row {
  unitId: string;
  unitName: string;
  fieldCode: string;
  fieldName: string;
  target: number | null;
  /** "Phát ra": typed by the unit (null until typed). */
  issued: number | null;
  returned: number;
  valid: number;
  invalid: number;
  /** Hundredths of a percent. */
  index: number | null;
}

export interface Mau01Table {
  rows: Mau01Row[];
  totals: {
    /** null while a row's "phát ra" is missing. */
    issued: number | null;
    returned: number;
    valid: number;
    invalid: number;
    index: number | null;
  };
}

/** The unit × field rows of Mẫu 01 in the order given, with the totals (index: the subtree's, as the
 * form aggregates it). */
export function mau01Table(
  cells: readonly FieldResult[],
  names: { unit: (id: string) => string; field: (code: string) => string },
  figures: Readonly<Record<string, number>>,
  totalIndex: number | null,
): Mau01Table {
  const rows = cells.map((c) => ({
    unitId: c.unitId,
    unitName: names.unit(c.unitId),
    fieldCode: c.fieldCode,
    fieldName: names.field(c.fieldCode),
    target: c.target,
    issued: figures[issuedKey(c.unitId, c.fieldCode)] ?? null,
    returned: c.returned,
    valid: c.valid,
    invalid: c.invalid,
    index: c.index.index,
  }));
  const sum = (k: 'returned' | 'valid' | 'invalid') => rows.reduce((a, r) => a + r[k], 0);
  return {
    rows,
    totals: {
      issued: rows.every((r) => r.issued !== null) ? rows.reduce((a, r) => a + (r.issued ?? 0), 0) : null,
      returned: sum('returned'),
      valid: sum('valid'),
      invalid: sum('invalid'),
      index: totalIndex,
    },
  };
}

/** What keeps Mẫu 01 from being approved: a "phát ra" missing, or fewer than the forms returned. */
export function mau01Problems(t: Mau01Table, opts: { requireAll: boolean }): string[] {
  const out: string[] = [];
  for (const r of t.rows) {
    const where = `${r.unitName} — ${r.fieldName}`;
    if (r.issued === null) {
      if (opts.requireAll) out.push(`${where}: chưa nhập số phiếu phát ra.`);
    } else if (r.issued < r.returned)
      out.push(`${where}: số phiếu phát ra (${r.issued}) ít hơn số phiếu thu về (${r.returned}).`);
  }
  return out;
}

export interface Mau02Row {
  unitId: string;
  unitName: string;
  /** Bodies invited to rate the unit, and those that answered. */
  invitations: number;
  answers: number;
  valid: number;
  /** Per content (element code): hundredths of a percent. */
  elements: Record<string, number | null>;
  index: number | null;
}

/** The rated units of Mẫu 02 with the invitations sent to rate each. */
export function mau02Rows(
  units: readonly UnitResult[],
  unitName: (id: string) => string,
  invitations: ReadonlyMap<string, number>,
): Mau02Row[] {
  return units.map((u) => ({
    unitId: u.unitId,
    unitName: unitName(u.unitId),
    invitations: invitations.get(u.unitId) ?? 0,
    answers: u.returned,
    valid: u.valid,
    elements: Object.fromEntries(Object.entries(u.elements).map(([k, e]) => [k, e.index])),
    index: u.index.index,
  }));
}
