import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, clientFor, createTestApp, type TestEnv } from '../test/helper.ts';

describe('smoke', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await createTestApp(); });
  afterAll(async () => env.close());
  it('an admin lists the townships of their own county only', async () => {
    const a = await createCounty(env.db);
    const b = await createCounty(env.db);
    const { client } = await clientFor(env, a.id, ['county_admin']);
    const res = await client.get('/api/v1/orgs/places?kind=township');
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
    expect(ids).toContain(a.townshipId);
    expect(ids).not.toContain(b.townshipId);
  });
});
