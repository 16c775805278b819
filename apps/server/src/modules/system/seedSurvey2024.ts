/** The demo's 2024 survey (issue #15, item 8): Kế hoạch 107/KH-CAT (seed 002) run by Công an tỉnh Sóc
 * Trăng. The province opens the campaign over its four departments and its district police (the
 * fields of the plan, ballots allocated in proportion to the transactions of each unit); Cù Lao Dung
 * copies it down to its commune police. Ballots come in by the QR page (one batch a day), on paper
 * (typed one by one, and typed into the Excel template and imported) and from the provincial post
 * office (an import of results collected elsewhere); a dossier number given twice is flagged, and
 * the coordinator invalidates one copy with a reason. The post-audit draws its sample, the assigned
 * appraiser records outcomes, a denied ballot is invalidated. Mẫu 01 is asked of the units under the
 * province, to be sent to Đội Pháp chế và Quản lý khoa học (PV01): most send on time, PC08 sends late, one district has not sent. Both campaigns are closed
 * and published, and the survey criteria of the open 2024 cycle are bound to the campaign so that the
 * communes' points come from it (nobody types a survey index).
 *
 * Built through the services the screens use, each step by the demo account of the role that takes
 * it, on the dates of the plan where a service takes a date. Ballots received by the QR page are
 * written in bulk, one audited batch a day, as the page does; the ratings are drawn from a fixed
 * pseudo-random sequence, so every demo installation holds the same ballots. */
import {
  checkBallot,
  DISTRICT_POLICE_FIELDS,
  POLICE_FIELDS,
  presetTargets,
  type Framework,
  type SurveyForm,
} from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import { ReportService } from '../reports/service.ts';
import { ReportSubmissionService } from '../reports/submissions.ts';
import { surveyPart } from '../reports/surveyPart.ts';
import { storeQrDay, SurveyBallotService, type BulkBallot } from '../surveyBallots/service.ts';
import { SurveyPointsService } from '../surveyPoints/service.ts';
import { surveyLeaves } from '../surveyPoints/resolve.ts';
import { SurveyPostauditService } from '../surveyPostaudit/service.ts';
import { SurveyResultService } from '../surveyResults/service.ts';
import { SurveyCampaignService } from '../surveys/campaigns.ts';
import { SurveyCampaignEditService } from '../surveys/campaignEdit.ts';
import { SurveyCopyDownService } from '../surveys/copyDown.ts';
import { installShippedForms, publishedForm } from '../surveys/forms.ts';
import { findOpenByCode, getUnit, UnitService } from '../units/service.ts';
import { answersOf, importFile, phoneOf, sequence, type DemoPaperRow } from './seedSurveyBallots.ts';

export const DEMO_SURVEY_CODE = 'HL-2024';

interface Cell {
  unitId: string;
  unitCode: string;
  fieldCode: string;
  target: number;
}

/** How many ballots of a cell come back (a few cells fall short of their target) and their quality. */
function plan(cell: Cell, k: number) {
  const short = k % 17 === 5; // "chưa đủ mẫu"
  const n = short ? Math.max(1, Math.floor(cell.target * 0.7)) : cell.target + (k % 3);
  const quality = 0.8 + ((k * 37) % 18) / 100;
  return { n, quality };
}

/** The transactions of a unit × field in the period (the N the allocation is proportional to). */
const transactions = (unitCode: string, fieldCode: string) => {
  let h = 0;
  for (const ch of unitCode + fieldCode) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const base: Record<string, number> = { CCCD: 2400, CT: 1800, XNC: 700, DKX: 1500, PCCC: 160, ANTT: 120 };
  return Math.round((base[fieldCode] ?? 60) * (0.6 + (h % 80) / 100));
};

const QR_DAYS = ['2024-04-16', '2024-05-07', '2024-05-28', '2024-06-18'];

