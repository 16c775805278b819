/** Assessment cycles: list, one cycle with its stages and units, opening and deleting, stages,
 * appraisal assignments and matrix, finalisation, publication, the ranking. */
import type {
  AppraisalMatrixT,
  AssignBodyT,
  AssignmentListT,
  CycleCreateBodyT,
  CycleDetailT,
  CycleListT,
  CycleRankingT,
  PublishBodyT,
  StageBodyT,
} from '@chiso/contracts';
import type { Stage } from '@chiso/domain';
import { get, send } from './http.ts';

export const listCycles = () => get<CycleListT>('/api/cycles');
export const getCycle = (id: string) => get<CycleDetailT>(`/api/cycles/${id}`);
export const createCycle = (body: CycleCreateBodyT) => send<CycleDetailT>('POST', '/api/cycles', body);
/** Only a cycle nobody has written in yet (created by mistake); the reason goes to the audit trail. */
export const deleteCycle = (id: string, reason: string) => send('DELETE', `/api/cycles/${id}`, { reason });
export const setStage = (id: string, stage: Stage, body: StageBodyT) =>
  send<CycleDetailT>('POST', `/api/cycles/${id}/stages/${stage}`, body);

export const listAssignments = (id: string) => get<AssignmentListT>(`/api/cycles/${id}/assignments`);
export const assign = (id: string, body: AssignBodyT) =>
  send<AssignmentListT>('POST', `/api/cycles/${id}/assignments`, body);
export const getMatrix = (id: string) => get<AppraisalMatrixT>(`/api/cycles/${id}/matrix`);

export const finaliseCycle = (id: string) => send<CycleRankingT>('POST', `/api/cycles/${id}/finalise`);
export const publishCycle = (id: string, body: PublishBodyT) =>
  send<CycleRankingT>('POST', `/api/cycles/${id}/publish`, body);
export const getRanking = (id: string) => get<CycleRankingT>(`/api/cycles/${id}/ranking`);
export const rankingExportUrl = (id: string, format: 'docx' | 'pdf' | 'xlsx') =>
  `/api/cycles/${id}/ranking/export?format=${format}`;
/** The issuer and signers of the ranking document (the download dialog). */
export const rankingIssuerUrl = (id: string) => `/api/cycles/${id}/ranking/issuer`;
/** The decision approving and publishing the cycle's index (Word, PDF), and its issuer and signers. */
export const decisionUrl = (id: string, format: 'docx' | 'pdf') =>
  `/api/cycles/${id}/ranking/decision?format=${format}`;
export const decisionIssuerUrl = (id: string) => `/api/cycles/${id}/ranking/decision/issuer`;
