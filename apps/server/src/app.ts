/** Builds the Fastify application (no listening): plugins, security, the access hook, every route. */
import fs from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { forbiddenCharIn, jsonTextDeeperThan, LIMITS, quoteInput, roleAllows } from '@chiso/domain';
import { ERRORS, FIELD_LABELS } from '@chiso/contracts';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/open.ts';
import { AppError } from './errors.ts';
import { inLang, langOf } from './i18n/translate.ts';
import { buildServices, type Services } from './services.ts';
import { releaseUploadSlot, CSRF_HEADER, SESSION_COOKIE, setSessionCookie, type Access } from './http.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { checkRoutes } from './modules/checks/routes.ts';
import { cycleRoutes } from './modules/cycles/routes.ts';
import { evidenceRoutes } from './modules/evidence/routes.ts';
import { noticeRoutes } from './modules/notices/routes.ts';
import { surveyAgencyRoutes } from './modules/surveyAgency/routes.ts';
import { surveyPostauditRoutes } from './modules/surveyPostaudit/routes.ts';
import { surveyBallotRoutes } from './modules/surveyBallots/routes.ts';
import { surveyRoutes } from './modules/surveys/routes.ts';
import { surveyPublicRoutes } from './modules/surveyPublic/routes.ts';
import { surveyResultRoutes } from './modules/surveyResults/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { surveyPointsRoutes } from './modules/surveyPoints/routes.ts';
import { workRoutes } from './modules/work/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { planRoutes } from './modules/plans/routes.ts';
import { taskRoutes } from './modules/tasks/routes.ts';
import { improvementRoutes } from './modules/improvement/routes.ts';
import { activityRoutes } from './modules/activities/routes.ts';
import { configureUploads } from './lib/uploadPool.ts';
import { documentRoutes } from './modules/documents/routes.ts';
import { frameworkRoutes } from './modules/frameworks/routes.ts';
import { resultRoutes } from './modules/results/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { userRoutes } from './modules/users/routes.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where in a parsed request (params, query, body) a refused character lies: control characters other
 * than tab and line breaks, bidirectional overrides (U+202E), lone surrogates. A net under the
 * per-field schemas, which name the field themselves: it also covers free-form parts such as a
 * framework definition. Walks without recursion (the body's depth is already bounded). */
function forbiddenCharAt(value: unknown): { path: (string | number)[]; char: string } | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const char = forbiddenCharIn(v, true);
      if (char) return { path, char };
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        const char = forbiddenCharIn(k, true);
        if (char) return { path, char };
        stack.push({ v: x, path: [...path, k] });
      }
  }
  return null;
}

