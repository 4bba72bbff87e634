/**
 * The route matrix: every API route, enumerated from the app itself, is checked for authentication,
 * permission, tenancy of `:id` routes and body validation. A new route is covered the moment it is
 * registered; one that needs data this file does not know how to make fails until it is added below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { permissionsFor, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@xs/core/roles.ts';
import type { Db } from '../db/database.ts';
import {
  createCommittee, createCounty, createMember, createSector, createTestApp, createTownship, createUnit, createUser,
  createVenue, login, nextAddress, type Client, type TestEnv,
} from '../test/helper.ts';
import { submitClue, uniqueContent } from '../modules/clues/clues.factory.ts';
import { saveFile } from './files.ts';
import type { RoutePermission } from './auth.ts';

interface ApiRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
  entity: string | undefined;
  body: unknown;
  key: string;
}

const env: TestEnv = await createTestApp();

function expand(r: RouteOptions): ApiRoute[] {
  const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
  return methods.map((method) => ({
    method, url: r.url, permission: r.config?.permission, entity: r.config?.entity, body: r.schema?.body, key: `${method} ${r.url}`,
  }));
}

const ALL = env.routes.flatMap(expand);
const API = ALL.filter((r) => r.url.startsWith('/api/v1/'));
const GUARDED = API.filter((r) => r.permission !== 'public');
const WITH_PERMISSION = API.filter((r) => r.permission !== 'public' && r.permission !== 'authenticated');
const ENTITY = API.filter((r) => r.entity);
const WITH_BODY = API.filter((r) => r.body);

/** Outside /api/v1 only these exist: docs, health and the OpenAPI document, all public by design. */
const INFRA = /^\/api\/(health|openapi\.json|docs(\/.*)?)$/;
/** Public API routes live under /api/v1/public/, besides the login itself. */
const PUBLIC = /^\/api\/v1\/(public\/|auth\/login$)/;

/**
 * A valid body per `:id` route with a body, so the cross-county check reaches the lookup and not the validator.
 * Add one for every new route; the matrix fails for a route without one.
 */
const SAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  'PATCH /api/v1/orgs/places/:id': { name: '改名镇', version: 1 },
  'PATCH /api/v1/orgs/sectors/:id': { name: '改名界别', version: 1 },
  'PATCH /api/v1/orgs/committees/:id': { name: '改名专委会', version: 1 },
  'PATCH /api/v1/orgs/units/:id': { name: '改名单位', version: 1 },
  'PATCH /api/v1/orgs/venues/:id': { name: '改名阵地', version: 1 },
  'PATCH /api/v1/members/:id': { name: '改名委员', version: 1 },
  'PATCH /api/v1/users/:id': { displayName: '改名用户', version: 1 },
  'POST /api/v1/clues/:id/transitions/:name': { version: 1 },
  'POST /api/v1/clues/:id/publish': { summary: '路灯已修复，感谢反映。', publish: true },
  'POST /api/v1/unit/clues/:id/transitions/:name': { version: 1, replyText: '已安排维修。' },
};

/** A value for every path parameter other than the row id; a route with a parameter not listed here fails. */
const PARAM_SAMPLES: Record<string, (url: string) => string | number> = {
  /** A transition each portal offers. */
  name: (url) => (url.startsWith('/api/v1/unit/') ? 'reply' : 'accept'),
  key: () => 'security.idleMinutes',
  format: () => 'png',
  fileId: () => MISSING_ID,
  countyId: () => countyA.id,
};

/** Entities whose every route simply works on an own row (no state or relation decides). */
const PLAIN_ENTITIES = new Set(['orgs', 'sectors', 'committees', 'units', 'venues', 'members', 'users', 'notifications']);

/**
 * Routes where even the county's own row answers 404 to the client this file uses, for a reason of
 * the domain rather than tenancy; the cross-county 404 is still checked for them.
 */
const OWN_ROW_UNREACHABLE: Record<string, string> = {
  'GET /api/v1/unit/clues/:id': 'the clue was not forwarded to this handler\'s unit',
  'POST /api/v1/unit/clues/:id/transitions/:name': 'the clue was not forwarded to this handler\'s unit',
  'POST /api/v1/unit/clues/:id/files': 'the clue was not forwarded to this handler\'s unit',
  'GET /api/v1/unit/clues/:id/files/:fileId': 'the sample file id names no file',
};

