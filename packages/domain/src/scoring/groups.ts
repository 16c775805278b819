/** Groups of a ranking set, as districts publish their rankings: "Các cơ quan chuyên môn thuộc UBND
 * huyện" ranked on their own, "UBND các xã, thị trấn" on their own. A group is declared by the unit
 * kinds it holds; its key is made of those kinds, so the same group has the same key every year.
 * A unit whose kind no group declares is ranked in "Các đơn vị khác" (key ''), and a set without
 * groups is one group (key ''). Pure. */
import { LIMITS, quoteInput, textProblem } from '../limits.ts';
import { UNIT_KIND_LABELS, isUnitKind, type UnitKind } from '../units.ts';
import { rank, type Rankable, type Ranked } from './compare.ts';

export interface RankGroup {
  name: string;
  kinds: UnitKind[];
}

/** A group as stored and shown: with its key (what each result's `rank_group` holds). */
export interface KeyedRankGroup extends RankGroup {
  key: string;
}

/** The name of the group of units no group declares. */
export const OTHER_GROUP_NAME = 'Các đơn vị khác';
/** At most this many groups in a set. */
export const MAX_RANK_GROUPS = 10;

/** The key of a group: its kinds, sorted, joined by "+" ("commune_committee", "office+team"). */
export const rankGroupKey = (kinds: readonly string[]): string => [...new Set(kinds)].sort().join('+');

/** The groups with their keys, in the order given. */
export const keyedGroups = (groups: readonly RankGroup[]): KeyedRankGroup[] =>
  groups.map((g) => ({ name: g.name.trim(), kinds: [...g.kinds], key: rankGroupKey(g.kinds) }));

/** The key of the group a unit of `kind` is ranked in ('' when no group declares the kind). */
export function groupOfKind(groups: readonly RankGroup[], kind: string): string {
  for (const g of groups) if ((g.kinds as readonly string[]).includes(kind)) return rankGroupKey(g.kinds);
  return '';
}

/** What is wrong with a set's groups, in Vietnamese, one line per problem (empty: none). */
export function rankGroupProblems(groups: readonly { name: string; kinds: readonly string[] }[]): string[] {
  const out: string[] = [];
  if (groups.length > MAX_RANK_GROUPS)
    out.push(`Một bảng xếp hạng có tối đa ${MAX_RANK_GROUPS} nhóm (đang có ${groups.length}).`);
  const names = new Set<string>();
  const owner = new Map<string, number>();
  groups.forEach((g, i) => {
    const label = `Nhóm ${i + 1}`;
    const p = textProblem(g.name.trim(), { label: `${label}: tên nhóm`, max: LIMITS.label, min: 1 });
    if (p) out.push(p);
    const key = g.name.trim().toLocaleLowerCase('vi');
    if (key && names.has(key)) out.push(`${label}: tên ${quoteInput(g.name.trim())} trùng với nhóm khác.`);
    names.add(key);
    if (g.kinds.length === 0)
      out.push(`${label} (${g.name.trim() || 'chưa đặt tên'}): chưa chọn loại đơn vị nào.`);
    for (const k of g.kinds) {
      if (!isUnitKind(k)) {
        out.push(`${label}: ${quoteInput(k)} không phải loại đơn vị.`);
        continue;
      }
      const first = owner.get(k);
      if (first !== undefined && first !== i)
        out.push(
          `Loại đơn vị “${UNIT_KIND_LABELS[k].vi}” đã thuộc nhóm ${first + 1}; mỗi loại đơn vị chỉ thuộc một nhóm.`,
        );
      else owner.set(k, i);
    }
  });
  return out;
}

/** The groups holding `present` keys, in the declared order, then those no group declares (the
 * whole set when there are no groups, else "Các đơn vị khác"). */
export function groupOrder(
  groups: readonly RankGroup[],
  present: Iterable<string>,
): { key: string; name: string }[] {
  const keys = new Set(present);
  const keyed = keyedGroups(groups);
  const out = keyed.filter((g) => keys.has(g.key)).map((g) => ({ key: g.key, name: g.name }));
  for (const key of keys)
    if (!out.some((o) => o.key === key)) out.push({ key, name: keyed.length ? OTHER_GROUP_NAME : '' });
  return out;
}

export interface GroupMember extends Rankable {
  /** The group key the member is ranked in. */
  group: string;
}

export interface RankedGroup<T extends GroupMember> {
  key: string;
  /** The group's name ('' for the whole set when the set has no groups). */
  name: string;
  /** How many are ranked in the group: the N of "xếp thứ k/N". */
  size: number;
  items: (T & Pick<Ranked, 'rank' | 'tiedWith'>)[];
}

/** Each group ranked on its own (equal index, equal rank; the next rank skips), in the order the
 * groups are declared, then the units no group declares. Empty groups are left out. */
export function rankByGroup<T extends GroupMember>(
  groups: readonly RankGroup[],
  members: readonly T[],
): RankedGroup<T>[] {
  const byKey = new Map<string, T[]>();
  for (const m of members) {
    const list = byKey.get(m.group);
    if (list) list.push(m);
    else byKey.set(m.group, [m]);
  }
  const out: RankedGroup<T>[] = [];
  for (const { key, name } of groupOrder(groups, byKey.keys())) {
    const list = byKey.get(key);
    if (!list?.length) continue;
    const byId = new Map(list.map((m) => [m.id, m]));
    const items = rank(list).map((r) => ({ ...byId.get(r.id)!, rank: r.rank, tiedWith: r.tiedWith }));
    out.push({ key, name, size: list.length, items });
  }
  return out;
}
