/** Post-audit of a campaign: setup and sample, assignments, one contact at a time, outcomes. */
import type {
  SurveyPostauditAssignableT,
  SurveyPostauditContactT,
  SurveyPostauditDrawT,
  SurveyPostauditSetupBodyT,
  SurveyPostauditViewT,
} from '@chiso/contracts';
import type { PostauditOutcome } from '@chiso/domain';
import { get, send } from './http.ts';

const base = (id: string) => `/api/survey-campaigns/${id}/postaudit`;

export const getPostaudit = (id: string) => get<SurveyPostauditViewT>(base(id));
export const setupPostaudit = (id: string, body: SurveyPostauditSetupBodyT) =>
  send<SurveyPostauditDrawT>('POST', base(id), body);
export const redraw = (id: string) => send<SurveyPostauditDrawT>('POST', `${base(id)}/draw`);
export const assignable = (id: string) => get<SurveyPostauditAssignableT>(`${base(id)}/assignable`);
export const assignPostauditor = (id: string, userId: string, unitId: string, remove = false) =>
  send<SurveyPostauditViewT>('POST', `${base(id)}/assignments${remove ? '/remove' : ''}`, { userId, unitId });
/** Audited on the server at each call. */
export const revealContact = (id: string, ballotId: number) =>
  get<SurveyPostauditContactT>(`${base(id)}/items/${ballotId}/contact`);
export const recordOutcome = (id: string, ballotId: number, outcome: PostauditOutcome, note: string | null) =>
  send('POST', `${base(id)}/items/${ballotId}/outcome`, { outcome, note });
export const invalidateBallot = (id: string, ballotId: number, reason: string) =>
  send('POST', `${base(id)}/items/${ballotId}/invalidate`, { reason });
export const closePostaudit = (id: string) => send('POST', `${base(id)}/close`, {});
