/** Demo cycles, so that a newcomer sees every stage: for the teams and commune police of Cù Lao Dung
 * and for the offices and communes of Hà Quảng, a finished 2023 cycle (self-assessed, appraised,
 * finalised, published with a decision) and an open 2024 cycle (self-assessment under way). The
 * 2024 cycle of the police is run by Công an tỉnh Sóc Trăng: Cù Lao Dung appraises its teams and
 * communes and approves them before they reach the province (one level at a time). Built
 * through the same services as the screens, with the clock set inside each stage, each step by the
 * demo account of the role that takes it (separation of duties holds for the demo too): the owner's
 * coordinator makes the cycle, opens and closes stages, assigns, finalises and publishes; the unit
 * officer scores; the unit head submits; the appraiser (for Hà Quảng, which has no appraiser
 * account, the district's coordinator) appraises. The frameworks are the example ones shipped in
 * content/ (marked isExample). */
import { formatPoints, leavesOf, parseFrameworkJson, type Criterion, type UnitKind } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { addDays, todayVn } from '../../lib/dates.ts';
import type { FileStore } from '../../lib/fileStore.ts';
import type { Actor } from '../auth/actor.ts';
import { activeGrantsOf, findUserByUsername } from '../auth/service.ts';
import { scoreInBulk } from '../cycles/selfAssessment.ts';
import { seedPastSurvey } from './seedSurveys.ts';
import { seedSurvey2024 } from './seedSurvey2024.ts';
import { seedPlans } from './seedPlans.ts';
import { seedHaQuang } from './seedHaQuang.ts';
import { bindDemoCounts, seedActivities } from './seedActivities.ts';
import { cycleServices } from '../cycles/services.ts';
import { listFrameworks } from '../frameworks/service.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { RankGroupService } from '../results/groups.ts';
import { ResultService } from '../results/service.ts';
import { findOpenByCode } from '../units/service.ts';

const STAGES = ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'] as const;

/** A plausible input for a leaf, varying with the unit. */
export function demoInput(c: Criterion, k: number): string {
  const r = c.rule ?? { type: 'manual' as const };
  switch (r.type) {
    case 'done':
      return (k + c.code.length) % 7 === 3 ? 'Không' : 'Có';
    case 'deduction':
      return String(k % 3);
    case 'levels':
      return r.levels[k % Math.min(2, r.levels.length)]!.code;
    case 'ratio_tiers':
      return `${94 + (k % 7)}/100`;
    case 'ratio_proportional':
      return `${25 + ((k * 7) % 50)}/100`;
    case 'survey':
      return formatPoints(8600 + ((k * 137) % 1300));
    case 'manual': {
      const step = r.step ?? 25;
      return formatPoints(Math.max(0, c.max - step * (k % 4)));
    }
  }
}

/** The demo accounts (seed.ts) that take each step of a plan's cycles. */
interface Cast {
  /** Coordinator of the owner: makes the cycle, stages, assignments, finalisation, publication. */
  coordinator: string;
  /** Unit officer over the members: scores. */
  officer: string;
  /** Unit head over the members: submits. */
  head: string;
  /** Appraises (assigned by the coordinator when it is not the coordinator). */
  appraiser: string;
}

interface Plan {
  owner: string;
  cast: Cast;
  /** The 2024 cycle may be run from higher up: the owner's units then appraise and approve first. */
  owner2024?: { code: string; label: string; within: string; coordinator: string };
  framework: string;
  kinds: string[];
  label: string;
  decision: string;
  /** The groups the ranking is published in (each ranked on its own), declared before finalising. */
  groups?: { name: string; kinds: UnitKind[] }[];
  /** The decision that published the year before (its results are entered before the 2023 cycle). */
  previousYear?: string;
}

const PLANS: Plan[] = [
  {
    owner: 'CAH-CLD',
    cast: {
      coordinator: 'dieuphoi.culaodung',
      officer: 'canbo.culaodung',
      head: 'truong.culaodung',
      appraiser: 'thamdinh.soctrang',
    },
    framework: 'CCHC-CAX-MAU-2023',
    kinds: ['team', 'commune_police'],
    label: 'các Đội và Công an cấp xã — Công an huyện Cù Lao Dung',
    decision: '15/QĐ-CAH',
    // run by the province: Cù Lao Dung appraises its teams and communes and approves them first
    owner2024: {
      code: 'CAT-ST',
      label: 'các Đội và Công an cấp xã huyện Cù Lao Dung — Công an tỉnh Sóc Trăng',
      within: 'CAH-CLD',
      coordinator: 'dieuphoi.soctrang',
    },
  },
  {
    owner: 'UBND-HQ',
    // no appraiser account in Hà Quảng: its coordinator (who holds the appraisal right) appraises
    cast: {
      coordinator: 'dieuphoi.haquang',
      officer: 'canbo.haquang',
      head: 'truong.haquang',
      appraiser: 'dieuphoi.haquang',
    },
    framework: 'CCHC-PHONG-XA-MAU-2023',
    kinds: ['office', 'commune_committee'],
    label: 'các phòng chuyên môn và UBND cấp xã — huyện Hà Quảng',
    decision: '12/QĐ-UBND',
    previousYear: 'Quyết định số 09/QĐ-UBND ngày 20/01/2023 của UBND huyện Hà Quảng',
    // as the district publishes its ranking: the offices, then the communes and townships
    groups: [
      { name: 'Các cơ quan chuyên môn thuộc UBND huyện', kinds: ['office'] },
      { name: 'UBND các xã, thị trấn', kinds: ['commune_committee'] },
    ],
  },
];

