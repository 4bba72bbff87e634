/**
 * The login throttle under a burst, on the real app and database: claims are taken before any password is
 * checked, so concurrency cannot buy more checks; a source is locked for one account, the account only slowed.
 * The per-address rate limit is raised here so that the throttle alone is under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordVerifications } from './auth.ts';
import { claimAttempt, forgetStaleThrottle, releaseClaim, throttleRules } from './login-throttle.ts';
import { createCounty, createTestApp, createUser, nextAddress, TEST_PASSWORD, type TestEnv } from '../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;

beforeAll(async () => {
  env = await createTestApp({ loginRateLimitMax: 10_000 });
  county = await createCounty(env.db);
});
afterAll(async () => env.close());

const attempt = (username: string, password: string, remoteAddress: string) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

const row = (username: string, source: string) =>
  env.db.selectFrom('login_throttle').selectAll().where('username', '=', username).where('source', '=', source).executeTakeFirst();

describe('login throttle', () => {
  it('checks at most 5 of 100 concurrent wrong passwords from one source, then refuses the right one from there', async () => {
    const u = await createUser(env.db, county.id, ['county_admin']);
    const attacker = nextAddress();
    const before = passwordVerifications();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(u.username, `Wrong@${i}abc`, attacker)));
    expect(passwordVerifications() - before).toBe(5);
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 423)).toHaveLength(96);

    const during = await attempt(u.username, TEST_PASSWORD, attacker);
    expect(during.statusCode).toBe(423);
    expect(during.cookies.find((c) => c.name === 'xs_sid')).toBeUndefined();
    expect(passwordVerifications() - before).toBe(5);

    // Another source logs in; its success does not lift the first source's lock.
    expect((await attempt(u.username, TEST_PASSWORD, nextAddress())).statusCode).toBe(200);
    expect((await attempt(u.username, TEST_PASSWORD, attacker)).statusCode).toBe(423);
  });

  it('keeps the lock after a burst of 30 wrong passwords and the right one', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const from = nextAddress();
    const before = passwordVerifications();
    const answers = await Promise.all([TEST_PASSWORD, ...Array.from({ length: 30 }, (_, i) => `Wrong@${i}abc`)].map((p) => attempt(u.username, p, from)));
    // At most 5 wrong passwords are checked per window. Usually the right one is refused by the lock the wrong
    // ones set. On a loaded machine it may be claimed before the window filled and log in: then it is checked
    // too and, as a success does, starts a new window of 5 — never more than that (without the claims: 31).
    const loggedIn = answers.filter((a) => a.statusCode === 200).length;
    expect(loggedIn).toBeLessThanOrEqual(1);
    expect(passwordVerifications() - before).toBeLessThanOrEqual(5 * (1 + loggedIn) + loggedIn);
    // Without a success in the burst the wrong ones locked the source. With one, the lock stays unless the
    // right password was itself the claim that filled the window (the release order is tested below).
    const locked = (await row(u.username, from))!.blocked_until > Date.now();
    if (loggedIn === 0) expect(locked).toBe(true);
    expect((await attempt(u.username, TEST_PASSWORD, from)).statusCode).toBe(locked ? 423 : 200);
  });

  it('lets a correct password lift only a lock its own claim set', async () => {
    const rules = await throttleRules(env.db, county.id);
    const claims = async (username: string, source: string, n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(await claimAttempt(env.db, username, source, rules));
      return out;
    };
    // The right password claimed first, four wrong ones after it fill the window: its release leaves the lock.
    const early = await createUser(env.db, county.id, ['staff']);
    const [right, ...wrong] = await claims(early.username, 'src-early', rules.maxFailures);
    expect(wrong.at(-1)).toMatchObject({ ok: true, locksSource: true });
    if (!right.ok) throw new Error('the first claim was refused');
    await releaseClaim(env.db, early.username, 'src-early', right);
    expect((await row(early.username, 'src-early'))!.blocked_until).toBeGreaterThan(Date.now());
    expect((await attempt(early.username, TEST_PASSWORD, 'src-early')).statusCode).toBe(423);

    // The right password is the claim that filled the window: nobody claimed after it, so its release clears.
    const last = await createUser(env.db, county.id, ['staff']);
    const filled = (await claims(last.username, 'src-last', rules.maxFailures)).at(-1)!;
    expect(filled).toMatchObject({ ok: true, locksSource: true });
    if (!filled.ok) throw new Error('the last claim was refused');
    await releaseClaim(env.db, last.username, 'src-last', filled);
    expect(await row(last.username, 'src-last')).toMatchObject({ failures: 0, blocked_until: 0 });
    expect((await attempt(last.username, TEST_PASSWORD, 'src-last')).statusCode).toBe(200);
  });

  it('slows the account as a whole with a doubling delay from the 10th failure, without locking it', async () => {
    const u = await createUser(env.db, county.id, ['county_admin']);
    // Ten sources, one wrong password each: no source is locked, the account has 10 failures.
    for (let i = 0; i < 10; i++) expect((await attempt(u.username, 'Wrong@1abc', nextAddress())).statusCode).toBe(401);
    const first = await row(u.username, '*');
    expect(first).toMatchObject({ failures: 10, delay_ms: 2000 });
    expect(first!.blocked_until - Date.now()).toBeGreaterThan(0);
    expect(first!.blocked_until - Date.now()).toBeLessThanOrEqual(2000);

    // During the delay no source gets a check, and the refusal does not count against that source.
    const early = nextAddress();
    const before = passwordVerifications();
    const refused = await attempt(u.username, TEST_PASSWORD, early);
    expect(refused.statusCode).toBe(423);
    expect(refused.json().message).toContain('秒后再试');
    expect(passwordVerifications()).toBe(before);
    expect(await row(u.username, early)).toBeUndefined();

    const pass = () => env.db.updateTable('login_throttle').set({ blocked_until: Date.now() - 1 }).where('username', '=', u.username).where('source', '=', '*').execute();
    await pass();
    expect((await attempt(u.username, 'Wrong@2abc', nextAddress())).statusCode).toBe(401);
    expect(await row(u.username, '*')).toMatchObject({ failures: 11, delay_ms: 4000 });
    await pass();
    expect((await attempt(u.username, 'Wrong@3abc', nextAddress())).statusCode).toBe(401);
    expect(await row(u.username, '*')).toMatchObject({ failures: 12, delay_ms: 8000 });

    // After the delay the right password from anywhere logs in and ends the slowdown.
    await pass();
    expect((await attempt(u.username, TEST_PASSWORD, early)).statusCode).toBe(200);
    expect(await row(u.username, '*')).toMatchObject({ failures: 0, delay_ms: 0, blocked_until: 0 });
  });

  it('forgets rows nobody has tried for a day, but not a lock that still runs', async () => {
    const now = Date.now();
    const day = 24 * 3600_000;
    const rows = [
      { username: 'forget-old', source: '*', failures: 3, blocked_until: 0, delay_ms: 0, updated_at: now - day - 1000 },
      { username: 'forget-recent', source: '*', failures: 3, blocked_until: 0, delay_ms: 0, updated_at: now - day + 60_000 },
      { username: 'forget-locked', source: '10.9.9.9', failures: 5, blocked_until: now + 60_000, delay_ms: 0, updated_at: now - day - 1000 },
    ];
    await env.db.insertInto('login_throttle').values(rows).execute();
    await forgetStaleThrottle(env.db, new Date(now));
    const left = await env.db.selectFrom('login_throttle').select('username').where('username', 'like', 'forget-%').orderBy('username').execute();
    expect(left.map((r) => r.username)).toEqual(['forget-locked', 'forget-recent']);
  });

  it('caps the delay at security.slowdown.maxSeconds', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    await env.db.insertInto('login_throttle').values({ username: u.username, source: '*', failures: 40, blocked_until: 0, delay_ms: 800_000, updated_at: Date.now() }).execute();
    expect((await attempt(u.username, 'Wrong@1abc', nextAddress())).statusCode).toBe(401);
    expect(await row(u.username, '*')).toMatchObject({ failures: 41, delay_ms: 900_000 });
  });
});
