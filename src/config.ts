import { existsSync } from 'node:fs';
import path from 'node:path';

/** Which database engine a DATABASE_URL selects. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Runtime configuration, read once from the environment (see docs/CONFIGURATION.md). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  databaseKind: DatabaseKind;
  /** File path for SQLite; undefined for PostgreSQL. */
  sqlitePath: string | undefined;
  sessionTtlHours: number;
  /** Force the Secure flag on cookies even when the request did not arrive over https. */
  cookieSecure: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** Longest wait imposed on one account after repeated failures (the backoff doubles up to this). */
  loginMaxDelaySeconds: number;
  /** Failed sign-ins allowed from one client address within the window, whatever the accounts. */
  loginAddressMaxFailures: number;
  /** Requests one customer link may make per minute. */
  customerLinkRatePerMinute: number;
  /** PostgreSQL: how long a statement waits for a row lock before giving up (503 busy). */
  pgLockTimeoutMs: number;
  /** PostgreSQL: how long one statement may run before it is cancelled (503 busy). */
  pgStatementTimeoutMs: number;
  /** PostgreSQL: connections in the pool. */
  pgPoolSize: number;
  /** PostgreSQL: connections of the pool kept for requests that only read, so waiting writers cannot starve them. */
  pgPoolReserve: number;
  /** Open connections the HTTP server accepts at once; more are closed at once. */
  maxConnections: number;
  /** How long a client may take to send its request headers. */
  headersTimeoutMs: number;
  defaultTimeZone: string;
  logLevel: string;
  /** Directory holding the built web app; served at / when it exists. */
  webDist: string;
  /** Where uploaded photos, files and generated reports are kept (content-addressed, never deleted). */
  attachmentsDir: string;
  /** Largest file one upload may carry, in bytes. */
  attachmentMaxBytes: number;
  /** Travel times for the daily plan (DP-2). */
  routing: RoutingConfig;
}

/** Where the daily plan's travel times come from (DP-2). */
export interface RoutingConfig {
  /** great-circle: distance × detour at a speed per area class; osrm / valhalla: a routing engine's table API. */
  provider: 'great-circle' | 'osrm' | 'valhalla';
  /** Base URL of the routing engine (osrm, valhalla). */
  url: string | null;
  detour: number;
  /** km/h by area class. */
  speeds: { urban: number; county: number; rural: number };
}

function routingConfig(env: NodeJS.ProcessEnv): RoutingConfig {
  const provider = env.ROUTING_PROVIDER || 'great-circle';
  if (provider !== 'great-circle' && provider !== 'osrm' && provider !== 'valhalla') {
    throw new ConfigError('ROUTING_PROVIDER', `must be great-circle, osrm or valhalla, got "${provider}"`);
  }
  const url = env.ROUTING_URL || null;
  if (provider !== 'great-circle' && !url) throw new ConfigError('ROUTING_URL', `is needed for ${provider}`);
  if (url && !/^https?:\/\//.test(url))
    throw new ConfigError('ROUTING_URL', 'must start with http:// or https://');
  const detour = Number(env.ROUTING_DETOUR || '1.4');
  if (!(detour >= 1 && detour <= 3)) throw new ConfigError('ROUTING_DETOUR', 'must be a number from 1 to 3');
  const speeds = { urban: 25, county: 40, rural: 30 };
  for (const part of (env.ROUTING_SPEEDS_KMH || '').split(',').filter(Boolean)) {
    const [k = '', v = ''] = part.split(':');
    const kmh = Number(v);
    if (!(k in speeds) || !(kmh >= 5 && kmh <= 130)) {
      throw new ConfigError(
        'ROUTING_SPEEDS_KMH',
        `expected e.g. urban:25,county:40,rural:30 (5–130 km/h), got "${part}"`,
      );
    }
    speeds[k as keyof typeof speeds] = kmh;
  }
  return { provider, url, detour, speeds };
}

/** A setting that is wrong: names the variable and says why, so start-up can stop clearly. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`Configuration error in ${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** A whole-number setting within bounds; ConfigError names the variable otherwise. */
export function intSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A true/false setting; ConfigError names the variable otherwise. */
export function boolSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

/** True when the name is an IANA time zone this Node.js knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses DATABASE_URL into its kind and, for SQLite, a file path. */
export function parseDatabaseUrl(url: string, cwd: string): { kind: DatabaseKind; sqlitePath?: string } {
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres' };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file)
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/onsite.db');
    if (file === ':memory:') return { kind: 'sqlite', sqlitePath: ':memory:' };
    const abs = path.resolve(cwd, file);
    if (!existsSync(path.dirname(abs)) && !abs.startsWith(path.resolve(cwd, 'data'))) {
      throw new ConfigError('DATABASE_URL', `directory ${path.dirname(abs)} does not exist`);
    }
    return { kind: 'sqlite', sqlitePath: abs };
  }
  throw new ConfigError(
    'DATABASE_URL',
    `must start with postgres://, postgresql:// or sqlite:, got "${url}"`,
  );
}

/** Reads and checks the configuration; throws ConfigError naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/onsite.db';
  const parsed = parseDatabaseUrl(databaseUrl, cwd);
  const defaultTimeZone = env.ONSITE_TIME_ZONE || 'Asia/Shanghai';
  if (!isValidTimeZone(defaultTimeZone)) {
    throw new ConfigError('ONSITE_TIME_ZONE', `"${defaultTimeZone}" is not an IANA time zone`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  return {
    port: intSetting(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    databaseKind: parsed.kind,
    sqlitePath: parsed.sqlitePath,
    sessionTtlHours: intSetting(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    cookieSecure: boolSetting(env, 'COOKIE_SECURE', false),
    trustProxy: boolSetting(env, 'TRUST_PROXY', false),
    bodyLimitBytes: intSetting(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    loginMaxFailures: intSetting(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowMinutes: intSetting(env, 'LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    loginMaxDelaySeconds: intSetting(env, 'LOGIN_MAX_DELAY_SECONDS', 60, 1, 3600),
    loginAddressMaxFailures: intSetting(env, 'LOGIN_ADDRESS_MAX_FAILURES', 30, 1, 100_000),
    customerLinkRatePerMinute: intSetting(env, 'CUSTOMER_LINK_RATE_PER_MINUTE', 30, 1, 10_000),
    pgLockTimeoutMs: intSetting(env, 'PG_LOCK_TIMEOUT_MS', 5000, 100, 600_000),
    pgStatementTimeoutMs: intSetting(env, 'PG_STATEMENT_TIMEOUT_MS', 30_000, 1000, 3_600_000),
    pgPoolSize: intSetting(env, 'PG_POOL_SIZE', 10, 2, 1000),
    pgPoolReserve: intSetting(env, 'PG_POOL_RESERVE', 2, 1, 999),
    maxConnections: intSetting(env, 'MAX_CONNECTIONS', 1000, 10, 1_000_000),
    headersTimeoutMs: intSetting(env, 'HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000),
    defaultTimeZone,
    logLevel,
    webDist: path.resolve(cwd, env.WEB_DIST || 'web/dist'),
    attachmentsDir: path.resolve(cwd, env.ATTACHMENTS_DIR || 'data/attachments'),
    attachmentMaxBytes: intSetting(env, 'ATTACHMENT_MAX_BYTES', 10 * 1_048_576, 1024, 50 * 1_048_576),
    routing: routingConfig(env),
  };
}
