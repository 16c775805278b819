/** Access cases of survey ballots: Cù Lao Dung against an open campaign of Hà Quảng with one paper
 * ballot. Cù Lao Dung's readers do not see the campaign (404); the officer lacks survey.manage (403). */
import { openCampaign } from '../surveyPostauditHelpers.ts';
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  ids.hqBallotCampaign = await openCampaign(hq, 'PL01a', 'HL-HQ-BALLOTS', ids.hq!, [
    { unitId: ids.hqNoiVu!, fieldCode: 'HT' },
  ]);
  const b = await hq.send('POST', `/api/survey-campaigns/${ids.hqBallotCampaign}/ballots`, {
    unitId: ids.hqNoiVu,
    fieldCode: 'HT',
    serial: 'HQ-1',
    answers: {},
  });
  // answers may be refused by the form's required questions: then the ballot routes are hit with id 1
  ids.hqBallot = b.statusCode === 200 ? String((b.json() as { id: number }).id) : '1';
};

const base = () => `/api/survey-campaigns/${ids.hqBallotCampaign}/ballots`;
const ballot = () => `${base()}/${ids.hqBallot}`;

export const cases: CasesModule['cases'] = {
  'POST /api/survey-campaigns/:id/ballots': {
    cross: () => ({
      method: 'POST',
      url: base(),
      body: { unitId: ids.hqNoiVu, fieldCode: 'HT', serial: 'X-1', answers: {} },
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/survey-campaigns/:id/ballots': {
    cross: () => ({ method: 'GET', url: base() }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/survey-campaigns/:id/ballots/template': {
    cross: () => ({ method: 'GET', url: `${base()}/template` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/survey-campaigns/:id/ballots/import': {
    cross: () => ({
      method: 'POST',
      url: `${base()}/import`,
      multipart: { filename: 'phieu.csv', content: 'Mã đơn vị,Mã lĩnh vực\nHQ-NV,HT\n' },
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/survey-campaigns/:id/ballots/:ballotId': {
    cross: () => ({ method: 'GET', url: ballot() }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/survey-campaigns/:id/ballots/:ballotId/invalidate': {
    cross: () => ({ method: 'POST', url: `${ballot()}/invalidate`, body: { reason: 'Thử' } }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/survey-campaigns/:id/ballots/:ballotId/restore': {
    cross: () => ({ method: 'POST', url: `${ballot()}/restore`, body: { reason: 'Thử' } }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/survey-campaigns/:id/ballots/:ballotId/not-duplicate': {
    cross: () => ({
      method: 'POST',
      url: `${ballot()}/not-duplicate`,
      body: { flag: 'duplicate_dossier', reason: 'Thử' },
    }),
    officer: 403,
    coordinator: 404,
  },
};
