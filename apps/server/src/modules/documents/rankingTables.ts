/** The tables of a ranking document, one per group of the ranking set with its heading ("I. Các cơ
 * quan chuyên môn thuộc UBND huyện", "II. UBND các xã, thị trấn"), as districts publish their
 * rankings; each group is ranked from 1. A set without groups is one table without a heading. */
import type { Block } from '@chiso/domain';

export interface RankingRow {
  rank: number | null;
  unitName: string;
  total: string;
  index: string;
  band: string | null;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** "I. name" for the k-th of several groups (a lone named group keeps its name without a number). */
export function groupHeading(groups: readonly { name: string }[], name: string): string {
  const k = groups.findIndex((g) => g.name === name);
  return groups.length > 1 ? `${ROMAN[k] ?? k + 1}. ${name}` : name;
}

export function rankingTables(groups: readonly { name: string; rows: readonly RankingRow[] }[]): Block[] {
  return groups.flatMap((g): Block[] => [
    ...(g.name ? [{ kind: 'heading' as const, level: 2 as const, text: groupHeading(groups, g.name) }] : []),
    {
      kind: 'table',
      columns: [
        { title: 'Hạng', width: 8, align: 'center' },
        { title: 'Đơn vị', width: 50 },
        { title: 'Tổng điểm', width: 12, align: 'center' },
        { title: 'Chỉ số', width: 12, align: 'center' },
        { title: 'Xếp loại', width: 18 },
      ],
      rows: g.rows.map((r) => [String(r.rank ?? ''), r.unitName, r.total, r.index, r.band ?? '']),
    },
  ]);
}
