/** The HTTP client: cookie session, CSRF header on every state-changing request, Vietnamese errors. */
import type { z } from 'zod';
import type { SessionResponse } from '@chiso/contracts';

export type Session = z.infer<typeof SessionResponse>;

let csrfToken = '';
export function setCsrf(token: string) {
  csrfToken = token;
}
export const csrf = () => csrfToken;

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

async function handle<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (body as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && err?.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw new ApiError(
      res.status,
      err?.code ?? 'INTERNAL',
      err?.message ?? `Lỗi ${res.status}`,
      err?.details,
    );
  }
  return body as T;
}

export async function get<T>(url: string): Promise<T> {
  return handle<T>(await fetch(url, { credentials: 'same-origin' }));
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
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body ?? {}),
    }),
  );
}

export async function upload<T>(url: string, file: File): Promise<T> {
  const fd = new FormData();
  fd.append('file', file);
  return handle<T>(
    await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken },
      body: fd,
    }),
  );
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
