/** One catalogue of stable error codes: each has an HTTP status, a Vietnamese message and its English
 * (sent when the client asks for English: apps/server/src/i18n). */
export const ERRORS = {
  VALIDATION: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The data sent is not valid.' },
  BAD_JSON: {
    status: 400,
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập để tiếp tục.', en: 'Please sign in to continue.' },
  /** One answer for a wrong password, an unknown name, a locked account and a disabled one, so that
   * a login attempt reveals nothing about the account. */
  BAD_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản tạm thời không đăng nhập được.',
    en: 'Wrong username or password, or the account cannot sign in for now.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.',
    en: 'Too many requests. Please try again later.',
  },
  CSRF: {
    status: 403,
    vi: 'Mã chống giả mạo yêu cầu (CSRF) không hợp lệ. Hãy tải lại trang và thử lại.',
    en: 'The anti-forgery token (CSRF) is not valid. Reload the page and try again.',
  },
  FORBIDDEN: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  FORBIDDEN_UNIT: {
    status: 403,
    vi: 'Đơn vị này nằm ngoài phạm vi được phân quyền của bạn.',
    en: 'This unit is outside the scope of your rights.',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy dữ liệu yêu cầu.', en: 'The requested data was not found.' },
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
  GRANT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quyền được cấp.', en: 'Grant not found.' },
  UNIT_CODE_TAKEN: {
    status: 409,
    vi: 'Mã đơn vị đã được dùng cho một đơn vị khác đang hoạt động.',
    en: 'The unit code is already used by another active unit.',
  },
  UNIT_CLOSED: {
    status: 409,
    vi: 'Đơn vị đã ngừng hoạt động (đã sáp nhập hoặc giải thể); không thể thay đổi.',
    en: 'The unit has ceased (merged or abolished); it cannot be changed.',
  },
  UNIT_MOVE_CYCLE: {
    status: 409,
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.',
    en: 'A unit cannot be moved into itself or into one of its subordinate units.',
  },
  UNIT_HAS_CHILDREN: {
    status: 409,
    vi: 'Đơn vị còn đơn vị trực thuộc đang hoạt động.',
    en: 'The unit still has active subordinate units.',
  },
  UNIT_ROOT_REQUIRED: {
    status: 403,
    vi: 'Chỉ quản trị hệ thống mới được tạo đơn vị cấp cao nhất.',
    en: 'Only a system administrator may create a top-level unit.',
  },
  REORG_INVALID: {
    status: 422,
    vi: 'Thao tác sắp xếp lại đơn vị không hợp lệ.',
    en: 'The reorganisation is not valid.',
  },
  IMPORT_INVALID: {
    status: 422,
    vi: 'Tệp có lỗi; không có dòng nào được nhập. Xem danh sách lỗi theo dòng và cột.',
    en: 'The file has errors; no row was imported. See the list of errors by row and column.',
  },
  FILE_UNREADABLE: {
    status: 422,
    vi: 'Không đọc được tệp. Hãy dùng tệp Excel (.xlsx) hoặc CSV (UTF-8).',
    en: 'The file cannot be read. Use an Excel (.xlsx) or CSV (UTF-8) file.',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại.', en: 'The username already exists.' },
  PASSWORD_WEAK: {
    status: 422,
    vi: 'Mật khẩu chưa đủ mạnh: cần ít nhất 10 ký tự gồm cả chữ và số, không phải mật khẩu phổ biến, không lặp một ký tự, không là dãy liên tiếp và không chứa tên đăng nhập hay họ tên.',
    en: 'The password is not strong enough: at least 10 characters with letters and digits, not a common password, not one repeated character, not a sequence, and not containing the username or full name.',
  },
  PASSWORD_WRONG: { status: 422, vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  ROLE_NOT_GRANTABLE: {
    status: 403,
    vi: 'Bạn không thể cấp vai trò này.',
    en: 'You cannot grant this role.',
  },
  GRANT_EXISTS: {
    status: 409,
    vi: 'Người dùng đã có vai trò này trên đơn vị này.',
    en: 'The user already has this role on this unit.',
  },
  REASON_REQUIRED: {
    status: 422,
    vi: 'Cần nhập lý do cho thao tác này.',
    en: 'A reason is required for this action.',
  },
  FRAMEWORK_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bộ tiêu chí.', en: 'Framework not found.' },
  FRAMEWORK_INVALID: {
    status: 422,
    vi: 'Bộ tiêu chí có lỗi; chưa có gì được lưu. Xem danh sách lỗi theo mã tiêu chí.',
    en: 'The framework has errors; nothing was saved. See the list of errors by criterion code.',
  },
  FRAMEWORK_STATE: {
    status: 409,
    vi: 'Thao tác không phù hợp với trạng thái của bộ tiêu chí.',
    en: 'This action does not fit the framework’s status.',
  },
  FRAMEWORK_CONFLICT: {
    status: 409,
    vi: 'Bộ tiêu chí vừa được người khác sửa. Hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
    en: 'The framework was just changed by someone else. Reload to see the latest version, then edit again.',
  },
  FRAMEWORK_NOT_PUBLISHED: {
    status: 409,
    vi: 'Chỉ nhập kết quả theo bộ tiêu chí đã ban hành (kết quả giữ phiên bản bộ tiêu chí đã dùng).',
    en: 'Results are entered only against a published framework (a result keeps the framework version it used).',
  },
  FRAMEWORK_NOT_APPLICABLE: {
    status: 422,
    vi: 'Bộ tiêu chí không áp dụng cho loại đơn vị này.',
    en: 'The framework does not apply to this kind of unit.',
  },
  RESULT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kết quả.', en: 'Result not found.' },
  RESULT_INVALID: {
    status: 422,
    vi: 'Dữ liệu kết quả có lỗi; chưa có gì được lưu.',
    en: 'The result data has errors; nothing was saved.',
  },
  RESULT_FROM_CYCLE: {
    status: 409,
    vi: 'Kết quả này thuộc một kỳ đánh giá; chỉ được sửa bằng quyết định sửa đổi của kỳ (có lý do).',
    en: 'This result belongs to an assessment cycle; it can only be changed by an amending decision of the cycle (with a reason).',
  },
  RESULT_CONFLICT: {
    status: 409,
    vi: 'Kết quả vừa được người khác sửa. Hãy tải lại để xem bản mới nhất.',
    en: 'The result was just changed by someone else. Reload to see the latest version.',
  },
  RESULT_SET_OF_CYCLE: {
    status: 409,
    vi: 'Bảng xếp hạng này thuộc một kỳ đánh giá; kết quả chỉ thay đổi qua kỳ đánh giá (sau khi công bố: bằng quyết định sửa đổi).',
    en: 'This ranking belongs to an assessment cycle; its results change only through the cycle (after publication: by an amending decision).',
  },
  CYCLE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kỳ đánh giá.', en: 'Assessment cycle not found.' },
  CYCLE_STATE: {
    status: 409,
    vi: 'Thao tác không phù hợp với trạng thái của kỳ đánh giá.',
    en: 'This action does not fit the status of the assessment cycle.',
  },
  STAGE_NOT_OPEN: { status: 409, vi: 'Giai đoạn này chưa mở.', en: 'This stage is not open yet.' },
  STAGE_CLOSED: {
    status: 409,
    vi: 'Giai đoạn này đã đóng hoặc đã quá hạn; không thể ghi thêm.',
    en: 'This stage is closed or past its deadline; nothing more can be recorded.',
  },
  ASSESSMENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy bản tự đánh giá.',
    en: 'Self-assessment not found.',
  },
  ASSESSMENT_STATE: {
    status: 409,
    vi: 'Thao tác không phù hợp với trạng thái của bản tự đánh giá.',
    en: 'This action does not fit the status of the self-assessment.',
  },
  RANK_GROUPS_INVALID: {
    status: 422,
    vi: 'Nhóm xếp hạng có lỗi; chưa có gì được lưu.',
    en: 'The ranking groups have errors; nothing was saved.',
  },
  RANK_GROUPS_FROZEN: {
    status: 409,
    vi: 'Kết quả của bảng xếp hạng này đã công bố; các nhóm xếp hạng được giữ nguyên như đã công bố.',
    en: 'The results of this ranking are published; its groups stay as published.',
  },
  RANK_GROUPS_CONFLICT: {
    status: 409,
    vi: 'Nhóm xếp hạng vừa được người khác sửa. Hãy tải lại để xem bản mới nhất.',
    en: 'The ranking groups were just changed by someone else. Reload to see the latest version.',
  },
  ASSESSMENT_CONFLICT: {
    status: 409,
    vi: 'Tiêu chí này vừa được sửa ở nơi khác (tab hoặc máy khác). Hãy tải lại để xem bản mới nhất.',
    en: 'This criterion was just changed elsewhere (another tab or computer). Reload to see the latest version.',
  },
  ASSESSMENT_INCOMPLETE: {
    status: 422,
    vi: 'Bản tự đánh giá chưa đủ: còn tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng/giải trình.',
    en: 'The self-assessment is not complete: some criteria are not scored or lack evidence or an explanation.',
  },
  FILE_REFUSED: { status: 422, vi: 'Tệp không được chấp nhận.', en: 'The file is not accepted.' },
  DB_UNAVAILABLE: { status: 503, vi: 'Cơ sở dữ liệu không sẵn sàng.', en: 'The database is not available.' },
  PDF_UNAVAILABLE: {
    status: 503,
    vi: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Hãy tải bản Word (.docx) hoặc nhờ quản trị cài gói libreoffice-writer-nogui và fonts-croscore.',
    en: 'LibreOffice is not installed on the server, so PDF cannot be produced. Download the Word (.docx) version or ask the administrator to install libreoffice-writer-nogui and fonts-croscore.',
  },
  FRAMEWORK_CODE_TAKEN: {
    status: 409,
    vi: 'Mã bộ tiêu chí này đã thuộc về đơn vị khác (hoặc là bộ tiêu chí dùng chung của hệ thống); hãy đặt mã khác cho bộ tiêu chí của đơn vị bạn.',
    en: 'This framework code belongs to another unit (or is a system-wide framework); choose another code for your unit’s framework.',
  },
  INTERNAL: {
    status: 500,
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ quản trị.',
    en: 'A system error occurred. Please try again or contact the administrator.',
  },
  SURVEY_FORM_INVALID: {
    status: 422,
    vi: 'Phiếu khảo sát chưa hợp lệ.',
    en: 'The survey form is not valid.',
  },
  SURVEY_FORM_STATE: {
    status: 409,
    vi: 'Phiếu khảo sát đã ban hành thì không sửa được; hãy tạo phiên bản mới.',
    en: 'A published survey form cannot be changed; make a new version.',
  },
  SURVEY_CAMPAIGN_INVALID: {
    status: 422,
    vi: 'Đợt khảo sát chưa hợp lệ.',
    en: 'The survey campaign is not valid.',
  },
  SURVEY_CAMPAIGN_STATE: {
    status: 409,
    vi: 'Trạng thái của đợt khảo sát không cho phép thao tác này.',
    en: 'The state of the survey campaign does not allow this.',
  },
  SURVEY_CONFLICT: {
    status: 409,
    vi: 'Dữ liệu đã được người khác thay đổi. Hãy tải lại trang.',
    en: 'Someone else changed this data. Reload the page.',
  },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp quá lớn hoặc quá phức tạp để đọc. Hãy chia nhỏ tệp hoặc bỏ bớt dòng, cột không cần thiết.',
    en: 'The file is too large or too complex to read. Split it or remove unneeded rows and columns.',
  },
  SURVEY_BALLOT_INVALID: {
    status: 422,
    vi: 'Phiếu khảo sát có câu trả lời chưa hợp lệ.',
    en: 'The ballot has answers that are not valid.',
  },
  SURVEY_SERIAL_TAKEN: {
    status: 409,
    vi: 'Số phiếu này đã được nhập trong đợt khảo sát.',
    en: 'This ballot serial number was already entered in the campaign.',
  },
  REPORT_INVALID: {
    status: 422,
    vi: 'Yêu cầu báo cáo hoặc nội dung báo cáo chưa hợp lệ.',
    en: 'The report request or the report is not valid.',
  },
  REPORT_STATE: {
    status: 409,
    vi: 'Trạng thái của báo cáo không cho phép thao tác này.',
    en: 'The state of the report does not allow this.',
  },
  REPORT_CONFLICT: {
    status: 409,
    vi: 'Báo cáo đã được người khác thay đổi. Hãy tải lại trang.',
    en: 'Someone else changed this report. Reload the page.',
  },
  SURVEY_LEAF_READONLY: {
    status: 409,
    vi: 'Điểm tiêu chí khảo sát lấy từ kết quả đợt khảo sát đã công bố; không chấm tay.',
    en: 'The points of a survey criterion come from the published results of the survey campaign; they are not typed.',
  },
  SURVEY_POINTS_STATE: {
    status: 409,
    vi: 'Trạng thái của kỳ đánh giá không cho phép thay đổi điểm khảo sát.',
    en: 'The state of the cycle does not allow changing its survey points.',
  },
  PLAN_CONFLICT: {
    status: 409,
    vi: 'Văn bản vừa được người khác sửa. Hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
    en: 'The document was just changed by someone else. Reload to see the latest version, then edit again.',
  },
  PLAN_INVALID: {
    status: 422,
    vi: 'Kế hoạch chưa hợp lệ.',
    en: 'The plan is not valid.',
  },
  TASK_INVALID: {
    status: 422,
    vi: 'Nhiệm vụ chưa hợp lệ.',
    en: 'The task is not valid.',
  },
  TASK_STATE: {
    status: 409,
    vi: 'Trạng thái của nhiệm vụ không cho phép thao tác này.',
    en: 'The state of the task does not allow this.',
  },
  ACTIVITY_INVALID: {
    status: 422,
    vi: 'Hoạt động chưa hợp lệ.',
    en: 'The activity record is not valid.',
  },
  COUNT_POINTS_STATE: {
    status: 409,
    vi: 'Trạng thái của kỳ đánh giá không cho phép thay đổi việc tính điểm từ số liệu.',
    en: 'The state of the cycle does not allow changing its counted criteria.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
