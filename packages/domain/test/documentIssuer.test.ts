import { describe, expect, it } from 'vitest';
import {
  abbreviationOf,
  committeeLines,
  isExampleBasis,
  issuerLinesOf,
  numberSymbol,
  parseSignerChoice,
  placeNameOf,
  profileProblems,
  readUnitImport,
  signingBlock,
  textWidthPt,
  type IssuerUnit,
  type SignerChoice,
} from '../src/index.ts';

const CAT = { name: 'Công an tỉnh Sóc Trăng' };
const CAH = { name: 'Công an huyện Cù Lao Dung' };
const UBND_HQ = { name: 'Ủy ban nhân dân huyện Hà Quảng' };

const head = (title: string, name: string, rank?: string, acting?: boolean) => ({
  title,
  name,
  ...(rank ? { rank } : {}),
  ...(acting ? { acting } : {}),
});

interface Case {
  what: string;
  unit: IssuerUnit;
  parent: { name: string } | null;
  type: string;
  signer?: SignerChoice;
  lines: { governing: string[]; own: string[] };
  symbol: string;
  signature: { authority?: string; position: string[]; rank?: string; name: string };
}

const CASES: Case[] = [
  {
    what: 'Công an huyện (seed 000, 001)',
    unit: {
      name: 'Công an huyện Cù Lao Dung',
      kind: 'district_police',
      abbreviation: 'CAH',
      head: head('Trưởng Công an', 'Huỳnh Hữu Tường', 'Thượng tá'),
      deputies: [head('Phó Trưởng Công an', 'Trần Minh Khoa', 'Trung tá')],
    },
    parent: CAT,
    type: 'KH',
    lines: { governing: ['CÔNG AN TỈNH SÓC TRĂNG'], own: ['CÔNG AN HUYỆN CÙ LAO DUNG'] },
    symbol: 'KH-CAH',
    signature: { position: ['TRƯỞNG CÔNG AN'], rank: 'Thượng tá', name: 'Huỳnh Hữu Tường' },
  },
  {
    what: 'Công an tỉnh (seed 002)',
    unit: {
      name: 'Công an tỉnh Sóc Trăng',
      kind: 'province_police',
      abbreviation: 'CAT',
      head: head('GIÁM ĐỐC', 'Bùi Quốc Khánh', 'Đại tá'),
    },
    parent: { name: 'Bộ Công an' },
    type: 'KH',
    lines: { governing: ['BỘ CÔNG AN'], own: ['CÔNG AN TỈNH SÓC TRĂNG'] },
    symbol: 'KH-CAT',
    signature: { position: ['GIÁM ĐỐC'], rank: 'Đại tá', name: 'Bùi Quốc Khánh' },
  },
  {
    what: 'UBND huyện (seed 004): tên hai dòng, không cơ quan chủ quản, TM.',
    unit: {
      name: 'Ủy ban nhân dân huyện Hà Quảng',
      kind: 'district_committee',
      abbreviation: 'UBND',
      head: head('Chủ tịch', 'Phạm Xuân Tùng'),
    },
    parent: { name: 'Ủy ban nhân dân tỉnh Cao Bằng' },
    type: 'QĐ',
    lines: { governing: [], own: ['ỦY BAN NHÂN DÂN', 'HUYỆN HÀ QUẢNG'] },
    symbol: 'QĐ-UBND',
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN', position: ['CHỦ TỊCH'], name: 'Phạm Xuân Tùng' },
  },
  {
    what: 'Phòng của UBND huyện: UBND huyện trên một dòng, ký hiệu theo tên phòng',
    unit: { name: 'Phòng Nội vụ', kind: 'office', head: head('Trưởng phòng', 'Nông Thị Hạnh') },
    parent: UBND_HQ,
    type: 'BC',
    lines: { governing: ['ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG'], own: ['PHÒNG NỘI VỤ'] },
    symbol: 'BC-NV',
    signature: { position: ['TRƯỞNG PHÒNG'], name: 'Nông Thị Hạnh' },
  },
  {
    what: 'Công an xã',
    unit: {
      name: 'Công an xã An Thạnh 1',
      kind: 'commune_police',
      abbreviation: 'CAX',
      head: head('Trưởng Công an xã', 'Lâm Văn Phúc', 'Thiếu tá'),
    },
    parent: CAH,
    type: 'BC',
    lines: { governing: ['CÔNG AN HUYỆN CÙ LAO DUNG'], own: ['CÔNG AN XÃ AN THẠNH 1'] },
    symbol: 'BC-CAX',
    signature: { position: ['TRƯỞNG CÔNG AN XÃ'], rank: 'Thiếu tá', name: 'Lâm Văn Phúc' },
  },
  {
    what: 'Đội (seed 001: ĐỘI TRƯỞNG; ký hiệu TH)',
    unit: {
      name: 'Đội Tổng hợp',
      kind: 'team',
      abbreviation: 'TH',
      head: head('Đội trưởng', 'Võ Thanh Sơn', 'Trung tá'),
    },
    parent: CAH,
    type: 'BC',
    lines: { governing: ['CÔNG AN HUYỆN CÙ LAO DUNG'], own: ['ĐỘI TỔNG HỢP'] },
    symbol: 'BC-TH',
    signature: { position: ['ĐỘI TRƯỞNG'], rank: 'Trung tá', name: 'Võ Thanh Sơn' },
  },
  {
    what: 'cấp phó ký thay: KT.',
    unit: {
      name: 'Công an huyện Cù Lao Dung',
      kind: 'district_police',
      abbreviation: 'CAH',
      head: head('TRƯỞNG CÔNG AN', 'Huỳnh Hữu Tường', 'Thượng tá'),
      deputies: [head('PHÓ TRƯỞNG CÔNG AN', 'Trần Minh Khoa', 'Trung tá')],
    },
    parent: CAT,
    type: 'BC',
    signer: { role: 'deputy', index: 0 },
    lines: { governing: ['CÔNG AN TỈNH SÓC TRĂNG'], own: ['CÔNG AN HUYỆN CÙ LAO DUNG'] },
    symbol: 'BC-CAH',
    signature: {
      position: ['KT. TRƯỞNG CÔNG AN', 'PHÓ TRƯỞNG CÔNG AN'],
      rank: 'Trung tá',
      name: 'Trần Minh Khoa',
    },
  },
  {
    what: 'phó chủ tịch UBND ký thay: TM., KT.',
    unit: {
      name: 'Ủy ban nhân dân huyện Hà Quảng',
      kind: 'district_committee',
      head: head('CHỦ TỊCH', 'Phạm Xuân Tùng'),
      deputies: [head('PHÓ CHỦ TỊCH', 'Đàm Văn Bảy')],
    },
    parent: null,
    type: 'QĐ',
    signer: { role: 'deputy', index: 0 },
    lines: { governing: [], own: ['ỦY BAN NHÂN DÂN', 'HUYỆN HÀ QUẢNG'] },
    symbol: 'QĐ-UBND',
    signature: {
      authority: 'TM. ỦY BAN NHÂN DÂN',
      position: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      name: 'Đàm Văn Bảy',
    },
  },
  {
    what: 'quyền người đứng đầu: Q.',
    unit: {
      name: 'Công an huyện Cù Lao Dung',
      kind: 'district_police',
      abbreviation: 'CAH',
      head: head('TRƯỞNG CÔNG AN', 'Trần Minh Khoa', 'Trung tá', true),
    },
    parent: CAT,
    type: 'BC',
    lines: { governing: ['CÔNG AN TỈNH SÓC TRĂNG'], own: ['CÔNG AN HUYỆN CÙ LAO DUNG'] },
    symbol: 'BC-CAH',
    signature: { position: ['Q. TRƯỞNG CÔNG AN'], rank: 'Trung tá', name: 'Trần Minh Khoa' },
  },
  {
    what: 'dòng tên cơ quan do đơn vị tự ghi',
    unit: {
      name: 'Văn phòng HĐND và UBND',
      kind: 'office',
      abbreviation: 'VP',
      issuerLines: { governing: ['UBND huyện Hà Quảng'], own: ['Văn phòng HĐND và UBND'] },
      head: head('CHÁNH VĂN PHÒNG', 'Hoàng Văn Dũng'),
    },
    parent: UBND_HQ,
    type: 'BC',
    lines: { governing: ['UBND HUYỆN HÀ QUẢNG'], own: ['VĂN PHÒNG HĐND VÀ UBND'] },
    symbol: 'BC-VP',
    signature: { position: ['CHÁNH VĂN PHÒNG'], name: 'Hoàng Văn Dũng' },
  },
];

