/** HTTP plumbing shared by route modules: access declaration, the request's session, cookie names. */
import type { Action } from '@chiso/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '@chiso/contracts';
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
 * request is not multipart or holds no file. */
export async function uploadedFile(req: FastifyRequest): Promise<{ name: string; bytes: Buffer }> {
  if (!req.isMultipart())
    throw new AppError('VALIDATION', 'Hãy gửi tệp trong trường "file" (multipart/form-data).');
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp.');
  return { name: file.filename, bytes: await file.toBuffer() };
}
