/** Access cases of plan tasks: Cù Lao Dung against the tasks of a Hà Quảng plan (one per commune
 * committee, Phòng Nội vụ receiving). */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  const p = await hq.send('POST', '/api/plans', {
    kind: 'ke_hoach',
    number: '15/KH-UBND',
    issuedOn: '2022-03-15',
    issuingUnitId: ids.hq,
    subject: 'Thực hiện các nhiệm vụ, giải pháp nâng cao Chỉ số CCHC năm 2022',
  });
  if (p.statusCode !== 200) throw new Error(p.body);
  ids.hqTaskPlan = (p.json() as { id: string }).id;
  const r = await hq.send('POST', `/api/plans/${ids.hqTaskPlan}/tasks`, {
    tasks: [
      {
        section: '3. Cải cách thủ tục hành chính',
        content: 'Niêm yết công khai thủ tục hành chính đầy đủ, đúng quy định',
        leadGroup: { label: 'UBND các xã, thị trấn', unitKind: 'commune_committee' },
        dueOn: '2022-06-30',
        receivingUnitId: ids.hqNoiVu,
      },
    ],
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  const list = (await hq.get(`/api/tasks?planId=${ids.hqTaskPlan}`)).json() as {
    items: { instances: { id: string }[] }[];
  };
  ids.hqInstance = list.items[0]!.instances[0]!.id;
};

const noHq = (json: unknown) => {
  if (JSON.stringify(json).includes('Niêm yết công khai')) throw new Error('Hà Quảng’s task leaked');
};

const post = (path: string, body: unknown) => () => ({
  method: 'POST' as const,
  url: `/api/tasks/instances/${ids.hqInstance}/${path}`,
  body,
});

export const cases: CasesModule['cases'] = {
  'POST /api/plans/:id/tasks': {
    cross: () => ({
      method: 'POST',
      url: `/api/plans/${ids.hqTaskPlan}/tasks`,
      body: { tasks: [{ content: 'Nhiệm vụ chen ngang', leadUnitId: ids.hqNoiVu, dueOn: '2022-12-31' }] },
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/tasks': {
    cross: () => ({ method: 'GET', url: '/api/tasks' }),
    officer: noHq,
    coordinator: noHq,
  },
  'GET /api/tasks/due': {
    cross: () => ({ method: 'GET', url: '/api/tasks/due?days=366' }),
    officer: noHq,
    coordinator: noHq,
  },
  'GET /api/tasks/instances/:id': {
    cross: () => ({ method: 'GET', url: `/api/tasks/instances/${ids.hqInstance}` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/tasks/instances/:id/progress': {
    cross: post('progress', { value: '100', note: 'Đã niêm yết' }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/tasks/instances/:id/declare': { cross: post('declare', {}), officer: 404, coordinator: 404 },
  'POST /api/tasks/instances/:id/accept': { cross: post('accept', {}), officer: 404, coordinator: 404 },
  'POST /api/tasks/instances/:id/return': {
    cross: post('return', { reason: 'Chưa đạt' }),
    officer: 404,
    coordinator: 404,
  },
};
