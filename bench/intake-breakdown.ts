/**
 * Where the time of one submission goes, in-process (no HTTP): the real submitClue on a demo-seeded SQLite file
 * (WAL, synchronous=FULL, same pragmas as createDb), with every SQLite statement timed (prepare, step, and the
 * COMMIT that carries the fsync), jieba tokenisation timed separately on the same texts, and the bare
 * "one prepared INSERT per transaction" on the same disk in the same run.
 * Env: N (submissions, 2000), CONC (concurrent submitters for the throughput pass, 32), MIGRATE_TO (stop at that migration).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from '../server/src/db/database.ts';
import { MIGRATIONS, migrateToLatest } from '../server/src/db/migrate.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { submitClue } from '../server/src/modules/clues/clues.service.ts';
import { searchTokens } from '../server/src/platform/search/segment.ts';
import { ClueSubmitSchema } from '@xs/core/schemas/clues.ts';
import { DATA, fmt, fsyncRate, machine, summary } from './lib/util.ts';
import { bodyMaker, type Township } from './lib/bodies.ts';
import { StatementTimer, openLikeApp } from './lib/timed-sqlite.ts';

const N = Number(process.env.N ?? 2000);
const CONC = Number(process.env.CONC ?? 32);
fs.mkdirSync(DATA, { recursive: true });
const dir = fs.mkdtempSync(path.join(DATA, 'breakdown-'));
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, load ${m.load}; fsync probe ${fmt(await fsyncRate(dir), 0)} commits/s`);

const timer = new StatementTimer();
const stats = timer.stats;
const raw = openLikeApp(path.join(dir, 'xieshang.db'));
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: timer.wrap(raw) }) });
if (process.env.MIGRATE_TO) {
  // e.g. MIGRATE_TO=20261129_0002_clues: the schema without later indexes and triggers, to see what they cost a submission.
  const r = await new Migrator({ db: db as never, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(process.env.MIGRATE_TO);
  if (r.error) throw r.error;
} else await migrateToLatest(db as never);
await seedDemo(db as never);
const COUNTY = 2;
const places = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('tenant_id', '=', COUNTY).where('kind', 'in', ['township', 'village']).execute();
const townships: Township[] = places.filter((p) => p.kind === 'township').map((t) => ({ id: t.id, name: t.name,
  villages: places.filter((v) => v.parent_id === t.id).map((v) => ({ id: v.id, name: v.name })) }));
const make = bodyMaker(townships, `bd${Date.now() % 100000}`);
const bodies = Array.from({ length: N }, () => ClueSubmitSchema.parse(JSON.parse(make())));
for (let i = 0; i < 50; i++) await submitClue(db as never, COUNTY, ClueSubmitSchema.parse(JSON.parse(make())), { ip: '127.0.0.1' }); // warm

// 1. Sequential: latency of one submission and what it is made of.
timer.recording = true;
const lat: number[] = [];
const t0 = performance.now();
for (const b of bodies) {
  const t = performance.now();
  await submitClue(db as never, COUNTY, b, { ip: '127.0.0.1' });
  lat.push(performance.now() - t);
}
const wall = performance.now() - t0;
timer.recording = false;
const jieba: number[] = [];
for (const b of bodies) { const t = performance.now(); searchTokens([b.content, b.place ?? '', 'x镇', 'y村'].join(' ')); jieba.push(performance.now() - t); }

let sqlMs = 0;
let stmts = 0;
let prepareMs = 0;
console.log(`\n## Sequential: ${N} submissions, ${fmt(N / (wall / 1000), 0)}/s, per submission p50 ${fmt(summary(lat).p50, 2)} ms, p99 ${fmt(summary(lat).p99, 2)} ms, mean ${fmt(wall / N, 3)} ms\n`);
console.log('| statement | per submit | prepare µs | step µs | total ms/submit |');
console.log('|---|---|---|---|---|');
for (const [k, s] of [...stats].sort((a, b) => (b[1].prepare + b[1].exec) - (a[1].prepare + a[1].exec))) {
  sqlMs += s.prepare + s.exec; prepareMs += s.prepare; stmts += s.n;
  console.log(`| \`${k}\` | ${fmt(s.n / N, 2)} | ${fmt(1000 * s.prepare / s.n, 0)} | ${fmt(1000 * s.exec / s.n, 0)} | ${fmt((s.prepare + s.exec) / N, 3)} |`);
}
const jMean = jieba.reduce((a, b) => a + b, 0) / N;
console.log(`\nstatements per submission: ${fmt(stmts / N, 1)}; SQLite ${fmt(sqlMs / N, 3)} ms (of which prepare ${fmt(prepareMs / N, 3)} ms); ` +
  `jieba searchTokens ${fmt(jMean, 3)} ms (p99 ${fmt(summary(jieba).p99, 3)}); rest (Kysely compile, mutex, validation helpers, hashing, calendar) ${fmt(wall / N - sqlMs / N - jMean, 3)} ms`);

// 2. Concurrent: CONC submitters share the one connection, as the server does.
const more = Array.from({ length: N }, () => ClueSubmitSchema.parse(JSON.parse(make())));
let next = 0;
stats.clear();
timer.recording = true;
const t2 = performance.now();
await Promise.all(Array.from({ length: CONC }, async () => { while (next < more.length) await submitClue(db as never, COUNTY, more[next++], { ip: '127.0.0.1' }); }));
const wall2 = performance.now() - t2;
timer.recording = false;
const commits = stats.get('commit');
let sql2 = 0;
for (const s of stats.values()) sql2 += s.prepare + s.exec;
console.log(`\n## Concurrent (${CONC} in flight, in-process): ${fmt(N / (wall2 / 1000), 0)} submissions/s; ${commits?.n ?? 0} commits ` +
  `(${fmt(N / (commits?.n ?? 1), 1)} submissions per group commit, ${fmt((commits?.exec ?? 0) / (commits?.n ?? 1), 2)} ms per commit); ` +
  `of the wall time: commits ${fmt(100 * (commits?.exec ?? 0) / wall2, 0)} %, other SQLite ${fmt(100 * (sql2 - (commits?.exec ?? 0)) / wall2, 0)} %, the rest (JS) ${fmt(100 * (wall2 - sql2) / wall2, 0)} %`);

// 2b. The same with prepared statements reused (a statement cache in the SQLite driver; not what the app does today).
const more2 = Array.from({ length: N }, () => ClueSubmitSchema.parse(JSON.parse(make())));
timer.cache = true;
let next2 = 0;
const t2b = performance.now();
await Promise.all(Array.from({ length: CONC }, async () => { while (next2 < more2.length) await submitClue(db as never, COUNTY, more2[next2++], { ip: '127.0.0.1' }); }));
const wall2b = performance.now() - t2b;
timer.cache = false;
console.log(`## Concurrent with a statement cache: ${fmt(N / (wall2b / 1000), 0)} submissions/s (${fmt(100 * (wall2 / wall2b - 1), 0)} % more)`);

// 3. The bare ceiling on the same disk: one prepared INSERT per transaction.
raw.exec('CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, tenant_id INTEGER, content TEXT, township_id INTEGER, created_at TEXT)');
const ins = raw.prepare('INSERT INTO bare (tenant_id, content, township_id, created_at) VALUES (?, ?, ?, ?)');
const t3 = performance.now();
for (const b of more) ins.run(COUNTY, b.content, b.townshipId, new Date().toISOString());
const wall3 = performance.now() - t3;
console.log(`## Bare: one prepared INSERT per transaction on the same file: ${fmt(N / (wall3 / 1000), 0)}/s (${fmt(wall3 / N, 3)} ms each)`);
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
