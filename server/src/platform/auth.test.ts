import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PASSWORD_COST } from '../config.ts';
import type { Db } from '../db/database.ts';
import {
  clientFor, countRows, createCounty, createTestApp, createUser, login, nextAddress, setSetting, TEST_PASSWORD, TEST_PASSWORD_COST, type TestEnv,
} from '../test/helper.ts';
import { hashPassword, passwordVerifications, standInHash } from './auth.ts';
import { configWarnings } from '../config.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
});
afterAll(async () => env.close());

const attempt = (username: string, password: string, remoteAddress = nextAddress()) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

const auditOf = (db: Db, action: string, actorId?: number) => {
  let q = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (actorId !== undefined) q = q.where('actor_id', '=', actorId);
  return q.orderBy('id').execute();
};

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('login', () => {
  it('sets an httpOnly SameSite session cookie, stores only the token hash and audits auth.login', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const res = await attempt(u.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'xs_sid');
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toMatch(/^(Lax|Strict)$/);
    expect(cookie!.path).toBe('/');
    expect((res.json() as { csrfToken: string }).csrfToken).toMatch(/^[\w-]{20,}$/);

    const sessions = await env.db.selectFrom('sessions').selectAll().where('user_id', '=', u.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).toBe(createHash('sha256').update(cookie!.value).digest('hex'));
    expect(sessions[0]!.id).not.toBe(cookie!.value);

    const audit = await auditOf(env.db, 'auth.login', u.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenant_id: county.id, result: 'success', entity: 'user', entity_id: u.id });

    const me = await env.app.inject({ url: '/api/v1/auth/me', cookies: { xs_sid: cookie!.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: u.id }, tenant: { id: county.id } });
  });

  it('makes the session cookie Secure unless SECURE_COOKIES=0 puts the server on plain HTTP, and warns at start-up then', async () => {
    expect(configWarnings(loadConfig({}))).toEqual([]);
    const plain = loadConfig({ SECURE_COOKIES: '0' });
    expect(configWarnings(plain)).toEqual([expect.stringContaining('Secure')]);
    for (const [config, secure] of [[loadConfig({}), true], [plain, false]] as const) {
      const e = await createTestApp({ secureCookies: config.secureCookies });
      try {
        const c = await createCounty(e.db);
        const u = await createUser(e.db, c.id, ['staff']);
        const res = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.find((x) => x.name === 'xs_sid')!.secure ?? false).toBe(secure);
      } finally {
        await e.close();
      }
    }
  });

  it('refuses a wrong password with 401 and audits auth.login_failed', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const res = await attempt(u.username, 'Wrong@9999');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthenticated', message: expect.stringContaining('用户名或密码错误') });
    expect(res.cookies.find((c) => c.name === 'xs_sid')).toBeUndefined();
    const audit = await auditOf(env.db, 'auth.login_failed', u.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ result: 'failure', tenant_id: county.id });
    expect(await env.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
  });

  it('answers an unknown account like a wrong password, and audits it', async () => {
    const before = (await auditOf(env.db, 'auth.login_failed')).length;
    const res = await attempt('no-such-user', TEST_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: '用户名或密码错误' });
    const audit = await auditOf(env.db, 'auth.login_failed');
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)!.summary).toContain('no-such-user');
  });

  it('does not tell a real account from an unknown one: same answers up to and through the lock, one hash check each', async () => {
    const u = await createUser(env.db, county.id, ['county_admin']);
    const real = nextAddress();
    const unknown = nextAddress();
    for (let i = 1; i <= 6; i++) {
      const checks = passwordVerifications();
      const a = await attempt(u.username, `Wrong@${i}abc`, real);
      const realChecks = passwordVerifications() - checks;
      const b = await attempt(`no-such-${u.username}`, `Wrong@${i}abc`, unknown);
      expect([a.statusCode, a.json()], `attempt ${i}`).toEqual([b.statusCode, b.json()]);
      // The unknown name costs the same argon2 check as the real one (none once locked).
      expect(passwordVerifications() - checks - realChecks, `attempt ${i}`).toBe(realChecks);
    }
  });

  it('refuses a disabled user even with the right password, and ends their open sessions', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const session = await login(env.app, u.username);
    await env.db.updateTable('users').set({ active: 0 }).where('id', '=', u.id).execute();
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('limits login attempts per address', async () => {
    const address = nextAddress();
    const codes: number[] = [];
    // A different name each time: five tries at one name would lock it for this address (see lockout).
    for (let i = 0; i < 21; i++) codes.push((await attempt(`nobody-at-all-${i}`, 'x', address)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
    const res = await attempt('nobody-at-all', 'x', address);
    expect(res.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('ends the session on logout', async () => {
    const { client } = await clientFor(env, county.id, ['staff']);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('lockout', () => {
  const throttleRow = (username: string, source: string) =>
    env.db.selectFrom('login_throttle').select(['failures', 'blocked_until']).where('username', '=', username).where('source', '=', source).executeTakeFirst();
  const endLock = (username: string, source: string) =>
    env.db.updateTable('login_throttle').set({ blocked_until: Date.now() - 1000 }).where('username', '=', username).where('source', '=', source).execute();

  it('locks a source after 5 failures with 423, refuses even the right password from it, and keeps the count', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const from = nextAddress();
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(u.username, `Wrong@${i}abc`, from);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    const fifth = await attempt(u.username, 'Wrong@5abc', from);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ error: 'locked', message: expect.stringContaining('锁定') });
    expect(await auditOf(env.db, 'auth.locked', u.id)).toHaveLength(1);

    const locked = await attempt(u.username, TEST_PASSWORD, from);
    expect(locked.statusCode).toBe(423);
    expect(locked.cookies.find((c) => c.name === 'xs_sid')).toBeUndefined();
    const row = await throttleRow(u.username, from);
    // The lock keeps the count (a reset would let attempts already under way start over), for 15 minutes by default.
    expect(row!.failures).toBe(5);
    expect(row!.blocked_until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(row!.blocked_until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    await endLock(u.username, from);
    expect((await attempt(u.username, TEST_PASSWORD, from)).statusCode).toBe(200);
    expect(await throttleRow(u.username, from)).toMatchObject({ failures: 0, blocked_until: 0 });
  });

  it('allows another 5 checks, not more, once a lock has passed', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const from = nextAddress();
    for (let i = 0; i < 5; i++) await attempt(u.username, 'Wrong@1abc', from);
    await endLock(u.username, from);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt(u.username, 'Wrong@2abc', from)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('a successful login resets the failure count of its source', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const from = nextAddress();
    for (let i = 0; i < 4; i++) await attempt(u.username, 'Wrong@1abc', from);
    expect((await attempt(u.username, TEST_PASSWORD, from)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(u.username, 'Wrong@1abc', from)).statusCode).toBe(401);
  });

  it('locks only the source: another address still logs in, and its success leaves the lock in place', async () => {
    const u = await createUser(env.db, county.id, ['county_admin']);
    const attacker = nextAddress();
    for (let i = 0; i < 5; i++) await attempt(u.username, 'Wrong@1abc', attacker);
    expect((await attempt(u.username, TEST_PASSWORD, nextAddress())).statusCode).toBe(200);
    expect((await attempt(u.username, TEST_PASSWORD, attacker)).statusCode).toBe(423);
  });

  it('takes the number of failures and the lock length from the county settings', async () => {
    const other = await createCounty(env.db);
    await setSetting(env.db, other.id, 'security.lockout.maxFailures', 3);
    await setSetting(env.db, other.id, 'security.lockout.minutes', 60);
    const u = await createUser(env.db, other.id, ['staff']);
    const from = nextAddress();
    expect((await attempt(u.username, 'Wrong@1abc', from)).statusCode).toBe(401);
    expect((await attempt(u.username, 'Wrong@2abc', from)).statusCode).toBe(401);
    const third = await attempt(u.username, 'Wrong@3abc', from);
    expect(third.statusCode).toBe(423);
    expect(third.json().message).toContain('60 分钟');
    const row = await throttleRow(u.username, from);
    expect(row!.blocked_until - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await attempt(u.username, TEST_PASSWORD, from)).statusCode).toBe(423);

    // The default county still allows five.
    const v = await createUser(env.db, county.id, ['staff']);
    for (let i = 0; i < 3; i++) expect((await attempt(v.username, 'Wrong@1abc', from)).statusCode).toBe(401);
  });

  it('an admin can clear a lock', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const from = nextAddress();
    for (let i = 0; i < 5; i++) await attempt(u.username, 'Wrong@1abc', from);
    const { client: admin } = await clientFor(env, county.id, ['county_admin']);
    const listed = (await admin.get(`/api/v1/users?q=${u.username}`)).json().items.find((x: { id: number }) => x.id === u.id);
    expect(listed.locked).toBe(true);
    const res = await admin.patch(`/api/v1/users/${u.id}`, { unlock: true, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await attempt(u.username, TEST_PASSWORD, from)).statusCode).toBe(200);
  });
});

describe('sessions per user', () => {
  it('a new login keeps the earlier sessions up to the cap of 5, then ends the oldest first', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const devices = [];
    for (let i = 0; i < 5; i++) devices.push(await login(env.app, u.username));
    for (const d of devices) expect((await d.get('/api/v1/auth/me')).statusCode).toBe(200);
    const sixth = await login(env.app, u.username);
    expect((await devices[0]!.get('/api/v1/auth/me')).statusCode).toBe(401);
    for (const d of [...devices.slice(1), sixth]) expect((await d.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await env.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toHaveLength(5);
  });

  it('takes the cap from the county settings', async () => {
    const other = await createCounty(env.db);
    await setSetting(env.db, other.id, 'security.maxSessionsPerUser', 1);
    const u = await createUser(env.db, other.id, ['staff']);
    const first = await login(env.app, u.username);
    const second = await login(env.app, u.username);
    expect((await first.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('signs out the other devices and keeps this one', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const [here, phone, laptop] = [await login(env.app, u.username), await login(env.app, u.username), await login(env.app, u.username)];
    const res = await here.post('/api/v1/auth/logout-others');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await phone.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await here.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await auditOf(env.db, 'auth.logout_others', u.id)).toHaveLength(1);
    // Another user's sessions are not touched, and the route needs a session and the CSRF token.
    const { client: neighbour } = await clientFor(env, county.id, ['staff']);
    expect((await here.post('/api/v1/auth/logout-others')).json()).toEqual({ ended: 0 });
    expect((await neighbour.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout-others' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout-others', cookies: { xs_sid: here.cookie } })).statusCode).toBe(403);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without or with a wrong x-csrf-token and changes nothing', async () => {
    const { client } = await clientFor(env, county.id, ['county_admin']);
    const { client: other } = await clientFor(env, county.id, ['county_admin']);
    const sectors = await countRows(env.db, 'sectors');
    const audit = await countRows(env.db, 'audit_log');
    for (const headers of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': other.csrf }, { 'x-csrf-token': client.csrf.slice(0, -1) }]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/v1/orgs/sectors', cookies: { xs_sid: client.cookie }, headers, payload: { name: '未授权界别' } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf_failed', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
    const township = county.townshipId;
    const del = await env.app.inject({ method: 'DELETE', url: `/api/v1/orgs/places/${county.villageId}`, cookies: { xs_sid: client.cookie } });
    expect(del.statusCode).toBe(403);
    const patch = await env.app.inject({ method: 'PATCH', url: `/api/v1/orgs/places/${township}`, cookies: { xs_sid: client.cookie }, payload: { name: '改名', version: 1 } });
    expect(patch.statusCode).toBe(403);
    expect(await countRows(env.db, 'sectors')).toBe(sectors);
    expect(await countRows(env.db, 'audit_log')).toBe(audit);
    expect(await env.db.selectFrom('orgs').select(['name', 'version']).where('id', '=', township).executeTakeFirst()).toEqual({ name: '城关镇', version: 1 });
    expect(await env.db.selectFrom('orgs').select('id').where('id', '=', county.villageId).executeTakeFirst()).toBeDefined();
    // The same request with the token goes through.
    expect((await client.post('/api/v1/orgs/sectors', { name: '授权界别' })).statusCode).toBe(201);
  });

  it('does not ask for the token on reads', async () => {
    const { client } = await clientFor(env, county.id, ['staff']);
    const res = await env.app.inject({ url: '/api/v1/auth/me', cookies: { xs_sid: client.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('idle timeout', () => {
  const setLastSeen = (client: { cookie: string }, at: string) =>
    env.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', createHash('sha256').update(client.cookie).digest('hex')).execute();
  const sessionExists = async (client: { cookie: string }) =>
    !!(await env.db.selectFrom('sessions').select('id').where('id', '=', createHash('sha256').update(client.cookie).digest('hex')).executeTakeFirst());

  it('ends a session idle for 31 minutes and deletes its row', async () => {
    const { client } = await clientFor(env, county.id, ['staff']);
    await setLastSeen(client, minutesAgo(31));
    const res = await client.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('超时');
    expect(await sessionExists(client)).toBe(false);
  });

  it('keeps a session idle for 29 minutes and renews its last activity', async () => {
    const { client } = await clientFor(env, county.id, ['staff']);
    await setLastSeen(client, minutesAgo(29));
    const asked = Date.now();
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const row = await env.db.selectFrom('sessions').select('last_seen_at').where('id', '=', createHash('sha256').update(client.cookie).digest('hex')).executeTakeFirstOrThrow();
    // Renewed by this request (no bound on how long the request took).
    expect(Date.parse(row.last_seen_at)).toBeGreaterThanOrEqual(asked);
  });

  it('takes the idle limit from the county settings', async () => {
    const other = await createCounty(env.db);
    await setSetting(env.db, other.id, 'security.idleMinutes', 10);
    const { client } = await clientFor(env, other.id, ['staff']);
    await setLastSeen(client, minutesAgo(11));
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('password hashing cost', () => {
  const PRODUCTION_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

  it('is the real argon2id cost (19 MiB, 2 passes) in the configuration a server starts with', async () => {
    expect(PASSWORD_COST).toEqual({ memoryCost: 19_456, timeCost: 2 });
    // Whatever the environment says: there is no variable that lowers it.
    expect(loadConfig({}).passwordCost).toEqual(PASSWORD_COST);
    expect(loadConfig(process.env).passwordCost).toEqual(PASSWORD_COST);
    expect(await hashPassword('Abcdefg123', loadConfig({}).passwordCost)).toMatch(PRODUCTION_PREFIX);
    expect(await standInHash(loadConfig({}).passwordCost)).toMatch(PRODUCTION_PREFIX);
  });

  it('is the configured one for the hashes the app writes (the harness configures a test cost)', async () => {
    expect(env.app.config.passwordCost).toEqual(TEST_PASSWORD_COST);
    const { client: admin } = await clientFor(env, county.id, ['county_admin']);
    const res = await admin.post('/api/v1/users', { username: 'cost.user', displayName: '成本测试', roles: ['staff'], password: 'Abcdefg123' });
    expect(res.statusCode, res.body).toBe(201);
    const row = await env.db.selectFrom('users').select('password_hash').where('username', '=', 'cost.user').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(`$argon2id$v=19$m=${TEST_PASSWORD_COST.memoryCost},t=${TEST_PASSWORD_COST.timeCost},p=1$`);
    expect((await attempt('cost.user', 'Abcdefg123')).statusCode).toBe(200);
  });
});

describe('passwords', () => {
  it('enforces the password policy when an admin creates a user', async () => {
    const { client: admin } = await clientFor(env, county.id, ['county_admin']);
    const base = { username: 'policy.user', displayName: '密码测试', roles: ['staff'] };
    const short = await admin.post('/api/v1/users', { ...base, password: 'Ab1!x' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields).toEqual([{ path: 'password', message: '密码至少 8 位' }]);
    const twoKinds = await admin.post('/api/v1/users', { ...base, password: 'abcdefgh123' });
    expect(twoKinds.statusCode).toBe(400);
    expect(twoKinds.json().fields).toEqual([{ path: 'password', message: expect.stringContaining('至少三类') }]);
    expect(await env.db.selectFrom('users').select('id').where('username', '=', 'policy.user').executeTakeFirst()).toBeUndefined();
    const ok = await admin.post('/api/v1/users', { ...base, password: 'Abcdefg123' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await attempt('policy.user', 'Abcdefg123')).statusCode).toBe(200);
  });

  it('enforces the policy when an admin resets a password', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const { client: admin } = await clientFor(env, county.id, ['county_admin']);
    const res = await admin.patch(`/api/v1/users/${u.id}`, { password: 'password', version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('enforces the policy on change and checks the current password', async () => {
    const { client } = await clientFor(env, county.id, ['staff']);
    const short = await client.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Aa1!' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields).toEqual([{ path: 'newPassword', message: '密码至少 8 位' }]);
    const twoKinds = await client.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'ABCDEFGHIJ!!' });
    expect(twoKinds.statusCode).toBe(400);
    expect(twoKinds.json().fields[0].message).toContain('至少三类');
    const wrong = await client.post('/api/v1/auth/password', { currentPassword: 'Not@theone1', newPassword: 'Newpass@2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    const same = await client.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.statusCode).toBe(400);
  });

  it('counts wrong current passwords toward the login lockout and stops checking them once locked', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const client = await login(env.app, u.username);
    const from = nextAddress();
    const change = (currentPassword: string) => env.app.inject({
      method: 'POST', url: '/api/v1/auth/password', remoteAddress: from,
      cookies: { xs_sid: client.cookie }, headers: { 'x-csrf-token': client.csrf }, payload: { currentPassword, newPassword: 'Newpass@2026' },
    });
    // Two wrong logins and three wrong current passwords from one address: the fifth locks it.
    for (let i = 0; i < 2; i++) expect((await attempt(u.username, 'Wrong@1abc', from)).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await change('Wrong@2abc')).statusCode).toBe(400);
    const fifth = await change('Wrong@3abc');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ error: 'locked' });

    const checks = passwordVerifications();
    expect((await change(TEST_PASSWORD)).statusCode).toBe(423);
    expect((await attempt(u.username, TEST_PASSWORD, from)).statusCode).toBe(423);
    expect(passwordVerifications()).toBe(checks);
    // Nothing was changed: elsewhere the old password still logs in.
    expect((await attempt(u.username, TEST_PASSWORD, nextAddress())).statusCode).toBe(200);
    expect(await auditOf(env.db, 'auth.password_changed', u.id)).toEqual([]);
  });

  it('changing the password ends the user\'s other sessions, keeps this one and retires the old password', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const here = await login(env.app, u.username);
    const elsewhere = await login(env.app, u.username);
    const res = await here.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Newpass@2026' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await here.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await env.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toHaveLength(1);
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await attempt(u.username, 'Newpass@2026')).statusCode).toBe(200);
    expect(await auditOf(env.db, 'auth.password_changed', u.id)).toHaveLength(1);
  });

  it('asks for a change when the password is older than the county allows', async () => {
    const u = await createUser(env.db, county.id, ['staff']);
    const client = await login(env.app, u.username);
    expect((await client.get('/api/v1/auth/me')).json().mustChangePassword).toBe(false);
    await env.db.updateTable('users').set({ password_changed_at: new Date(Date.now() - 91 * 86_400_000).toISOString() }).where('id', '=', u.id).execute();
    expect((await client.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('with an expired password opens only the account routes until the password is changed', async () => {
    const u = await createUser(env.db, county.id, ['county_admin']);
    const client = await login(env.app, u.username);
    expect((await client.get('/api/v1/orgs/places')).statusCode).toBe(200);
    await env.db.updateTable('users').set({ password_changed_at: '1970-01-01T00:00:00.000Z' }).where('id', '=', u.id).execute();
    const refused = await client.get('/api/v1/orgs/places');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('密码已过期');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Renewed@2026' })).statusCode).toBe(200);
    expect((await client.get('/api/v1/orgs/places')).statusCode).toBe(200);
  });
});

describe('switching tenant', () => {
  /** A second city with one county, for "another city's county". */
  async function otherCityCounty(db: Db) {
    const now = new Date().toISOString();
    const city = await db.insertInto('orgs').values({ parent_id: null, tenant_id: 0, kind: 'city', name: '另一个市政协', code: null, sort: 0, created_at: now, version: 1 })
      .returning('id').executeTakeFirstOrThrow();
    await db.updateTable('orgs').set({ tenant_id: city.id }).where('id', '=', city.id).execute();
    const c = await db.insertInto('orgs').values({ parent_id: city.id, tenant_id: 0, kind: 'county', name: '外市某县', code: null, sort: 0, created_at: now, version: 1 })
      .returning('id').executeTakeFirstOrThrow();
    await db.updateTable('orgs').set({ tenant_id: c.id }).where('id', '=', c.id).execute();
    return c.id;
  }

  it('gives a city user read-only access inside one of its counties', async () => {
    const member = await env.db.insertInto('members').values({ tenant_id: county.id, name: '县里委员', gender: null, phone: null, sector_id: null, township_id: null, term: '第十一届', title: null, status: 'active', version: 1, created_at: new Date().toISOString() })
      .returning('id').executeTakeFirstOrThrow();
    const { client } = await clientFor(env, county.cityId, ['city_admin']);
    const tenants = (await client.get('/api/v1/auth/tenants')).json().items.map((t: { id: number }) => t.id);
    expect(tenants).toContain(county.id);

    const res = await client.post('/api/v1/auth/switch-tenant', { tenantId: county.id });
    expect(res.statusCode, res.body).toBe(200);
    const me = (await client.get('/api/v1/auth/me')).json();
    expect(me.tenant.id).toBe(county.id);
    expect(me.permissions).not.toContain('member.manage');

    const list = await client.get('/api/v1/members');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { id: number }) => m.id)).toContain(member.id);

    const sectors = await countRows(env.db, 'sectors');
    const write = await client.post('/api/v1/orgs/sectors', { name: '市里加的界别' });
    expect(write.statusCode).toBe(403);
    expect((await client.patch(`/api/v1/members/${member.id}`, { name: '改名', version: 1 })).statusCode).toBe(403);
    expect(await countRows(env.db, 'sectors')).toBe(sectors);
    expect(await auditOf(env.db, 'auth.switch_tenant')).not.toHaveLength(0);

    // Back home, the city admin manages its own tenant again.
    expect((await client.post('/api/v1/auth/switch-tenant', { tenantId: county.cityId })).statusCode).toBe(200);
    expect((await client.post('/api/v1/orgs/sectors', { name: '市级界别' })).statusCode).toBe(201);
  });

  it('refuses a county of another city, a township and a county user switching counties, with 404', async () => {
    const foreign = await otherCityCounty(env.db);
    const { client } = await clientFor(env, county.cityId, ['city_viewer']);
    for (const tenantId of [foreign, county.townshipId, county.villageId, 999_999]) {
      const res = await client.post('/api/v1/auth/switch-tenant', { tenantId });
      expect(res.statusCode, `tenant ${tenantId}`).toBe(404);
    }
    expect((await client.get('/api/v1/auth/me')).json().tenant.id).toBe(county.cityId);

    const neighbour = await createCounty(env.db);
    const { client: countyUser } = await clientFor(env, county.id, ['county_admin']);
    expect((await countyUser.post('/api/v1/auth/switch-tenant', { tenantId: neighbour.id })).statusCode).toBe(404);
    expect((await countyUser.get('/api/v1/auth/me')).json().tenant.id).toBe(county.id);
  });
});
