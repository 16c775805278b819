/** Documents of a cycle: the unit's self-assessment report (the table of self-scores, evidence, and
 * the explanations given where there is no evidence — the report the guidance documents require,
 * signed by the head), with the appraisal beside it once there is one; and the cycle's ranking. */
import type { OfficialDocument } from '@chiso/domain';
import { addSectionedSheet, addSheet, newWorkbook, workbookBuffer } from '../../lib/xlsx.ts';
import { groupHeading, rankingTables, type RankingRow } from './rankingTables.ts';

export interface ReportLeaf {
  code: string;
  title: string;
  max: string;
  selfPoints: string;
  inputText: string;
  note: string;
  evidence: string[];
  appraisedPoints: string | null;
  appraisalReason: string | null;
  depth: number;
  isLeaf: boolean;
}

export interface SelfReportData {
  unitName: string;
  parentName: string | null;
  cycleName: string;
  year: number;
  framework: string;
  total: string;
  applicableMax: string;
  index: string;
  band: string | null;
  appraisedTotal: string | null;
  rows: ReportLeaf[];
  today: string;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');
const dateOf = (iso: string) => ({ day: +iso.slice(8, 10), month: +iso.slice(5, 7), year: +iso.slice(0, 4) });

export function selfAssessmentReport(d: SelfReportData): OfficialDocument {
  const withoutEvidence = d.rows.filter((r) => r.isLeaf && r.evidence.length === 0 && r.note.trim());
  const showAppraisal = d.appraisedTotal !== null;
  return {
    ...(d.parentName ? { issuingParent: upper(d.parentName) } : {}),
    issuingBody: upper(d.unitName),
    symbol: 'BC',
    place: '…………',
    date: dateOf(d.today),
    type: 'BÁO CÁO',
    summary: `Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${d.year}`,
    body: [
      { kind: 'heading', level: 1, text: 'I. KẾT QUẢ TỰ ĐÁNH GIÁ' },
      {
        kind: 'paragraph',
        text: `Thực hiện ${d.cycleName} (bộ tiêu chí ${d.framework}), ${d.unitName} tự đánh giá, chấm điểm đạt ${d.total}/${d.applicableMax} điểm, chỉ số ${d.index}${d.band ? `, xếp loại ${d.band}` : ''}${showAppraisal ? `; điểm sau thẩm định ${d.appraisedTotal}` : ''}. Chi tiết tại bảng dưới đây.`,
      },
      {
        kind: 'table',
        columns: [
          { title: 'Mã', width: 8, align: 'center' },
          { title: 'Tiêu chí', width: 40 },
          { title: 'Điểm tối đa', width: 10, align: 'center' },
          { title: 'Điểm tự chấm', width: 10, align: 'center' },
          ...(showAppraisal ? [{ title: 'Điểm thẩm định', width: 10, align: 'center' as const }] : []),
          { title: 'Tài liệu kiểm chứng / giải trình', width: 30 },
        ],
        rows: d.rows.map((r) => [
          r.code,
          r.title,
          r.max,
          r.selfPoints,
          ...(showAppraisal ? [r.appraisedPoints ?? ''] : []),
          r.isLeaf ? (r.evidence.length ? r.evidence.join('; ') : r.note ? 'Giải trình (mục II)' : '') : '',
        ]),
        rowBold: d.rows.map((r) => !r.isLeaf),
      },
      { kind: 'heading', level: 1, text: 'II. GIẢI TRÌNH CÁC TIÊU CHÍ CHƯA CÓ TÀI LIỆU KIỂM CHỨNG' },
      ...(withoutEvidence.length
        ? withoutEvidence.map((r) => ({
            kind: 'numbered' as const,
            label: `Tiêu chí ${r.code}.`,
            text: r.note,
          }))
        : [{ kind: 'paragraph' as const, text: 'Mọi tiêu chí đều có tài liệu kiểm chứng.' }]),
    ],
    recipients: ['Cơ quan chủ trì đánh giá', 'Lưu: VT'],
    signature: { position: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' },
    annexes: [],
  };
}

export async function selfAssessmentXlsx(d: SelfReportData): Promise<Buffer> {
  const wb = newWorkbook();
  const pts = (s: string | null) => {
    if (s === null || s === '') return null;
    const [i, f = ''] = s.split(',');
    return Number(i) * 100 + Number((f + '00').slice(0, 2));
  };
  addSheet(
    wb,
    {
      name: 'Tự đánh giá',
      title: [
        `KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM ${d.year}`,
        `${d.unitName} — ${d.cycleName} — tổng ${d.total}/${d.applicableMax}, chỉ số ${d.index}`,
      ],
      columns: [
        { header: 'Mã', width: 8 },
        { header: 'Tiêu chí', width: 50 },
        { header: 'Điểm tối đa', width: 10, type: 'points' },
        { header: 'Dữ liệu nhập', width: 14 },
        { header: 'Điểm tự chấm', width: 10, type: 'points' },
        { header: 'Điểm thẩm định', width: 10, type: 'points' },
        { header: 'Lý do thẩm định', width: 30 },
        { header: 'Tài liệu kiểm chứng', width: 40 },
        { header: 'Giải trình', width: 40 },
      ],
    },
    d.rows.map((r) => [
      r.code,
      r.title,
      pts(r.max),
      r.inputText,
      pts(r.selfPoints),
      pts(r.appraisedPoints),
      r.appraisalReason ?? '',
      r.evidence.join('; '),
      r.note,
    ]),
  );
  return workbookBuffer(wb);
}

export interface RankingData {
  cycleName: string;
  year: number;
  ownerName: string;
  decision: string | null;
  today: string;
  /** One table per group of the set, in its order ('' name: the whole set, no heading). */
  groups: { name: string; rows: RankingRow[] }[];
}

export function rankingDocument(d: RankingData): OfficialDocument {
  return {
    issuingBody: upper(d.ownerName),
    symbol: 'BC',
    place: '…………',
    date: dateOf(d.today),
    type: 'BÁO CÁO',
    summary: `Kết quả xếp hạng Chỉ số cải cách hành chính năm ${d.year}`,
    body: [
      {
        kind: 'paragraph',
        text: `${d.cycleName}${d.decision ? ` — công bố theo Quyết định số ${d.decision}` : ''}. Kết quả xếp hạng các đơn vị như sau:`,
      },
      ...rankingTables(d.groups),
    ],
    recipients: ['Các đơn vị trong kỳ đánh giá', 'Lưu: VT'],
    signature: { position: 'THỦ TRƯỞNG CƠ QUAN', name: '' },
    annexes: [],
  };
}

export async function rankingXlsx(d: RankingData): Promise<Buffer> {
  const wb = newWorkbook();
  const pts = (s: string) => {
    const [i, f = ''] = s.split(/[.,]/);
    return Number(i) * 100 + Number((f + '00').slice(0, 2));
  };
  addSectionedSheet(
    wb,
    {
      name: 'Xếp hạng',
      title: [
        `KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC NĂM ${d.year}`,
        `${d.cycleName}${d.decision ? ` — Quyết định số ${d.decision}` : ''}`,
      ],
      columns: [
        { header: 'Hạng', width: 8, type: 'int' },
        { header: 'Đơn vị', width: 50 },
        { header: 'Tổng điểm', width: 12, type: 'points' },
        { header: 'Chỉ số', width: 12, type: 'percent' },
        { header: 'Xếp loại', width: 20 },
      ],
    },
    d.groups.map((g) => ({
      heading: g.name ? groupHeading(d.groups, g.name) : null,
      rows: g.rows.map((r) => [r.rank, r.unitName, pts(r.total), pts(r.index), r.band ?? '']),
    })),
  );
  return workbookBuffer(wb);
}
