/** The unit tree: kinds of units and tree rules. Pure. */

import { compareVi } from './text.ts';
export const UNIT_KINDS = [
  'ministry',
  'province_police',
  'provincial_department',
  'district_police',
  'team',
  'commune_police',
  'provincial_committee',
  'district_committee',
  'commune_committee',
  'office',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { vi: string; en: string }> = {
  ministry: { vi: 'Bộ', en: 'Ministry' },
  province_police: { vi: 'Công an tỉnh, thành phố', en: 'Provincial police' },
  provincial_department: { vi: 'Phòng, đơn vị cấp tỉnh', en: 'Provincial department or office' },
  district_police: { vi: 'Công an huyện, thị xã, thành phố', en: 'District police' },
  team: { vi: 'Đội', en: 'Team' },
  commune_police: { vi: 'Công an xã, phường, thị trấn', en: 'Commune police' },
  provincial_committee: { vi: 'UBND tỉnh, thành phố', en: "Provincial People's Committee" },
  district_committee: { vi: 'UBND huyện, thị xã, thành phố', en: "District People's Committee" },
  commune_committee: { vi: 'UBND xã, phường, thị trấn', en: "Commune People's Committee" },
  office: { vi: 'Cơ quan chuyên môn, đơn vị trực thuộc', en: 'Office' },
  other: { vi: 'Khác', en: 'Other' },
};

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

/** Find a unit kind by its code or its Vietnamese/English label, ignoring diacritics and case. */
export function unitKindFromText(text: string, key: (s: string) => string): UnitKind | null {
  const k = key(text);
  for (const kind of UNIT_KINDS) {
    const l = UNIT_KIND_LABELS[kind];
    if (key(kind) === k || key(l.vi) === k || key(l.en) === k) return kind;
  }
  return null;
}

/** Materialised path helpers: a path is "/id1/id2/…/idN/" from the root to the unit itself. */
export function isInSubtree(unitPath: string, rootPath: string): boolean {
  return unitPath.startsWith(rootPath);
}

/** Unit codes: letters, digits, '.', '-', '_' ; 1–40 characters. */
export const UNIT_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Orders rows by their unit's place in the tree as the tree shows it: a parent before its children,
 * siblings by sort order then name (Vietnamese). Paths are "/id/id/…/" (ids carry no order); `units`
 * gives the sort order and name of every unit on the paths. Rows of the same unit keep their order. */
export function sortByTree<T>(
  rows: readonly T[],
  pathOf: (r: T) => string,
  units: ReadonlyMap<string, { sortOrder: number; name: string }>,
): T[] {
  const segs = new Map<string, string[]>();
  const of = (p: string) => {
    let s = segs.get(p);
    if (!s) segs.set(p, (s = p.split('/').filter(Boolean)));
    return s;
  };
  return rows
    .map((r, i) => ({ r, i, p: of(pathOf(r)) }))
    .sort((a, b) => {
      const n = Math.min(a.p.length, b.p.length);
      for (let k = 0; k < n; k++) {
        if (a.p[k] === b.p[k]) continue;
        const ua = units.get(a.p[k]!);
        const ub = units.get(b.p[k]!);
        return (
          (ua?.sortOrder ?? 0) - (ub?.sortOrder ?? 0) ||
          compareVi(ua?.name ?? '', ub?.name ?? '') ||
          (a.p[k]! < b.p[k]! ? -1 : 1) // two siblings of the same name: never interleaved
        );
      }
      return a.p.length - b.p.length || a.i - b.i;
    })
    .map((x) => x.r);
}
