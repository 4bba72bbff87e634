/**
 * Intake benchmark: the real app (child process: `main.ts demo` then `main.ts start` on a fresh SQLite file,
 * WAL + synchronous=FULL) against a bare Fastify + Zod + one-INSERT route (the ceiling), in the same run,
 * alternating, with varied bodies. The public rate limit is raised through PUBLIC_RATE_LIMIT_MAX only;
 * the county's abuse limits (duplicate window, per-phone cap) stay at their defaults: every body is
 * different and phones are unique, so they are exercised but never hit.
 *
 * Env: DURATION (s, 10), WARMUP (s, 3), CONNECTIONS (32), ROUNDS (3), PROFILE=1 (node --cpu-prof on the app
 * child; the profile is summarised at the end), KEEP=1 (keep the temp data dir).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DATA, fmt, fsyncRate, machine, runNode, startChild, waitForHttp } from './lib/util.ts';
import { bodyMaker, type Township } from './lib/bodies.ts';
import { postLoad, type LoadResult } from './lib/load.ts';
import { summariseProfile } from './lib/cpuprofile.ts';

const DURATION = Number(process.env.DURATION ?? 10);
const WARMUP = Number(process.env.WARMUP ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PROFILE = process.env.PROFILE === '1';
const APP_PORT = Number(process.env.APP_PORT ?? 3911);
const BASE_PORT = Number(process.env.BASE_PORT ?? 3912);
const COUNTY = 2; // 嵩县 in the demo: 16 townships

fs.mkdirSync(DATA, { recursive: true });
const dir = fs.mkdtempSync(path.join(DATA, 'intake-'));
const appDir = path.join(dir, 'app');
const profDir = path.join(dir, 'prof');
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, ${m.memGiB} GiB, node ${m.node}, load ${m.load}\ndisk: ${m.disk}`);
const fsync = await fsyncRate(dir);
console.log(`fsync probe: ${fmt(fsync, 0)} one-row WAL/FULL commits per second (single thread, no HTTP)`);

const env = { DATA_DIR: appDir, LOG_LEVEL: 'warn', PUBLIC_RATE_LIMIT_MAX: '1000000', HOST: '127.0.0.1', PORT: String(APP_PORT) };
await runNode(['--import', 'tsx', 'server/src/main.ts', 'demo'], env);
// The flags of `npm start` (a larger young generation: fewer scavenges under load); the baseline gets them too.
const NODE_FLAGS = ['--max-semi-space-size=32'];
const app = startChild([...NODE_FLAGS, ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), '--import', 'tsx', 'server/src/main.ts', 'start'], env, 'app');
const base = startChild([...NODE_FLAGS, '--import', 'tsx', 'bench/baseline-server.ts'], { PORT: String(BASE_PORT), DB_FILE: path.join(dir, 'baseline.db') }, 'baseline');
const results: { round: number; app: LoadResult; base: LoadResult }[] = [];
try {
  await waitForHttp(`http://127.0.0.1:${APP_PORT}/api/health`);
  await waitForHttp(`http://127.0.0.1:${BASE_PORT}/health`);
  const form = await (await fetch(`http://127.0.0.1:${APP_PORT}/api/v1/public/counties/${COUNTY}/form`)).json() as { townships: Township[] };
  console.log(`county ${COUNTY}: ${form.townships.length} townships, ${form.townships.reduce((s, t) => s + t.villages.length, 0)} villages`);

  const appDb = new SQLite(path.join(appDir, 'xieshang.db'), { readonly: true });
  const baseDb = new SQLite(path.join(dir, 'baseline.db'), { readonly: true });
  const count = (db: SQLite.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  const targets = {
    app: { url: `http://127.0.0.1:${APP_PORT}/api/v1/public/counties/${COUNTY}/clues`, db: appDb, table: 'clues' },
    base: { url: `http://127.0.0.1:${BASE_PORT}/counties/${COUNTY}/reports`, db: baseDb, table: 'reports' },
  };
  const measure = async (which: 'app' | 'base', round: number) => {
    const t = targets[which];
    const make = bodyMaker(form.townships, `${which}${round}-${Date.now() % 100000}`);
    await postLoad(`${which} warm-up`, t.url, make, { connections: CONNECTIONS, duration: WARMUP });
    await new Promise((res) => setTimeout(res, 500)); // let the warm-up's last requests commit
    const before = count(t.db, t.table);
    const r = await postLoad(which, t.url, make, { connections: CONNECTIONS, duration: DURATION });
    await new Promise((res) => setTimeout(res, 500));
    const rows = count(t.db, t.table) - before;
    console.log(`round ${round} ${which.padEnd(4)}: ${fmt(r.okPerSec, 0)} 2xx/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, non-2xx ${r.non2xx}, errors ${r.errors}, rows +${rows}`);
    // Requests still in flight when autocannon stops are written but not counted as answered: at most one per connection.
    if (rows < r.ok || rows > r.ok + CONNECTIONS) console.warn(`  ! rows written (${rows}) do not match 2xx answers (${r.ok})`);
    return r;
  };
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate the order so drift of the machine's background load hits both sides alike.
    const order: ('app' | 'base')[] = round % 2 ? ['base', 'app'] : ['app', 'base'];
    const got: Partial<Record<'app' | 'base', LoadResult>> = {};
    for (const w of order) got[w] = await measure(w, round);
    results.push({ round, app: got.app!, base: got.base! });
  }
  const audit = appDb.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'clue.submit'`).get() as { n: number };
  const events = appDb.prepare(`SELECT count(*) AS n FROM case_events WHERE transition = 'submit'`).get() as { n: number };
  const fts = appDb.prepare(`SELECT count(*) AS n FROM clues_fts`).get() as { n: number };
  console.log(`app database: ${count(appDb, 'clues')} clues, ${events.n} submit events, ${audit.n} submit audit rows, ${fts.n} FTS rows`);
  appDb.close();
  baseDb.close();
} finally {
  await app.stop();
  await base.stop();
}

const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\n| round | baseline 2xx/s | p50 / p99 ms | non-2xx | app 2xx/s | p50 / p99 ms | non-2xx | ratio |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const r of results) {
  console.log(`| ${r.round} | ${fmt(r.base.okPerSec, 0)} | ${r.base.p50} / ${r.base.p99} | ${r.base.non2xx} | ${fmt(r.app.okPerSec, 0)} | ${r.app.p50} / ${r.app.p99} | ${r.app.non2xx} | ${fmt(r.app.okPerSec / r.base.okPerSec, 2)} |`);
}
const appRps = med(results.map((r) => r.app.okPerSec));
const baseRps = med(results.map((r) => r.base.okPerSec));
const ratio = med(results.map((r) => r.app.okPerSec / r.base.okPerSec));
console.log(`\nmedians over ${results.length} rounds: app ${fmt(appRps, 0)}/s vs baseline ${fmt(baseRps, 0)}/s; ratio (median of the rounds' ratios) ${fmt(ratio, 2)} (target ≥ 0.25); ` +
  `app p99 ${med(results.map((r) => r.app.p99))} ms (target < 50); 2,000/s: ${appRps >= 2000 ? 'met' : 'missed'}`);
fs.writeFileSync(path.join(DATA, 'intake-results.json'), JSON.stringify({ machine: m, fsync, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP, results }, null, 2));

if (PROFILE) {
  // One profile per thread: the server's main thread, the intake thread (clues.intake.ts), and small ones
  // (tsx's module loader). The two biggest are summarised.
  const files = fs.existsSync(profDir) ? fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')) : [];
  files.sort((a, b) => fs.statSync(path.join(profDir, b)).size - fs.statSync(path.join(profDir, a)).size);
  files.slice(0, 2).forEach((file, i) => {
    const target = path.join(DATA, `intake-app-${i + 1}.cpuprofile`);
    fs.copyFileSync(path.join(profDir, file), target);
    console.log(`\nCPU profile of an app thread (${target}; open it in Chrome DevTools):`);
    console.log(summariseProfile(target, 40));
  });
}
if (process.env.KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
