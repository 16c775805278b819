/** The published-table check of an upload, run in the upload worker (reading and checking both): a
 * 20 000-row table never holds the event loop. */
import type { CheckResult } from '@chiso/domain';
import { parseDecimal, scaleDecimal } from '@chiso/domain/points';
import { quoteInput } from '@chiso/domain/limits';
import { AppError } from '../../errors.ts';
import { runUpload } from '../../lib/uploadPool.ts';

export interface CheckSettings {
  /** Units (or years) in columns. */
  transpose: boolean;
  /** Maximum of the total when the table prints none, in hundredths. */
  max: number | null;
}

/** The maximum of the total as typed ("100", "99,5"): hundredths, or a Vietnamese VALIDATION error. */
export function parseMax(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const d = parseDecimal(text);
  const h = d && d.decimals <= 2 ? scaleDecimal(d, 2) : null;
  if (h === null || h <= 0 || h > 100_000_000)
    throw new AppError(
      'VALIDATION',
      `Điểm tối đa của tổng điểm ${quoteInput(text)} không hợp lệ: nhập một số dương, tối đa hai chữ số thập phân (ví dụ 100 hoặc 99,5).`,
    );
  return h;
}

/** The check's figures (for the report documents and the command). */
export function checkUpload(bytes: Buffer, fileName: string, s: CheckSettings): Promise<CheckResult> {
  return runUpload(
    { op: 'checkTable', kind: 'tableCheck', fileName, transpose: s.transpose, max: s.max, view: false },
    bytes,
  ) as Promise<CheckResult>;
}

/** The check as the API's JSON body (CheckTableView), built and encoded in the worker. */
export async function checkUploadJson(bytes: Buffer, fileName: string, s: CheckSettings): Promise<Buffer> {
  const body = (await runUpload(
    { op: 'checkTable', kind: 'tableCheck', fileName, transpose: s.transpose, max: s.max, view: true },
    bytes,
  )) as Uint8Array;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
