/** A plan's text and its document (issue #16 item 6). */
import type { PlanTextBodyT, PlanTextT } from '@chiso/contracts';
import { get, send } from './http.ts';

export const getPlanText = (id: string) => get<PlanTextT>(`/api/plans/${id}/text`);
export const savePlanText = (id: string, body: PlanTextBodyT) =>
  send<{ revision: number }>('PUT', `/api/plans/${id}/text`, body);
export const planDocumentUrl = (id: string, format: 'docx' | 'pdf') =>
  `/api/plans/${id}/document?format=${format}`;
