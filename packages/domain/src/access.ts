/** Roles and the role × action matrix. Pure; the server enforces it on every route together with
 * the subtree of the grant (a grant gives its role on a unit and every unit below it). */

export const ROLES = [
  'administrator',
  'coordinator',
  'appraiser',
  'unit_officer',
  'unit_head',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  administrator: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  coordinator: { vi: 'Cán bộ đầu mối (điều phối)', en: 'Coordinator' },
  appraiser: { vi: 'Thành viên thẩm định', en: 'Appraiser' },
  unit_officer: { vi: 'Cán bộ đơn vị', en: 'Unit officer' },
  unit_head: { vi: 'Thủ trưởng đơn vị', en: 'Unit head' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
};

export const ACTIONS = [
  'unit.read',
  'unit.write',
  'unit.reorganise',
  'unit.import',
  'user.read',
  'user.write',
  'grant.write',
  'audit.read',
  'framework.read',
  'framework.write',
  'result.read',
  'result.write',
  'cycle.manage',
  'assessment.read',
  'assessment.write',
  'assessment.submit',
  'appraisal.write',
  'survey.read',
  'survey.manage',
  'survey.enter',
  'survey.postaudit',
  'report.read',
  'report.manage',
  'report.write',
  'report.submit',
  'plan.read',
  'plan.write',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  'unit.read': 'Xem đơn vị',
  'unit.write': 'Tạo, sửa, chuyển đơn vị',
  'unit.reorganise': 'Sáp nhập, giải thể cấp đơn vị',
  'unit.import': 'Nhập cây đơn vị từ tệp',
  'user.read': 'Xem người dùng',
  'user.write': 'Tạo, sửa, khóa người dùng',
  'grant.write': 'Phân quyền, chuyển quyền cho đơn vị kế thừa',
  'audit.read': 'Xem nhật ký hệ thống',
  'framework.read': 'Xem bộ tiêu chí',
  'framework.write': 'Nhập, ban hành, ngừng áp dụng, sao chép bộ tiêu chí',
  'result.read': 'Xem kết quả, xếp hạng, phiếu kết quả của đơn vị',
  'result.write': 'Nhập kết quả theo đơn vị và năm',
  'cycle.manage': 'Mở kỳ đánh giá, mở/đóng giai đoạn, gia hạn, trả lại, hoàn thiện, công bố',
  'assessment.read': 'Xem bản tự đánh giá và tài liệu kiểm chứng',
  'assessment.write': 'Tự chấm điểm, giải trình, tải tài liệu kiểm chứng',
  'assessment.submit': 'Duyệt và gửi (hoặc rút) bản tự đánh giá của đơn vị',
  'appraisal.write': 'Thẩm định điểm, yêu cầu giải trình bổ sung',
  'survey.read': 'Xem phiếu khảo sát, đợt khảo sát và kết quả',
  'survey.manage': 'Soạn phiếu, mở đợt khảo sát, chỉ tiêu, hủy phiếu, công bố kết quả',
  'survey.enter': 'Nhập phiếu giấy, nhập phiếu từ tệp',
  'survey.postaudit': 'Hậu kiểm, phúc tra phiếu khảo sát (khi được phân công)',
  'report.read': 'Xem yêu cầu báo cáo và báo cáo của đơn vị',
  'report.manage': 'Yêu cầu báo cáo, theo dõi đơn vị đã gửi, chưa gửi',
  'report.write': 'Soạn báo cáo của đơn vị, đính kèm tệp',
  'report.submit': 'Duyệt và gửi báo cáo của đơn vị',
  'plan.read': 'Xem kế hoạch, chỉ thị, công văn và việc được giao',
  'plan.write': 'Ban hành kế hoạch của đơn vị, giao việc cho đơn vị cấp dưới',
};

/** Which role may do which action (within the subtree of its grant). */
export const MATRIX: Record<Role, readonly Action[]> = {
  administrator: ACTIONS,
  coordinator: [
    'unit.read',
    'unit.write',
    'unit.reorganise',
    'unit.import',
    'user.read',
    'user.write',
    'grant.write',
    'audit.read',
    'framework.read',
    'framework.write',
    'result.read',
    'result.write',
    'cycle.manage',
    'assessment.read',
    'appraisal.write',
    'survey.read',
    'survey.manage',
    'survey.enter',
    'survey.postaudit',
    'report.read',
    'report.manage',
    'plan.read',
    'plan.write',
  ],
  appraiser: [
    'unit.read',
    'framework.read',
    'result.read',
    'assessment.read',
    'appraisal.write',
    'survey.read',
    'survey.postaudit',
    'report.read',
    'plan.read',
  ],
  unit_officer: [
    'unit.read',
    'framework.read',
    'result.read',
    'assessment.read',
    'assessment.write',
    'survey.read',
    'survey.enter',
    'report.read',
    'report.write',
    'plan.read',
    'plan.write',
  ],
  unit_head: [
    'unit.read',
    'user.read',
    'framework.read',
    'result.read',
    'assessment.read',
    'assessment.write',
    'assessment.submit',
    'survey.read',
    'survey.enter',
    'report.read',
    'report.write',
    'report.submit',
    'plan.read',
    'plan.write',
  ],
  leader: [
    'unit.read',
    'user.read',
    'audit.read',
    'framework.read',
    'result.read',
    'assessment.read',
    'survey.read',
    'report.read',
    'plan.read',
  ],
};

export function roleAllows(role: Role, action: Action): boolean {
  return MATRIX[role].includes(action);
}

/** Roles that a holder of `role` may grant to others (never above their own). */
export function grantableRoles(role: Role): readonly Role[] {
  if (role === 'administrator') return ROLES;
  if (role === 'coordinator') return ['coordinator', 'appraiser', 'unit_officer', 'unit_head', 'leader'];
  return [];
}
