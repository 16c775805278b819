/** Activity records and counted leaves (issue #16 item 3): Cù Lao Dung records its inspections of 2024;
 * the province's cycle (TT27, district police) binds leaf 1.3 "Kiểm tra CCHC" to inspections done ÷
 * planned and leaf 1.2 "Chế độ báo cáo CCHC" to late reports; the self-assessment offers the counted
 * value with its points and links to the records; another value needs a reason (kept and audited);
 * another tree reads and changes nothing. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let province: Client; // runs the TT27 cycle of 2024
let officer: Client; // Cù Lao Dung's unit officer
let district: Client; // Cù Lao Dung's coordinator
let hq: Client; // Hà Quảng: another tree
let cycleId: string;
const ids: Record<string, string> = {};
const assessment: Record<string, string> = {};
const rec: Record<string, string> = {};
const today = todayVn();
type Err = { error: { code: string; message: string } };
type Count = {
  valueText: string;
  offerText: string | null;
  offerPoints: string | null;
  text: string;
  differs: boolean;
  reason: string | null;
  records: { id: string; kind: string; title: string; counts: boolean; stateText: string; href: string }[];
};
type Node = { code: string; points: string; inputText?: string; count?: Count; children: Node[] };

const leafOf = async (unit: string, code: string) => {
  const r = await officer.get(`/api/assessments/${assessment[unit]}`);
  expect(r.statusCode, r.body).toBe(200);
  const find = (ns: Node[]): Node | undefined => {
    for (const n of ns) {
      if (n.code === code) return n;
      const f = find(n.children);
      if (f) return f;
    }
  };
  const body = r.json() as { tree: Node[]; missing: { code: string; what: string }[] };
  return { node: find(body.tree)!, missing: body.missing };
};

const inspection = (over: Record<string, unknown>) => ({
  unitId: ids['CAH-CLD'],
  kind: 'inspection',
  title: 'Kiểm tra công tác CCHC',
  startsOn: '2024-04-10',
  planned: true,
  done: true,
  ...over,
});

const record = async (c: Client, body: Record<string, unknown>) => {
  const r = await c.send('POST', '/api/activities', body);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { id: string }).id;
};

beforeAll(async () => {
  t = await testApp({}, { cycles: true });
  province = await t.login('dieuphoi.soctrang');
  officer = await t.login('canbo.culaodung');
  district = await t.login('dieuphoi.culaodung');
  hq = await t.login('dieuphoi.haquang');
  for (const c of ['CAT-ST', 'CAH-CLD', 'CAH-TDE', 'CLD-TT', 'CLD-AT1', 'UBND-HQ'])
    ids[c] = await unitIdByCode(t, c);
  const fws = (await province.get('/api/frameworks')).json() as { items: { id: string; code: string }[] };
  const r = await province.send('POST', '/api/cycles', {
    name: 'Chỉ số CCHC năm 2024 — Công an cấp huyện (thử số liệu)',
    year: 2024,
    frameworkId: fws.items.find((f) => f.code === 'TT27-CAH-2022')!.id,
    ownerUnitId: ids['CAT-ST'],
    unitKinds: ['district_police'],
    stages: ['self_assessment', 'appraisal', 'supplementation', 'finalisation', 'publication'].map((s) => ({
      stage: s,
      startsOn: addDays(today, -3),
      dueOn: addDays(today, 7),
    })),
  });
  expect(r.statusCode, r.body).toBe(200);
  const d = r.json() as { id: string; units: { unitId: string; assessmentId: string }[] };
  cycleId = d.id;
  for (const c of ['CAH-CLD', 'CAH-TDE'])
    assessment[c] = d.units.find((u) => u.unitId === ids[c])!.assessmentId;
  // the demo's records of Cù Lao Dung go first (audited deletes), so that the counts below are this test's
  const demo = (await officer.get(`/api/activities?unitId=${ids['CAH-CLD']}`)).json() as {
    items: { id: string }[];
  };
  expect(demo.items.length).toBeGreaterThan(0);
  for (const a of demo.items)
    expect((await officer.send('DELETE', `/api/activities/${a.id}`)).statusCode).toBe(200);
  const open = await province.send('POST', `/api/cycles/${cycleId}/stages/self_assessment`, {
    state: 'open',
  });
  expect(open.statusCode, open.body).toBe(200);
}, 600_000);
afterAll(async () => t?.close());

describe('activity records', () => {
  it('a unit records its inspections, a news article and a training; what is wrong is refused in Vietnamese', async () => {
    rec.tt = await record(
      officer,
      inspection({
        title: 'Kiểm tra CCHC tại Công an thị trấn Cù Lao Dung',
        subjectUnitId: ids['CLD-TT'],
        startsOn: '2024-03-12',
        issuesFound: 3,
        issuesResolved: 2,
      }),
    );
    rec.at1 = await record(
      officer,
      inspection({
        title: 'Kiểm tra CCHC tại Công an xã An Thạnh 1',
        subjectUnitId: ids['CLD-AT1'],
        startsOn: '2024-06-20',
      }),
    );
    rec.q4 = await record(
      officer,
      inspection({
        title: 'Kiểm tra CCHC quý IV tại Đội Cảnh sát QLHC về TTXH',
        startsOn: '2024-11-15',
        done: false,
      }),
    );
    // unplanned, and another year: not counted
    rec.surprise = await record(
      officer,
      inspection({ title: 'Kiểm tra đột xuất tiếp nhận hồ sơ', planned: false }),
    );
    rec.y2023 = await record(
      officer,
      inspection({ title: 'Kiểm tra CCHC năm 2023', startsOn: '2023-10-02' }),
    );
    rec.news = await record(officer, {
      unitId: ids['CAH-CLD'],
      kind: 'news',
      title: 'Công an huyện Cù Lao Dung đẩy mạnh cải cách hành chính',
      startsOn: '2024-05-08',
      subject: 'Báo Sóc Trăng',
      link: 'https://baosoctrang.org.vn/cai-cach-hanh-chinh.html',
    });
    const training = await record(district, {
      unitId: ids['CAH-CLD'],
      kind: 'training',
      title: 'Tập huấn nghiệp vụ CCHC cho cán bộ tiếp dân',
      startsOn: '2024-07-01',
      endsOn: '2024-07-02',
      quota: 40,
      trained: 38,
    });
    const list = (await officer.get(`/api/activities?unitId=${ids['CAH-CLD']}&year=2024`)).json() as {
      items: {
        id: string;
        kindLabel: string;
        subjectUnitName: string | null;
        quota: number | null;
        canWrite: boolean;
      }[];
    };
    expect(list.items.map((i) => i.id).sort()).toEqual(
      [rec.tt, rec.at1, rec.q4, rec.surprise, rec.news, training].sort(),
    );
    expect(list.items.find((i) => i.id === rec.tt)).toMatchObject({
      kindLabel: 'Kiểm tra',
      subjectUnitName: 'Công an thị trấn Cù Lao Dung',
      canWrite: true,
    });
    expect(list.items.find((i) => i.id === training)!.quota).toBe(40);
    const news = (await officer.get(`/api/activities?kind=news`)).json() as { items: { id: string }[] };
    expect(news.items.map((i) => i.id)).toEqual([rec.news]);

    const bad = async (body: Record<string, unknown>, re: RegExp) => {
      const r = await officer.send('POST', '/api/activities', body);
      expect(r.statusCode, r.body).toBe(422);
      expect((r.json() as Err).error.message).toMatch(re);
    };
    await bad(
      inspection({ issuesFound: 1, issuesResolved: 2 }),
      /Số tồn tại đã khắc phục \(2\) lớn hơn số phát hiện \(1\)/,
    );
    await bad(inspection({ quota: 5 }), /Chỉ tiêu không dùng cho loại “Kiểm tra”/);
    await bad(inspection({ endsOn: '2024-01-01' }), /Ngày kết thúc trước ngày bắt đầu/);
    const link = await officer.send('POST', '/api/activities', {
      ...inspection({}),
      kind: 'news',
      link: 'javascript:alert(1)',
    });
    expect(link.statusCode).toBe(400);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'activity.create'), eq(auditLog.entityId, rec.tt)));
    expect(audits).toHaveLength(1);
  });

  it('another tree neither reads nor changes them', async () => {
    const theirs = (await hq.get('/api/activities')).json() as { items: { unitName: string }[] };
    expect(theirs.items.some((i) => i.unitName.includes('Cù Lao Dung'))).toBe(false);
    expect((await hq.get(`/api/activities/${rec.tt}`)).statusCode).toBe(404);
    expect((await hq.get(`/api/activities?unitId=${ids['CAH-CLD']}`)).statusCode).toBe(404);
    expect((await hq.send('PUT', `/api/activities/${rec.tt}`, inspection({}))).statusCode).toBe(404);
    expect((await hq.send('DELETE', `/api/activities/${rec.tt}`)).statusCode).toBe(404);
    expect((await hq.send('POST', '/api/activities', inspection({}))).statusCode).toBe(403);
    // and a unit below reads its own, not its parent's
    const fromProvince = (await province.get(`/api/activities/${rec.tt}`)).statusCode;
    expect(fromProvince).toBe(200);
  });
});

describe('a cycle binds a leaf to a count; self-assessment offers it', () => {
  it('only who runs the cycle binds, only to a counter that fits the leaf', async () => {
    expect(
      (
        await officer.send('PUT', `/api/cycles/${cycleId}/count-bindings/1.3`, {
          counter: 'inspections_done',
        })
      ).statusCode,
    ).toBe(403);
    const wrong = await province.send('PUT', `/api/cycles/${cycleId}/count-bindings/1.3`, {
      counter: 'late_reports',
    });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as Err).error.message).toMatch(/chấm theo tỷ lệ: cần một phép đếm cho tỷ lệ/);
    const manual = await province.send('PUT', `/api/cycles/${cycleId}/count-bindings/1.4`, {
      counter: 'inspections_done',
    });
    expect(manual.statusCode).toBe(400);
    const b = await province.send('PUT', `/api/cycles/${cycleId}/count-bindings/1.3`, {
      counter: 'inspections_done',
    });
    expect(b.statusCode, b.body).toBe(200);
    const v = b.json() as {
      leaves: { code: string; binding: { counter: string; ruleText: string } | null }[];
      units: { unitName: string; leaves: { code: string; valueText: string; offerText: string | null }[] }[];
    };
    expect(v.leaves.find((l) => l.code === '1.3')!.binding).toMatchObject({
      counter: 'inspections_done',
      ruleText: 'Theo quy tắc chấm của tiêu chí',
    });
    expect(v.units.find((u) => u.unitName === 'Công an huyện Cù Lao Dung')!.leaves).toEqual([
      { code: '1.3', valueText: '2/3 cuộc kiểm tra', offerText: '2/3', offerPoints: '2', records: 3 },
    ]);
    // Trần Đề recorded nothing: nothing planned, nothing offered
    expect(v.units.find((u) => u.unitName === 'Công an huyện Trần Đề')!.leaves[0]).toMatchObject({
      valueText: '0/0 cuộc kiểm tra',
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'count.binding.set'), eq(auditLog.entityId, cycleId)));
    expect(audits).toHaveLength(1);
    // another tree does not see the cycle
    expect((await hq.get(`/api/cycles/${cycleId}/count-points`)).statusCode).toBe(404);
  });

  it('the unit is offered 2/3 (2 of 3 points) with links to the three planned inspections', async () => {
    const { node, missing } = await leafOf('CAH-CLD', '1.3');
    expect(node.count).toMatchObject({
      valueText: '2/3 cuộc kiểm tra',
      offerText: '2/3',
      offerPoints: '2',
      differs: false,
      reason: null,
    });
    expect(node.count!.text).toMatch(
      /^Theo số liệu của đơn vị năm 2024: 2\/3 cuộc kiểm tra — đề xuất 2\/3 \(2 điểm\)/,
    );
    expect(node.count!.records.map((r) => [r.href, r.counts, r.stateText])).toEqual([
      [`/activities/${rec.tt}`, true, 'Đã thực hiện'],
      [`/activities/${rec.at1}`, true, 'Đã thực hiện'],
      [`/activities/${rec.q4}`, false, 'Chưa thực hiện'],
    ]);
    // offered, not typed: the leaf is still to score
    expect(missing.find((m) => m.code === '1.3')?.what).toBe('Chưa chấm điểm');
  });

  it('taking the offer needs no reason; another value does, kept with it and audited', async () => {
    const url = `/api/assessments/${assessment['CAH-CLD']}/items/1.3`;
    const ok = await officer.send('PUT', url, { text: '2/3' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await leafOf('CAH-CLD', '1.3')).node).toMatchObject({ points: '2', count: { differs: false } });
    const refused = await officer.send('PUT', url, { text: '3/3' });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as Err).error).toMatchObject({ code: 'REASON_REQUIRED' });
    expect((refused.json() as Err).error.message).toBe(
      'Tiêu chí 1.3: số liệu đếm được là 2/3 cuộc kiểm tra (đề xuất 2/3); nhập giá trị khác cần ghi lý do.',
    );
    expect((await leafOf('CAH-CLD', '1.3')).node.inputText).toBe('2/3');
    const why = 'Cuộc kiểm tra quý IV đã thực hiện ngày 15/11/2024, biên bản đang trình ký';
    const typed = await officer.send('PUT', url, { text: '3/3', offerReason: why });
    expect(typed.statusCode, typed.body).toBe(200);
    const { node, missing } = await leafOf('CAH-CLD', '1.3');
    expect(node).toMatchObject({ points: '3', inputText: '3/3', count: { differs: true, reason: why } });
    expect(missing.filter((m) => m.code === '1.3' && m.what === 'Chưa chấm điểm')).toEqual([]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'assessment.score'), eq(auditLog.entityId, assessment['CAH-CLD']!)));
    expect(audits.at(-1)).toMatchObject({ reason: why });
  });

  it('a record corrected changes the offer: the inspection of quarter IV done makes 3/3', async () => {
    const r = await officer.send(
      'PUT',
      `/api/activities/${rec.q4}`,
      inspection({
        title: 'Kiểm tra CCHC quý IV tại Đội Cảnh sát QLHC về TTXH',
        startsOn: '2024-11-15',
        done: true,
      }),
    );
    expect(r.statusCode, r.body).toBe(200);
    const { node } = await leafOf('CAH-CLD', '1.3');
    expect(node.count).toMatchObject({
      valueText: '3/3 cuộc kiểm tra',
      offerText: '3/3',
      offerPoints: '3',
      differs: false,
      reason: null,
    });
  });

  it('late reports as incidents: Trần Đề never sent its Mẫu 01 of 2024 and is offered 1 incident', async () => {
    const b = await province.send('PUT', `/api/cycles/${cycleId}/count-bindings/1.2`, {
      counter: 'late_reports',
    });
    expect(b.statusCode, b.body).toBe(200);
    const v = (await province.get(`/api/cycles/${cycleId}/count-points`)).json() as {
      units: {
        unitName: string;
        leaves: { code: string; valueText: string; offerText: string | null; offerPoints: string | null }[];
      }[];
    };
    const of = (name: string) =>
      v.units.find((u) => u.unitName === name)!.leaves.find((l) => l.code === '1.2');
    expect(of('Công an huyện Trần Đề')).toMatchObject({
      valueText: '1 báo cáo',
      offerText: '1',
      offerPoints: '2,5',
    });
    expect(of('Công an huyện Cù Lao Dung')).toMatchObject({
      valueText: '0 báo cáo',
      offerText: '0',
      offerPoints: '3',
    });
    const td = await province.get(`/api/assessments/${assessment['CAH-TDE']}`);
    const find = (ns: Node[]): Node | undefined => {
      for (const n of ns) {
        if (n.code === '1.2') return n;
        const f = find(n.children);
        if (f) return f;
      }
    };
    const rec12 = find((td.json() as { tree: Node[] }).tree)!.count!.records;
    expect(rec12).toHaveLength(1);
    expect(rec12[0]!.href).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    expect(rec12[0]!.stateText).toMatch(/^Quá hạn chưa gửi .*\(hạn 10\/07\/2024\)$/);
  });

  it('a criterion scored in points takes its points rule from the binding', async () => {
    const url = `/api/cycles/${cycleId}/count-bindings/1.4`;
    const none = await province.send('PUT', url, { counter: 'late_reports' });
    expect(none.statusCode).toBe(400);
    expect((none.json() as Err).error.message).toMatch(/hãy chọn cách tính điểm từ số đếm/);
    const bad = await province.send('PUT', url, {
      counter: 'late_reports',
      rule: { kind: 'incidents', perIncident: 'nửa' },
    });
    expect(bad.statusCode).toBe(400);
    const b = await province.send('PUT', url, {
      counter: 'late_reports',
      rule: { kind: 'incidents', perIncident: '0,25' },
    });
    expect(b.statusCode, b.body).toBe(200);
    const v = b.json() as {
      leaves: { code: string; binding: { ruleText: string; rule: unknown } | null }[];
      units: {
        unitName: string;
        leaves: { code: string; offerText: string | null; offerPoints: string | null }[];
      }[];
    };
    expect(v.leaves.find((l) => l.code === '1.4')!.binding).toEqual(
      expect.objectContaining({
        rule: { kind: 'incidents', perIncident: '0,25' },
        ruleText: 'Điểm tối đa trừ 0,25 điểm mỗi vụ việc, không dưới 0',
      }),
    );
    const of = (name: string) =>
      v.units.find((u) => u.unitName === name)!.leaves.find((l) => l.code === '1.4');
    // 2 points − 1 × 0,25
    expect(of('Công an huyện Trần Đề')).toMatchObject({ offerText: '1,75', offerPoints: '1,75' });
    expect(of('Công an huyện Cù Lao Dung')).toMatchObject({ offerText: '2', offerPoints: '2' });
    expect((await province.send('DELETE', url)).statusCode).toBe(200);
  });

  it('a record removed is no longer counted; unbinding removes the offer', async () => {
    expect((await officer.send('DELETE', `/api/activities/${rec.q4}`)).statusCode).toBe(200);
    expect((await leafOf('CAH-CLD', '1.3')).node.count).toMatchObject({ valueText: '2/2 cuộc kiểm tra' });
    expect((await province.send('DELETE', `/api/cycles/${cycleId}/count-bindings/1.3`)).statusCode).toBe(200);
    expect((await leafOf('CAH-CLD', '1.3')).node.count).toBeUndefined();
  });
});

describe('plan completion counted from the tasks', () => {
  it('leaf 1.1 bound to plan tasks done ÷ total offers the count of the unit’s subtree, with links', async () => {
    const b = await province.send('PUT', `/api/cycles/${cycleId}/count-bindings/1.1`, {
      counter: 'tasks_done',
      subtree: true,
    });
    expect(b.statusCode, b.body).toBe(200);
    // what the tasks pages show for Cù Lao Dung and below, due in 2024: done = accepted
    const list = (await district.get(`/api/tasks?unitId=${ids['CAH-CLD']}`)).json() as {
      items: { dueOn: string | null; instances: { id: string; status: string }[] }[];
    };
    const due24 = list.items.filter((i) => i.dueOn?.startsWith('2024-')).flatMap((i) => i.instances);
    const done = due24.filter((x) => x.status === 'done' || x.status === 'done_late').length;
    expect(due24.length).toBeGreaterThan(done);
    expect(done).toBeGreaterThan(0);
    const { node } = await leafOf('CAH-CLD', '1.1');
    expect(node.count!.valueText).toBe(`${done}/${due24.length} nhiệm vụ`);
    expect(node.count!.records.map((r) => r.href).sort()).toEqual(due24.map((x) => `/tasks/${x.id}`).sort());
    expect(node.count!.records.filter((r) => r.counts)).toHaveLength(done);
    const rm = await province.send('DELETE', `/api/cycles/${cycleId}/count-bindings/1.1`);
    expect(rm.statusCode, rm.body).toBe(200);
  });
});
