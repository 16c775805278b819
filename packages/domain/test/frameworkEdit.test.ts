import { describe, expect, it } from 'vitest';
import {
  addCriterion,
  indentCriterion,
  moveCriterion,
  outdentCriterion,
  removeCriterion,
  renameCriterion,
} from '../src/framework/edit.ts';

interface C {
  code: string;
  title: string;
  children?: C[];
}
const tree = (): C[] => [
  {
    code: '1',
    title: 'Chỉ đạo',
    children: [
      { code: '1.1', title: 'Kế hoạch' },
      { code: '1.2', title: 'Báo cáo', children: [{ code: '1.2.1', title: 'Đúng hạn' }] },
      { code: '1.3', title: 'Kiểm tra' },
    ],
  },
  { code: '2', title: 'Thủ tục' },
];
const codes = (list: C[]): string[] => list.flatMap((c) => [c.code, ...codes(c.children ?? [])]);

describe('editing the list of criteria', () => {
  it('adds a field at the end and a criterion under a parent with the next free code', () => {
    const a = addCriterion(tree(), null, (code) => ({ code, title: '' }));
    expect(a.code).toBe('3');
    const b = addCriterion(a.criteria, '1', (code) => ({ code, title: '' }));
    expect(b.code).toBe('1.4');
    expect(codes(b.criteria)).toEqual(['1', '1.1', '1.2', '1.2.1', '1.3', '1.4', '2', '3']);
  });

  it('removes a criterion with its children and leaves the input untouched', () => {
    const t = tree();
    expect(codes(removeCriterion(t, '1.2').criteria)).toEqual(['1', '1.1', '1.3', '2']);
    expect(codes(t)).toContain('1.2.1');
  });

  it('moves a criterion up and down among its siblings, never out of them', () => {
    expect(codes(moveCriterion(tree(), '1.3', -1).criteria)).toEqual([
      '1',
      '1.1',
      '1.3',
      '1.2',
      '1.2.1',
      '2',
    ]);
    expect(codes(moveCriterion(tree(), '1.1', -1).criteria)).toEqual(codes(tree()));
    expect(codes(moveCriterion(tree(), '1', 1).criteria)).toEqual(['2', '1', '1.1', '1.2', '1.2.1', '1.3']);
  });

  it('indents under the criterion above, renumbering it and its children', () => {
    const r = indentCriterion(tree(), '1.3');
    expect(codes(r.criteria)).toEqual(['1', '1.1', '1.2', '1.2.1', '1.2.2', '2']);
    expect(r.renames).toEqual([['1.3', '1.2.2']]);
    const r2 = indentCriterion(tree(), '1.2');
    expect(r2.renames).toEqual([
      ['1.2', '1.1.1'],
      ['1.2.1', '1.1.1.1'],
    ]);
    expect(indentCriterion(tree(), '1.1').renames).toEqual([]);
  });

  it('brings a criterion out one level, after its parent, renumbered', () => {
    const r = outdentCriterion(tree(), '1.2.1');
    expect(codes(r.criteria)).toEqual(['1', '1.1', '1.2', '1.4', '1.3', '2']);
    expect(r.renames).toEqual([['1.2.1', '1.4']]);
    // the former parent became a leaf
    expect(r.criteria[0]!.children![1]!.children).toBeUndefined();
    expect(outdentCriterion(tree(), '1').renames).toEqual([]);
  });

  it('renames a code with its children', () => {
    const r = renameCriterion(tree(), '1.2', '1.5');
    expect(codes(r.criteria)).toEqual(['1', '1.1', '1.5', '1.5.1', '1.3', '2']);
  });
});
