/**
 * Response schemas (platform/responses.ts): what the serializer does with a body that matches, one with extra
 * keys and one that does not match, strict and not; that the OpenAPI document describes every declared
 * response; and that every JSON route has one: only the file downloads named here have none.
 */
import Fastify, { type RouteOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp } from '../test/helper.ts';
import { responseSerializerCompiler } from './responses.ts';

const Thing = z.object({ id: z.number().int(), name: z.string() });

async function tinyApp(strict: boolean) {
  const logged: unknown[] = [];
  const log = { error: (obj: unknown) => void logged.push(obj) } as unknown as import('fastify').FastifyBaseLogger;
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(strict, () => log));
  // The handlers return `unknown` data on purpose: the type provider would refuse a wrong shape at compile time.
  const send = (body: unknown) => async () => body as z.infer<typeof Thing>;
  app.get('/good', { schema: { response: { 200: Thing } } }, send({ id: 1, name: '甲' }));
  app.get('/extra', { schema: { response: { 200: Thing } } }, send({ id: 2, name: '乙', passwordHash: 'secret' }));
  app.get('/bad', { schema: { response: { 200: Thing } } }, send({ id: '3', name: null }));
  app.get('/created', { schema: { response: { 201: Thing } } }, async (_req, reply) => {
    reply.status(201);
    return { id: 4, name: '丁' };
  });
  await app.ready();
  return { app, logged };
}

describe('the response serializer', () => {
  for (const strict of [true, false]) {
    it(`${strict ? 'strict' : 'lenient'}: sends a matching body and strips keys the schema does not name`, async () => {
      const { app } = await tinyApp(strict);
      expect((await app.inject('/good')).json()).toEqual({ id: 1, name: '甲' });
      const extra = await app.inject('/extra');
      expect(extra.statusCode).toBe(200);
      expect(extra.json()).toEqual({ id: 2, name: '乙' });
      expect(extra.body).not.toContain('secret');
      expect((await app.inject('/created')).json()).toEqual({ id: 4, name: '丁' });
      await app.close();
    });
  }

  it('strict (the test suite): a body that does not match fails the request, so the test sees it', async () => {
    const { app, logged } = await tinyApp(true);
    const res = await app.inject('/bad');
    expect(res.statusCode).toBe(500);
    expect(logged).toEqual([]);
    await app.close();
  });

  it('lenient (production): a body that does not match is logged with its route and sent as returned, never a 500', async () => {
    const { app, logged } = await tinyApp(false);
    const res = await app.inject('/bad');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: '3', name: null });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ route: 'GET /bad', status: '200' });
    expect(JSON.stringify(logged[0])).toContain('name');
    await app.close();
  });
});

const env = await createTestApp();
afterAll(() => env.close());

/**
 * Routes that answer with a file (Excel, Word, PNG/SVG/PDF, a stored attachment), not JSON: nothing to declare.
 * A new download joins this list by name, so a JSON route can never pass for one by its URL.
 */
const FILE_ROUTES = new Set([
  'GET /api/v1/orgs/places/export', 'GET /api/v1/orgs/sectors/export', 'GET /api/v1/orgs/committees/export',
  'GET /api/v1/orgs/units/export', 'GET /api/v1/orgs/venues/export', 'GET /api/v1/orgs/venues/:id/qr.png',
  'GET /api/v1/orgs/venues/:id/poster.:format', 'GET /api/v1/members/:id/qr.png', 'GET /api/v1/members/:id/poster.:format',
  'GET /api/v1/members/export', 'GET /api/v1/members/import/template', 'GET /api/v1/users/export', 'GET /api/v1/audit/export',
  'GET /api/v1/clues/export', 'GET /api/v1/clues/stats/export', 'GET /api/v1/clues/files/:fileId',
  'GET /api/v1/unit/clues/:id/files/:fileId', 'GET /api/v1/clues/overdue-report/export',
  'GET /api/v1/clues/figures/units/export', 'GET /api/v1/clues/:id/documents/assignment', 'GET /api/v1/clues/:id/documents/urge',
  'GET /api/v1/clues/:id/documents/reply', 'GET /api/v1/clues/reports/bulletin', 'GET /api/v1/tasks/:id/files/:fileId',
  'GET /api/v1/consultations/topics/export', 'GET /api/v1/consultations/meetings/export',
  'GET /api/v1/consultations/meetings/:id/signups/export', 'GET /api/v1/consultations/meetings/:id/files/:fileId',
  'GET /api/v1/consultations/meetings/:id/qr', 'GET /api/v1/consultations/topics/:id/report.docx',
  'GET /api/v1/consultations/meetings/:id/minutes.docx', 'GET /api/v1/consultations/plan.docx',
  'GET /api/v1/consultations/dashboard/export', 'GET /api/v1/consultations/solved/export', 'GET /api/v1/proposals/export',
  'GET /api/v1/proposals/overdue/export', 'GET /api/v1/proposals/unsatisfied/export', 'GET /api/v1/proposals/report.docx',
  'GET /api/v1/proposals/:id/form.docx', 'GET /api/v1/proposals/:id/notice.docx', 'GET /api/v1/proposal-assignments/:id/letter',
  'GET /api/v1/proposal-assignments/:id/letter.docx',
]);

