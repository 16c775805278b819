/** A plan's text as blocks (issue #16 item 6) and the improvement plan drafted from a result (item 4). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blocksFromText,
  fieldChangeText,
  improvementBlocks,
  textFromBlocks,
  type ImprovementField,
  type PlanBlock,
} from '../src/index.ts';

describe('plan text ↔ blocks', () => {
  it('reads headings, numbered paragraphs, bullets and tables', () => {
    const b = blocksFromText(
      [
        'I. MỤC ĐÍCH, YÊU CẦU',
        '1. Mục đích',
        '- Một;',
        '- Hai.',
        '2. Các đội nghiệp vụ và Công an các xã, thị trấn cần bám sát nội dung các tiêu chí.',
        '| STT | Nội dung |',
        '| 1 | A |',
        'Đoạn văn.',
      ].join('\n'),
    );
    expect(b).toEqual([
      { kind: 'heading', level: 1, text: 'I. MỤC ĐÍCH, YÊU CẦU' },
      { kind: 'heading', level: 2, text: '1. Mục đích' },
      { kind: 'bullets', items: ['Một;', 'Hai.'] },
      {
        kind: 'paragraph',
        text: '2. Các đội nghiệp vụ và Công an các xã, thị trấn cần bám sát nội dung các tiêu chí.',
      },
      { kind: 'table', header: ['STT', 'Nội dung'], rows: [['1', 'A']] },
      { kind: 'paragraph', text: 'Đoạn văn.' },
    ]);
  });

  it('text made from blocks reads back to the same blocks', () => {
    const word = fc.stringMatching(/^[a-zà-ỹ][a-zà-ỹ ,]{0,30}[a-zà-ỹ]$/u);
    const block: fc.Arbitrary<PlanBlock> = fc.oneof(
      word.map((t) => ({ kind: 'paragraph' as const, text: `Đoạn ${t}.` })),
      word.map((t) => ({ kind: 'heading' as const, level: 1 as const, text: `II. ${t.toUpperCase()}` })),
      word.map((t) => ({ kind: 'heading' as const, level: 2 as const, text: `3. ${t}` })),
      fc.array(word, { minLength: 1, maxLength: 4 }).map((items) => ({ kind: 'bullets' as const, items })),
      fc
        .array(fc.array(word, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 })
        .map(([header, ...rows]) => ({ kind: 'table' as const, header: header!, rows })),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), (blocks) => {
        // two lists (or two tables) in a row read back as one: compare after the first reading
        const once = blocksFromText(textFromBlocks(blocks));
        expect(blocksFromText(textFromBlocks(once))).toEqual(once);
      }),
    );
  });
});

const field = (
  code: string,
  title: string,
  points: number,
  max: number,
  more: Partial<ImprovementField> = {},
) => ({
  code,
  title,
  points,
  max,
  lost: [],
  leadName: null,
  coordinating: '',
  ...more,
});

describe('the improvement plan drafted from a result', () => {
  it('has one section per field, full points included, with its lead; points with a decimal comma', () => {
    const blocks = improvementBlocks({
      unitName: 'Ủy ban nhân dân huyện Hà Quảng',
      year: 2021,
      total: 7950,
      max: 9900,
      basis: null,
      bandLabel: 'Khá',
      rank: 8,
      rankedOf: 10,
      followUnitName: 'Phòng Nội vụ',
      fields: [
        field('1', 'Công tác chỉ đạo, điều hành CCHC', 1300, 1600, {
          leadName: 'Phòng Nội vụ',
          before: { points: 1400, max: 1600 },
        }),
        field('2', 'Xây dựng và tổ chức thực hiện văn bản QPPL', 1300, 1300, { leadName: 'Phòng Tư pháp' }),
        field('7', 'Chính quyền điện tử, chính quyền số', 1150, 1400, {
          lost: [{ code: '7.1', title: 'Tỷ lệ hồ sơ trực tuyến', points: 50, max: 300 }],
        }),
      ],
    });
    const text = textFromBlocks(blocks);
    expect(text).toContain('đạt 79,5/99 điểm, xếp thứ 8/10, xếp loại khá');
    expect(text).toContain('1. Công tác chỉ đạo, điều hành CCHC');
    expect(text).toContain('2. Xây dựng và tổ chức thực hiện văn bản QPPL');
    expect(text).toContain('3. Chính quyền điện tử, chính quyền số');
    expect(text).toContain('Đơn vị chủ trì: Phòng Tư pháp.');
    expect(text).toContain('Đạt điểm tối đa (13/13 điểm); tiếp tục duy trì.');
    expect(text).toContain('Tỷ lệ hồ sơ trực tuyến: đạt 0,5/3 điểm, mất 2,5 điểm.');
    expect(text).toContain('Đơn vị chủ trì: chưa phân công.');
    expect(text).toContain('| 1 | Công tác chỉ đạo, điều hành CCHC | 14/16 | 13/16 | Giảm 1 điểm |');
  });

  it('words the change of a field as seed 004 does', () => {
    expect(fieldChangeText(field('4', 'x', 800, 800, { before: { points: 782, max: 800 } }))).toBe(
      'Đạt tối đa',
    );
    expect(fieldChangeText(field('5', 'x', 1100, 1700, { before: { points: 950, max: 1500 } }))).toBe(
      'Tăng 1,5 điểm',
    );
    expect(fieldChangeText(field('3', 'x', 1600, 2400, { before: { points: 1800, max: 1500 } }))).toBe(
      'Giảm 2 điểm',
    );
    expect(fieldChangeText(field('6', 'x', 700, 1400))).toBe('Mất 7 điểm');
  });
});
