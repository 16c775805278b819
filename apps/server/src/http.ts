/** HTTP plumbing shared by route modules: access declaration, the request's session, cookie names. */
import type { Action } from '@chiso/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '@chiso/contracts';
import { fileNameProblem, fileSlug } from '@chiso/domain';
import { AppError } from './errors.ts';
import type { Actor } from './modules/auth/actor.ts';
import type { SessionInfo } from './modules/auth/service.ts';

/** Every route declares who may call it: 'public', any signed-in 'session', or an action of the role matrix. */
export type Access = 'public' | 'session' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
  }
}

export const SESSION_COOKIE = 'chiso_sid';
export const CSRF_COOKIE = 'chiso_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };
export type ZApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export type { ZodTypeProvider };

/** The session cookie, living as long as the session does on the server (idle renewal up to the
 * absolute lifetime). */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  secure: boolean,
  now = new Date(),
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    sameSite: 'strict',
    secure,
    httpOnly: true,
    maxAge: Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.session) throw new AppError('UNAUTHENTICATED');
  return req.session.actor;
}

/** The error responses most routes can give (each a catalogue error body). */
export const commonErrors = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

/** The one file of a multipart request, read into memory (within the upload limit set when
 * multipart was registered; past it the error handler answers 413). A Vietnamese 400 when the
 * request is not multipart, is malformed or holds no file; 422 when the file name carries control or
 * bidirectional characters, a path or is too long (`fileNameProblem`). */
/** Uploads being read at once for one user: past it, one user cannot fill the upload workers' queue
 * and keep everyone else's imports waiting. Released when the response is sent (app.ts). */
export const UPLOADS_PER_USER = 2;
const uploadsInFlight = new Map<string, number>();
const holdingUpload = new WeakSet<FastifyRequest>();

function takeUploadSlot(req: FastifyRequest) {
  const key = req.session?.user.id;
  if (!key || holdingUpload.has(req)) return;
  const n = uploadsInFlight.get(key) ?? 0;
  if (n >= UPLOADS_PER_USER)
    throw new AppError(
      'TOO_MANY_REQUESTS',
      'Bạn đang có tệp khác đang được đọc; hãy chờ tệp đó xong rồi gửi tiếp.',
    );
  uploadsInFlight.set(key, n + 1);
  holdingUpload.add(req);
}

/** Give back the request's upload slot (an onResponse hook calls it for every request). */
export function releaseUploadSlot(req: FastifyRequest) {
  if (!holdingUpload.delete(req)) return;
  const key = req.session?.user.id;
  if (!key) return;
  const n = (uploadsInFlight.get(key) ?? 1) - 1;
  if (n <= 0) uploadsInFlight.delete(key);
  else uploadsInFlight.set(key, n);
}

export async function uploadedFile(req: FastifyRequest): Promise<{ name: string; bytes: Buffer }> {
  takeUploadSlot(req);
  if (!req.isMultipart())
    throw new AppError('VALIDATION', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');
  try {
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp.');
    const bytes = await file.toBuffer();
    const problem = fileNameProblem(file.filename);
    if (problem) throw new AppError('FILE_REFUSED', problem);
    return { name: file.filename, bytes };
  } catch (e) {
    throw multipartFailure(e);
  }
}

/** A multipart error as the user should see it: ours and the size limits (413) stay, any other
 * parser error (a truncated or malformed form) becomes a Vietnamese 400. */
export function multipartFailure(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const status = (e as { statusCode?: number }).statusCode;
  if (status === 413) return e;
  return new AppError('VALIDATION', 'Nội dung gửi lên bị hỏng hoặc không đúng dạng multipart/form-data.');
}

/** Send a file to download (or to show inline): the content type, and the name in two forms — an
 * ASCII slug for old clients and the Vietnamese name (RFC 5987) for the others. `name` has no
 * extension; `ext` is added to both forms. A name that is already a safe ASCII file name (letters,
 * digits, '.', '-', '_', e.g. a framework's code and version) is kept as it is, case included. */
const SAFE_ASCII_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function sendFile(
  reply: FastifyReply,
  file: { name: string; ext: string; mime: string; body: Buffer | string; inline?: boolean },
) {
  const ascii = `${SAFE_ASCII_NAME.test(file.name) ? file.name : fileSlug(file.name)}.${file.ext}`;
  const utf8 = encodeURIComponent(`${file.name}.${file.ext}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return reply
    .header('content-type', file.mime)
    .header(
      'content-disposition',
      `${file.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`,
    )
    .send(file.body);
}