/**
 * A fresh row of each entity table in a county, and text of it that must never reach another county.
 * `userId` is the user the row should belong to where rows are personal (notifications).
 */
type Made = { id: number; secrets: string[] };
let phones = 0;
const ENTITY_FACTORIES: Record<string, (db: Db, tenantId: number, userId: number) => Promise<Made>> = {
  orgs: async (db, t) => { const r = await createTownship(db, t); return { id: r.id, secrets: [r.name] }; },
  sectors: async (db, t) => { const r = await createSector(db, t); return { id: r.id, secrets: [r.name] }; },
  committees: async (db, t) => { const r = await createCommittee(db, t); return { id: r.id, secrets: [r.name] }; },
  units: async (db, t) => { const r = await createUnit(db, t); return { id: r.id, secrets: [r.name] }; },
  venues: async (db, t) => { const r = await createVenue(db, t); return { id: r.id, secrets: [r.name] }; },
  members: async (db, t) => {
    const r = await createMember(db, t, { phone: '13912345678' });
    return { id: r.id, secrets: [r.name, '13912345678', '139****5678'] };
  },
  users: async (db, t) => { const r = await createUser(db, t, ['staff']); return { id: r.id, secrets: [r.username] }; },
  notifications: async (db, t, userId) => {
    const title = `通知${uniqueContent('')}`;
    const r = await db.insertInto('notifications').values({ tenant_id: t, user_id: userId, title, body: '正文', link: null, read_at: null, created_at: new Date().toISOString() })
      .returning('id').executeTakeFirstOrThrow();
    return { id: r.id, secrets: [title] };
  },
  files: async (db, t) => {
    const name = `照片${uniqueContent('')}.jpg`;
    const content = `本县的文件内容 ${name}`;
    const f = await saveFile(db, env.app.config.dataDir, t, Buffer.from(content), 'image/jpeg', name);
    return { id: f.id, secrets: [name, content] };
  },
  clue_routing_rules: async (db, t) => {
    const unit = await createUnit(db, t);
    const keywords = `关键词${uniqueContent('')}`;
    const r = await db.insertInto('clue_routing_rules').values({ tenant_id: t, category: null, keywords, unit_id: unit.id, note: null })
      .returning('id').executeTakeFirstOrThrow();
    return { id: r.id, secrets: [keywords, unit.name] };
  },
  clues: async (_db, t) => {
    const county = t === countyA.id ? countyA : countyB;
    const content = uniqueContent('反映一个只属于本县的问题：菜市场门口积水严重');
    // A phone of its own per clue: one number may submit only a few a day.
    const phone = `137${String(++phones).padStart(8, '0')}`;
    const c = await submitClue(env, county, { content, contactName: '秘密联系人', contactPhone: phone, consent: true });
    return { id: c.id, secrets: [c.code, c.secret, content, '秘密联系人', phone, `${phone.slice(0, 3)}****${phone.slice(-4)}`] };
  },
};

const COUNTY_ROLES = ROLES.filter((r) => !r.startsWith('city_'));
const has = (role: Role, p: RoutePermission | undefined) => p === 'authenticated' || ROLE_PERMISSIONS[role].includes(p as Permission);
const MISSING_ID = 2_147_483_647;
const GUARD_REFUSAL = '您没有权限执行此操作';
/** The parameter naming the route's row: `:id`, or else its one `:somethingId`. */
const idParam = (url: string) => (url.includes(':id') ? 'id' : [...url.matchAll(/:(\w+Id)\b/g)].map((m) => m[1])[0]);
const params = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
function fill(url: string, id: number | string): string {
  const own = idParam(url);
  return url.replace(/:(\w+)/g, (_m, p: string) => {
    if (p === own) return String(id);
    const sample = PARAM_SAMPLES[p];
    if (!sample) throw new Error(`no sample for parameter :${p} in ${url}`);
    return String(sample(url));
  });
}
const noBody = (method: string) => method === 'GET' || method === 'DELETE';

let countyA: Awaited<ReturnType<typeof createCounty>>;
let countyB: Awaited<ReturnType<typeof createCounty>>;
/** A logged-in client per role: county roles in county A, city roles in the city's own tenant. */
const clients = new Map<Role, Client>();
const userIds = new Map<Role, number>();
let userInB: number;
let cityInCounty: Client;

