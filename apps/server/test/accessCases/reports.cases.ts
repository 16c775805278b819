/** Access cases of report requests: Cù Lao Dung against a Mẫu 01 request of Hà Quảng (its campaign
 * over Phòng Nội vụ, which is the unit asked). */
import { openCampaign } from '../surveyPostauditHelpers.ts';
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};
const SHA = 'a'.repeat(64);

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  ids.hqReportCampaign = await openCampaign(hq, 'PL01a', 'HL-HQ-BC', ids.hq!, [
    { unitId: ids.hqNoiVu!, fieldCode: 'HT' },
  ]);
  const r = await hq.send('POST', '/api/report-requests', {
    kind: 'survey_mau01',
    campaignId: ids.hqReportCampaign,
    dueOn: '2030-07-10',
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  ids.hqReport = (r.json() as { id: string }).id;
};

const noHq = (json: unknown) => {
  const text = JSON.stringify(json);
  if (text.includes('HL-HQ-BC') || (ids.hqReport && text.includes(ids.hqReport)))
    throw new Error(`Hà Quảng's report requests leaked: ${text.slice(0, 200)}`);
};
const unit = () => `/api/report-requests/${ids.hqReport}/units/${ids.hqNoiVu}`;

export const cases: CasesModule['cases'] = {
  'GET /api/report-requests': {
    cross: () => ({ method: 'GET', url: '/api/report-requests' }),
    officer: noHq,
    coordinator: noHq,
  },
  'POST /api/report-requests': {
    cross: () => ({
      method: 'POST',
      url: '/api/report-requests',
      body: { kind: 'survey_mau01', campaignId: ids.hqReportCampaign, dueOn: '2030-07-10' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/report-requests/:id': {
    cross: () => ({ method: 'GET', url: `/api/report-requests/${ids.hqReport}` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/report-requests/:id/units/:unitId': {
    cross: () => ({ method: 'GET', url: unit() }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/report-requests/:id/units/:unitId': {
    cross: () => ({ method: 'PUT', url: unit(), body: { baseRevision: 1, sections: {}, figures: {} } }),
    officer: 404,
    coordinator: 403,
  },
  'POST /api/report-requests/:id/units/:unitId/approve': {
    cross: () => ({ method: 'POST', url: `${unit()}/approve`, body: { baseRevision: 1 } }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/report-requests/:id/units/:unitId/send': {
    cross: () => ({ method: 'POST', url: `${unit()}/send`, body: { baseRevision: 1 } }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/report-requests/:id/units/:unitId/files': {
    cross: () => ({
      method: 'POST',
      url: `${unit()}/files`,
      multipart: { filename: 'phieu.pdf', content: '%PDF-1.4\n%scan\n' },
    }),
    officer: 404,
    coordinator: 403,
  },
  'GET /api/report-requests/:id/units/:unitId/files/:sha256': {
    cross: () => ({ method: 'GET', url: `${unit()}/files/${SHA}` }),
    officer: 404,
    coordinator: 404,
  },
  'DELETE /api/report-requests/:id/units/:unitId/files/:sha256': {
    cross: () => ({ method: 'DELETE', url: `${unit()}/files/${SHA}` }),
    officer: 404,
    coordinator: 403,
  },
  'GET /api/report-requests/:id/units/:unitId/document': {
    cross: () => ({ method: 'GET', url: `${unit()}/document` }),
    officer: 404,
    coordinator: 404,
  },
};