/** The ballots of a campaign's cells over QR, paper typed and paper imported; `importer` imports. */
async function collect(
  db: Db,
  form: SurveyForm,
  campaign: { id: string; code: string; ownerUnitId: string },
  cells: Cell[],
  importer: Actor,
  fileName: string,
  seed: number,
) {
  const rnd = sequence(seed);
  const qr: BulkBallot[][] = QR_DAYS.map(() => []);
  const paper: DemoPaperRow[] = [];
  let serial = 0;
  cells.forEach((cell, k) => {
    const { n, quality } = plan(cell, k + seed);
    for (let i = 0; i < n; i++) {
      const online = rnd() < 0.35;
      const answers = answersOf(form, rnd, quality, online);
      const phone = rnd() < (online ? 0.3 : 0.2) ? phoneOf(rnd) : null;
      const dossier =
        rnd() < 0.5
          ? `${cell.fieldCode}.${2024}.${String(seed * 10_000 + k * 100 + i).padStart(6, '0')}`
          : null;
      if (online) {
        const checked = checkBallot(form, answers);
        if ('issues' in checked) throw new Error(checked.issues.map((x) => x.message).join(' '));
        qr[i % QR_DAYS.length]!.push({
          unit_id: cell.unitId,
          field_code: cell.fieldCode,
          ratings: checked.ratings,
          answers: checked.answers,
          serial: null,
          dossier_no: dossier,
          contact_phone: phone,
        });
      } else {
        serial++;
        paper.push({
          unitCode: cell.unitCode,
          fieldCode: cell.fieldCode,
          serial: `${campaign.code}-${String(serial).padStart(4, '0')}`,
          dossier,
          phone,
          answers,
        });
      }
    }
  });
  for (const [d, day] of QR_DAYS.entries()) await storeQrDay(db, campaign, day, qr[d]!);
  await importFile(db, importer, campaign.id, form, fileName, paper, null);
}

/** Seeds the 2024 survey and binds the survey criteria of `cycleId` (the open 2024 cycle of Cù Lao
 * Dung's teams and commune police, run by the province) to it. */
