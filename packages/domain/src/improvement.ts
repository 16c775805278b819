/** The improvement plan drafted from a unit's result for a year (issue #16 item 4; seed 004: Hà Quảng's
 * plan for 2022 from its 2021 index): one section per field — every field, those with full points
 * too —, its points and the points lost with the criteria that lost them, the tasks and targets to
 * fill, and the lead and coordinating units suggested from the owner's field → unit mapping. The
 * coordinator edits the text and issues it as a Word plan. Pure. */
import { formatPoints, type Hundredths } from './points.ts';
import type { PlanBlock } from './plans.ts';

export interface ImprovementField {
  code: string;
  title: string;
  max: Hundredths;
  points: Hundredths;
  /** The criteria under the field that lost points (empty for a result entered by field). */
  lost: { code: string; title: string; max: Hundredths; points: Hundredths }[];
  /** Points of the same field the year before, when known. */
  before?: { points: Hundredths; max: Hundredths | null } | null;
  leadName: string | null;
  coordinating: string;
}

export interface ImprovementInput {
  unitName: string;
  /** The year of the result; the plan is for the year after. */
  year: number;
  total: Hundredths;
  max: Hundredths;
  /** "Quyết định số 90/QĐ-UBND ngày 25/01/2022 của UBND tỉnh Cao Bằng", when the result was published. */
  basis: string | null;
  bandLabel: string | null;
  rank: number | null;
  rankedOf: number | null;
  fields: ImprovementField[];
  /** "Phòng Nội vụ": who follows the plan and receives the quarterly reports. */
  followUnitName: string | null;
}

const pts = (h: Hundredths) => formatPoints(h);

/** The plan's title. */
export function improvementTitle(year: number): string {
  return `Thực hiện các nhiệm vụ, giải pháp nâng cao Chỉ số cải cách hành chính năm ${year + 1}`;
}

/** The change of a field over the year before, in words ("Tăng 0,18 điểm", "Đạt tối đa"). */
export function fieldChangeText(f: ImprovementField): string {
  if (f.points === f.max) return 'Đạt tối đa';
  if (!f.before) return `Mất ${pts(f.max - f.points)} điểm`;
  const d = f.points - f.before.points;
  return d === 0 ? 'Không đổi' : d > 0 ? `Tăng ${pts(d)} điểm` : `Giảm ${pts(-d)} điểm`;
}

