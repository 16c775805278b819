/** The results of a campaign as Excel (lib/xlsx.ts conventions): one sheet of units × fields with
 * units' and subtrees' rows, one of indices by element, one by question. Built from what the reader
 * sees (their scope); contacts are never part of results. */
import { formatDateVi } from '@chiso/domain';
import { addSheet, newWorkbook, workbookBuffer, type CellIn } from '../../lib/xlsx.ts';
import type { ResultsView } from './view.ts';

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10000) / whole) : null);

export async function resultsXlsx(v: ResultsView): Promise<Buffer> {
  const wb = newWorkbook();
  const state =
    v.state === 'published' && v.publishedAt
      ? `Đã công bố ngày ${formatDateVi(v.publishedAt)}`
      : 'Tạm tính (chưa công bố)';
  const title = [
    `KẾT QUẢ KHẢO SÁT: ${v.campaign.name.toLocaleUpperCase('vi')}`,
    `${v.campaign.ownerUnitName} — mã ${v.campaign.code}, năm ${v.campaign.year} — ${state}`,
    `Chỉ số = tỷ lệ câu trả lời mức ${v.satisfiedFrom}–5 trong các câu trả lời hợp lệ (%). Sai số: nửa khoảng tin cậy Wilson 95 % của câu hỏi đánh giá chung (điểm %).`,
  ];
  const rows: CellIn[][] = [];
  for (const u of v.units) {
    for (const f of u.fields)
      rows.push([
        u.unitName,
        f.fieldName,
        f.target,
        f.returned,
        f.valid,
        f.invalid,
        share(f.online, f.returned),
        f.index.index,
        null,
        [f.belowTarget ? 'Chưa đủ mẫu' : '', f.external ? `Chỉ số công bố ngoài: ${f.external.document}` : '']
          .filter(Boolean)
          .join('; '),
      ]);
    rows.push([
      u.unitName,
      'Cả đơn vị',
      null,
      u.returned,
      u.valid,
      u.invalid,
      share(u.online, u.returned),
      u.index.index,
      u.margin,
      u.belowTarget ? 'Chưa đủ mẫu' : '',
    ]);
  }
  for (const s of v.subtrees)
    rows.push([
      `${s.unitName} (toàn khối)`,
      'Các đơn vị trực thuộc',
      null,
      s.returned,
      s.valid,
      s.invalid,
      share(s.online, s.returned),
      s.index.index,
      s.margin,
      '',
    ]);
  if (v.overall)
    rows.push([
      'Toàn đợt khảo sát',
      '',
      null,
      v.overall.returned,
      v.overall.valid,
      v.overall.invalid,
      share(v.overall.online, v.overall.returned),
      v.overall.index.index,
      v.overall.margin,
      '',
    ]);
  addSheet(
    wb,
    {
      name: 'Kết quả',
      title,
      columns: [
        { header: 'Đơn vị', width: 36 },
        { header: 'Lĩnh vực', width: 30 },
        { header: 'Chỉ tiêu', width: 10, type: 'int' },
        { header: 'Thu về', width: 10, type: 'int' },
        { header: 'Hợp lệ', width: 10, type: 'int' },
        { header: 'Không hợp lệ', width: 10, type: 'int' },
        { header: 'Trực tuyến (%)', width: 11, type: 'percent' },
        { header: 'Chỉ số hài lòng (%)', width: 12, type: 'percent' },
        { header: 'Sai số ± (điểm %)', width: 11, type: 'percent' },
        { header: 'Ghi chú', width: 30 },
      ],
    },
    rows,
  );
  const elementRows: CellIn[][] = [];
  for (const u of v.units)
    for (const f of u.fields)
      elementRows.push([
        u.unitName,
        f.fieldName,
        ...v.elements.map((e) => f.elements[e.code]?.index ?? null),
      ]);
  addSheet(
    wb,
    {
      name: 'Theo yếu tố',
      title: [title[0]!, 'Chỉ số hài lòng theo yếu tố (%)'],
      columns: [
        { header: 'Đơn vị', width: 36 },
        { header: 'Lĩnh vực', width: 30 },
        ...v.elements.map((e) => ({ header: `${e.code}. ${e.name}`, width: 16, type: 'percent' as const })),
      ],
    },
    elementRows,
  );
  const questionRows: CellIn[][] = [];
  for (const u of v.units)
    for (const f of u.fields)
      for (const q of v.questions) {
        const c = f.questions[q.code];
        if (c) questionRows.push([u.unitName, f.fieldName, q.code, q.text, c.satisfied, c.ratings, c.index]);
      }
  addSheet(
    wb,
    {
      name: 'Theo câu hỏi',
      title: [title[0]!, 'Chỉ số hài lòng theo câu hỏi'],
      columns: [
        { header: 'Đơn vị', width: 36 },
        { header: 'Lĩnh vực', width: 30 },
        { header: 'Mã câu', width: 8 },
        { header: 'Câu hỏi', width: 50 },
        { header: 'Số trả lời hài lòng', width: 12, type: 'int' },
        { header: 'Số trả lời', width: 12, type: 'int' },
        { header: 'Chỉ số (%)', width: 12, type: 'percent' },
      ],
    },
    questionRows,
  );
  return workbookBuffer(wb);
}
