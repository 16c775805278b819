/** Texts of the published-table check page, Vietnamese and English side by side. `{n}` marks a value
 * put in by `fill`. */
import type { CheckTableViewT } from '@chiso/contracts';

type Kind = keyof CheckTableViewT['checks'];

export const checkTableVi = {
  ctHelp:
    'Tải lên bảng kết quả như đã công bố (CSV hoặc Excel). Chiso tự nhận cột STT, tiêu đề hai dòng, bảng hai năm đặt cạnh nhau và bảng có năm theo cột; ô "7,82 điểm", "84,58%", "7,82/8" là số, "-", "x", "KAD" là không áp dụng. Chiso tính lại tổng điểm, chỉ số, thứ hạng, mức tăng/giảm, chỉ ra mọi sai lệch và nói rõ những gì không kiểm tra được; không lưu gì.',
  ctMax: 'Điểm tối đa của tổng điểm',
  ctMaxHelp: 'Khi bảng không ghi điểm tối đa: chỉ số được kiểm tra bằng tổng điểm ÷ điểm tối đa × 100.',
  ctMaxPlaceholder: 'ví dụ 100',
  ctApply: 'Kiểm tra lại',
  ctChecksTitle: 'Những gì đã kiểm tra',
  ctKinds: {
    sums: 'tổng điểm',
    indexes: 'chỉ số',
    ranks: 'thứ hạng',
    changes: 'mức tăng/giảm',
    maxima: 'điểm so với điểm tối đa',
  } satisfies Record<Kind, string>,
  ctChecked: 'Đã kiểm tra {n} nội dung:',
  ctNothingChecked:
    'Không kiểm tra được nội dung nào của bảng: bảng không có số liệu nào để đối chiếu, nên chưa thể kết luận bảng đúng hay sai.',
  ctNotChecked: 'Không kiểm tra được',
  ctNoFindingsOf: 'Không phát hiện sai sót trong {n} nội dung đã kiểm tra.',
  ctTransposed: 'Bảng có đơn vị hoặc năm theo cột; Chiso đã xoay lại để kiểm tra.',
};

export const checkTableEn: typeof checkTableVi = {
  ctHelp:
    'Upload a results table as published (CSV or Excel). Chiso recognises row-number columns, two-row headers, two years side by side and tables with years in columns; "7,82 điểm", "84,58%", "7,82/8" are numbers, "-", "x", "KAD" mean not applicable. It recomputes totals, indexes, ranks and changes, reports every discrepancy and says what it could not check; nothing is stored.',
  ctMax: 'Maximum of the total',
  ctMaxHelp: 'When the table prints no maxima: the index is checked as total ÷ maximum × 100.',
  ctMaxPlaceholder: 'e.g. 100',
  ctApply: 'Check again',
  ctChecksTitle: 'What was checked',
  ctKinds: {
    sums: 'totals',
    indexes: 'indexes',
    ranks: 'ranks',
    changes: 'changes',
    maxima: 'scores against their maximum',
  },
  ctChecked: '{n} checks made:',
  ctNothingChecked:
    'Nothing in this table could be checked: it has no figures to compare, so no conclusion can be drawn on whether it is right.',
  ctNotChecked: 'Could not be checked',
  ctNoFindingsOf: 'No findings in the {n} checks made.',
  ctTransposed: 'Units or years are in columns; Chiso turned the table to check it.',
};
