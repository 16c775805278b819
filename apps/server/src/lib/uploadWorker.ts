/** An upload worker thread (started by uploadPool.ts through uploadWorker.mjs): reads one upload at a
 * time — zip bounds, then exceljs or csv-parse within the kind's rows × columns — and, for the table
 * check, runs the check and builds the API's JSON too. Whatever it does, the event loop of the server
 * stays free; the pool stops it past the kind's time limit and V8 stops it past its heap limit. */
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { checkTable, TableTooLargeError } from '@chiso/domain';
import { AppError } from '../errors.ts';
import { checkView } from '../modules/checks/view.ts';
import { parseTable, UploadFailure } from './tabular.ts';
import type { WorkerReply, WorkerRequest } from './uploadPool.ts';

async function handle(req: WorkerRequest): Promise<unknown> {
  const { job, zip } = req;
  const buf = Buffer.from(req.bytes);
  switch (job.op) {
    case 'table':
      return (await parseTable(buf, job.fileName, job.kind, zip, true))[0];
    case 'workbook':
      return parseTable(buf, job.fileName, job.kind, zip, false);
    case 'checkTable': {
      const [sheet] = await parseTable(buf, job.fileName, job.kind, zip, true);
      let result;
      try {
        result = checkTable(sheet!.rows, { transpose: job.transpose, max: job.max, merges: sheet!.merges });
      } catch (e) {
        if (e instanceof TableTooLargeError) throw new AppError('FILE_TOO_LARGE', e.message);
        throw e;
      }
      if (!job.view) return result;
      // The API body, built here and handed over as UTF-8 bytes (transferred, not copied): the event
      // loop neither serialises nor encodes 20 000 rows. checkView's return type is the contract's
      // (CheckTableView) and it builds exactly its keys, so the route's schema check is not repeated.
      // (TextEncoder gives bytes of their own: a small Buffer would share, and detach, Node's pool)
      return new TextEncoder().encode(JSON.stringify(checkView(job.fileName, result)));
    }
  }
}

const heapMb = () => Math.round(v8.getHeapStatistics().total_heap_size / 1048576);

parentPort!.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (value) =>
      parentPort!.postMessage(
        { id: req.id, ok: true, value, heapMb: heapMb() } satisfies WorkerReply,
        value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [],
      ),
    (e: unknown) => {
      const failure = e instanceof UploadFailure ? e : null;
      const app = failure?.appError ?? (e instanceof AppError ? e : null);
      parentPort!.postMessage({
        id: req.id,
        ok: false,
        error: app
          ? { code: app.code, message: app.message, details: app.details }
          : { code: 'INTERNAL', message: '' },
        ...(failure ? { internal: failure.internal } : {}),
        ...(!app ? { internal: e instanceof Error ? (e.stack ?? e.message) : String(e) } : {}),
        heapMb: heapMb(),
      } satisfies WorkerReply);
    },
  );
});
