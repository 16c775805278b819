/** "Việc của tôi" per role on the demo data (issue #13): the officer's units and what is missing,
 * with the self-assessment's due date; the head's results ready to send; the appraising level's
 * queue; the level above's cycles; nothing of another tree. And the capabilities of the session. */
import type { MyWorkT } from '@chiso/contracts';
import { leavesOf, parseFrameworkJson } from '@chiso/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/open.ts';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { scoreInBulk } from '../src/modules/cycles/selfAssessment.ts';
import { demoInput } from '../src/modules/system/seedCycles.ts';
import { testApp, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let officer: Client;
let head: Client;
const today = todayVn();
const CYCLE_2024 =
  'Chỉ số CCHC năm 2024 — các Đội và Công an cấp xã huyện Cù Lao Dung — Công an tỉnh Sóc Trăng';

const work = async (c: Client) => {
  const r = await c.get('/api/my-work');
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as MyWorkT;
};

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  officer = await t.login('canbo.culaodung');
  head = await t.login('truong.culaodung');
}, 240_000); // seeding the demo cycles is slow on a loaded machine
afterAll(async () => t?.close());

describe('my work', () => {
  it('the officer: every unit to fill, its unfinished criteria and the due date', async () => {
    const w = await work(officer);
    const mine = w.toFill.filter((x) => x.cycleName === CYCLE_2024);
    const units = await rawRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from cycle_units cu join cycles c on c.id = cu.cycle_id where c.name = ${CYCLE_2024}`,
    );
    expect(mine).toHaveLength(units[0]!.n);
    for (const u of mine) {
      expect(u.dueOn).toBe(addDays(today, 14));
      expect(u.overdue).toBe(false);
      expect(u.stageOpen).toBe(true);
      expect(u.missing.length).toBeGreaterThan(0);
      expect(u.missing.some((m) => m.what === 'Chưa chấm điểm')).toBe(true);
    }
    // the demo scored 4, 7 and 10 criteria of the first three units: fewer missing there; the survey
    // criterion is never the unit's to score (it reads the campaign's published index), so it is
    // never missing either: one more of each
    const counts = mine
      .map((u) => u.total - u.missing.filter((m) => m.what === 'Chưa chấm điểm').length)
      .sort((a, b) => b - a);
    expect(counts.slice(0, 3)).toEqual([11, 8, 5]);
    // nothing of the 2023 cycle (published), nothing of Hà Quảng
    expect(w.toFill.every((x) => x.cycleName === CYCLE_2024)).toBe(true);
    expect(w.cycles).toEqual([]);
    expect(w.toAppraise).toEqual([]);
  });

  it('the head: a complete self-assessment is ready to send; sent, it waits on Cù Lao Dung’s appraisal', async () => {
    const before = await work(head);
    expect(before.toSend).toEqual([]);
    const target = before.toFill.find((x) => x.cycleName === CYCLE_2024)!;
    // the officer completes it (as the demo does, through the one bulk writer)
    const officerRow = (
      await rawRows<{ id: string; full_name: string }>(
        t.database.db,
        sql`select id, full_name from users where username = 'canbo.culaodung'`,
      )
    )[0]!;
    const fwRow = (
      await rawRows<{ definition: unknown }>(
        t.database.db,
        sql`select f.definition from frameworks f join cycles c on c.framework_id = f.id where c.id = ${target.cycleId}`,
      )
    )[0]!;
    const leaves = leavesOf(parseFrameworkJson(fwRow.definition).framework!);
    await scoreInBulk(
      t.database.db,
      { id: officerRow.id, name: officerRow.full_name, grants: [] },
      [
        {
          assessmentId: target.assessmentId,
          unitId: target.unitId,
          items: leaves.map((l) => ({ c: l, text: demoInput(l, 1), note: 'Hồ sơ lưu tại đơn vị.' })),
        },
      ],
      'Thử',
    );
    const ready = await work(head);
    expect(ready.toSend.map((x) => x.assessmentId)).toEqual([target.assessmentId]);
    expect(ready.toSend[0]).toMatchObject({ dueOn: addDays(today, 14), overdue: false });
    expect(ready.toFill.some((x) => x.assessmentId === target.assessmentId)).toBe(false);
    // the officer (who cannot submit) still sees it, with nothing missing
    const o = await work(officer);
    expect(o.toFill.find((x) => x.assessmentId === target.assessmentId)!.missing).toEqual([]);

    const sent = await head.send('POST', `/api/assessments/${target.assessmentId}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    // Cù Lao Dung's coordinator appraises the teams and communes first
    const coord = await work(await t.login('dieuphoi.culaodung'));
    expect(coord.toAppraise.find((x) => x.assessmentId === target.assessmentId)).toMatchObject({
      what: 'appraise',
      count: leaves.length,
      dueOn: addDays(today, 30),
    });
    // and was told, once
    const n = (await (await t.login('dieuphoi.culaodung')).get('/api/notices')).json() as {
      items: { kind: string; title: string }[];
    };
    expect(
      n.items.filter(
        (x) =>
          x.kind === 'submitted' && x.title === `${target.unitName} đã gửi bản tự đánh giá — ${CYCLE_2024}`,
      ),
    ).toHaveLength(1);
    // the province does not appraise it before Cù Lao Dung
    const prov = await work(await t.login('dieuphoi.soctrang'));
    expect(prov.toAppraise.some((x) => x.assessmentId === target.assessmentId)).toBe(false);
  });

  it('the level above: the cycles it runs, with where their units stand', async () => {
    const prov = await work(await t.login('dieuphoi.soctrang'));
    const c = prov.cycles.find((x) => x.cycleName === CYCLE_2024)!;
    expect(c.units).toBeGreaterThan(5);
    expect(c).toMatchObject({ underAppraisal: 1, appraised: 0, drafting: c.units - 1 });
    const leader = await work(await t.login('lanhdao.soctrang'));
    expect(leader.cycles.map((x) => x.cycleName)).toContain(CYCLE_2024);
    expect(leader.toFill).toEqual([]);
  });

  it('another tree sees nothing of it', async () => {
    for (const u of ['canbo.haquang', 'dieuphoi.haquang', 'lanhdao.caobang']) {
      const w = await work(await t.login(u));
      const all = [...w.toFill, ...w.toSend, ...w.toAnswer, ...w.toAppraise, ...w.cycles];
      expect(all.some((x) => x.cycleName === CYCLE_2024)).toBe(false);
    }
  });
});

describe('capabilities in the session', () => {
  it('the officer may not edit units, manage users or read the audit trail; the coordinator may, on its subtree', async () => {
    type S = { user: { capabilities: Record<string, { all: boolean; unitIds: string[] }> } };
    const o = ((await officer.get('/api/auth/session')).json() as S).user.capabilities;
    expect(o['unit.write']).toBeUndefined();
    expect(o['unit.reorganise']).toBeUndefined();
    expect(o['user.read']).toBeUndefined();
    expect(o['audit.read']).toBeUndefined();
    expect(o['assessment.write']).toMatchObject({ all: false, unitIds: [expect.any(String)] });
    const c = ((await (await t.login('dieuphoi.culaodung')).get('/api/auth/session')).json() as S).user
      .capabilities;
    expect(c['unit.write']).toMatchObject({ all: false });
    expect(c['audit.read']).toBeDefined();
    const a = ((await (await t.login('quantri')).get('/api/auth/session')).json() as S).user.capabilities;
    expect(a['unit.write']).toMatchObject({ all: true });
  });
});
