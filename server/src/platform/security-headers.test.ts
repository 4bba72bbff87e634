/** Security headers on every kind of response: a public read, a refused request, a validation error, a missing route. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../test/helper.ts';
import { helmetHeaders } from './security-headers.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestApp(); });
afterAll(async () => env.close());

describe('security headers', () => {
  it('are helmet\'s, with our Content-Security-Policy', () => {
    const h = helmetHeaders();
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['content-security-policy']).toContain("img-src 'self' data: blob:");
    expect(h['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(h['referrer-policy']).toBe('no-referrer');
  });

  it('come on success, 401, 400 and 404 alike', async () => {
    const expected = helmetHeaders();
    const responses = await Promise.all([
      env.app.inject({ method: 'GET', url: '/api/health' }),
      env.app.inject({ method: 'GET', url: '/api/v1/orgs/sectors' }),
      env.app.inject({ method: 'POST', url: '/api/v1/public/counties/abc/clues', payload: {} }),
      env.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 400, 404]);
    for (const res of responses) {
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${res.statusCode} ${name}`).toBe(value);
    }
  });
});
