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

/** The check as the API's JSON body (CheckTableView), built and encoded in the worker. */
export async function checkUploadJson(bytes: Buffer, fileName: string, transpose: boolean): Promise<Buffer> {
  const body = (await runUpload(
    { op: 'checkTable', kind: 'tableCheck', fileName, transpose, view: true },
    bytes,
  )) as Uint8Array;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
