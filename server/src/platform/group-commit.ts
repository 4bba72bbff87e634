/**
 * Group commit for SQLite. With synchronous=FULL every COMMIT waits for an fsync (about 5.6 ms on
 * this machine's disk, i.e. at most ~180 commits/s), so one transaction per request would cap public
 * intake far below what the CPU can do. Work queued within one turn of the event loop runs in one
 * transaction, each piece inside its own SAVEPOINT — a piece that throws rolls back alone and its
 * caller gets its error — and the batch commits with one fsync. A caller's promise settles only after
 * that commit, so an acknowledged write is on disk. On PostgreSQL each piece is its own transaction:
 * the pool already commits concurrently.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isPostgres, type Database } from '../db/database.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 500;

export class GroupCommitter {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: Work<T>): Promise<T> {
    if (isPostgres(this.db)) return this.db.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await this.db.transaction().execute(async (trx) => {
          for (const item of batch) {
            await sql`SAVEPOINT gc`.execute(trx);
            try {
              const value = await item.work(trx);
              await sql`RELEASE gc`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`ROLLBACK TO gc`.execute(trx);
              await sql`RELEASE gc`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // The commit itself failed: nothing of the batch is written.
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const o = outcomes[i]!;
        if (o.ok) item.resolve(o.value);
        else item.reject(o.error);
      });
    }
    this.running = false;
  }
}

const committers = new WeakMap<Kysely<Database>, GroupCommitter>();

/** The one committer of a database handle. */
export function groupCommit<T>(db: Kysely<Database>, work: Work<T>): Promise<T> {
  let c = committers.get(db);
  if (!c) committers.set(db, (c = new GroupCommitter(db)));
  return c.run(work);
}
