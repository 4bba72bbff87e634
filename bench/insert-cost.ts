/**
 * What the list indexes and triggers of migration 0003 cost each submission: inserts into `clues` (FTS5 trigger
 * included; BATCH rows per transaction, like the group commit) on the schema of migration 0002 and on the latest schema, alternating in one process, synchronous=OFF so that
 * only CPU is compared (the fsync is the same one per group commit either way). Env: ROWS (per round, 3000), ROUNDS (6), BATCH (32).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../server/src/db/migrate.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { clueSearchTokens } from '../server/src/modules/clues/clues.similar.ts';
import { DATA, fmt, machine } from './lib/util.ts';
import { reportMaker } from './lib/corpus.ts';

const ROWS = Number(process.env.ROWS ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
/** Rows per transaction: the app's group commit batches ~32 under load (intake-breakdown.ts). */
const BATCH = Number(process.env.BATCH ?? 32);
fs.mkdirSync(DATA, { recursive: true });
const dir = fs.mkdtempSync(path.join(DATA, 'insert-cost-'));
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, load ${m.load}`);
const latest = Object.keys(MIGRATIONS).at(-1)!;
const schemas = ['20261129_0002_clues', latest];
const dbs = new Map<string, SQLite.Database>();
for (const to of schemas) {
  const raw = new SQLite(path.join(dir, `${to}.db`));
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  const k = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
  const r = await new Migrator({ db: k, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(to);
  if (r.error) throw r.error;
  await seedDemo(k as never);
  raw.pragma('synchronous = OFF');
  dbs.set(to, raw);
}
const make = reportMaker(42);
const cols = ['tenant_id', 'code', 'secret_hash', 'kind', 'category', 'channel', 'content', 'township_id', 'search_tokens', 'content_hash', 'state', 'due_at', 'created_at'];
let serial = 0;
const rows = (n: number) => Array.from({ length: n }, () => {
  const rep = make('城关镇');
  serial++;
  return [2, `X${String(serial).padStart(9, '0')}`, 'h'.repeat(64), 'problem', rep.category, 'h5', rep.text, 3,
    clueSearchTokens({ content: rep.text, townshipName: '城关镇' }), `c${serial}`.padEnd(64, '0'), 'submitted', new Date().toISOString(), new Date().toISOString()];
});
const per = new Map<string, number[]>(schemas.map((s) => [s, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const to of round % 2 ? [...schemas].reverse() : schemas) {
    const raw = dbs.get(to)!;
    const ins = raw.prepare(`INSERT INTO clues (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const batch = rows(ROWS);
    const t = performance.now();
    const tx = raw.transaction((rs: unknown[][]) => { for (const r of rs) ins.run(r); });
    for (let i = 0; i < batch.length; i += BATCH) tx(batch.slice(i, i + BATCH));
    per.get(to)!.push((1000 * (performance.now() - t)) / ROWS);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [to, xs] of per) console.log(`${to.padEnd(34)} µs per inserted clue (FTS trigger included, ${BATCH} per transaction): median ${fmt(med(xs), 0)}  [${xs.map((x) => fmt(x, 0)).join(', ')}]`);
const [a, b] = schemas.map((s) => med(per.get(s)!));
console.log(`migration 0003 adds ${fmt(b - a, 0)} µs (${fmt(100 * (b / a - 1), 0)} %) to each clue insert`);
for (const raw of dbs.values()) raw.close();
fs.rmSync(dir, { recursive: true, force: true });
