import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupOfKind,
  OTHER_GROUP_NAME,
  rankByGroup,
  rankGroupKey,
  rankGroupProblems,
  type RankGroup,
} from '../src/scoring/groups.ts';

const HQ: RankGroup[] = [
  { name: 'Các cơ quan chuyên môn thuộc UBND huyện', kinds: ['office'] },
  { name: 'UBND các xã, thị trấn', kinds: ['commune_committee'] },
];
const m = (id: string, kind: string, index: number) => ({
  id,
  label: id,
  index,
  group: groupOfKind(HQ, kind),
});

describe('ranking groups', () => {
  it('ranks each group on its own, from 1, in the declared order, and counts the group (k/N)', () => {
    const out = rankByGroup(HQ, [
      m('Xã Trường Hà', 'commune_committee', 9100),
      m('Phòng Nội vụ', 'office', 8800),
      m('Thị trấn Xuân Hòa', 'commune_committee', 9300),
      m('Phòng Tư pháp', 'office', 9500),
      m('Xã Sóc Hà', 'commune_committee', 8000),
    ]);
    expect(out.map((g) => [g.name, g.size])).toEqual([
      ['Các cơ quan chuyên môn thuộc UBND huyện', 2],
      ['UBND các xã, thị trấn', 3],
    ]);
    expect(out[0]!.items.map((i) => [i.id, i.rank])).toEqual([
      ['Phòng Tư pháp', 1],
      ['Phòng Nội vụ', 2],
    ]);
    // a commune with a lower index than an office is still first of the communes
    expect(out[1]!.items.map((i) => [i.id, i.rank])).toEqual([
      ['Thị trấn Xuân Hòa', 1],
      ['Xã Trường Hà', 2],
      ['Xã Sóc Hà', 3],
    ]);
  });

  it('gives equal indexes the same rank within a group, and the next rank skips', () => {
    const [offices, communes] = rankByGroup(HQ, [
      m('A', 'office', 9000),
      m('B', 'office', 9000),
      m('C', 'office', 8000),
      m('D', 'commune_committee', 9000),
    ]);
    expect(offices!.items.map((i) => i.rank)).toEqual([1, 1, 3]);
    expect(offices!.items[0]!.tiedWith).toBe(1);
    expect(communes!.items.map((i) => [i.id, i.rank, i.tiedWith])).toEqual([['D', 1, 0]]);
  });

  it('ranks the kinds no group declares last, as "các đơn vị khác"; a set without groups is one group', () => {
    const out = rankByGroup(HQ, [m('Trung tâm', 'other', 9900), m('Phòng Nội vụ', 'office', 5000)]);
    expect(out.map((g) => [g.key, g.name, g.items[0]!.rank])).toEqual([
      ['office', 'Các cơ quan chuyên môn thuộc UBND huyện', 1],
      ['', OTHER_GROUP_NAME, 1],
    ]);
    const whole = rankByGroup(
      [],
      [m('X', 'office', 1), m('Y', 'other', 2)].map((x) => ({ ...x, group: '' })),
    );
    expect(whole).toHaveLength(1);
    expect(whole[0]!.name).toBe('');
    expect(whole[0]!.items.map((i) => [i.id, i.rank])).toEqual([
      ['Y', 1],
      ['X', 2],
    ]);
  });

  it('keys a group by its kinds, whatever their order', () => {
    expect(rankGroupKey(['team', 'commune_police'])).toBe('commune_police+team');
    expect(groupOfKind([{ name: 'Đội và xã', kinds: ['team', 'commune_police'] }], 'team')).toBe(
      'commune_police+team',
    );
    expect(groupOfKind(HQ, 'team')).toBe('');
  });

  it('refuses a kind in two groups, a group without kinds or name, and an unknown kind, in Vietnamese', () => {
    expect(rankGroupProblems(HQ)).toEqual([]);
    const p = rankGroupProblems([
      { name: 'Phòng', kinds: ['office'] },
      { name: '', kinds: [] },
      { name: 'Phòng', kinds: ['office', 'xa'] },
    ]);
    expect(p.join('\n')).toContain('Nhóm 2: tên nhóm không được để trống.');
    expect(p.join('\n')).toContain('chưa chọn loại đơn vị nào');
    expect(p.join('\n')).toContain('“Cơ quan chuyên môn, đơn vị trực thuộc” đã thuộc nhóm 1');
    expect(p.join('\n')).toContain('“xa” không phải loại đơn vị');
    expect(p.join('\n')).toContain('trùng với nhóm khác');
  });

  it('law: every group is ranked 1..N with the N of its own members, whatever the mix', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('office', 'commune_committee', 'other'),
            index: fc.integer({ min: 0, max: 10000 }),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const members = rows.map((r, i) => m(`u${i}`, r.kind, r.index));
          const out = rankByGroup(HQ, members);
          expect(out.reduce((s, g) => s + g.size, 0)).toBe(members.length);
          for (const g of out) {
            expect(g.items).toHaveLength(g.size);
            expect(g.items[0]!.rank).toBe(1);
            for (const it of g.items) {
              const higher = g.items.filter((o) => o.index > it.index).length;
              expect(it.rank).toBe(higher + 1);
              expect(it.group).toBe(g.key);
            }
          }
        },
      ),
    );
  });
});