interface Described { method: string; url: string; module: string | undefined; statuses: string[] }

const described: Described[] = env.routes
  .filter((r: RouteOptions) => r.url.startsWith('/api/v1/'))
  .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD').map((method) => ({
    method, url: r.url, module: r.config?.module, statuses: Object.keys((r.schema?.response as Record<string, unknown> | undefined) ?? {}).filter((s) => /^2\d\d$/.test(s)),
  })));
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('response schemas on the routes', () => {
  it('every API route knows its module', () => {
    expect(described.filter((r) => !r.module).map(key)).toEqual([]);
  });

  it('the OpenAPI document describes the JSON response of every route that declares one', async () => {
    const doc = (await env.app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>>;
    };
    const declared = described.filter((r) => r.statuses.length > 0);
    expect(declared.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const r of declared) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      for (const status of r.statuses) {
        const schema = (op?.responses?.[status] ?? op?.responses?.[status.toUpperCase()])?.content?.['application/json']?.schema;
        // An object, or a union of them (anyOf/oneOf), never an empty description.
        if (!schema || !['type', 'anyOf', 'oneOf', 'allOf'].some((k) => k in schema)) missing.push(`${key(r)} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a route that declares its responses documents the error body for 4xx and 5xx', async () => {
    const doc = (await env.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { properties?: object } }> }> }>> };
    const responses = doc.paths['/api/v1/tasks/{id}']!.get!.responses;
    for (const s of ['4XX', '5XX']) expect(Object.keys(responses[s]?.content?.['application/json']?.schema.properties ?? {})).toEqual(['error', 'message', 'fields']);
    // And a refusal passes through it whole (strict here: a mismatch would be a 500).
    const res = await env.app.inject('/api/v1/tasks/1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('the OpenAPI document names the fields of a response (the task list)', async () => {
    const doc = (await env.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, { items?: { properties?: object } }> } }> }> }>> };
    const list = doc.paths['/api/v1/tasks']!.get!.responses['200']!.content['application/json']!.schema;
    expect(Object.keys(list.properties)).toEqual(expect.arrayContaining(['items', 'total', 'page', 'pageSize']));
    expect(Object.keys(list.properties.items!.items!.properties!)).toEqual(expect.arrayContaining(['id', 'title', 'state', 'ownerUnitId']));
  });

  it('the OpenAPI document describes the proposal responses: the list, the detail with its assignments, the unit\'s view', async () => {
    type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; type?: string | string[] };
    const doc = (await env.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>> };
    const body = (path: string, method = 'get', status = '200') => doc.paths[path]![method]!.responses[status]!.content['application/json']!.schema;
    const props = (s: Schema | undefined) => Object.keys(s?.properties ?? s?.anyOf?.find((x) => x.properties)?.properties ?? {});
    expect(props(body('/api/v1/proposals').properties!.items!.items)).toEqual(expect.arrayContaining(['id', 'code', 'title', 'state', 'sessionName', 'overdue']));
    const detail = body('/api/v1/proposals/{id}');
    expect(props(detail)).toEqual(expect.arrayContaining(['signers', 'assignments', 'evaluations', 'clocks', 'timeline', 'actions', 'me']));
    expect(props(detail.properties!.assignments!.items)).toEqual(expect.arrayContaining(['unitName', 'role', 'state', 'dueAt', 'clocks']));
    expect(props(body('/api/v1/my/proposals', 'post', '201'))).toEqual(props(detail));
    expect(props(body('/api/v1/unit/proposals/{id}'))).toEqual(expect.arrayContaining(['proposal', 'resultClasses', 'coUnits', 'actions']));
    expect(props(body('/api/v1/proposals/dashboard'))).toEqual(expect.arrayContaining(['figures', 'total', 'bySession', 'byUnit', 'keyProposals']));
    expect(props(body('/api/v1/unit/proposals/{id}/files', 'post', '201'))).toEqual(['fileId', 'name']);
  });

  it('every JSON route declares its 2xx response; only the listed downloads have none', () => {
    const lacking = described.filter((r) => r.statuses.length === 0 && !FILE_ROUTES.has(key(r)));
    expect(lacking.map(key)).toEqual([]);
  });

  it('the download list names only routes that exist and have no response schema', () => {
    const bare = new Set(described.filter((r) => r.statuses.length === 0).map(key));
    expect([...FILE_ROUTES].filter((k) => !bare.has(k))).toEqual([]);
  });
});