/** A request field as a message names it: "/stages/0/dueOn" → "Giai đoạn › thứ 1 › Hạn". */
export function fieldLabel(path: readonly (string | number)[]): string {
  return path
    .map((seg) =>
      typeof seg === 'number' || /^\d+$/.test(seg)
        ? `thứ ${Number(seg) + 1}`
        : (FIELD_LABELS[seg] ?? quoteInput(seg)),
    )
    .join(' › ');
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A request path with the secret token of /ics/… and /y/… replaced (logs keep the route, not the key). */
export function maskSecretPath(url: string): string {
  return url.replace(/^\/(ics|y)\/[^/?#]+/, '/$1/***');
}

export async function buildApp(
  opts: BuildOptions,
): Promise<
  FastifyInstance & { services: Services; routeList: { method: string; url: string; access: Access }[] }
> {
  const { config, database } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            // secret link tokens (a calendar feed, an agency's one-time link) never reach the logs
            serializers: {
              req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
                method: req.method,
                url: maskSecretPath(req.url),
                hostname: req.hostname,
                remoteAddress: req.ip,
              }),
            },
          },
    // a hop count as the trust function Fastify would build from it (its types omit numbers)
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_addr: string, i: number) =>
              i < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // errors Fastify answers before any route (bad percent-encoding, a parameter over 100
    // characters): Vietnamese like the rest
    frameworkErrors: (err, _req, res) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (res as FastifyReply).status(tooLong ? 414 : 400).send({
        error: {
          code: tooLong ? 'NOT_FOUND' : 'VALIDATION',
          message: tooLong ? 'Đường dẫn yêu cầu quá dài.' : 'Đường dẫn yêu cầu không hợp lệ.',
        },
      });
    },
    genReqId: () => Math.random().toString(36).slice(2, 10),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // spreadsheet uploads are read in worker threads, a zip expanding to at most 20 × UPLOAD_MAX_MB
  configureUploads({ uploadMaxBytes: config.uploadMaxBytes, log: app.log });

  // JSON bodies: nesting is bounded on the raw text before parsing, so a body nested 20 000 levels
  // deep is answered with a 400 instead of exhausting the stack of whatever walks it later.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonTextDeeperThan(body as string, LIMITS.jsonDepth)) {
      done(
        new AppError(
          'BAD_JSON',
          `Nội dung JSON lồng nhau quá sâu (tối đa ${LIMITS.jsonDepth} cấp mảng và đối tượng).`,
        ),
        undefined,
      );
      return;
    }
    parseJson(req, body as string, done);
  });

  const services = buildServices(config, database);

  const routeList: { method: string; url: string; access: Access }[] = [];
  app.addHook('onRoute', (r) => {
    // every /api route declares its access; so do the public pages outside /api (/s/, /y/)
    const access = r.config?.access;
    if ((!r.url.startsWith('/api/') && !access) || r.url.startsWith('/api/docs')) return;
    if (!access) throw new Error(`Route ${String(r.method)} ${r.url} does not declare config.access`);
    for (const m of Array.isArray(r.method) ? r.method : [r.method])
      if (m !== 'HEAD') routeList.push({ method: m, url: r.url, access });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Chiso API',
        description: 'API của Chiso — quản lý Chỉ số cải cách hành chính',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.decorateRequest('session', null);
  // an upload's slot is held until its response has gone
  app.addHook('onResponse', async (req) => releaseUploadSlot(req));

  // Authentication, CSRF and the role check run for every /api route before validation and the handler.
  app.addHook('preValidation', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    const session = await services.auth.session(token);
    if (!session) throw new AppError('UNAUTHENTICATED');
    req.session = session;
    // the cookie follows the server's (renewed) lifetime
    if (session.renewed && token) setSessionCookie(reply, token, session.expiresAt, config.cookieSecure);
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (!sameToken(typeof header === 'string' ? header : undefined, session.csrfToken))
        throw new AppError('CSRF');
    }
    if (access !== 'session') {
      if (session.user.mustChangePassword)
        throw new AppError('FORBIDDEN', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
      if (!session.actor.grants.some((g) => roleAllows(g.role, access))) throw new AppError('FORBIDDEN');
    }
  });

  // After validation: no text anywhere in the request may carry a control or bidirectional character.
  app.addHook('preHandler', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const at = forbiddenCharAt(value);
      if (at)
        throw new AppError(
          'VALIDATION',
          `${ERRORS.VALIDATION.vi} ${at.path.length ? `${fieldLabel(at.path)}: ` : part === 'params' ? 'Đường dẫn: ' : ''}chứa ký tự không được phép (${at.char}: ký tự điều khiển hoặc ký tự đảo chiều văn bản); hãy xóa ký tự đó.`,
        );
    }
  });

  // Every error body, and the notices (stored in Vietnamese), leave in the reader's language
  // (Vietnamese unless English is asked for): i18n/translate.ts.
  app.addHook('preSerialization', async (req, _reply, payload: unknown) => {
    const lang = langOf(req);
    if (lang === 'vi' || !payload || typeof payload !== 'object') return payload;
    if (req.url.startsWith('/api/notices') && Array.isArray((payload as { items?: unknown }).items))
      return {
        ...payload,
        items: (payload as { items: { title?: unknown; body?: unknown }[] }).items.map((n) => ({
          ...n,
          ...(typeof n.title === 'string' ? { title: inLang(lang, n.title) } : {}),
          ...(typeof n.body === 'string' ? { body: inLang(lang, n.body) } : {}),
        })),
      };
    if (!('error' in payload)) return payload;
    const error = (payload as { error: { message?: unknown; details?: unknown } }).error;
    if (!error || typeof error.message !== 'string') return payload;
    const details = Array.isArray(error.details)
      ? error.details.map((d: unknown) =>
          d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string'
            ? { ...d, message: inLang(lang, (d as { message: string }).message) }
            : d,
        )
      : error.details;
    return {
      ...payload,
      error: {
        ...error,
        message: inLang(lang, error.message),
        ...(error.details !== undefined ? { details } : {}),
      },
    };
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      // a server fault keeps its details (e.g. LibreOffice's own words) in the log, not the answer
      if (err.status >= 500) {
        req.log.error({ err, details: err.details });
        return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
      }
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // zod's messages are Vietnamese (contracts set the error map); those written by text() and
      // friends name their field, the others get the field's Vietnamese name in front
      const details = err.validation.slice(0, 50).map((v) => {
        const path = v.instancePath.split('/').filter(Boolean);
        const labelled =
          v.keyword === 'custom' &&
          (v.params as { params?: { labelled?: boolean } } | undefined)?.params?.labelled === true;
        const message = v.message ?? '';
        const label = path.length ? fieldLabel(path) : '';
        // a schema's own message often names its field already ("Mã đơn vị chỉ gồm …")
        const named = label && message.toLocaleLowerCase('vi').startsWith(label.toLocaleLowerCase('vi'));
        const where = labelled || !label || named ? '' : `${label}: `;
        return { path: v.instancePath, message: `${where}${message}` };
      });
      const first = details[0];
      return reply.status(400).send({
        error: {
          code: 'VALIDATION',
          message: `${ERRORS.VALIDATION.vi}${first ? ` ${first.message}` : ''}`,
          details,
        },
      });
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return reply.status(400).send({ error: { code: 'BAD_JSON', message: ERRORS.BAD_JSON.vi } });
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send({
        error: { code: 'VALIDATION', message: 'Nội dung gửi lên quá lớn (tối đa 2 MB).' },
      });
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.status(415).send({
        error: {
          code: 'VALIDATION',
          message:
            'Kiểu nội dung (Content-Type) không được hỗ trợ; hãy gửi JSON hoặc tệp (multipart/form-data).',
        },
      });
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE')
      return reply.status(413).send({
        error: {
          code: 'VALIDATION',
          message: `Tệp quá lớn (tối đa ${Math.round(config.uploadMaxBytes / 1048576)} MB).`,
        },
      });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      return reply
        .status(fe.statusCode)
        .send({ error: { code: 'VALIDATION', message: ERRORS.VALIDATION.vi } });
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: ERRORS.INTERNAL.vi } });
  });

  await app.register(async (api) => {
    await healthRoutes(api, services);
    await authRoutes(api, services);
    await unitRoutes(api, services);
    await userRoutes(api, services);
    await auditRoutes(api, services);
    await frameworkRoutes(api, services);
    await resultRoutes(api, services);
    await checkRoutes(api);
    await documentRoutes(api, services);
    await cycleRoutes(api, services);
    await evidenceRoutes(api, services);
    await noticeRoutes(api, services);
    await workRoutes(api, services);
    await surveyRoutes(api, services);
    await surveyAgencyRoutes(api, services);
    await surveyPostauditRoutes(api, services);
    await surveyPublicRoutes(api, services);
    await surveyBallotRoutes(api, services);
    await surveyResultRoutes(api, services);
    await reportRoutes(api, services);
    await surveyPointsRoutes(api, services);
    await calendarRoutes(api, services);
    await planRoutes(api, services);
    await taskRoutes(api, services);
    await improvementRoutes(api, services);
    await activityRoutes(api, services);
  });

  // The admin web app (built by `npm start` / `npm run build`).
  const indexHtml = path.join(config.webDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    // Hashed assets (a new build gives new names): cached for a year without revalidation, sent as
    // the .br or .gz written beside each at build (apps/web/build/precompress.ts) when the browser
    // accepts it, with Vary: Accept-Encoding. index.html (below) is revalidated on every load.
    const assets = path.join(config.webDist, 'assets');
    if (fs.existsSync(assets))
      await app.register(fastifyStatic, {
        root: assets,
        prefix: '/assets/',
        wildcard: false,
        index: false,
        preCompressed: true,
        globIgnore: ['**/*.br', '**/*.gz'],
        maxAge: '365d',
        immutable: true,
      });
    const html = fs.readFileSync(indexHtml, 'utf8');
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.vi } });
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.vi } });
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Chiso</title><p>Giao diện web chưa được xây dựng. Hãy chạy <code>npm start</code> (tự xây dựng) hoặc <code>npm run build</code>.</p>',
        );
    });
  }

  return Object.assign(app as unknown as FastifyInstance, { services, routeList });
}
