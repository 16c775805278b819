/** Texts of the round's guidance (issue #13): inputs suited to each rule, what comes next, the
 * appraisers' confirmations, stage openings. Vietnamese and English side by side; `{name}` marks a
 * value put in by `fill`. */
export const roundVi = {
  rdYes: 'Có',
  rdNo: 'Không',
  rdChooseLevel: 'Chọn mức',
  rdCount: 'Số vụ việc',
  rdNumerator: 'Tử số',
  rdDenominator: 'Mẫu số',
  rdTypeInstead: 'Gõ trực tiếp',
  rdKeptNotScored: 'Đã giữ nguyên nội dung đã gõ nhưng chưa chấm điểm',
  rdWhyNotScored: 'Chưa chấm điểm vì: {problem}',
  rdScoredTitle: 'Đã chấm',
  rdClassWhenDone: 'Xếp loại hiện khi đã chấm đủ các tiêu chí',
  rdNextFill: 'Tiếp theo: chấm nốt {n} tiêu chí còn thiếu (xem danh sách bên dưới).',
  rdNextSubmitHead: 'Đã đủ — bấm “Gửi” để gửi bản tự đánh giá cho cấp thẩm định.',
  rdNextSubmitOfficer: 'Đã đủ — báo Thủ trưởng duyệt và gửi.',
  rdNextWaitAppraisal: 'Đã gửi — chờ {unit} thẩm định.',
  rdNextAnswer: 'Có {n} yêu cầu giải trình, bổ sung — trả lời trước hạn ghi ở từng tiêu chí.',
  rdNextPublished: 'Kỳ đánh giá đã công bố kết quả; các giai đoạn đã đóng.',
  rdNextFinalised: 'Kết quả đã hoàn thiện; chờ công bố.',
  rdPublishedState: 'Đã công bố',
  rdAppraisedPoints: 'Điểm thẩm định',
  rdAcceptRest: 'Chấp nhận các tiêu chí còn lại',
  rdAcceptRestConfirm:
    'Chấp nhận điểm tự đánh giá của mọi tiêu chí chưa thẩm định mà bạn được phân công? Mỗi tiêu chí được ghi nhật ký riêng; tiêu chí đang chờ giải trình giữ nguyên.',
  rdAcceptedRest: 'Đã chấp nhận các tiêu chí còn lại',
  rdSubmitConfirm:
    'Gửi bản tự đánh giá cho {unit} thẩm định? Sau khi gửi, đơn vị chỉ sửa được khi rút lại (trước khi thẩm định) hoặc được trả lại.',
  rdApproveConfirm:
    'Duyệt kết quả thẩm định của {unit} và chuyển lên cấp trên? Sau khi duyệt, kết quả chỉ sửa được khi cấp trên trả lại.',
  rdApproveWaitingTitle: 'Duyệt dù còn chờ giải trình',
  rdApproveWaitingHelp:
    'Còn chờ: {list}. Nếu duyệt, các tiêu chí này được chấp nhận theo điểm tự đánh giá với lý do dưới đây (ghi nhật ký từng tiêu chí).',
  rdApproveWaitingOk: 'Duyệt dù còn chờ',
  rdAcceptWaitingTitle: 'Chấp nhận tiêu chí {code} dù chưa giải trình',
  rdAcceptWaitingHelp:
    'Đơn vị chưa trả lời yêu cầu giải trình, bổ sung của tiêu chí này. Chấp nhận điểm tự đánh giá ngay cần ghi lý do (ghi nhật ký).',
  rdAcceptWaitingOk: 'Chấp nhận dù chưa giải trình',
  rdReasonRequired: 'Lý do (bắt buộc)',
  rdFinaliseConfirm:
    'Hoàn thiện kết quả: tính điểm, xếp loại và xếp hạng mọi đơn vị của kỳ. Sau đó không sửa thẩm định được nữa. Tiếp tục?',
  rdPublishWarning:
    'Công bố là quyết định chính thức: mọi đơn vị của kỳ xem được bảng xếp hạng, các giai đoạn đóng lại và kết quả chỉ sửa được bằng quyết định sửa đổi.',
  rdConfirm: 'Xác nhận',
  rdStageNotified: 'Đã mở giai đoạn “{stage}” và báo cho {n} người của {u} đơn vị: {units}',
  rdStageNotifiedMore: ' và {n} đơn vị khác',
  rdOpenedBy: 'Mở bởi {who}, {at}',
  rdDueWithin: 'Hạn giải trình trong khoảng {from} – {to}',
};

export const roundEn: typeof roundVi = {
  rdYes: 'Yes',
  rdNo: 'No',
  rdChooseLevel: 'Choose a level',
  rdCount: 'Incidents',
  rdNumerator: 'Numerator',
  rdDenominator: 'Denominator',
  rdTypeInstead: 'Type instead',
  rdKeptNotScored: 'Kept as typed but not scored',
  rdWhyNotScored: 'Not scored: {problem}',
  rdScoredTitle: 'Scored',
  rdClassWhenDone: 'The class shows once every criterion is scored',
  rdNextFill: 'Next: score the {n} criteria still missing (listed below).',
  rdNextSubmitHead: 'Complete — press “Submit” to send the self-assessment for appraisal.',
  rdNextSubmitOfficer: 'Complete — ask the head to approve and submit.',
  rdNextWaitAppraisal: 'Submitted — waiting for {unit} to appraise.',
  rdNextAnswer: '{n} request(s) for explanation — answer before the date shown on each criterion.',
  rdNextPublished: 'The results of this cycle are published; every stage is closed.',
  rdNextFinalised: 'Results are final; waiting for publication.',
  rdPublishedState: 'Published',
  rdAppraisedPoints: 'Appraised points',
  rdAcceptRest: 'Accept the remaining criteria',
  rdAcceptRestConfirm:
    'Accept the self-assessed score of every criterion not yet appraised that is assigned to you? Each criterion is logged separately; criteria waiting for an explanation stay as they are.',
  rdAcceptedRest: 'Remaining criteria accepted',
  rdSubmitConfirm:
    'Send the self-assessment to {unit} for appraisal? After that the unit can edit only by withdrawing it (before appraisal) or when it is returned.',
  rdApproveConfirm:
    'Approve the appraisal of {unit} and pass it up? After that it changes only if the level above sends it back.',
  rdApproveWaitingTitle: 'Approve although explanations are awaited',
  rdApproveWaitingHelp:
    'Still waiting: {list}. If you approve, these criteria are accepted at the self-assessed score with the reason below (each logged).',
  rdApproveWaitingOk: 'Approve anyway',
  rdAcceptWaitingTitle: 'Accept criterion {code} without the explanation',
  rdAcceptWaitingHelp:
    'The unit has not answered the request for this criterion yet. Accepting the self-assessed score now needs a reason (logged).',
  rdAcceptWaitingOk: 'Accept without explanation',
  rdReasonRequired: 'Reason (required)',
  rdFinaliseConfirm:
    'Finalise: compute points, class and rank for every unit of the cycle. The appraisal can no longer be changed afterwards. Continue?',
  rdPublishWarning:
    'Publishing is an official decision: every unit of the cycle sees the ranking, the stages close, and results change only by an amending decision.',
  rdConfirm: 'Confirm',
  rdStageNotified: 'Stage “{stage}” opened; {n} people of {u} units notified: {units}',
  rdStageNotifiedMore: ' and {n} more',
  rdOpenedBy: 'Opened by {who}, {at}',
  rdDueWithin: 'Due date between {from} and {to}',
};
