/** Texts of a plan's document on its page (/plans/:id): the text as it prints, "Kính gửi", "Nơi nhận",
 * Word and PDF. */
export const planTextVi = {
  ptTitle: 'Nội dung văn bản',
  ptWord: 'Tải Word',
  ptPdf: 'Tải PDF',
  ptEdit: 'Sửa nội dung',
  ptSave: 'Lưu',
  ptCancel: 'Hủy',
  ptSaved: 'Đã lưu nội dung văn bản.',
  ptEmpty: 'Chưa nhập nội dung văn bản. Văn bản tải về chỉ có phần đầu, trích yếu và nơi nhận.',
  ptText: 'Nội dung',
  ptTextHint:
    'Mỗi dòng một đoạn. Dòng bắt đầu bằng “I.”, “II.”… là đề mục lớn; “1.”, “1.1.” là đề mục nhỏ; “- ” là gạch đầu dòng.',
  ptAddressees: 'Kính gửi (mỗi dòng một nơi)',
  ptRecipients: 'Nơi nhận (mỗi dòng một nơi)',
  ptOutlines: 'Đề cương báo cáo kèm theo',
};

export const planTextEn: typeof planTextVi = {
  ptTitle: 'Text of the document',
  ptWord: 'Download Word',
  ptPdf: 'Download PDF',
  ptEdit: 'Edit the text',
  ptSave: 'Save',
  ptCancel: 'Cancel',
  ptSaved: 'The text was saved.',
  ptEmpty: 'No text yet. The downloaded document holds only its header, summary and recipients.',
  ptText: 'Text',
  ptTextHint:
    'One paragraph per line. Lines starting “I.”, “II.”… are main headings; “1.”, “1.1.” sub-headings; “- ” bullets.',
  ptAddressees: 'To (one per line)',
  ptRecipients: 'Copies to (one per line)',
  ptOutlines: 'Report outlines annexed',
};
