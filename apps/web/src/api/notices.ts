/** The signed-in person's notices (the bell and the notices page). */
import type { NoticeListT } from '@chiso/contracts';
import { get, send } from './http.ts';

export const listNotices = (q: { unread?: boolean; limit?: number; offset?: number } = {}) => {
  const p = new URLSearchParams();
  if (q.unread) p.set('unread', 'true');
  if (q.limit !== undefined) p.set('limit', String(q.limit));
  if (q.offset !== undefined) p.set('offset', String(q.offset));
  const qs = p.toString();
  return get<NoticeListT>(`/api/notices${qs ? `?${qs}` : ''}`);
};
export const markNoticeRead = (id: string) => send<NoticeListT>('POST', `/api/notices/${id}/read`);
export const markAllNoticesRead = () => send<NoticeListT>('POST', '/api/notices/read-all');
