/** Access cases of the public survey pages (citizen QR page, agency one-time link: public by design)
 * and of the staff's QR codes and posters: Cù Lao Dung against Hà Quảng's campaign (made by
 * surveys.cases.ts; `ids` is shared and read when a case runs). */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
};

export const cases: CasesModule['cases'] = {
  'GET /s/:token': 'public',
  'POST /s/:token': 'public',
  'GET /y/:token': 'public',
  'POST /y/:token': 'public',
  'GET /api/survey-campaigns/:id/qr': {
    cross: () => ({
      method: 'GET',
      url: `/api/survey-campaigns/${ids.hqCampaign}/qr?unitId=${ids.hqNoiVu}&fieldCode=HT`,
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/survey-campaigns/:id/poster': {
    cross: () => ({
      method: 'GET',
      url: `/api/survey-campaigns/${ids.hqCampaign}/poster?unitId=${ids.hqNoiVu}`,
    }),
    officer: 404,
    coordinator: 404,
  },
};
