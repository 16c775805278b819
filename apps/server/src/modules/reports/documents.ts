/** Mẫu 01 and Mẫu 02 as documents (NĐ 30/2020 layout, as the other reports): the reporting unit's
 * header, "Số: …/BC-…", place and date, the table from the data (unit × field: phát ra, thu về, hợp
 * lệ, chỉ số; or per rated unit the invitations, answers and index per content), totals, the unit's
 * remarks and the signing block; and the same tables in Excel. */
import {
  formatDateVi,
  lowerFirst,
  formatIndexPercent,
  toRoman,
  type Block,
  type OfficialDocument,
  type ReportSection,
} from '@chiso/domain';
import { addSheet, newWorkbook, workbookBuffer, type CellIn } from '../../lib/xlsx.ts';
import { documentDate, issuerSymbol, type DocumentIssuer } from '../documents/issuer.ts';
import type { SurveyContext, SurveyPart } from './surveyPart.ts';

export interface ReportDocData {
  kind: string;
  /** The request's title and period ("Quý I năm 2022"), for periodic and ad hoc reports. */
  title: string;
  periodLabel: string | null;
  unitName: string;
  receivingName: string;
  /** yyyy-mm-dd: the day it was sent, else today. */
  day: string;
  outline: ReportSection[];
  sections: Record<string, string>;
  part: (SurveyPart & { context: SurveyContext }) | null;
}

const n = (v: number | null) => (v === null ? '' : String(v));

const isSurvey = (d: ReportDocData) => d.kind === 'survey_mau01' || d.kind === 'survey_mau02';

function summaryOf(d: ReportDocData): string {
  if (!isSurvey(d)) return d.periodLabel ? `${d.title} ${lowerFirst(d.periodLabel)}` : d.title;
  const year = d.part?.context.year ?? +d.day.slice(0, 4);
  return d.kind === 'survey_mau02'
    ? `Kết quả lấy ý kiến đánh giá của cơ quan, tổ chức năm ${year}`
    : `Kết quả đo lường sự hài lòng của người dân, tổ chức năm ${year}`;
}

function opening(d: ReportDocData): string {
  if (!isSurvey(d)) {
    const what = summaryOf(d);
    return `${d.unitName} báo cáo ${what.charAt(0).toLocaleLowerCase('vi')}${what.slice(1)} như sau:`;
  }
  const c = d.part?.context;
  const basis = c?.basis ? `Thực hiện ${c.basis}, ` : '';
  const period = c
    ? ` (kỳ đo lường từ ngày ${formatDateVi(c.periodFrom)} đến ngày ${formatDateVi(c.periodTo)})`
    : '';
  const year = c ? ` năm ${c.year}` : '';
  const what =
    d.kind === 'survey_mau02'
      ? `kết quả lấy ý kiến đánh giá của cơ quan, tổ chức${year}`
      : `kết quả đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước${year}`;
  const text = `${basis}${d.unitName} báo cáo ${what}${period} như sau:`;
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

function tableBlocks(d: ReportDocData): Block[] {
  const p = d.part;
  if (p?.mau01) {
    const t = p.mau01;
    return [
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 7, align: 'center' },
          { title: 'Đơn vị', width: 27 },
          { title: 'Lĩnh vực', width: 22 },
          { title: 'Phát ra', width: 10, align: 'center' },
          { title: 'Thu về', width: 10, align: 'center' },
          { title: 'Hợp lệ', width: 9, align: 'center' },
          { title: 'Chỉ số hài lòng (%)', width: 13, align: 'center' },
        ],
        rows: [
          ...t.rows.map((r, i) => [
            String(i + 1),
            r.unitName,
            r.fieldName,
            n(r.issued),
            String(r.returned),
            String(r.valid),
            formatIndexPercent(r.index),
          ]),
          [
            '',
            'Tổng cộng',
            '',
            n(t.totals.issued),
            String(t.totals.returned),
            String(t.totals.valid),
            formatIndexPercent(t.totals.index),
          ],
        ],
        rowBold: [...t.rows.map(() => false), true],
      },
    ];
  }
  if (p?.mau02) {
    const m = p.mau02;
    return [
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 7, align: 'center' },
          { title: 'Đơn vị được đánh giá', width: 24 },
          { title: 'Cơ quan được mời', width: 9, align: 'center' },
          { title: 'Ý kiến thu về', width: 9, align: 'center' },
          { title: 'Hợp lệ', width: 8, align: 'center' },
          ...m.elements.map((_, i) => ({
            title: `Nội dung ${i + 1} (%)`,
            width: 9,
            align: 'center' as const,
          })),
          { title: 'Chung (%)', width: 9, align: 'center' },
        ],
        rows: m.rows.map((r, i) => [
          String(i + 1),
          r.unitName,
          String(r.invitations),
          String(r.answers),
          String(r.valid),
          ...m.elements.map((e) => formatIndexPercent(r.elements[e.code] ?? null)),
          formatIndexPercent(r.index),
        ]),
      },
      { kind: 'bullets', items: m.elements.map((e, i) => `Nội dung ${i + 1}: ${e.name}.`) },
    ];
  }
  return [];
}

