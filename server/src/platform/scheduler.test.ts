/**
 * The scheduler's claims on `scheduled_jobs`: two processes asking at once run a job once, a failed run
 * records its error, a crashed owner's hold expires, and admins read the jobs' health.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createTestApp, type TestEnv } from '../test/helper.ts';
import { defineJob, runDueJobs } from './scheduler.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env.close());

const MIN = 60_000;
const row = (name: string) => env.db.selectFrom('scheduled_jobs').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
const later = (t: Date, ms: number) => new Date(t.getTime() + ms);

describe('runDueJobs', () => {
  it('runs a job once when two processes ask at the same instant, even while the run is slow', async () => {
    let running = 0;
    let runs = 0;
    let overlapped = false;
    defineJob({
      name: 'test.slow', everyMs: MIN,
      run: async () => {
        runs += 1;
        running += 1;
        overlapped ||= running > 1;
        await new Promise((r) => setTimeout(r, 50));
        running -= 1;
      },
    });
    const now = new Date('2030-01-01T00:00:00.000Z');
    await Promise.all([runDueJobs(env.db, now, { owner: 'host-a:1' }), runDueJobs(env.db, now, { owner: 'host-b:2' })]);
    expect(runs).toBe(1);
    expect(overlapped).toBe(false);
    const r = await row('test.slow');
    expect(r).toMatchObject({ run_count: 1, locked_until: null, last_error: null, last_started_at: now.toISOString(), next_run_at: later(now, MIN).toISOString() });
    expect(['host-a:1', 'host-b:2']).toContain(r.owner);

    // Within the period neither process runs it again; after it, one does.
    await Promise.all([runDueJobs(env.db, later(now, 30_000), { owner: 'host-a:1' }), runDueJobs(env.db, later(now, 30_000), { owner: 'host-b:2' })]);
    expect(runs).toBe(1);
    await Promise.all([runDueJobs(env.db, later(now, MIN), { owner: 'host-a:1' }), runDueJobs(env.db, later(now, MIN), { owner: 'host-b:2' })]);
    expect(runs).toBe(2);
    expect((await row('test.slow')).run_count).toBe(2);
  });

  it('records a failed run\'s error, and clears it after a run that succeeds', async () => {
    let fail = true;
    defineJob({ name: 'test.flaky', everyMs: MIN, run: async () => { if (fail) throw new Error('短信网关不可用'); } });
    const now = new Date('2031-01-01T00:00:00.000Z');
    await runDueJobs(env.db, now);
    expect(await row('test.flaky')).toMatchObject({ last_error: '短信网关不可用', failure_count: 1, run_count: 1, locked_until: null });
    expect((await row('test.flaky')).last_finished_at).not.toBeNull();

    fail = false;
    await runDueJobs(env.db, later(now, MIN));
    expect(await row('test.flaky')).toMatchObject({ last_error: null, failure_count: 1, run_count: 2 });
  });

  it('lets another process take a job whose owner died mid-run once the hold expires', async () => {
    let runs = 0;
    defineJob({
      name: 'test.crash', everyMs: MIN, leaseMs: 10 * MIN,
      // The first run never ends: its process died holding the job.
      run: () => (++runs === 1 ? new Promise(() => undefined) : Promise.resolve()),
    });
    const now = new Date('2032-01-01T00:00:00.000Z');
    void runDueJobs(env.db, now, { owner: 'dead:1' });
    await expect.poll(async () => (await row('test.crash')).owner).toBe('dead:1');
    expect(runs).toBe(1);

    // Due again by its period, but still held: nobody runs it.
    await runDueJobs(env.db, later(now, 5 * MIN), { owner: 'alive:2' });
    expect(runs).toBe(1);
    // The hold has run out: the live process takes it over.
    await runDueJobs(env.db, later(now, 10 * MIN), { owner: 'alive:2' });
    expect(runs).toBe(2);
    expect(await row('test.crash')).toMatchObject({ owner: 'alive:2', locked_until: null, last_error: null, run_count: 2 });
  });
});

describe('GET /api/v1/jobs', () => {
  it('shows admins each job\'s health and refuses staff', async () => {
    defineJob({ name: 'test.broken', everyMs: MIN, run: async () => { throw new Error('连接超时'); } });
    await runDueJobs(env.db, new Date());
    const county = await createCounty(env.db);
    const { client: admin } = await clientFor(env, county.id, ['county_admin']);
    const res = await admin.get('/api/v1/jobs');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { name: string; label: string; status: string; lastError: string | null; runCount: number }[] }).items;
    expect(items.find((j) => j.name === 'test.slow')).toMatchObject({ status: 'ok', lastError: null });
    expect(items.find((j) => j.name === 'test.broken')).toMatchObject({ status: 'failed', lastError: '连接超时', runCount: 1 });
    expect(items.find((j) => j.name === 'case.deadlines')).toMatchObject({ label: '办理期限检查和超期催办' });

    const { client: staff } = await clientFor(env, county.id, ['staff']);
    expect((await staff.get('/api/v1/jobs')).statusCode).toBe(403);
  });
});