beforeAll(async () => {
  countyA = await createCounty(env.db);
  countyB = await createCounty(env.db);
  for (const role of ROLES) {
    const tenant = role.startsWith('city_') ? countyA.cityId : countyA.id;
    const u = await createUser(env.db, tenant, [role]);
    userIds.set(role, u.id);
    clients.set(role, await login(env.app, u.username));
  }
  userInB = (await createUser(env.db, countyB.id, ['staff'])).id;
  cityInCounty = await login(env.app, (await createUser(env.db, countyA.cityId, ['city_admin'])).username);
  const switched = await cityInCounty.post('/api/v1/auth/switch-tenant', { tenantId: countyA.id });
  expect(switched.statusCode).toBe(200);
});
afterAll(async () => env.close());

/** The county-A role whose client exercises a route: the first that holds its permission. */
function holderRole(route: ApiRoute): Role {
  const role = COUNTY_ROLES.find((r) => has(r, route.permission)) ?? ROLES.find((r) => has(r, route.permission));
  if (!role) throw new Error(`no role holds ${route.permission} (${route.key})`);
  return role;
}
const holder = (route: ApiRoute): Client => clients.get(holderRole(route))!;

describe('the route inventory', () => {
  it('finds the API', () => {
    expect(API.length).toBeGreaterThan(30);
    expect(API.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/members', 'PATCH /api/v1/users/:id']));
  });

  it('has no API route outside /api/v1 except docs, health and the OpenAPI document', () => {
    const stray = ALL.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/v1/') && !INFRA.test(r.url));
    expect(stray.map((r) => r.key)).toEqual([]);
  });

  it('declares a permission on every route, and public ones only under /api/v1/public/ and the login', () => {
    expect(API.filter((r) => !r.permission).map((r) => r.key)).toEqual([]);
    expect(API.filter((r) => r.permission === 'public' && !PUBLIC.test(r.url)).map((r) => r.key)).toEqual([]);
    expect(API.filter((r) => r.permission !== 'public' && PUBLIC.test(r.url)).map((r) => r.key)).toEqual([]);
  });

  it('names the entity of every route that takes a row id, so its tenancy is checked below', () => {
    expect(GUARDED.filter((r) => idParam(r.url) && !r.entity).map((r) => r.key)).toEqual([]);
    expect(ENTITY.filter((r) => !idParam(r.url)).map((r) => r.key)).toEqual([]);
  });

  it('has a row factory for every entity, a sample body for every entity route with a body, a value for every parameter', () => {
    expect(ENTITY.filter((r) => !ENTITY_FACTORIES[r.entity!]).map((r) => `${r.key} (${r.entity})`)).toEqual([]);
    expect(ENTITY.filter((r) => r.body && !SAMPLE_BODIES[r.key]).map((r) => r.key)).toEqual([]);
    expect(API.flatMap((r) => params(r.url).filter((p) => p !== idParam(r.url) && !PARAM_SAMPLES[p]).map((p) => `${r.key} :${p}`))).toEqual([]);
    // A sample for a route that no longer exists is a sign the tables drifted from the app.
    expect(Object.keys(SAMPLE_BODIES).filter((k) => !API.some((r) => r.key === k))).toEqual([]);
    expect(Object.keys(OWN_ROW_UNREACHABLE).filter((k) => !ENTITY.some((r) => r.key === k))).toEqual([]);
  });

  it('lists every API route in the OpenAPI document', async () => {
    const res = await env.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = (res.json() as { paths: Record<string, Record<string, unknown>> }).paths;
    const missing = API.filter((r) => !paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]);
    expect(missing.map((r) => r.key)).toEqual([]);
  });
});

describe.each(GUARDED.map((r) => [r.key, r] as const))('%s without a session', (_key, route) => {
  it('is refused with 401, even with a malformed body', async () => {
    const url = fill(route.url, 1);
    const anonymous = await env.app.inject({ method: route.method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: noBody(route.method) ? undefined : '{not json' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: 'unauthenticated', message: expect.stringMatching(/登录/) });
    const forged = await env.app.inject({ method: route.method as 'GET', url, cookies: { xs_sid: 'forged-session-token' }, headers: { 'x-csrf-token': 'x' } });
    expect(forged.statusCode).toBe(401);
  });
});

