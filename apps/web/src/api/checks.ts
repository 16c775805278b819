/** The published-table check: a table uploaded, recomputed and checked; its report. Nothing stored. */
import type { CheckTableViewT } from '@chiso/contracts';
import { upload, uploadForFile } from './http.ts';

export type ReportFormat = 'docx' | 'pdf' | 'xlsx';

export interface CheckSettings {
  /** Units (or years) in columns. */
  transpose: boolean;
  /** Maximum of the total as typed ("100", "99,5"); empty when the table prints its maxima. */
  max: string;
}

const query = (s: CheckSettings) =>
  `transpose=${s.transpose}${s.max.trim() ? `&max=${encodeURIComponent(s.max.trim())}` : ''}`;

export const checkTable = (file: File, s: CheckSettings) =>
  upload<CheckTableViewT>(`/api/check-table?${query(s)}`, file);
/** The report on the same file (it is sent again: the server keeps nothing). */
export const checkReport = (file: File, s: CheckSettings, format: ReportFormat) =>
  uploadForFile(`/api/check-table/report?format=${format}&${query(s)}`, file);
