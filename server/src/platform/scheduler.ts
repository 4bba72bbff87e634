/**
 * Periodic jobs (deadlines, reminders, outbox). Each job has a row in `scheduled_jobs`; a process runs a
 * job only after claiming that row with one conditional UPDATE (due, and not held by anyone), so with
 * several app processes on one database a job never runs twice at once nor more than once per period.
 * The hold (`locked_until`) outlasts a run's expected time and is released when the run ends; a process
 * that dies mid-run leaves a hold that simply expires.
 */
import os from 'node:os';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { JobHealth, JobStatus } from '@xs/core/schemas/jobs.ts';
import { affected, type Db } from '../db/database.ts';

/** What a job may need from the app besides the database. */
export interface JobContext {
  /** config.dataDir, where stored files live; null where jobs are run without an app (a job needing it then does nothing). */
  dataDir: string | null;
}

export interface Job {
  name: string;
  /** Chinese name shown on the console's job page. */
  label?: string;
  everyMs: number;
  /**
   * How long one run may hold the job before another process may take it over: longer than a run is ever
   * expected to take. Default: the period, and at least 5 minutes.
   */
  leaseMs?: number;
  run: (db: Db, now: Date, ctx: JobContext) => Promise<unknown>;
}

/** This process, as it appears in `scheduled_jobs.owner`. */
export const PROCESS_OWNER = `${os.hostname()}:${process.pid}`;

const jobs: Job[] = [];
export function defineJob(job: Job): void {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}
export function registeredJobs(): readonly Job[] {
  return jobs;
}
/** For a process that runs several test files (server/src/test/setup.ts): a call that forgets the jobs defined since. */
export function markJobs(): () => void {
  const before = new Set(jobs);
  return () => {
    for (let i = jobs.length - 1; i >= 0; i--) if (!before.has(jobs[i])) jobs.splice(i, 1);
  };
}

const leaseOf = (job: Job) => job.leaseMs ?? Math.max(job.everyMs, 5 * 60_000);
const iso = (t: number) => new Date(t).toISOString();

/** The jobs that already have a row, per database, so the insert happens once per process and job. */
const known = new WeakMap<Db, Set<string>>();

async function ensureRows(db: Db): Promise<void> {
  const seen = known.get(db) ?? new Set<string>();
  known.set(db, seen);
  const missing = jobs.filter((j) => !seen.has(j.name));
  if (missing.length === 0) return;
  await db.insertInto('scheduled_jobs')
    .values(missing.map((j) => ({ name: j.name, every_ms: j.everyMs, owner: null, locked_until: null, next_run_at: iso(0), last_started_at: null, last_finished_at: null, last_error: null })))
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  for (const j of missing) seen.add(j.name);
}

/** Take the job if it is due and nobody holds it. One statement: of two processes asking at once, one wins. */
async function claim(db: Db, job: Job, now: Date, owner: string): Promise<boolean> {
  const at = now.toISOString();
  const r = await db.updateTable('scheduled_jobs')
    .set((eb) => ({
      owner, locked_until: iso(now.getTime() + leaseOf(job)), last_started_at: at, next_run_at: iso(now.getTime() + job.everyMs),
      every_ms: job.everyMs, run_count: eb('run_count', '+', 1),
    }))
    .where('name', '=', job.name).where('next_run_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .executeTakeFirst();
  return affected(r) === 1;
}

/** End the run this owner started at `startedAt`; a hold that expired and was taken over is left to its new owner. */
async function release(db: Db, name: string, owner: string, startedAt: string, finishedAt: Date, error: string | null): Promise<void> {
  await db.updateTable('scheduled_jobs')
    .set((eb) => ({
      locked_until: null, last_finished_at: finishedAt.toISOString(), last_error: error,
      failure_count: error === null ? eb.ref('failure_count') : eb('failure_count', '+', 1),
    }))
    .where('name', '=', name).where('owner', '=', owner).where('last_started_at', '=', startedAt)
    .execute();
}

export interface RunOptions {
  log?: FastifyBaseLogger;
  /** Who runs; tests name a second process with it. */
  owner?: string;
  /** The app's data directory, for jobs that remove stored files. */
  dataDir?: string | null;
}

/** Run every due job this process can claim, once; used by the interval and by tests. */
export async function runDueJobs(db: Db, now = new Date(), opts: RunOptions = {}): Promise<void> {
  const owner = opts.owner ?? PROCESS_OWNER;
  await ensureRows(db);
  for (const job of jobs) {
    if (!(await claim(db, job, now, owner))) continue;
    const started = Date.now();
    let error: string | null = null;
    try {
      await job.run(db, now, { dataDir: opts.dataDir ?? null });
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500) || '未知错误';
      opts.log?.error({ err, job: job.name }, 'scheduled job failed');
    }
    const ms = Date.now() - started;
    await release(db, job.name, owner, now.toISOString(), new Date(now.getTime() + ms), error);
    // One line per run: the run log that bench/two-process.ts reads to prove no job ran twice in a period.
    opts.log?.info({ scheduledJob: { name: job.name, owner, startedAt: now.toISOString(), ms, ok: error === null } }, 'scheduled job ran');
  }
}

/** A job's health as admins see it: the shape is core's response schema (core/src/schemas/jobs.ts). */
export type { JobHealth, JobStatus };

/**
 * Every registered job with its row. A job is `late` when no process has run it for two periods past its
 * due time (no process runs the scheduler, or they all fail to claim it).
 */
export async function listJobHealth(db: Db, now = new Date()): Promise<JobHealth[]> {
  const rows = new Map((await db.selectFrom('scheduled_jobs').selectAll().execute()).map((r) => [r.name, r]));
  const at = now.toISOString();
  return jobs.map((job) => {
    const r = rows.get(job.name);
    const base = { name: job.name, label: job.label ?? job.name, everyMs: job.everyMs };
    if (!r || r.last_started_at === null) {
      return { ...base, status: 'never', owner: null, lockedUntil: null, nextRunAt: null, lastStartedAt: null, lastFinishedAt: null, lastError: null, runCount: 0, failureCount: 0 };
    }
    const status: JobStatus = r.locked_until !== null && r.locked_until > at ? 'running'
      : r.last_error !== null ? 'failed'
        : r.next_run_at < iso(now.getTime() - 2 * Math.max(job.everyMs, 60_000)) ? 'late' : 'ok';
    return {
      ...base, status, owner: r.owner, lockedUntil: r.locked_until, nextRunAt: r.next_run_at, lastStartedAt: r.last_started_at,
      lastFinishedAt: r.last_finished_at, lastError: r.last_error, runCount: r.run_count, failureCount: r.failure_count,
    };
  });
}

/**
 * Look for due jobs every `tickMs` or so. Each wait is jittered (±25 %) so that processes started together
 * do not ask at the same instants and the same one always win; the claim keeps a run single either way.
 */
export function startScheduler(app: FastifyInstance, tickMs = 30_000): void {
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> | null = null;
  let closed = false;
  const schedule = () => {
    timer = setTimeout(() => {
      tick = runDueJobs(app.db, new Date(), { log: app.log, dataDir: app.config.dataDir })
        .catch((err: unknown) => app.log.error({ err }, 'scheduler tick failed'))
        .finally(() => {
          tick = null;
          if (!closed) schedule();
        });
    }, tickMs * (0.75 + Math.random() * 0.5));
    timer.unref();
  };
  schedule();
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
    // Let a run in progress finish and release its job before the database closes.
    await tick;
  });
}
