/** Seed 004 as records (issue #16 item 8): Hà Quảng's field → unit mapping (Phòng Nội vụ for fields 1,
 * 4, 5; Phòng Tư pháp for 2; Văn phòng HĐND và UBND for 3; Phòng Tài chính - Kế hoạch for 6; Phòng
 * Văn hóa - Thông tin with the Văn phòng for 7), the 2022 plan drafted from its 2021 result (seven
 * sections) and issued unnumbered as the seed prints it ("Số: /KH-UBND"; its day in March 2022 is an
 * example), and its reports: quarterly "trước ngày 03 hàng quý" and annual "trước 15/11" to Phòng Nội
 * vụ, most sent on time, some late, one missing. Through the services, as the demo accounts. */
import { lowerFirst } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import { FrameworkService } from '../frameworks/service.ts';
import { ImprovementService } from '../improvement/service.ts';
import { ReportSeriesService } from '../reports/series.ts';
import { ReportSubmissionService } from '../reports/submissions.ts';
import { ResultService } from '../results/service.ts';
import { TaskInstanceService } from '../tasks/instances.ts';
import { TaskService } from '../tasks/service.ts';
import { findOpenByCode } from '../units/service.ts';

const COORD_OFFICES = 'Các phòng, ban chuyên môn, đơn vị sự nghiệp, UBND xã, thị trấn';

/** Seed 004, section II: the lead and the coordinating units of each field. */
const LEADS: [field: string, lead: string, coordinating: string][] = [
  [
    '1',
    'HQ-NV',
    'Các phòng, ban liên quan; đơn vị sự nghiệp; Trung tâm Văn hóa và Truyền thông, UBND các xã, thị trấn',
  ],
  ['2', 'HQ-TP', 'Các phòng, ban liên quan, UBND các xã, thị trấn'],
  ['3', 'HQ-VP', 'Các phòng, ban liên quan, UBND các xã, thị trấn'],
  ['4', 'HQ-NV', COORD_OFFICES],
  ['5', 'HQ-NV', COORD_OFFICES],
  ['6', 'HQ-TCKH', COORD_OFFICES],
  ['7', 'HQ-VHTT', 'Văn phòng HĐND và UBND; các phòng, ban chuyên môn, đơn vị sự nghiệp, UBND xã, thị trấn'],
];

const OUTLINE = [
  'Kết quả thực hiện các nhiệm vụ, giải pháp nâng cao Chỉ số cải cách hành chính',
  'Tồn tại, hạn chế và nguyên nhân',
  'Nhiệm vụ trọng tâm kỳ tới, kiến nghị, đề xuất',
];

/** Reports of 2022 sent late (unit code → quarter → days after the due day) and the one never sent. */
const LATE: Record<string, Record<number, number>> = {
  'HQ-CY': { 2: 4 },
  'HQ-QQ': { 3: 2 },
  'HQ-TCKH': { 1: 1 },
};
const MISSING = { unit: 'HQ-NT', quarter: 4 };

