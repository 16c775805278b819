/** Agency opinion: the registry of respondent bodies of a unit and the invitations of a campaign. */
import type {
  SurveyBodyCreateBodyT,
  SurveyBodyListT,
  SurveyBodyT,
  SurveyBodyUpdateBodyT,
  SurveyInvitationLinksT,
  SurveyInvitationViewT,
} from '@chiso/contracts';
import { get, qs, send } from './http.ts';

export const listBodies = (unitId: string) => get<SurveyBodyListT>(`/api/survey-bodies${qs({ unitId })}`);
export const createBody = (body: SurveyBodyCreateBodyT) =>
  send<SurveyBodyT>('POST', '/api/survey-bodies', body);
export const updateBody = (id: string, body: SurveyBodyUpdateBodyT) =>
  send<SurveyBodyT>('PATCH', `/api/survey-bodies/${id}`, body);
export const deleteBody = (id: string) => send('DELETE', `/api/survey-bodies/${id}`);
export const presetBodies = (ownerUnitId: string) =>
  send<{ added: number; skipped: number }>('POST', '/api/survey-bodies/preset', { ownerUnitId });

export const getInvitations = (campaignId: string) =>
  get<SurveyInvitationViewT>(`/api/survey-campaigns/${campaignId}/invitations`);
export const invite = (campaignId: string, bodyIds: string[]) =>
  send<SurveyInvitationLinksT>('POST', `/api/survey-campaigns/${campaignId}/invitations`, { bodyIds });
/** One invitee, or every unanswered one: new links (the old ones stop working). */
export const remind = (campaignId: string, invitationId?: string) =>
  send<SurveyInvitationLinksT>(
    'POST',
    `/api/survey-campaigns/${campaignId}/invitations/remind`,
    invitationId ? { invitationId } : {},
  );

/** The units of a campaign (its owner's targets), to choose the unit a body rates. */
export const campaignUnits = (campaignId: string) =>
  get<{ ownerUnitId: string; ownerUnitName: string; targets: { unitId: string; unitName: string }[] }>(
    `/api/survey-campaigns/${campaignId}`,
  );
