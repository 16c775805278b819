/** Results of a survey campaign: read (tạm tính or published), Excel, external indices, publication. */
import type { SurveyExternalBodyT, SurveyResultsViewT } from '@chiso/contracts';
import { get, send } from './http.ts';

const base = (id: string) => `/api/survey-campaigns/${id}`;

export const getSurveyResults = (id: string) => get<SurveyResultsViewT>(`${base(id)}/results`);
export const surveyResultsXlsxUrl = (id: string) => `${base(id)}/results.xlsx`;
export const putExternalIndex = (id: string, body: SurveyExternalBodyT) =>
  send<{ id: string }>('PUT', `${base(id)}/external-indices`, body);
export const deleteExternalIndex = (id: string, unitId: string, fieldCode: string, reason: string) =>
  send<{ id: string }>('DELETE', `${base(id)}/external-indices`, { unitId, fieldCode, reason });
export const publishSurveyResults = (id: string, reason?: string) =>
  send<{ id: string }>('POST', `${base(id)}/publish-results`, reason ? { reason } : {});
