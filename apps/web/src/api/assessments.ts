/** A unit's self-assessment in a cycle: the view, criteria saved one at a time, evidence, submission;
 * its appraisal, the unit's answers, approval level by level. */
import type {
  AppraisalViewT,
  AppraiseBodyT,
  ApproveBodyT,
  AssessmentViewT,
  EvidenceListT,
  EvidenceUploadedT,
  ItemSaveBodyT,
  ItemSavedT,
  LinkBodyT,
} from '@chiso/contracts';
import { get, send, upload } from './http.ts';

export const getAssessment = (id: string) => get<AssessmentViewT>(`/api/assessments/${id}`);
/** One criterion's input and/or explanation, as typed. */
export const saveItem = (id: string, code: string, body: ItemSaveBodyT) =>
  send<ItemSavedT>('PUT', `/api/assessments/${id}/items/${code}`, body);
export const submitAssessment = (id: string) =>
  send<AssessmentViewT>('POST', `/api/assessments/${id}/submit`);
export const withdrawAssessment = (id: string) =>
  send<AssessmentViewT>('POST', `/api/assessments/${id}/withdraw`);
/** The appraising level gives the self-assessment back to the unit. */
export const returnAssessment = (id: string, reason: string) =>
  send<AssessmentViewT>('POST', `/api/assessments/${id}/return`, { reason });
export const assessmentReportUrl = (id: string, format: 'docx' | 'pdf' | 'xlsx') =>
  `/api/assessments/${id}/report?format=${format}`;
/** The issuer and signers of the self-assessment report (the download dialog). */
export const assessmentReportIssuerUrl = (id: string) => `/api/assessments/${id}/report/issuer`;

// ---- evidence: a unit's documents, each linked to criteria
export const listEvidence = (unitId: string) => get<EvidenceListT>(`/api/units/${unitId}/evidence`);
export interface EvidenceFields {
  numberSymbol: string;
  /** yyyy-mm-dd */
  issuedOn: string;
  issuer: string;
  summary: string;
}
export const uploadEvidence = (unitId: string, fields: EvidenceFields, file: File) =>
  upload<EvidenceUploadedT>(`/api/units/${unitId}/evidence`, file, { ...fields });
export const linkEvidence = (id: string, code: string, body: LinkBodyT) =>
  send<AssessmentViewT>('POST', `/api/assessments/${id}/items/${code}/evidence`, body);
export const evidenceFileUrl = (evidenceId: string) => `/api/evidence/${evidenceId}/file`;

// ---- appraisal
export const getAppraisal = (id: string) => get<AppraisalViewT>(`/api/assessments/${id}/appraisal`);
export const appraise = (id: string, code: string, body: AppraiseBodyT) =>
  send<AppraisalViewT>('PUT', `/api/assessments/${id}/appraisal/${code}`, body);
/** The unit's answer to a request for explanation or supplementation. */
export const answerAppraisal = (id: string, code: string, answer: string) =>
  send<AppraisalViewT>('POST', `/api/assessments/${id}/appraisal/${code}/answer`, { answer });
/** The level holding the appraisal approves it: it goes one level up. */
export const approveAppraisal = (id: string, body: ApproveBodyT = {}) =>
  send<AppraisalViewT>('POST', `/api/assessments/${id}/approve`, body);
/** Accept every criterion not appraised yet (the ones the reader may appraise), in one action. */
export const acceptRest = (id: string) =>
  send<AppraisalViewT>('POST', `/api/assessments/${id}/appraisal/accept-rest`);
/** The level holding an approved appraisal sends it back one level, with a reason. */
export const sendBackAppraisal = (id: string, reason: string) =>
  send<AppraisalViewT>('POST', `/api/assessments/${id}/send-back`, { reason });
