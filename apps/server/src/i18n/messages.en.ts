/** English of the server's messages, keyed by the Vietnamese message as the source writes it (the
 * msgid, `${…}` placeholders included, as in gettext: docs/adr/0016-english-messages.md). An English
 * text uses the same placeholders, in any order. The test englishMessages.test.ts fails on a message
 * in the sources without its line here and prints the missing lines ready to paste. */
export const MESSAGES_EN: Record<string, string> = {
  'Đường dẫn yêu cầu quá dài.': 'The request path is too long.',
  'Đường dẫn yêu cầu không hợp lệ.': 'The request path is not valid.',
  'Nội dung JSON lồng nhau quá sâu (tối đa ${LIMITS.jsonDepth} cấp mảng và đối tượng).':
    'The JSON body is nested too deeply (at most ${LIMITS.jsonDepth} levels of arrays and objects).',
  'Bạn cần đổi mật khẩu trước khi tiếp tục.': 'You must change your password before continuing.',
  "${ERRORS.VALIDATION.vi} ${at.path.length ? `${fieldLabel(at.path)}: ` : part === 'params' ? 'Đường dẫn: ' : ''}chứa ký tự không được phép (${at.char}: ký tự điều khiển hoặc ký tự đảo chiều văn bản); hãy xóa ký tự đó.":
    "${ERRORS.VALIDATION.vi} ${at.path.length ? `${fieldLabel(at.path)}: ` : part === 'params' ? 'Đường dẫn: ' : ''}contains a character that is not allowed (${at.char}: a control or text-direction character); remove it.",
  'Nội dung gửi lên quá lớn (tối đa 2 MB).': 'The request body is too large (at most 2 MB).',
  'Kiểu nội dung (Content-Type) không được hỗ trợ; hãy gửi JSON hoặc tệp (multipart/form-data).':
    'This content type (Content-Type) is not supported; send JSON or a file (multipart/form-data).',
  'Tệp quá lớn (tối đa ${Math.round(config.uploadMaxBytes / 1048576)} MB).':
    'The file is too large (at most ${Math.round(config.uploadMaxBytes / 1048576)} MB).',
  'Bạn đang có tệp khác đang được đọc; hãy chờ tệp đó xong rồi gửi tiếp.':
    'Another of your files is being read; wait until it is done, then send again.',
  'Hãy gửi tệp trong trường “file” (multipart/form-data).':
    'Send the file in the field “file” (multipart/form-data).',
  'Chưa chọn tệp.': 'No file was chosen.',
  'Nội dung gửi lên bị hỏng hoặc không đúng dạng multipart/form-data.':
    'The request body is damaged or is not multipart/form-data.',
  'Không đọc được tệp ${quoteInput(fileName)}: ${why}':
    'The file ${quoteInput(fileName)} cannot be read: ${why}',
  'Máy chủ đang đọc nhiều tệp khác cùng lúc. Vui lòng thử lại sau ít phút.':
    'The server is reading many other files at once. Please try again in a few minutes.',
  '${TOO_LARGE}: tệp nén có ${formatCount(count)} mục, vượt giới hạn ${formatCount(maxEntries)} mục.':
    '${TOO_LARGE}: the compressed file holds ${formatCount(count)} entries, over the limit of ${formatCount(maxEntries)}.',
  '${TOO_LARGE}: nội dung nén của tệp giãn ra ${formatMegabytes(declared)}, vượt giới hạn ${formatMegabytes(bounds.maxTotalBytes)}.':
    '${TOO_LARGE}: the file’s compressed content expands to ${formatMegabytes(declared)}, over the limit of ${formatMegabytes(bounds.maxTotalBytes)}.',
  '${TOO_LARGE}: nội dung nén của tệp giãn ra gấp ${formatCount(Math.round(ratio))} lần kích thước tệp, vượt giới hạn ${formatCount(bounds.maxRatio)} : 1.':
    '${TOO_LARGE}: the file’s compressed content expands to ${formatCount(Math.round(ratio))} times the file’s size, over the limit of ${formatCount(bounds.maxRatio)} : 1.',
  '${TOO_LARGE}: nội dung nén của tệp lớn hơn kích thước khai báo trong tệp (một mục khai báo ${formatCount(e.uncompressedSize)} byte nhưng giải nén ra nhiều hơn).':
    '${TOO_LARGE}: the file’s compressed content is larger than the file declares (an entry declares ${formatCount(e.uncompressedSize)} bytes but expands to more).',
  'Tài khoản của bạn bị tạm khóa đăng nhập': 'Your account is temporarily locked from signing in',
  'Có ${this.config.loginMaxFailures} lần đăng nhập sai liên tiếp vào tài khoản “${user.username}” từ địa chỉ ${address} (lần cuối lúc ${timeVn(now)}). Đăng nhập từ địa chỉ này bị tạm khóa đến ${timeVn(lockUntil)}. Nếu không phải bạn, hãy báo quản trị hệ thống và đổi mật khẩu.':
    '${this.config.loginMaxFailures} wrong sign-ins in a row to the account “${user.username}” from address ${address} (the last at ${timeVn(now)}). Signing in from this address is locked until ${timeVn(lockUntil)}. If this was not you, tell the administrator and change your password.',
  'Mật khẩu mới phải khác mật khẩu hiện tại.': 'The new password must differ from the current one.',
  'Kết quả thẩm định đã được ${approvals[0]!.unitName} duyệt; muốn sửa, cấp trên cần trả lại trước.':
    'The appraisal result has been approved by ${approvals[0]!.unitName}; to change it, the level above must return it first.',
  '“${f}” không phải mã lĩnh vực của bộ tiêu chí.': '“${f}” is not a field code of the framework.',
  'Có đơn vị không thuộc kỳ đánh giá.': 'Some units do not take part in the assessment cycle.',
  '${m.unitName} do ${m.pos.appraising.name} thẩm định; bạn không có quyền phân công thẩm định đơn vị này.':
    '${m.unitName} is appraised by ${m.pos.appraising.name}; you may not assign appraisers for this unit.',
  'Có đơn vị không thuộc phạm vi bạn điều phối trong kỳ đánh giá.':
    'Some units are outside what you coordinate in this assessment cycle.',
  '${user.fullName} không có quyền thẩm định (vai trò thành viên thẩm định) của ${m.pos.appraising.name}, cấp thẩm định ${m.unitName}.':
    '${user.fullName} has no appraiser right (appraisal member role) at ${m.pos.appraising.name}, the level appraising ${m.unitName}.',
  '${ctx.unit.name} do ${pos.appraising.name} thẩm định; cấp trên xem xét kết quả khi cấp dưới đã duyệt.':
    '${ctx.unit.name} is appraised by ${pos.appraising.name}; the level above reviews the result once the level below has approved it.',
  'Bạn không được phân công thẩm định lĩnh vực ${field} của đơn vị này.':
    'You are not assigned to appraise the field ${field} of this unit.',
  'Đơn vị chưa gửi bản tự đánh giá (hoặc kết quả đã hoàn thiện).':
    'The unit has not sent its self-assessment (or the results are finalised).',
  'Ghi nội dung cần giải trình, bổ sung.': 'Write what must be explained or supplemented.',
  'Ghi hạn giải trình, bổ sung.': 'Set the due date for the explanation or supplement.',
  'Tiêu chí ${code}: ghi điểm (hoặc dữ liệu) thẩm định.':
    'Criterion ${code}: write the appraised points (or data).',
  'Điểm thẩm định tiêu chí ${code} khác điểm tự đánh giá: cần ghi lý do.':
    'The appraised points of criterion ${code} differ from the self-assessed points: a reason is required.',
  'Bản tự đánh giá vừa đổi trạng thái (rút lại, trả lại hoặc đã hoàn thiện); hãy tải lại.':
    'The self-assessment has just changed status (withdrawn, returned or finalised); reload.',
  'Yêu cầu giải trình, bổ sung tiêu chí ${code} — ${ctx.cycle.name}':
    'Explanation or supplement requested for criterion ${code} — ${ctx.cycle.name}',
  "${row.supplementMessage ?? ''} Hạn giải trình: ${formatDateVi(row.supplementDueOn ?? '')}.":
    "${row.supplementMessage ?? ''} Due date for the explanation: ${formatDateVi(row.supplementDueOn ?? '')}.",
  'Tiêu chí ${code} không có yêu cầu giải trình, bổ sung đang chờ.':
    'Criterion ${code} has no pending request for an explanation or supplement.',
  'Đã quá hạn giải trình tiêu chí ${code} (${formatDateVi(due)}).':
    'The due date for explaining criterion ${code} has passed (${formatDateVi(due)}).',
  'Ghi nội dung giải trình.': 'Write the explanation.',
  'Không tìm thấy tài liệu kiểm chứng của đơn vị.': 'The unit’s evidence document was not found.',
  'Tiêu chí ${code} không còn yêu cầu giải trình đang chờ; hãy tải lại.':
    'Criterion ${code} no longer has a pending request for an explanation; reload.',
  'Bạn đã duyệt kết quả này ở cấp dưới; mỗi cấp do người của cấp đó duyệt.':
    'You approved this result at the level below; each level is approved by its own people.',
  'Chưa thể duyệt: còn việc thẩm định chưa xong.': 'Cannot approve yet: the appraisal is not finished.',
  'Kết quả của ${ctx.unit.name} đã được duyệt đủ các cấp.':
    'The result of ${ctx.unit.name} has been approved at every level.',
  'Kết quả của ${ctx.unit.name} đang chờ ${pos.holder.name} duyệt; mỗi cấp chỉ duyệt phần của mình.':
    'The result of ${ctx.unit.name} is waiting for approval by ${pos.holder.name}; each level approves only its own part.',
  'Kết quả thẩm định vừa thay đổi; hãy tải lại.': 'The appraisal result has just changed; reload.',
  '${pos.holder.name} đã duyệt kết quả thẩm định của ${ctx.unit.name} — ${ctx.cycle.name}':
    '${pos.holder.name} approved the appraisal result of ${ctx.unit.name} — ${ctx.cycle.name}',
  'Kết quả thẩm định của ${ctx.unit.name} đã được ${pos.holder.name} duyệt và chuyển lên ${next.name}.':
    'The appraisal result of ${ctx.unit.name} was approved by ${pos.holder.name} and passed up to ${next.name}.',
  'Trả lại cấp dưới cần ghi lý do.': 'Returning to the level below requires a reason.',
  'Kết quả của ${ctx.unit.name} chưa được cấp nào duyệt; ${pos.appraising.name} đang thẩm định.':
    'The result of ${ctx.unit.name} has not been approved at any level yet; ${pos.appraising.name} is appraising it.',
  'Kết quả của ${ctx.unit.name} đang ở ${pos.holder.name}; chỉ cấp đó trả lại cấp dưới.':
    'The result of ${ctx.unit.name} is with ${pos.holder.name}; only that level may return it to the level below.',
  '${pos.holder.name} trả lại kết quả thẩm định của ${ctx.unit.name} — ${ctx.cycle.name}':
    '${pos.holder.name} returned the appraisal result of ${ctx.unit.name} — ${ctx.cycle.name}',
  'Lý do: ${reason.trim()}': 'Reason: ${reason.trim()}',
  'Kỳ đánh giá đã hoàn thiện kết quả.': 'The results of the assessment cycle are finalised.',
  'Đơn vị chưa gửi bản tự đánh giá (hoặc đang được trả lại để sửa).':
    'The unit has not sent its self-assessment (or it was returned for correction).',
  '“${code}” không phải tiêu chí chấm điểm của bộ tiêu chí.':
    '“${code}” is not a scored criterion of the framework.',
  'Bộ tiêu chí “${fw.name}” không áp dụng cho năm ${body.year}.':
    'The framework “${fw.name}” does not apply to the year ${body.year}.',
  'Giai đoạn “${STAGE_LABELS[s.stage]}” khai báo hai lần.':
    'The stage “${STAGE_LABELS[s.stage]}” is declared twice.',
  'Giai đoạn “${STAGE_LABELS[s.stage]}”: hạn cuối phải sau ngày bắt đầu.':
    'Stage “${STAGE_LABELS[s.stage]}”: the deadline must be after the start date.',
  'Thiếu thời hạn của giai đoạn “${STAGE_LABELS[st]}”.':
    'The dates of the stage “${STAGE_LABELS[st]}” are missing.',
  '${u.name} không thuộc ${owner.name} (đơn vị chủ trì).':
    '${u.name} does not belong to ${owner.name} (the leading unit).',
  'Không có đơn vị nào thuộc loại đã chọn (và bộ tiêu chí áp dụng) trong phạm vi của đơn vị chủ trì.':
    'No unit of the chosen kinds (to which the framework applies) lies within the leading unit.',
  '${owner.name} đã có kỳ đánh giá “${other.name}” theo bộ tiêu chí này năm ${body.year}; mỗi bảng xếp hạng thuộc một kỳ (các nhóm đơn vị được xếp hạng riêng trong kỳ).':
    '${owner.name} already has the assessment cycle “${other.name}” under this framework for ${body.year}; each ranking belongs to one cycle (groups of units are ranked separately within the cycle).',
  'Bảng xếp hạng năm ${body.year} của ${owner.name} đã có kết quả nhập ngoài kỳ của ${someOf(outside.map((r) => namedIfSeen(actor, r)))}, không thuộc kỳ này: chuyển các kết quả đó sang bảng xếp hạng khác trước.':
    'The ${body.year} ranking of ${owner.name} already holds results entered outside the cycle for ${someOf(outside.map((r) => namedIfSeen(actor, r)))}, not part of this cycle: move those results to another ranking first.',
  '${someOf(otherVersion.map((r) => `${r.unitName} (phiên bản ${r.version})`))} đã có kết quả năm ${body.year} theo phiên bản khác của bộ tiêu chí này.':
    '${someOf(otherVersion.map((r) => `${r.unitName} (phiên bản ${r.version})`))} already have results for ${body.year} under another version of this framework.',
  '${someOf(taken.map((t) => `${t.unitName} (${t.cycleName})`))} đã thuộc một kỳ đánh giá cùng bộ tiêu chí năm ${body.year}.':
    '${someOf(taken.map((t) => `${t.unitName} (${t.cycleName})`))} already belong to an assessment cycle under the same framework for ${body.year}.',
  'Kỳ đánh giá đã công bố kết quả; không mở lại giai đoạn nào.':
    'The assessment cycle has published its results; no stage can be reopened.',
  'Hạn cuối không hợp lệ.': 'The deadline is not valid.',
  'Mở giai đoạn “${STAGE_LABELS[stage]}” — ${ctx.cycle.name}':
    'Stage “${STAGE_LABELS[stage]}” opened — ${ctx.cycle.name}',
  '${ctx.owner.name} đã mở giai đoạn “${STAGE_LABELS[stage]}” của ${ctx.cycle.name}; hạn cuối ngày ${formatDateVi(due)}.':
    '${ctx.owner.name} opened the stage “${STAGE_LABELS[stage]}” of ${ctx.cycle.name}; the deadline is ${formatDateVi(due)}.',
  'Xóa kỳ đánh giá cần ghi lý do.': 'Deleting an assessment cycle requires a reason.',
  'Không xóa được: các đơn vị đã nhập liệu trong kỳ đánh giá này (điểm tự chấm, tài liệu kiểm chứng, thẩm định hoặc đã gửi). Hãy đóng các giai đoạn thay vì xóa.':
    'Cannot delete: units have already entered data in this cycle (self-assessed points, evidence, appraisal or sending). Close the stages instead of deleting.',
  'Đơn vị không thuộc kỳ đánh giá.': 'The unit does not take part in the assessment cycle.',
  'Hạn mới không hợp lệ.': 'The new deadline is not valid.',
  'Chưa thể hoàn thiện kết quả: còn việc chưa xong.': 'Cannot finalise the results yet: work is still open.',
  'Giai đoạn “Hoàn thiện kết quả” vừa được đóng.':
    'The stage “Hoàn thiện kết quả” (finalising results) has just been closed.',
  'Kết quả của ${m.unitName} vừa thay đổi (trả lại, rút lại hoặc yêu cầu giải trình); hãy tải lại và thử lại.':
    'The result of ${m.unitName} has just changed (returned, withdrawn or explanation requested); reload and try again.',
  'Bảng xếp hạng của kỳ có kết quả nhập ngoài kỳ của ${outsiders.length} đơn vị; chuyển các kết quả đó sang bảng xếp hạng khác rồi hoàn thiện.':
    'The cycle’s ranking holds results entered outside the cycle for ${outsiders.length} units; move those results to another ranking, then finalise.',
  '${otherVersion[0]!.unitName} đã có kết quả năm ${cycle.year} theo phiên bản ${otherVersion[0]!.version} của bộ tiêu chí này.':
    '${otherVersion[0]!.unitName} already has a result for ${cycle.year} under version ${otherVersion[0]!.version} of this framework.',
  'Kết quả của ${m.unitName} vừa được sửa ở nơi khác.':
    'The result of ${m.unitName} has just been changed elsewhere.',
  '${m.unitName} đã có kết quả năm ${cycle.year} từ một kỳ đánh giá khác.':
    '${m.unitName} already has a result for ${cycle.year} from another assessment cycle.',
  'Kết quả đã công bố.': 'The results are published.',
  'Cần hoàn thiện kết quả trước khi công bố.': 'The results must be finalised before they are published.',
  'Ghi số quyết định và ngày ban hành (ví dụ “90/QĐ-UBND”, ngày 25/01/2022).':
    'Write the decision number and date of issue (for example “90/QĐ-UBND”, 25/01/2022).',
  'Công bố kết quả — ${ctx.cycle.name}': 'Results published — ${ctx.cycle.name}',
  'Kết quả ${ctx.cycle.name} đã được công bố theo ${decision}.':
    'The results of ${ctx.cycle.name} were published by ${decision}.',
  'Chỉ sửa kết quả đã công bố bằng quyết định sửa đổi.':
    'A published result is changed only by an amending decision.',
  'Ghi số và ngày của quyết định sửa đổi.': 'Write the number and date of the amending decision.',
  'Bạn đã tham gia lập hoặc gửi bản tự đánh giá này nên không được thẩm định hay duyệt nó (tách bạch nhiệm vụ); đề nghị người khác thực hiện.':
    'You took part in preparing or sending this self-assessment, so you may not appraise or approve it (separation of duties); ask someone else.',
  'Kết quả của kỳ đánh giá chưa được công bố.': 'The results of the assessment cycle are not published yet.',
  'Bản tự đánh giá vừa được gửi hoặc đang thẩm định; không thể sửa. Hãy tải lại trang.':
    'The self-assessment has just been sent or is being appraised; it cannot be changed. Reload the page.',
  'Bản tự đánh giá đã gửi; muốn sửa hãy rút lại (khi chưa thẩm định) hoặc chờ cán bộ đầu mối trả lại.':
    'The self-assessment has been sent; to change it, withdraw it (before appraisal starts) or wait for the coordinator to return it.',
  'Bản tự đánh giá đã gửi; không thể đổi tài liệu kiểm chứng.':
    'The self-assessment has been sent; its evidence cannot be changed.',
  'Trả lại bản tự đánh giá cần ghi lý do.': 'Returning a self-assessment requires a reason.',
  '${ctx.unit.name} do ${pos.appraising.name} thẩm định; chỉ cấp đó trả lại bản tự đánh giá.':
    '${ctx.unit.name} is appraised by ${pos.appraising.name}; only that level may return the self-assessment.',
  'Kết quả thẩm định đã được ${pos.approvals[0]!.unitName} duyệt; cấp trên cần trả lại trước.':
    'The appraisal result has been approved by ${pos.approvals[0]!.unitName}; the level above must return it first.',
  'Không thể thực hiện khi bản tự đánh giá đang ở trạng thái “${ASSESSMENT_STATUS_LABELS[now.status]}”.':
    'Not possible while the self-assessment is “${ASSESSMENT_STATUS_LABELS[now.status]}”.',
  'Kết quả thẩm định vừa được duyệt; hãy tải lại.': 'The appraisal result has just been approved; reload.',
  'Đã bắt đầu thẩm định; không thể rút lại. Đề nghị cán bộ đầu mối trả lại nếu cần sửa.':
    'Appraisal has started; the self-assessment cannot be withdrawn. Ask the coordinator to return it if it needs changes.',
  'Hãy gửi văn bản trong trường “file” (multipart/form-data).':
    'Send the document in the field “file” (multipart/form-data).',
  'Tệp lớn hơn giới hạn ${Math.floor(s.config.uploadMaxBytes / 1024 / 1024)} MB.':
    'The file is over the limit of ${Math.floor(s.config.uploadMaxBytes / 1024 / 1024)} MB.',
  "Thiếu ${missingMeta.map(([, l]) => l).join(', ')} của văn bản.":
    "The document’s ${missingMeta.map(([, l]) => l).join(', ')} is missing.",
  'Ngày ban hành không hợp lệ (dd/mm/yyyy).': 'The date of issue is not valid (dd/mm/yyyy).',
  'Chỉ quản trị hệ thống quản lý bộ tiêu chí dùng chung toàn hệ thống.':
    'Only a system administrator manages system-wide frameworks.',
  'Mã bộ tiêu chí ${quoteInput(code, LIMITS.frameworkCode)} ${seen}; hãy đặt mã khác cho bộ tiêu chí của đơn vị bạn.':
    'The framework code ${quoteInput(code, LIMITS.frameworkCode)} ${seen}; choose another code for your unit’s framework.',
  'Bộ tiêu chí đã ban hành được giữ nguyên; hãy sao chép thành bản dự thảo mới để sửa.':
    'A published framework is kept as it is; copy it into a new draft to change it.',
  'Không đổi được mã bộ tiêu chí (${j.f.code}) khi sửa; hãy nhập thành bộ tiêu chí mới.':
    'The framework code (${j.f.code}) cannot change when editing; import it as a new framework.',
  'Tệp ${quoteInput(fileName)} không phải JSON hợp lệ (thiếu dấu ngoặc, dấu phẩy hoặc dấu nháy?). Hãy mở bằng trình soạn thảo và kiểm tra lại.':
    'The file ${quoteInput(fileName)} is not valid JSON (a missing bracket, comma or quote?). Open it in an editor and check it.',
  'Hãy dùng tệp bộ tiêu chí dạng Excel (.xlsx) hoặc JSON.': 'Use a framework file in Excel (.xlsx) or JSON.',
  'Không đọc được tệp ${quoteInput(fileName)}: tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.':
    'The file ${quoteInput(fileName)} cannot be read: it is not a valid Excel workbook (.xlsx) or it is damaged.',
  'Chỉ bộ tiêu chí ở trạng thái dự thảo mới được ban hành; bản đã ban hành được giữ nguyên.':
    'Only a draft framework can be published; a published one is kept as it is.',
  'Định nghĩa không hợp lệ': 'The definition is not valid',
  'Chỉ bộ tiêu chí đang áp dụng mới được ngừng áp dụng.': 'Only a framework in force can be retired.',
  '${n.body}\\n\\n— Chiso, hệ thống Chỉ số cải cách hành chính (thư tự động, không trả lời).':
    '${n.body}\\n\\n— Chiso, the PAR Index system (automatic message, do not reply).',
  'Còn ${left} ngày: hạn “${label}” — ${d.cycleName}':
    '${left} days left: deadline of “${label}” — ${d.cycleName}',
  'Hạn cuối giai đoạn “${label}” của ${d.cycleName} là ngày ${formatDateVi(due)} (còn ${left} ngày, tính cả ngày cuối).':
    'The deadline of the stage “${label}” of ${d.cycleName} is ${formatDateVi(due)} (${left} days left, the last day included).',
  'Không tìm thấy dòng tiêu đề bắt đầu bằng “Mã đơn vị”.':
    'No header row starting with “Mã đơn vị” (unit code) was found.',
  '“${code}” không phải mã tiêu chí của bộ tiêu chí.': '“${code}” is not a criterion code of the framework.',
  "Không có cột tiêu chí nào: tiêu đề mỗi cột điểm bắt đầu bằng mã ${mode === 'fields' ? 'lĩnh vực' : 'tiêu chí'} (như trong tệp mẫu).":
    "No criterion column: each points column’s header starts with a ${mode === 'fields' ? 'lĩnh vực' : 'tiêu chí'} code (as in the template).",
  'Không có đơn vị đang hoạt động mã “${code}” trong phạm vi bạn được nhập kết quả.':
    'No active unit with code “${code}” within the units you may enter results for.',
  'Bộ tiêu chí không áp dụng cho đơn vị “${unit.name}”.':
    'The framework does not apply to the unit “${unit.name}”.',
  'Đơn vị “${unit.name}” xuất hiện hai lần.': 'The unit “${unit.name}” appears twice.',
  '“${revText}” không phải số phiên bản.': '“${revText}” is not a version number.',
  'Kết quả của “${p.unit.name}” thuộc kỳ đánh giá; chỉ sửa bằng quyết định sửa đổi.':
    'The result of “${p.unit.name}” belongs to an assessment cycle; it is changed only by an amending decision.',
  '“${p.unit.name}” đã có kết quả (phiên bản ${found.r.revision}): sửa bằng tệp mẫu mới tải, có cột “${REVISION_HEADER}”.':
    '“${p.unit.name}” already has a result (version ${found.r.revision}): correct it with a freshly downloaded template, which has the column “${REVISION_HEADER}”.',
  'Kết quả của “${p.unit.name}” đã được sửa sau khi tải tệp mẫu (phiên bản hiện tại ${found.r.revision}, tệp ghi ${p.revision}): tải lại tệp mẫu.':
    'The result of “${p.unit.name}” was changed after the template was downloaded (current version ${found.r.revision}, the file says ${p.revision}): download the template again.',
  "Tệp sửa kết quả đã có của ${corrections.length} đơn vị (${corrections\n            .slice(0, 3)\n            .map((p) => p.unit.name)\n            .join(', ')}${corrections.length > 3 ? '…' : ''}): cần ghi lý do.":
    "The file corrects existing results of ${corrections.length} units (${corrections\n            .slice(0, 3)\n            .map((p) => p.unit.name)\n            .join(', ')}${corrections.length > 3 ? '…' : ''}): a reason is required.",
  'Kết quả của “${p.unit.name}” vừa được người khác sửa: tải lại tệp mẫu.':
    'The result of “${p.unit.name}” has just been changed by someone else: download the template again.',
  "Bộ tiêu chí áp dụng cho năm ${fw.yearFrom}${fw.yearTo != null && fw.yearTo !== fw.yearFrom ? `–${fw.yearTo}` : ''}, không áp dụng cho năm ${year}.":
    "The framework applies to ${fw.yearFrom}${fw.yearTo != null && fw.yearTo !== fw.yearFrom ? `–${fw.yearTo}` : ''}, not to ${year}.",
  'Bộ tiêu chí “${fw.name}” không áp dụng cho đơn vị “${unit.name}” (loại đơn vị khác).':
    'The framework “${fw.name}” does not apply to the unit “${unit.name}” (another kind of unit).',
  '“${code}” không phải mã lĩnh vực của bộ tiêu chí.': '“${code}” is not a field code of the framework.',
  '“${code}” không phải mã tiêu chí chấm điểm (tiêu chí lá) của bộ tiêu chí.':
    '“${code}” is not a scored criterion code (leaf criterion) of the framework.',
  'Kết quả của “${unit.name}” thuộc bảng xếp hạng của cấp trên; chỉ cấp đó sửa được.':
    'The result of “${unit.name}” belongs to the ranking of a higher level; only that level may change it.',
  'Bảng xếp hạng của kết quả phải thuộc “${unit.name}” hoặc một đơn vị cấp trên trong phạm vi bạn được nhập kết quả.':
    'The result’s ranking must belong to “${unit.name}” or to a higher unit within the units you may enter results for.',
  'Bảng xếp hạng năm ${set.year} của “${ownerName}” theo bộ tiêu chí này thuộc kỳ đánh giá “${cycle.name}”; kết quả chỉ thay đổi qua kỳ đánh giá (sau khi công bố: bằng quyết định sửa đổi).':
    'The ${set.year} ranking of “${ownerName}” under this framework belongs to the assessment cycle “${cycle.name}”; results change only through the cycle (after publication: by an amending decision).',
  '“${unit.name}” đã có kết quả năm ${year} theo phiên bản ${other.version} của bộ tiêu chí này.':
    '“${unit.name}” already has a result for ${year} under version ${other.version} of this framework.',
  'Sửa kết quả đã có cần ghi lý do.': 'Correcting an existing result requires a reason.',
  'Ngày hiệu lực không được trước ngày đơn vị bắt đầu (${formatDateVi(unit.validFrom)}).':
    'The effective date cannot be before the unit’s start (${formatDateVi(unit.validFrom)}).',
  'Ngày hiệu lực ${formatDateVi(eff)} phải sau ngày “${u.name}” bắt đầu (${formatDateVi(u.validFrom)}).':
    'The effective date ${formatDateVi(eff)} must be after “${u.name}” started (${formatDateVi(u.validFrom)}).',
  'Cần chọn ít nhất hai đơn vị khác nhau để sáp nhập.': 'Choose at least two different units to merge.',
  '“${s.name}” là đơn vị cấp dưới của một đơn vị khác trong danh sách sáp nhập.':
    '“${s.name}” is a subordinate of another unit in the list to merge.',
  'Đơn vị cấp trên của đơn vị mới không được là một trong các đơn vị bị sáp nhập.':
    'The new unit’s parent cannot be one of the units being merged.',
  'Đơn vị kế thừa không được là chính đơn vị bị giải thể hoặc đơn vị cấp dưới của nó.':
    'The successor cannot be the abolished unit itself or one of its subordinates.',
  'Không có đơn vị đang hoạt động nào thuộc loại này trong cây đã chọn.':
    'No active unit of this kind in the chosen tree.',
  'Không xác định được đơn vị kế thừa cho “${u.name}”.': 'No successor could be determined for “${u.name}”.',
  'Đơn vị “${u.name}” đã ngừng hoạt động từ sau ngày ${formatDateVi(u.validTo)}; không thể thay đổi.':
    'The unit “${u.name}” ceased after ${formatDateVi(u.validTo)}; it cannot be changed.',
  'Ngày hiệu lực ${formatDateVi(validFrom)} sớm hơn ngày đơn vị cấp trên bắt đầu (${formatDateVi(parent.validFrom)}).':
    'The effective date ${formatDateVi(validFrom)} is earlier than the parent unit’s start (${formatDateVi(parent.validFrom)}).',
  'Mật khẩu của bạn đã được người khác đặt lại': 'Your password was reset by someone else',
  '${actor.name} đã đặt lại mật khẩu tài khoản “${user.username}” lúc ${when}${why}. Nếu bạn không đề nghị việc này, hãy báo ngay lãnh đạo đơn vị hoặc quản trị hệ thống.':
    '${actor.name} reset the password of the account “${user.username}” at ${when}${why}. If you did not ask for this, tell your unit head or the administrator at once.',
  'Mật khẩu của ${user.fullName} đã được đặt lại': 'The password of ${user.fullName} was reset',
  '${actor.name} đã đặt lại mật khẩu tài khoản “${user.username}” (${user.fullName}) lúc ${when}${why}.':
    '${actor.name} reset the password of the account “${user.username}” (${user.fullName}) at ${when}${why}.',
  'Địa chỉ thư điện tử của bạn đã được người khác đổi': 'Your e-mail address was changed by someone else',
  "${actor.name} đã đổi địa chỉ thư điện tử của tài khoản “${user.username}” từ ${user.email ?? '(chưa có)'} thành ${next ?? '(bỏ trống)'} lúc ${formatDateTimeVi(new Date())}. Nếu bạn không đề nghị việc này, hãy báo ngay lãnh đạo đơn vị hoặc quản trị hệ thống.":
    "${actor.name} changed the e-mail address of the account “${user.username}” from ${user.email ?? '(chưa có)'} to ${next ?? '(bỏ trống)'} at ${formatDateTimeVi(new Date())}. If you did not ask for this, tell your unit head or the administrator at once.",
  'Người dùng này có quyền ngoài phạm vi đơn vị của bạn; chỉ cấp trên mới sửa được.':
    'This user holds rights outside your unit’s scope; only a higher level may change them.',
  'Chỉ phân quyền cho người dùng thuộc phạm vi đơn vị của bạn; người dùng này do đơn vị khác quản lý.':
    'Grant rights only to users within your unit’s scope; this user is managed by another unit.',
  'Chỉ quản trị hệ thống được cấp quyền trên toàn hệ thống, và chỉ cho vai trò quản trị.':
    'Only a system administrator may grant system-wide rights, and only the administrator role.',
  'Đổi mật khẩu của chính bạn ở mục “Đổi mật khẩu” (cần nhập mật khẩu hiện tại).':
    'Change your own password under “Change password” (your current password is needed).',
  'Bạn không thể tự vô hiệu hóa tài khoản của mình.': 'You cannot disable your own account.',
  'Không đổi địa chỉ thư điện tử cùng lúc với đặt lại mật khẩu: người dùng được báo việc đặt lại vào địa chỉ đang có.':
    'The e-mail address cannot change together with a password reset: the user is told of the reset at the address on record.',
  'Không tự cấp quyền cho chính mình; đề nghị người có thẩm quyền khác cấp.':
    'You cannot grant rights to yourself; ask another person with authority.',
  'Bạn không thể tự thu hồi quyền quản trị của mình.': 'You cannot revoke your own administrator right.',
  '“${from.name}” vẫn đang hoạt động; chỉ chuyển quyền của đơn vị đã sáp nhập hoặc giải thể.':
    '“${from.name}” is still active; only the rights of a merged or abolished unit are carried over.',
  '“${to.name}” không phải đơn vị kế thừa của “${from.name}”.':
    '“${to.name}” is not a successor of “${from.name}”.',
  'Điểm tối đa của tổng điểm ${quoteInput(text)} không hợp lệ: nhập một số dương, tối đa hai chữ số thập phân (ví dụ 100 hoặc 99,5).':
    'The maximum of the total ${quoteInput(text)} is not valid: enter a positive number with at most two decimals (for example 100 or 99.5).',
  '${code} đang chờ giải trình: muốn chấp nhận điểm tự đánh giá khi đơn vị chưa trả lời, hãy chọn rõ “Chấp nhận dù chưa giải trình” và ghi lý do.':
    '${code} is waiting for an explanation: to accept the self-assessed points before the unit answers, choose “Chấp nhận dù chưa giải trình” (accept without explanation) and write a reason.',
  'Chấp nhận tiêu chí ${code} khi chưa có giải trình cần ghi lý do.':
    'Accepting criterion ${code} without an explanation requires a reason.',
  '${ctx.unit.name} do ${pos.appraising.name} thẩm định.':
    '${ctx.unit.name} is appraised by ${pos.appraising.name}.',
  'Bản tự đánh giá vừa đổi trạng thái; hãy tải lại.': 'The self-assessment has just changed status; reload.',
  'Không còn tiêu chí nào chưa thẩm định mà bạn được chấm.':
    'No criterion you may appraise is left unappraised.',
  '${cycleClosedText(ctx.cycle.status)} Không giải trình thêm.':
    '${cycleClosedText(ctx.cycle.status)} No further explanation.',
  '${ctx.unit.name} đã giải trình tiêu chí ${code} — ${ctx.cycle.name}':
    '${ctx.unit.name} explained criterion ${code} — ${ctx.cycle.name}',
  'Chưa thể duyệt: ${named}. Chờ đơn vị giải trình, quyết định từng tiêu chí, hoặc chọn rõ “Duyệt dù còn chờ giải trình” và ghi lý do.':
    'Cannot approve yet: ${named}. Wait for the unit’s explanation, decide each criterion, or choose “Duyệt dù còn chờ giải trình” (approve while explanations are pending) and write a reason.',
  'Duyệt khi ${named} cần ghi lý do.': 'Approving while ${named} requires a reason.',
  'Chờ ${ownerName} mở giai đoạn “${STAGE_LABELS[s.stage]}”${when}.':
    'Waiting for ${ownerName} to open the stage “${STAGE_LABELS[s.stage]}”${when}.',
  '${ctx.unit.name} đã gửi bản tự đánh giá — ${ctx.cycle.name}':
    '${ctx.unit.name} sent its self-assessment — ${ctx.cycle.name}',
  '${actor.name} đã duyệt và gửi bản tự đánh giá của ${ctx.unit.name}; chờ ${ctx.pos.appraising.name} thẩm định.':
    '${actor.name} approved and sent the self-assessment of ${ctx.unit.name}; waiting for ${ctx.pos.appraising.name} to appraise it.',
  'Bản tự đánh giá của ${ctx.unit.name} bị trả lại — ${ctx.cycle.name}':
    'The self-assessment of ${ctx.unit.name} was returned — ${ctx.cycle.name}',
  "${ctx.pos.appraising.name} trả lại bản tự đánh giá để sửa. Lý do: ${reason ?? ''}":
    "${ctx.pos.appraising.name} returned the self-assessment for correction. Reason: ${reason ?? ''}",
  '${e.body}\\n\\n— Chiso, hệ thống Chỉ số cải cách hành chính (thư tự động, không trả lời).':
    '${e.body}\\n\\n— Chiso, the PAR Index system (automatic message, do not reply).',
  "Nhóm xếp hạng có lỗi; chưa có gì được lưu. ${problems.join(' ')}":
    "The ranking groups have errors; nothing was saved. ${problems.join(' ')}",
  'Kỳ đo lường: ngày bắt đầu sau ngày kết thúc.': 'Period measured: the first day is after the last day.',
  'Thời gian thu phiếu: ngày mở sau ngày đóng.': 'Collection window: it opens after it closes.',
  'Mã lĩnh vực "${f.code}" bị trùng.': 'The field code "${f.code}" is repeated.',
  'Mốc "${d.key}" bị trùng.': 'The milestone "${d.key}" is repeated.',
  'Chỉ mở đợt khảo sát trên một phiên bản phiếu đã ban hành.':
    'A survey campaign can only use a published form version.',
  'Dòng chỉ tiêu ${row}: không tìm thấy đơn vị.': 'Target row ${row}: unit not found.',
  'Dòng chỉ tiêu ${row}: ${u.name} đã giải thể hoặc sáp nhập.':
    'Target row ${row}: ${u.name} has been abolished or merged.',
  'Dòng chỉ tiêu ${row}: ${u.name} không thuộc ${owner.name}.':
    'Target row ${row}: ${u.name} is not under ${owner.name}.',
  'Dòng chỉ tiêu ${row}: lĩnh vực "${t.fieldCode}" không có trong đợt khảo sát.':
    'Target row ${row}: the field "${t.fieldCode}" is not in the campaign.',
  'Dòng chỉ tiêu ${row}: ${u.name} × "${t.fieldCode}" đã có.':
    'Target row ${row}: ${u.name} × "${t.fieldCode}" is already there.',
  'Mã đợt khảo sát "${input.code}" đã được ${owner.name} dùng.':
    'The campaign code "${input.code}" is already used by ${owner.name}.',
  'Đợt khảo sát đã công bố kết quả.': "The campaign's results have been published.",
  'Đợt khảo sát chưa bắt đầu thu phiếu.': 'The campaign has not started collecting ballots.',
  'Đợt khảo sát đang ở trạng thái này rồi.': 'The campaign is already in this state.',
  'Mã phiếu "${form.code}" đã thuộc về đơn vị khác (hoặc là phiếu dùng chung); hãy đặt mã khác.':
    'The form code "${form.code}" belongs to another unit (or is a system-wide form); choose another code.',
  'Phiếu này đã được ban hành.': 'This form is already published.',
  'Chỉ ngừng áp dụng được phiếu đang ban hành.': 'Only a published form can be retired.',
  // campaign administration (slice G)
  'Chỉ sửa được đợt khảo sát khi còn là bản nháp.': 'A campaign can be edited only while it is a draft.',
  'Đợt khảo sát đã công bố kết quả: không sửa chỉ tiêu được nữa.':
    "The campaign's results are published: its targets can no longer be changed.",
  '${name} × "${b.fieldCode}" đã có phiếu khảo sát: không bỏ chỉ tiêu này được.':
    '${name} × "${b.fieldCode}" already has ballots: this target cannot be removed.',
  'Lĩnh vực "${orphan.fieldCode}" còn chỉ tiêu của ${orphan.unitName}: hãy bỏ các chỉ tiêu đó trước.':
    'The field "${orphan.fieldCode}" still has a target of ${orphan.unitName}: remove those targets first.',
  'Lĩnh vực "${input.fieldCode}" không có trong đợt khảo sát.':
    'The field "${input.fieldCode}" is not in the campaign.',
  'Không có chỉ tiêu nào của lĩnh vực "${field.name}"${where} để phân bổ.':
    'There is no target of the field "${field.name}"${where} to allocate to.',
  'Hãy nhập tổng số phiếu cần phân bổ.': 'Enter the total number of ballots to allocate.',
  'Đợt cấp trên không có chỉ tiêu lĩnh vực "${field.name}" nào phủ các đơn vị này để phân bổ.':
    'The parent campaign has no target of the field "${field.name}" covering these units to allocate.',
  '${owner.name} không phải đơn vị cấp dưới của ${parent.ownerName}: không giao đợt khảo sát xuống được.':
    '${owner.name} is not a unit under ${parent.ownerName}: the campaign cannot be copied down to it.',
  '${owner.name} đã giải thể hoặc sáp nhập.': '${owner.name} has been abolished or merged.',
  'Lĩnh vực "${code}" không có trong đợt cấp trên.': 'The field "${code}" is not in the parent campaign.',
  'Mã đợt khảo sát "${code}" đã được ${owner.name} dùng.':
    'The campaign code "${code}" is already used by ${owner.name}.',
  'Kỳ đo lường ${span(child.periodFrom, child.periodTo)} rộng hơn kỳ của đợt cấp trên (${span(parent.periodFrom, parent.periodTo)}).':
    "The period measured ${span(child.periodFrom, child.periodTo)} is wider than the parent campaign's (${span(parent.periodFrom, parent.periodTo)}).",
  'Thời gian thu phiếu ${span(child.opensOn, child.closesOn)} rộng hơn của đợt cấp trên (${span(parent.opensOn, parent.closesOn)}).':
    "The collection window ${span(child.opensOn, child.closesOn)} is wider than the parent campaign's (${span(parent.opensOn, parent.closesOn)}).",
  'Lĩnh vực "${f.name}" không có trong đợt cấp trên.': 'The field "${f.name}" is not in the parent campaign.',
  'Mốc "${d.label}" (${formatDateVi(d.dueOn)}) muộn hơn mốc của đợt cấp trên (${formatDateVi(p.dueOn)}).':
    'The milestone "${d.label}" (${formatDateVi(d.dueOn)}) is later than the parent campaign\'s (${formatDateVi(p.dueOn)}).',
  '${t.unitName} không thuộc đơn vị nào mà đợt cấp trên khảo sát về lĩnh vực "${t.fieldCode}".':
    '${t.unitName} is not under any unit the parent campaign surveys on the field "${t.fieldCode}".',
  'Lĩnh vực "${p.fieldCode}" của ${p.unitName}: chỉ tiêu các đơn vị cộng lại ${sum} phiếu, nhiều hơn chỉ tiêu ${p.target} phiếu của đợt cấp trên.':
    'Field "${p.fieldCode}" of ${p.unitName}: the targets of the units add up to ${sum} ballots, more than the parent campaign\'s target of ${p.target}.',
  'Đợt khảo sát đã giao xuống ${c.ownerName} sẽ rộng hơn đợt này: ${problem.message}':
    'The campaign copied down to ${c.ownerName} would be wider than this one: ${problem.message}',
  'Tệp ${fileName} có lỗi, chưa nhập dòng nào. ${listed}':
    'The file ${fileName} has errors; no row was imported. ${listed}',
  'Tệp ${fileName} không có dòng nào ghi số giao dịch (N).':
    'The file ${fileName} has no row with a number of transactions (N).',
  'Đơn vị được lấy ý kiến phải thuộc đơn vị quản lý danh sách.':
    'The unit rated must belong to the unit keeping the list.',
  '${j.b.name} đã được mời lấy ý kiến nên không xóa được.':
    '${j.b.name} has been invited to give its opinion, so it cannot be deleted.',
  'Đợt khảo sát này không dùng phiếu lấy ý kiến cơ quan.':
    'This campaign does not use the agency opinion form.',
  'Đợt khảo sát đã dừng thu phiếu.': 'The campaign no longer collects ballots.',
  '${b.b.name}: chưa chọn đơn vị được lấy ý kiến.': '${b.b.name}: no unit to rate has been chosen.',
  '${b.b.name}: ${b.ratesName} không thuộc ${j.ownerName}.':
    '${b.b.name}: ${b.ratesName} does not belong to ${j.ownerName}.',
  '${b.b.name} đã được mời trong đợt khảo sát này.': '${b.b.name} is already invited in this campaign.',
  '${one.bodyName} đã gửi ý kiến.': '${one.bodyName} has already answered.',
  'Chỉ người được phân công hậu kiểm và điều phối viên của đơn vị chủ trì được xem.':
    "Only the assigned post-auditors and the owning unit's coordinators may see this.",
  'Hậu kiểm của đợt khảo sát này đã được thiết lập.': "This campaign's post-audit is already set up.",
  'Chưa thiết lập hậu kiểm.': 'The post-audit is not set up yet.',
  'Đã ghi kết quả hậu kiểm: không chọn mẫu lại được.':
    'Post-audit outcomes are recorded: the sample cannot be drawn again.',
  'Người này không có quyền hậu kiểm phiếu khảo sát tại ${unit.name}.':
    'This person has no right to post-audit survey ballots at ${unit.name}.',
  'Chỉ người được phân công hậu kiểm đơn vị này mới được xem số điện thoại.':
    'Only the people assigned to post-audit this unit may see the phone number.',
  'Phiếu này không còn số điện thoại (đã xóa).': 'This ballot no longer has a phone number (erased).',
  'Hậu kiểm đã kết thúc.': 'The post-audit is closed.',
  'Chỉ hủy phiếu khi hậu kiểm cho kết quả "không thừa nhận" hoặc "câu trả lời khác".':
    'A ballot is invalidated only when the post-audit found "denies having answered" or "answers differ".',
  'Phiếu này đã bị hủy.': 'This ballot is already invalid.',
  // survey ballots (issue #15, item 4)
  'Tệp có ${errors.length} lỗi; không có dòng nào được nhập. ${where}${first.message}${more}':
    'The file has ${errors.length} errors; no row was imported. ${where}${first.message}${more}',
  '“${h}” không phải tên cột của mẫu nhập phiếu (cột cố định hoặc mã câu hỏi của phiếu ${form.code})':
    '“${h}” is not a column of the ballot template (a fixed column or a question code of form ${form.code})',
  'thiếu cột “${f.header}”': 'the column “${f.header}” is missing',
  'tệp không có phiếu nào': 'the file holds no ballot',
  'Đợt khảo sát đã công bố kết quả; không nhận thêm phiếu.':
    'The campaign has published its results; it takes no more ballots.',
  'Phiếu khảo sát của đợt chưa được ban hành.': 'The form of the campaign is not published.',
  'Đơn vị và lĩnh vực “${input.fieldCode}” không thuộc đợt khảo sát này.':
    'The unit and field “${input.fieldCode}” are not surveyed in this campaign.',
  'Số điện thoại không đúng (ví dụ 0912 345 678).': 'The phone number is not valid (e.g. 0912 345 678).',
  'Đợt khảo sát đã công bố kết quả; không sửa phiếu được.':
    'The campaign has published its results; ballots can no longer change.',
  'Phiếu này đang hợp lệ.': 'This ballot is valid.',
  'Phiếu này không mang dấu trùng đó.': 'This ballot does not carry that duplicate flag.',
  'Chỉ số là phần trăm từ 0 đến 100, tối đa hai chữ số thập phân (ví dụ 96,45).':
    'The index is a percentage from 0 to 100 with at most two decimals (e.g. 96.45).',
  'Số phiếu thu về không được lớn hơn số phiếu phát ra.': 'Ballots returned cannot exceed ballots issued.',
  'Số phiếu hợp lệ không được lớn hơn số phiếu thu về.': 'Valid ballots cannot exceed ballots returned.',
  'Đơn vị × lĩnh vực này không có trong đợt khảo sát.': 'This unit × field is not in the survey campaign.',
  'Kết quả của đợt khảo sát đã công bố: không thay đổi chỉ số công bố bên ngoài được nữa.':
    'The results of the survey campaign are published: external indices can no longer be changed.',
  'Kết quả của đợt khảo sát đã được công bố.': 'The results of the survey campaign are already published.',
  'Hãy dừng thu phiếu trước khi công bố kết quả.': 'Stop collecting ballots before publishing the results.',
  'Công bố kết quả khảo sát: ${j.c.name}': 'Survey results published: ${j.c.name}',
  '${j.ownerName} đã công bố kết quả đợt khảo sát "${j.c.name}" (mã ${j.c.code}) ngày ${formatDateVi(at)}.':
    '${j.ownerName} published the results of the survey campaign "${j.c.name}" (code ${j.c.code}) on ${formatDateVi(at)}.',
  'Đơn vị': 'Unit',
  'Lĩnh vực': 'Field',
  'Phát ra': 'Issued',
  'Thu về': 'Returned',
  'Hợp lệ': 'Valid',
  'Chỉ số hài lòng (%)': 'Satisfaction index (%)',
  'Đơn vị được đánh giá': 'Unit rated',
  'Cơ quan được mời': 'Bodies invited',
  'Ý kiến thu về': 'Answers received',
  'Nội dung ${i + 1} (%)': 'Content ${i + 1} (%)',
  'Mẫu 01 là báo cáo của đợt đo lường sự hài lòng của người dân, tổ chức.':
    'Mẫu 01 is the report of a campaign measuring the satisfaction of citizens and organisations.',
  'Mẫu 02 là báo cáo của đợt lấy ý kiến cơ quan, tổ chức.':
    'Mẫu 02 is the report of a campaign collecting the opinions of agencies.',
  'Đợt khảo sát đã có yêu cầu báo cáo này (hạn ${due}).':
    'The campaign already has this report request (due ${due}).',
  'Đợt khảo sát chưa có hạn của báo cáo này; hãy nhập hạn báo cáo.':
    'The campaign has no due date for this report; enter one.',
  'Không tìm thấy đơn vị nhận báo cáo.': 'The unit receiving the reports was not found.',
  'Không tìm thấy đơn vị được yêu cầu báo cáo.': 'A unit asked to report was not found.',
  '${u.name} đã ngừng hoạt động.': '${u.name} no longer operates.',
  '${u.name} không thuộc ${c.ownerName}.': '${u.name} is not under ${c.ownerName}.',
  'Chưa có đơn vị nào được yêu cầu báo cáo.': 'No unit is asked to report.',
  'Yêu cầu báo cáo: ${title}': 'Report requested: ${title}',
  '${c.ownerName} yêu cầu đơn vị gửi ${title} về ${receiving.name}, hạn ${dueText} (tính cả ngày này).':
    '${c.ownerName} asks your unit to send ${title} to ${receiving.name}, due ${dueText} (that day included).',
  'Báo cáo đã gửi ngày ${sentDay}; không sửa được nữa.':
    'The report was sent on ${sentDay}; it can no longer be changed.',
  'Báo cáo đã được duyệt.': 'The report is already approved.',
  'Báo cáo phải được lãnh đạo đơn vị duyệt trước khi gửi.':
    "The unit's head must approve the report before it is sent.",
  '${sub.unitName} đã gửi báo cáo (muộn ${st.days} ngày)':
    '${sub.unitName} sent its report (${st.days} days late)',
  '${sub.unitName} đã gửi báo cáo': '${sub.unitName} sent its report',
  '${sub.unitName} đã gửi “${j.r.title}” muộn ${st.days} ngày so với hạn ${dueText}; báo cáo vẫn được nhận.':
    '${sub.unitName} sent “${j.r.title}” ${st.days} days after the due date ${dueText}; the report is accepted.',
  '${sub.unitName} đã gửi “${j.r.title}” đúng hạn (hạn ${dueText}).':
    '${sub.unitName} sent “${j.r.title}” on time (due ${dueText}).',
  'Chỉ đính kèm bản chụp, bản quét phiếu: PDF, JPG hoặc PNG.':
    'Attach only photos or scans of ballots: PDF, JPG or PNG.',
  '“${code}” không phải tiêu chí khảo sát của bộ tiêu chí.':
    '“${code}” is not a survey criterion of the framework.',
  'Không có đợt khảo sát mã ${body.campaignCode} của các đơn vị trong kỳ hoặc cấp trên của họ.':
    'There is no survey campaign with code ${body.campaignCode} of the units of the cycle or of the levels above them.',
  'Đợt khảo sát ${body.campaignCode} không có lĩnh vực “${ind.code}”.':
    'Survey campaign ${body.campaignCode} has no field “${ind.code}”.',
  'Giai đoạn thẩm định vừa mở; hãy tải lại.': 'The appraisal stage has just opened; reload the page.',
  'Tiêu chí ${code} chưa gắn đợt khảo sát.': 'Criterion ${code} is not bound to a survey campaign.',
  'Quyết định cần ghi lý do.': 'A decision needs a reason.',
  'Từ ngày phải trước hoặc bằng đến ngày.': 'The start date must be on or before the end date.',
  "Hạn cuối giai đoạn ${label.toLocaleLowerCase('vi')} — ${s.cycleName}":
    "Last day of the ${label.toLocaleLowerCase('vi')} stage — ${s.cycleName}",
  'Hạn gửi báo cáo: ${r.title}': 'Report due: ${r.title}',
  'Hết thời gian thu phiếu — ${c.name}': 'Ballot collection ends — ${c.name}',
  'Chưa có đường dẫn lịch nào đang dùng.': 'There is no calendar link in use.',
  'Còn ${left} ngày: hạn gửi “${r.title}”': '${left} days left to send “${r.title}”',
  'Hạn gửi “${r.title}” là ngày ${formatDateVi(r.dueOn)} (còn ${left} ngày, tính cả ngày cuối). Báo cáo cần được lãnh đạo đơn vị duyệt trước khi gửi.':
    '“${r.title}” is due on ${formatDateVi(r.dueOn)} (${left} days left, the last day included). The unit’s head approves the report before it is sent.',
  'Quá hạn chưa gửi báo cáo: ${r.unitName} — “${r.title}”': 'Report overdue: ${r.unitName} — “${r.title}”',
  '${r.unitName} chưa gửi “${r.title}”, hạn ngày ${formatDateVi(r.dueOn)} (đã quá ${late} ngày). Báo cáo gửi muộn vẫn được nhận và được ghi nhận gửi muộn.':
    '${r.unitName} has not sent “${r.title}”, due on ${formatDateVi(r.dueOn)} (${late} days ago). A late report is still accepted and marked late.',
  'Thời gian thực hiện: ngày bắt đầu sau ngày kết thúc.': 'Period: the start date is after the end date.',
  '${unit.name} đã có văn bản số ${number}.': '${unit.name} already has a document numbered ${number}.',
  'Không tìm thấy kế hoạch cấp trên.': 'The plan of the level above was not found.',
  '${unit.name} không thuộc ${parent.unitName}: không thực hiện kế hoạch ${parent.p.number} được.':
    '${unit.name} is not under ${parent.unitName}: it cannot implement plan ${parent.p.number}.',
  'Văn bản đính kèm phải là tài liệu của đơn vị ban hành.':
    'The attached document must belong to the issuing unit.',
  'Không tìm thấy đơn vị lập dự toán.': 'The unit that estimates the budget was not found.',
  'Không tìm thấy đơn vị được yêu cầu gửi kế hoạch.': 'A unit asked to send its plan was not found.',
  '${u.name} không phải đơn vị cấp dưới của ${unit.name}.': '${u.name} is not under ${unit.name}.',
  'Hãy nhập hạn gửi kế hoạch của các đơn vị.': 'Enter the day by which the units must send their plans.',
  'Hạn gửi kế hoạch thực hiện ${kind} số ${p.number}': 'Implementing plans due for ${kind} ${p.number}',
  "Đợt khảo sát đã giao xuống ${live.map((d) => d.ownerName).join(', ')} chưa công bố kết quả; phiếu của đợt đó được tính vào đợt này, hãy công bố đợt đó trước.":
    "The campaign copied down to ${live.map((d) => d.ownerName).join(', ')} has not published its results; its ballots count here, so publish it first.",
  'Hạn nhiệm vụ (${t.planNumber}): ${t.content}': 'Task due (${t.planNumber}): ${t.content}',
  '${rows.filter((u) => u.declared).length}/${rows.length} đơn vị đã báo hoàn thành.':
    '${rows.filter((u) => u.declared).length}/${rows.length} units have reported it done.',
  'Còn ${left} ngày: hạn nhiệm vụ của ${r.planNumber}':
    '${left} days left: a task of ${r.planNumber} falls due',
  'Nhiệm vụ “${r.content}” (${r.planNumber}) hết hạn ngày ${formatDateVi(r.dueOn)} (còn ${left} ngày, tính cả ngày cuối). Đơn vị cập nhật tiến độ và báo hoàn thành trên hệ thống.':
    'The task “${r.content}” (${r.planNumber}) is due on ${formatDateVi(r.dueOn)} (${left} days left, the last day included). Record its progress and report it done in the system.',
  'Quá hạn nhiệm vụ: ${r.unitName} — ${r.planNumber}': 'Task overdue: ${r.unitName} — ${r.planNumber}',
  '${r.unitName} chưa báo hoàn thành nhiệm vụ “${r.content}” (${r.planNumber}), hạn ngày ${formatDateVi(r.dueOn)} (đã quá ${late} ngày).':
    '${r.unitName} has not reported the task “${r.content}” (${r.planNumber}) done; it was due on ${formatDateVi(r.dueOn)} (${late} days ago).',
  'Giá trị đạt được không phải một số hợp lệ.': 'The value reached is not a valid number.',
  'Tài liệu kiểm chứng phải là tài liệu của ${joined.unitName}.':
    'The supporting document must be a document of ${joined.unitName}.',
  'Nhiệm vụ đã được xác nhận hoàn thành; không ghi thêm tiến độ.':
    'The task has been accepted as done; no more progress can be recorded.',
  'Nhiệm vụ đã được báo hoàn thành.': 'The task has already been reported done.',
  'Chờ xác nhận: ${joined.unitName} báo hoàn thành nhiệm vụ của ${t.planNumber}':
    'To accept: ${joined.unitName} reports a task of ${t.planNumber} done',
  '${joined.unitName} báo hoàn thành nhiệm vụ “${t.content}” (${t.planNumber}) ngày ${formatDateVi(today)}. Đơn vị ban hành xác nhận hoặc trả lại.':
    '${joined.unitName} reported the task “${t.content}” (${t.planNumber}) done on ${formatDateVi(today)}. The issuing unit accepts it or returns it.',
  'Chỉ xác nhận được nhiệm vụ đã báo hoàn thành và chưa được xác nhận.':
    'Only a task reported done and not yet accepted can be accepted.',
  'Người báo hoàn thành không tự xác nhận nhiệm vụ của mình.':
    'Whoever reported the task done cannot accept it themselves.',
  'Chỉ trả lại được nhiệm vụ đã báo hoàn thành và chưa được xác nhận.':
    'Only a task reported done and not yet accepted can be returned.',
  'Nhiệm vụ bị trả lại: ${t.planNumber} — ${joined.unitName}':
    'Task returned: ${t.planNumber} — ${joined.unitName}',
  '${t.issuerName} trả lại báo cáo hoàn thành nhiệm vụ “${t.content}”. Lý do: ${reason.trim()}':
    '${t.issuerName} returned the report that the task “${t.content}” is done. Reason: ${reason.trim()}',
  'Nhiệm vụ thứ ${n}: giá trị chỉ tiêu “${text}” không phải một số hợp lệ.':
    'Task ${n}: the target value “${text}” is not a valid number.',
  'Nhiệm vụ thứ ${n}: chọn một đơn vị chủ trì hoặc một nhóm đơn vị thực hiện.':
    'Task ${n}: choose either a lead unit or a group of units.',
  'Nhiệm vụ thứ ${n}: nhập hạn hoàn thành hoặc chọn định kỳ (một trong hai).':
    'Task ${n}: enter a due day or choose a recurrence (one of the two).',
  'Nhiệm vụ thứ ${n}: đơn vị chủ trì phải là ${plan.issuerName} hoặc đơn vị cấp dưới.':
    'Task ${n}: the lead unit must be ${plan.issuerName} or a unit under it.',
  'Nhiệm vụ thứ ${n}: ${plan.issuerName} không có đơn vị nào thuộc loại “${UNIT_KIND_LABELS[g.unitKind].vi}”.':
    'Task ${n}: ${plan.issuerName} has no unit of the kind “${UNIT_KIND_LABELS[g.unitKind].vi}”.',
  'Nhiệm vụ thứ ${n}: không tìm thấy đơn vị phối hợp.': 'Task ${n}: a coordinating unit was not found.',
  'Nhiệm vụ thứ ${n}: đơn vị nhận kết quả phải là ${plan.issuerName} hoặc đơn vị cấp dưới.':
    'Task ${n}: the receiving unit must be ${plan.issuerName} or a unit under it.',
  'Nhiệm vụ thứ ${n}: chỉ tiêu cần cả cách so sánh và giá trị.':
    'Task ${n}: a target needs both a comparison and a value.',
  'Nhiệm vụ thứ ${n}: chỉ tiêu dạng khoảng (“01–02”) cần giá trị đầu và giá trị cuối, dạng khác chỉ một giá trị.':
    'Task ${n}: a range target (“01–02”) needs a first and a last value, any other target one value only.',
  'Nhiệm vụ thứ ${n}: giá trị đầu của khoảng lớn hơn giá trị cuối.':
    'Task ${n}: the first value of the range is greater than the last.',
  'Nhiệm vụ thứ ${n}: số thứ tự ${o} trùng.': 'Task ${n}: the number ${o} is used twice.',
  'Giá trị phải là một số, tối đa 4 chữ số thập phân (ví dụ 40 hoặc 40,5).':
    'The value must be a number with at most 4 decimals (for example 40 or 40.5).',
  'Ngày gửi': 'Sent on',
  'Tình trạng': 'State',
  '${owner.name} đã ngừng hoạt động.': '${owner.name} has ceased to operate.',
  '${u.name} không thuộc ${owner.name}.': '${u.name} is not part of ${owner.name}.',
  'Không tìm thấy kế hoạch.': 'The plan was not found.',
  'Kế hoạch ${plan.number} không do ${owner.name} ban hành.':
    'Plan ${plan.number} was not issued by ${owner.name}.',
  '${u.owner.name} yêu cầu đơn vị gửi ${title} về ${u.receiving.name}, ${when}.':
    '${u.owner.name} asks your unit to send ${title} to ${u.receiving.name}, ${when}.',
  'Chỉ đính kèm tệp PDF, Word (.docx), Excel (.xlsx), JPG hoặc PNG.':
    'Only PDF, Word (.docx), Excel (.xlsx), JPG or PNG files can be attached.',
  'ĐỀ CƯƠNG BÁO CÁO': 'REPORT OUTLINE',
  'Đơn vị chủ trì phải là đơn vị đang hoạt động thuộc đơn vị lập kế hoạch.':
    'The lead unit must be an open unit under the unit making the plan.',
  'Lĩnh vực “${i.fieldCode}” không có trong bộ tiêu chí của kết quả.':
    'Field “${i.fieldCode}” is not in the framework of the result.',
  'Điểm trừ mỗi vụ việc “${r.perIncident}” không phải số điểm hợp lệ.':
    'Points taken off per incident “${r.perIncident}” is not a valid number of points.',
  '“${code}” không phải tiêu chí chấm theo tỷ lệ, trừ điểm hoặc điểm trực tiếp.':
    '“${code}” is not a criterion scored by a ratio, by deduction or in points.',
  'Tiêu chí ${code} chưa gắn với số liệu.': 'Criterion ${code} is not bound to a count.',
  'Không tìm thấy đơn vị.': 'Unit not found.',
  'Kế hoạch được thực hiện phải là kế hoạch của đơn vị hoặc của cấp trên.':
    'The plan implemented must be a plan of the unit or of a level above it.',
  'Văn bản dẫn chứng phải là tài liệu của ${unit.name}.':
    'The document cited must be a document of ${unit.name}.',
  'Không tìm thấy đơn vị được nêu trong hoạt động.': 'A unit named in the activity was not found.',
  'Tiêu chí ${code}: số liệu đếm được là ${counted!.valueText} (đề xuất ${counted!.offer!.text}); nhập giá trị khác cần ghi lý do.':
    'Criterion ${code}: the records count ${counted!.valueText} (offered ${counted!.offer!.text}); typing another value needs a reason.',
  'Lĩnh vực “${i.fieldCode}” được phân công hai lần.': 'Field “${i.fieldCode}” is assigned twice.',
  '${u.name} đã ngừng hoạt động; hãy chọn đơn vị chủ trì khác.':
    '${u.name} has ceased to operate; choose another lead unit.',
  'Hạn gửi báo cáo ${lowerFirst(early.label)} (${formatDateVi(early.dueOn)}) trước khi kỳ báo cáo bắt đầu.':
    'The report for ${lowerFirst(early.label)} would be due (${formatDateVi(early.dueOn)}) before its period begins.',
  'Ngày chốt số liệu ${lowerFirst(late.label)} (${formatDateVi(late.dataTo)}) không trước hạn gửi (${formatDateVi(late.dueOn)}).':
    'The data cut-off of ${lowerFirst(late.label)} (${formatDateVi(late.dataTo)}) is not before the due day (${formatDateVi(late.dueOn)}).',
  'Hạn gửi ${formatDateVi(ps[0]!.dueOn)} quá sớm so với kỳ báo cáo ${lowerFirst(ps[0]!.label)}; hãy chọn hạn trong tháng cuối kỳ hoặc sau kỳ.':
    'The due day ${formatDateVi(ps[0]!.dueOn)} is too early for the period ${lowerFirst(ps[0]!.label)}; choose a day in the period’s last month or after it.',
  'Nhiệm vụ thứ ${n}: số thứ tự ${o} đã có trong kế hoạch.': 'Task ${n}: number ${o} is already used in the plan.',
  'Số thứ tự nhiệm vụ vừa được dùng cho nhiệm vụ khác; hãy tải lại rồi giao lại.':
    'This task number was just used for another task; reload, then give the task again.',
};
