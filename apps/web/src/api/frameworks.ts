/** Criteria frameworks: list, one framework (its JSON form), import, edit, publish/retire/clone,
 * downloads. */
import type {
  FrameworkCloneBodyT,
  FrameworkDetailT,
  FrameworkJsonT,
  FrameworkListT,
  FrameworkSavedT,
  FrameworkSummaryT,
} from '@chiso/contracts';
import { get, qs, send, upload } from './http.ts';

export const listFrameworks = () => get<FrameworkListT>('/api/frameworks');
export const getFramework = (id: string) => get<FrameworkDetailT>(`/api/frameworks/${id}`);
/** An Excel or JSON file as a new draft, owned by `ownerUnitId` (null: the whole system). */
export const importFrameworkFile = (file: File, ownerUnitId: string | null) =>
  upload<FrameworkSummaryT>(`/api/frameworks/import-file${qs({ ownerUnitId })}`, file);
/** A draft's definition, made from revision `baseRevision` (an older one is refused). */
export const saveFramework = (id: string, definition: FrameworkJsonT, baseRevision: number) =>
  send<FrameworkSavedT>('PUT', `/api/frameworks/${id}`, { definition, baseRevision });
export const publishFramework = (id: string, reason?: string) =>
  send<FrameworkSummaryT>('POST', `/api/frameworks/${id}/publish`, reason ? { reason } : {});
export const retireFramework = (id: string, reason?: string) =>
  send<FrameworkSummaryT>('POST', `/api/frameworks/${id}/retire`, reason ? { reason } : {});
export const cloneFramework = (id: string, body: FrameworkCloneBodyT) =>
  send<FrameworkSummaryT>('POST', `/api/frameworks/${id}/clone`, body);

export const frameworkExportUrl = (id: string, format: 'xlsx' | 'json') =>
  `/api/frameworks/${id}/export?format=${format}`;
/** The issuing decision with the framework as its annex. */
export const frameworkDecisionUrl = (id: string, format: 'docx' | 'pdf') =>
  `/api/frameworks/${id}/decision?format=${format}`;
/** The issuer, signers and example legal bases of the decision (the download dialog). */
export const frameworkDecisionIssuerUrl = (id: string) => `/api/frameworks/${id}/decision/issuer`;
