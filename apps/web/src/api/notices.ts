/** Notices to the user's units (the bell). */
import type { NoticeListT } from '@chiso/contracts';
import { get, send } from './http.ts';

export const listNotices = () => get<NoticeListT>('/api/notices');
export const markNoticeRead = (id: string) => send<NoticeListT>('POST', `/api/notices/${id}/read`);
