/**
 * Periodic jobs (deadlines, reminders, outbox). Each job run takes a lease row in the settings table
 * of tenant 0 so that, with several app processes on one database, only one runs it at a time.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { affected, type Db } from '../db/database.ts';

/** What a job may need from the app besides the database. */
export interface JobContext {
  /** config.dataDir, where stored files live; null where jobs are run without an app (a job needing it then does nothing). */
  dataDir: string | null;
}

export interface Job {
  name: string;
  everyMs: number;
  run: (db: Db, now: Date, ctx: JobContext) => Promise<unknown>;
}

const jobs: Job[] = [];
export function defineJob(job: Job): void {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}
export function registeredJobs(): readonly Job[] {
  return jobs;
}

async function takeLease(db: Db, name: string, now: Date, ms: number): Promise<boolean> {
  const key = `lease.${name}`;
  const until = new Date(now.getTime() + ms).toISOString();
  await db.insertInto('settings').values({ tenant_id: 0, key, value_json: '0', updated_at: '1970-01-01T00:00:00.000Z', updated_by: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing()).execute();
  const r = await db.updateTable('settings').set({ updated_at: until, value_json: sql`value_json` })
    .where('tenant_id', '=', 0).where('key', '=', key).where('updated_at', '<', now.toISOString()).executeTakeFirst();
  return affected(r) === 1;
}

/** Run every job whose lease is free once; used by the interval and by tests. */
export async function runDueJobs(db: Db, now = new Date(), log?: FastifyInstance['log'], ctx: JobContext = { dataDir: null }): Promise<void> {
  for (const job of jobs) {
    if (!(await takeLease(db, job.name, now, job.everyMs - 1000))) continue;
    try {
      await job.run(db, now, ctx);
    } catch (err) {
      log?.error({ err, job: job.name }, 'scheduled job failed');
    }
  }
}

export function startScheduler(app: FastifyInstance, tickMs = 30_000): void {
  const timer = setInterval(() => void runDueJobs(app.db, new Date(), app.log, { dataDir: app.config.dataDir }), tickMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
