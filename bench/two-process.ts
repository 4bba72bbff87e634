/**
 * Two app processes on one PostgreSQL behind haproxy (Debian's package), under a bounded mixed load through
 * the proxy: public submissions, staff logins, racing staff transitions (accept, forward) on the same clues,
 * dashboard reads. Then it checks what several processes must not break:
 *   - no lost or doubled transition: every 200 the clients saw is one case_events row, no event exists that no
 *     client saw succeed, and no clue version was handed out twice;
 *   - every submission answered 201 is one clue;
 *   - every scheduled job ran once per period (the processes' run logs and scheduled_jobs agree, runs never
 *     closer than the period) and the outbox sent no message twice;
 *   - a public rate limit holds across both processes;
 *   - a session cookie from one process works on the other.
 * Exits non-zero on any failure. Everything stays on 127.0.0.1; the run is bounded (LOAD_SECONDS, default 45).
 *
 * Env: DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), LOAD_SECONDS (45), PROXY_PORT (3951; the apps
 * take the next two ports, haproxy's stats the one after), KEEP=1 keeps the schema.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, PASSWORD_COST } from '../server/src/config.ts';
import { createDb, type Db } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { hashPassword } from '../server/src/platform/auth.ts';
import { ROOT, waitForHttp } from './lib/util.ts';
import { bodyMaker } from './lib/bodies.ts';

const DATABASE_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
const LOAD_MS = Number(process.env.LOAD_SECONDS ?? 45) * 1000;
const PROXY = Number(process.env.PROXY_PORT ?? 3951);
const PORTS = [PROXY + 1, PROXY + 2];
const STATS = PROXY + 3;
const TICK_MS = 2_000;
const RATE_MAX = 30; // PUBLIC_RATE_LIMIT_MAX: GET /public/counties allows 4× this per minute and address
const PASSWORD = 'TwoProc@2026';
const SCHEMA = `two_process_${randomBytes(4).toString('hex')}`;
const started = Date.now();

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

// ---------- data: one county with a township, a unit and the users the load logs in as ----------

async function seed(db: Db) {
  const now = new Date().toISOString();
  const org = async (parent: number | null, tenant: number | null, kind: 'city' | 'county' | 'township' | 'village', name: string) => {
    const r = await db.insertInto('orgs').values({ parent_id: parent, tenant_id: tenant ?? 0, kind, name, code: null, sort: 0, created_at: now, version: 1 })
      .returning('id').executeTakeFirstOrThrow();
    if (tenant === null) await db.updateTable('orgs').set({ tenant_id: r.id }).where('id', '=', r.id).execute();
    return r.id;
  };
  const city = await org(null, null, 'city', '洛阳市政协');
  const county = await org(city, null, 'county', '嵩县政协');
  const townships = [];
  for (const name of ['城关镇', '田湖镇', '车村镇']) {
    const id = await org(county, county, 'township', name);
    townships.push({ id, name, villages: [{ id: await org(id, county, 'village', `${name.slice(0, 2)}村`), name: `${name.slice(0, 2)}村` }] });
  }
  const unit = await db.insertInto('units').values({ tenant_id: county, name: '县交通运输局', kind: 'department', township_id: null, contact_name: '王科长', contact_phone: '13300001111', active: 1, version: 1 })
    .returning('id').executeTakeFirstOrThrow();
  const hash = await hashPassword(PASSWORD, PASSWORD_COST);
  const user = (username: string, roles: string[], unitId: number | null = null) => db.insertInto('users').values({
    tenant_id: county, username, display_name: username, phone: null, password_hash: hash, roles: JSON.stringify(roles), unit_id: unitId, member_id: null,
    active: 1, failed_logins: 0, locked_until: null, password_changed_at: now, last_login_at: null, created_at: now, version: 1,
  }).execute();
  for (let i = 1; i <= 3; i++) await user(`tp.staff${i}`, ['staff']);
  // Accounts that only log in, over and over: each login past the per-user session cap ends that user's oldest
  // session, so the racing staff sessions must not be theirs.
  for (let i = 1; i <= 3; i++) await user(`tp.clerk${i}`, ['staff']);
  await user('tp.leader', ['leader']);
  return { county, unitId: unit.id, townships };
}

// ---------- processes ----------

interface Proc { name: string; proc: ChildProcess; lines: string[] }

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const proc = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { name, proc, lines: [] };
  let rest = '';
  const keep = (b: Buffer) => {
    const parts = (rest + b.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const l of parts) if (l.includes('scheduledJob') || l.includes('outbound message') || l.includes('"level":50') || !l.startsWith('{')) p.lines.push(l);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return p;
}

function stop(p: Proc): Promise<void> {
  return new Promise((resolve) => {
    if (p.proc.exitCode !== null || p.proc.signalCode !== null) return resolve();
    const t = setTimeout(() => p.proc.kill('SIGKILL'), 10_000);
    p.proc.once('exit', () => { clearTimeout(t); resolve(); });
    p.proc.kill('SIGTERM');
  });
}

function haproxyConfig(): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option forwardfor
frontend xs
  bind 127.0.0.1:${PROXY}
  default_backend apps
backend apps
  balance roundrobin
${PORTS.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check inter 1s`).join('\n')}
listen stats
  bind 127.0.0.1:${STATS}
  stats enable
  stats uri /stats
`;
}

// ---------- HTTP through the proxy ----------

const counts = { requests: 0, errors: 0, byKind: new Map<string, number>() };
const unexpected: string[] = [];

/** One request; `from` is the client address haproxy passes on (X-Forwarded-For), so limits count per client. */
async function call(kind: string, method: string, url: string, opts: { from?: string; body?: unknown; session?: Session; base?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.from) headers['x-forwarded-for'] = opts.from;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.session) Object.assign(headers, { cookie: `xs_sid=${opts.session.sid}`, 'x-csrf-token': opts.session.csrf });
  counts.requests += 1;
  counts.byKind.set(kind, (counts.byKind.get(kind) ?? 0) + 1);
  try {
    const res = await fetch(`${opts.base ?? `http://127.0.0.1:${PROXY}`}/api${url}`, {
      method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status >= 500) {
      counts.errors += 1;
      unexpected.push(`${method} ${url} → ${res.status} ${text.slice(0, 200)}`);
    }
    return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown>, headers: res.headers };
  } catch (err) {
    counts.errors += 1;
    unexpected.push(`${method} ${url} → ${String(err)}`);
    return { status: 0, json: (): Record<string, unknown> => ({}), headers: new Headers() };
  }
}

