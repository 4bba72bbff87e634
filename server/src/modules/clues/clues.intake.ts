/**
 * Where public submissions are written. On a SQLite file the writes run in a thread of their own
 * (clues.intake.thread.ts) with its own connection and its own group commit: better-sqlite3 is
 * synchronous, so in the main thread every statement and every COMMIT's fsync would stop HTTP for
 * everyone. The main thread keeps the request work — parsing, validation, the rate limits and the
 * word segmentation of the text (the costly part of the index entry) — and the thread does the
 * transaction. On 2 cores that took intake from one busy core to two (bench/README.md §1).
 *
 * On PostgreSQL and on an in-memory SQLite (tests) submissions are written in the calling thread.
 * The thread reads county settings through its own 5-second cache, so a changed limit reaches the
 * public form within 5 seconds.
 */
import { Worker } from 'node:worker_threads';
import type { ClueSubmit } from '@xs/core/schemas/clues.ts';
import type { ErrorCode, FieldError } from '@xs/core/errors.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { submitClue, type SubmitContext } from './clues.citizen.ts';
import { clueTextTokens, ensurePlaceNames } from './clues.similar.ts';

export interface SubmitResult {
  code: string;
  secret: string;
  createdAt: string;
}

export interface Intake {
  /** Whether submissions are written in the intake thread. */
  readonly threaded: boolean;
  submit(tenantId: number, input: ClueSubmit, ctx: SubmitContext): Promise<SubmitResult>;
  close(): Promise<void>;
}

/** What the thread gets: one submission, with its text already segmented. */
export interface IntakeRequest {
  id: number;
  tenantId: number;
  input: ClueSubmit;
  ip: string | null;
  now: string;
  textTokens: string;
}

export type IntakeReply =
  | { id: number; ok: true; value: SubmitResult }
  | { id: number; ok: false; error: { app: true; code: ErrorCode; message: string; fields?: FieldError[] } | { app: false; message: string } };

/** The thread's database: only what createDb reads (a Config may hold a function, which cannot cross threads). */
export type IntakeThreadConfig = Pick<Config, 'databaseUrl' | 'sqliteFile' | 'dataDir' | 'pgSchema'>;

export function usesIntakeThread(config: Config): boolean {
  return config.intakeThread && !config.databaseUrl && config.sqliteFile !== ':memory:';
}

export function createIntake(db: Db, config: Config): Intake {
  return usesIntakeThread(config) ? new ThreadIntake(db, config) : {
    threaded: false,
    submit: (tenantId, input, ctx) => submitClue(db, tenantId, input, ctx),
    close: async () => {},
  };
}

class ThreadIntake implements Intake {
  readonly threaded = true;
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (v: SubmitResult) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly db: Db, private readonly config: Config) {}

  private thread(): Worker {
    if (this.worker) return this.worker;
    const threadConfig: IntakeThreadConfig = {
      databaseUrl: null, sqliteFile: this.config.sqliteFile, dataDir: this.config.dataDir, pgSchema: null,
    };
    // Compiled (server/build.ts), the thread is a JavaScript entry beside this code in server/dist. From source
    // (tsx, tests) it is TypeScript, and ts-thread.mjs gives the thread the loader the parent runs under.
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(new URL('../../platform/ts-thread.mjs', import.meta.url), {
        workerData: { entry: new URL('./clues.intake.thread.ts', import.meta.url).href, data: threadConfig },
      })
      : new Worker(new URL('./clues.intake.thread.js', import.meta.url), { workerData: { data: threadConfig } });
    worker.on('message', (reply: IntakeReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else if (reply.error.app) p.reject(new AppError(reply.error.code, reply.error.message, reply.error.fields));
      else p.reject(new Error(`提交写入失败：${reply.error.message}`));
    });
    const fail = (err: unknown) => {
      // A dead thread fails what it held (a 500 the citizen can retry) and is started anew on the next submission.
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err instanceof Error ? err : new Error(String(err)));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => { if (!this.closed || this.pending.size) fail(new Error(`intake thread exited with code ${code}`)); });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async submit(tenantId: number, input: ClueSubmit, ctx: SubmitContext): Promise<SubmitResult> {
    if (this.closed) throw new AppError('internal', '服务正在重启，请稍后再提交');
    // Segment here, with the county's place names in this thread's dictionary; the thread adds the
    // township and village names it reads inside the transaction.
    const analyzer = await ensurePlaceNames(this.db, tenantId);
    const textTokens = ctx.textTokens ?? clueTextTokens(input, analyzer);
    const id = this.nextId++;
    const request: IntakeRequest = { id, tenantId, input, ip: ctx.ip, now: (ctx.now ?? new Date()).toISOString(), textTokens };
    return new Promise<SubmitResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread().postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    // Let what was accepted finish (each answer comes after its commit), then stop the thread.
    const deadline = Date.now() + 10_000;
    while (this.pending.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    this.worker = null;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
  }
}
