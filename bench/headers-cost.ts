/**
 * What per-request helmet costs: a bare Fastify POST route with no security headers, with @fastify/helmet (helmet run
 * on every request), and with helmet's headers computed once and copied onto each reply (what the app does,
 * server/src/platform/security-headers.ts). Alternating, 5 s each, 16 connections. Run: node --import tsx bench/headers-cost.ts
 */
import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { HELMET_OPTIONS, installSecurityHeaders } from '../server/src/platform/security-headers.ts';
import { machine } from './lib/util.ts';

const PORT = Number(process.env.PORT ?? 3990);
console.log(`load ${machine().load}`);
for (const mode of ['none', 'per request', 'computed once', 'none', 'per request', 'computed once']) {
  const app = Fastify();
  if (mode === 'per request') await app.register(fastifyHelmet, HELMET_OPTIONS as Parameters<typeof fastifyHelmet>[1]);
  if (mode === 'computed once') installSecurityHeaders(app);
  app.post('/x', async (req) => ({ ok: 1, n: (req.body as { a: number }).a }));
  await app.listen({ port: PORT, host: '127.0.0.1' });
  const r = await autocannon({ url: `http://127.0.0.1:${PORT}/x`, method: 'POST', body: JSON.stringify({ a: 1 }),
    headers: { 'content-type': 'application/json' }, connections: 16, duration: 5 });
  console.log(`${mode.padEnd(14)} ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms`);
  await app.close();
}
