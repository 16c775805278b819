/** Improvement plans drafted from a result (issue #16 item 4). */
import type { ImprovementDraftT, ImprovementPlanBodyT } from '@chiso/contracts';
import { get, send } from './http.ts';

export const getImprovementDraft = (resultId: string) =>
  get<ImprovementDraftT>(`/api/improvement/draft?resultId=${encodeURIComponent(resultId)}`);
export const createImprovementPlan = (body: ImprovementPlanBodyT) =>
  send<{ id: string }>('POST', '/api/improvement/plans', body);
