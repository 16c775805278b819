/** Texts of the publishing decision and of each unit's place against last year, Vietnamese and
 * English side by side. `{name}` marks a value put in by `fill`. */

export const decisionVi = {
  pdDownload: 'Quyết định công bố',
  pdTitle: 'Quyết định phê duyệt và công bố Chỉ số CCHC',
  pdPrevious: 'So với năm trước',
  pdUp: 'tăng {n} bậc',
  pdDown: 'giảm {n} bậc',
  pdSame: 'giữ nguyên',
  pdOther: '{rank}/{of} năm trước ({name})',
  pdNone: 'chưa có kết quả năm trước',
  pdWas: 'năm trước {rank}/{of}',
};

export const decisionEn: typeof decisionVi = {
  pdDownload: 'Publishing decision',
  pdTitle: 'Decision approving and publishing the PAR Index',
  pdPrevious: 'Against last year',
  pdUp: 'up {n} places',
  pdDown: 'down {n} places',
  pdSame: 'unchanged',
  pdOther: '{rank}/{of} last year ({name})',
  pdNone: 'no result last year',
  pdWas: 'last year {rank}/{of}',
};
