import path from 'node:path';

/** argon2id cost: memory in KiB, passes. */
export interface PasswordCost {
  memoryCost: number;
  timeCost: number;
}

/** The library's default and OWASP's minimum for argon2id: 19 MiB, 2 passes. Not settable from the environment. */
export const PASSWORD_COST: PasswordCost = { memoryCost: 19_456, timeCost: 2 };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise SQLite at `${dataDir}/xieshang.db`. */
  databaseUrl: string | null;
  /** ':memory:' or a file path, for SQLite. */
  sqliteFile: string;
  /** PostgreSQL schema to use (tests give each run its own). */
  pgSchema: string | null;
  /**
   * The session cookie's Secure flag. On unless SECURE_COOKIES=0, which only a server on plain HTTP in
   * development may set (the demo does); start-up then warns (configWarnings).
   */
  secureCookies: boolean;
  logLevel: string;
  /**
   * Which peers may name the client in X-Forwarded-For: a hop count, a list of addresses/CIDRs or
   * proxy-addr names (`loopback`, `uniquelocal`…), or true/false. By default none: the peer is the client.
   * Trusting a whole network by default let any client inside it (an intranet, a county office LAN) pick
   * the address its rate limit, lockout and audit entry count; only the operator knows where the proxy is.
   */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** How often each process looks for due jobs (the jobs' own periods are longer). */
  schedulerTickMs: number;
  /** redis://… keeps the rate-limit counters in Redis instead of the database. */
  redisUrl: string | null;
  /** Rate limits for the public endpoints; the benchmark raises them, they are on by default. */
  publicRateLimit: { max: number; windowMs: number };
  /** Login attempts per client address and minute, before the per-account throttle (login-throttle.ts). */
  loginRateLimitMax: number;
  webDist: string;
  /**
   * Write public submissions in a thread of their own (SQLite files only; see clues.intake.ts).
   * On unless INTAKE_THREAD=0.
   */
  intakeThread: boolean;
  /**
   * Cost of new password hashes and of the stand-in hash an unknown account is checked against. Always
   * PASSWORD_COST in a running server; only the test harness passes a lower one, so hundreds of test
   * logins do not each spend 19 MiB and two passes.
   */
  passwordCost: PasswordCost;
  /**
   * A response that does not match its route's response schema fails the request (500) instead of being logged
   * and sent unchecked (platform/responses.ts). Only the test harness turns it on; STRICT_RESPONSES=1 does too.
   */
  strictResponses: boolean;
}

// Two levels up from this file and from the compiled server/dist/*.js (server/build.ts) alike.
const root = path.resolve(import.meta.dirname, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(root, 'data'));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : null,
    sqliteFile: path.join(dataDir, 'xieshang.db'),
    pgSchema: env.PG_SCHEMA ?? null,
    secureCookies: env.SECURE_COOKIES !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    schedulerTickMs: Number(env.SCHEDULER_TICK_MS ?? 30_000),
    redisUrl: env.REDIS_URL?.trim() ? env.REDIS_URL.trim() : null,
    publicRateLimit: {
      max: Number(env.PUBLIC_RATE_LIMIT_MAX ?? 30),
      windowMs: Number(env.PUBLIC_RATE_LIMIT_WINDOW_MS ?? 60_000),
    },
    loginRateLimitMax: Number(env.LOGIN_RATE_LIMIT_MAX ?? 20),
    webDist: path.join(root, 'web/dist'),
    intakeThread: env.INTAKE_THREAD !== '0',
    passwordCost: PASSWORD_COST,
    strictResponses: env.STRICT_RESPONSES === '1',
    ...overrides,
  };
}

/** What start-up must say about a configuration that is only fit for development. */
export function configWarnings(config: Config): string[] {
  return config.secureCookies
    ? []
    : ['会话 Cookie 未设置 Secure（SECURE_COOKIES=0）：仅限本机开发时用明文 HTTP；正式部署请使用 HTTPS 并去掉此设置'];
}

function parseTrustProxy(v: string | undefined): Config['trustProxy'] {
  if (v === undefined || v.trim() === '') return false;
  if (v === 'true' || v === 'false') return v === 'true';
  if (!/^\d+$/.test(v.trim())) return v;
  const hops = Number(v);
  return (_address, hop) => hop < hops;
}