describe.each(WITH_PERMISSION.map((r) => [r.key, r] as const))('%s by role', (_key, route) => {
  const lacking = ROLES.filter((r) => !has(r, route.permission));
  const holding = ROLES.filter((r) => has(r, route.permission));

  if (lacking.length > 0) it(`is refused with 403 to ${lacking.join(', ')}`, async () => {
    for (const role of lacking) {
      const res = await clients.get(role)!.request(route.method, fill(route.url, MISSING_ID), noBody(route.method) ? undefined : {});
      expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
      expect(res.json()).toEqual({ error: 'forbidden', message: GUARD_REFUSAL });
    }
  });

  it(`is not refused by the guard to ${holding.join(', ')}`, async () => {
    for (const role of holding) {
      const res = await clients.get(role)!.request(route.method, fill(route.url, MISSING_ID), noBody(route.method) ? undefined : {});
      expect(res.statusCode, `${role}: ${res.body}`).not.toBe(401);
      // A handler may still refuse for a reason of the domain (e.g. city-only figures), in its own words.
      if (res.statusCode === 403) expect(res.json().message, role).not.toBe(GUARD_REFUSAL);
      expect(res.statusCode, `${role}: ${res.body}`).toBeLessThan(500);
    }
  });

  if (!permissionsFor(['city_admin'], false).has(route.permission as Permission)) {
    it('is refused with 403 to a city admin acting inside a county (read only there)', async () => {
      const res = await cityInCounty.request(route.method, fill(route.url, MISSING_ID), noBody(route.method) ? undefined : {});
      expect(res.statusCode, res.body).toBe(403);
    });
  }
});

describe.each(ENTITY.map((r) => [r.key, r] as const))('%s across counties', (_key, route) => {
  it('answers 404 for another county\'s row, leaks none of it, changes nothing; works on an own row', async () => {
    const make = ENTITY_FACTORIES[route.entity!];
    expect(make, `no factory for entity ${route.entity}`).toBeDefined();
    const theirs = await make!(env.db, countyB.id, userInB);
    const ours = await make!(env.db, countyA.id, userIds.get(holderRole(route))!);
    const body = route.body ? SAMPLE_BODIES[route.key] : undefined;
    if (route.body) expect(body, `no sample body for ${route.key}`).toBeDefined();
    const client = holder(route);
    const table = route.entity as 'orgs';
    const before = await env.db.selectFrom(table).selectAll().where('id', '=', theirs.id).executeTakeFirstOrThrow();

    const res = await client.request(route.method, fill(route.url, theirs.id), body);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
    for (const s of [...theirs.secrets, countyB.name]) expect(res.body).not.toContain(s);
    expect(await env.db.selectFrom(table).selectAll().where('id', '=', theirs.id).executeTakeFirst()).toEqual(before);

    // The same request on the county's own row is answered, so the 404 above is tenancy at work.
    const own = await client.request(route.method, fill(route.url, ours.id), body);
    expect(own.statusCode, own.body).toBeLessThan(500);
    if (!OWN_ROW_UNREACHABLE[route.key]) expect(own.statusCode, own.body).not.toBe(404);
    if (PLAIN_ENTITIES.has(route.entity!)) expect(own.statusCode, own.body).toBeLessThan(300);
  });
});

describe.each(WITH_BODY.map((r) => [r.key, r] as const))('%s with a malformed body', (_key, route) => {
  it('answers 400 naming every wrong field and the unknown one, never 500', async () => {
    // Every field gets a value of a type no schema accepts, plus a field no schema knows.
    const keys = route.body instanceof z.ZodObject ? Object.keys(route.body.shape) : [];
    const body: Record<string, unknown> = { unexpectedField: 1 };
    for (const k of keys) body[k] = { wrong: ['type'] };
    const url = fill(route.url, MISSING_ID);
    const res = route.permission === 'public'
      ? await env.app.inject({ method: route.method as 'POST', url, payload: body, remoteAddress: nextAddress() })
      : await holder(route).request(route.method, url, body);
    expect(res.statusCode, res.body).toBe(400);
    const json = res.json() as { error: string; message: string; fields: { path: string; message: string }[] };
    expect(json.error).toBe('validation_failed');
    expect(json.message).toMatch(/[\u4e00-\u9fff]/);
    expect(json.fields.length).toBeGreaterThan(0);
    const paths = json.fields.map((f) => f.path);
    for (const k of keys) expect(paths, `field ${k}`).toContain(k);
    if (route.body instanceof z.ZodObject) {
      expect(json.fields.some((f) => f.message.includes('unexpectedField')), JSON.stringify(json.fields)).toBe(true);
    }
  });
});
