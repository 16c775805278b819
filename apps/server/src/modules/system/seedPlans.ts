/** Demo plans as records (issue #16 item 8, first part): seed 000's Kế hoạch 82/KH-CAH of Công an huyện
 * Cù Lao Dung implementing Kế hoạch 215/KH-CAT of Công an tỉnh Sóc Trăng, which asked every district
 * police for its implementing plan by 25/5/2024 (Cù Lao Dung's is the only one recorded: the others
 * show as missing); seed 001's Công văn 91/CAH-TH urging Kế hoạch 23/KH-CAH of 2021. Through the
 * service, each by the demo account of the unit that issues it. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import type { Actor } from '../auth/actor.ts';
import { PlanTextService } from '../plans/document.ts';
import { PlanService } from '../plans/service.ts';
import { ReportSeriesService } from '../reports/series.ts';
import { ReportSubmissionService } from '../reports/submissions.ts';
import { findOpenByCode, UnitService } from '../units/service.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { seedTasks } from './seedTasks.ts';

const TT27 =
  'Thông tư số 27/2022/TT-BCA ngày 09/6/2022 của Bộ Công an quy định tiêu chí cải cách hành chính và xác định chỉ số cải cách hành chính trong Công an nhân dân';

/** The text of a seed document as structured data (content/plans/*.json, taken from the seeds). */
interface SeedText {
  number: string;
  body: string;
  addressees?: string[];
  recipients: string[];
  outline?: { title: string; guide?: string }[];
}
const PLAN_DIR = path.resolve(import.meta.dirname, '../../../../../content/plans');
const seedText = (file: string) => JSON.parse(fs.readFileSync(path.join(PLAN_DIR, file), 'utf8')) as SeedText;

export async function seedPlans(db: Db, actors: (username: string) => Promise<Actor>, files?: FileStore) {
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
  const text = new PlanTextService(db);
  const t82 = seedText('82-KH-CAH.json');
  await text.set(district, p82.id, {
    baseRevision: 1,
    text: t82.body,
    addressees: [],
    recipients: t82.recipients,
  });
  const t91 = seedText('91-CAH-TH.json');
  await text.set(district, p91.id, {
    baseRevision: 1,
    text: t91.body,
    addressees: t91.addressees ?? [],
    recipients: t91.recipients,
  });
  // 82/KH-CAH's outline: the teams concerned and the commune police report to Đội Tham mưu "trước
  // 02/8/2024" (the last day, included); most sent, one late, two not at all
  const tm = await findOpenByCode(db, 'CLD-TM');
  const under = (await new UnitService(db).list(SYSTEM_ACTOR, undefined, false)).filter(
    (u) => u.parentId === cld.id && u.id !== tm?.id,
  );
  // the day each unit sent its report: the commune police's task of 82/KH-CAH is reported done then
  const sentOn = new Map<string, string>();
  if (tm && files)
    await seedOutlineReports(db, district, { cld: cld.id, tm: tm.id, p82: p82.id, under, files, sentOn });
  await seedTasks(db, actors, { p82: p82.id, p91: p91.id, sentOn });
}

/** 82/KH-CAH's outline as a report request to Đội Tham mưu, and the units' reports (sent or not). */
async function seedOutlineReports(
  db: Db,
  district: Actor,
  o: {
    cld: string;
    tm: string;
    p82: string;
    under: { id: string; name: string }[];
    files: FileStore;
    sentOn: Map<string, string>;
  },
) {
  const { under, files } = o;
  const t82 = seedText('82-KH-CAH.json');
  const request = await new ReportSeriesService(db).createAdHoc(district, {
    title: `Báo cáo sơ kết ${TT27.replace(/ ngày .*$/u, '')}`,
    ownerUnitId: o.cld,
    receivingUnitId: o.tm,
    unitIds: under.map((u) => u.id),
    dueOn: '2024-08-02',
    periodFrom: '2022-08-01',
    periodTo: '2024-08-01',
    outline: t82.outline ?? [],
    planId: o.p82,
  });
  const submissions = new ReportSubmissionService(db, files, 20 * 1024 * 1024);
  for (const [k, u] of under.entries()) {
    if (k >= under.length - 2) break; // the last two have not sent
    const head: Actor = { ...SYSTEM_ACTOR, name: `Lãnh đạo ${u.name} (dữ liệu mẫu)` };
    let rev = (await submissions.view(head, request.id, u.id)).revision;
    rev = (
      await submissions.save(head, request.id, u.id, {
        baseRevision: rev,
        sections: {
          s1: `${u.name} đã quán triệt Thông tư số 27/2022/TT-BCA, tổ chức tự đánh giá, chấm điểm chỉ số CCHC hằng năm theo hướng dẫn của Công an huyện.`,
          s2: `Các tiêu chí CCHC được ${u.name} áp dụng đầy đủ; tài liệu kiểm chứng lưu theo từng tiêu chí.`,
          s3: 'Đề nghị hướng dẫn cụ thể hơn cách chấm điểm các tiêu chí thành phần về đo lường sự hài lòng.',
        },
        figures: {},
      })
    ).revision;
    rev = (await submissions.approve(head, request.id, u.id, rev)).revision;
    const sentOn = k === 1 ? '2024-08-06T02:00:00Z' : `2024-07-${25 + (k % 7)}T02:00:00Z`;
    await submissions.send(head, request.id, u.id, rev, new Date(sentOn));
    o.sentOn.set(u.id, sentOn.slice(0, 10));
  }
}
