/** Quyết định phê duyệt và công bố Chỉ số cải cách hành chính năm … (as seed 004's "Quyết định số
 * 90/QĐ-UBND … phê duyệt và công bố Chỉ số CCHC"): the owner of the ranking set approves and
 * publishes the index of its units, with the ranking as the annex (landscape, one table per group):
 * unit, points by field, total, index, class, rank, and the change against the previous year in
 * points and in places ("tăng 2 bậc", "giảm 1 bậc", "giữ nguyên"). Pure: the data come from
 * sources.ts. */
import {
  formatPoints,
  formatVnDate,
  parsePointsRounded,
  rankMovement,
  type Block,
  type OfficialDocument,
  type PreviousPlace,
} from '@chiso/domain';
import {
  BLANK,
  defaultIssuerLine,
  preambleLines,
  resolveMeta,
  type DocumentMetaInput,
} from './frameworkDecision.ts';
import { groupHeading } from './rankingTables.ts';

export interface DecisionField {
  code: string;
  title: string;
  /** Decimal string, "12.5" or "12,5". */
  points: string;
}

export interface DecisionRow {
  unitName: string;
  fields: DecisionField[];
  total: string;
  index: string;
  band: string | null;
  rank: number | null;
  rankedOf: number;
  previous: PreviousPlace | null;
}

export interface PublishingData {
  year: number;
  /** What is ranked, as the cycle or the set names it. */
  rankingName: string;
  ownerName: string;
  frameworkName: string;
  /** The fields in the framework's order (columns of the annex). */
  fields: { code: string; title: string }[];
  groups: { name: string; rows: DecisionRow[] }[];
}

const hundredths = (s: string) => parsePointsRounded(s.replace('.', ',')) ?? 0;
const points = (s: string) => formatPoints(hundredths(s));

/** "+2,5", "-1", "0"; empty when last year's total is not of the same set. */
export function pointsChange(total: string, previous: PreviousPlace | null): string {
  if (!previous?.sameSet || previous.total === null || previous.total === undefined) return '';
  const d = hundredths(total) - hundredths(previous.total);
  return d > 0 ? `+${formatPoints(d)}` : formatPoints(d);
}

/** The place last year as the annex prints it: "7/10", or "k/N năm trước (…)" from another set. */
function previousText(previous: PreviousPlace | null): string {
  if (!previous) return '';
  return previous.sameSet ? `${previous.rank}/${previous.of}` : rankMovement(null, previous).text;
}

function annexTable(d: PublishingData, rows: DecisionRow[]): Block {
  return {
    kind: 'table',
    // widths in cm of a landscape A4 page (24,7 cm of text) at 12 pt: the figures on one line
    columns: [
      { title: 'Hạng', width: 1.45, align: 'center' },
      { title: 'Đơn vị', width: 4.3 },
      ...d.fields.map((f) => ({ title: f.code, width: 1.28, align: 'center' as const })),
      { title: 'Tổng điểm', width: 1.4, align: 'center' },
      { title: 'Chỉ số (%)', width: 1.4, align: 'center' },
      { title: 'Xếp loại', width: 1.6 },
      { title: 'Năm trước', width: 1.5, align: 'center' },
      { title: 'Tăng/ giảm điểm', width: 1.6, align: 'center' },
      { title: 'Tăng/ giảm bậc', width: 2.1, align: 'center' },
    ],
    rows: rows.map((r) => {
      const byCode = new Map(r.fields.map((f) => [f.code, f.points]));
      const m = rankMovement(r.rank, r.previous);
      return [
        r.rank === null ? '' : `${r.rank}/${r.rankedOf}`,
        r.unitName,
        ...d.fields.map((f) => {
          const p = byCode.get(f.code);
          return p === undefined ? '' : points(p);
        }),
        points(r.total),
        points(r.index),
        r.band ?? '',
        previousText(r.previous),
        pointsChange(r.total, r.previous),
        m.kind === 'other' ? '' : m.text,
      ];
    }),
  };
}

/** The decision; `input` carries the header, number, date and signer (from the issuing unit and
 * the download dialog). */
export function publishingDecision(d: PublishingData, input: DocumentMetaInput): OfficialDocument {
  const meta = resolveMeta(input, 'QĐ');
  const units = d.groups.reduce((n, g) => n + g.rows.length, 0);
  const title = `Chỉ số cải cách hành chính năm ${d.year}`;
  const legend = d.fields.map((f) => `${f.code}: ${f.title}`).join('; ');
  const annexBody: Block[] = d.groups.flatMap((g): Block[] => [
    ...(g.name
      ? [{ kind: 'heading' as const, level: 2 as const, text: groupHeading(d.groups, g.name) }]
      : []),
    annexTable(d, g.rows),
  ]);
  annexBody.push({
    kind: 'paragraph',
    italic: true,
    text:
      `Ghi chú: các cột ${d.fields.map((f) => f.code).join(', ')} là điểm đạt của từng lĩnh vực (${legend}). ` +
      `Hạng xếp trong từng nhóm (thứ tự/số đơn vị); “Năm trước” là thứ hạng năm ${d.year - 1} trong cùng bảng ` +
      'xếp hạng, hoặc thứ hạng ở bảng xếp hạng khác (ghi tên) thì không so sánh tăng, giảm bậc.',
  });
  const numberText = meta.number ?? '      ';
  return {
    issuingParent: meta.issuingParent,
    issuingBody: meta.issuingBody,
    number: meta.number,
    symbol: meta.symbol,
    place: meta.place,
    date: meta.date,
    type: 'QUYẾT ĐỊNH',
    summary: `Phê duyệt và công bố ${title}`,
    preamble: preambleLines([
      `Căn cứ ${BLANK} ban hành ${d.frameworkName}`,
      `Căn cứ kết quả đánh giá, thẩm định ${d.rankingName}`,
      `Theo đề nghị của ${BLANK}`,
    ]),
    issuerLine: defaultIssuerLine(meta),
    decisionWord: 'QUYẾT ĐỊNH:',
    body: [
      {
        kind: 'numbered',
        label: 'Điều 1.',
        text:
          `Phê duyệt và công bố ${title} của ${units} cơ quan, đơn vị (${d.rankingName}) ` +
          '(chi tiết tại Phụ lục kèm theo Quyết định này).',
      },
      {
        kind: 'numbered',
        label: 'Điều 2.',
        text:
          `Căn cứ kết quả ${title}, các cơ quan, đơn vị có tên tại Điều 1 phân tích những mặt mạnh, ` +
          'hạn chế, nguyên nhân mất điểm ở từng lĩnh vực, đề ra giải pháp khắc phục, nâng cao Chỉ số cải ' +
          'cách hành chính năm tiếp theo.',
      },
      {
        kind: 'numbered',
        label: 'Điều 3.',
        text:
          'Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị có tên tại Điều 1 và ' +
          'các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.',
      },
    ],
    recipients: meta.recipients?.length ? meta.recipients : ['Như Điều 3', 'Lưu: VT'],
    signature: {
      authority: meta.signer.authority,
      position: meta.signer.position,
      name: meta.signer.name,
      rank: meta.signer.rank,
    },
    annexes: [
      {
        title: `${title} của các cơ quan, đơn vị`.toLocaleUpperCase('vi'),
        subtitle: `(Kèm theo Quyết định số ${numberText}/${meta.symbol} ${formatVnDate(meta.date)} của ${d.ownerName})`,
        landscape: true,
        body: annexBody,
      },
    ],
  };
}
