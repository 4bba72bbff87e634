import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { installErrorHandler } from './platform/errors.ts';
import { declareErrorResponses, responseSerializerCompiler } from './platform/responses.ts';
import { installSecurityHeaders } from './platform/security-headers.ts';
import { installRouteGuard } from './platform/auth.ts';
import { installModules, MODULES } from './modules/index.ts';
import { defineJob, startScheduler } from './platform/scheduler.ts';
import { drainOutbox, logSender } from './platform/notify.ts';
import { rateLimitStore } from './platform/rate-limits.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

export interface BuildOptions {
  db?: Db;
  logger?: boolean;
  /** Called for every route as it is added (the route matrix test enumerates the API with it). */
  onRoute?: (route: RouteOptions) => void;
  /** Run the periodic jobs (deadlines, reminders, outbox) in this process. */
  scheduler?: boolean;
}

/** Plugins in order: infrastructure → platform → feature modules → static web. */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const db = opts.db ?? (await createDb(config));
  if (!opts.db) await migrateToLatest(db);

  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas strip unknown keys; a mismatch fails only under strictResponses (platform/responses.ts).
  app.setSerializerCompiler(responseSerializerCompiler(config.strictResponses, () => app.log));
  app.decorate('db', db);
  app.decorate('config', config);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.addHook('onClose', async () => {
    if (!opts.db) await db.destroy();
  });

  // Infrastructure
  installSecurityHeaders(app);
  await app.register(cookie);
  // Counters in the database or Redis, shared by every process; a store outage lets requests through
  // rather than taking the public pages down (the per-phone daily limit in the database still holds).
  const limits = await rateLimitStore(db, config);
  app.addHook('onClose', limits.close);
  await app.register(rateLimit, { global: false, skipOnError: true, ...limits.options });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 6, fields: 30, parts: 40 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '协商 Xieshang API', version: '1.0.0', description: '县区政协协商为民平台接口。除标注为公开的接口外均需登录。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xs_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Platform
  installErrorHandler(app);
  declareErrorResponses(app);
  installRouteGuard(app, db);

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await db.selectFrom('orgs').select('id').limit(1).execute();
    return { status: 'ok' };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Feature modules, from their manifests
  installModules();
  for (const m of MODULES) {
    // Each route carries its module's name (config.module), so tests can hold a module to its route rules.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (r) => void (r.config = { ...r.config, module: m.name }));
      for (const routes of m.routes ?? []) await scope.register(routes);
    }, { prefix: '/api/v1' });
  }

  defineJob({ name: 'outbox.drain', label: '短信/微信发送', everyMs: 15_000, leaseMs: 5 * 60_000, run: (d, now) => drainOutbox(d, logSender(app.log), { now }) });
  if (opts.scheduler) startScheduler(app, config.schedulerTickMs);

  // The built web: console at /, public H5 pages at /h5/.
  if (fs.existsSync(path.join(config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: config.webDist, wildcard: false, index: false,
      // web/compress-dist.mjs writes .br and .gz beside each asset at build time.
      preCompressed: true,
      setHeaders: (res, file) => {
        // Hashed file names never change content: cache them for good.
        if (file.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    const consoleHtml = builtPage(path.join(config.webDist, 'index.html'));
    const h5Html = builtPage(path.join(config.webDist, 'h5.html'), consoleHtml);
    app.get('/h5', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(h5Html()));
    app.get('/h5/*', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(h5Html()));
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(consoleHtml()));
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const rel = decodeURIComponent(req.url.split('?')[0] ?? '/');
      if (rel.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: '接口不存在' });
      if (/\.[a-z0-9]+$/i.test(rel)) return reply.sendFile(rel.slice(1));
      return reply.type('text/html').send(consoleHtml());
    });
  }
  return app;
}

/**
 * A page of the built web, kept in memory and read again when a rebuild changes the file, so a new
 * web/dist is served without a restart. One stat per request (a page load, not an API call); while a
 * build has removed the file, the last copy read is served, or `fallback` if there never was one.
 */
function builtPage(file: string, fallback: () => string = () => ''): () => string {
  let html: string | null = null;
  let seen = '';
  const current = () => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat) {
      const key = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
      if (key !== seen) {
        try {
          html = fs.readFileSync(file, 'utf8');
          seen = key;
        } catch {
          // Removed between the stat and the read by a build in progress: keep the last copy.
        }
      }
    }
    return html ?? fallback();
  };
  current();
  return current;
}
