import { describe, expect, it } from 'vitest';
import { placeText, rankMovement, type PreviousPlace } from '../src/scoring/movement.ts';

const same = (rank: number, of = 10): PreviousPlace => ({
  rank,
  of,
  sameSet: true,
  rankingName: 'Chỉ số CCHC năm 2022 của UBND huyện Hà Quảng',
});
const other: PreviousPlace = {
  rank: 3,
  of: 12,
  sameSet: false,
  rankingName: 'Xếp hạng năm 2022 của UBND tỉnh',
};

describe('rankMovement: the place against last year', () => {
  it.each([
    ['up', 5, same(7), 'tăng 2 bậc'],
    ['down', 8, same(7), 'giảm 1 bậc'],
    ['same', 4, same(4), 'giữ nguyên'],
    ['other', 2, other, '3/12 năm trước (Xếp hạng năm 2022 của UBND tỉnh)'],
    ['none', 2, null, 'chưa có kết quả năm trước'],
    ['none', null, same(3), 'chưa có kết quả năm trước'],
  ] as const)('%s: rank %s against %o → %s', (kind, rank, prev, text) => {
    const m = rankMovement(rank, prev);
    expect(m.kind).toBe(kind);
    expect(m.text).toBe(text);
  });

  it('writes the place as seed 004 does', () => {
    expect(placeText(8, 10, same(7))).toBe('giảm 1 bậc, xếp thứ 8/10');
    expect(placeText(1, 10, null)).toBe('xếp thứ 1/10; chưa có kết quả năm trước');
    expect(placeText(1, 10, other)).toBe('xếp thứ 1/10; 3/12 năm trước (Xếp hạng năm 2022 của UBND tỉnh)');
  });

  it('no movement is claimed across sets, whatever the ranks', () => {
    for (const r of [1, 3, 12]) expect(rankMovement(r, other).kind).toBe('other');
  });
});
