/** Tasks of a plan (issue #16 item 2), over HTTP on the real database: a task given to "Công an các xã,
 * thị trấn" becomes one instance per commune police; statuses (quá hạn, chờ xác nhận, hoàn thành muộn,
 * hoàn thành after a return); only the unit's writers report and declare, only the issuer's writers
 * accept, not the person who declared; another tree sees and changes nothing; notices before and after
 * the due day, once; the calendar; the audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayVn } from '../src/lib/dates.ts';
import { NoticeService } from '../src/modules/notices/service.ts';
import { testApp, unitIdByCode, type Client, type TestApp } from './helpers.ts';

let t: TestApp;
let district: Client;
let officer: Client;
let province: Client;
let hq: Client;
/** A coordinator of Đội Tham mưu only: the receiving unit of the news task. */
let tm: Client;
const ids: Record<string, string> = {};
const today = todayVn();
let planId = '';

type Instance = {
  id: string;
  unitName: string;
  status: string;
  statusLabel: string;
  lastValue: string | null;
  targetMet: boolean | null;
  returnReason: string | null;
};
type Task = {
  id: string;
  content: string;
  section: string | null;
  leadGroup: string | null;
  leadUnitName: string | null;
  coordinators: string[];
  targetText: string | null;
  receivingUnitName: string;
  instances: Instance[];
  counts: Record<string, number>;
};
type List = { items: Task[]; counts: Record<string, number>; canAdd: boolean };