/** A demo account as an actor (its active grants), by username. */
export async function demoActor(db: Db, username: string): Promise<Actor> {
  const u = await findUserByUsername(db, username);
  if (!u) throw new Error(`Thiếu tài khoản dùng thử ${username}.`);
  return { id: u.id, name: u.fullName, grants: await activeGrantsOf(db, u.id) };
}

/** Demo self-scores written by the unit officer in one transaction per cycle, one audit entry per
 * unit (the screens save one criterion at a time; for hundreds of demo rows that would make the first
 * start slow). */
async function fillItems(
  db: Db,
  officer: Actor,
  units: { assessmentId: string; unitId: string; items: { c: Criterion; text: string; note: string }[] }[],
) {
  await scoreInBulk(db, officer, units, 'Dữ liệu mẫu');
}

/** The owner's published results of the year before the finished cycle, entered as a district
 * enters the figures of its earlier publishing decision (outside a cycle, in the owner's ranking
 * set, in the same groups): the 2023 ranking and its decision show each unit's movement. */
async function seedPreviousYear(
  db: Db,
  plan: Plan,
  ownerUnitId: string,
  frameworkId: string,
  leaves: Criterion[],
  members: { unitId: string }[],
) {
  const year = 2022;
  if (plan.groups)
    await new RankGroupService(db).save(
      SYSTEM_ACTOR,
      { ownerUnitId, frameworkCode: plan.framework, year },
      { groups: plan.groups, baseRevision: 0, reason: 'Xếp hạng theo nhóm như huyện công bố' },
    );
  const results = new ResultService(db);
  for (const [k, m] of members.entries())
    await results.enter(SYSTEM_ACTOR, {
      frameworkId,
      year,
      unitId: m.unitId,
      mode: 'leaves',
      inputs: Object.fromEntries(leaves.map((l) => [l.code, demoInput(l, k + 2)])),
      ownerUnitId,
      reason: `Kết quả năm ${year} theo ${plan.previousYear} (dữ liệu mẫu)`,
    });
}

