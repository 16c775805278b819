/** Access cases of survey points in cycles: Cù Lao Dung against Hà Quảng's cycle (its survey leaves,
 * bindings and sanction decisions). */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
};

export const cases: CasesModule['cases'] = {
  'GET /api/cycles/:id/survey-points': {
    cross: () => ({ method: 'GET', url: `/api/cycles/${ids.hqCycle}/survey-points` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/cycles/:id/survey-bindings/:code': {
    cross: () => ({
      method: 'PUT',
      url: `/api/cycles/${ids.hqCycle}/survey-bindings/6.2`,
      body: { campaignCode: 'HL-HQ-2024', indicator: { kind: 'overall' } },
    }),
    officer: 403,
    coordinator: 404,
  },
  'DELETE /api/cycles/:id/survey-bindings/:code': {
    cross: () => ({ method: 'DELETE', url: `/api/cycles/${ids.hqCycle}/survey-bindings/6.2` }),
    officer: 403,
    coordinator: 404,
  },
  'PUT /api/cycles/:id/survey-sanctions/:unitId': {
    cross: () => ({
      method: 'PUT',
      url: `/api/cycles/${ids.hqCycle}/survey-sanctions/${ids.hqXa1}`,
      body: { decision: 'zero', reason: 'Báo cáo trễ hạn' },
    }),
    officer: 403,
    coordinator: 404,
  },
};
