/** Demo activity records (issue #16 item 3), each through the service by the demo account of the unit
 * that did it (examples written for the demo, not taken from a seed document): Công an huyện Cù Lao
 * Dung's planned inspections of 2024 of its commune police and a team (two done, one still to do, with
 * the issues found and resolved), an article about its administrative reform, a training against its
 * quota; Công an thị trấn Cù Lao Dung's dialogue with citizens. And, on each 2024 demo cycle, criterion
 * 1.2 (reports on time, a deduction per incident) bound to the late reports. */
import { leavesOf, type Framework } from '@chiso/domain';
import type { Db } from '../../db/open.ts';
import { ActivityService } from '../activities/service.ts';
import { CountPointsService } from '../activities/countPoints.ts';
import type { Actor } from '../auth/actor.ts';
import { findOpenByCode } from '../units/service.ts';

export async function seedActivities(db: Db, actors: (username: string) => Promise<Actor>) {
  const [cld, tt, at1, qlhc] = await Promise.all(
    ['CAH-CLD', 'CLD-TT', 'CLD-AT1', 'CLD-QLHC'].map((c) => findOpenByCode(db, c)),
  );
  if (!cld || !tt || !at1 || !qlhc) return;
  const s = new ActivityService(db);
  const officer = await actors('canbo.culaodung');
  const inspect = (
    unit: { id: string; name: string },
    startsOn: string,
    done: boolean,
    found?: number,
    resolved?: number,
  ) =>
    s.create(officer, {
      unitId: cld.id,
      kind: 'inspection',
      title: `Kiểm tra công tác cải cách hành chính tại ${unit.name}`,
      startsOn,
      planned: true,
      done,
      subjectUnitId: unit.id,
      ...(found !== undefined ? { issuesFound: found, issuesResolved: resolved ?? 0 } : {}),
      note: 'Theo kế hoạch kiểm tra CCHC năm 2024 của Công an huyện (dữ liệu mẫu).',
    });
  await inspect(tt, '2024-03-12', true, 3, 2);
  await inspect(at1, '2024-06-20', true, 2, 2);
  await inspect(qlhc, '2024-11-15', false);
  await s.create(officer, {
    unitId: cld.id,
    kind: 'news',
    title: 'Công an huyện Cù Lao Dung đẩy mạnh cải cách hành chính, tiếp nhận hồ sơ trực tuyến',
    startsOn: '2024-05-08',
    subject: 'Báo Sóc Trăng',
    link: 'https://baosoctrang.org.vn',
    note: 'Tin mẫu của bản trình diễn.',
  });
  await s.create(officer, {
    unitId: cld.id,
    kind: 'training',
    title: 'Tập huấn nghiệp vụ cải cách hành chính cho cán bộ tiếp nhận hồ sơ',
    startsOn: '2024-07-01',
    endsOn: '2024-07-02',
    quota: 40,
    trained: 38,
  });
  await s.create(officer, {
    unitId: tt.id,
    kind: 'dialogue',
    title: 'Đối thoại với người dân về thủ tục cư trú, căn cước',
    startsOn: '2024-08-22',
    subject: 'Nhân dân khóm 1, thị trấn Cù Lao Dung',
    participants: 65,
  });
}

/** On a demo cycle: criterion 1.2 (reports on time, a deduction per incident) counted from the late
 * reports, by who runs the cycle; answers what each member is offered now (unitId → code → text), which
 * the demo units take. */
export async function bindDemoCounts(
  db: Db,
  coordinator: Actor,
  cycleId: string,
  fw: Framework,
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  const leaf = leavesOf(fw).find((l) => l.code === '1.2' && l.rule?.type === 'deduction');
  if (!leaf) return out;
  const points = new CountPointsService(db);
  await points.bind(coordinator, cycleId, leaf.code, { counter: 'late_reports', subtree: false });
  const view = await points.view(coordinator, cycleId);
  for (const u of view.units)
    out.set(
      u.unitId,
      new Map(u.leaves.flatMap((l) => (l.offerText !== null ? [[l.code, l.offerText]] : []))),
    );
  return out;
}
