/** The upload workers: every spreadsheet upload is read (and the table check run) in a worker thread,
 * so that one file never stalls the event loop (security issue #11).
 *
 * - At most MAX_WORKERS threads (2 on the 2-core machines we run on); further uploads wait in a queue
 *   of at most MAX_QUEUE, beyond which the upload is refused as "busy" (429).
 * - One thread stays warm once started (small uploads answer without a thread start, ~0.3 s); a second
 *   one ends after IDLE_MS without work; a thread whose heap grew past RECYCLE_HEAP_MB is replaced.
 * - Each thread runs with a V8 heap limit (HEAP_MB) and each upload with its kind's time limit
 *   (UPLOAD_LIMITS in the domain): past either the thread is ended and the upload refused with a
 *   Vietnamese 413 naming the limit; the server goes on.
 * - Zip bounds (ZIP_MAX_EXPANSION_FACTOR × UPLOAD_MAX_MB, ZIP_MAX_RATIO) are passed with each upload.
 * Threads are unreferenced while idle, so a command or a test ends without closing the pool. */
import { Worker } from 'node:worker_threads';
import {
  TOO_LARGE,
  UPLOAD_LIMITS,
  ZIP_MAX_EXPANSION_FACTOR,
  ZIP_MAX_RATIO,
  formatCount,
  type UploadKind,
} from '@chiso/domain/uploadLimits';
import type { ErrorCode } from '@chiso/contracts';
import { AppError } from '../errors.ts';
import type { ZipBounds } from './zipGuard.ts';

export type UploadJob =
  | { op: 'table' | 'workbook'; kind: UploadKind; fileName: string }
  | {
      op: 'checkTable';
      kind: 'tableCheck';
      fileName: string;
      transpose: boolean;
      /** Maximum of the total when the table prints none, in hundredths. */
      max: number | null;
      view: boolean;
    };

export interface WorkerRequest {
  id: number;
  job: UploadJob;
  bytes: ArrayBuffer;
  zip: ZipBounds;
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown; heapMb: number }
  | {
      id: number;
      ok: false;
      error: { code: ErrorCode; message: string; details?: unknown };
      /** What went wrong inside (library messages, English): for the log only. */
      internal?: string;
      heapMb: number;
    };

export interface UploadLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

interface Settings {
  /** UPLOAD_MAX_MB in bytes: a zip may expand to ZIP_MAX_EXPANSION_FACTOR times this. */
  uploadMaxBytes: number;
  log: UploadLog;
  /** V8 old-generation limit of each thread, in MB. */
  heapMb: number;
  /** Overrides every kind's time limit (tests, or an operator on a slow machine). */
  timeLimitMs: number | null;
}

const MAX_WORKERS = 2;
const MAX_QUEUE = 16;
const IDLE_MS = 30_000;
/** V8 old-generation limit of each upload thread, in MB (Buffers are bounded by the zip bounds). */
export const UPLOAD_WORKER_HEAP_MB = 1024;
const RECYCLE_HEAP_MB = 256;
/** The default of UPLOAD_MAX_MB (config.ts), for callers that configure nothing (commands, benchmarks). */
const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const quietLog: UploadLog = {
  warn: () => {},
  error: (obj, msg) => console.error(msg, obj),
};

const settings: Settings = {
  uploadMaxBytes: DEFAULT_UPLOAD_MAX_BYTES,
  log: quietLog,
  heapMb: UPLOAD_WORKER_HEAP_MB,
  timeLimitMs: null,
};

/** Set once at start (buildApp): the upload size limit and the logger; tests may lower the limits. */
export function configureUploads(over: Partial<Settings>) {
  const heapChanged = over.heapMb !== undefined && over.heapMb !== settings.heapMb;
  Object.assign(settings, over);
  // threads started with another heap limit are replaced when idle
  if (heapChanged) for (const s of [...slots]) if (!s.task) retire(s);
}

interface Task {
  id: number;
  job: UploadJob;
  bytes: ArrayBuffer;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
}

const slots: Slot[] = [];
const queue: Task[] = [];
let seq = 0;

/** Run one upload job in a worker. The bytes are copied (the caller's Buffer may share a pool). */
export function runUpload(job: UploadJob, buf: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (queue.length >= MAX_QUEUE)
      return reject(
        new AppError(
          'TOO_MANY_REQUESTS',
          'Máy chủ đang đọc nhiều tệp khác cùng lúc. Vui lòng thử lại sau ít phút.',
        ),
      );
    const bytes = new ArrayBuffer(buf.byteLength);
    new Uint8Array(bytes).set(buf);
    queue.push({ id: ++seq, job, bytes, resolve, reject });
    pump();
  });
}