describe('issuing body, number symbol and signing block by unit', () => {
  it.each(CASES)('$what', (c) => {
    expect(issuerLinesOf(c.unit, c.parent)).toEqual(c.lines);
    expect(numberSymbol({ type: c.type, issuer: abbreviationOf(c.unit) })).toBe(c.symbol);
    expect(signingBlock(c.unit, c.signer)).toEqual(c.signature);
  });

  it('ký hiệu công văn: tên viết tắt cơ quan và đơn vị soạn thảo (91/CAH-TH)', () => {
    expect(numberSymbol({ issuer: 'CAH', drafting: 'TH' })).toBe('CAH-TH');
    expect(numberSymbol({ type: 'KH', issuer: 'CAH' })).toBe('KH-CAH');
  });

  it('UBND viết tắt cũng tách sau "ỦY BAN NHÂN DÂN"', () => {
    expect(committeeLines('UBND xã Trường Hà')).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ TRƯỜNG HÀ']);
  });

  it('không có người đứng đầu: chừa chỗ điền tay, không bao giờ là chữ giữ chỗ', () => {
    const s = signingBlock({ name: 'Công an xã An Thạnh 2', kind: 'commune_police' });
    expect(s.position).toEqual(['…………………']);
    expect(s.name).toBe('…………………');
  });

  it('cấp phó không có trong danh sách: người đứng đầu ký', () => {
    const unit: IssuerUnit = { name: 'Đội Tham mưu', kind: 'team', head: head('ĐỘI TRƯỞNG', 'A') };
    expect(signingBlock(unit, { role: 'deputy', index: 3 }).position).toEqual(['ĐỘI TRƯỞNG']);
  });

  it('địa danh: của đơn vị, nếu không thì của cấp trên gần nhất', () => {
    expect(placeNameOf([{ placeName: null }, { placeName: 'Cù Lao Dung' }, { placeName: 'Sóc Trăng' }])).toBe(
      'Cù Lao Dung',
    );
    expect(placeNameOf([{}])).toBeNull();
  });

  it('người ký trong tham số tải về', () => {
    expect(parseSignerChoice(undefined)).toEqual({ role: 'head' });
    expect(parseSignerChoice('deputy-1')).toEqual({ role: 'deputy', index: 1 });
    expect(parseSignerChoice('chairman')).toBeNull();
  });
});

