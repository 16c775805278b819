/** The published-table check: a table uploaded, recomputed and checked; its report. Nothing stored. */
import type { CheckTableViewT } from '@chiso/contracts';
import { upload, uploadForFile } from './http.ts';

export type ReportFormat = 'docx' | 'pdf' | 'xlsx';

export const checkTable = (file: File, transpose: boolean) =>
  upload<CheckTableViewT>(`/api/check-table?transpose=${transpose}`, file);
/** The report on the same file (it is sent again: the server keeps nothing). */
export const checkReport = (file: File, transpose: boolean, format: ReportFormat) =>
  uploadForFile(`/api/check-table/report?format=${format}&transpose=${transpose}`, file);
