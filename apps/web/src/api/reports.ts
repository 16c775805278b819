/** Report requests (Mẫu 01/02 of survey campaigns; later the plans-and-reports issue's kinds). */
import type {
  ReportAdHocCreateBodyT,
  ReportRequestCreateBodyT,
  ReportSeriesCreateBodyT,
  ReportSeriesDetailT,
  ReportSeriesListT,
  ReportRequestDetailT,
  ReportRequestListT,
  ReportSaveBodyT,
  ReportSubmissionViewT,
} from '@chiso/contracts';
import { get, send, upload } from './http.ts';

const base = (id: string) => `/api/report-requests/${id}`;
const unitBase = (id: string, unitId: string) => `${base(id)}/units/${unitId}`;

export const listReportRequests = () => get<ReportRequestListT>('/api/report-requests');
export const getReportRequest = (id: string) => get<ReportRequestDetailT>(base(id));
export const createReportRequest = (body: ReportRequestCreateBodyT) =>
  send<{ id: string }>('POST', '/api/report-requests', body);
export const getUnitReport = (id: string, unitId: string) => get<ReportSubmissionViewT>(unitBase(id, unitId));
export const saveUnitReport = (id: string, unitId: string, body: ReportSaveBodyT) =>
  send<{ revision: number; status: string }>('PUT', unitBase(id, unitId), body);
export const approveUnitReport = (id: string, unitId: string, baseRevision: number) =>
  send<{ revision: number }>('POST', `${unitBase(id, unitId)}/approve`, { baseRevision });
export const sendUnitReport = (id: string, unitId: string, baseRevision: number) =>
  send<{ revision: number; late: boolean; days: number }>('POST', `${unitBase(id, unitId)}/send`, {
    baseRevision,
  });
export const attachToReport = (id: string, unitId: string, file: File) =>
  upload<{ revision: number }>(`${unitBase(id, unitId)}/files`, file);
export const detachFromReport = (id: string, unitId: string, sha256: string) =>
  send<{ revision: number }>('DELETE', `${unitBase(id, unitId)}/files/${sha256}`);
export const reportFileUrl = (id: string, unitId: string, sha256: string) =>
  `${unitBase(id, unitId)}/files/${sha256}`;
export const reportDocumentUrl = (id: string, unitId: string, format: 'docx' | 'xlsx' | 'pdf') =>
  `${unitBase(id, unitId)}/document?format=${format}`;

export const listReportSeries = () => get<ReportSeriesListT>('/api/report-series');
export const getReportSeries = (id: string) => get<ReportSeriesDetailT>(`/api/report-series/${id}`);
export const createReportSeries = (body: ReportSeriesCreateBodyT) =>
  send<{ id: string; requests: number }>('POST', '/api/report-series', body);
export const createAdHocRequest = (body: ReportAdHocCreateBodyT) =>
  send<{ id: string }>('POST', '/api/report-requests/ad-hoc', body);
export const consolidatedUrl = (id: string, format: 'docx' | 'pdf') =>
  `${base(id)}/consolidated?format=${format}`;
export const letterUrl = (id: string, format: 'docx' | 'pdf') => `${base(id)}/letter?format=${format}`;