/** The report of a unit as an administrative document. */
export function reportDocument(d: ReportDocData, issuer: DocumentIssuer): OfficialDocument {
  const first = isSurvey(d) ? 2 : 1;
  const sections = d.outline.flatMap((s, i): Block[] => {
    const text = (d.sections[s.code] ?? '').trim();
    return [
      { kind: 'heading', level: 1, text: `${toRoman(i + first)}. ${s.title.toLocaleUpperCase('vi')}` },
      ...(text
        ? text.split(/\n+/u).map((line): Block => ({ kind: 'paragraph', text: line.trim() }))
        : [{ kind: 'paragraph' as const, text: 'Không có.' }]),
    ];
  });
  return {
    ...(issuer.issuingParent ? { issuingParent: issuer.issuingParent } : {}),
    issuingBody: issuer.issuingBody,
    symbol: issuerSymbol(issuer, 'BC'),
    place: issuer.place,
    date: documentDate(d.day),
    type: 'BÁO CÁO',
    summary: summaryOf(d),
    body: [
      { kind: 'paragraph', text: opening(d) },
      ...(isSurvey(d)
        ? [
            {
              kind: 'heading' as const,
              level: 1 as const,
              text: d.kind === 'survey_mau02' ? 'I. KẾT QUẢ LẤY Ý KIẾN' : 'I. KẾT QUẢ ĐO LƯỜNG',
            },
            ...tableBlocks(d),
          ]
        : []),
      ...sections,
    ],
    recipients: [d.receivingName, 'Lưu: VT'],
    signature: issuer.signature,
    annexes: [],
  };
}

/** The same tables in Excel (indices as numbers with two decimals). */
export async function reportXlsx(d: ReportDocData): Promise<Buffer> {
  const wb = newWorkbook();
  const title = [summaryOf(d).toLocaleUpperCase('vi'), `${d.unitName} — ngày ${formatDateVi(d.day)}`];
  const p = d.part;
  if (p?.mau01) {
    const t = p.mau01;
    const rows: CellIn[][] = t.rows.map((r, i) => [
      i + 1,
      r.unitName,
      r.fieldName,
      r.target,
      r.issued,
      r.returned,
      r.valid,
      r.invalid,
      r.index,
    ]);
    rows.push([
      null,
      'Tổng cộng',
      null,
      null,
      t.totals.issued,
      t.totals.returned,
      t.totals.valid,
      t.totals.invalid,
      t.totals.index,
    ]);
    addSheet(
      wb,
      {
        name: 'Mẫu 01',
        title,
        columns: [
          { header: 'STT', width: 6, type: 'int' },
          { header: 'Đơn vị', width: 40 },
          { header: 'Lĩnh vực', width: 36 },
          { header: 'Chỉ tiêu', width: 10, type: 'int' },
          { header: 'Phát ra', width: 10, type: 'int' },
          { header: 'Thu về', width: 10, type: 'int' },
          { header: 'Hợp lệ', width: 10, type: 'int' },
          { header: 'Không hợp lệ', width: 12, type: 'int' },
          { header: 'Chỉ số hài lòng (%)', width: 14, type: 'percent' },
        ],
      },
      rows,
    );
  } else if (p?.mau02) {
    const m = p.mau02;
    addSheet(
      wb,
      {
        name: 'Mẫu 02',
        title,
        columns: [
          { header: 'STT', width: 6, type: 'int' },
          { header: 'Đơn vị được đánh giá', width: 40 },
          { header: 'Cơ quan được mời', width: 12, type: 'int' },
          { header: 'Ý kiến thu về', width: 12, type: 'int' },
          { header: 'Hợp lệ', width: 10, type: 'int' },
          ...m.elements.map((e) => ({ header: `${e.name} (%)`, width: 18, type: 'percent' as const })),
          { header: 'Chung (%)', width: 12, type: 'percent' },
        ],
      },
      m.rows.map((r, i) => [
        i + 1,
        r.unitName,
        r.invitations,
        r.answers,
        r.valid,
        ...m.elements.map((e) => r.elements[e.code] ?? null),
        r.index,
      ]),
    );
  }
  addSheet(
    wb,
    {
      name: 'Nhận xét, kiến nghị',
      title,
      columns: [
        { header: 'Mục', width: 30 },
        { header: 'Nội dung', width: 100 },
      ],
    },
    d.outline.map((s) => [s.title, d.sections[s.code] ?? '']),
  );
  return workbookBuffer(wb);
}
