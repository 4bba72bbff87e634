/**
 * Search at scale: N (1,000,000) clues of one county in a SQLite file (WAL), made from templates with a
 * Zipf-skewed vocabulary, tokenised with the real searchTokens() in worker threads, inserted in big
 * transactions with a prepared statement (the migration's FTS5 trigger fills clues_fts). Then the real
 * listClues() (clues.repository.ts) on the app's pragmas, every SQL statement timed, for
 *   (a) two-word Chinese queries (common and rare words; alone, with a township, with state=open), and
 *   (b) the triage list without q (filters state/township, newest first, page 1 and a deep page),
 * reporting the whole call and, separately, the count(*) behind `total` and the page query.
 * The database is kept in bench/.data/search-<N> and reused while the generator and dictionary are unchanged
 * (REBUILD=1 forces a rebuild, REUSE=1 keeps a stale one). Env: N, WORKERS (2), REPS (3), VERIFY=1 (check every page and
 * total against the straightforward query: slow).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from '../server/src/db/database.ts';
import { createDb } from '../server/src/db/database.ts';
import { loadConfig } from '../server/src/config.ts';
import { MIGRATIONS, migrateToLatest } from '../server/src/db/migrate.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { clueQuery, listClues } from '../server/src/modules/clues/clues.repository.ts';
import { listCluesBefore } from './lib/list-before.ts';
import { ClueListQuerySchema, type ClueListQuery } from '@xs/core/schemas/clues.ts';
import { DATA, fmt, machine, summary } from './lib/util.ts';
import { StatementTimer, openLikeApp } from './lib/timed-sqlite.ts';
import { searchCaseSets, type Case } from './lib/search-cases.ts';

const N = Number(process.env.N ?? 1_000_000);
const WORKERS = Math.min(2, Number(process.env.WORKERS ?? Math.min(2, os.availableParallelism())));
const REPS = Number(process.env.REPS ?? 3);
const VERIFY = process.env.VERIFY === '1';
let mismatches = 0;
const GENERATOR = 5; // bump when lib/corpus.ts or lib/search-gen-worker.ts change
const COUNTY = 2;
const dir = path.join(DATA, `search-${N}`);
const file = path.join(dir, 'xieshang.db');
/** The same data with the schema of migration 0002 only: what the code before the changes ran on. */
const beforeFile = path.join(dir, 'before-0002.db');
const BEFORE = process.env.BEFORE !== '0';
const metaFile = path.join(dir, 'meta.json');
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, ${m.memGiB} GiB, node ${m.node}, load ${m.load}`);

const segmentSrc = fs.readFileSync(path.join(import.meta.dirname, '../server/src/platform/search/segment.ts'), 'utf8');
const wanted = { n: N, generator: GENERATOR, segmentBytes: segmentSrc.length };
const meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : null;
let build: Record<string, number> | null = meta?.build ?? null;
const stale = !meta || JSON.stringify(meta.wanted) !== JSON.stringify(wanted);
if (stale && meta && process.env.REUSE === '1') console.log('generator or segment.ts changed since the build; REUSE=1 keeps the old file');
if (process.env.REBUILD === '1' || (stale && process.env.REUSE !== '1')) build = await generate();
else console.log(`reusing ${file} (built ${meta.builtAt}; REBUILD=1 to rebuild)`);
const before = BEFORE && fs.existsSync(beforeFile) ? await queries(beforeFile, 'before') : null;
const after = await queries(file, 'after');
fs.writeFileSync(path.join(DATA, `search-results-${N}.json`), JSON.stringify({ machine: m, build, before, after }, null, 2));
if (before) {
  console.log('\n## Before → after (p50 / p95 / p99 ms of the whole listClues call; count(*) p95)\n');
  console.log('| set | before | after | count p95 before → after |\n|---|---|---|---|');
  for (let i = 0; i < after.length; i++) {
    const b = before[i];
    const a = after[i];
    console.log(`| ${a.label} | ${fmt(b.list.p50)} / ${fmt(b.list.p95)} / ${fmt(b.list.p99)} | ${fmt(a.list.p50)} / ${fmt(a.list.p95)} / ${fmt(a.list.p99)} | ${fmt(b.count.p95)} → ${fmt(a.count.p95)} |`);
  }
}

async function generate() {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const db = await createDb(loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '' }));
  // The schema the data was first measured on; later migrations run after the load, as they would in production.
  const upTo = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo('20261129_0002_clues');
  if (upTo.error) throw upTo.error;
  await seedDemo(db);
  const places = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('tenant_id', '=', COUNTY).where('kind', 'in', ['township', 'village']).execute();
  const townships = places.filter((p) => p.kind === 'township').map((t) => ({ id: t.id, name: t.name,
    villages: places.filter((v) => v.parent_id === t.id).map((v) => ({ id: v.id, name: v.name })) }));
  const units = (await db.selectFrom('units').select('id').where('tenant_id', '=', COUNTY).execute()).map((u) => u.id);
  await db.destroy();

  // Bulk load: its own connection; synchronous=OFF only while loading (a crash here just means rebuilding the file).
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
  const cols = ['tenant_id', 'code', 'secret_hash', 'kind', 'category', 'channel', 'content', 'township_id', 'village_id', 'place', 'contact_name',
    'contact_phone', 'consent_at', 'state', 'version', 'due_at', 'unit_id', 'reply_text', 'rating', 'search_tokens', 'content_hash', 'created_at',
    'accepted_at', 'forwarded_at', 'resolved_at', 'closed_at'];
  const insert = raw.prepare(`INSERT INTO clues (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const insertMany = raw.transaction((rows: unknown[][]) => { for (const r of rows) insert.run(r); });
  const spanMs = 3 * 365 * 86_400_000;
  const startMs = Date.now() - spanMs - 86_400_000;
  let inserted = 0;
  let insertMs = 0;
  let tokenMs = 0;
  const CHUNK = 5000;
  const pending = new Map<number, unknown[][]>();
  let nextChunk = 0;
  const tGen = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, (_, wid) => new Promise<void>((resolve, reject) => {
    const w = new Worker(new URL('./lib/ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./lib/search-gen-worker.ts', import.meta.url).href, wid, workers: WORKERS, chunk: CHUNK, total: N, townships, units, startMs, spanMs },
    });
    w.on('message', (msg: { chunk: number; rows: unknown[][]; tokenMs: number; done?: boolean }) => {
      tokenMs += msg.tokenMs;
      if (msg.done) return resolve();
      // Insert chunks in order so that ids follow created_at, as in a real table.
      pending.set(msg.chunk, msg.rows);
      while (pending.has(nextChunk)) {
        const rows = pending.get(nextChunk)!;
        pending.delete(nextChunk++);
        const t = performance.now();
        insertMany(rows);
        insertMs += performance.now() - t;
        inserted += rows.length;
        if (inserted % 100_000 < CHUNK) process.stdout.write(`\r  ${inserted.toLocaleString()} rows, ${fmt((performance.now() - tGen) / 1000, 0)} s`);
      }
    });
    w.on('error', reject);
    w.on('exit', (code) => { if (code !== 0) reject(new Error(`generator worker ${wid} exited ${code}`)); });
  })));
  if (inserted !== N) throw new Error(`inserted ${inserted} of ${N}`);
  const genMs = performance.now() - tGen;
  console.log();
  const tc = performance.now();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointMs = performance.now() - tc;
  const sizes = raw.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12`).all() as { name: string; bytes: number }[];
  const avg = raw.prepare(`SELECT avg(length(content)) AS chars, avg(length(search_tokens) - length(replace(search_tokens, ' ', '')) + 1) AS tokens FROM clues WHERE tenant_id = ?`).get(COUNTY) as { chars: number; tokens: number };
  raw.close();
  fs.copyFileSync(file, beforeFile);
  const tm = performance.now();
  const mdb = await createDb(loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '' }));
  await migrateToLatest(mdb);
  await mdb.destroy();
  const migrateMs = performance.now() - tm;
  const b = {
    rows: inserted, seconds: (performance.now() - t0) / 1000, generateAndInsertSeconds: genMs / 1000, tokenizeCpuSeconds: tokenMs / 1000,
    insertSeconds: insertMs / 1000, checkpointSeconds: checkpointMs / 1000, fileMB: fs.statSync(file).size / 1e6,
    ftsMB: sizes.filter((s) => s.name.startsWith('clues_fts')).reduce((a, s) => a + s.bytes, 0) / 1e6,
    avgChars: avg.chars, avgTokens: avg.tokens, laterMigrationsSeconds: migrateMs / 1000,
  };
  console.log(`built ${inserted.toLocaleString()} clues in ${fmt(b.seconds, 0)} s: tokenising ${fmt(b.tokenizeCpuSeconds, 0)} CPU-s over ${WORKERS} workers ` +
    `(${fmt(1000 * b.tokenizeCpuSeconds / inserted, 3)} ms per clue), inserting with FTS trigger ${fmt(b.insertSeconds, 0)} s, checkpoint ${fmt(b.checkpointSeconds, 0)} s, later migrations on 1M rows ${fmt(b.laterMigrationsSeconds, 0)} s; ` +
    `file ${fmt(b.fileMB, 0)} MB (FTS ${fmt(b.ftsMB, 0)} MB); ${fmt(avg.chars, 0)} characters and ${fmt(avg.tokens, 0)} tokens per clue on average`);
  for (const s of sizes) console.log(`  ${s.name.padEnd(28)} ${fmt(s.bytes / 1e6, 1)} MB`);
  fs.writeFileSync(metaFile, JSON.stringify({ wanted, builtAt: new Date().toISOString(), build: b }, null, 2));
  return b;
}

interface Sample { capped: boolean; total: number; list: number; count: number; page: number; rest: number; matched: number }

async function queries(dbFile: string, which: 'before' | 'after') {
  const listFn = which === 'before' ? listCluesBefore : listClues;
  const timer = new StatementTimer();
  const raw = openLikeApp(dbFile);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: timer.wrap(raw) }) });
  if (which === 'after') await migrateToLatest(db as never); // new migrations (if any) apply to the existing file, as in production
  const townships = await db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', COUNTY).where('kind', '=', 'township').orderBy('id').execute();
  const total = (raw.prepare('SELECT count(*) AS n FROM clues WHERE tenant_id = ?').get(COUNTY) as { n: number }).n;
  console.log(`\n## ${which === 'before' ? 'Before (listClues at 7722e6b, schema of migration 0002)' : 'After (current listClues, all migrations)'}: ${total.toLocaleString()} clues in county ${COUNTY}; ${townships.length} townships`);

  const run = async (f: Partial<ClueListQuery>): Promise<Sample> => {
    const q = ClueListQuerySchema.parse(f);
    timer.trace = [];
    timer.recording = true;
    const t = performance.now();
    const res = await listFn(db as never, COUNTY, q);
    const list = performance.now() - t;
    timer.recording = false;
    let count = 0;
    let page = 0;
    let rest = 0;
    for (const [k, ms] of timer.trace) {
      if (/count\(|clue_counts/i.test(k)) count += ms;
      else if (/from clues as c|from clues_fts/i.test(k)) page += ms;
      else rest += ms;
    }
    if (VERIFY && which === 'after') {
      // The straightforward query (every filter, FTS as `id IN (…)`, exact count) must give the same page and total.
      const base = clueQuery(db as never, COUNTY, q);
      const ref = await base.select('c.id').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
      const exact = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const same = JSON.stringify(ref.map((r) => r.id)) === JSON.stringify(res.items.map((i) => i.id));
      const totalOk = (res as { totalCapped?: boolean }).totalCapped ? exact > res.total : exact === res.total;
      if (!same || !totalOk) { mismatches++; console.error(`  ! ${JSON.stringify(f)}: page ${same ? 'same' : 'DIFFERS'}, total ${res.total} vs exact ${exact}`); }
    }
    return { capped: !!(res as { totalCapped?: boolean }).totalCapped, total: res.total, list, count, page, rest, matched: res.items.length };
  };
  const measure = async (label: string, cases: Case[]) => {
    const samples: Sample[] = [];
    const rows: string[] = [];
    for (const c of cases) {
      await run(c.f); // warm
      const mine: Sample[] = [];
      for (let i = 0; i < REPS; i++) mine.push(await run(c.f));
      samples.push(...mine);
      const s = summary(mine.map((x) => x.list));
      rows.push(`| ${c.name} | ${mine[0].total.toLocaleString()}${mine[0].capped ? '+' : ''} | ${fmt(s.p50, 1)} | ${fmt(summary(mine.map((x) => x.count)).p50, 1)} | ${fmt(summary(mine.map((x) => x.page)).p50, 1)} |`);
    }
    const all = summary(samples.map((x) => x.list));
    const cnt = summary(samples.map((x) => x.count));
    const pg = summary(samples.map((x) => x.page));
    console.log(`\n### ${label}: ${samples.length} calls`);
    console.log(`listClues p50 / p95 / p99 / max: ${fmt(all.p50)} / ${fmt(all.p95)} / ${fmt(all.p99)} / ${fmt(all.max)} ms; ` +
      `count(*) ${fmt(cnt.p50)} / ${fmt(cnt.p95)} / ${fmt(cnt.p99)} / ${fmt(cnt.max)}; page query ${fmt(pg.p50)} / ${fmt(pg.p95)} / ${fmt(pg.p99)} / ${fmt(pg.max)}`);
    console.log('\n| case | total | listClues ms (p50) | count ms | page ms |\n|---|---|---|---|---|');
    console.log(rows.join('\n'));
    return { label, calls: samples.length, list: all, count: cnt, page: pg, cases: rows };
  };

  const out = [];
  for (const set of searchCaseSets(townships.map((t) => t.id))) out.push(await measure(set.label, set.cases));
  await db.destroy();
  if (VERIFY) console.log(`\nverification against the straightforward query: ${mismatches} mismatches`);
  return out;
}
