/** The shipped tables (fixtures/README.md): each error put in is found, the clean tables give no
 * finding, and what could not be checked is counted. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checkTable, summaryLines, type CheckResult } from '../../src/checkTable/index.ts';
import { formatPoints } from '../../src/points.ts';

const read = (name: string) =>
  parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')) as string[][];
const check = (name: string) => checkTable(read(name));
const codes = (r: CheckResult) => r.findings.map((f) => [f.code, f.row]);

describe('shipped tables: clean ones give no finding, each error put in is found', () => {
  it('an STT column is ignored: units are named, components summed, ranks checked', () => {
    const r = check('stt-components.csv');
    expect(r.rows.map((x) => x.label)).toEqual([
      'Phòng Nội vụ',
      'Phòng Tư pháp',
      'Phòng Tài chính - Kế hoạch',
      'Phòng Văn hóa và Thông tin',
      'Văn phòng HĐND và UBND',
    ]);
    expect(r.columns.map((c) => c.role)).toEqual(['component', 'component', 'total', 'index', 'rank']);
    expect(r.notes).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.checks).toEqual({ sums: 5, indexes: 5, ranks: 5, changes: 0, maxima: 10 });
    expect(codes(check('stt-components-error.csv'))).toEqual([
      ['TOTAL_MISMATCH', 'Phòng Tài chính - Kế hoạch'],
      ['INDEX_MISMATCH', 'Phòng Tài chính - Kế hoạch'],
    ]);
  });

  it('a two-row header in CSV: the group over "Điểm đạt" / "Điểm tối đa" is one component', () => {
    const r = check('two-row-header.csv');
    expect(r.columns.filter((c) => c.role === 'component').map((c) => c.label)).toEqual([
      'Điểm thẩm định',
      'Điều tra xã hội học',
    ]);
    expect(r.rows.map((x) => formatPoints(x.maxTotal!))).toEqual(['100', '100', '100']);
    expect(r.findings).toEqual([]);
    expect(r.checks.maxima).toBe(6);
    const e = check('two-row-header-error.csv');
    expect(codes(e)).toEqual([['SCORE_EXCEEDS_MAX', 'Xã An Thạnh Đông']]);
    expect(e.findings[0]!.message).toBe(
      'Xã An Thạnh Đông — "Điều tra xã hội học": 36,5 điểm vượt điểm tối đa 35.',
    );
  });

  it('index and rank only: ranks are checked against the stated index', () => {
    const r = check('index-rank.csv');
    expect(r.findings).toEqual([]);
    expect(r.checks.ranks).toBe(5);
    const e = check('index-rank-error.csv');
    expect(codes(e)).toEqual([['RANK_MISMATCH', 'Quảng Ninh']]);
    expect(e.findings[0]!.message).toBe(
      'Quảng Ninh có chỉ số 92,18 cao hơn Hải Phòng (91,87) nhưng xếp hạng 2, sau hạng 1.',
    );
  });

  it('two years side by side: the change is the later year minus the earlier, ranks within 2023', () => {
    const r = check('two-years.csv');
    expect(r.findings).toEqual([]);
    expect(r.rows.slice(0, 2).map((x) => x.label)).toEqual([
      'Đồng bằng sông Hồng (năm 2022)',
      'Đồng bằng sông Hồng (năm 2023)',
    ]);
    expect(r.checks).toMatchObject({ ranks: 4, changes: 4 });
    expect(formatPoints(r.rows[3]!.change!)).toBe('3,05');
    const e = check('two-years-error.csv');
    expect(codes(e)).toEqual([['CHANGE_MISMATCH', 'Đông Nam Bộ (năm 2023)']]);
    expect(e.findings[0]!.message).toBe(
      'Đông Nam Bộ (năm 2023) — mức tăng/giảm ghi +3,50 nhưng 87,79 − 84,74 = 3,05.',
    );
  });

  it('an extract whose ranks skip (1, 2, 3, 51, 58) is checked for order only', () => {
    const r = check('extract-skipping.csv');
    expect(r.findings).toEqual([]);
    expect(r.checks.ranks).toBe(5);
    expect(codes(check('extract-skipping-error.csv'))).toEqual([['RANK_MISMATCH', 'Tỉnh Bình Giang']]);
  });

  it('labels and an index only: nothing could be checked, and the report says so', () => {
    const r = check('labels-index-only.csv');
    expect(r.findings).toEqual([]);
    expect(r.checks).toEqual({ sums: 0, indexes: 0, ranks: 0, changes: 0, maxima: 0 });
    expect(r.notChecked).toEqual([
      {
        kind: 'indexes',
        reason: 'bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số',
        count: 3,
      },
    ]);
    const s = summaryLines(r);
    expect(s.checked).toBe('Không kiểm tra được nội dung nào của bảng.');
    expect(s.verdict).not.toContain('Không phát hiện sai sót');
    expect(s.notChecked).toEqual([
      'Không kiểm tra được 3 chỉ số: bảng không có tổng điểm hay điểm thành phần để tính lại chỉ số.',
    ]);
  });
});

describe('seed 004 is read the same with and without transposing', () => {
  for (const transpose of [false, true])
    it(`transpose: ${transpose}`, () => {
      const r = checkTable(read('seed004-table.csv'), { transpose });
      expect(r.transposed).toBe(true);
      expect(r.rows.map((x) => formatPoints(x.total!))).toEqual(['74,56', '79,5']);
      expect(formatPoints(r.rows[1]!.change!)).toBe('4,94');
      expect(r.rows.map((x) => x.rank)).toEqual([null, null]);
      expect(codes(r)).toEqual([
        ['SCORE_EXCEEDS_MAX', 'Năm 2020'],
        ['CHANGE_MISMATCH', 'Năm 2021'],
      ]);
    });
});

describe('cells as officials write them', () => {
  it('"7,82 điểm", "84,58%" and "7,82/8" are numbers; "-", "x", "KAD", "không áp dụng" leave the total', () => {
    const r = checkTable([
      ['Đơn vị', 'A (10)', 'B (10)', 'C', 'D (5)', 'Tổng điểm', 'Chỉ số'],
      ['X', '7,82 điểm', '-', '7,82/8', 'KAD', '15,64', '86,89%'],
      ['Y', '8', 'x', '6/8', 'không áp dụng', '14', '77,78 %'],
    ]);
    expect(r.findings).toEqual([]);
    expect(r.rows.map((x) => [x.total, x.maxTotal])).toEqual([
      [1564, 1800],
      [1400, 1800],
    ]);
    expect(r.notes.filter((n) => n.message.startsWith('Không áp dụng'))).toHaveLength(4);
    expect(r.checks).toEqual({ sums: 2, indexes: 2, ranks: 0, changes: 0, maxima: 4 });
  });

  it('an empty cell is missing: the row total is not checked, with a note, and counted', () => {
    const r = checkTable([
      ['Đơn vị', 'A (10)', 'B (10)', 'Tổng điểm'],
      ['X', '7', '', '15'],
    ]);
    expect(r.findings).toEqual([]);
    expect(r.notes.map((n) => n.column)).toEqual(['B (10)', 'Tổng điểm']);
    expect(r.notChecked).toEqual([
      { kind: 'sums', reason: 'thiếu điểm thành phần hoặc không đọc được', count: 1 },
    ]);
  });

  it('--max N gives the maximum of the total: the index is checked as total ÷ N × 100', () => {
    const m = [
      ['Đơn vị', 'Tổng điểm', 'Chỉ số'],
      ['X', '45', '90'],
      ['Y', '40', '81'],
    ];
    expect(checkTable(m).checks.indexes).toBe(0);
    const r = checkTable(m, { max: 5000 });
    expect(r.checks.indexes).toBe(2);
    expect(codes(r)).toEqual([['INDEX_MISMATCH', 'Y']]);
  });

  it('group rows ("I. KHỐI SỞ") start the ranks again; a title line above the table is skipped', () => {
    const r = checkTable([
      ['BẢNG XẾP HẠNG CHỈ SỐ CCHC NĂM 2023', '', '', ''],
      ['STT', 'Đơn vị', 'Chỉ số', 'Xếp hạng'],
      ['I', 'KHỐI SỞ, NGÀNH', '', ''],
      ['1', 'Sở Nội vụ', '90', '1'],
      ['2', 'Sở Tư pháp', '88', '2'],
      ['II', 'KHỐI HUYỆN', '', ''],
      ['1', 'Huyện A', '91', '1'],
      ['2', 'Huyện B', '80', '2'],
    ]);
    expect(r.rows.map((x) => x.label)).toEqual(['Sở Nội vụ', 'Sở Tư pháp', 'Huyện A', 'Huyện B']);
    expect(r.findings).toEqual([]);
    expect(r.checks.ranks).toBe(4);
  });

  it('XLSX merged ranges are applied to the header (a group over its columns)', () => {
    const r = checkTable(
      [
        ['Đơn vị', 'Điểm thẩm định', '', 'Tổng điểm'],
        ['', 'Điểm đạt', 'Điểm tối đa', ''],
        ['X', '50', '65', '50'],
      ],
      {
        merges: [
          { top: 1, left: 1, bottom: 2, right: 1 },
          { top: 1, left: 2, bottom: 1, right: 3 },
          { top: 1, left: 4, bottom: 2, right: 4 },
        ],
      },
    );
    expect(r.columns.map((c) => [c.label, c.role])).toEqual([
      ['Điểm thẩm định', 'component'],
      ['Điểm thẩm định — Điểm tối đa', 'max'],
      ['Tổng điểm', 'total'],
    ]);
    expect(r.rows[0]!.maxTotal).toBe(6500);
    expect(r.checks).toMatchObject({ sums: 1, maxima: 1 });
  });
});
