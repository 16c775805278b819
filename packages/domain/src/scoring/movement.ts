/** A unit's place against the previous year, as the publishing decisions write it ("giảm 1 bậc,
 * xếp thứ 8/10"): compared only with its rank last year in the same ranking set (same owner, the
 * framework or the one it follows, same group). Ranked last year in another set, the place is
 * shown with that ranking's name and no movement; not ranked last year, it says so. Pure. */

/** The unit's ranking last year, found through its lineage (a merged or renamed unit inherits it). */
export interface PreviousPlace {
  rank: number;
  /** How many were ranked in that group. */
  of: number;
  /** Whether it was the same set (owner, framework family, group) as this year's. */
  sameSet: boolean;
  /** The name of that ranking ("Chỉ số CCHC năm 2022 của UBND huyện Hà Quảng"). */
  rankingName: string;
  /** Last year's total, "74,56" (decimal comma), when known. */
  total?: string | null;
}

export type Movement =
  | { kind: 'up'; places: number; text: string }
  | { kind: 'down'; places: number; text: string }
  | { kind: 'same'; places: 0; text: string }
  | { kind: 'other'; text: string }
  | { kind: 'none'; text: string };

export const NO_PREVIOUS_TEXT = 'chưa có kết quả năm trước';

/** "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên"; "k/N năm trước (tên)" for another set; "chưa có kết
 * quả năm trước" when there is none (or when this year's rank is not known). */
export function rankMovement(rank: number | null, previous: PreviousPlace | null): Movement {
  if (!previous) return { kind: 'none', text: NO_PREVIOUS_TEXT };
  if (!previous.sameSet)
    return { kind: 'other', text: `${previous.rank}/${previous.of} năm trước (${previous.rankingName})` };
  if (rank === null) return { kind: 'none', text: NO_PREVIOUS_TEXT };
  const d = previous.rank - rank;
  if (d > 0) return { kind: 'up', places: d, text: `tăng ${d} bậc` };
  if (d < 0) return { kind: 'down', places: -d, text: `giảm ${-d} bậc` };
  return { kind: 'same', places: 0, text: 'giữ nguyên' };
}

/** "giảm 1 bậc, xếp thứ 8/10" as seed 004 writes a unit's place. */
export function placeText(rank: number | null, of: number, previous: PreviousPlace | null): string {
  const m = rankMovement(rank, previous);
  const now = rank === null ? '' : `xếp thứ ${rank}/${of}`;
  if (m.kind === 'up' || m.kind === 'down' || m.kind === 'same') return now ? `${m.text}, ${now}` : m.text;
  return [now, m.text].filter(Boolean).join('; ');
}