export async function seedSurvey2024(
  db: Db,
  actors: (username: string) => Promise<Actor>,
  opts: { cycleId: string; fw: Framework; files: FileStore },
) {
  const province = await findOpenByCode(db, 'CAT-ST');
  const cld = await findOpenByCode(db, 'CAH-CLD');
  // reports go to the province "qua Đội Pháp chế và Quản lý khoa học/PV01" (seed 002)
  const pv01 = (await findOpenByCode(db, 'PV01-PCQLKH')) ?? (await findOpenByCode(db, 'PV01'));
  if (!province || !cld || !pv01) return;
  const coord = await actors('dieuphoi.soctrang');
  const cldCoord = await actors('dieuphoi.culaodung');
  const cldOfficer = await actors('canbo.culaodung');
  const cldHead = await actors('truong.culaodung');
  const appraiser = await actors('thamdinh.soctrang');
  const formId = (await installShippedForms(db)).get('PL01a')!;
  const form = (await publishedForm(db, formId))!.definition;
  // the units under the province, depth first, with their paths
  const all = await new UnitService(db).list(SYSTEM_ACTOR, undefined, false);
  const children = new Map<string, typeof all>();
  for (const u of all) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const under: { id: string; code: string; kind: string; path: string }[] = [];
  const walk = (id: string, path: string) =>
    (children.get(id) ?? []).forEach((c) => {
      under.push({ id: c.id, code: c.code, kind: c.kind, path: `${path}${c.id}/` });
      walk(c.id, `${path}${c.id}/`);
    });
  walk(province.id, province.path);
  const byId = new Map(under.map((u) => [u.id, u]));
  const codeOf = (id: string) => byId.get(id)!.code;

  // ---- the province's campaign, its targets allocated in proportion to N, field by field
  const campaigns = new SurveyCampaignService(db);
  const edit = new SurveyCampaignEditService(db);
  const { id } = await campaigns.create(coord, {
    code: DEMO_SURVEY_CODE,
    name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024',
    year: 2024,
    formId,
    ownerUnitId: province.id,
    periodFrom: '2023-09-15',
    periodTo: '2024-09-14',
    opensOn: '2024-03-16',
    closesOn: '2024-07-01',
    basis: 'Kế hoạch số 107/KH-CAT ngày 13/3/2024 của Công an tỉnh Sóc Trăng',
    fields: POLICE_FIELDS.map((f) => ({ code: f.code, name: f.name })),
    deadlines: [
      { key: 'phat_phieu', label: 'Phát hành phiếu đến Công an các đơn vị, địa phương', dueOn: '2024-03-16' },
      {
        key: 'do_luong',
        label: 'Hoàn thành đo lường sự hài lòng của người dân, tổ chức',
        dueOn: '2024-07-01',
      },
      { key: 'mau01', label: 'Báo cáo kết quả đo lường theo Mẫu 01', dueOn: '2024-07-10' },
      { key: 'hau_kiem_01', label: 'Hậu kiểm, phúc tra kết quả đo lường sự hài lòng', dueOn: '2024-08-15' },
      { key: 'mau02', label: 'Báo cáo kết quả lấy ý kiến cơ quan, đơn vị theo Mẫu 02', dueOn: '2024-09-15' },
      {
        key: 'hau_kiem_02',
        label: 'Hậu kiểm, phúc tra kết quả lấy ý kiến cơ quan, đơn vị',
        dueOn: '2024-09-30',
      },
    ],
    targets: presetTargets(under).map((t) => ({
      ...t,
      transactions: transactions(codeOf(t.unitId), t.fieldCode),
    })),
  });
  const totals: Record<string, number> = {
    XNC: 150,
    ANTT: 90,
    CD: 12,
    VK: 12,
    CCCD: 260,
    CT: 200,
    PCCC: 96,
    DKX: 170,
  };
  let revision = (await campaigns.get(coord, id)).revision;
  for (const f of POLICE_FIELDS)
    revision = (await edit.allocate(coord, id, { revision, fieldCode: f.code, total: totals[f.code]! }))
      .revision;
  await campaigns.setStatus(coord, id, 'open', 'Triển khai Kế hoạch số 107/KH-CAT');

  // ---- Cù Lao Dung copies it down: its own four fields, and cư trú and căn cước to its communes
  const communes = under.filter((u) => u.kind === 'commune_police' && u.path.startsWith(cld.path));
  const own = DISTRICT_POLICE_FIELDS.filter((f) => f !== 'CT' && f !== 'CCCD');
  const copy = await new SurveyCopyDownService(db).copyDown(cldCoord, id, {
    ownerUnitId: cld.id,
    name: 'Đo lường sự hài lòng của người dân, tổ chức năm 2024 — Công an huyện Cù Lao Dung',
    targets: [
      ...own.map((f) => ({ unitId: cld.id, fieldCode: f, transactions: transactions(cld.code, f) })),
      ...communes.flatMap((u) =>
        (['CT', 'CCCD'] as const).map((f) => ({
          unitId: u.id,
          fieldCode: f,
          transactions: transactions(u.code, f),
        })),
      ),
    ],
    allocate: true,
  });
  await campaigns.setStatus(
    cldCoord,
    copy.id,
    'open',
    'Nhận phiếu của Công an tỉnh, giao Công an các xã, thị trấn',
  );

  // ---- ballots
  const cellsOf = async (campaignId: string, actor: Actor) =>
    (await campaigns.get(actor, campaignId)).targets
      .filter((t) => t.target !== null)
      .map((t) => ({
        unitId: t.unitId,
        unitCode: codeOf(t.unitId),
        fieldCode: t.fieldCode,
        target: t.target!,
      }));
  const parentCells = (await cellsOf(id, coord)).filter(
    (c) => !byId.get(c.unitId)!.path.startsWith(cld.path),
  );
  await collect(
    db,
    form,
    { id, code: DEMO_SURVEY_CODE, ownerUnitId: province.id },
    parentCells,
    coord,
    'Phieu giay Cong an tinh 2024.xlsx',
    1,
  );
  const copyCells = await cellsOf(copy.id, cldCoord);
  // a few paper ballots typed one by one at Cù Lao Dung (the entry screen), then the rest imported
  const ballots = new SurveyBallotService(db);
  const typed = sequence(99);
  const town = copyCells.find((c) => c.fieldCode === 'CT') ?? copyCells[0]!;
  for (let i = 1; i <= 6; i++)
    await ballots.enterPaper(cldOfficer, copy.id, {
      unitId: town.unitId,
      fieldCode: town.fieldCode,
      serial: `CLD-${String(i).padStart(4, '0')}`,
      dossierNo: i === 3 ? 'CT.2024.900001' : undefined,
      answers: answersOf(form, typed, 0.9, false),
    });
  await collect(
    db,
    form,
    { id: copy.id, code: DEMO_SURVEY_CODE, ownerUnitId: cld.id },
    copyCells,
    cldOfficer,
    'Phieu giay Cu Lao Dung 2024.xlsx',
    2,
  );
  // the same dossier number on the QR page: both flagged; the coordinator keeps the paper one
  await storeQrDay(db, { id: copy.id, code: DEMO_SURVEY_CODE, ownerUnitId: cld.id }, '2024-06-20', [
    (() => {
      const c = checkBallot(form, answersOf(form, typed, 0.9, true));
      if ('issues' in c) throw new Error('demo ballot');
      return {
        unit_id: town.unitId,
        field_code: town.fieldCode,
        ratings: c.ratings,
        answers: c.answers,
        serial: null,
        dossier_no: 'CT.2024.900001',
        contact_phone: null,
      };
    })(),
  ]);
  const [dup] = (
    await ballots.list(cldCoord, copy.id, { mode: 'qr', flag: 'duplicate_dossier', page: 1, pageSize: 5 })
  ).items;
  if (dup)
    await ballots.decide(
      cldCoord,
      copy.id,
      Number(dup.id),
      { kind: 'invalidate' },
      'Trùng mã hồ sơ với phiếu giấy số CLD-0003 của cùng người dân; giữ phiếu giấy.',
    );
  // results of the provincial post office for PA08 (an import of results collected elsewhere)
  const pa08 = parentCells.find((c) => c.unitCode === 'PA08');
  if (pa08) {
    const post = sequence(7);
    await importFile(
      db,
      coord,
      id,
      form,
      'Ket qua Buu dien tinh PA08.xlsx',
      Array.from({ length: 12 }, () => ({
        unitCode: 'PA08',
        fieldCode: pa08.fieldCode,
        serial: null,
        dossier: null,
        phone: null,
        answers: answersOf(form, post, 0.92, false),
      })),
      'Bưu điện tỉnh Sóc Trăng (phiếu thu qua dịch vụ bưu chính công ích)',
    );
  }

  // ---- post-audit of the province's ballots: sample, assignment, outcomes, one invalidated
  const audits = new SurveyPostauditService(db);
  await audits.setup(coord, id, { sharePercent: 10, minPerUnit: 2, failurePercent: 20, eraseAfterDays: 180 });
  const sample = (await audits.view(coord, id)).items;
  const audited = ['PA08', 'PC06', 'CAH-TPST'];
  const unitIds = [...new Set(sample.map((s) => s.unitId))].filter((u) => audited.includes(codeOf(u)));
  for (const u of unitIds) await audits.assign(coord, id, appraiser.id!, u);
  const mine = sample.filter((s) => unitIds.includes(s.unitId));
  for (const [i, s] of mine.entries()) {
    const outcome = i === 1 ? 'unreachable' : i === 4 ? 'denied' : 'confirmed';
    await audits.outcome(
      appraiser,
      id,
      s.ballotId,
      outcome,
      outcome === 'denied' ? 'Người nghe máy cho biết không đến làm thủ tục tại đơn vị trong kỳ.' : null,
    );
    if (outcome === 'denied')
      await audits.invalidate(
        appraiser,
        id,
        s.ballotId,
        'Hậu kiểm: người dân không thừa nhận đã trả lời phiếu.',
      );
  }
  await audits.close(coord, id, 'Hoàn thành hậu kiểm trước ngày 15/8/2024');

  // ---- Mẫu 01: asked of the units under the province, to PV01; PC08 late, one district missing
  const reports = new ReportService(db);
  const request = await reports.create(coord, {
    kind: 'survey_mau01',
    campaignId: id,
    receivingUnitId: pv01.id,
  });
  const submissions = new ReportSubmissionService(db, opts.files, 20 * 1024 * 1024);
  const asked = await Promise.all(
    (await reports.detail(coord, request.id)).rows.map(async (r) => {
      const u = (await getUnit(db, r.unitId))!;
      return { unitId: u.id, code: u.code, name: u.name, path: u.path };
    }),
  );
  for (const [k, s] of asked.entries()) {
    if (s.code === 'CAH-TDE') continue; // not sent: overdue
    const head: Actor =
      s.unitId === cld.id ? cldHead : { ...SYSTEM_ACTOR, name: `Lãnh đạo ${s.name} (dữ liệu mẫu)` };
    const part = await surveyPart(db, 'survey_mau01', id, s.path, {});
    const figures = Object.fromEntries(
      (part?.mau01?.rows ?? []).map((r, i) => [r.issuedKey, r.returned + 2 + ((i + k) % 4)]),
    );
    let rev = (
      await submissions.save(head, request.id, s.unitId, {
        baseRevision: (await submissions.view(head, request.id, s.unitId)).revision,
        sections: {
          assessment: `${s.name} đã phát phiếu cho người dân, tổ chức đến giải quyết thủ tục hành chính tại đơn vị theo đúng Kế hoạch số 107/KH-CAT; phiếu thu về đầy đủ thông tin.`,
          proposals: 'Đề nghị tiếp tục đẩy mạnh hình thức khảo sát trực tuyến qua mã QR.',
        },
        figures,
      })
    ).revision;
    rev = (await submissions.approve(head, request.id, s.unitId, rev)).revision;
    const sentOn = s.code === 'PC08' ? '2024-07-12T03:30:00Z' : `2024-07-0${5 + (k % 5)}T02:00:00Z`;
    await submissions.send(head, request.id, s.unitId, rev, new Date(sentOn));
  }

  // ---- close both, publish the copy then the province (after the post-audit)
  await campaigns.setStatus(cldCoord, copy.id, 'closed', 'Hết thời gian đo lường (trước ngày 01/7/2024)');
  await campaigns.setStatus(coord, id, 'closed', 'Hết thời gian đo lường (trước ngày 01/7/2024)');
  const results = new SurveyResultService(db);
  await results.publish(
    cldCoord,
    copy.id,
    'Công bố kết quả đo lường của Công an huyện Cù Lao Dung',
    new Date('2024-07-08T03:00:00Z'),
  );
  await results.publish(
    coord,
    id,
    'Công bố kết quả đo lường năm 2024 sau hậu kiểm',
    new Date('2024-08-20T03:00:00Z'),
  );

  // ---- the open 2024 cycle's survey criteria read the campaign (the communes: Cù Lao Dung's copy)
  const points = new SurveyPointsService(db);
  for (const l of surveyLeaves(opts.fw))
    await points.bind(coord, opts.cycleId, l.code, {
      campaignCode: DEMO_SURVEY_CODE,
      indicator: { kind: 'overall' },
    });
}
