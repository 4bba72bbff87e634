/**
 * Search at scale on PostgreSQL: the same generated county as search-scale.ts (N clues of 嵩县, the same generator
 * workers, tokens with the real searchTokens()), loaded into a schema of its own in the local PostgreSQL, then the
 * real listClues() for the same query sets (lib/search-cases.ts). PostgreSQL takes the portable path: the tsvector
 * column (GIN) for full text, count(*) capped at 1,000 for searches, btree indexes for the lists.
 * Env: N (1,000,000), PG_URL (postgres://postgres@127.0.0.1:5432/test), REPS (3), REBUILD=1, WORKERS (2).
 * The schema `bench_search_<N>` is kept for reuse; drop it to reclaim the space.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { ClueListQuerySchema } from '@xs/core/schemas/clues.ts';
import { createDb } from '../server/src/db/database.ts';
import { loadConfig } from '../server/src/config.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { listClues } from '../server/src/modules/clues/clues.repository.ts';
import { scopeMarkers } from '../server/src/platform/search/segment.ts';
import { DATA, fmt, machine, summary } from './lib/util.ts';
import { searchCaseSets } from './lib/search-cases.ts';

const N = Number(process.env.N ?? 1_000_000);
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPS = Number(process.env.REPS ?? 3);
const WORKERS = Math.min(2, Number(process.env.WORKERS ?? 2));
const SCHEMA = `bench_search_${N}`;
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, ${m.memGiB} GiB, node ${m.node}, load ${m.load}`);

const config = loadConfig({ ...process.env, DATABASE_URL: PG_URL, PG_SCHEMA: SCHEMA });
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
const exists = (await admin.query(`SELECT to_regclass($1) AS t`, [`${SCHEMA}.clues`])).rows[0].t !== null;
const have = exists ? Number((await admin.query(`SELECT count(*) AS n FROM ${SCHEMA}.clues`)).rows[0].n) : 0;
let build: Record<string, number> | null = null;
if (process.env.REBUILD === '1' || have < N) {
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  build = await generate();
} else console.log(`reusing schema ${SCHEMA} (${have.toLocaleString()} clues; REBUILD=1 to rebuild)`);
await admin.end();

const db = await createDb(config);
await migrateToLatest(db);
const county = await db.selectFrom('orgs').select('id').where('name', '=', '嵩县政协').executeTakeFirstOrThrow();
const townships = await db.selectFrom('orgs').select('id').where('tenant_id', '=', county.id).where('kind', '=', 'township').orderBy('id').execute();
console.log(`\nPostgreSQL ${version}, schema ${SCHEMA}: ${Number((await db.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', county.id).executeTakeFirstOrThrow()).n).toLocaleString()} clues in county ${county.id}`);

const results = [];
for (const set of searchCaseSets(townships.map((t) => t.id))) {
  const times: number[] = [];
  const rows: string[] = [];
  for (const c of set.cases) {
    const q = ClueListQuerySchema.parse(c.f);
    await listClues(db, county.id, q); // warm
    const mine: number[] = [];
    let res: Awaited<ReturnType<typeof listClues>> | null = null;
    for (let i = 0; i < REPS; i++) {
      const t = performance.now();
      res = await listClues(db, county.id, q);
      mine.push(performance.now() - t);
    }
    times.push(...mine);
    rows.push(`| ${c.name} | ${res!.total.toLocaleString()}${res!.totalCapped ? '+' : ''} | ${fmt(summary(mine).p50, 1)} |`);
  }
  const s = summary(times);
  console.log(`\n### ${set.label}: ${times.length} calls\nlistClues p50 / p95 / p99 / max: ${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} / ${fmt(s.max)} ms`);
  console.log('\n| case | total | listClues ms (p50) |\n|---|---|---|');
  console.log(rows.join('\n'));
  results.push({ label: set.label, list: s, cases: rows });
}
await db.destroy();
console.log('\n## Summary (PostgreSQL; p50 / p95 / p99 ms of the whole listClues call)\n\n| set | p50 / p95 / p99 |\n|---|---|');
for (const r of results) console.log(`| ${r.label} | ${fmt(r.list.p50)} / ${fmt(r.list.p95)} / ${fmt(r.list.p99)} |`);
fs.mkdirSync(DATA, { recursive: true });
fs.writeFileSync(path.join(DATA, `search-results-pg-${N}.json`), JSON.stringify({ machine: m, postgres: version, build, results }, null, 2));

async function generate(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const db = await createDb(config);
  await migrateToLatest(db);
  await seedDemo(db);
  const songxian = await db.selectFrom('orgs').select('id').where('name', '=', '嵩县政协').executeTakeFirstOrThrow();
  const places = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('tenant_id', '=', songxian.id).where('kind', 'in', ['township', 'village']).execute();
  const townships = places.filter((p) => p.kind === 'township').map((t) => ({ id: t.id, name: t.name,
    villages: places.filter((v) => v.parent_id === t.id).map((v) => ({ id: v.id, name: v.name })) }));
  const units = (await db.selectFrom('units').select('id').where('tenant_id', '=', songxian.id).execute()).map((u) => u.id);
  await db.destroy();

  // The generator's column order (lib/search-gen-worker.ts); tokens get the scope markers the app writes (migration 0004).
  const cols = ['tenant_id', 'code', 'secret_hash', 'kind', 'category', 'channel', 'content', 'township_id', 'village_id', 'place', 'contact_name',
    'contact_phone', 'consent_at', 'state', 'version', 'due_at', 'unit_id', 'reply_text', 'rating', 'search_tokens', 'content_hash', 'created_at',
    'accepted_at', 'forwarded_at', 'resolved_at', 'closed_at'];
  const TOKENS = cols.indexOf('search_tokens');
  const TOWNSHIP = cols.indexOf('township_id');
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${SCHEMA}` });
  await client.connect();
  const ROWS_PER_INSERT = 1000;
  const insert = async (rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const part = rows.slice(i, i + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const tuples = part.map((r) => {
        const v = [...r];
        v[0] = songxian.id;
        v[TOKENS] = `${String(v[TOKENS])} ${scopeMarkers(songxian.id, Number(v[TOWNSHIP]))}`;
        const base = params.length;
        params.push(...v);
        return `(${v.map((_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      await client.query(`INSERT INTO clues (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  };
  const spanMs = 3 * 365 * 86_400_000;
  const startMs = Date.now() - spanMs - 86_400_000;
  const CHUNK = 5000;
  const pending = new Map<number, unknown[][]>();
  let nextChunk = 0;
  let inserted = 0;
  let insertMs = 0;
  let queue = Promise.resolve();
  await Promise.all(Array.from({ length: WORKERS }, (_, wid) => new Promise<void>((resolve, reject) => {
    const w = new Worker(new URL('./lib/ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./lib/search-gen-worker.ts', import.meta.url).href, wid, workers: WORKERS, chunk: CHUNK, total: N, townships, units, startMs, spanMs },
    });
    w.on('message', (msg: { chunk: number; rows: unknown[][]; done?: boolean }) => {
      if (msg.done) return resolve();
      pending.set(msg.chunk, msg.rows);
      // Chunks in order, one at a time, so ids follow created_at.
      queue = queue.then(async () => {
        while (pending.has(nextChunk)) {
          const rows = pending.get(nextChunk)!;
          pending.delete(nextChunk++);
          const t = performance.now();
          await insert(rows);
          insertMs += performance.now() - t;
          inserted += rows.length;
          if (inserted % 100_000 < CHUNK) process.stdout.write(`\r  ${inserted.toLocaleString()} rows, ${fmt((performance.now() - t0) / 1000, 0)} s`);
        }
      });
    });
    w.on('error', reject);
    w.on('exit', (code) => { if (code !== 0) reject(new Error(`generator worker ${wid} exited ${code}`)); });
  })));
  await queue;
  if (inserted !== N) throw new Error(`inserted ${inserted} of ${N}`);
  const ta = performance.now();
  await client.query('ANALYZE clues');
  const analyzeMs = performance.now() - ta;
  const size = (await client.query(`SELECT pg_total_relation_size('clues') AS b`)).rows[0].b as string;
  await client.end();
  const b = { rows: inserted, seconds: (performance.now() - t0) / 1000, insertSeconds: insertMs / 1000, analyzeSeconds: analyzeMs / 1000, tableMB: Number(size) / 1e6 };
  console.log(`\nbuilt ${inserted.toLocaleString()} clues in ${fmt(b.seconds, 0)} s (inserting ${fmt(b.insertSeconds, 0)} s, ANALYZE ${fmt(b.analyzeSeconds, 0)} s); clues with indexes ${fmt(b.tableMB, 0)} MB`);
  return b;
}
