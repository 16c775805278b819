/** Field schemas shared by every request: calendar-checked dates and bounded text free of control and
 * bidirectional characters, built from the limits of the domain (`LIMITS`), which the importers apply
 * too. Importing the contracts also makes zod answer in Vietnamese everywhere (`zodMessageVi`); a
 * message written on a schema still wins. */
import { z } from 'zod';
import { isoDateProblem, LIMITS, textProblem, zodMessageVi, type TextRule } from '@chiso/domain';

z.config({ customError: (issue) => zodMessageVi(issue) });

/** Marks an issue whose message already names its field ("Tên đơn vị quá dài …"), so the error
 * handler does not prefix the field again. */
export const LABELLED = { labelled: true } as const;

/** Trimmed text with the shared rules: at most `max` characters, at least `min`, no control or
 * bidirectional characters (line breaks only when `multiline`). */
export function text(label: string, max: number, opts: Omit<TextRule, 'label' | 'max'> = {}) {
  return z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const p = textProblem(v, { label, max, ...opts });
      if (p) ctx.addIssue({ code: 'custom', message: p, params: LABELLED });
    })
    .meta({ maxLength: max, ...(opts.min ? { minLength: opts.min } : {}) });
}

/** yyyy-mm-dd naming a real day between 1900 and 2100 ("2027-02-30" and "9999-99-99" are refused
 * here, not by the database). */
export const IsoDate = z
  .string()
  .superRefine((v, ctx) => {
    const p = isoDateProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  })
  .meta({ format: 'date' });

/** A date the server sends (already a real date in the database). */
export const IsoDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A reason kept in the audit trail (optional, or required when `min` is 1). */
export const reason = (max: number = LIMITS.reason, min = 0) => text('Lý do', max, { min, multiline: true });

/** Search words typed in a list filter. */
export const SearchText = text('Từ khóa tìm kiếm', LIMITS.search);

