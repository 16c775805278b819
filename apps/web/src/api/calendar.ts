/** The person's deadlines and their calendar feed (ICS). */
import type { CalendarFeedViewT, CalendarViewT } from '@chiso/contracts';
import { get, qs, send } from './http.ts';

export const getCalendar = (q: { unitId?: string | undefined; from?: string; to?: string }) =>
  get<CalendarViewT>(`/api/calendar${qs(q)}`);
export const getFeed = () => get<CalendarFeedViewT>('/api/calendar/feed');
export const newFeed = () => send<CalendarFeedViewT>('POST', '/api/calendar/feed', {});
export const revokeFeed = () => send<CalendarFeedViewT>('DELETE', '/api/calendar/feed');
