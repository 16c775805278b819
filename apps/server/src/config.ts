/** Configuration: read from the environment once at boot, validated, then passed around. */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const Env = z.object({
  HOST: z.string().default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://')
    .optional(),
  /** The requested installation mode (see Config.demo): demo or real. Default: demo for the embedded
   * database, real with DATABASE_URL. */
  CHISO_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Absolute lifetime of a session from sign-in: sliding renewal never goes past it. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Mark the session cookie Secure (set true behind HTTPS). */
  COOKIE_SECURE: bool.default(false),
  /** Behind a reverse proxy: "true" (trust X-Forwarded-For), a number of proxy hops, or the proxies'
   * addresses (comma-separated IPs or CIDRs). Client addresses (login throttling and lock-outs)
   * come from the forwarded header only then. Unset: no proxy is trusted. */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F:.,/\s]+)$/,
      'TRUST_PROXY: true, false, số lớp proxy hoặc danh sách địa chỉ',
    )
    .optional(),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(500).default(20),
  /** smtp://user:pass@host:587 — e-mail notices are sent when set (otherwise they stay in the app). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL phải bắt đầu bằng smtp:// hoặc smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Chiso <chiso@localhost>'),
  /** Where uploaded evidence files are kept (once per content hash). Default DATA_DIR/files. */
  FILES_DIR: z.string().optional(),
  WEB_DIST: z.string().optional(),
  /** The address citizens reach (https://dichvu.example.gov.vn): QR codes and posters encode
   * PUBLIC_URL/s/<token>. Unset: the origin of the staff's request. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'PUBLIC_URL: http(s)://máy-chủ[:cổng], không có đường dẫn hay dấu / cuối')
    .optional(),
  /** Citizen survey page: submissions per client address per hour, overriding every campaign's
   * setting (a one-stop counter behind one NAT must pass; the benchmark raises it). */
  SURVEY_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).optional(),
  /** How often the jobs run (deadline reminders and notices after due days, the e-mail outbox, the
   * survey jobs); they are idempotent. Default every 10 minutes. */
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The requested mode: demo (demo data, demo accounts listed on the login page) or real. It decides
   * only for a new installation; afterwards the mode stored in the database wins, except that an
   * explicit CHISO_DEMO=false turns a demo installation into a real one (one way, see
   * modules/system/installation.ts). A running server's config carries the mode in effect. */
  demo: boolean;
  /** Whether CHISO_DEMO was set (only an explicit CHISO_DEMO=false converts a demo installation). */
  demoExplicit: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Idle lifetime, renewed on use (never above sessionMaxHours). */
  sessionHours: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  loginRatePerMinute: number;
  cookieSecure: boolean;
  /** Fastify's trustProxy: false, true, a hop count or the proxies' addresses. */
  trustProxy: boolean | number | string[];
  uploadMaxBytes: number;
  filesDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  webDist: string;
  publicUrl: string | undefined;
  /** Overrides the campaigns' perAddressPerHour when set. */
  surveyPerAddressPerHour: number | undefined;
  jobsIntervalSeconds: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable counts as unset (DATABASE_URL= npm start uses the embedded database)
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.CHISO_DEMO ?? !e.DATABASE_URL,
    demoExplicit: e.CHISO_DEMO !== undefined,
    logLevel: e.LOG_LEVEL,
    sessionHours: Math.min(e.SESSION_HOURS, e.SESSION_MAX_HOURS),
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    lockoutMinutes: e.LOCKOUT_MINUTES,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    filesDir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')),
    webDist: e.WEB_DIST ? path.resolve(e.WEB_DIST) : path.join(repoRoot, 'apps/web/dist'),
    publicUrl: e.PUBLIC_URL,
    surveyPerAddressPerHour: e.SURVEY_PER_ADDRESS_PER_HOUR,
    jobsIntervalSeconds: e.JOBS_INTERVAL_SECONDS,
  };
}

function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}