/** Names of request fields as messages show them ("stages › thứ 1 › dueOn" → "Giai đoạn › thứ 1 › Hạn"). */
export const FIELD_LABELS: Record<string, string> = {
  id: 'Mã định danh',
  token: 'Mã đường dẫn',
  invalid: 'Phiếu đã hủy',
  code: 'Mã',
  name: 'Tên',
  shortName: 'Tên viết tắt',
  kind: 'Loại đơn vị',
  parentId: 'Đơn vị cấp trên',
  issuedOn: 'Ngày ban hành',
  issuingUnitId: 'Đơn vị ban hành',
  periodFrom: 'Từ ngày (thời gian thực hiện)',
  periodTo: 'Đến ngày (thời gian thực hiện)',
  budgetLine: 'Nguồn kinh phí',
  budgetUnitId: 'Đơn vị lập dự toán',
  askedUnitIds: 'Các đơn vị phải gửi kế hoạch',
  askedDueOn: 'Hạn gửi kế hoạch',
  outline: 'Đề cương',
  addressees: 'Kính gửi',
  guide: 'Hướng dẫn của mục',
  periodKind: 'Kỳ báo cáo',
  yearFrom: 'Từ năm',
  yearTo: 'Đến năm',
  due: 'Hạn gửi',
  cutoff: 'Ngày chốt số liệu',
  day: 'Ngày',
  month: 'Tháng',
  receivingUnitId: 'Đơn vị nhận báo cáo',
  resultId: 'Kết quả',
  items: 'Danh sách',
  fieldCode: 'Lĩnh vực',
  leadUnitId: 'Đơn vị chủ trì',
  coordinating: 'Đơn vị phối hợp',
  remember: 'Lưu phân công cho lần sau',
  frameworkCode: 'Mã bộ tiêu chí',
  implementsPlanId: 'Kế hoạch cấp trên được thực hiện',
  subject: 'Trích yếu',
  endsOn: 'Ngày kết thúc',
  planned: 'Theo kế hoạch',
  done: 'Đã thực hiện',
  subjectUnitId: 'Đơn vị được kiểm tra',
  link: 'Đường dẫn',
  coordinatingUnitIds: 'Các đơn vị phối hợp',
  issuesFound: 'Số tồn tại phát hiện',
  issuesResolved: 'Số tồn tại đã khắc phục',
  quota: 'Chỉ tiêu',
  trained: 'Số người được tập huấn',
  participants: 'Số người tham dự',
  planId: 'Kế hoạch thực hiện',
  counter: 'Phép đếm',
  subtree: 'Gồm các đơn vị trực thuộc',
  rule: 'Cách tính điểm',
  perIncident: 'Điểm trừ mỗi vụ việc',
  offerReason: 'Lý do khác số liệu đếm được',
  validFrom: 'Ngày hiệu lực',
  effectiveDate: 'Ngày hiệu lực',
  reason: 'Lý do',
  decision: 'Quyết định',
  sourceIds: 'Các đơn vị sáp nhập',
  target: 'Đơn vị mới',
  successorId: 'Đơn vị kế thừa',
  rootId: 'Đơn vị gốc',
  q: 'Từ khóa tìm kiếm',
  includeClosed: 'Gồm đơn vị đã ngừng hoạt động',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  fullName: 'Họ tên',
  email: 'Thư điện tử',
  role: 'Vai trò',
  disabled: 'Khóa tài khoản',
  unitId: 'Đơn vị',
  userId: 'Người dùng',
  fromUnitId: 'Đơn vị chuyển đi',
  toUnitId: 'Đơn vị nhận',
  entity: 'Đối tượng',
  action: 'Thao tác',
  actor: 'Người thực hiện',
  from: 'Từ ngày',
  to: 'Đến ngày',
  limit: 'Số dòng',
  beforeSeq: 'Vị trí trang',
  ownerUnitId: 'Đơn vị chủ quản',
  definition: 'Định nghĩa bộ tiêu chí',
  baseRevision: 'Phiên bản đang sửa',
  year: 'Năm',
  format: 'Định dạng tệp',
  frameworkId: 'Bộ tiêu chí',
  mode: 'Cách nhập',
  inputs: 'Kết quả nhập',
  unitKinds: 'Loại đơn vị',
  subtreeUnitIds: 'Nhánh đơn vị',
  stages: 'Giai đoạn',
  stage: 'Giai đoạn',
  startsOn: 'Ngày bắt đầu',
  dueOn: 'Hạn',
  state: 'Trạng thái',
  text: 'Kết quả',
  note: 'Ghi chú',
  evidenceId: 'Tài liệu kiểm chứng',
  locator: 'Vị trí trong văn bản',
  remove: 'Gỡ liên kết',
  fields: 'Lĩnh vực',
  unitIds: 'Đơn vị',
  message: 'Nội dung',
  answer: 'Nội dung trả lời',
  decisionNumber: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  changes: 'Thay đổi',
  transpose: 'Đảo hàng và cột',
  date: 'Ngày ban hành',
  number: 'Số văn bản',
  symbol: 'Ký hiệu',
  place: 'Địa danh',
  issuingParent: 'Cơ quan chủ quản',
  issuingBody: 'Cơ quan ban hành',
  signerAuthority: 'Thẩm quyền ký',
  signerPosition: 'Chức vụ người ký',
  signerName: 'Người ký',
  recipients: 'Nơi nhận',
  profile: 'Thông tin văn bản của đơn vị',
  abbreviation: 'Chữ viết tắt',
  placeName: 'Địa danh',
  head: 'Người đứng đầu',
  deputies: 'Cấp phó',
  title: 'Chức danh',
  rank: 'Cấp hàm',
  acting: 'Quyền (Q.)',
  issuerLines: 'Dòng tên cơ quan',
  governing: 'Tên cơ quan chủ quản',
  own: 'Tên cơ quan ban hành',
  signer: 'Người ký',
  issuerUnitId: 'Đơn vị ban hành',
  tasks: 'Nhiệm vụ',
  ordinal: 'Số thứ tự',
  section: 'Nhóm nhiệm vụ',
  content: 'Nội dung nhiệm vụ',
  leadGroup: 'Nhóm đơn vị thực hiện',
  label: 'Tên nhóm',
  unitKind: 'Loại đơn vị của nhóm',
  coordinatingText: 'Đơn vị phối hợp khác',
  recurrence: 'Định kỳ',
  targetMetric: 'Chỉ tiêu',
  targetComparator: 'Cách so sánh chỉ tiêu',
  targetValue: 'Giá trị chỉ tiêu',
  targetValueTo: 'Giá trị chỉ tiêu (đến)',
  targetUnit: 'Đơn vị tính',
  value: 'Giá trị đạt được',
  status: 'Trạng thái',
  days: 'Số ngày',
};
