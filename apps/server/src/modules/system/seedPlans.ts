/** Demo plans as records (issue #16 item 8, first part): seed 000's Kế hoạch 82/KH-CAH of Công an huyện
 * Cù Lao Dung implementing Kế hoạch 215/KH-CAT of Công an tỉnh Sóc Trăng, which asked every district
 * police for its implementing plan by 25/5/2024 (Cù Lao Dung's is the only one recorded: the others
 * show as missing); seed 001's Công văn 91/CAH-TH urging Kế hoạch 23/KH-CAH of 2021. Through the
 * service, each by the demo account of the unit that issues it. */
import type { Db } from '../../db/open.ts';
import type { Actor } from '../auth/actor.ts';
import { PlanService } from '../plans/service.ts';
import { findOpenByCode, UnitService } from '../units/service.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { seedTasks } from './seedTasks.ts';

const TT27 =
  'Thông tư số 27/2022/TT-BCA ngày 09/6/2022 của Bộ Công an quy định tiêu chí cải cách hành chính và xác định chỉ số cải cách hành chính trong Công an nhân dân';

export async function seedPlans(db: Db, actors: (username: string) => Promise<Actor>) {
  const province = await findOpenByCode(db, 'CAT-ST');
  const cld = await findOpenByCode(db, 'CAH-CLD');
  if (!province || !cld) return;
  const plans = new PlanService(db);
  const districts = (await new UnitService(db).list(SYSTEM_ACTOR, undefined, false)).filter(
    (u) => u.kind === 'district_police' && u.parentId === province.id,
  );
  const p215 = await plans.create(await actors('dieuphoi.soctrang'), {
    kind: 'ke_hoach',
    number: '215/KH-CAT',
    issuedOn: '2024-05-15',
    issuingUnitId: province.id,
    subject: `Sơ kết ${TT27}`,
    periodFrom: '2022-08-01',
    periodTo: '2024-08-01',
    askedUnitIds: districts.map((d) => d.id),
    // "gửi về Công an tỉnh … trước ngày 25/5/2024" (seed 000): the last day, included (ADR 0017)
    askedDueOn: '2024-05-25',
  });
  const district = await actors('dieuphoi.culaodung');
  const p82 = await plans.create(district, {
    kind: 'ke_hoach',
    number: '82/KH-CAH',
    issuedOn: '2024-05-20',
    issuingUnitId: cld.id,
    subject: `Sơ kết ${TT27} tại Công an huyện Cù Lao Dung`,
    periodFrom: '2022-08-01',
    periodTo: '2024-08-01',
    implementsPlanId: p215.id,
  });
  const p23 = await plans.create(district, {
    kind: 'ke_hoach',
    number: '23/KH-CAH',
    issuedOn: '2021-02-25',
    issuingUnitId: cld.id,
    subject: 'Thực hiện công tác cải cách hành chính năm 2021 trong Công an huyện Cù Lao Dung',
    periodFrom: '2021-01-01',
    periodTo: '2021-12-31',
  });
  const p91 = await plans.create(district, {
    kind: 'cong_van',
    number: '91/CAH-TH',
    issuedOn: '2021-03-12',
    issuingUnitId: cld.id,
    subject: 'V/v quán triệt, thực hiện chỉ đạo của lãnh đạo về công tác CCHC năm 2021',
    implementsPlanId: p23.id,
  });
  await seedTasks(db, actors, { p82: p82.id, p91: p91.id });
}
