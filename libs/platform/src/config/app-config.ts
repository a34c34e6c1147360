import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/** Every environment variable the server reads. `.env.example` documents each one. */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Connections this node keeps open to PostgreSQL (default: 4 per core, at least 10). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = Math.max(10, 4 * availableParallelism());

  /**
   * Nice value given to V8's helper threads (concurrent marking and sweeping), so that a major GC takes only the
   * CPU the event loop and PostgreSQL leave (docs/benchmarks.md); 0 leaves them as they are. Linux only.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(19)
  GC_THREAD_NICE = 19;

  /**
   * After this long with the event loop quiet, a full GC runs if the old generation has grown, so that V8 starts
   * fewer of its own in the middle of a burst (libs/platform/src/metrics/domain/idle-gc-rules.ts); 0 turns it off.
   * It needs `--expose-gc`, which npm start and the release launcher give the server.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  IDLE_GC_QUIET_MS = 2000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 0;

  /**
   * Extra settings of the embedded PostgreSQL, `name=value` separated by spaces (diagnostics such as
   * `shared_preload_libraries=pg_stat_statements track_wal_io_timing=on`); none by default.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\s*([a-z_.]+=[^\s=]+\s*)*$/, { message: 'EMBEDDED_PG_SETTINGS must be name=value pairs separated by spaces' })
  EMBEDDED_PG_SETTINGS = '';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO = true;

  /** Run pending migrations at start-up (the embedded default); production runs `npm run migrate` as its own step. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_START = true;

  @IsOptional()
  @IsString()
  @MinLength(8)
  DEMO_PASSWORD = 'yakuba-demo';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS = 12;

  /** Default of the idle timeout; administrators change it on the security screen (stored in the database). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  /** Default of the password policy's minimum length (ASVS 6.2.1: at least 8); the security screen changes it. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(8)
  @Max(128)
  PASSWORD_MIN_LENGTH = 10;

  /** Default of "change at first sign-in" for passwords an administrator sets; the security screen changes it. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  PASSWORD_CHANGE_AT_FIRST_SIGN_IN = true;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  UPLOAD_MAX_MB = 50;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /** Where uploaded files live (default DATA_DIR/files): a volume every node mounts when several nodes run. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  FILES_DIR?: string;

  /** Bearer token for GET /metrics from another host; without it only this host (loopback) may read them. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;
  /** The organisation's time zone (an IANA name): the web client shows every date in it, whatever the device's. */
  TIME_ZONE = 'Asia/Tokyo';

  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,/]+\/?\s*(,\s*https?:\/\/[^\s,/]+\/?\s*)*$/, {
    message: 'PUBLIC_ORIGINS must be a comma-separated list of origins such as https://yakuba.example.lg.jp',
  })
  PUBLIC_ORIGINS?: string;

  @IsOptional()
  @Matches(/^\s*[\w.:/-]+\s*(,\s*[\w.:/-]+\s*)*$/, {
    message: 'TRUSTED_PROXIES must be addresses or CIDRs (or loopback, linklocal, uniquelocal), comma-separated',
  })
  TRUSTED_PROXIES?: string;

  /** Several server processes on one database: the socket.io Redis streams adapter and shared presence (docs/realtime.md). */
  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;
  /** Web Push (libs/push): off by default, since inside LGWAN no browser's push service is reachable. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  WEB_PUSH_ENABLED = false;

  /** VAPID keys (base64url, as `web-push generate-vapid-keys` prints them); unset: generated once into DATA_DIR. */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{80,100}$/, { message: 'VAPID_PUBLIC_KEY must be a base64url P-256 public key' })
  VAPID_PUBLIC_KEY?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{40,50}$/, { message: 'VAPID_PRIVATE_KEY must be a base64url P-256 private key' })
  VAPID_PRIVATE_KEY?: string;

  @IsOptional() @Matches(/^(mailto:\S+|https:\/\/\S+)$/, { message: 'VAPID_SUBJECT must be a mailto: address or an https: URL' })
  VAPID_SUBJECT = 'mailto:yakuba@localhost';

  /** Hosts of browser push services the server may post to (a suffix starting with a dot matches subdomains). */
  @IsOptional() @Matches(/^\s*[\w.:-]+\s*(,\s*[\w.:-]+\s*)*$/, { message: 'WEB_PUSH_ALLOWED_HOSTS must be host names, comma-separated' })
  WEB_PUSH_ALLOWED_HOSTS?: string;

  /** The town hall's proxy to the internet, for the push services (http://proxy.example:8080). */
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'WEB_PUSH_PROXY must be an http(s):// URL' })
  WEB_PUSH_PROXY?: string;

  /** A PEM file of extra certificate authorities for the push services (a proxy that inspects TLS). */
  @IsOptional() @IsString()
  WEB_PUSH_CA_FILE?: string;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  embeddedPgPort: number;
  /** DATABASE_POOL_SIZE: connections this node keeps open to PostgreSQL. */
  databasePoolSize: number;
  /** GC_THREAD_NICE: the nice value of V8's helper threads (0: unchanged). */
  gcThreadNice: number;
  /** IDLE_GC_QUIET_MS: how long the event loop is quiet before a full GC (0: never). */
  idleGcQuietMs: number;
  /** `name=value` settings given to the embedded PostgreSQL at start (EMBEDDED_PG_SETTINGS). */
  embeddedPgSettings: string[];
  seedDemo: boolean;
  migrateOnStart: boolean;
  demoPassword: string;
  jwtSecret: string;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  passwordMinLength: number;
  passwordChangeAtFirstSignIn: boolean;
  cookieSecure: boolean;
  logLevel: string;
  uploadMaxBytes: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  webDistDir: string;
  metricsToken?: string;
  filesDir: string;
  /** Origins the browser client is served from; empty: the host each request was addressed to. */
  publicOrigins: string[];
  /** Proxies whose X-Forwarded-For is believed (Express `trust proxy`); empty: none, the socket's address counts. */
  trustedProxies: string[];
  /** Set: this process is one node of several (socket.io Redis adapter, presence in Redis). Unset: one process, no Redis. */
  redisUrl?: string;
  webPush: WebPushConfig;
  /** The organisation's time zone (IANA name, default Asia/Tokyo), given to the web client with the session. */
  timeZone: string;
}

