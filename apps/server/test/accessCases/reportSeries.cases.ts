/** Access cases of periodic and ad hoc report requests (issue #16 item 5): Cù Lao Dung against
 * Hà Quảng's quarterly reports and an ad hoc request with an outline, both asking Phòng Nội vụ. */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
  const hq = await ctx.t.login('dieuphoi.haquang');
  const s = await hq.send('POST', '/api/report-series', {
    title: 'Báo cáo quý của Hà Quảng (ca kiểm tra quyền)',
    ownerUnitId: ids.hq,
    unitIds: [ids.hqNoiVu],
    periodKind: 'quarter',
    yearFrom: 2030,
    yearTo: 2030,
    due: { day: 3, month: 'last' },
    outline: ['Kết quả'],
  });
  if (s.statusCode !== 200) throw new Error(s.body);
  ids.hqSeries = (s.json() as { id: string }).id;
  const a = await hq.send('POST', '/api/report-requests/ad-hoc', {
    title: 'Báo cáo sơ kết của Hà Quảng (ca kiểm tra quyền)',
    ownerUnitId: ids.hq,
    unitIds: [ids.hqNoiVu],
    dueOn: '2030-08-02',
    outline: ['Tình hình', 'Kiến nghị'],
  });
  if (a.statusCode !== 200) throw new Error(a.body);
  ids.hqAdHoc = (a.json() as { id: string }).id;
};

const noHq = (json: unknown) => {
  const text = JSON.stringify(json);
  if (text.includes('ca kiểm tra quyền') || (ids.hqSeries && text.includes(ids.hqSeries)))
    throw new Error(`Hà Quảng's periodic reports leaked: ${text.slice(0, 200)}`);
};

export const cases: CasesModule['cases'] = {
  'POST /api/report-requests/ad-hoc': {
    cross: () => ({
      method: 'POST',
      url: '/api/report-requests/ad-hoc',
      body: { title: 'X', ownerUnitId: ids.hq, unitIds: [ids.hqNoiVu], dueOn: '2030-08-02', outline: ['A'] },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/report-series': {
    cross: () => ({ method: 'GET', url: '/api/report-series' }),
    officer: noHq,
    coordinator: noHq,
  },
  'POST /api/report-series': {
    cross: () => ({
      method: 'POST',
      url: '/api/report-series',
      body: {
        title: 'X',
        ownerUnitId: ids.hq,
        unitIds: [ids.hqNoiVu],
        periodKind: 'quarter',
        yearFrom: 2030,
        yearTo: 2030,
        due: { day: 3, month: 'last' },
        outline: ['A'],
      },
    }),
    officer: 403,
    coordinator: 403,
  },
  'GET /api/report-series/:id': {
    cross: () => ({ method: 'GET', url: `/api/report-series/${ids.hqSeries}` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/report-requests/:id/letter': {
    cross: () => ({ method: 'GET', url: `/api/report-requests/${ids.hqAdHoc}/letter` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/report-requests/:id/consolidated': {
    cross: () => ({ method: 'GET', url: `/api/report-requests/${ids.hqAdHoc}/consolidated` }),
    officer: 404,
    coordinator: 404,
  },
};
