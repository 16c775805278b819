/** Survey forms and campaigns: versions of forms (import, publish, retire), campaigns (open, edit,
 * start and stop collection), their targets (typed, imported from Excel, allocated) and copy-down. */
import type {
  SurveyAllocateBodyT,
  SurveyCampaignCreateBodyT,
  SurveyCampaignDetailT,
  SurveyCampaignListT,
  SurveyCampaignUpdateBodyT,
  SurveyCopyDownBodyT,
  SurveyFormDetailT,
  SurveyFormListT,
  SurveyTargetsBodyT,
  SurveyTargetsResultT,
} from '@chiso/contracts';
import { get, send, upload } from './http.ts';

export const listSurveyForms = () => get<SurveyFormListT>('/api/survey-forms');
export const getSurveyForm = (id: string) => get<SurveyFormDetailT>(`/api/survey-forms/${id}`);
export const importSurveyForm = (ownerUnitId: string | null, definition: unknown) =>
  send<{ id: string; version: number }>('POST', '/api/survey-forms', { ownerUnitId, definition });
export const setSurveyFormStatus = (id: string, verb: 'publish' | 'retire', reason?: string) =>
  send<{ id: string; status: string }>('POST', `/api/survey-forms/${id}/${verb}`, { reason });

export const listCampaigns = () => get<SurveyCampaignListT>('/api/survey-campaigns');
export const getCampaign = (id: string) => get<SurveyCampaignDetailT>(`/api/survey-campaigns/${id}`);
export const createCampaign = (body: SurveyCampaignCreateBodyT) =>
  send<{ id: string }>('POST', '/api/survey-campaigns', body);
export const updateCampaign = (id: string, body: SurveyCampaignUpdateBodyT) =>
  send<{ id: string; revision: number }>('PATCH', `/api/survey-campaigns/${id}`, body);
export const setCampaignStatus = (id: string, status: 'open' | 'closed', reason?: string) =>
  send<{ id: string; status: string }>('POST', `/api/survey-campaigns/${id}/status`, { status, reason });
export const setTargets = (id: string, body: SurveyTargetsBodyT) =>
  send<SurveyTargetsResultT>('PUT', `/api/survey-campaigns/${id}/targets`, body);
export const allocateTargets = (id: string, body: SurveyAllocateBodyT) =>
  send<SurveyTargetsResultT>('POST', `/api/survey-campaigns/${id}/allocate`, body);
export const importTargets = (id: string, file: File) =>
  upload<SurveyTargetsResultT>(`/api/survey-campaigns/${id}/targets/import`, file);
export const targetTemplateUrl = (id: string) => `/api/survey-campaigns/${id}/targets/template`;
export const copyDown = (id: string, body: SurveyCopyDownBodyT) =>
  send<{ id: string }>('POST', `/api/survey-campaigns/${id}/copy-down`, body);
export const qrUrl = (id: string, unitId: string, fieldCode: string) =>
  `/api/survey-campaigns/${id}/qr?unitId=${encodeURIComponent(unitId)}&fieldCode=${encodeURIComponent(fieldCode)}`;
export const posterUrl = (id: string, unitId: string) =>
  `/api/survey-campaigns/${id}/poster?unitId=${encodeURIComponent(unitId)}`;
