import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorResponse, LoginBody, Ok, PasswordBody, SessionResponse } from '@chiso/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, setSessionCookie } from '../../http.ts';
import type { SessionInfo } from './service.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Headers a reverse proxy adds: with any of them the request did not come from this machine's browser. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/** Whether the demo passwords may be given to this client: the socket's peer is this machine
 * (loopback), the Host is a loopback name, no proxy header is present, and the server does not trust a proxy (Fastify defines
 * `request.ips` only when `trustProxy` is set). Behind a proxy every client would look local. */
export function demoPasswordsVisible(req: FastifyRequest): boolean {
  if (req.ips !== undefined) return false;
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return false;
  if (PROXY_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  // the page was asked for by a loopback name: a proxy that adds no header, a tunnel or a DNS
  // rebinding still carry the public host name
  return LOOPBACK_HOST.test(req.headers.host ?? '');
}

/** localhost, 127.x.y.z or [::1], with or without a port. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

export async function authRoutes(app: FastifyInstance, s: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: s.config.cookieSecure };

  async function sessionBody(req: FastifyRequest, reply: FastifyReply, session: SessionInfo | null) {
    let csrfToken: string;
    if (session) csrfToken = session.csrfToken;
    else {
      const existing = req.cookies[CSRF_COOKIE];
      csrfToken =
        existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    }
    reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookieBase, httpOnly: false });
    const user = session ? await s.users.me(session.user) : null;
    const shown = s.config.demo && demoPasswordsVisible(req);
    const demo = s.config.demo ? await s.system.demoAccounts(shown) : null;
    return { user, csrfToken, demo, demoPasswordsShown: !!demo && shown };
  }

  api.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Phiên hiện tại và mã CSRF',
        response: { 200: SessionResponse },
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      const session = await s.auth.session(token);
      if (session?.renewed && token) setSessionCookie(reply, token, session.expiresAt, s.config.cookieSecure);
      return sessionBody(req, reply, session);
    },
  );

  api.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Đăng nhập (cần mã CSRF từ /api/auth/session)',
        body: LoginBody,
        response: {
          200: SessionResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      // Login CSRF: the header must echo the pre-session cookie (double submit).
      const cookieToken = req.cookies[CSRF_COOKIE];
      const header = req.headers[CSRF_HEADER];
      if (
        !cookieToken ||
        typeof header !== 'string' ||
        header.length !== cookieToken.length ||
        !timingSafeEqual(Buffer.from(header), Buffer.from(cookieToken))
      ) {
        throw new AppError('CSRF');
      }
      const { token, session, expiresAt } = await s.auth.login(req.body.username, req.body.password, req.ip);
      setSessionCookie(reply, token, expiresAt, s.config.cookieSecure);
      return sessionBody(req, reply, session);
    },
  );

  api.post(
    '/api/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags: ['Đăng nhập'], summary: 'Đăng xuất', response: { 200: Ok } },
    },
    async (req, reply) => {
      if (req.session) await s.auth.logout(req.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.post(
    '/api/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Đổi mật khẩu',
        body: PasswordBody,
        response: { 200: Ok, 422: ErrorResponse },
      },
    },
    async (req) => {
      if (!req.session) throw new AppError('UNAUTHENTICATED');
      await s.auth.changePassword(req.session, req.body.currentPassword, req.body.newPassword, req.ip);
      return { ok: true as const };
    },
  );
}
