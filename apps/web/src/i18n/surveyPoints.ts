/** Texts of survey points in cycles: the read-only survey leaf of a self-assessment and the cycle's
 * bindings and sanction decisions. */
export const surveyPointsVi = {
  spFromSurvey: 'Lấy từ kết quả khảo sát',
  spReadOnly: 'Đơn vị không tự chấm tiêu chí này.',
  spCampaign: 'Đợt khảo sát {code}',

  // the cycle's "Khảo sát" tab: bindings of the survey criteria, each unit's points, sanctions
  spTab: 'Khảo sát',
  spLeavesTitle: 'Tiêu chí khảo sát của bộ tiêu chí',
  spLeavesHelp:
    'Điểm các tiêu chí này không do đơn vị tự chấm: lấy từ kết quả đã công bố của đợt khảo sát gắn với tiêu chí (đợt của đơn vị hoặc cấp trên gần nhất).',
  spCriterion: 'Tiêu chí',
  spMax: 'Điểm tối đa',
  spBinding: 'Đợt khảo sát, chỉ số',
  spBound: 'Đợt {code} — {indicator}',
  spUnbound: 'Chưa gắn',
  spBind: 'Gắn đợt khảo sát',
  spUnbind: 'Bỏ gắn',
  spBindTitle: 'Gắn đợt khảo sát — tiêu chí {code}',
  spCampaignCode: 'Mã đợt khảo sát',
  spCampaignCodeRequired: 'Nhập mã đợt khảo sát',
  spCampaignCodeHelp:
    'Gõ mã hoặc chọn trong các đợt khảo sát bạn xem được; mỗi đơn vị đọc đợt mang mã này của chính mình hoặc của cấp trên gần nhất.',
  spIndicator: 'Chỉ số lấy điểm',
  spOverall: 'Chỉ số chung',
  spByField: 'Theo lĩnh vực',
  spByElement: 'Theo yếu tố',
  spFieldCode: 'Mã lĩnh vực',
  spFieldCodeRequired: 'Nhập mã lĩnh vực',
  spElementCode: 'Mã yếu tố',
  spElementCodeRequired: 'Nhập mã yếu tố',
  spBoundOk: 'Đã gắn đợt khảo sát cho tiêu chí {code}',
  spUnbindTitle: 'Bỏ gắn tiêu chí {code} khỏi đợt khảo sát {campaign}?',
  spUnbindHelp:
    'Điểm tiêu chí của các đơn vị sẽ ở trạng thái "chưa gắn đợt khảo sát" cho tới khi gắn lại. Việc này được ghi vào nhật ký hệ thống.',
  spUnboundOk: 'Đã bỏ gắn tiêu chí {code}',
  spUnitsTitle: 'Điểm khảo sát của các đơn vị',
  spUnitsHelp:
    'Đơn vị gửi báo cáo khảo sát (Mẫu 01, Mẫu 02) muộn hoặc không gửi được hệ thống đánh dấu; điểm khảo sát của đơn vị chỉ tính 0 khi cán bộ đầu mối ghi quyết định kèm lý do.',
  spUndecided:
    '{n} đơn vị gửi báo cáo khảo sát muộn hoặc chưa gửi, chờ quyết định của cán bộ đầu mối: {units}.',
  spLeafColumn: 'Tiêu chí {code}',
  spPoints: '{points} điểm',
  spFlag: 'Báo cáo khảo sát gửi muộn/thiếu',
  spZero: 'Tính 0 điểm',
  spWaive: 'Miễn trừ',
  spDecision: { zero: 'Tính 0 điểm', waived: 'Miễn trừ' } satisfies Record<'zero' | 'waived', string>,
  spDecisionReason: 'Lý do: {reason}',
  spDecisionBy: 'Ghi nhận: {by}, {at}',
  spZeroTitle: 'Tính 0 điểm khảo sát — {unit}',
  spWaiveTitle: 'Miễn trừ, giữ điểm khảo sát — {unit}',
  spZeroHelp:
    'Các tiêu chí khảo sát của đơn vị sẽ tính 0 điểm trong kỳ này. Quyết định và lý do được ghi vào nhật ký hệ thống.',
  spWaiveHelp:
    'Đơn vị giữ điểm khảo sát theo kết quả đã công bố. Quyết định và lý do được ghi vào nhật ký hệ thống.',
  spReason: 'Lý do quyết định',
  spReasonRequired: 'Nhập lý do quyết định',
  spDecided: 'Đã ghi quyết định về điểm khảo sát của {unit}',
};

export const surveyPointsEn: typeof surveyPointsVi = {
  spFromSurvey: 'From the survey results',
  spReadOnly: 'The unit does not score this criterion itself.',
  spCampaign: 'Survey campaign {code}',

  spTab: 'Survey',
  spLeavesTitle: 'Survey criteria of the framework',
  spLeavesHelp:
    'Units do not score these criteria: the points come from the published results of the survey campaign bound to the criterion (the unit’s own campaign or the nearest one above it).',
  spCriterion: 'Criterion',
  spMax: 'Maximum',
  spBinding: 'Campaign, indicator',
  spBound: 'Campaign {code} — {indicator}',
  spUnbound: 'Not bound',
  spBind: 'Bind a campaign',
  spUnbind: 'Unbind',
  spBindTitle: 'Bind a survey campaign — criterion {code}',
  spCampaignCode: 'Campaign code',
  spCampaignCodeRequired: 'Enter the campaign code',
  spCampaignCodeHelp:
    'Type the code or pick one of the campaigns you can read; each unit reads the campaign of this code of its own or of the nearest level above.',
  spIndicator: 'Indicator scored',
  spOverall: 'Overall index',
  spByField: 'By field',
  spByElement: 'By element',
  spFieldCode: 'Field code',
  spFieldCodeRequired: 'Enter the field code',
  spElementCode: 'Element code',
  spElementCodeRequired: 'Enter the element code',
  spBoundOk: 'Campaign bound to criterion {code}',
  spUnbindTitle: 'Unbind criterion {code} from campaign {campaign}?',
  spUnbindHelp:
    'The units’ criterion will read "not bound to a campaign" until it is bound again. This is kept in the audit log.',
  spUnboundOk: 'Criterion {code} unbound',
  spUnitsTitle: 'Survey points of the units',
  spUnitsHelp:
    'A unit whose survey report (Mẫu 01, Mẫu 02) came late or was not sent is flagged by the system; its survey points count 0 only once the coordinator records that decision with a reason.',
  spUndecided:
    '{n} unit(s) sent the survey report late or not at all, awaiting the coordinator’s decision: {units}.',
  spLeafColumn: 'Criterion {code}',
  spPoints: '{points} points',
  spFlag: 'Survey report late/missing',
  spZero: 'Count 0 points',
  spWaive: 'Waive',
  spDecision: { zero: 'Counts 0 points', waived: 'Waived' },
  spDecisionReason: 'Reason: {reason}',
  spDecisionBy: 'Recorded by {by}, {at}',
  spZeroTitle: 'Count 0 survey points — {unit}',
  spWaiveTitle: 'Waive, keep the survey points — {unit}',
  spZeroHelp:
    'The unit’s survey criteria will count 0 points in this cycle. The decision and its reason are kept in the audit log.',
  spWaiveHelp:
    'The unit keeps its survey points from the published results. The decision and its reason are kept in the audit log.',
  spReason: 'Reason for the decision',
  spReasonRequired: 'Enter the reason for the decision',
  spDecided: 'Decision on the survey points of {unit} recorded',
};
