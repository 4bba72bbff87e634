/**
 * The client address that rate limits, the login throttle, audit entries and sessions record: by default the
 * TCP peer, whatever X-Forwarded-For says; a proxy's header is believed only from the peers TRUST_PROXY names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createCounty, createTestApp, createUser, TEST_PASSWORD, type TestEnv } from '../test/helper.ts';

const byDefault = loadConfig({});

let env: TestEnv;
let proxied: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;

beforeAll(async () => {
  // The default trust (none), with a public limit of 4 requests a minute on the county list.
  env = await createTestApp({ trustProxy: byDefault.trustProxy, publicRateLimit: { max: 1, windowMs: 60_000 } });
  proxied = await createTestApp({ trustProxy: loadConfig({ TRUST_PROXY: '10.0.0.1' }).trustProxy });
  county = await createCounty(env.db);
});
afterAll(async () => {
  await env.close();
  await proxied.close();
});

async function loginFrom(e: TestEnv, username: string, remoteAddress: string, forwardedFor: string) {
  const res = await e.app.inject({
    method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD }, remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
  });
  expect(res.statusCode, res.body).toBe(200);
  const session = await e.db.selectFrom('sessions').select('ip').innerJoin('users', 'users.id', 'sessions.user_id').where('users.username', '=', username).executeTakeFirstOrThrow();
  const audit = await e.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { session: session.ip, audit: audit.ip };
}

describe('client address', () => {
  it('trusts no proxy by default', () => {
    expect(byDefault.trustProxy).toBe(false);
  });

  it('does not let a peer on a private network dodge the public rate limit with a forged X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await env.app.inject({ url: '/api/v1/public/counties', remoteAddress: '10.20.30.40', headers: { 'x-forwarded-for': `8.8.8.${i}` } });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 429]);
  });

  it('records the peer, not a forged X-Forwarded-For, in the session and the audit log — from a private network or loopback', async () => {
    for (const peer of ['192.168.1.5', '127.0.0.1']) {
      const u = await createUser(env.db, county.id, ['staff']);
      expect(await loginFrom(env, u.username, peer, '8.8.8.8')).toEqual({ session: peer, audit: peer });
    }
  });

  it('believes X-Forwarded-For from the proxy the operator named, and only from it', async () => {
    const c = await createCounty(proxied.db);
    const viaProxy = await createUser(proxied.db, c.id, ['staff']);
    expect(await loginFrom(proxied, viaProxy.username, '10.0.0.1', '203.0.113.5')).toEqual({ session: '203.0.113.5', audit: '203.0.113.5' });
    const direct = await createUser(proxied.db, c.id, ['staff']);
    expect(await loginFrom(proxied, direct.username, '10.0.0.2', '203.0.113.5')).toEqual({ session: '10.0.0.2', audit: '10.0.0.2' });
  });

  it('reads a hop count as that many trusted proxies', async () => {
    const hops = loadConfig({ TRUST_PROXY: '1' }).trustProxy;
    expect(typeof hops).toBe('function');
    const trusts = hops as (address: string, hop: number) => boolean;
    expect([trusts('10.0.0.1', 0), trusts('10.0.0.1', 1)]).toEqual([true, false]);
  });
});
