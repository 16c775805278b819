/** What the demo units' documents print: abbreviations and place names as the seed documents write
 * them (82/KH-CAH, 91/CAH-TH, 107/KH-CAT, 90/QĐ-UBND; "Cù Lao Dung", "Sóc Trăng", "Hà Quảng"), and
 * heads with the titles the seeds use ("TRƯỞNG CÔNG AN", "GIÁM ĐỐC", "CHỦ TỊCH", "ĐỘI TRƯỞNG"). The
 * heads named in the seeds keep their names (Thượng tá Huỳnh Hữu Tường, Đại tá Bùi Quốc Khánh, Phạm
 * Xuân Tùng); every other name is invented for the demo. */
import type { Official, UnitDocumentProfile } from '@chiso/domain';

type P = Partial<UnitDocumentProfile>;
const o = (title: string, name: string, rank?: string): Official => ({
  title,
  name,
  ...(rank ? { rank } : {}),
});

const district = (abbreviation: string, placeName: string): P => ({ abbreviation, placeName });
const team = (abbreviation: string, name: string, rank: string, deputy?: [string, string]): P => ({
  abbreviation,
  head: o('ĐỘI TRƯỞNG', name, rank),
  deputies: deputy ? [o('PHÓ ĐỘI TRƯỞNG', deputy[1], deputy[0])] : [],
});
const commune = (placeName: string, name: string, rank: string, townlet = false): P => ({
  abbreviation: townlet ? 'CATT' : 'CAX',
  placeName,
  head: o('TRƯỞNG CÔNG AN', name, rank),
});
const xa = (placeName: string, name: string): P => ({
  abbreviation: 'UBND',
  placeName,
  head: o('CHỦ TỊCH', name),
});
const office = (abbreviation: string, title: string, name: string): P => ({
  abbreviation,
  head: o(title, name),
});

export const DEMO_PROFILES: Record<string, P> = {
  BCA: { abbreviation: 'BCA', placeName: 'Hà Nội' },
  'CAT-ST': {
    abbreviation: 'CAT',
    placeName: 'Sóc Trăng',
    head: o('GIÁM ĐỐC', 'Bùi Quốc Khánh', 'Đại tá'),
    deputies: [o('PHÓ GIÁM ĐỐC', 'Trần Văn Hải', 'Thượng tá')],
  },
  PV01: { abbreviation: 'PV01', head: o('TRƯỞNG PHÒNG', 'Lý Thanh Bình', 'Thượng tá') },
  PH10: { abbreviation: 'PH10' },
  PX03: { abbreviation: 'PX03' },
  PA08: { abbreviation: 'PA08' },
  PC06: { abbreviation: 'PC06' },
  PC07: { abbreviation: 'PC07' },
  PC08: { abbreviation: 'PC08' },
  'CAH-TPST': district('CATP', 'Sóc Trăng'),
  'CAH-VCH': district('CATX', 'Vĩnh Châu'),
  'CAH-NNA': district('CATX', 'Ngã Năm'),
  'CAH-CTH': district('CAH', 'Châu Thành'),
  'CAH-KSA': district('CAH', 'Kế Sách'),
  'CAH-MTU': district('CAH', 'Mỹ Tú'),
  'CAH-LPH': district('CAH', 'Long Phú'),
  'CAH-MXU': district('CAH', 'Mỹ Xuyên'),
  'CAH-TTR': district('CAH', 'Thạnh Trị'),
  'CAH-TDE': district('CAH', 'Trần Đề'),
  'CAH-CLD': {
    abbreviation: 'CAH',
    placeName: 'Cù Lao Dung',
    head: o('TRƯỞNG CÔNG AN', 'Huỳnh Hữu Tường', 'Thượng tá'),
    deputies: [
      o('PHÓ TRƯỞNG CÔNG AN', 'Lê Minh Tâm', 'Trung tá'),
      o('PHÓ TRƯỞNG CÔNG AN', 'Nguyễn Thanh Phong', 'Trung tá'),
    ],
  },
  'CLD-TM': team('TM', 'Trần Quốc Việt', 'Thiếu tá', ['Đại úy', 'Phan Thị Mỹ Linh']),
  'CLD-TH': team('TH', 'Võ Thanh Sơn', 'Thiếu tá'),
  'CLD-QLHC': team('QLHC', 'Đặng Văn Lợi', 'Thiếu tá'),
  'CLD-CSGT': team('CSGT', 'Châu Minh Trí', 'Đại úy'),
  'CLD-PCCC': team('PCCC', 'Lâm Hoàng Nam', 'Đại úy'),
  'CLD-TT': commune('Cù Lao Dung', 'Ngô Văn Thắng', 'Thiếu tá', true),
  'CLD-AT1': commune('An Thạnh 1', 'Trương Văn Hùng', 'Đại úy'),
  'CLD-AT2': commune('An Thạnh 2', 'Huỳnh Văn Bé', 'Đại úy'),
  'CLD-AT3': commune('An Thạnh 3', 'Lý Văn Phước', 'Thượng úy'),
  'CLD-ATT': commune('An Thạnh Tây', 'Phạm Văn Đạt', 'Đại úy'),
  'CLD-ATD': commune('An Thạnh Đông', 'Kim Văn Sang', 'Thượng úy'),
  'CLD-ATN': commune('An Thạnh Nam', 'Thạch Văn Tuấn', 'Đại úy'),
  'CLD-DA1': commune('Đại Ân 1', 'Lê Văn Nhân', 'Đại úy'),
  'UBND-CB': { abbreviation: 'UBND', placeName: 'Cao Bằng', head: o('CHỦ TỊCH', 'Nông Văn Khánh') },
  'UBND-HQ': {
    abbreviation: 'UBND',
    placeName: 'Hà Quảng',
    head: o('CHỦ TỊCH', 'Phạm Xuân Tùng'),
    deputies: [o('PHÓ CHỦ TỊCH', 'Đàm Thị Hoa'), o('PHÓ CHỦ TỊCH', 'Nông Văn Bảo')],
  },
  'HQ-NV': office('NV', 'TRƯỞNG PHÒNG', 'Hoàng Thị Yến'),
  'HQ-TP': office('TP', 'TRƯỞNG PHÒNG', 'Lục Văn Thành'),
  'HQ-VP': office('VP', 'CHÁNH VĂN PHÒNG', 'Bế Văn Hưng'),
  'HQ-TCKH': office('TCKH', 'TRƯỞNG PHÒNG', 'Lương Thị Thu'),
  'HQ-VHTT': office('VHTT', 'TRƯỞNG PHÒNG', 'Hà Văn Cường'),
  'HQ-TTVH': office('TTVHTT', 'GIÁM ĐỐC', 'Triệu Thị Mai'),
  'HQ-XH': xa('Xuân Hòa', 'Nông Văn Hải'),
  'HQ-TN': xa('Thông Nông', 'Lý Văn Quang'),
  'HQ-TRH': xa('Trường Hà', 'Hoàng Văn Sơn'),
  'HQ-LN': xa('Lũng Nặm', 'Đinh Văn Tài'),
  'HQ-SH': xa('Sóc Hà', 'Vi Văn Lâm'),
  'HQ-QQ': xa('Quý Quân', 'Mã Văn Tiến'),
  'HQ-NT': xa('Nội Thôn', 'Chu Văn Hòa'),
  'HQ-CY': xa('Cần Yên', 'La Văn Khoa'),
};
