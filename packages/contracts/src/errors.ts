/** One catalogue of stable error codes: each has an HTTP status and a Vietnamese message. */
export const ERRORS = {
  VALIDATION: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.' },
  BAD_JSON: { status: 400, vi: 'Nội dung yêu cầu không phải JSON hợp lệ.' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập để tiếp tục.' },
  /** One answer for a wrong password, an unknown name, a locked account and a disabled one, so that
   * a login attempt reveals nothing about the account. */
  BAD_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản tạm thời không đăng nhập được.',
  },
  TOO_MANY_REQUESTS: { status: 429, vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.' },
  CSRF: { status: 403, vi: 'Mã chống giả mạo yêu cầu (CSRF) không hợp lệ. Hãy tải lại trang và thử lại.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.' },
  FORBIDDEN_UNIT: { status: 403, vi: 'Đơn vị này nằm ngoài phạm vi được phân quyền của bạn.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy dữ liệu yêu cầu.' },
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng.' },
  GRANT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quyền được cấp.' },
  UNIT_CODE_TAKEN: { status: 409, vi: 'Mã đơn vị đã được dùng cho một đơn vị khác đang hoạt động.' },
  UNIT_CLOSED: {
    status: 409,
    vi: 'Đơn vị đã ngừng hoạt động (đã sáp nhập hoặc giải thể); không thể thay đổi.',
  },
  UNIT_MOVE_CYCLE: {
    status: 409,
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.',
  },
  UNIT_HAS_CHILDREN: { status: 409, vi: 'Đơn vị còn đơn vị trực thuộc đang hoạt động.' },
  UNIT_ROOT_REQUIRED: { status: 403, vi: 'Chỉ quản trị hệ thống mới được tạo đơn vị cấp cao nhất.' },
  REORG_INVALID: { status: 422, vi: 'Thao tác sắp xếp lại đơn vị không hợp lệ.' },
  IMPORT_INVALID: {
    status: 422,
    vi: 'Tệp có lỗi; không có dòng nào được nhập. Xem danh sách lỗi theo dòng và cột.',
  },
  FILE_UNREADABLE: { status: 422, vi: 'Không đọc được tệp. Hãy dùng tệp Excel (.xlsx) hoặc CSV (UTF-8).' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại.' },
  PASSWORD_WEAK: {
    status: 422,
    vi: 'Mật khẩu chưa đủ mạnh: cần ít nhất 10 ký tự gồm cả chữ và số, không phải mật khẩu phổ biến, không lặp một ký tự, không là dãy liên tiếp và không chứa tên đăng nhập hay họ tên.',
  },
  PASSWORD_WRONG: { status: 422, vi: 'Mật khẩu hiện tại không đúng.' },
  ROLE_NOT_GRANTABLE: { status: 403, vi: 'Bạn không thể cấp vai trò này.' },
  GRANT_EXISTS: { status: 409, vi: 'Người dùng đã có vai trò này trên đơn vị này.' },
  REASON_REQUIRED: { status: 422, vi: 'Cần nhập lý do cho thao tác này.' },
  FRAMEWORK_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bộ tiêu chí.' },
  FRAMEWORK_INVALID: {
    status: 422,
    vi: 'Bộ tiêu chí có lỗi; chưa có gì được lưu. Xem danh sách lỗi theo mã tiêu chí.',
  },
  FRAMEWORK_STATE: { status: 409, vi: 'Thao tác không phù hợp với trạng thái của bộ tiêu chí.' },
  FRAMEWORK_CONFLICT: {
    status: 409,
    vi: 'Bộ tiêu chí vừa được người khác sửa. Hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
  },
  FRAMEWORK_NOT_PUBLISHED: {
    status: 409,
    vi: 'Chỉ nhập kết quả theo bộ tiêu chí đã ban hành (kết quả giữ phiên bản bộ tiêu chí đã dùng).',
  },
  FRAMEWORK_NOT_APPLICABLE: { status: 422, vi: 'Bộ tiêu chí không áp dụng cho loại đơn vị này.' },
  RESULT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kết quả.' },
  RESULT_INVALID: { status: 422, vi: 'Dữ liệu kết quả có lỗi; chưa có gì được lưu.' },
  RESULT_FROM_CYCLE: {
    status: 409,
    vi: 'Kết quả này thuộc một kỳ đánh giá; chỉ được sửa bằng quyết định sửa đổi của kỳ (có lý do).',
  },
  RESULT_CONFLICT: {
    status: 409,
    vi: 'Kết quả vừa được người khác sửa. Hãy tải lại để xem bản mới nhất.',
  },
  RESULT_SET_OF_CYCLE: {
    status: 409,
    vi: 'Bảng xếp hạng này thuộc một kỳ đánh giá; kết quả chỉ thay đổi qua kỳ đánh giá (sau khi công bố: bằng quyết định sửa đổi).',
  },
  RANK_GROUPS_INVALID: { status: 422, vi: 'Nhóm xếp hạng có lỗi; chưa có gì được lưu.' },
  RANK_GROUPS_FROZEN: {
    status: 409,
    vi: 'Kết quả của bảng xếp hạng này đã công bố; các nhóm xếp hạng được giữ nguyên như đã công bố.',
  },
  RANK_GROUPS_CONFLICT: {
    status: 409,
    vi: 'Nhóm xếp hạng vừa được người khác sửa. Hãy tải lại để xem bản mới nhất.',
  },
  CYCLE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kỳ đánh giá.' },
  CYCLE_STATE: { status: 409, vi: 'Thao tác không phù hợp với trạng thái của kỳ đánh giá.' },
  STAGE_NOT_OPEN: { status: 409, vi: 'Giai đoạn này chưa mở.' },
  STAGE_CLOSED: { status: 409, vi: 'Giai đoạn này đã đóng hoặc đã quá hạn; không thể ghi thêm.' },
  ASSESSMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bản tự đánh giá.' },
  ASSESSMENT_STATE: { status: 409, vi: 'Thao tác không phù hợp với trạng thái của bản tự đánh giá.' },
  ASSESSMENT_CONFLICT: {
    status: 409,
    vi: 'Tiêu chí này vừa được sửa ở nơi khác (tab hoặc máy khác). Hãy tải lại để xem bản mới nhất.',
  },
  ASSESSMENT_INCOMPLETE: {
    status: 422,
    vi: 'Bản tự đánh giá chưa đủ: còn tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng/giải trình.',
  },
  FILE_REFUSED: { status: 422, vi: 'Tệp không được chấp nhận.' },
  DB_UNAVAILABLE: { status: 503, vi: 'Cơ sở dữ liệu không sẵn sàng.' },
  PDF_UNAVAILABLE: {
    status: 503,
    vi: 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Hãy tải bản Word (.docx) hoặc nhờ quản trị cài gói libreoffice-writer-nogui và fonts-croscore.',
  },
  FRAMEWORK_CODE_TAKEN: {
    status: 409,
    vi: 'Mã bộ tiêu chí này đã thuộc về đơn vị khác (hoặc là bộ tiêu chí dùng chung của hệ thống); hãy đặt mã khác cho bộ tiêu chí của đơn vị bạn.',
  },
  INTERNAL: { status: 500, vi: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ quản trị.' },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp quá lớn hoặc quá phức tạp để đọc. Hãy chia nhỏ tệp hoặc bỏ bớt dòng, cột không cần thiết.',
  },
} as const satisfies Record<string, { status: number; vi: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
