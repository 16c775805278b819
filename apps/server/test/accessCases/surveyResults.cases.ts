/** Access cases of survey results: Cù Lao Dung against a campaign of Hà Quảng (results, Excel,
 * external indices, publication). */
import { openCampaign } from '../surveyPostauditHelpers.ts';
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  ids.hqResultsCampaign = await openCampaign(hq, 'PL01a', 'KQ-HQ-2024', ids.hq!, [
    { unitId: ids.hqNoiVu!, fieldCode: 'HT' },
  ]);
};

const url = (tail: string) => `/api/survey-campaigns/${ids.hqResultsCampaign}/${tail}`;
const external = () => ({ unitId: ids.hqNoiVu, fieldCode: 'HT', index: '90', document: 'X', reason: 'Thử' });

export const cases: CasesModule['cases'] = {
  'GET /api/survey-campaigns/:id/results': {
    cross: () => ({ method: 'GET', url: url('results') }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/survey-campaigns/:id/results.xlsx': {
    cross: () => ({ method: 'GET', url: url('results.xlsx') }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/survey-campaigns/:id/external-indices': {
    cross: () => ({ method: 'GET', url: url('external-indices') }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/survey-campaigns/:id/external-indices': {
    cross: () => ({ method: 'PUT', url: url('external-indices'), body: external() }),
    officer: 403,
    coordinator: 403,
  },
  'DELETE /api/survey-campaigns/:id/external-indices': {
    cross: () => ({ method: 'DELETE', url: url('external-indices'), body: external() }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/publish-results': {
    cross: () => ({ method: 'POST', url: url('publish-results'), body: {} }),
    officer: 403,
    coordinator: 403,
  },
};
