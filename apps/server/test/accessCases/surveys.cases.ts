/** Access cases of survey forms and campaigns: Cù Lao Dung against a campaign and a draft form of Hà Quảng. */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const t = ctx.t;
  const hq = await t.login('dieuphoi.haquang');
  const forms = (await hq.get('/api/survey-forms')).json() as { items: { id: string; code: string }[] };
  ids.surveyForm = forms.items.find((f) => f.code === 'PL01a')!.id;
  const def = (
    (await hq.get(`/api/survey-forms/${ids.surveyForm}`)).json() as { definition: Record<string, unknown> }
  ).definition;
  const draft = await hq.send('POST', '/api/survey-forms', {
    ownerUnitId: ids.hq,
    definition: { ...def, code: 'PL-HQ' },
  });
  if (draft.statusCode !== 200) throw new Error(draft.body);
  ids.hqSurveyForm = (draft.json() as { id: string }).id;
  const c = await hq.send('POST', '/api/survey-campaigns', {
    code: 'HL-HQ-2024',
    name: 'Khảo sát sự hài lòng 2024',
    year: 2024,
    formId: ids.surveyForm,
    ownerUnitId: ids.hq,
    periodFrom: '2024-01-01',
    periodTo: '2024-12-31',
    opensOn: '2024-01-01',
    closesOn: '2030-12-31',
    fields: [{ code: 'HT', name: 'Hộ tịch' }],
    targets: [{ unitId: ids.hqNoiVu, fieldCode: 'HT', transactions: 500 }],
  });
  if (c.statusCode !== 200) throw new Error(c.body);
  ids.hqCampaign = (c.json() as { id: string }).id;
};

const noHq = (json: unknown) => {
  const text = JSON.stringify(json);
  if (text.includes('HL-HQ-2024') || text.includes('PL-HQ'))
    throw new Error(`Hà Quảng's survey data leaked: ${text.slice(0, 200)}`);
};

export const cases: CasesModule['cases'] = {
  'GET /api/survey-forms': {
    cross: () => ({ method: 'GET', url: '/api/survey-forms' }),
    officer: noHq,
    coordinator: noHq,
  },
  'GET /api/survey-forms/:id': {
    cross: () => ({ method: 'GET', url: '/api/survey-forms/' + ids.hqSurveyForm }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/survey-forms': {
    cross: () => ({
      method: 'POST',
      url: '/api/survey-forms',
      body: { ownerUnitId: ids.hq, definition: {} },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-forms/:id/publish': {
    cross: () => ({ method: 'POST', url: `/api/survey-forms/${ids.hqSurveyForm}/publish`, body: {} }),
    officer: 403,
    coordinator: 404,
  },
  'POST /api/survey-forms/:id/retire': {
    cross: () => ({ method: 'POST', url: `/api/survey-forms/${ids.surveyForm}/retire`, body: {} }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/survey-campaigns': {
    cross: () => ({ method: 'GET', url: '/api/survey-campaigns' }),
    officer: noHq,
    coordinator: noHq,
  },
  'POST /api/survey-campaigns': {
    cross: () => ({
      method: 'POST',
      url: '/api/survey-campaigns',
      body: {
        code: 'X',
        name: 'X',
        year: 2024,
        formId: ids.surveyForm,
        ownerUnitId: ids.hq,
        periodFrom: '2024-01-01',
        periodTo: '2024-12-31',
        opensOn: '2024-01-01',
        closesOn: '2024-12-31',
        fields: [{ code: 'HT', name: 'Hộ tịch' }],
        targets: [{ unitId: ids.hqNoiVu, fieldCode: 'HT' }],
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/survey-campaigns/:id': {
    cross: () => ({ method: 'GET', url: '/api/survey-campaigns/' + ids.hqCampaign }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/survey-campaigns/:id/status': {
    cross: () => ({
      method: 'POST',
      url: `/api/survey-campaigns/${ids.hqCampaign}/status`,
      body: { status: 'open' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'PATCH /api/survey-campaigns/:id': {
    cross: () => ({
      method: 'PATCH',
      url: `/api/survey-campaigns/${ids.hqCampaign}`,
      body: { revision: 1, name: 'X' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'PUT /api/survey-campaigns/:id/targets': {
    cross: () => ({
      method: 'PUT',
      url: `/api/survey-campaigns/${ids.hqCampaign}/targets`,
      body: { revision: 1, targets: [{ unitId: ids.hqNoiVu, fieldCode: 'HT', transactions: 1 }] },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/allocate': {
    cross: () => ({
      method: 'POST',
      url: `/api/survey-campaigns/${ids.hqCampaign}/allocate`,
      body: { revision: 1, fieldCode: 'HT', total: 10 },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/survey-campaigns/:id/targets/template': {
    cross: () => ({ method: 'GET', url: `/api/survey-campaigns/${ids.hqCampaign}/targets/template` }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/targets/import': {
    cross: () => ({
      method: 'POST',
      url: `/api/survey-campaigns/${ids.hqCampaign}/targets/import`,
      multipart: { filename: 'n.csv', content: 'Mã đơn vị,Tên đơn vị,Mã lĩnh vực,Tên lĩnh vực,N\n' },
    }),
    officer: 403,
    coordinator: 403,
  },
  'POST /api/survey-campaigns/:id/copy-down': {
    cross: () => ({
      method: 'POST',
      url: `/api/survey-campaigns/${ids.hqCampaign}/copy-down`,
      body: { ownerUnitId: ids.cld, targets: [{ unitId: ids.cld, fieldCode: 'HT', transactions: 1 }] },
    }),
    officer: 403,
    coordinator: 404,
  },
};
