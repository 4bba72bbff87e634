/**
 * Hostile input against the public submit endpoint (each a 4xx with a Chinese message, nothing
 * stored) and against the staff full-text search (never a 500).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createMember, createVenue, nextAddress, type TestEnv, createTestApp } from '../../test/helper.ts';
import { CHINESE, clueBody, countClues, createClueWorld, submitClue, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let other: Awaited<ReturnType<typeof createCounty>>;
let otherVenue: number;
let otherMember: number;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  other = await createCounty(env.db);
  otherVenue = (await createVenue(env.db, other.id)).id;
  otherMember = (await createMember(env.db, other.id)).id;
});
afterAll(async () => env.close());

/** A raw request: `payload` is sent as given (string or buffer), with the content type named. */
interface Raw { raw: string | Buffer; contentType?: string; url?: string }
type Hostile = Record<string, unknown> | unknown[] | Raw | null | undefined;

const valid = () => clueBody(w.county);
const deep = (n: number): unknown => (n === 0 ? '路灯不亮已经很久了请尽快维修' : { a: deep(n - 1) });
const deepJson = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const json = (o: unknown) => JSON.stringify(o);

const CASES: [string, () => Hostile][] = [
  ['no body at all', () => undefined],
  ['an empty object', () => ({})],
  ['JSON null', () => ({ raw: 'null', contentType: 'application/json' })],
  ['not JSON', () => ({ raw: '{content: 路灯不亮', contentType: 'application/json' })],
  ['truncated JSON', () => ({ raw: json(valid()).slice(0, -5), contentType: 'application/json' })],
  ['a form-encoded body', () => ({ raw: 'content=路灯不亮已经很久了&category=roads', contentType: 'application/x-www-form-urlencoded' })],
  ['plain text', () => ({ raw: '路灯不亮已经很久了，请尽快修', contentType: 'text/plain' })],
  ['XML', () => ({ raw: '<clue><content>路灯不亮已经很久了</content></clue>', contentType: 'application/xml' })],
  ['an array of bodies', () => [valid()]],
  ['100,000 latin characters of content', () => ({ ...valid(), content: 'a'.repeat(100_000) })],
  ['100,000 Chinese characters of content (over the body limit)', () => ({ ...valid(), content: '路'.repeat(100_000) })],
  ['an oversized body in an unknown field', () => ({ ...valid(), padding: 'x'.repeat(400 * 1024) })],
  ['content with a null byte', () => ({ ...valid(), content: '路灯不亮已经很久了\u0000DROP TABLE clues' })],
  ['content with other control characters', () => ({ ...valid(), content: '路灯不亮已经很久了\u0007\u001b[31m' })],
  ['content with a lone surrogate', () => ({ ...valid(), content: '路灯不亮已经很久了\ud800请修' })],
  ['a place with a lone low surrogate', () => ({ ...valid(), place: '东街\udc00' })],
  ['content that is only spaces', () => ({ ...valid(), content: ' '.repeat(50) })],
  ['content too short', () => ({ ...valid(), content: '路灯坏了' })],
  ['content as a number', () => ({ ...valid(), content: 12345678901234 })],
  ['content as an array', () => ({ ...valid(), content: ['路灯不亮已经很久了', '请尽快维修'] })],
  ['content as a deeply nested object', () => ({ ...valid(), content: deep(200) })],
  ['a body nested 2,000 levels deep', () => ({ raw: deepJson(2000), contentType: 'application/json' })],
  ['a __proto__ key', () => ({ raw: json(valid()).replace(/^\{/, '{"__proto__":{"isAdmin":true},'), contentType: 'application/json' })],
  ['a constructor.prototype key', () => ({ raw: json(valid()).replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'), contentType: 'application/json' })],
  ['an unknown field', () => ({ ...valid(), isAdmin: true })],
  ['a state chosen by the citizen', () => ({ ...valid(), state: 'closed' })],
  ['a staff-only channel', () => ({ ...valid(), channel: 'staff' })],
  ['an unknown category', () => ({ ...valid(), category: 'aliens' })],
  ['an unknown kind', () => ({ ...valid(), kind: 'complaint' })],
  ['a category with <script>', () => ({ ...valid(), category: '<script>alert(1)</script>' })],
  ['SQL in the township id', () => ({ ...valid(), townshipId: '1; DROP TABLE clues; --' })],
  ['SQL in the category', () => ({ ...valid(), category: "roads' OR '1'='1" })],
  ['a negative township id', () => ({ ...valid(), townshipId: -1 })],
  ['township id zero', () => ({ ...valid(), townshipId: 0 })],
  ['a fractional township id', () => ({ ...valid(), townshipId: 1.5 })],
  ['a huge township id', () => ({ ...valid(), townshipId: 1e308 })],
  ['a township id beyond 32 bits', () => ({ ...valid(), townshipId: 2 ** 53 })],
  ['a township id as a hex string', () => ({ ...valid(), townshipId: '0x10' })],
  ['a township id as an array', () => ({ ...valid(), townshipId: [w.county.townshipId] })],
  ['a township id as true', () => ({ ...valid(), townshipId: true })],
  ['a township id as an object', () => ({ ...valid(), townshipId: { id: w.county.townshipId } })],
  ['no township', () => { const b = valid(); delete b.townshipId; return b; }],
  ['another county\'s township', () => ({ ...valid(), townshipId: other.townshipId })],
  ['the county itself as township', () => ({ ...valid(), townshipId: w.county.id })],
  ['a village as township', () => ({ ...valid(), townshipId: w.county.villageId })],
  ['another county\'s village', () => ({ ...valid(), villageId: other.villageId })],
  ['another county\'s venue', () => ({ ...valid(), venueId: otherVenue })],
  ['another county\'s member', () => ({ ...valid(), memberId: otherMember })],
  ['a malformed phone', () => ({ ...valid(), contactPhone: '12345', consent: true })],
  ['a phone with SQL', () => ({ ...valid(), contactPhone: "13800000000' OR 1=1 --", consent: true })],
  ['a name too long', () => ({ ...valid(), contactName: '张'.repeat(21), consent: true })],
  ['consent as a string', () => ({ ...valid(), contactName: '张三', consent: 'yes' })],
  ['photo tokens as a string', () => ({ ...valid(), photoTokens: 'abcdefghijklmnopqrstuvwx' })],
  ['a path in the photo tokens', () => ({ ...valid(), photoTokens: ['../../../../etc/passwd'] })],
  ['an unknown photo token', () => ({ ...valid(), photoTokens: ['AAAAAAAAAAAAAAAAAAAAAAAA'] })],
  ['a county id that is not a number', () => ({ raw: json(valid()), contentType: 'application/json', url: '/api/v1/public/counties/abc/clues' })],
  ['a negative county id', () => ({ raw: json(valid()), contentType: 'application/json', url: '/api/v1/public/counties/-1/clues' })],
  ['a township id in the county place', () => ({ raw: json(valid()), contentType: 'application/json', url: `/api/v1/public/counties/${w.county.townshipId}/clues` })],
  ['another county in the path', () => ({ raw: json(valid()), contentType: 'application/json', url: `/api/v1/public/counties/${other.id}/clues` })],
];

function send(h: Hostile) {
  const base = { method: 'POST' as const, url: `/api/v1/public/counties/${w.county.id}/clues`, remoteAddress: nextAddress() };
  if (h && typeof h === 'object' && !Array.isArray(h) && 'raw' in h) {
    const r = h as Raw;
    return env.app.inject({ ...base, url: r.url ?? base.url, payload: r.raw, headers: r.contentType ? { 'content-type': r.contentType } : {} });
  }
  if (h === undefined) return env.app.inject(base);
  return env.app.inject({ ...base, payload: h as object });
}

describe('hostile submissions', () => {
  it.each(CASES)('refuses %s with a 4xx in Chinese and stores nothing', async (_name, make) => {
    const before = await countClues(env);
    const res = await send(make());
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().message).toMatch(CHINESE);
    expect(res.body).not.toMatch(/stack|sqlite|postgres|select |kysely/i);
    expect(await countClues(env)).toBe(before);
  });

  it('names every wrong field at once', async () => {
    const res = await send({ ...valid(), category: 'aliens', content: '短', townshipId: -3, contactPhone: '123' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().fields as { path: string; message: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['category', 'content', 'townshipId', 'contactPhone']));
    for (const f of res.json().fields) expect(f.message).toMatch(CHINESE);
  });

  it('still takes a plain valid body after all that', async () => {
    await submitClue(env, w.county);
  });
});

describe('markup and odd text that passes validation', () => {
  it('stores "<script>" text verbatim and returns it as JSON data, unescaped and unexecuted', async () => {
    const content = '<script>alert(1)</script>路灯不亮了很久 "引号" \'单引号\' & <b>粗</b> \\ 反斜杠 🚦 é';
    const c = await submitClue(env, w.county, { content, place: '<img src=x onerror=alert(1)>' });
    const row = await env.db.selectFrom('clues').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.content).toBe(content);
    expect(row.place).toBe('<img src=x onerror=alert(1)>');

    const detail = await w.staff.get(`/api/v1/clues/${c.id}`);
    expect(detail.headers['content-type']).toMatch(/^application\/json/);
    expect(detail.headers['x-content-type-options']).toBe('nosniff');
    expect(detail.json()).toMatchObject({ content, place: '<img src=x onerror=alert(1)>' });
    // JSON escapes only what JSON must: no HTML entities, no \u003c rewriting.
    expect(detail.body).toContain('<script>alert(1)</script>');
    expect(detail.body).not.toContain('&lt;');
    expect(detail.body).not.toContain('&amp;');

    const track = await env.app.inject({ method: 'POST', url: '/api/v1/public/clues/track', payload: { code: c.code, secret: c.secret }, remoteAddress: nextAddress() });
    expect(track.json().content).toBe(content);
    expect(track.body).toContain('<script>alert(1)</script>');
  });

  it('exports text that looks like a formula as plain text, never as a formula', async () => {
    const content = '=HYPERLINK("http://evil.example/x","路灯不亮点这里查看详情")';
    const c = await submitClue(env, w.county, { content, place: '+cmd|\' /C calc\'!A0' });
    const res = await w.staff.get(`/api/v1/clues/export?q=${c.code}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const cell = ws.getRow(2).getCell(header.indexOf('内容') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(content);
    expect(res.rawPayload.includes(Buffer.from('<f>'))).toBe(false);
  });

  it('keeps full-width and emoji text, and trims the edges only', async () => {
    const content = '  ＡＢＣ路灯不亮了很久，晚上看不见路🌙🌙  ';
    const c = await submitClue(env, w.county, { content });
    const row = await env.db.selectFrom('clues').select('content').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.content).toBe(content.trim());
  });
});

describe('hostile full-text queries', () => {
  const QUERIES = [
    '"', '""', '"路灯', "'", "''", '-', '--', '-路灯', 'a-b', ':', 'content:路灯', 'search_tokens:路灯', 'OR', 'AND', 'NOT', 'NEAR',
    '路灯 OR 1=1', 'NEAR(路灯 东街)', '(', ')', '((路灯', '路灯)', '()', '。', '。。。', '，、；', '🚦', '🚦路灯🚦', '👨‍👩‍👧', '*', '路*', '^',
    '\\', '%', '_', '%_%', "'; DROP TABLE clues; --", '1=1', '$$', '{}', '[]', '<script>', '&', '|', '!', '~', '@@', '#', '\u3000', '　路灯　',
    'ＯＲ', '\u200b', 'a'.repeat(100), '路'.repeat(100), 'AAAAAAAAAA', '!@#$%^&*()', '\u0000', '路灯\u0000东街',
  ];

  beforeAll(async () => {
    await submitClue(env, w.county, { content: '东街路口的路灯不亮了，晚上出行很不安全' });
  });

  it.each(QUERIES)('answers q=%j with 200', async (q) => {
    const res = await w.staff.get(`/api/v1/clues?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
  });

  it('still finds the clue when the words come with operators around them', async () => {
    for (const q of ['路灯 东街', '"路灯" -东街', '(路灯)', '路灯。', '路灯*', ':路灯:', '🚦路灯', "'路灯'"]) {
      const res = await w.staff.get(`/api/v1/clues?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().total, q).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers broken percent-encoding (a lone surrogate, invalid UTF-8, a bare %) without a 500', async () => {
    for (const raw of ['%ED%A0%80%E8%B7%AF%E7%81%AF', '%ED%BF%BF', '%FF%FE%FD', '%', '%E8%B7', '%%%', '%00%00']) {
      const res = await w.staff.get(`/api/v1/clues?q=${raw}`);
      expect(res.statusCode, raw).toBeLessThan(500);
    }
  });

  it('refuses a query over 100 characters with 400, not 500', async () => {
    const res = await w.staff.get(`/api/v1/clues?q=${encodeURIComponent('路'.repeat(101))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(CHINESE);
  });

  it('answers odd list parameters with 400, not 500', async () => {
    for (const qs of ['page=0', 'page=-1', 'pageSize=1000', 'page=abc', 'state=bogus', 'from=2025-13-45', 'townshipId=-1', 'overdue=2', 'category=%00', 'unknown=1']) {
      const res = await w.staff.get(`/api/v1/clues?${qs}`);
      expect(res.statusCode, qs).toBe(400);
    }
  });
});
