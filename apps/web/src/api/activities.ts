/** Activity records (issue #16 item 3) and the count bindings of a cycle. */
import type {
  ActivityBodyT,
  ActivityListT,
  ActivityViewT,
  CountBindingBodyT,
  CountPointsViewT,
} from '@chiso/contracts';
import { get, send } from './http.ts';

export type ActivityInput = ActivityBodyT;

export const listActivities = (q: { unitId?: string; kind?: string; year?: number }) => {
  const p = new URLSearchParams();
  if (q.unitId) p.set('unitId', q.unitId);
  if (q.kind) p.set('kind', q.kind);
  if (q.year) p.set('year', String(q.year));
  const s = p.toString();
  return get<ActivityListT>(`/api/activities${s ? `?${s}` : ''}`);
};
export const getActivity = (id: string) => get<ActivityViewT>(`/api/activities/${id}`);
export const createActivity = (body: ActivityInput) => send<ActivityViewT>('POST', '/api/activities', body);
export const updateActivity = (id: string, body: ActivityInput) =>
  send<ActivityViewT>('PUT', `/api/activities/${id}`, body);
export const deleteActivity = (id: string) => send<{ deleted: true }>('DELETE', `/api/activities/${id}`);

const enc = encodeURIComponent;
export const getCountPoints = (id: string) => get<CountPointsViewT>(`/api/cycles/${id}/count-points`);
export const bindCountLeaf = (id: string, code: string, body: CountBindingBodyT) =>
  send<CountPointsViewT>('PUT', `/api/cycles/${id}/count-bindings/${enc(code)}`, body);
export const unbindCountLeaf = (id: string, code: string) =>
  send<CountPointsViewT>('DELETE', `/api/cycles/${id}/count-bindings/${enc(code)}`);
