/**
 * The per-code budget of wrong phone digits: kept in the database (shared by app instances, kept over a
 * restart, not wiped by junk codes), daily and in total, and never in the way of the 8-character secret.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, setSetting, type TestEnv } from '../../test/helper.ts';
import { CHINESE, createClueWorld, submitClue, type ClueWorld } from './clues.factory.ts';
import { forgetTrackFailures } from './clues.track-lock.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  // The per-address rate limit is not what these tests meet.
  env = await createTestApp({ publicRateLimit: { max: 10_000, windowMs: 60_000 } });
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const track = (code: string, secret: string, app = env.app) =>
  app.inject({ method: 'POST', url: '/api/v1/public/clues/track', payload: { code, secret }, remoteAddress: '203.0.113.50' });

/** Four digits that are not the phone's last four. */
const wrong = (i: number, phone: string) => {
  const d = String(1000 + i).padStart(4, '0');
  return d === phone.slice(-4) ? String(9000 + i) : d;
};

async function withPhone(phone: string) {
  return submitClue(env, w.county, { contactPhone: phone, consent: true });
}

const failuresOf = async (code: string) =>
  (await env.db.selectFrom('clue_track_failures').select(['day', 'count']).where('code', '=', code).execute());

describe('wrong phone digits per code', () => {
  it('locks the digits after the daily budget, while the 8-character secret still works', async () => {
    const c = await withPhone('13600001234');
    for (let i = 0; i < 10; i++) expect((await track(c.code, wrong(i, '1234'))).statusCode).toBe(404);
    const locked = await track(c.code, '1234');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toMatch(CHINESE);
    expect(locked.json().message).toContain('8 位查询密码');
    expect((await track(c.code, c.secret)).statusCode).toBe(200);
    expect((await track(c.code, c.secret.toLowerCase())).statusCode).toBe(200);
    // Wrong 8-character secrets are refused but lock nothing.
    for (let i = 0; i < 15; i++) expect((await track(c.code, 'ZZZZZZZ' + String(i % 10))).statusCode).toBe(404);
    expect((await track(c.code, c.secret)).statusCode).toBe(200);
    // Another code is not affected.
    const other = await withPhone('13600005678');
    expect((await track(other.code, '5678')).statusCode).toBe(200);
  });

  it('keeps the count in the database: a new app instance on the same database, and one after a restart, are locked too', async () => {
    const c = await withPhone('13600002468');
    for (let i = 0; i < 6; i++) expect((await track(c.code, wrong(i, '2468'))).statusCode).toBe(404);
    const second = await buildApp(env.app.config, { db: env.db, logger: false });
    await second.ready();
    try {
      for (let i = 6; i < 10; i++) expect((await track(c.code, wrong(i, '2468'), second)).statusCode).toBe(404);
      expect((await track(c.code, '2468', second)).statusCode).toBe(429);
    } finally {
      await second.close();
    }
    // A restart (or another process): the app built from freshly loaded modules, so nothing kept in a module's
    // memory carries over; only the database does.
    vi.resetModules();
    const fresh = (await import('../../app.ts')) as typeof import('../../app.ts');
    const third = await fresh.buildApp(env.app.config, { db: env.db, logger: false });
    await third.ready();
    try {
      expect((await track(c.code, '2468', third)).statusCode).toBe(429);
      expect((await track(c.code, c.secret, third)).statusCode).toBe(200);
    } finally {
      await third.close();
    }
    expect((await track(c.code, '2468')).statusCode).toBe(429);
  });

  it('compares no more digits than the budget however many guesses arrive at once', async () => {
    const c = await withPhone('13600001357');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => track(c.code, wrong(i, '1357'))));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((s) => s === 404)).toHaveLength(10);
    expect(codes.filter((s) => s === 429)).toHaveLength(20);
    expect(await failuresOf(c.code)).toEqual([expect.objectContaining({ count: 10 })]);
  });

  it('does not count a right guess, and takes digits again the next day', async () => {
    const c = await withPhone('13600009753');
    for (let i = 0; i < 9; i++) await track(c.code, wrong(i, '9753'));
    for (let i = 0; i < 3; i++) expect((await track(c.code, '9753')).statusCode).toBe(200);
    expect(await failuresOf(c.code)).toEqual([expect.objectContaining({ count: 9 })]);
    await track(c.code, wrong(20, '9753'));
    expect((await track(c.code, '9753')).statusCode).toBe(429);
    // Yesterday's count does not hold today.
    await env.db.updateTable('clue_track_failures').set({ day: '2026-01-01' }).where('code', '=', c.code).execute();
    expect((await track(c.code, '9753')).statusCode).toBe(200);
  });

  it('stops the digits for good once the total budget is spent over many days', async () => {
    const c = await withPhone('13600008642');
    const days = Array.from({ length: 10 }, (_, i) => `2026-0${1 + Math.floor(i / 3)}-1${i % 3}`);
    await env.db.insertInto('clue_track_failures').values(days.map((day) => ({ code: c.code, day, count: 10 }))).execute();
    expect((await track(c.code, '8642')).statusCode).toBe(429);
    expect((await track(c.code, c.secret)).statusCode).toBe(200);
  });

  it('takes its budgets from the county settings', async () => {
    await setSetting(env.db, w.county.id, 'clue.track.phoneFailuresPerDay', 3);
    try {
      const c = await withPhone('13600003579');
      for (let i = 0; i < 3; i++) expect((await track(c.code, wrong(i, '3579'))).statusCode).toBe(404);
      expect((await track(c.code, '3579')).statusCode).toBe(429);
    } finally {
      await setSetting(env.db, w.county.id, 'clue.track.phoneFailuresPerDay', 10);
    }
  });

  it('locks an unknown code the same way (a lock says nothing about whether a code exists), and is not wiped by junk codes', async () => {
    const c = await withPhone('13600004321');
    for (let i = 0; i < 10; i++) await track(c.code, wrong(i, '4321'));
    for (let i = 0; i < 10; i++) expect((await track('ZZZZZZZZZ2', String(2000 + i))).statusCode).toBe(404);
    expect((await track('ZZZZZZZZZ2', '2099')).statusCode).toBe(429);
    for (let i = 0; i < 200; i++) await track(`JUNK${String(i).padStart(6, '0')}`, '0000');
    expect((await track(c.code, '4321')).statusCode).toBe(429);
    // The cleanup forgets junk codes after two days and keeps real ones for a year.
    await env.db.updateTable('clue_track_failures').set({ day: '2026-01-01' }).where('code', 'in', [c.code, 'ZZZZZZZZZ2']).execute();
    await forgetTrackFailures(env.db, new Date('2026-01-05T12:00:00+08:00'));
    expect(await failuresOf('ZZZZZZZZZ2')).toEqual([]);
    expect(await failuresOf(c.code)).toEqual([{ day: '2026-01-01', count: 10 }]);
  });
});
