/** better-sqlite3 with every statement timed (prepare and step), keyed by a short form of its SQL. */
import SQLite from 'better-sqlite3';

export interface StmtStat { n: number; prepare: number; exec: number }

export class StatementTimer {
  stats = new Map<string, StmtStat>();
  recording = false;
  /** Statements of the current unit of work, in order: [key, ms]. */
  trace: [string, number][] = [];
  /** Reuse prepared statements by SQL text (what a statement cache in the driver would do). */
  cache = false;
  private cached = new Map<string, SQLite.Statement>();

  static key(sql: string): string {
    return sql.replace(/\s+/g, ' ').replace(/"/g, '').replace(/\(\?(, \?)*\)/g, '(…)').slice(0, 90);
  }

  wrap(raw: SQLite.Database): SQLite.Database {
    const self = this;
    return new Proxy(raw, {
      get(target, prop) {
        if (prop !== 'prepare') { const v = Reflect.get(target, prop, target); return typeof v === 'function' ? v.bind(target) : v; }
        return (sql: string) => {
          const t0 = performance.now();
          let stmt = self.cache ? self.cached.get(sql) : undefined;
          if (!stmt) {
            stmt = target.prepare(sql);
            if (self.cache) self.cached.set(sql, stmt);
          }
          const tp = performance.now() - t0;
          const k = StatementTimer.key(sql);
          const s = self.stats.get(k) ?? { n: 0, prepare: 0, exec: 0 };
          if (self.recording) { s.n++; s.prepare += tp; self.stats.set(k, s); }
          return new Proxy(stmt, {
            get(st, p) {
              const v = Reflect.get(st, p, st);
              if (typeof v !== 'function') return v;
              if (!['run', 'all', 'get', 'iterate'].includes(String(p))) return v.bind(st);
              return (...args: unknown[]) => {
                const t1 = performance.now();
                try { return v.apply(st, args); } finally {
                  const dt = performance.now() - t1;
                  if (self.recording) { s.exec += dt; self.trace.push([k, tp + dt]); }
                }
              };
            },
          });
        };
      },
    });
  }
}

/** A better-sqlite3 handle with the pragmas of createDb (server/src/db/database.ts). */
export function openLikeApp(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Not what the app does today (SQLite's default page cache is 2 MB): SQLITE_CACHE_MB measures a proposal.
  if (process.env.SQLITE_CACHE_MB) db.pragma(`cache_size = -${Number(process.env.SQLITE_CACHE_MB) * 1024}`);
  return db;
}