export interface WebPushConfig {
  enabled: boolean;
  /** Both or neither; neither: generated once and kept in DATA_DIR/vapid-keys.json. */
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
  vapidSubject: string;
  /** Empty: the browsers' own push services (DEFAULT_PUSH_HOSTS in libs/push). */
  allowedHosts: string[];
  proxy?: string;
  caFile?: string;
}

export class ConfigError extends Error {}

/**
 * Validates the environment once, at start-up; a bad value stops the server with a message naming the variable.
 * Empty strings count as unset so that a blank line copied from `.env.example` means "default".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') raw[key] = value;
  const parsed = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const embeddedPgSettings = parsed.EMBEDDED_PG_SETTINGS.split(/\s+/).filter(Boolean);
  const unsafe = embeddedPgSettings.find((s) => /^(fsync|synchronous_commit|full_page_writes)=/i.test(s));
  if (unsafe)
    throw new ConfigError(`Invalid configuration:\n  EMBEDDED_PG_SETTINGS=${JSON.stringify(parsed.EMBEDDED_PG_SETTINGS)}: ${unsafe} would trade the durability of acknowledged writes away`);
  const timeZone = canonicalTimeZone(parsed.TIME_ZONE);
  if (!timeZone)
    throw new ConfigError(
      `Invalid configuration:\n  TIME_ZONE=${JSON.stringify(parsed.TIME_ZONE)}: must be an IANA time zone such as Asia/Tokyo`,
    );
  const dataDir = resolve(parsed.DATA_DIR);
  if (Boolean(parsed.VAPID_PUBLIC_KEY) !== Boolean(parsed.VAPID_PRIVATE_KEY))
    throw new ConfigError('Invalid configuration:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: give both or neither');
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir,
    databaseUrl: parsed.DATABASE_URL,
    embeddedPgPort: parsed.EMBEDDED_PG_PORT,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    gcThreadNice: parsed.GC_THREAD_NICE,
    idleGcQuietMs: parsed.IDLE_GC_QUIET_MS,
    embeddedPgSettings,
    seedDemo: parsed.SEED_DEMO,
    migrateOnStart: parsed.MIGRATE_ON_START,
    demoPassword: parsed.DEMO_PASSWORD,
    jwtSecret: parsed.JWT_SECRET ?? persistedSecret(dataDir),
    sessionTtlHours: parsed.SESSION_TTL_HOURS,
    sessionIdleMinutes: parsed.SESSION_IDLE_MINUTES,
    passwordMinLength: parsed.PASSWORD_MIN_LENGTH,
    passwordChangeAtFirstSignIn: parsed.PASSWORD_CHANGE_AT_FIRST_SIGN_IN,
    cookieSecure: parsed.COOKIE_SECURE,
    logLevel: parsed.LOG_LEVEL,
    uploadMaxBytes: parsed.UPLOAD_MAX_MB * 1024 * 1024,
    loginMaxFailuresPerAccount: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: parsed.LOGIN_MAX_FAILURES_PER_ADDRESS,
    webDistDir: resolve(parsed.WEB_DIST_DIR ?? 'apps/web/dist'),
    metricsToken: parsed.METRICS_TOKEN,
    filesDir: resolve(parsed.FILES_DIR ?? join(dataDir, 'files')),
    publicOrigins: list(parsed.PUBLIC_ORIGINS).map((o) => new URL(o).origin),
    trustedProxies: list(parsed.TRUSTED_PROXIES),
    redisUrl: parsed.REDIS_URL,
    webPush: {
      enabled: parsed.WEB_PUSH_ENABLED,
      vapidPublicKey: parsed.VAPID_PUBLIC_KEY,
      vapidPrivateKey: parsed.VAPID_PRIVATE_KEY,
      vapidSubject: parsed.VAPID_SUBJECT,
      allowedHosts: list(parsed.WEB_PUSH_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
      proxy: parsed.WEB_PUSH_PROXY,
      caFile: parsed.WEB_PUSH_CA_FILE ? resolve(parsed.WEB_PUSH_CA_FILE) : undefined,
    },
    timeZone,
  };
}

/** The zone's canonical IANA name as Intl spells it (asia/tokyo → Asia/Tokyo); undefined when Intl does not know it. */
function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Without JWT_SECRET, a random secret is kept in DATA_DIR so sessions survive a restart. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
