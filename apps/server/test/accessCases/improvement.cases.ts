/** Access cases of improvement plans (issue #16 item 4): Cù Lao Dung against Hà Quảng's 2021 result
 * and its field → unit mapping. */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = (ctx) => {
  ids = ctx.ids;
  return Promise.resolve();
};

export const cases: CasesModule['cases'] = {
  'GET /api/improvement/draft': {
    cross: () => ({ method: 'GET', url: `/api/improvement/draft?resultId=${ids.hqResult}` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/improvement/leads': {
    cross: () => ({
      method: 'PUT',
      url: '/api/improvement/leads',
      body: {
        ownerUnitId: ids.hq,
        frameworkCode: 'CCHC-HUYEN-2021',
        items: [{ fieldCode: '1', leadUnitId: ids.hqNoiVu, coordinating: '' }],
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/improvement/plans': {
    cross: () => ({
      method: 'POST',
      url: '/api/improvement/plans',
      body: { resultId: ids.hqResult, number: '77/KH-UBND', issuedOn: '2022-03-20', items: [] },
    }),
    officer: 404,
    coordinator: 404,
  },
};