/** Threads, and uploads in them or waiting (tests, and whoever wants to watch the pool). */
export function uploadStats() {
  return { workers: slots.length, busy: slots.filter((s) => s.task).length, queued: queue.length };
}

/** End every thread (tests and benchmarks that want a cold start; never needed to exit). */
export async function closeUploadWorkers() {
  await Promise.all([...slots].map((s) => retire(s)));
}

function pump() {
  while (queue.length) {
    let slot = slots.find((s) => !s.task);
    if (!slot) {
      if (slots.length >= MAX_WORKERS) return;
      slot = spawn();
    }
    start(slot, queue.shift()!);
  }
}

function spawn(): Slot {
  const worker = new Worker(new URL('./uploadWorker.mjs', import.meta.url), {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: settings.heapMb, stackSizeMb: 4 },
  });
  const slot: Slot = { worker, task: null, timer: null, idleTimer: null };
  worker.on('message', (reply: WorkerReply) => finish(slot, reply));
  worker.on('error', (e: Error & { code?: string }) => {
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
      crash(slot, tooLarge(`vượt giới hạn bộ nhớ ${formatCount(settings.heapMb)} MB`));
    else {
      settings.log.error({ err: e }, 'Luồng đọc tệp tải lên gặp lỗi');
      crash(slot, new AppError('INTERNAL'));
    }
  });
  worker.on('exit', (code) => crash(slot, code ? new AppError('INTERNAL') : null));
  worker.unref();
  slots.push(slot);
  return slot;
}

const tooLarge = (why: string) => new AppError('FILE_TOO_LARGE', `${TOO_LARGE} (${why}).`);

function start(slot: Slot, task: Task) {
  slot.task = task;
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = null;
  slot.worker.ref();
  const kind = UPLOAD_LIMITS[task.job.kind];
  const ms = settings.timeLimitMs ?? kind.timeLimitMs;
  slot.timer = setTimeout(() => {
    const seconds = ms >= 1000 ? `${formatCount(Math.round(ms / 1000))} giây` : `${ms} mili giây`;
    crash(slot, tooLarge(`vượt giới hạn thời gian ${seconds} cho ${kind.label}`));
  }, ms);
  const req: WorkerRequest = {
    id: task.id,
    job: task.job,
    bytes: task.bytes,
    zip: { maxTotalBytes: ZIP_MAX_EXPANSION_FACTOR * settings.uploadMaxBytes, maxRatio: ZIP_MAX_RATIO },
  };
  slot.worker.postMessage(req, [task.bytes]);
}

function finish(slot: Slot, reply: WorkerReply) {
  const task = slot.task;
  if (!task || task.id !== reply.id) return;
  if (slot.timer) clearTimeout(slot.timer);
  slot.task = null;
  slot.timer = null;
  if (reply.ok) task.resolve(reply.value);
  else {
    const about = { kind: task.job.kind, fileName: task.job.fileName, internal: reply.internal };
    if (reply.error.code === 'INTERNAL') settings.log.error(about, 'Lỗi khi đọc tệp tải lên');
    else if (reply.internal) settings.log.warn(about, 'Không đọc được tệp tải lên');
    task.reject(new AppError(reply.error.code, reply.error.message || undefined, reply.error.details));
  }
  if (reply.heapMb > RECYCLE_HEAP_MB) void retire(slot);
  else idle(slot);
  pump();
}

function idle(slot: Slot) {
  slot.worker.unref();
  // the first thread stays warm; a second one ends after a while without work
  if (slots.indexOf(slot) > 0) slot.idleTimer = setTimeout(() => void retire(slot), IDLE_MS).unref();
}

/** The thread ended (killed on a limit, crashed or exited): its upload gets `error`, others go on. */
function crash(slot: Slot, error: AppError | null) {
  const i = slots.indexOf(slot);
  if (i < 0) return;
  slots.splice(i, 1);
  if (slot.timer) clearTimeout(slot.timer);
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  const task = slot.task;
  slot.task = null;
  void slot.worker.terminate();
  if (task) task.reject(error ?? new AppError('INTERNAL'));
  pump();
}

function retire(slot: Slot): Promise<unknown> {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  if (slot.timer) clearTimeout(slot.timer);
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.task?.reject(new AppError('INTERNAL'));
  slot.task = null;
  return slot.worker.terminate();
}