export async function seedHaQuang(db: Db, actors: (username: string) => Promise<Actor>, files: FileStore) {
  const hq = await findOpenByCode(db, 'UBND-HQ');
  if (!hq) return;
  const coord = await actors('dieuphoi.haquang');
  const fw = (await new FrameworkService(db).list(SYSTEM_ACTOR)).find((f) => f.code === 'CCHC-HUYEN-2021');
  if (!fw) return;
  const result = await new ResultService(db).find(coord, fw.id, 2021, hq.id);
  if (!result) return;
  const code = async (c: string) => (await findOpenByCode(db, c))!;
  const improvement = new ImprovementService(db);
  const items = [];
  for (const [fieldCode, lead, coordinating] of LEADS)
    items.push({ fieldCode, leadUnitId: (await code(lead)).id, coordinating });
  const plan = await improvement.createPlan(coord, {
    resultId: result.id,
    number: '/KH-UBND',
    issuedOn: '2022-03-15',
    items,
    remember: true,
  });

  // seed 004's targets (section II.3.2 and II.7.2) and the communes' one-stop software, due by the end
  // of June 2022 in the demo (an example): every commune reported it done but Cần Yên
  const vp = await code('HQ-VP');
  const vhtt = await code('HQ-VHTT');
  const noiVuId = (await code('HQ-NV')).id;
  const tasks = new TaskService(db);
  const target = (metric: string, comparator: 'gte' | 'gt' | 'eq', value: string) => ({
    targetMetric: metric,
    targetComparator: comparator,
    targetValue: value,
    targetUnit: '%',
  });
  await tasks.add(coord, plan.id, [
    {
      section: '3. Cải cách thủ tục hành chính',
      content: 'Giải quyết hồ sơ TTHC đúng hạn và trước hạn, không có hồ sơ trễ hạn',
      leadUnitId: vp.id,
      coordinatingText: 'Các phòng, ban liên quan, UBND các xã, thị trấn',
      dueOn: '2022-12-31',
      receivingUnitId: noiVuId,
      ...target('hồ sơ giải quyết đúng hạn và trước hạn', 'eq', '100'),
    },
    {
      section: '3. Cải cách thủ tục hành chính',
      content:
        'Tiếp nhận, giải quyết và trả kết quả tại Bộ phận một cửa cấp huyện theo quy trình “4 tại chỗ”',
      leadUnitId: vp.id,
      dueOn: '2022-12-31',
      receivingUnitId: noiVuId,
      ...target('TTHC thực hiện quy trình “4 tại chỗ”', 'gt', '50'),
    },
    {
      section: '3. Cải cách thủ tục hành chính',
      content: 'Thực hiện 100% TTHC thuộc thẩm quyền cấp xã trên Phần mềm một cửa điện tử',
      leadGroup: { label: 'UBND các xã, thị trấn', unitKind: 'commune_committee' },
      dueOn: '2022-06-30',
      receivingUnitId: vp.id,
      ...target('TTHC cấp xã trên phần mềm một cửa', 'eq', '100'),
    },
    {
      section: '7. Chính quyền điện tử, chính quyền số',
      content: 'Tăng số lượng hồ sơ TTHC được tiếp nhận và giải quyết trực tuyến mức độ 3, 4',
      leadUnitId: vhtt.id,
      coordinatingUnitIds: [vp.id],
      dueOn: '2022-12-31',
      receivingUnitId: noiVuId,
      ...target('hồ sơ trực tuyến mức độ 3, 4', 'gte', '40'),
    },
    {
      section: '7. Chính quyền điện tử, chính quyền số',
      content: 'Tiếp nhận hồ sơ, trả kết quả giải quyết TTHC qua dịch vụ bưu chính công ích',
      leadUnitId: vhtt.id,
      coordinatingUnitIds: [vp.id],
      dueOn: '2022-12-31',
      receivingUnitId: noiVuId,
      ...target('TTHC có phát sinh hồ sơ được tiếp nhận và trả kết quả qua bưu chính', 'gte', '10'),
    },
  ]);
  const officer = await actors('canbo.haquang');
  const on = (day: string) => new TaskInstanceService(db, () => day);
  const software = (await tasks.list(coord, { planId: plan.id })).items.find(
    (x) => x.leadGroup === 'UBND các xã, thị trấn',
  );
  for (const [k, i] of (software?.instances ?? []).entries()) {
    if (i.unitName === 'Ủy ban nhân dân xã Cần Yên') continue; // not reported: "Quá hạn"
    const day = `2022-06-${String(20 + k).padStart(2, '0')}`;
    await on(day).progress(officer, i.id, {
      value: '100',
      note: 'Toàn bộ TTHC cấp xã đã cập nhật trên phần mềm.',
    });
    await on(day).declare(officer, i.id, undefined);
    await on(day).accept(coord, i.id, undefined);
  }

  // reports asked by the plan: every office and commune but Phòng Nội vụ, which receives them
  const noiVu = await code('HQ-NV');
  const asked = [
    'HQ-TP',
    'HQ-VP',
    'HQ-TCKH',
    'HQ-VHTT',
    'HQ-TTVH',
    'HQ-XH',
    'HQ-TN',
    'HQ-TRH',
    'HQ-LN',
    'HQ-SH',
    'HQ-QQ',
    'HQ-NT',
    'HQ-CY',
  ];
  const units = await Promise.all(asked.map(code));
  const series = new ReportSeriesService(db);
  const quarterly = await series.createSeries(coord, {
    title: 'Báo cáo định kỳ công tác cải cách hành chính',
    ownerUnitId: hq.id,
    receivingUnitId: noiVu.id,
    unitIds: units.map((u) => u.id),
    periodKind: 'quarter',
    yearFrom: 2022,
    yearTo: 2022,
    // "trước ngày 03 hàng quý": the 3rd of the quarter's last month, included
    due: { day: 3, month: 'last' },
    outline: OUTLINE,
    planId: plan.id,
  });
  await series.createSeries(coord, {
    title: 'Báo cáo kết quả công tác cải cách hành chính năm',
    ownerUnitId: hq.id,
    receivingUnitId: noiVu.id,
    unitIds: units.map((u) => u.id),
    periodKind: 'year',
    yearFrom: 2022,
    yearTo: 2022,
    // "báo cáo năm trước 15/11 hàng năm"
    due: { day: 15, month: 11 },
    outline: OUTLINE,
    planId: plan.id,
  });
  const matrix = await series.detail(coord, quarterly.id, '2023-01-01');
  const submissions = new ReportSubmissionService(db, files, 20 * 1024 * 1024);
  for (const [q, period] of matrix.periods.entries()) {
    const quarter = q + 1;
    for (const u of units) {
      if (u.code === MISSING.unit && quarter === MISSING.quarter) continue;
      const late = LATE[u.code]?.[quarter] ?? 0;
      const head: Actor = { ...SYSTEM_ACTOR, name: `Lãnh đạo ${u.name} (dữ liệu mẫu)` };
      let rev = (await submissions.view(head, period.requestId, u.id)).revision;
      rev = (
        await submissions.save(head, period.requestId, u.id, {
          baseRevision: rev,
          sections: {
            s1: `${u.name} đã triển khai các nhiệm vụ được giao tại Kế hoạch nâng cao Chỉ số CCHC năm 2022 trong ${lowerFirst(period.label)}.`,
            s2: 'Một số nhiệm vụ còn chậm do thiếu nhân lực.',
            s3: 'Tiếp tục thực hiện các nhiệm vụ còn lại theo kế hoạch.',
          },
          figures: {},
        })
      ).revision;
      rev = (await submissions.approve(head, period.requestId, u.id, rev)).revision;
      // on time: two days before the due day; late: `late` days after it (10:00 in Vietnam)
      const day = new Date(`${period.dueOn}T03:00:00Z`);
      day.setUTCDate(day.getUTCDate() + (late ? late : -2));
      await submissions.send(head, period.requestId, u.id, rev, day);
    }
  }
}
