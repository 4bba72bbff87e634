/** Shared helpers of the benchmarks: child processes, waiting for a port, percentiles, the machine. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH = path.resolve(import.meta.dirname, '..');
export const DATA = process.env.BENCH_DATA_DIR ?? path.join(BENCH, '.data');

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

export interface Child {
  proc: ChildProcess;
  log: string[];
  stop(): Promise<void>;
}

/** Start a child process (own process group not needed: we stop it by its pid). */
export function startChild(args: string[], env: NodeJS.ProcessEnv, name: string): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    for (const line of b.toString().split('\n')) if (line.trim()) log.push(line);
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  proc.on('exit', (code, sig) => { if (code && code !== 0) console.error(`[${name}] exited ${code ?? sig}\n${log.slice(-20).join('\n')}`); });
  return {
    proc, log,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => { clearTimeout(t); resolve(); });
      proc.kill('SIGTERM');
    }),
  };
}

/** Run a node command to completion. */
export function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`node ${args.join(' ')} → ${code}\n${out}`))));
  });
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not yet */ }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the README records about the machine. */
export function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model ?? '?';
  let disk = '?';
  try { disk = execSync(`df -h ${JSON.stringify(DATA)} | tail -1`, { encoding: 'utf8' }).trim().replace(/\s+/g, ' '); } catch { /* none */ }
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    node: process.version,
    disk,
  };
}

/** Commits per second of one-row transactions in WAL with synchronous=FULL: the disk's fsync ceiling. */
export async function fsyncRate(dir: string, ms = 2000): Promise<number> {
  const { default: SQLite } = await import('better-sqlite3');
  const file = path.join(dir, `fsync-probe-${process.pid}.db`);
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)');
    const ins = db.prepare('INSERT INTO t (a) VALUES (?)');
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < ms) ins.run(`probe ${n++}`);
    return n / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  }
}
