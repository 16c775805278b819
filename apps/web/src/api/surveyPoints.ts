/** Survey points in a cycle: its survey criteria with the campaign each is bound to and every
 * member's value, binding and unbinding a criterion (before appraisal), the coordinator's decision
 * on a unit whose survey report came late or was not sent. */
import type { SurveyBindingBodyT, SurveyPointsViewT, SurveySanctionBodyT } from '@chiso/contracts';
import { get, send } from './http.ts';

const base = (id: string) => `/api/cycles/${id}`;
const enc = encodeURIComponent;

export const getSurveyPoints = (id: string) => get<SurveyPointsViewT>(`${base(id)}/survey-points`);
export const bindSurveyLeaf = (id: string, code: string, body: SurveyBindingBodyT) =>
  send<SurveyPointsViewT>('PUT', `${base(id)}/survey-bindings/${enc(code)}`, body);
export const unbindSurveyLeaf = (id: string, code: string) =>
  send<SurveyPointsViewT>('DELETE', `${base(id)}/survey-bindings/${enc(code)}`);
export const decideSurveySanction = (id: string, unitId: string, body: SurveySanctionBodyT) =>
  send<SurveyPointsViewT>('PUT', `${base(id)}/survey-sanctions/${unitId}`, body);