describe('profile checks (Vietnamese)', () => {
  it('chữ viết tắt, họ tên, cấp phó cần người đứng đầu', () => {
    const problems = profileProblems({
      abbreviation: 'CA-H',
      head: null,
      deputies: [{ title: '', name: 'B', acting: true }],
    });
    expect(problems.map((p) => p.field)).toEqual(['abbreviation', 'deputies.0.title', 'deputies', 'head']);
    expect(problems[0]!.message).toContain('không có gạch nối');
    expect(problems[1]!.message).toBe('Chức danh (cấp phó thứ 1) không được để trống.');
  });

  it('chấp nhận các chữ viết tắt của văn bản nguồn', () => {
    for (const a of ['CAH', 'CAT', 'UBND', 'TH', 'PV01', 'PC&QLKH', 'Đ'])
      expect(profileProblems({ abbreviation: a })).toEqual([]);
  });
});

describe('legal basis marked as an example', () => {
  it('nhận ra dòng căn cứ ví dụ', () => {
    expect(isExampleBasis('Quyết định của UBND tỉnh — ví dụ, chưa xác nhận số hiệu')).toBe(true);
    expect(isExampleBasis('Tiêu chí cấp xã do Công an tỉnh ban hành — VÍ DỤ, chưa xác nhận')).toBe(true);
    expect(isExampleBasis('Quyết định số …/QĐ-UBND (*)')).toBe(true);
    expect(isExampleBasis('Thông tư 27/2022/TT-BCA ngày 09/6/2022 của Bộ trưởng Bộ Công an')).toBe(false);
  });
});

describe('header line widths', () => {
  it('dòng dài đo được rộng hơn dòng ngắn; chữ đậm rộng hơn', () => {
    const a = textWidthPt('ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG', 13);
    expect(a).toBeGreaterThan(textWidthPt('PHÒNG NỘI VỤ', 13));
    expect(textWidthPt('CÔNG AN TỈNH', 13, true)).toBeGreaterThan(textWidthPt('CÔNG AN TỈNH', 13));
  });
});

describe('unit import: document columns', () => {
  const HEADER = [
    'Mã đơn vị',
    'Tên đơn vị',
    'Loại đơn vị',
    'Mã đơn vị cấp trên',
    'Chữ viết tắt',
    'Địa danh',
    'Chức danh người đứng đầu',
    'Cấp hàm người đứng đầu',
    'Họ tên người đứng đầu',
    'Cấp phó',
  ];
  it('reads the abbreviation, place name, head and deputies', () => {
    const r = readUnitImport(
      [
        HEADER,
        [
          'CAH-X',
          'Công an huyện X',
          'Công an huyện, thị xã, thành phố',
          'CAT-ST',
          'CAH',
          'Cù Lao Dung',
          'TRƯỞNG CÔNG AN',
          'Thượng tá',
          'Huỳnh Hữu Tường',
          'PHÓ TRƯỞNG CÔNG AN | Trung tá | Trần Minh Khoa; PHÓ TRƯỞNG CÔNG AN | | Lê Văn Tư',
        ],
      ],
      '2025-03-01',
    );
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.profile).toEqual({
      abbreviation: 'CAH',
      placeName: 'Cù Lao Dung',
      head: { title: 'TRƯỞNG CÔNG AN', rank: 'Thượng tá', name: 'Huỳnh Hữu Tường' },
      deputies: [
        { title: 'PHÓ TRƯỞNG CÔNG AN', rank: 'Trung tá', name: 'Trần Minh Khoa' },
        { title: 'PHÓ TRƯỞNG CÔNG AN', name: 'Lê Văn Tư' },
      ],
    });
  });

  it('names the column of each problem, in Vietnamese', () => {
    const r = readUnitImport(
      [
        HEADER,
        ['D-1', 'Đội A', 'Đội', 'CAH-CLD', 'T-H', '', '', '', 'Nguyễn Văn A', 'PHÓ ĐỘI TRƯỞNG, Đại úy'],
      ],
      '2025-03-01',
    );
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Cấp phó'],
      [2, 'Chữ viết tắt'],
      [2, 'Chức danh người đứng đầu'],
    ]);
    expect(r.problems[0]!.message).toContain('chức danh | cấp hàm | họ tên');
  });
});
