/** Access cases of activity records and count bindings: Cù Lao Dung against an inspection recorded by
 * Hà Quảng and Hà Quảng's cycle. */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

const body = () => ({
  unitId: ids.hq,
  kind: 'inspection',
  title: 'Kiểm tra CCHC tại Phòng Nội vụ',
  startsOn: '2024-05-15',
  planned: true,
  done: true,
});

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  const r = await hq.send('POST', '/api/activities', body());
  if (r.statusCode !== 200) throw new Error(r.body);
  ids.hqActivity = (r.json() as { id: string }).id;
};

const noHq = (json: unknown) => {
  if (JSON.stringify(json).includes('Phòng Nội vụ')) throw new Error('Hà Quảng’s activity leaked');
};

export const cases: CasesModule['cases'] = {
  'GET /api/activities': {
    cross: () => ({ method: 'GET', url: '/api/activities' }),
    officer: noHq,
    coordinator: noHq,
  },
  'GET /api/activities/:id': {
    cross: () => ({ method: 'GET', url: `/api/activities/${ids.hqActivity}` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/activities': {
    cross: () => ({ method: 'POST', url: '/api/activities', body: body() }),
    officer: 403,
    coordinator: 403,
  },
  'PUT /api/activities/:id': {
    cross: () => ({ method: 'PUT', url: `/api/activities/${ids.hqActivity}`, body: body() }),
    officer: 404,
    coordinator: 404,
  },
  'DELETE /api/activities/:id': {
    cross: () => ({ method: 'DELETE', url: `/api/activities/${ids.hqActivity}` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/cycles/:id/count-points': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/count-points` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/cycles/:id/count-bindings/:code': {
    cross: () => ({
      method: 'PUT',
      url: `/api/cycles/${ids.hqCycle}/count-bindings/1.2`,
      body: { counter: 'late_reports' },
    }),
    officer: 403,
    coordinator: 404,
  },
  'DELETE /api/cycles/:id/count-bindings/:code': {
    cross: () => ({ method: 'DELETE', url: `/api/cycles/${ids.hqCycle}/count-bindings/1.2` }),
    officer: 403,
    coordinator: 404,
  },
};
