/**
 * Where @fastify/rate-limit keeps its counters: in Redis when REDIS_URL is set, otherwise in the database
 * (`rate_limits`), so every app process on one database counts the same hits — a client cannot get N times
 * the limit by landing on N processes behind a load balancer. One upsert per hit; the window is fixed
 * (it starts at the first hit and resets once it has passed), as in the plugin's own stores.
 */
import type { FastifyRateLimitOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { isPostgres, type Db } from '../db/database.ts';
import { defineJob } from './scheduler.ts';

type Done = (err: Error | null, result?: { current: number; ttl: number }) => void;
interface RouteInfo { routeInfo?: { method?: string | string[]; url?: string } }

/** The counters table: on SQLite in an attached file without fsync (a hit must not wait for the disk). */
const countersTable = (db: Db) => (isPostgres(db) ? sql.table('rate_limits') : sql.table('counters.rate_limits'));

/** Attach and create SQLite's counters file beside the database (`:memory:` for an in-memory database). */
async function prepareSqliteCounters(db: Db, config: Config): Promise<void> {
  const attached = await sql<{ name: string }>`PRAGMA database_list`.execute(db);
  if (attached.rows.some((r) => r.name === 'counters')) return;
  const file = config.sqliteFile === ':memory:' ? ':memory:' : `${config.sqliteFile.replace(/\.db$/, '')}-counters.db`;
  await sql`ATTACH DATABASE ${file} AS counters`.execute(db);
  await sql`PRAGMA counters.journal_mode = WAL`.execute(db);
  // Counters may lose their last hits in a power cut; every hit paying an fsync (~2.5 ms here) may not.
  await sql`PRAGMA counters.synchronous = OFF`.execute(db);
  await sql`CREATE TABLE IF NOT EXISTS counters.rate_limits (key TEXT PRIMARY KEY, window_start INTEGER NOT NULL, "count" INTEGER NOT NULL)`.execute(db);
}

/** Count one hit of `key` and return the hits in its current window and when the window ends. */
export async function hit(db: Db, key: string, windowMs: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
  const t = countersTable(db);
  // Both dialects read the old row on the right of SET, so the window check and the count agree.
  const { rows } = await sql<{ count: number; window_start: number }>`
    INSERT INTO ${t} (key, window_start, "count") VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      "count" = CASE WHEN rate_limits.window_start + ${windowMs} <= ${now} THEN 1 ELSE rate_limits."count" + 1 END,
      window_start = CASE WHEN rate_limits.window_start + ${windowMs} <= ${now} THEN ${now} ELSE rate_limits.window_start END
    RETURNING "count", window_start`.execute(db);
  const r = rows[0]!;
  return { current: Number(r.count), ttl: Math.max(0, Number(r.window_start) + windowMs - now) };
}

/** Drop counters whose window ended a day ago (no limit here has a longer window). */
export async function pruneRateLimits(db: Db, now: Date): Promise<number> {
  const { numAffectedRows } = await sql`DELETE FROM ${countersTable(db)} WHERE window_start < ${now.getTime() - 86_400_000}`.execute(db);
  return Number(numAffectedRows ?? 0n);
}

function databaseStore(db: Db) {
  return class DatabaseStore {
    constructor(_options?: unknown, private readonly prefix = '') {}

    incr(key: string, done: Done, timeWindow: number): void {
      hit(db, this.prefix + key, timeWindow).then((r) => done(null, r), (err: unknown) => done(err instanceof Error ? err : new Error(String(err))));
    }

    /** A route's own limit counts apart from the others, as the plugin's stores do. */
    child(route: RouteInfo): DatabaseStore {
      const info = route.routeInfo ?? {};
      return new DatabaseStore(undefined, `${this.prefix}${String(info.method ?? '')}${info.url ?? ''}-`);
    }
  };
}

/**
 * The rate-limit plugin's options for this configuration, and what to close with the app. Redis when
 * `config.redisUrl` is set; the database otherwise.
 */
export async function rateLimitStore(db: Db, config: Config): Promise<{ options: FastifyRateLimitOptions; close: () => Promise<void> }> {
  if (config.redisUrl) {
    const redis = new Redis(config.redisUrl, { connectTimeout: 2_000, maxRetriesPerRequest: 2 });
    return { options: { redis, nameSpace: 'xs-rl:' }, close: async () => void (await redis.quit()) };
  }
  if (!isPostgres(db)) await prepareSqliteCounters(db, config);
  return { options: { store: databaseStore(db) }, close: async () => undefined };
}

defineJob({ name: 'rate_limits.prune', label: '清理过期限流计数', everyMs: 60 * 60_000, run: pruneRateLimits });
