/** Access cases of the calendar: Cù Lao Dung cannot filter by a unit of Hà Quảng; the feed routes act on
 * the signed-in person only ('self'); the ICS feed is public (its secret token is the key). */
import type { CasesModule } from './types.ts';

let ids: Record<string, string> = {};

export const setup: CasesModule['setup'] = async (ctx) => {
  ids = ctx.ids;
};

export const cases: CasesModule['cases'] = {
  'GET /api/calendar': {
    cross: () => ({ method: 'GET', url: `/api/calendar?unitId=${ids.hq}` }),
    officer: 404,
    coordinator: 404,
  },
  'GET /api/calendar/feed': 'self',
  'POST /api/calendar/feed': 'self',
  'DELETE /api/calendar/feed': 'self',
  'GET /ics/:token': 'public',
};
