/** Routes of the public survey pages (HTML, no JavaScript, their own strict CSP) and of the staff's
 * QR codes and posters. */
import { randomBytes } from 'node:crypto';
import { IdParams, SurveyPosterQuery, SurveyQrQuery } from '@chiso/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { actorOf, commonErrors } from '../../http.ts';
import { messagePage, PUBLIC_CSP } from './render.ts';
import type { PageAnswer, Posted } from './service.ts';

const DEVICE_COOKIE = 'chiso_dev';
const tags = ['Khảo sát'];

/** An urlencoded form body as fields (a repeated name gives a list: checkboxes). */
function parseForm(body: string): Posted {
  const out: Posted = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** The security headers of the public pages: their own strict CSP and what helmet sends elsewhere. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': PUBLIC_CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'x-robots-tag': 'noindex',
};

function sendPage(reply: FastifyReply, a: PageAnswer, post: boolean, hsts: boolean) {
  reply.headers(PAGE_HEADERS);
  if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return reply
    .status(a.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', post ? 'no-store' : 'private, no-cache')
    .send(a.html);
}

export async function surveyPublicRoutes(app: FastifyInstance, s: Services) {
  // the public pages in a context of their own: only they read urlencoded forms
  await app.register(async (pub) => {
    pub.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, parseForm(body as string)),
    );
    const page =
      (run: (req: FastifyRequest<{ Params: { token: string } }>) => Promise<PageAnswer>, post: boolean) =>
      async (req: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
        try {
          return sendPage(reply, await run(req), post, s.config.cookieSecure);
        } catch (err) {
          req.log.error(err);
          return sendPage(
            reply,
            {
              status: 503,
              html: messagePage('Hệ thống đang bận', [
                'Phiếu chưa được ghi nhận. Ông/Bà vui lòng thử gửi lại sau ít phút.',
              ]),
            },
            post,
            s.config.cookieSecure,
          );
        }
      };
    const device = (req: FastifyRequest, reply: FastifyReply) => {
      const have = req.cookies[DEVICE_COOKIE];
      if (have && /^[A-Za-z0-9_-]{16,64}$/.test(have)) return have;
      const id = randomBytes(16).toString('base64url');
      reply.setCookie(DEVICE_COOKIE, id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: s.config.cookieSecure,
        maxAge: 365 * 86_400,
      });
      return id;
    };
    const body = (req: FastifyRequest): Posted =>
      req.body && typeof req.body === 'object' ? (req.body as Posted) : {};
    // helmet is skipped here: it builds its middleware anew on every request, and these pages send
    // their own fixed security headers (sendPage)
    const config = { access: 'public' as const, helmet: { skipRoute: true } };
    // the form token given to this device for this link, offered again on back or reload
    const FORM_COOKIE = 'chiso_ft';
    pub.get<{ Params: { token: string }; Querystring: { moi?: string } }>(
      '/s/:token',
      { config },
      async (req, reply) =>
        page(async (r) => {
          const a = await s.surveyPublic.citizenPage(
            r.params.token,
            req.cookies[FORM_COOKIE],
            req.query.moi !== undefined,
          );
          if (a.formToken)
            reply.setCookie(FORM_COOKIE, a.formToken, {
              path: `/s/${r.params.token}`,
              httpOnly: true,
              sameSite: 'lax',
              secure: s.config.cookieSecure,
              maxAge: 2 * 3600,
            });
          return a;
        }, false)(req, reply),
    );
    pub.post<{ Params: { token: string } }>('/s/:token', { config }, async (req, reply) =>
      page(async (r) => s.surveyPublic.citizenSubmit(r.params.token, body(r), r.ip, device(r, reply)), true)(
        req,
        reply,
      ),
    );
    pub.get<{ Params: { token: string } }>(
      '/y/:token',
      { config },
      page(async (req) => s.surveyPublic.agencyPage(req.params.token), false),
    );
    pub.post<{ Params: { token: string } }>(
      '/y/:token',
      { config },
      page(async (req) => s.surveyPublic.agencySubmit(req.params.token, body(req)), true),
    );
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  const origin = (req: FastifyRequest) => s.config.publicUrl ?? `${req.protocol}://${req.host}`;
  api.get(
    '/api/survey-campaigns/:id/qr',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Mã QR (SVG) của một đơn vị × lĩnh vực',
        params: IdParams,
        querystring: SurveyQrQuery,
        response: commonErrors,
      },
    },
    async (req, reply) => {
      const svg = await s.surveyPublic.qr(
        actorOf(req),
        origin(req),
        req.params.id,
        req.query.unitId,
        req.query.fieldCode,
      );
      return (reply as FastifyReply)
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .send(svg);
    },
  );
  api.get(
    '/api/survey-campaigns/:id/poster',
    {
      config: { access: 'survey.read' },
      schema: {
        tags,
        summary: 'Áp phích A4 của một đơn vị: mỗi lĩnh vực một mã QR (trang in)',
        params: IdParams,
        querystring: SurveyPosterQuery,
        response: commonErrors,
      },
    },
    async (req, reply) => {
      const html = await s.surveyPublic.poster(actorOf(req), origin(req), req.params.id, req.query.unitId);
      return (reply as FastifyReply)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .send(html);
    },
  );
}