interface Session { sid: string; csrf: string; username: string }

let ipSeq = 0;
const nextIp = () => `198.51.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

async function login(username: string, base?: string): Promise<Session> {
  const res = await call('login', 'POST', '/v1/auth/login', { from: nextIp(), body: { username, password: PASSWORD }, base });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const sid = /xs_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!sid) throw new Error(`login ${username}: no cookie`);
  return { sid, csrf: String(res.json().csrfToken), username };
}

// ---------- main ----------

const base = loadConfig({ DATABASE_URL, PG_SCHEMA: SCHEMA });
const db = await createDb(base);
const procs: Proc[] = [];
const haproxyCfg = path.join(os.tmpdir(), `xs-haproxy-${SCHEMA}.cfg`);
let exitCode = 1;
try {
  await migrateToLatest(db);
  const world = await seed(db);
  console.log(`schema ${SCHEMA}: county ${world.county}, unit ${world.unitId} (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const appEnv = (port: number) => ({
    DATABASE_URL, PG_SCHEMA: SCHEMA, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SCHEDULER_TICK_MS: String(TICK_MS),
    // haproxy runs on this host: the operator's setting for a same-host proxy, so each client keeps its own address.
    TRUST_PROXY: 'loopback',
    PUBLIC_RATE_LIMIT_MAX: String(RATE_MAX), PG_POOL_MAX: '8', INTAKE_THREAD: '0',
  });
  for (const [i, port] of PORTS.entries()) procs.push(start(`app${i + 1}`, process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], appEnv(port)));
  fs.writeFileSync(haproxyCfg, haproxyConfig());
  procs.push(start('haproxy', 'haproxy', ['-db', '-f', haproxyCfg], {}));
  for (const port of PORTS) await waitForHttp(`http://127.0.0.1:${port}/api/health`);
  await waitForHttp(`http://127.0.0.1:${PROXY}/api/health`);
  const t0 = Date.now();
  console.log(`two apps on :${PORTS.join(', :')} behind haproxy :${PROXY}; load for ${LOAD_MS / 1000} s`);

  // A session from one process works on the other (and through the proxy), writes included (CSRF).
  const onFirst = await login('tp.leader', `http://127.0.0.1:${PORTS[0]}`);
  const me = await Promise.all(PORTS.map((p) => call('session', 'GET', '/v1/auth/me', { session: onFirst, base: `http://127.0.0.1:${p}` })));
  check(me.every((r) => r.status === 200 && JSON.stringify(r.json()).includes('tp.leader')), 'a session cookie made by app1 is accepted by app1 and app2');

  // ---- the mixed load ----
  const until = t0 + LOAD_MS;
  const applied: { id: number; transition: string; version: number }[] = [];
  let submitted = 0;
  let conflicts = 0;
  const staff = await Promise.all([1, 2, 3].map((i) => login(`tp.staff${i}`)));
  const leader = await login('tp.leader');
  const make = bodyMaker(world.townships, `tp-${SCHEMA}`, 0.3);

  const intake = async () => {
    while (Date.now() < until) {
      const r = await call('intake', 'POST', `/v1/public/counties/${world.county}/clues`, { from: nextIp(), body: JSON.parse(make()) as unknown });
      if (r.status === 201) submitted += 1;
      else unexpected.push(`intake → ${r.status}`);
    }
  };
  /** Staff race for the same few clues: each accepts or forwards one of the oldest five in a state. */
  const triage = async (s: Session, turn: number) => {
    while (Date.now() < until) {
      const [transition, from] = turn++ % 2 === 0 ? ['accept', 'submitted'] : ['forward', 'accepted'];
      const list = await call('list', 'GET', `/v1/clues?state=${from}&pageSize=5`, { session: s });
      const items = (list.json().items ?? []) as { id: number; version: number }[];
      const c = items[Math.floor(Math.random() * items.length)];
      if (!c) { await new Promise((r) => setTimeout(r, 100)); continue; }
      const body = transition === 'forward' ? { version: c.version, unitId: world.unitId } : { version: c.version };
      const r = await call('transition', 'POST', `/v1/clues/${c.id}/transitions/${transition}`, { session: s, body });
      if (r.status === 200) applied.push({ id: c.id, transition, version: Number(r.json().version) });
      else if (r.status === 409) conflicts += 1;
      else unexpected.push(`${transition} ${c.id} → ${r.status} ${JSON.stringify(r.json()).slice(0, 200)}`);
    }
  };
  const dashboards = async () => {
    while (Date.now() < until) {
      for (const url of ['/v1/clues/stats', '/v1/clues?page=1&pageSize=20', '/v1/clues?state=open', '/v1/auth/me']) {
        const r = await call('dashboard', 'GET', url, { session: leader });
        if (r.status !== 200) unexpected.push(`${url} → ${r.status}`);
      }
    }
  };
  const logins = async () => {
    while (Date.now() < until) {
      await login(`tp.clerk${1 + (ipSeq % 3)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  await Promise.all([intake(), intake(), intake(), ...staff.map((s, i) => triage(s, i)), ...staff.map((s, i) => triage(s, i + 1)), dashboards(), logins()]);
  const loadSeconds = (Date.now() - t0) / 1000;

  // ---- a public rate limit across both processes: one client, alternately served by each ----
  const limit = RATE_MAX * 4;
  const codes: number[] = [];
  for (let i = 0; i < limit + 5; i++) codes.push((await call('rate-limit', 'GET', '/v1/public/counties', { from: '203.0.113.99' })).status);
  const allowed = codes.filter((c) => c === 200).length;
  const refused = codes.filter((c) => c === 429).length;
  check(allowed === limit && refused === 5 && codes.slice(0, limit).every((c) => c === 200),
    `rate limit across both processes: ${allowed} allowed, ${refused} refused of ${codes.length} (limit ${limit}/min)`);

  // Let the outbox drain what the forwards queued (its period is 15 s), then stop the apps so their logs are complete.
  await new Promise((r) => setTimeout(r, 17_000));
  const statsCsv = await (await fetch(`http://127.0.0.1:${STATS}/stats;csv`)).text();
  const served = statsCsv.split('\n').filter((l) => l.startsWith('apps,app')).map((l) => `${l.split(',')[1]} ${l.split(',')[7]}`);
  await Promise.all(procs.map(stop));

  // ---- transitions: what clients saw succeed = what the database recorded, once each ----
  const events = await db.selectFrom('case_events').select(['case_id', 'transition']).where('case_type', '=', 'clue')
    .where('transition', 'in', ['accept', 'forward']).where('actor_kind', '=', 'user').execute();
  const key = (id: number, t: string) => `${id}:${t}`;
  const eventCount = new Map<string, number>();
  for (const e of events) eventCount.set(key(e.case_id, e.transition), (eventCount.get(key(e.case_id, e.transition)) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const a of applied) seen.set(key(a.id, a.transition), (seen.get(key(a.id, a.transition)) ?? 0) + 1);
  const doubled = [...eventCount.values()].filter((n) => n > 1).length + [...seen.values()].filter((n) => n > 1).length;
  const lost = [...seen.keys()].filter((k) => !eventCount.has(k)).length;
  const phantom = [...eventCount.keys()].filter((k) => !seen.has(k)).length;
  const versions = new Set(applied.map((a) => `${a.id}@${a.version}`));
  check(applied.length > 0 && doubled === 0 && lost === 0 && phantom === 0 && versions.size === applied.length,
    `transitions: ${applied.length} succeeded, ${events.length} recorded, ${conflicts} refused as conflicts (409); doubled ${doubled}, lost ${lost}, unseen ${phantom}, versions reused ${applied.length - versions.size}`);
  const clues = Number((await db.selectFrom('clues').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  check(clues === submitted, `intake: ${submitted} submissions answered 201, ${clues} clues stored`);

  // ---- jobs: the processes' run logs against scheduled_jobs ----
  type Run = { name: string; owner: string; startedAt: string; ms: number };
  const runs: Run[] = procs.slice(0, 2).flatMap((p) => p.lines.filter((l) => l.includes('"scheduledJob"')).map((l) => (JSON.parse(l) as { scheduledJob: Run }).scheduledJob));
  const jobs = await db.selectFrom('scheduled_jobs').selectAll().orderBy('name').execute();
  const jobLines: string[] = [];
  let jobsOk = jobs.length > 0;
  for (const j of jobs) {
    const mine = runs.filter((r) => r.name === j.name).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const gaps = mine.slice(1).map((r, i) => Date.parse(r.startedAt) - Date.parse(mine[i]!.startedAt));
    const tooSoon = gaps.filter((g) => g < j.every_ms).length;
    const missed = gaps.filter((g) => g > j.every_ms + 2 * TICK_MS + 1_000).length;
    const owners = new Set(mine.map((r) => r.owner)).size;
    if (mine.length === 0 || mine.length !== j.run_count || tooSoon > 0 || missed > 0) jobsOk = false;
    jobLines.push(`${j.name} every ${j.every_ms / 1000} s: ${mine.length} runs by ${owners} process(es), run_count ${j.run_count}, closer than the period ${tooSoon}, period missed ${missed}`);
  }
  check(jobsOk, `every scheduled job ran once per period:\n      ${jobLines.join('\n      ')}`);

  // ---- the outbox: nothing sent twice ----
  const sends = procs.slice(0, 2).flatMap((p) => p.lines.filter((l) => l.includes('outbound message')).map((l) => (JSON.parse(l) as { outbox: { id: number } }).outbox.id));
  const sentTwice = sends.length - new Set(sends).size;
  const outbox = await db.selectFrom('outbox').select(['status']).execute();
  const outboxSent = outbox.filter((o) => o.status === 'sent').length;
  check(sentTwice === 0 && outboxSent === new Set(sends).size, `outbox: ${outbox.length} messages, ${outboxSent} sent, ${sends.length} sends logged, sent twice ${sentTwice}`);

  check(counts.errors === 0, `no 5xx or failed requests (${counts.errors})`);
  if (unexpected.length) console.log(`unexpected answers (${unexpected.length}), first ones:\n  ${unexpected.slice(0, 10).join('\n  ')}`);
  check(unexpected.length === 0, `no unexpected status (${unexpected.length})`);
  const errorsLogged = procs.slice(0, 2).flatMap((p) => p.lines.filter((l) => l.includes('"level":50')));
  check(errorsLogged.length === 0, `no error logged by the apps (${errorsLogged.length})${errorsLogged.length ? `: ${errorsLogged[0]!.slice(0, 300)}` : ''}`);

  console.log(`\nfigures: ${counts.requests} requests in ${loadSeconds.toFixed(1)} s of load (${[...counts.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); `
    + `errors ${counts.errors}; duplicates found ${doubled + sentTwice}; haproxy served ${served.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.error(err);
  for (const p of procs) if (p.lines.length) console.error(`[${p.name}] ${p.lines.slice(-10).join('\n')}`);
} finally {
  await Promise.all(procs.map(stop));
  fs.rmSync(haproxyCfg, { force: true });
  if (process.env.KEEP !== '1') await sql`DROP SCHEMA ${sql.id(SCHEMA)} CASCADE`.execute(db);
  await db.destroy();
}
if (failures.length) console.error(`\n${failures.length} check(s) failed`);
process.exit(exitCode);
