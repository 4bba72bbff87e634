/**
 * Lighthouse mobile performance of the public report page (what a 码上议 QR code opens): lighthouse@12.2.3 with
 * Debian's chromium, default mobile settings (simulated slow 4G, 4× CPU slowdown, Moto G Power screen). The app is
 * the real server on a fresh demo database with the production build of web/ (`npm run build -w web` first).
 * Env: RUNS (5), URL_PATH (/h5/report?c=2), PORT (3921).
 */
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { DATA, fmt, machine, runNode, startChild, waitForHttp } from './lib/util.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const PORT = Number(process.env.PORT ?? 3921);
const URL_PATH = process.env.URL_PATH ?? '/h5/report?c=2';
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, node ${m.node}, load ${m.load}`);
if (!fs.existsSync(path.join(import.meta.dirname, '../web/dist/h5.html'))) throw new Error('web/dist is missing: run `npm run build -w web` first');

fs.mkdirSync(DATA, { recursive: true });
const dir = fs.mkdtempSync(path.join(DATA, 'lighthouse-'));
const env = { DATA_DIR: dir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(PORT) };
await runNode(['--import', 'tsx', 'server/src/main.ts', 'demo'], env);
const app = startChild(['--import', 'tsx', 'server/src/main.ts', 'start'], env, 'app');
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
interface Run { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number; tti: number; jsKiB: number }
const runs: Run[] = [];
try {
  const url = `http://127.0.0.1:${PORT}${URL_PATH}`;
  await waitForHttp(`http://127.0.0.1:${PORT}/api/health`);
  for (let i = 0; i <= RUNS; i++) {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error' });
    const lhr = result!.lhr;
    const a = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const items = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
    const run: Run = {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100), fcp: a('first-contentful-paint'), lcp: a('largest-contentful-paint'),
      tbt: a('total-blocking-time'), cls: a('cumulative-layout-shift'), si: a('speed-index'), tti: a('interactive'),
      jsKiB: items.filter((r) => r.resourceType === 'Script').reduce((s, r) => s + (r.transferSize ?? 0), 0) / 1024,
    };
    // The first run warms the server and the disk cache; it is not counted.
    console.log(`${i === 0 ? 'warm-up' : `run ${i}`}: score ${run.score}, FCP ${fmt(run.fcp, 0)} ms, LCP ${fmt(run.lcp, 0)} ms, TBT ${fmt(run.tbt, 0)} ms, ` +
      `CLS ${fmt(run.cls, 3)}, SI ${fmt(run.si, 0)} ms, TTI ${fmt(run.tti, 0)} ms, JS transferred ${fmt(run.jsKiB, 1)} KiB`);
    if (i > 0) runs.push(run);
  }
} finally {
  await chrome.kill();
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const out = { machine: m, url: URL_PATH, runs, median: Object.fromEntries(Object.keys(runs[0]!).map((k) => [k, med(runs.map((r) => r[k as keyof Run]))])) };
fs.writeFileSync(path.join(DATA, 'lighthouse-results.json'), JSON.stringify(out, null, 2));
console.log(`\nmedian of ${runs.length}: score ${out.median.score} (target ≥ 90), LCP ${fmt(out.median.lcp, 0)} ms, TBT ${fmt(out.median.tbt, 0)} ms, JS ${fmt(out.median.jsKiB, 1)} KiB`);
