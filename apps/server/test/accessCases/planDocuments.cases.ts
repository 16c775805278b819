/** Access cases of a plan's text and document (issue #16 item 6): Cù Lao Dung against a công văn of
 * Hà Quảng. */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  const r = await hq.send('POST', '/api/plans', {
    kind: 'cong_van',
    number: '13/UBND-NV',
    issuedOn: '2022-03-12',
    issuingUnitId: ids.hq,
    subject: 'V/v đôn đốc báo cáo CCHC quý I năm 2022',
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  ids.hqLetter = (r.json() as { id: string }).id;
};

export const cases: CasesModule['cases'] = {
  'GET /api/plans/:id/text': {
    cross: () => ({ method: 'GET', url: `/api/plans/${ids.hqLetter}/text` }),
    officer: 404,
    coordinator: 404,
  },
  'PUT /api/plans/:id/text': {
    cross: () => ({
      method: 'PUT',
      url: `/api/plans/${ids.hqLetter}/text`,
      body: { baseRevision: 1, text: 'Nội dung khác', addressees: [], recipients: [] },
    }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/plans/:id/document': {
    cross: () => ({ method: 'GET', url: `/api/plans/${ids.hqLetter}/document` }),
    officer: 404,
    coordinator: 404,
  },
};
