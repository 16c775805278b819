/** The HTTP client: cookie session, CSRF header on every state-changing request, Vietnamese errors.
 * Pages do not call these directly: each area's module (`api/cycles.ts`, `api/units.ts`…) keeps
 * its URLs and the contract types of its answers together, as small typed functions. */
let csrfToken = '';
export function setCsrf(token: string) {
  csrfToken = token;
}

/** The language of the server's messages (errors, notices): the app's own setting, sent on every
 * request as `x-chiso-lang` (the server answers in Vietnamese unless asked for English). */
let language = 'vi';
export function setRequestLanguage(lang: 'vi' | 'en') {
  language = lang;
}
const LANG_HEADER = 'x-chiso-lang';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let onUnauthenticated: () => void = () => {};
export function setOnUnauthenticated(fn: () => void) {
  onUnauthenticated = fn;
}

async function failure(res: Response, body: unknown): Promise<never> {
  const err = (body as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
  if (res.status === 401 && err?.code === 'UNAUTHENTICATED') onUnauthenticated();
  throw new ApiError(res.status, err?.code ?? 'INTERNAL', err?.message ?? `Lỗi ${res.status}`, err?.details);
}

async function handle<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) return failure(res, body);
  return body as T;
}

export async function get<T>(url: string): Promise<T> {
  return handle<T>(await fetch(url, { credentials: 'same-origin', headers: { [LANG_HEADER]: language } }));
}

export async function send<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  return handle<T>(
    await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, [LANG_HEADER]: language },
      body: JSON.stringify(body ?? {}),
    }),
  );
}

/** POST a file as multipart form data, after the text `fields` (the server reads them first). */
function postFile(url: string, file: File, fields: Record<string, string> = {}): Promise<Response> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', file);
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken, [LANG_HEADER]: language },
    body: fd,
  });
}

export async function upload<T>(url: string, file: File, fields?: Record<string, string>): Promise<T> {
  return handle<T>(await postFile(url, file, fields));
}

/** A file sent back for an uploaded one (a report on it): its content and the name the server gave
 * it in its Content-Disposition header (the Vietnamese UTF-8 form when present, else the ASCII
 * one), null when it gave none. */
export async function uploadForFile(
  url: string,
  file: File,
): Promise<{ blob: Blob; fileName: string | null }> {
  return fileOf(await postFile(url, file));
}

/** A file from a GET route (a document the server makes: Word, PDF, Excel), with its name. */
export async function getFile(url: string): Promise<{ blob: Blob; fileName: string | null }> {
  return fileOf(await fetch(url, { credentials: 'same-origin', headers: { [LANG_HEADER]: language } }));
}

async function fileOf(res: Response): Promise<{ blob: Blob; fileName: string | null }> {
  if (!res.ok) return failure(res, await res.json().catch(() => null));
  const header = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  const fileName = utf8 ? decodeURIComponent(utf8) : (/filename="([^"]+)"/.exec(header)?.[1] ?? null);
  return { blob: await res.blob(), fileName };
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
