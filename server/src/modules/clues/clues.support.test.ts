/**
 * "我也遇到了" counts one voice per source (client address), clue and day: a burst from one address, even
 * spread over two app instances on the same database, adds one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/helper.ts';
import { buildApp } from '../../app.ts';
import { createClueWorld, publicPost, submitClue, supportTokenOf, type ClueWorld } from './clues.factory.ts';
import { forgetSupportSources, supportClue } from './clues.service.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  // The per-address rate limit (30 a minute) is not what these tests meet.
  env = await createTestApp({ publicRateLimit: { max: 1000, windowMs: 60_000 } });
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const supportersOf = async (id: number) => (await env.db.selectFrom('clues').select('supporters').where('id', '=', id).executeTakeFirstOrThrow()).supporters;

describe('one voice per source a day', () => {
  it('counts 40 requests from one address as one, at once or one after another', async () => {
    const c = await submitClue(env, w.county);
    const token = await supportTokenOf(env, c);
    const answers = await Promise.all(Array.from({ length: 20 }, () => publicPost(env, '/clues/support', { token }, '203.0.113.7')));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    for (let i = 0; i < 20; i++) expect((await publicPost(env, '/clues/support', { token }, '203.0.113.7')).json()).toEqual({ supporters: 1 });
    expect(await supportersOf(c.id)).toBe(1);
    expect(await env.db.selectFrom('clue_supports').selectAll().where('clue_id', '=', c.id).execute()).toHaveLength(1);
  });

  it('counts each address once, and the same address again for another clue', async () => {
    const a = await submitClue(env, w.county);
    const b = await submitClue(env, w.county);
    const [ta, tb] = [await supportTokenOf(env, a), await supportTokenOf(env, b)];
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.1']) await publicPost(env, '/clues/support', { token: ta }, ip);
    expect((await publicPost(env, '/clues/support', { token: tb }, '198.51.100.1')).json()).toEqual({ supporters: 1 });
    expect(await supportersOf(a.id)).toBe(3);
    expect(await supportersOf(b.id)).toBe(1);
  });

  it('counts the same address again the next day, and forgets the sources of past days', async () => {
    const c = await submitClue(env, w.county);
    const token = await supportTokenOf(env, c);
    const day1 = new Date('2026-12-01T10:00:00+08:00');
    const day2 = new Date('2026-12-02T10:00:00+08:00');
    expect(await supportClue(env.db, token, '192.0.2.9', day1)).toEqual({ supporters: 1 });
    expect(await supportClue(env.db, token, '192.0.2.9', new Date('2026-12-01T23:59:00+08:00'))).toEqual({ supporters: 1 });
    expect(await supportClue(env.db, token, '192.0.2.9', day2)).toEqual({ supporters: 2 });
    // The address itself is not stored.
    const rows = await env.db.selectFrom('clue_supports').select(['source', 'day']).where('clue_id', '=', c.id).orderBy('day').execute();
    expect(rows.map((r) => r.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(rows.map((r) => r.source).join()).not.toContain('192.0.2.9');
    expect(await forgetSupportSources(env.db, new Date('2026-12-04T10:00:00+08:00'))).toBeGreaterThanOrEqual(1);
    expect((await env.db.selectFrom('clue_supports').select('day').where('clue_id', '=', c.id).execute()).map((r) => r.day)).toEqual(['2026-12-02']);
  });

  it('counts one across two app instances on the same database', async () => {
    const c = await submitClue(env, w.county);
    const token = await supportTokenOf(env, c);
    const second = await buildApp(env.app.config, { db: env.db, logger: false });
    await second.ready();
    try {
      const both = await Promise.all([env.app, second, env.app, second].map((app) =>
        app.inject({ method: 'POST', url: '/api/v1/public/clues/support', payload: { token }, remoteAddress: '203.0.113.99' })));
      for (const r of both) expect(r.statusCode, r.body).toBe(200);
      expect(await supportersOf(c.id)).toBe(1);
    } finally {
      await second.close();
    }
  });
});
