/**
 * Hostile input against the JSON API: whatever arrives, the answer is a 4xx with a Chinese message,
 * never a 5xx, and nothing is stored. Text that is merely unusual but valid is stored verbatim: the
 * API returns JSON only and the web renders user text as text, never as HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientFor, countRows, createCommittee, createCounty, createSector, createTestApp, nextAddress, type Client, type TestEnv,
} from '../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let admin: Client;
let sectorId: number;
let committeeId: number;

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  admin = (await clientFor(env, county.id, ['county_admin'])).client;
  sectorId = (await createSector(env.db, county.id)).id;
  committeeId = (await createCommittee(env.db, county.id)).id;
});
afterAll(async () => env.close());

const CHINESE = /[\u4e00-\u9fff]/;
const MEMBERS = '/api/v1/members';
const PLACES = '/api/v1/orgs/places';
const member = (extra: Record<string, unknown>) => JSON.stringify({ name: '张三', term: '第十一届', ...extra });
const place = (extra: Record<string, unknown>) => JSON.stringify({ name: '新镇', kind: 'township', ...extra });
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** [what, url, raw body or undefined for none, content type]. Bodies are raw text so nothing is normalised on the way. */
type Payload = [string, string, string | undefined, string | undefined];
const JSON_TYPE = 'application/json';
const PAYLOADS: () => Payload[] = () => [
  ['empty body', MEMBERS, '', JSON_TYPE],
  ['no body at all', MEMBERS, undefined, undefined],
  ['whitespace only', PLACES, '   \n ', JSON_TYPE],
  ['non-JSON text declared as JSON', MEMBERS, 'name=张三&term=第十一届', JSON_TYPE],
  ['truncated JSON', MEMBERS, '{"name": "张三", "term": "第十一届"', JSON_TYPE],
  ['plain text', MEMBERS, '张三', 'text/plain'],
  ['a form post', PLACES, 'name=%E6%96%B0%E9%95%87&kind=township', 'application/x-www-form-urlencoded'],
  ['XML', PLACES, '<place><name>新镇</name></place>', 'application/xml'],
  ['JSON null', MEMBERS, 'null', JSON_TYPE],
  ['a JSON number', MEMBERS, '42', JSON_TYPE],
  ['a JSON string', PLACES, '"新镇"', JSON_TYPE],
  ['an array instead of an object', MEMBERS, `[${member({})}]`, JSON_TYPE],
  ['an array of places', PLACES, `[${place({})}, ${place({ name: '另一镇' })}]`, JSON_TYPE],
  ['a 100k-character name', MEMBERS, member({ name: '张'.repeat(100_000) }), JSON_TYPE],
  ['a 100k-character place name', PLACES, place({ name: 'x'.repeat(100_000) }), JSON_TYPE],
  ['a body over 256 KB', MEMBERS, member({ title: 'x'.repeat(300 * 1024) }), JSON_TYPE],
  ['<script> as the gender', MEMBERS, member({ gender: '<script>alert(1)</script>' }), JSON_TYPE],
  ['<script> as the phone', MEMBERS, member({ phone: '<script>alert(1)</script>' }), JSON_TYPE],
  ['SQL in an id', MEMBERS, member({ sectorId: '1 OR 1=1' }), JSON_TYPE],
  ['SQL in a kind', PLACES, place({ kind: "township'; DROP TABLE orgs; --" }), JSON_TYPE],
  ['SQL in the parent id', PLACES, place({ kind: 'village', parentId: '0) OR (1=1' }), JSON_TYPE],
  ['a null byte in the name', MEMBERS, member({ name: '张\u0000三' }), JSON_TYPE],
  ['a bell control character', PLACES, place({ name: '新\u0007镇' }), JSON_TYPE],
  ['a lone high surrogate', MEMBERS, '{"name":"张\\ud800","term":"第十一届"}', JSON_TYPE],
  ['a lone low surrogate', PLACES, '{"name":"\\udc00镇","kind":"township"}', JSON_TYPE],
  ['a number as the name', MEMBERS, member({ name: 123 }), JSON_TYPE],
  ['a boolean as the name', PLACES, place({ name: true }), JSON_TYPE],
  ['null as the name', MEMBERS, member({ name: null }), JSON_TYPE],
  ['an array as the name', MEMBERS, member({ name: ['张三'] }), JSON_TYPE],
  ['an object as the term', MEMBERS, member({ term: { text: '第十一届' } }), JSON_TYPE],
  ['only spaces as the name', PLACES, place({ name: '    ' }), JSON_TYPE],
  ['a string as the committee list', MEMBERS, member({ committeeIds: 'abc' }), JSON_TYPE],
  ['booleans in the committee list', MEMBERS, member({ committeeIds: [true] }), JSON_TYPE],
  ['eleven committees', MEMBERS, member({ committeeIds: Array.from({ length: 11 }, (_, i) => i + 1) }), JSON_TYPE],
  ['true as an id', MEMBERS, member({ sectorId: true }), JSON_TYPE],
  ['an id wrapped in an array', MEMBERS, '', JSON_TYPE], // filled in below with a real sector id
  ['a fractional id', MEMBERS, member({ sectorId: 1.5 }), JSON_TYPE],
  ['a negative id', MEMBERS, member({ sectorId: -1 }), JSON_TYPE],
  ['zero as an id', PLACES, place({ kind: 'village', parentId: 0 }), JSON_TYPE],
  ['an id beyond 32 bits', MEMBERS, member({ townshipId: 2 ** 53 }), JSON_TYPE],
  ['a huge number', PLACES, place({ sort: 1e308 }), JSON_TYPE],
  ['an overflowing number', PLACES, '{"name":"新镇","kind":"township","sort":1e400}', JSON_TYPE],
  ['true as the sort order', PLACES, place({ sort: true }), JSON_TYPE],
  ['a negative sort order', PLACES, place({ sort: -5 }), JSON_TYPE],
  ['a deeply nested object', MEMBERS, `{"name":${nested(20_000)},"term":"第十一届"}`, JSON_TYPE],
  ['a __proto__ key', MEMBERS, '{"__proto__":{"polluted":true},"name":"张三","term":"第十一届"}', JSON_TYPE],
  ['a constructor.prototype key', PLACES, '{"constructor":{"prototype":{"polluted":true}},"name":"新镇","kind":"township"}', JSON_TYPE],
  ['a tenant id (mass assignment)', MEMBERS, member({ tenant_id: 1, tenantId: 1 }), JSON_TYPE],
  ['an id and a version', PLACES, place({ id: 1, version: 7 }), JSON_TYPE],
  ['a county as the kind', PLACES, place({ kind: 'county' }), JSON_TYPE],
  ['an unknown status', MEMBERS, member({ status: 'deleted' }), JSON_TYPE],
];

