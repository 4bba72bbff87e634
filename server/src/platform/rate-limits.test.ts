/**
 * The public rate limits hold across app processes: two app instances on one database (an SQLite file, or
 * one PostgreSQL schema) count the same hits, and so do two on one Redis when REDIS_URL is set.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { createDb, type Db } from '../db/database.ts';
import { createTestApp, DIALECT, type TestEnv } from '../test/helper.ts';
import { hit, pruneRateLimits } from './rate-limits.ts';

/** Public routes allow `max × 4` reads per window (clues.public.routes.ts): 8 here. */
const LIMIT = { max: 2, windowMs: 60_000 };
const READS = LIMIT.max * 4;
const dir = path.join(os.tmpdir(), `xs-rl-${randomBytes(6).toString('hex')}`);

let env: TestEnv;
let second: { app: FastifyInstance; db: Db };

/** A second app process on the first one's database, with its own connection(s). */
async function secondApp(config: Config) {
  const db = await createDb(config);
  const app = await buildApp(config, { db, logger: false });
  await app.ready();
  return { app, db };
}

beforeAll(async () => {
  // SQLite: a file both instances open (an in-memory database is private to one connection).
  env = await createTestApp({ publicRateLimit: LIMIT, ...(DIALECT === 'sqlite' ? { sqliteFile: path.join(dir, 'xs.db'), dataDir: dir } : {}) });
  second = await secondApp(env.app.config);
});
afterAll(async () => {
  await second.app.close();
  await second.db.destroy();
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (app: FastifyInstance, ip: string) => app.inject({ method: 'GET', url: '/api/v1/public/counties', remoteAddress: ip });

/** Alternate between the instances, as a load balancer would; returns the status codes. */
async function alternate(a: FastifyInstance, b: FastifyInstance, ip: string, n: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < n; i++) codes.push((await read(i % 2 === 0 ? a : b, ip)).statusCode);
  return codes;
}

describe(`rate limits shared by two app instances (${DIALECT})`, () => {
  it('refuses the hit past the limit on either instance, and counts each client apart', async () => {
    const codes = await alternate(env.app, second.app, '203.0.113.7', READS + 2);
    expect(codes.slice(0, READS)).toEqual(Array(READS).fill(200));
    expect(codes.slice(READS)).toEqual([429, 429]);
    // Another client is not affected.
    expect((await read(second.app, '203.0.113.8')).statusCode).toBe(200);
  });

  it('starts a new window once the old one has passed, and prunes day-old counters', async () => {
    const t0 = Date.UTC(2030, 0, 1);
    expect(await hit(env.db, 'test-key', 1000, t0)).toEqual({ current: 1, ttl: 1000 });
    expect(await hit(second.db, 'test-key', 1000, t0 + 400)).toEqual({ current: 2, ttl: 600 });
    expect(await hit(env.db, 'test-key', 1000, t0 + 1000)).toEqual({ current: 1, ttl: 1000 });
    expect(await pruneRateLimits(env.db, new Date(t0 + 86_400_000 + 1001))).toBeGreaterThanOrEqual(1);
    expect(await hit(env.db, 'test-key', 1000, t0 + 1500)).toEqual({ current: 1, ttl: 1000 });
  });
});

/** Redis here: REDIS_URL, or a server answering on the default port. */
async function redisUrl(): Promise<string | null> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const up = await new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: 6379 });
    s.setTimeout(500);
    s.once('connect', () => { s.end(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
  return up ? 'redis://127.0.0.1:6379' : null;
}
const REDIS = await redisUrl();

describe.skipIf(!REDIS)(`rate limits in Redis (${REDIS ? REDIS : 'skipped: REDIS_URL is not set and nothing answers on 127.0.0.1:6379'})`, () => {
  it('two instances with REDIS_URL count the same hits', async () => {
    const config = { ...env.app.config, redisUrl: REDIS };
    const a = await buildApp(config, { db: env.db, logger: false });
    const b = await buildApp(config, { db: second.db, logger: false });
    try {
      // A client address no other run of this test uses, so Redis holds no earlier hits of it.
      const ip = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
      const codes = await alternate(a, b, ip, READS + 2);
      expect(codes).toEqual([...Array(READS).fill(200), 429, 429]);
      // The counters are in Redis, not in the database.
      const inDb = await hit(env.db, `GET/api/v1/public/counties-${ip}`, 60_000);
      expect(inDb.current).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
