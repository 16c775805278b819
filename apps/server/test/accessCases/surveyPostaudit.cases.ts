/** Access cases of the post-audit: Cù Lao Dung against the post-audit of a Hà Quảng campaign. */
import { insertBallots, openCampaign } from '../surveyPostauditHelpers.ts';
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  ids.hqPostauditCampaign = await openCampaign(hq, 'PL01a', 'HK-HQ-ACC', ids.hq!, [
    { unitId: ids.hqNoiVu!, fieldCode: 'HT' },
  ]);
  const ballots = await insertBallots(ctx.t, ids.hqPostauditCampaign, ids.hqNoiVu!, 'HT', 6, 5000);
  const p = await hq.send('POST', `/api/survey-campaigns/${ids.hqPostauditCampaign}/postaudit`, {});
  if (p.statusCode !== 200) throw new Error(p.body);
  ids.hqBallot = String((p.json() as { ballotIds: number[] }).ballotIds[0] ?? ballots[0]);
};

const base = () => `/api/survey-campaigns/${ids.hqPostauditCampaign}/postaudit`;
const item = () => `${base()}/items/${ids.hqBallot}`;

export const cases: CasesModule['cases'] = {
  'GET /api/survey-campaigns/:id/postaudit': {
    cross: () => ({ method: 'GET', url: base() }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit': {
    cross: () => ({ method: 'POST', url: base(), body: {} }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit/draw': {
    cross: () => ({ method: 'POST', url: `${base()}/draw` }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/survey-campaigns/:id/postaudit/assignable': {
    cross: () => ({ method: 'GET', url: `${base()}/assignable` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit/assignments': {
    cross: () => ({
      method: 'POST',
      url: `${base()}/assignments`,
      body: { userId: ids.hqUser, unitId: ids.hqNoiVu },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit/assignments/remove': {
    cross: () => ({
      method: 'POST',
      url: `${base()}/assignments/remove`,
      body: { userId: ids.hqUser, unitId: ids.hqNoiVu },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/survey-campaigns/:id/postaudit/items/:ballotId/contact': {
    cross: () => ({ method: 'GET', url: `${item()}/contact` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit/items/:ballotId/outcome': {
    cross: () => ({ method: 'POST', url: `${item()}/outcome`, body: { outcome: 'confirmed' } }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit/items/:ballotId/invalidate': {
    cross: () => ({ method: 'POST', url: `${item()}/invalidate`, body: { reason: 'Thử hủy phiếu' } }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/postaudit/close': {
    cross: () => ({ method: 'POST', url: `${base()}/close`, body: {} }),
    officer: 403,
    coordinator: 403,
  },
};