async function counts() {
  return Promise.all((['members', 'member_committees', 'orgs', 'audit_log'] as const).map((t) => countRows(env.db, t)));
}

describe('hostile JSON bodies', () => {
  it('has at least 25 payloads against each kind of route', () => {
    expect(PAYLOADS().length).toBeGreaterThanOrEqual(25);
    expect(PAYLOADS().filter((p) => p[1] === MEMBERS).length).toBeGreaterThan(10);
    expect(PAYLOADS().filter((p) => p[1] === PLACES).length).toBeGreaterThan(10);
  });

  it.each(PAYLOADS().map((p) => [p[0], p] as const))('%s → 4xx in Chinese, nothing stored', async (what, [, url, raw, type]) => {
    const body = what === 'an id wrapped in an array' ? member({ sectorId: [sectorId] }) : raw;
    const before = await counts();
    const res = await admin.request('POST', url, body, type ? { 'content-type': type } : {});
    expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    const json = res.json() as { error: string; message: string };
    expect(json.error).toMatch(/^[a-z_]+$/);
    expect(json.message).toMatch(CHINESE);
    expect(await counts()).toEqual(before);
  });

  it('never pollutes Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('hostile query strings, path parameters and logins', () => {
  it.each([
    ['a null byte in a search', `${MEMBERS}?q=%00`],
    ['a control character in a search', '/api/v1/users?q=a%07b'],
    ['a null byte in an audit search', '/api/v1/audit?q=%00'],
    ['a negative page', `${MEMBERS}?page=-1`],
    ['a page size of a billion', `${MEMBERS}?pageSize=1000000000`],
    ['a non-numeric filter id', `${MEMBERS}?sectorId=abc`],
    ['SQL in a filter id', `${MEMBERS}?sectorId=1%20OR%201%3D1`],
    ['an unknown parameter', `${PLACES}?tenant_id=1`],
    ['a 200-character search', `${MEMBERS}?q=${'x'.repeat(200)}`],
    ['a negative path id', `${MEMBERS}/-1`],
    ['a path id beyond 32 bits', `${MEMBERS}/99999999999`],
    ['SQL in a path id', `${MEMBERS}/1%20OR%201=1`],
    ['an exponent as a path id', `${MEMBERS}/1e3`],
  ])('%s → 4xx in Chinese', async (_what, url) => {
    const res = await admin.get(url);
    expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    expect(res.json().message).toMatch(CHINESE);
  });

  it.each([
    ['a null byte in the username', { username: 'admin\u0000', password: 'x' }],
    ['a control character in the username', { username: 'ad\u0008min', password: 'x' }],
    ['a lone surrogate in the username', { username: 'admin\ud800', password: 'x' }],
    ['an object as the username', { username: { $ne: null }, password: 'x' }],
    ['an array as the password', { username: 'admin', password: ['a', 'b'] }],
    ['a 10k-character username', { username: 'u'.repeat(10_000), password: 'x' }],
  ])('login with %s → 4xx in Chinese', async (_what, payload) => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress: nextAddress() });
    expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    expect(res.json().message).toMatch(CHINESE);
  });
});

describe('unusual but valid text', () => {
  it('stores HTML-looking names verbatim and returns them only as JSON', async () => {
    const res = await admin.post(MEMBERS, { name: '<b>张三</b>', term: '<i>第十一届</i>', title: '<script>alert(1)</script>' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const got = await admin.get(`${MEMBERS}/${res.json().id}`);
    expect(got.json()).toMatchObject({ name: '<b>张三</b>', term: '<i>第十一届</i>', title: '<script>alert(1)</script>' });
    const row = await env.db.selectFrom('members').select(['name', 'title']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '<b>张三</b>', title: '<script>alert(1)</script>' });
  });

  it('stores SQL-looking text verbatim and the table survives', async () => {
    const name = "镇'); DROP TABLE orgs; --";
    const res = await admin.post(PLACES, { name, kind: 'township' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe(name);
    const list = await admin.get(`${PLACES}?q=${encodeURIComponent("'); DROP")}`);
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual([name]);
  });

  it('stores emoji and rare characters (well-formed surrogate pairs) verbatim', async () => {
    const res = await admin.post(MEMBERS, { name: '𠀀张三😀', term: '第十一届', committeeIds: [committeeId] });
    expect(res.statusCode, res.body).toBe(201);
    expect((await admin.get(`${MEMBERS}/${res.json().id}`)).json().name).toBe('𠀀张三😀');
  });

  it('trims surrounding spaces and accepts ids given as digits', async () => {
    const res = await admin.post(MEMBERS, { name: '  李四  ', term: ' 第十一届 ', sectorId: String(sectorId) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '李四', term: '第十一届', sectorId });
  });
});
