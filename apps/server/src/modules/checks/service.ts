/** The published-table check of an upload, run in the upload worker (reading and checking both): a
 * 20 000-row table never holds the event loop. */
import type { CheckResult } from '@chiso/domain';
import { runUpload } from '../../lib/uploadPool.ts';

/** The check's figures (for the report documents and the command). */
export function checkUpload(bytes: Buffer, fileName: string, transpose: boolean): Promise<CheckResult> {
  return runUpload(
    { op: 'checkTable', kind: 'tableCheck', fileName, transpose, view: false },
    bytes,
  ) as Promise<CheckResult>;
}

/** The check as the API's JSON body (CheckTableView), validated and serialised in the worker. */
export function checkUploadJson(bytes: Buffer, fileName: string, transpose: boolean): Promise<string> {
  return runUpload(
    { op: 'checkTable', kind: 'tableCheck', fileName, transpose, view: true },
    bytes,
  ) as Promise<string>;
}
