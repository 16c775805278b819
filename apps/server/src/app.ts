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
import { roleAllows } from '@chiso/domain';
import { ERRORS } from '@chiso/contracts';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
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
import { CSRF_HEADER, SESSION_COOKIE, type Access } from './http.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { AuditService } from './modules/audit/service.ts';
import { checkRoutes } from './modules/checks/routes.ts';
import { cycleRoutes } from './modules/cycles/routes.ts';
import { AppraisalService } from './modules/cycles/appraisal.ts';
import { noticeRoutes } from './modules/notices/routes.ts';
import { NoticeService } from './modules/notices/service.ts';
import { CycleService } from './modules/cycles/service.ts';
import { FileStore } from './lib/fileStore.ts';
import { configureUploads } from './lib/uploadPool.ts';
import { documentRoutes } from './modules/documents/routes.ts';
import { frameworkRoutes } from './modules/frameworks/routes.ts';
import { resultRoutes } from './modules/results/routes.ts';
import { ResultService } from './modules/results/service.ts';
import { FrameworkService } from './modules/frameworks/service.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { AuthService } from './modules/auth/service.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { UnitService } from './modules/units/service.ts';
import { userRoutes } from './modules/users/routes.ts';
import { UserService } from './modules/users/service.ts';

export interface Services {
  config: Config;
  database: Database;
  auth: AuthService;
  units: UnitService;
  users: UserService;
  audit: AuditService;
  frameworks: FrameworkService;
  results: ResultService;
  cycles: CycleService;
  appraisal: AppraisalService;
  notices: NoticeService;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
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
          },
    trustProxy: false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // spreadsheet uploads are read in worker threads, a zip expanding to at most 20 × UPLOAD_MAX_MB
  configureUploads({ uploadMaxBytes: config.uploadMaxBytes, log: app.log });

  const services: Services = {
    config,
    database,
    auth: new AuthService(database.db, config),
    units: new UnitService(database.db),
    users: new UserService(database.db),
    audit: new AuditService(database.db),
    frameworks: new FrameworkService(database.db),
    results: new ResultService(database.db),
    cycles: new CycleService(database.db, new FileStore(config.filesDir), config.uploadMaxBytes),
    appraisal: new AppraisalService(database.db),
    notices: new NoticeService(database.db, config.smtpUrl, config.mailFrom),
  };

  const routeList: { method: string; url: string; access: Access }[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
    const access = r.config?.access;
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

  // Authentication, CSRF and the role check run for every /api route before validation and the handler.
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const session = await services.auth.session(req.cookies[SESSION_COOKIE]);
    if (!session) throw new AppError('UNAUTHENTICATED');
    req.session = session;
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

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error(err);
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      const first = details[0];
      return reply.status(400).send({
        error: {
          code: 'VALIDATION',
          message: `${ERRORS.VALIDATION.vi}${first ? ` ${first.path ? first.path + ': ' : ''}${first.message}` : ''}`,
          details,
        },
      });
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return reply.status(400).send({ error: { code: 'BAD_JSON', message: ERRORS.BAD_JSON.vi } });
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
    await noticeRoutes(api, services);
  });

  // The admin web app (built by `npm start` / `npm run build`).
  const indexHtml = path.join(config.webDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
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