const list = async (c: Client, q: string) => {
  const r = await c.get(`/api/tasks?${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as List;
};
const instanceOf = async (c: Client, content: string, unitName: string) => {
  const task = (await list(c, `planId=${planId}`)).items.find((x) => x.content === content)!;
  return task.instances.find((i) => i.unitName === unitName)!;
};

const NEWS = 'Viết tin, bài tuyên truyền về CCHC đăng trên Cổng thông tin điện tử Công an tỉnh';
const POST = 'Trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích';
const SOON = 'Gửi báo cáo sơ kết về Công an huyện (qua Đội Tham mưu)';

beforeAll(async () => {
  t = await testApp();
  district = await t.login('dieuphoi.culaodung');
  officer = await t.login('canbo.culaodung');
  province = await t.login('dieuphoi.soctrang');
  hq = await t.login('dieuphoi.haquang');
  for (const c of ['CAH-CLD', 'CLD-TM', 'CLD-CSGT', 'CLD-QLHC', 'UBND-HQ', 'HQ-NV'])
    ids[c] = await unitIdByCode(t, c);
  const p = await district.send('POST', '/api/plans', {
    kind: 'cong_van',
    number: '91/CAH-TH',
    issuedOn: addDays(today, -30),
    issuingUnitId: ids['CAH-CLD'],
    subject: 'V/v quán triệt, thực hiện chỉ đạo của lãnh đạo về công tác CCHC',
  });
  expect(p.statusCode, p.body).toBe(200);
  planId = (p.json() as { id: string }).id;
  const u = await district.send('POST', '/api/users', {
    username: 'dieuphoi.doitm',
    fullName: 'Cán bộ theo dõi CCHC, Đội Tham mưu',
    password: 'Mat-khau-ban-dau-2024',
    role: 'coordinator',
    unitId: ids['CLD-TM'],
  });
  expect(u.statusCode, u.body).toBe(200);
  tm = await t.login('dieuphoi.doitm', 'Mat-khau-ban-dau-2024');
  const pw = await tm.send('POST', '/api/auth/password', {
    currentPassword: 'Mat-khau-ban-dau-2024',
    newPassword: 'Mat-khau-rieng-cua-toi-2024',
  });
  expect(pw.statusCode, pw.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

describe('tasks of a plan', () => {
  it('a task for "Công an các xã, thị trấn" becomes one instance per commune police, with its target', async () => {
    const r = await district.send('POST', `/api/plans/${planId}/tasks`, {
      tasks: [
        {
          section: '6. Tuyên truyền CCHC',
          content: NEWS,
          leadGroup: { label: 'Công an các xã, thị trấn', unitKind: 'commune_police' },
          coordinatingUnitIds: [ids['CLD-CSGT']],
          dueOn: addDays(today, -5),
          targetMetric: 'mỗi đơn vị',
          targetComparator: 'range',
          targetValue: '1',
          targetValueTo: '2',
          targetUnit: 'tin, bài',
          receivingUnitId: ids['CLD-TM'],
        },
        {
          section: '3. Giải quyết thủ tục hành chính',
          content: POST,
          leadUnitId: ids['CLD-QLHC'],
          dueOn: addDays(today, 10),
          targetMetric: 'hồ sơ trả kết quả qua bưu chính',
          targetComparator: 'gte',
          targetValue: '20',
          targetUnit: '%',
        },
        {
          content: 'Kiểm tra công tác CCHC đối với các bộ phận, đơn vị',
          leadUnitId: ids['CLD-CSGT'],
          recurrence: 'quarterly',
        },
        { content: SOON, leadUnitId: ids['CLD-TM'], dueOn: addDays(today, 3) },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const l = await list(district, `planId=${planId}`);
    expect(l.canAdd).toBe(true);
    const news = l.items.find((x) => x.content === NEWS)!;
    expect(news).toMatchObject({
      section: '6. Tuyên truyền CCHC',
      leadGroup: 'Công an các xã, thị trấn',
      coordinators: ['Đội Cảnh sát giao thông - Trật tự'],
      targetText: '1–2 tin, bài mỗi đơn vị',
      receivingUnitName: 'Đội Tham mưu',
    });
    expect(news.instances).toHaveLength(8);
    expect(news.instances.every((i) => i.status === 'overdue' && i.statusLabel === 'Quá hạn')).toBe(true);
    const post = l.items.find((x) => x.content === POST)!;
    expect(post).toMatchObject({
      targetText: '≥ 20 % hồ sơ trả kết quả qua bưu chính',
      receivingUnitName: 'Công an huyện Cù Lao Dung',
    });
    expect(post.instances.map((i) => [i.unitName, i.status])).toEqual([
      ['Đội Cảnh sát quản lý hành chính về trật tự xã hội', 'not_started'],
    ]);
    expect(l.counts).toMatchObject({ overdue: 8, not_started: 3 });
  });

  it('progress, declaration and acceptance: quá hạn, chờ xác nhận, hoàn thành muộn; a return brings it back', async () => {
    const at1 = await instanceOf(district, NEWS, 'Công an xã An Thạnh 1');
    const p = await officer.send('POST', `/api/tasks/instances/${at1.id}/progress`, {
      value: '2',
      note: 'Đã đăng 02 tin',
    });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ lastValue: '2', targetMet: true, status: 'overdue' });

    const at2 = await instanceOf(district, NEWS, 'Công an xã An Thạnh 2');
    const d = await officer.send('POST', `/api/tasks/instances/${at2.id}/declare`, {
      note: 'Đã đăng 01 bài',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'awaiting', statusLabel: 'Chờ xác nhận', declaredOn: today });
    // whoever declared does not accept
    const self = await officer.send('POST', `/api/tasks/instances/${at2.id}/accept`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('Người báo hoàn thành không tự xác nhận nhiệm vụ của mình.');
    const a = await district.send('POST', `/api/tasks/instances/${at2.id}/accept`, {});
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({
      status: 'done_late',
      statusLabel: 'Hoàn thành muộn',
      canAccept: false,
      canReport: false,
    });
    expect(
      (await officer.send('POST', `/api/tasks/instances/${at2.id}/progress`, { note: 'thêm' })).statusCode,
    ).toBe(409);

    const post = await instanceOf(district, POST, 'Đội Cảnh sát quản lý hành chính về trật tự xã hội');
    const v = await officer.send('POST', `/api/tasks/instances/${post.id}/progress`, {
      value: '18,75',
      note: 'Quý I',
    });
    expect(v.json()).toMatchObject({ status: 'in_progress', lastValue: '18.75', targetMet: false });
    await officer.send('POST', `/api/tasks/instances/${post.id}/declare`, {});
    const back = await district.send('POST', `/api/tasks/instances/${post.id}/return`, {
      reason: 'Tỷ lệ chưa đạt 20 %',
    });
    expect(back.json()).toMatchObject({
      status: 'in_progress',
      returnReason: 'Tỷ lệ chưa đạt 20 %',
      declaredOn: null,
    });
    await officer.send('POST', `/api/tasks/instances/${post.id}/progress`, { value: '21.5', note: 'Quý II' });
    await officer.send('POST', `/api/tasks/instances/${post.id}/declare`, {});
    const ok = await district.send('POST', `/api/tasks/instances/${post.id}/accept`, {});
    expect(ok.json()).toMatchObject({
      status: 'done',
      statusLabel: 'Hoàn thành',
      lastValue: '21.5',
      targetMet: true,
    });
    const detail = (await officer.get(`/api/tasks/instances/${post.id}`)).json() as {
      progress: { value: string }[];
    };
    expect(detail.progress.map((x) => x.value)).toEqual(['21.5', '18.75']);

    const l = await list(district, `planId=${planId}&status=overdue`);
    expect(l.items.map((x) => x.content)).toEqual([NEWS]);
    expect(l.items[0]!.instances).toHaveLength(7);
    const trail = (await (await t.login('quantri')).get('/api/audit?limit=500')).json() as {
      items: { action: string; reason: string | null }[];
    };
    const actions = trail.items.map((x) => x.action).filter((x) => x.startsWith('task.'));
    expect(actions.filter((x) => x === 'task.create')).toHaveLength(4);
    expect(actions.filter((x) => x === 'task.declare')).toHaveLength(3);
    expect(actions.filter((x) => x === 'task.accept')).toHaveLength(2);
    expect(trail.items.find((x) => x.action === 'task.return')!.reason).toBe('Tỷ lệ chưa đạt 20 %');
  });

  it('"đến hạn và còn thiếu" per unit: overdue and due within N days, not declared', async () => {
    const r = (await district.get('/api/tasks/due?days=7')).json() as {
      items: { unitName: string; daysLeft: number; content: string }[];
      units: { unitName: string; overdue: number; dueSoon: number }[];
    };
    expect(r.items.filter((x) => x.content === NEWS)).toHaveLength(7);
    expect(r.items.find((x) => x.content === SOON)).toMatchObject({ unitName: 'Đội Tham mưu', daysLeft: 3 });
    expect(r.items.some((x) => x.content === POST)).toBe(false);
    expect(r.units.find((u) => u.unitName === 'Đội Tham mưu')).toMatchObject({ overdue: 0, dueSoon: 1 });
    const two = (await district.get('/api/tasks/due?days=2')).json() as { items: { content: string }[] };
    expect(two.items.some((x) => x.content === SOON)).toBe(false);
  });

  it('the province above sees them; another tree sees nothing and changes nothing', async () => {
    expect((await list(province, `planId=${planId}`)).items).toHaveLength(4);
    const at3 = await instanceOf(district, NEWS, 'Công an xã An Thạnh 3');
    expect((await hq.get(`/api/tasks?planId=${planId}`)).statusCode).toBe(404);
    expect((await list(hq, '')).items.some((x) => x.content === NEWS)).toBe(false);
    expect((await hq.get(`/api/tasks/instances/${at3.id}`)).statusCode).toBe(404);
    for (const [path, body] of [
      ['progress', { note: 'x' }],
      ['declare', {}],
      ['accept', {}],
      ['return', { reason: 'x' }],
    ] as const)
      expect((await hq.send('POST', `/api/tasks/instances/${at3.id}/${path}`, body)).statusCode, path).toBe(
        404,
      );
    expect(
      (
        await hq.send('POST', `/api/plans/${planId}/tasks`, {
          tasks: [{ content: 'x', leadUnitId: ids['UBND-HQ'], dueOn: today }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await instanceOf(district, NEWS, 'Công an xã An Thạnh 3')).status).toBe('overdue');
    expect(((await hq.get('/api/tasks/due?days=30')).json() as { items: unknown[] }).items).toEqual([]);
    // a lead unit of another tree, two leads, a range without its end: refused in Vietnamese
    for (const [task, text] of [
      [
        { leadUnitId: ids['HQ-NV'], dueOn: today },
        'đơn vị chủ trì phải là Công an huyện Cù Lao Dung hoặc đơn vị cấp dưới',
      ],
      [
        { leadUnitId: ids['CLD-TM'], leadGroup: { label: 'Các đội', unitKind: 'team' }, dueOn: today },
        'chọn một đơn vị chủ trì hoặc một nhóm',
      ],
      [
        { leadUnitId: ids['CLD-TM'], dueOn: today, targetComparator: 'range', targetValue: '1' },
        'dạng khoảng',
      ],
      [{ leadUnitId: ids['CLD-TM'], dueOn: today, recurrence: 'monthly' }, 'một trong hai'],
    ] as [Record<string, unknown>, string][]) {
      const r = await district.send('POST', `/api/plans/${planId}/tasks`, {
        tasks: [{ content: 'Nhiệm vụ thử', ...task }],
      });
      expect(r.statusCode, JSON.stringify(task)).toBe(422);
      expect(r.json().error.message).toContain(text);
    }
    expect((await list(district, `planId=${planId}`)).items).toHaveLength(4);
  });

  it('after the due day the unit and the coordinators of the receiving unit are told, once; reminders before', async () => {
    const job = new NoticeService(t.database.db, undefined, 'x', () => today);
    // seven communes still owe the news task (one declared); Đội Tham mưu's report is due in three days
    expect(await job.taskReminders()).toBe(8);
    expect(await job.taskReminders()).toBe(0);
    type Notices = { items: { kind: string; title: string; body: string }[] };
    const theirs = ((await district.get('/api/notices?limit=100')).json() as Notices).items;
    const overdue = theirs.filter((n) => n.kind === 'task_overdue');
    expect(overdue).toHaveLength(7);
    expect(overdue.map((n) => n.title)).toContain('Quá hạn nhiệm vụ: Công an xã An Thạnh 1 — 91/CAH-TH');
    expect(overdue.some((n) => n.title.includes('An Thạnh 2'))).toBe(false);
    expect(overdue[0]!.body).toContain('đã quá 5 ngày');
    // the coordinator of the receiving unit (Đội Tham mưu) chases the communes; the reminder before the
    // due day goes to those who work for the lead unit (Đội Tham mưu's own coordinator, the nearest)
    const chaser = ((await tm.get('/api/notices?limit=100')).json() as Notices).items;
    expect(chaser.filter((n) => n.kind === 'task_overdue')).toHaveLength(7);
    expect(
      chaser.some((n) => n.kind === 'deadline' && n.title === 'Còn 3 ngày: hạn nhiệm vụ của 91/CAH-TH'),
    ).toBe(true);
    expect(theirs.some((n) => n.kind === 'deadline')).toBe(false);
    expect(
      ((await officer.get('/api/notices?limit=100')).json() as Notices).items.filter(
        (n) => n.kind === 'task_overdue',
      ),
    ).toHaveLength(7);
    expect(
      ((await hq.get('/api/notices')).json() as Notices).items.some((n) => n.kind.startsWith('task')),
    ).toBe(false);
    // a week after the due day nothing new is announced
    expect(
      await new NoticeService(t.database.db, undefined, 'x', () => addDays(today, 30)).taskReminders(),
    ).toBe(0);
  });

  it('the calendar shows a task’s due day to the readers of the plan and of the units, not to another tree', async () => {
    type Cal = { items: { kind: string; title: string; detail: string; units: string[] }[] };
    const mine = ((await district.get('/api/calendar')).json() as Cal).items.filter((e) => e.kind === 'task');
    expect(mine.find((e) => e.title.includes(NEWS))).toMatchObject({
      detail: '1/8 đơn vị đã báo hoàn thành.',
      units: [],
    });
    const theirs = ((await hq.get('/api/calendar')).json() as Cal).items.filter((e) => e.kind === 'task');
    expect(theirs).toEqual([]);
  });
});

describe('ordinals', () => {
  it('an ordinal the plan already uses is refused in Vietnamese, never a 500', async () => {
    const body = {
      tasks: [
        {
          content: 'Rà soát quy trình giải quyết TTHC',
          leadUnitId: ids['CLD-TM'],
          dueOn: addDays(today, 30),
          ordinal: 900,
        },
      ],
    };
    const first = await district.send('POST', `/api/plans/${planId}/tasks`, body);
    expect(first.statusCode, first.body).toBe(200);
    const again = await district.send('POST', `/api/plans/${planId}/tasks`, body);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('Nhiệm vụ thứ 1: số thứ tự 900 đã có trong kế hoạch.');
  });
});
