/** Demo tasks (issue #16 item 8, tasks part): the tasks of seed 000's Kế hoạch 82/KH-CAH (Đội Tham mưu's
 * duties, the reports of the commune police due 02/8/2024 through Đội Tham mưu, the conference before
 * 15/8/2024) and of seed 001's Công văn 91/CAH-TH with its targets (≥ 20 % of results returned by post,
 * 01–02 news articles per unit, through Đội Tổng hợp). A commune police whose report of 82/KH-CAH
 * reached Đội Tham mưu reported its task done on that day (accepted the day after, the last one still
 * waiting); those that sent nothing are overdue. Through the
 * services, by the demo accounts of Cù Lao Dung; days as the documents give them, the last day included
 * (ADR 0017). */
import type { Db } from '../../db/open.ts';
import type { Actor } from '../auth/actor.ts';
import { TaskInstanceService } from '../tasks/instances.ts';
import { TaskService } from '../tasks/service.ts';
import { findOpenByCode } from '../units/service.ts';
import { addDays } from '../../lib/dates.ts';

const TT27 = 'Thông tư số 27/2022/TT-BCA';

export async function seedTasks(
  db: Db,
  actors: (username: string) => Promise<Actor>,
  plans: { p82: string; p91: string; sentOn: Map<string, string> },
) {
  const unit = async (code: string) => (await findOpenByCode(db, code))?.id;
  const [tm, qlhc, csgt, pccc] = await Promise.all(['CLD-TM', 'CLD-QLHC', 'CLD-CSGT', 'CLD-PCCC'].map(unit));
  if (!tm || !qlhc || !csgt || !pccc) return;
  // 91/CAH-TH (2021) gives the staff duties to Đội Tổng hợp: the same team, renamed Đội Tham mưu since
  // (the unit's history prints the name of each year)
  const th = tm;
  const coordinator = await actors('dieuphoi.culaodung');
  const officer = await actors('canbo.culaodung');
  const tasks = new TaskService(db);
  const communes = { label: 'Công an các xã, thị trấn', unitKind: 'commune_police' as const };

  await tasks.add(coordinator, plans.p82, [
    {
      section: 'III.1. Đội Tham mưu',
      content: `Xây dựng kế hoạch và đề cương sơ kết gửi, hướng dẫn các bộ phận, đơn vị thuộc Công an huyện thực hiện việc sơ kết ${TT27}; gửi Kế hoạch sơ kết về Công an tỉnh (qua Đội Pháp chế và Quản lý khoa học/PV01)`,
      leadUnitId: tm,
      dueOn: '2024-05-25',
      receivingUnitId: tm,
    },
    {
      section: 'III.2. Các bộ phận, đơn vị có liên quan và Công an các xã, thị trấn',
      content:
        'Cung cấp tình hình, số liệu và báo cáo sơ kết theo đề cương kèm theo Kế hoạch, gửi về Công an huyện (qua Đội Tham mưu)',
      leadGroup: communes,
      dueOn: '2024-08-02',
      receivingUnitId: tm,
    },
    {
      section: 'III.1. Đội Tham mưu',
      content: `Nghiên cứu, tổng hợp các nội dung sơ kết của các bộ phận, đơn vị và xây dựng Báo cáo sơ kết kết quả thực hiện ${TT27}; đề xuất sửa đổi, bổ sung (nếu có)`,
      leadUnitId: tm,
      dueOn: '2024-08-15',
      receivingUnitId: tm,
    },
    {
      section: 'IV. Tổ chức thực hiện',
      content: `Tổ chức Hội nghị sơ kết ${TT27} (từ ngày 05/8 đến trước ngày 15/8/2024)`,
      leadUnitId: tm,
      coordinatingUnitIds: [qlhc, csgt, pccc],
      coordinatingText: 'Các bộ phận, đơn vị có liên quan và Công an các xã, thị trấn',
      dueOn: '2024-08-15',
      receivingUnitId: tm,
    },
  ]);

  await tasks.add(coordinator, plans.p91, [
    {
      section: '3. Giải quyết thủ tục hành chính',
      content:
        'Thực hiện việc trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích, hướng dẫn người dân thực hiện thủ tục có lợi nhất (trong năm 2021)',
      leadUnitId: qlhc,
      coordinatingUnitIds: [csgt, pccc],
      dueOn: '2021-12-31',
      targetMetric: 'hồ sơ trả kết quả qua dịch vụ bưu chính công ích',
      targetComparator: 'gte',
      targetValue: '20',
      targetUnit: '%',
      receivingUnitId: th,
    },
    {
      section: '3. Giải quyết thủ tục hành chính',
      content:
        'Thực hiện việc trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích tại Công an cấp xã (trong năm 2021)',
      leadGroup: communes,
      dueOn: '2021-12-31',
      targetMetric: 'hồ sơ trả kết quả qua dịch vụ bưu chính công ích',
      targetComparator: 'gte',
      targetValue: '20',
      targetUnit: '%',
      receivingUnitId: th,
    },
    {
      section: '6. Tuyên truyền cải cách hành chính',
      content:
        'Viết tin, bài về CCHC đăng trên các phương tiện truyền thông của huyện và trên Cổng thông tin điện tử Công an tỉnh, UBND huyện; phối hợp Đội Tổng hợp để kiểm duyệt, đăng bài (trong năm 2021)',
      leadGroup: communes,
      coordinatingUnitIds: [th],
      dueOn: '2021-12-31',
      targetMetric: 'về CCHC mỗi đơn vị',
      targetComparator: 'range',
      targetValue: '1',
      targetValueTo: '2',
      targetUnit: 'tin, bài',
      receivingUnitId: th,
    },
    {
      section: '10. Kiểm tra công tác CCHC',
      content:
        'Định kỳ hoặc đột xuất tham mưu tổ chức kiểm tra công tác CCHC đối với các bộ phận, đơn vị (có thể lồng ghép vào các cuộc kiểm tra chuyên môn khác)',
      leadUnitId: th,
      recurrence: 'regular',
      receivingUnitId: th,
    },
  ]);

  // 82/KH-CAH: each commune police whose report reached Đội Tham mưu reported the task done that day;
  // the district accepted them the day after, but for the last one, still waiting
  const reports = (await tasks.list(coordinator, { planId: plans.p82 })).items.find(
    (t) => t.leadGroup === communes.label,
  );
  const on = (day: string) => new TaskInstanceService(db, () => day);
  const answered = (reports?.instances ?? [])
    .filter((i) => plans.sentOn.has(i.unitId))
    .map((i) => ({ id: i.id, day: plans.sentOn.get(i.unitId)! }))
    .sort((a, b) => a.day.localeCompare(b.day));
  for (const [k, a] of answered.entries()) {
    await on(a.day).progress(officer, a.id, { note: 'Đã gửi số liệu và báo cáo sơ kết theo đề cương.' });
    await on(a.day).declare(officer, a.id, 'Báo cáo sơ kết đã gửi Đội Tham mưu.');
    if (k < answered.length - 1) await on(addDays(a.day, 1)).accept(coordinator, a.id, undefined);
  }

  // 91/CAH-TH: what the post-return task reached in 2021
  const post = (await tasks.list(coordinator, { planId: plans.p91 })).items.find(
    (t) => t.leadUnitName === 'Đội Cảnh sát quản lý hành chính về trật tự xã hội',
  );
  const q = post?.instances[0]?.id;
  if (q) {
    await on('2021-06-30').progress(officer, q, { value: '12,5', note: '6 tháng đầu năm 2021.' });
    await on('2021-12-20').progress(officer, q, { value: '21,3', note: 'Cả năm 2021.' });
    await on('2021-12-20').declare(officer, q, undefined);
    await on('2021-12-22').accept(coordinator, q, undefined);
  }
}
