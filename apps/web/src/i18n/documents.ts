/** Texts of what documents print (a unit's abbreviation, place name, head and deputies) and of the
 * dialog that prepares a download (issuing body, signer, legal bases to fill by hand). Vietnamese
 * and English side by side, the same keys. */
export const documentsVi = {
  docProfile: 'Thông tin in trên văn bản',
  docProfileHint:
    'Theo Nghị định 30/2020/NĐ-CP: chữ viết tắt dùng trong ký hiệu văn bản (ví dụ “CAH” trong 82/KH-CAH), địa danh ghi trước ngày tháng, người đứng đầu và cấp phó ký văn bản.',
  docAbbreviation: 'Chữ viết tắt (trong ký hiệu)',
  docPlaceName: 'Địa danh',
  docHead: 'Người đứng đầu',
  docDeputies: 'Cấp phó',
  docAddDeputy: 'Thêm cấp phó',
  docRemove: 'Xóa',
  docTitle: 'Chức danh (như văn bản ghi, ví dụ “TRƯỞNG CÔNG AN”)',
  docRank: 'Cấp hàm',
  docPersonName: 'Họ và tên',
  docActing: 'Quyền (ký “Q.”)',
  docIssuerOverride: 'Tên cơ quan in ở đầu văn bản (để trống: theo loại đơn vị)',
  docGoverning: 'Cơ quan chủ quản (mỗi dòng một dòng in)',
  docOwn: 'Cơ quan ban hành (mỗi dòng một dòng in, tối đa 2)',
  docNone: 'Chưa ghi',
  docDownload: 'Tải văn bản',
  docIssuing: 'Đơn vị ban hành',
  docSymbolDate: 'Số, ký hiệu — địa danh, ngày',
  docSigner: 'Người ký',
  docNoSigner: 'Đơn vị chưa ghi người đứng đầu: chức danh và họ tên để trống, ký tay.',
  docExampleBasis: 'Căn cứ đánh dấu là ví dụ sẽ in “Căn cứ …………………;” để văn thư điền tay:',
  docLoading: 'Đang tải…',
  docDecisionTitle: 'Quyết định ban hành Bộ tiêu chí',
  docImportColumns:
    'Cột không bắt buộc, cho văn bản: Chữ viết tắt, Địa danh, Chức danh người đứng đầu, Cấp hàm người đứng đầu, Họ tên người đứng đầu, Cấp phó (“chức danh | cấp hàm | họ tên”, nhiều người cách nhau bằng “;”).',
};

export const documentsEn: typeof documentsVi = {
  docProfile: 'What documents print',
  docProfileHint:
    'Per Decree 30/2020: the abbreviation in document symbols (e.g. “CAH” in 82/KH-CAH), the place name before the date, the head and deputies who sign.',
  docAbbreviation: 'Abbreviation (in symbols)',
  docPlaceName: 'Place name',
  docHead: 'Head',
  docDeputies: 'Deputies',
  docAddDeputy: 'Add a deputy',
  docRemove: 'Remove',
  docTitle: 'Title (as documents write it, e.g. “TRƯỞNG CÔNG AN”)',
  docRank: 'Rank',
  docPersonName: 'Full name',
  docActing: 'Acting (signs “Q.”)',
  docIssuerOverride: 'Issuing-body lines of the header (empty: by unit kind)',
  docGoverning: 'Governing body (one printed line per line)',
  docOwn: 'Issuing body (one printed line per line, at most 2)',
  docNone: 'Not recorded',
  docDownload: 'Download document',
  docIssuing: 'Issuing body',
  docSymbolDate: 'Number, symbol — place, date',
  docSigner: 'Signer',
  docNoSigner: 'The unit records no head: title and name are left blank, to sign by hand.',
  docExampleBasis: 'Legal bases marked as examples print as “Căn cứ …………………;” for the clerk to fill in:',
  docLoading: 'Loading…',
  docDecisionTitle: 'Decision issuing the framework',
  docImportColumns:
    'Optional columns, for documents: Chữ viết tắt (abbreviation), Địa danh (place name), Chức danh / Cấp hàm / Họ tên người đứng đầu (head’s title, rank, name), Cấp phó (deputies: “title | rank | name”, separated by “;”).',
};
