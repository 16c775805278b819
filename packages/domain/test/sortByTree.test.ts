import { describe, expect, it } from 'vitest';
import { sortByTree } from '../src/units.ts';

describe('sortByTree', () => {
  it('puts a parent before its children and siblings by sort order, then Vietnamese name', () => {
    const units = new Map([
      ['p', { sortOrder: 0, name: 'Công an tỉnh' }],
      ['z', { sortOrder: 0, name: 'Phòng Quản lý xuất nhập cảnh' }],
      ['a', { sortOrder: 0, name: 'Công an huyện Đại Ngãi' }],
      ['b', { sortOrder: 0, name: 'Công an huyện Cù Lao Dung' }],
      ['c', { sortOrder: 0, name: 'Công an xã An Thạnh 1' }],
      ['first', { sortOrder: -1, name: 'Văn phòng' }],
    ]);
    const rows = [
      { id: 'c-CT', path: '/p/b/c/' },
      { id: 'a', path: '/p/a/' },
      { id: 'z', path: '/p/z/' },
      { id: 'b-CT', path: '/p/b/' },
      { id: 'b-XNC', path: '/p/b/' },
      { id: 'first', path: '/p/first/' },
      { id: 'p', path: '/p/' },
    ];
    expect(sortByTree(rows, (r) => r.path, units).map((r) => r.id)).toEqual([
      'p',
      'first',
      'b-CT',
      'b-XNC',
      'c-CT',
      'a',
      'z',
    ]);
  });
});