/** The draft as plan blocks: the result table, purpose, one section per field, organisation. */
export function improvementBlocks(i: ImprovementInput): PlanBlock[] {
  const next = i.year + 1;
  const withBefore = i.fields.some((f) => f.before);
  const intro = [
    i.basis ? `Căn cứ ${i.basis}, năm ${i.year} ` : `Năm ${i.year}, `,
    `Chỉ số cải cách hành chính của ${i.unitName} đạt ${pts(i.total)}/${pts(i.max)} điểm`,
    i.rank !== null && i.rankedOf && i.rankedOf > 1 ? `, xếp thứ ${i.rank}/${i.rankedOf}` : '',
    i.bandLabel ? `, xếp loại ${i.bandLabel.toLocaleLowerCase('vi')}` : '',
    ', cụ thể:',
  ].join('');
  const header = [
    'STT',
    'Nội dung',
    ...(withBefore ? [`Năm ${i.year - 1}`] : []),
    `Năm ${i.year}`,
    'Ghi chú',
  ];
  const rows = i.fields.map((f, k) => [
    String(k + 1),
    f.title,
    ...(withBefore
      ? [
          f.before
            ? f.before.max === null
              ? pts(f.before.points)
              : `${pts(f.before.points)}/${pts(f.before.max)}`
            : '',
        ]
      : []),
    `${pts(f.points)}/${pts(f.max)}`,
    fieldChangeText(f),
  ]);
  rows.push(['', 'Tổng điểm', ...(withBefore ? [''] : []), `${pts(i.total)}/${pts(i.max)}`, '']);
  const out: PlanBlock[] = [
    { kind: 'paragraph', text: intro },
    { kind: 'table', header, rows },
    {
      kind: 'paragraph',
      text: `Để khắc phục những tồn tại, hạn chế trong năm ${i.year}, nâng mức Chỉ số cải cách hành chính năm ${next} đạt ở mức cao hơn, ${i.unitName} xây dựng kế hoạch thực hiện nhiệm vụ, giải pháp như sau:`,
    },
    { kind: 'heading', level: 1, text: 'I. MỤC ĐÍCH, YÊU CẦU' },
    {
      kind: 'bullets',
      items: [
        `Khắc phục những tồn tại, hạn chế, bất cập trong triển khai công tác cải cách hành chính năm ${i.year}; xác định cụ thể nhiệm vụ, giải pháp và trách nhiệm của từng cơ quan, đơn vị.`,
        'Tập trung vào các nội dung, lĩnh vực còn yếu và bị mất điểm; duy trì các lĩnh vực đạt điểm tối đa.',
      ],
    },
    { kind: 'heading', level: 1, text: 'II. NHIỆM VỤ VÀ TRÁCH NHIỆM THỰC HIỆN' },
  ];
  i.fields.forEach((f, k) => {
    const n = k + 1;
    out.push({ kind: 'heading', level: 2, text: `${n}. ${f.title}` });
    out.push({ kind: 'heading', level: 2, text: `${n}.1. Tồn tại, hạn chế, mất điểm` });
    out.push({
      kind: 'bullets',
      items:
        f.points === f.max
          ? [`Đạt điểm tối đa (${pts(f.points)}/${pts(f.max)} điểm); tiếp tục duy trì.`]
          : f.lost.length
            ? f.lost.map(
                (l) =>
                  `${l.title}: đạt ${pts(l.points)}/${pts(l.max)} điểm, mất ${pts(l.max - l.points)} điểm.`,
              )
            : [`Đạt ${pts(f.points)}/${pts(f.max)} điểm, mất ${pts(f.max - f.points)} điểm.`],
    });
    out.push({ kind: 'heading', level: 2, text: `${n}.2. Nội dung tiếp tục thực hiện` });
    out.push({
      kind: 'bullets',
      items: f.lost.length
        ? f.lost.map((l) => `Khắc phục: ${l.title} (chỉ tiêu: đạt ${pts(l.max)}/${pts(l.max)} điểm).`)
        : [
            f.points === f.max
              ? `Duy trì kết quả lĩnh vực ${f.title.toLocaleLowerCase('vi')} năm ${next}.`
              : `Nhiệm vụ, giải pháp và chỉ tiêu khắc phục ${pts(f.max - f.points)} điểm bị mất.`,
          ],
    });
    out.push({ kind: 'heading', level: 2, text: `${n}.3. Trách nhiệm thực hiện` });
    out.push({
      kind: 'bullets',
      items: [
        `Đơn vị chủ trì: ${f.leadName ?? 'chưa phân công'}.`,
        `Đơn vị phối hợp: ${f.coordinating.trim() || 'các phòng, ban chuyên môn, đơn vị sự nghiệp, UBND các xã, thị trấn'}.`,
      ],
    });
  });
  out.push({ kind: 'heading', level: 1, text: 'III. TỔ CHỨC THỰC HIỆN' });
  out.push({
    kind: 'bullets',
    items: [
      `Các cơ quan, đơn vị được phân công chủ trì chịu trách nhiệm xây dựng các nhiệm vụ, giải pháp để cải thiện từng lĩnh vực; phối hợp tổ chức thực hiện trong năm ${next}.`,
      ...(i.followUnitName
        ? [
            `${i.followUnitName} là đầu mối theo dõi, tổng hợp, định kỳ báo cáo kết quả thực hiện Kế hoạch này.`,
          ]
        : []),
    ],
  });
  return out;
}
