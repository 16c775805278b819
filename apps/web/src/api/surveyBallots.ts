/** Survey ballots: paper entry, the campaign's ballots, imports and decisions on one ballot. */
import type {
  SurveyBallotCreatedT,
  SurveyBallotEnterBodyT,
  SurveyBallotImportResultT,
  SurveyBallotListT,
  SurveyCampaignDetailT,
  SurveyFormDetailT,
} from '@chiso/contracts';
import { get, qs, send, upload } from './http.ts';

const base = (id: string) => `/api/survey-campaigns/${id}/ballots`;

export const getCampaign = (id: string) => get<SurveyCampaignDetailT>(`/api/survey-campaigns/${id}`);
export const getForm = (id: string) => get<SurveyFormDetailT>(`/api/survey-forms/${id}`);

export const enterBallot = (campaignId: string, body: SurveyBallotEnterBodyT) =>
  send<SurveyBallotCreatedT>('POST', base(campaignId), body);

export const listBallots = (
  campaignId: string,
  q: {
    unitId?: string;
    fieldCode?: string;
    mode?: string;
    flag?: string;
    invalid?: 'true' | 'false';
    mine?: 'true';
    since?: string;
    page?: number;
    pageSize?: number;
  },
) => get<SurveyBallotListT>(`${base(campaignId)}${qs(q)}`);

export const templateUrl = (campaignId: string) => `${base(campaignId)}/template`;

export const importBallots = (campaignId: string, file: File, source: string) =>
  upload<SurveyBallotImportResultT>(`${base(campaignId)}/import`, file, source ? { source } : {});

export const decideBallot = (
  campaignId: string,
  ballotId: number,
  verb: 'invalidate' | 'restore' | 'not-duplicate',
  body: { reason: string; flag?: 'duplicate_dossier' | 'duplicate_phone' },
) => send<{ id: number; status: string }>('POST', `${base(campaignId)}/${ballotId}/${verb}`, body);
