/** Planning a unit import from a table, without a database: reading the rows, then resolving codes
 * against the open units the server found. */
import { describe, expect, it } from 'vitest';
import {
  planUnitImport,
  readUnitImport,
  unitCodeTakenMessage,
  type KnownUnit,
  type UnitImportAccess,
} from '../src/unitImport.ts';

const HEADER = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Tên viết tắt',
  'Loại đơn vị',
  'Mã đơn vị cấp trên',
  'Hiệu lực từ ngày',
];
const TODAY = '2025-03-01';
const everything: UnitImportAccess = { systemWide: true, mayImportUnder: () => true, mayRead: () => true };
const within = (root: string): UnitImportAccess => ({
  systemWide: false,
  mayImportUnder: (p) => p.startsWith(root),
  mayRead: (p) => p.startsWith(root),
});
const nothingFound = { taken: [], parents: [] };
const province: KnownUnit = {
  id: 'p1',
  code: 'CAT-ST',
  name: 'Công an tỉnh Sóc Trăng',
  path: '/b/p1/',
  validFrom: '2020-01-01',
};

describe('reading the rows', () => {
  it('finds the columns by their names, diacritics and case ignored, in any order', () => {
    const r = readUnitImport(
      [
        ['', ''],
        ['loai don vi', 'MA', 'ten', 'Ma cap tren'],
        ['Đội', 'D-1', 'Đội Tham mưu', 'CAT-ST'],
      ],
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 3,
        code: 'D-1',
        name: 'Đội Tham mưu',
        shortName: null,
        kind: 'team',
        parentId: null,
        parentCode: 'CAT-ST',
        validFrom: TODAY,
        profile: {},
      },
    ]);
    expect(r.codes).toEqual(['D-1']);
    expect(r.parentCodes).toEqual(['CAT-ST']);
  });

  it('an empty file and a header without the required columns are final answers', () => {
    expect(readUnitImport([], TODAY)).toMatchObject({
      complete: false,
      problems: [{ row: 1, column: '', message: 'Tệp không có dữ liệu.' }],
    });
    const r = readUnitImport([['Mã đơn vị', 'Tên đơn vị']], TODAY);
    expect(r.complete).toBe(false);
    expect(r.problems.map((p) => p.column)).toEqual(['Loại đơn vị', 'Mã đơn vị cấp trên']);
    expect(planUnitImport(r, nothingFound, everything).problems).toEqual(r.problems);
  });

  it('a header without data rows is a problem', () => {
    expect(readUnitImport([HEADER], TODAY).problems).toEqual([
      { row: 2, column: '', message: 'Tệp không có dòng dữ liệu nào.' },
    ]);
  });

  it('reports each bad cell with its row and column', () => {
    const r = readUnitImport(
      [
        HEADER,
        ['A 1', 'X', '', 'Đội', '', ''],
        ['B', 'Đơn vị B', '', 'không có loại này', 'B', '31/02/2024'],
        ['B', 'Đơn vị B hai', '', '', '', '2024-01-01'],
      ],
      TODAY,
    );
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Mã đơn vị'],
      [2, 'Tên đơn vị'],
      [3, 'Loại đơn vị'],
      [3, 'Hiệu lực từ ngày'],
      [3, 'Mã đơn vị cấp trên'],
      [4, 'Mã đơn vị'],
      [4, 'Loại đơn vị'],
    ]);
    expect(r.problems[5]!.message).toBe('Mã “B” trùng với dòng 3.');
    expect(r.rows.map((u) => u.validFrom)).toEqual([TODAY, TODAY, '2024-01-01']);
  });
});

describe('planning', () => {
  it('orders parents before children whatever the order of the file', () => {
    const read = readUnitImport(
      [
        HEADER,
        ['X-3', 'Công an xã Ba', '', 'Công an xã, phường, thị trấn', 'X-2', ''],
        ['X-2', 'Công an huyện Hai', '', 'Công an huyện, thị xã, thành phố', 'X-1', ''],
        ['X-1', 'Công an tỉnh Một', '', 'Công an tỉnh, thành phố', 'CAT-ST', '01/01/2021'],
      ],
      TODAY,
    );
    const { plan, problems } = planUnitImport(read, { taken: [], parents: [province] }, everything);
    expect(problems).toEqual([]);
    expect(plan.map((p) => p.code)).toEqual(['X-1', 'X-2', 'X-3']);
    expect(plan[0]!.parentId).toBe('p1');
    expect(plan[1]!.parentId).toBeNull();
  });

  it('finds a cycle of parents inside the file (every row of it)', () => {
    const read = readUnitImport(
      [HEADER, ['A', 'Đơn vị A', '', 'Đội', 'B', ''], ['B', 'Đơn vị B', '', 'Đội', 'A', '']],
      TODAY,
    );
    const { problems } = planUnitImport(read, nothingFound, everything);
    expect(problems).toEqual(
      [2, 3].map((row) => ({
        row,
        column: 'Mã đơn vị cấp trên',
        message: 'Quan hệ cấp trên tạo thành vòng lặp trong tệp.',
      })),
    );
  });

  it('a parent outside the scope is answered as one that does not exist', () => {
    const read = readUnitImport([HEADER, ['A', 'Đơn vị A', '', 'Đội', 'CAT-ST', '']], TODAY);
    const inside = planUnitImport(read, { taken: [], parents: [province] }, within('/b/p1/'));
    expect(inside.problems).toEqual([]);
    const outside = planUnitImport(read, { taken: [], parents: [province] }, within('/b/p2/'));
    expect(outside.problems).toEqual(planUnitImport(read, nothingFound, within('/b/p2/')).problems);
    expect(outside.problems[0]!.message).toBe(
      'Không tìm thấy đơn vị cấp trên có mã “CAT-ST” trong tệp hoặc trong phạm vi được phân quyền của bạn.',
    );
  });

  it('only a system-wide right creates units without a parent', () => {
    const read = readUnitImport([HEADER, ['A', 'Đơn vị A', '', 'Bộ', '', '']], TODAY);
    expect(planUnitImport(read, nothingFound, everything).problems).toEqual([]);
    expect(planUnitImport(read, nothingFound, within('/b/')).problems[0]!.column).toBe('Mã đơn vị cấp trên');
  });

  it('a unit cannot start before its existing parent', () => {
    const read = readUnitImport([HEADER, ['A', 'Đơn vị A', '', 'Đội', 'CAT-ST', '31/12/2019']], TODAY);
    expect(planUnitImport(read, { taken: [], parents: [province] }, everything).problems).toEqual([
      {
        row: 2,
        column: 'Hiệu lực từ ngày',
        message: 'Ngày hiệu lực sớm hơn ngày đơn vị cấp trên bắt đầu (01/01/2020).',
      },
    ]);
  });

  it('a code already used names its unit only to a reader who may see it; problems come sorted by row', () => {
    const read = readUnitImport(
      [HEADER, ['A', 'Đơn vị A', '', 'Bộ', 'Z', ''], ['CAT-ST', 'Trùng mã', '', 'Bộ', '', '']],
      TODAY,
    );
    const seen = planUnitImport(read, { taken: [province], parents: [] }, everything).problems;
    expect(seen.map((p) => p.row)).toEqual([2, 3]);
    expect(seen[1]!.message).toBe(unitCodeTakenMessage('CAT-ST', province, true));
    expect(seen[1]!.message).toContain('Công an tỉnh Sóc Trăng');
    const hidden = planUnitImport(
      read,
      { taken: [province], parents: [] },
      { ...everything, mayRead: () => false },
    ).problems;
    expect(hidden[1]!.message).not.toContain('Sóc Trăng');
  });
});
