/** Access cases of plans: Cù Lao Dung against a plan of Hà Quảng (asking Phòng Nội vụ for its plan). */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  const r = await hq.send('POST', '/api/plans', {
    kind: 'ke_hoach',
    number: '12/KH-UBND',
    issuedOn: '2022-03-10',
    issuingUnitId: ids.hq,
    subject: 'Nâng cao Chỉ số CCHC huyện Hà Quảng năm 2022',
    askedUnitIds: [ids.hqNoiVu],
    askedDueOn: '2022-03-31',
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  ids.hqPlan = (r.json() as { id: string }).id;
};

const noHq = (json: unknown) => {
  if (JSON.stringify(json).includes('12/KH-UBND')) throw new Error('Hà Quảng’s plan leaked');
};

export const cases: CasesModule['cases'] = {
  'GET /api/plans': {
    cross: () => ({ method: 'GET', url: '/api/plans' }),
    officer: noHq,
    coordinator: noHq,
  },
  'GET /api/plans/:id': {
    cross: () => ({ method: 'GET', url: `/api/plans/${ids.hqPlan}` }),
    officer: 404,
    coordinator: 404,
  },
  'POST /api/plans': {
    cross: () => ({
      method: 'POST',
      url: '/api/plans',
      body: {
        kind: 'ke_hoach',
        number: '99/KH-UBND',
        issuedOn: '2022-04-01',
        issuingUnitId: ids.hqNoiVu,
        subject: 'Kế hoạch thực hiện',
        implementsPlanId: ids.hqPlan,
      },
    }),
    officer: 403,
    coordinator: 403,
  },
};
