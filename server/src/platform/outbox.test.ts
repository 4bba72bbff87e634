/**
 * The outbox drain: rows are claimed before they are sent, so two drains with a slow gateway send each
 * message once; failures back off and retry, so a two-minute outage loses nothing; an expired claim is
 * sent again; the county's attempt limit ends in `failed`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCounty, createTestApp, type TestEnv } from '../test/helper.ts';
import { drainOutbox, enqueueMessage, type Sender } from './notify.ts';
import { invalidateSettings } from './settings.ts';

let env: TestEnv;
let tenantId: number;
beforeAll(async () => {
  env = await createTestApp();
  tenantId = (await createCounty(env.db)).id;
});
afterAll(async () => env.close());
beforeEach(async () => {
  await env.db.deleteFrom('outbox').execute();
});

const T0 = new Date('2030-06-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

async function enqueue(n: number): Promise<string[]> {
  const recipients = Array.from({ length: n }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
  for (const recipient of recipients) await enqueueMessage(env.db, { tenantId, channel: 'sms', recipient, template: 'clue.resolved', payload: { code: 'X' } });
  // Enqueued "now"; the drains below run at T0 and later.
  await env.db.updateTable('outbox').set({ next_attempt_at: T0.toISOString() }).execute();
  return recipients;
}

/** A sender that counts deliveries per recipient. */
function recorder(opts: { delayMs?: number; failWhile?: () => boolean } = {}) {
  const delivered = new Map<string, number>();
  const sender: Sender = {
    async send(m) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.failWhile?.()) throw new Error('网关不可用');
      delivered.set(m.recipient, (delivered.get(m.recipient) ?? 0) + 1);
    },
  };
  return { sender, delivered };
}

const rows = () => env.db.selectFrom('outbox').selectAll().orderBy('id').execute();

describe('drainOutbox', () => {
  it('sends each message once when two drains run at once with a slow gateway', async () => {
    const recipients = await enqueue(6);
    const { sender, delivered } = recorder({ delayMs: 30 });
    const [a, b] = await Promise.all([drainOutbox(env.db, sender, { now: T0 }), drainOutbox(env.db, sender, { now: T0 })]);
    expect(a + b).toBe(6);
    expect(recipients.map((r) => delivered.get(r))).toEqual(recipients.map(() => 1));
    expect((await rows()).map((r) => [r.status, r.attempts, r.claimed_by])).toEqual(recipients.map(() => ['sent', 1, null]));
    // Nothing is left to send.
    expect(await drainOutbox(env.db, sender, { now: at(60_000) })).toBe(0);
  });

  it('keeps every message through a two-minute outage and delivers each exactly once after it', async () => {
    const recipients = await enqueue(5);
    let clock = T0;
    const { sender, delivered } = recorder({ failWhile: () => clock.getTime() < T0.getTime() + 120_000 });
    // The scheduler's period is 15 s; two processes drain at every tick for ten minutes.
    for (let t = 0; t <= 600_000; t += 15_000) {
      clock = at(t);
      await Promise.all([drainOutbox(env.db, sender, { now: clock }), drainOutbox(env.db, sender, { now: clock })]);
    }
    expect(recipients.map((r) => delivered.get(r))).toEqual(recipients.map(() => 1));
    const after = await rows();
    expect(after.every((r) => r.status === 'sent' && r.last_error === null)).toBe(true);
    // Backoff 30 s, 60 s, 120 s: failed at 0, 30 and 90 s, sent at 210 s — four attempts, not one per tick.
    expect(after.map((r) => r.attempts)).toEqual(recipients.map(() => 4));
  });

  it('backs off exponentially after failures and gives up after the county\'s attempt limit', async () => {
    await env.db.insertInto('settings').values({ tenant_id: tenantId, key: 'outbox.maxAttempts', value_json: '3', updated_at: T0.toISOString(), updated_by: null }).execute();
    invalidateSettings(tenantId);
    try {
      await enqueue(1);
      const { sender } = recorder({ failWhile: () => true });
      await drainOutbox(env.db, sender, { now: T0 });
      expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(30_000).toISOString(), last_error: 'Error: 网关不可用' });
      // Not due yet: untouched.
      await drainOutbox(env.db, sender, { now: at(29_000) });
      expect((await rows())[0]).toMatchObject({ attempts: 1 });
      await drainOutbox(env.db, sender, { now: at(30_000) });
      expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: at(90_000).toISOString() });
      await drainOutbox(env.db, sender, { now: at(90_000) });
      expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 3 });
      await drainOutbox(env.db, sender, { now: at(10 * 3_600_000) });
      expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 3 });
    } finally {
      await env.db.deleteFrom('settings').where('tenant_id', '=', tenantId).where('key', '=', 'outbox.maxAttempts').execute();
      invalidateSettings(tenantId);
    }
  });

  it('returns a claim whose drain died to pending when it expires, and sends it then', async () => {
    const [recipient] = await enqueue(1);
    // This drain's process dies mid-send: the send never returns.
    void drainOutbox(env.db, { send: () => new Promise(() => undefined) }, { now: T0, claimMs: 60_000, owner: 'dead' });
    await expect.poll(async () => (await rows())[0]?.status).toBe('sending');
    const { sender, delivered } = recorder();
    expect(await drainOutbox(env.db, sender, { now: at(59_000) })).toBe(0);
    expect(await drainOutbox(env.db, sender, { now: at(60_000) })).toBe(1);
    expect(delivered.get(recipient!)).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2, claimed_by: null });
  });
});
