import { describe, expect, it } from 'vitest';
import {
  NATIONAL_MOTTO,
  NATIONAL_TITLE,
  annexLabel,
  documentOutline,
  formatVnDate,
  numberAndSymbol,
  placeAndDate,
  recipientLines,
  signatureNameLine,
  signaturePositionLines,
  toRoman,
  validateDocument,
  type OfficialDocument,
} from '../src/document/index.ts';

function sample(overrides: Partial<OfficialDocument> = {}): OfficialDocument {
  return {
    issuingParent: 'UBND TỈNH SÓC TRĂNG',
    issuingBody: 'UBND HUYỆN CÙ LAO DUNG',
    number: '90',
    symbol: 'QĐ-UBND',
    place: 'Cù Lao Dung',
    date: { day: 25, month: 1, year: 2022 },
    type: 'QUYẾT ĐỊNH',
    summary: 'Về việc ban hành Bộ tiêu chí đánh giá Chỉ số cải cách hành chính',
    preamble: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'],
    issuerLine: 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG',
    decisionWord: 'QUYẾT ĐỊNH:',
    body: [
      { kind: 'numbered', label: 'Điều 1.', text: 'Ban hành kèm theo Quyết định này Bộ tiêu chí.' },
      { kind: 'bullets', items: ['Văn phòng HĐND và UBND huyện', 'Phòng Nội vụ'] },
      {
        kind: 'table',
        columns: [{ title: 'STT' }, { title: 'Nội dung', width: 4 }],
        rows: [['1', 'Công tác chỉ đạo, điều hành']],
      },
    ],
    recipients: ['Như Điều 3', 'UBND tỉnh (b/c)', 'Lưu: VT'],
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: 'Nguyễn Văn A' },
    annexes: [],
    ...overrides,
  };
}

describe('numberAndSymbol', () => {
  it('ghép số và ký hiệu', () => {
    expect(numberAndSymbol(sample())).toBe('Số: 90/QĐ-UBND');
  });

  it('để trống chỗ ghi số khi chưa cấp số', () => {
    expect(numberAndSymbol(sample({ number: undefined }))).toBe('Số:      /QĐ-UBND');
    expect(numberAndSymbol(sample({ number: '  ' }))).toBe('Số:      /QĐ-UBND');
  });
});

describe('placeAndDate', () => {
  it('thêm số 0 trước tháng 1, 2', () => {
    expect(placeAndDate(sample())).toBe('Cù Lao Dung, ngày 25 tháng 01 năm 2022');
    expect(formatVnDate({ day: 28, month: 2, year: 2023 })).toBe('ngày 28 tháng 02 năm 2023');
  });

  it('thêm số 0 trước ngày nhỏ hơn 10', () => {
    expect(formatVnDate({ day: 5, month: 1, year: 2022 })).toBe('ngày 05 tháng 01 năm 2022');
  });

  it('không thêm số 0 cho tháng từ 3 trở đi', () => {
    expect(formatVnDate({ day: 9, month: 3, year: 2024 })).toBe('ngày 09 tháng 3 năm 2024');
    expect(formatVnDate({ day: 10, month: 12, year: 2024 })).toBe('ngày 10 tháng 12 năm 2024');
  });
});

describe('validateDocument', () => {
  it('văn bản đầy đủ không có lỗi', () => {
    expect(validateDocument(sample())).toEqual([]);
  });

  it('báo thiếu nội dung', () => {
    expect(validateDocument(sample({ body: [] }))).toContain('Văn bản chưa có nội dung.');
  });

  it('báo thiếu họ tên người ký', () => {
    const errors = validateDocument(sample({ signature: { position: 'CHỦ TỊCH', name: ' ' } }));
    expect(errors).toContain('Thiếu họ và tên người ký.');
  });

  it('báo ngày không hợp lệ', () => {
    const bad = 'Ngày, tháng, năm ban hành không hợp lệ.';
    expect(validateDocument(sample({ date: { day: 30, month: 2, year: 2024 } }))).toContain(bad);
    expect(validateDocument(sample({ date: { day: 1, month: 13, year: 2024 } }))).toContain(bad);
    expect(validateDocument(sample({ date: { day: 1.5, month: 1, year: 2024 } }))).toContain(bad);
    expect(validateDocument(sample({ date: { day: 29, month: 2, year: 2024 } }))).not.toContain(bad);
  });

  it('báo bảng có dòng nhiều ô hơn số cột và phụ lục trống', () => {
    const errors = validateDocument(
      sample({
        body: [{ kind: 'table', columns: [{ title: 'A' }], rows: [['1', '2']] }],
        annexes: [{ title: '', body: [] }],
      }),
    );
    expect(errors).toEqual([
      'Nội dung: bảng thứ 1, dòng 1 có 2 ô, nhiều hơn số cột (1).',
      'Phụ lục 1: thiếu tên phụ lục.',
      'Phụ lục 1: chưa có nội dung.',
    ]);
  });
});

describe('chữ ký, nơi nhận, phụ lục', () => {
  it('tách chức vụ nhiều dòng', () => {
    expect(signaturePositionLines({ position: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'X' })).toEqual([
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(signaturePositionLines({ position: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'X' })).toHaveLength(2);
    expect(signatureNameLine({ position: 'CHỦ TỊCH', name: 'Trần B', rank: 'Đại tá' })).toBe('Đại tá Trần B');
  });

  it('nơi nhận: mỗi dòng kết thúc bằng dấu chấm phẩy, dòng cuối bằng dấu chấm', () => {
    expect(recipientLines(sample())).toEqual(['- Như Điều 3;', '- UBND tỉnh (b/c);', '- Lưu: VT.']);
  });

  it('đánh số phụ lục bằng chữ số La Mã khi có nhiều phụ lục', () => {
    expect(annexLabel(0, 1)).toBe('PHỤ LỤC');
    expect(annexLabel(1, 3)).toBe('PHỤ LỤC II');
    expect(toRoman(14)).toBe('XIV');
  });
});

describe('documentOutline', () => {
  it('liệt kê các dòng theo thứ tự xuất hiện', () => {
    const outline = documentOutline(
      sample({
        signature: { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Lê C' },
        annexes: [{ title: 'BỘ TIÊU CHÍ', subtitle: '(Kèm theo Quyết định số 90/QĐ-UBND)', body: [] }],
      }),
    );
    expect(outline).toEqual([
      'UBND TỈNH SÓC TRĂNG',
      'UBND HUYỆN CÙ LAO DUNG',
      NATIONAL_TITLE,
      NATIONAL_MOTTO,
      'Số: 90/QĐ-UBND',
      'Cù Lao Dung, ngày 25 tháng 01 năm 2022',
      'QUYẾT ĐỊNH',
      'Về việc ban hành Bộ tiêu chí đánh giá Chỉ số cải cách hành chính',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÙ LAO DUNG',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'QUYẾT ĐỊNH:',
      'Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu chí.',
      '- Văn phòng HĐND và UBND huyện',
      '- Phòng Nội vụ',
      'STT | Nội dung',
      '1 | Công tác chỉ đạo, điều hành',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- UBND tỉnh (b/c);',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Lê C',
      'PHỤ LỤC',
      'BỘ TIÊU CHÍ',
      '(Kèm theo Quyết định số 90/QĐ-UBND)',
    ]);
  });

  it('bỏ qua cơ quan chủ quản khi không có', () => {
    const outline = documentOutline(sample({ issuingParent: undefined, preamble: undefined }));
    expect(outline[0]).toBe('UBND HUYỆN CÙ LAO DUNG');
    expect(outline).not.toContain('UBND TỈNH SÓC TRĂNG');
  });
});