export async function seedDemoCycles(db: Db, files: FileStore): Promise<number> {
  const fwRows = await listFrameworks(db);
  let made = 0;
  for (const plan of PLANS) {
    const owner = await findOpenByCode(db, plan.owner);
    const fwRow = fwRows.find((f) => f.f.code === plan.framework && f.f.status === 'published');
    if (!owner || !fwRow) continue;
    const fw = parseFrameworkJson(fwRow.f.definition).framework!;
    const leaves = leavesOf(fw);
    const coordinator = await demoActor(db, plan.cast.coordinator);
    const officer = await demoActor(db, plan.cast.officer);
    const head = await demoActor(db, plan.cast.head);
    const appraiser = await demoActor(db, plan.cast.appraiser);
    const at = (day: string) => cycleServices(db, () => day);

    // ---- 2023, finished
    const s2023 = {
      self_assessment: ['2023-12-01', '2023-12-20'],
      appraisal: ['2023-12-21', '2024-01-05'],
      supplementation: ['2024-01-06', '2024-01-10'],
      finalisation: ['2024-01-11', '2024-01-15'],
      publication: ['2024-01-16', '2024-01-25'],
    } as const;
    let t = at('2023-12-10');
    const c23 = await t.cycles.create(coordinator, {
      name: `Chỉ số CCHC năm 2023 — ${plan.label}`,
      year: 2023,
      frameworkId: fwRow.f.id,
      ownerUnitId: owner.id,
      unitKinds: plan.kinds,
      stages: STAGES.map((stage) => ({ stage, startsOn: s2023[stage][0], dueOn: s2023[stage][1] })),
    });
    if (plan.previousYear) await seedPreviousYear(db, plan, owner.id, fwRow.f.id, leaves, c23.units);
    // the survey leaves read the owner's published 2023 campaign (nobody types a survey index)
    await seedPastSurvey(db, coordinator, {
      ownerUnitId: owner.id,
      year: 2023,
      cycleId: c23.id,
      fw,
      memberIds: c23.units.map((u) => u.unitId),
    });
    if (plan.groups)
      await new RankGroupService(db).save(
        coordinator,
        { ownerUnitId: owner.id, frameworkCode: plan.framework, year: 2023 },
        { groups: plan.groups, baseRevision: 0, reason: 'Xếp hạng theo nhóm như huyện công bố' },
      );
    await t.cycles.setStage(coordinator, c23.id, 'self_assessment', 'open');
    await fillItems(
      db,
      officer,
      c23.units.map((u, k) => ({
        assessmentId: u.assessmentId,
        unitId: u.unitId,
        items: leaves.map((l) => ({
          c: l,
          text: demoInput(l, k),
          note: l.evidenceRequired ? 'Hồ sơ, sổ sách lưu tại đơn vị; xuất trình khi thẩm định.' : '',
        })),
      })),
    );
    for (const u of c23.units) await t.selfAssessment.submit(head, u.assessmentId);
    await t.cycles.setStage(coordinator, c23.id, 'self_assessment', 'closed');
    t = at('2023-12-28');
    await t.cycles.setStage(coordinator, c23.id, 'appraisal', 'open');
    const first = c23.units[0];
    if (first) {
      // the coordinator assigns the appraiser to every field of every unit (unless it appraises)
      if (appraiser.id !== coordinator.id)
        await t.appraisal.assign(
          coordinator,
          c23.id,
          appraiser.id!,
          fw.criteria.map((f) => f.code),
          c23.units.map((u) => u.unitId),
        );
      const ratio = leaves.find((l) => l.rule?.type === 'ratio_tiers');
      if (ratio)
        await t.appraisal.appraise(appraiser, first.assessmentId, ratio.code, {
          action: 'set',
          text: '92/100',
          reason: 'Sổ theo dõi hồ sơ một cửa ghi 8 hồ sơ trễ hạn, không khớp số liệu tự đánh giá.',
        });
      for (const l of leaves.filter((x) => x.code !== ratio?.code).slice(0, 3))
        await t.appraisal.appraise(appraiser, first.assessmentId, l.code, { action: 'accept' });
    }
    await t.cycles.setStage(coordinator, c23.id, 'appraisal', 'closed');
    t = at('2024-01-12');
    await t.cycles.setStage(coordinator, c23.id, 'finalisation', 'open');
    await t.finalisation.finalise(coordinator, c23.id);
    await t.cycles.setStage(coordinator, c23.id, 'finalisation', 'closed');
    t = at('2024-01-20');
    await t.cycles.setStage(coordinator, c23.id, 'publication', 'open');
    await t.finalisation.publish(coordinator, c23.id, plan.decision, '2024-01-20');
    await t.cycles.setStage(coordinator, c23.id, 'publication', 'closed');
    made++;

    // ---- 2024, open now: self-assessment under way
    const today = todayVn();
    const d = (n: number) => addDays(today, n);
    const s2024 = {
      self_assessment: [d(-7), d(14)],
      appraisal: [d(15), d(30)],
      supplementation: [d(31), d(38)],
      finalisation: [d(39), d(45)],
      publication: [d(46), d(55)],
    } as const;
    const now = at(today);
    const owner24 = plan.owner2024 ? await findOpenByCode(db, plan.owner2024.code) : owner;
    const coordinator24 = plan.owner2024 ? await demoActor(db, plan.owner2024.coordinator) : coordinator;
    const c24 = await now.cycles.create(coordinator24, {
      name: `Chỉ số CCHC năm 2024 — ${plan.owner2024?.label ?? plan.label}`,
      year: 2024,
      frameworkId: fwRow.f.id,
      ownerUnitId: (owner24 ?? owner).id,
      subtreeUnitIds: plan.owner2024 ? [owner.id] : undefined,
      unitKinds: plan.kinds,
      stages: STAGES.map((stage) => ({ stage, startsOn: s2024[stage][0], dueOn: s2024[stage][1] })),
    });
    if (plan.groups && !plan.owner2024)
      await new RankGroupService(db).save(
        coordinator24,
        { ownerUnitId: (owner24 ?? owner).id, frameworkCode: plan.framework, year: 2024 },
        { groups: plan.groups, baseRevision: 0, reason: 'Xếp hạng theo nhóm như huyện công bố' },
      );
    await now.cycles.setStage(coordinator24, c24.id, 'self_assessment', 'open');
    // a counted criterion is offered from the records: the demo units took the offer
    const counted = await bindDemoCounts(db, coordinator24, c24.id, fw);
    await fillItems(
      db,
      officer,
      c24.units.slice(0, 3).map((u, k) => ({
        assessmentId: u.assessmentId,
        unitId: u.unitId,
        items: leaves
          .slice(0, 4 + k * 3)
          .map((l) => ({ c: l, text: counted.get(u.unitId)?.get(l.code) ?? demoInput(l, k + 1), note: '' })),
      })),
    );
    // the province's 2024 survey (seed 002), its results bound to this cycle's survey criteria
    if (plan.owner2024) await seedSurvey2024(db, (u) => demoActor(db, u), { cycleId: c24.id, fw, files });
    made++;
  }
  await seedPlans(db, (u) => demoActor(db, u), files);
  await seedHaQuang(db, (u) => demoActor(db, u), files);
  await seedActivities(db, (u) => demoActor(db, u));
  return made;
}
