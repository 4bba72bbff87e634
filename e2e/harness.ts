/**
 * Start the real server (demo data, fresh temp database, free port) and a headless chromium for a
 * browser test; stop both afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A button's accessible name as Ant Design renders it: a space between two Chinese characters (「保 存」). */
export const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

export interface Running {
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh context (own cookies), zh-CN, China time, the front end from the snapshot. */
  newPage: () => Promise<Page>;
  /** The server's output so far, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ico': 'image/x-icon', '.json': 'application/json', '.html': 'text/html; charset=utf-8',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether `dir` holds the built pages and every file they name. */
function isCompleteBuild(dir: string): boolean {
  return ['index.html', 'h5.html'].every((page) => {
    const file = path.join(dir, page);
    if (!fs.existsSync(file)) return false;
    const refs = [...fs.readFileSync(file, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    return refs.every((ref) => fs.existsSync(path.join(dir, ref)));
  });
}

/**
 * Copy web/dist to `dest`. Another build in the same checkout may be emptying and refilling it, so
 * wait up to a minute for a complete build and copy again if it changed under the copy.
 */
async function snapshotWeb(dest: string, timeoutMs = 60_000): Promise<void> {
  const dist = path.join(ROOT, 'web/dist');
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (isCompleteBuild(dist)) {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(dist, dest, { recursive: true });
      if (isCompleteBuild(dest)) return;
    }
    if (Date.now() > until) throw new Error('web/dist is not built: run `npm run e2e` (it builds the web first)');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitForHealth(url: string, server: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${log()}`);
}

export async function startApp(): Promise<Running> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-e2e-'));
  const port = await freePort();
  // Always the embedded SQLite in the temp dir, whatever DATABASE_URL the shell has; plain HTTP, so the session
  // cookie must not be Secure (a browser need not keep a Secure cookie that came over plain HTTP). A response that
  // does not match its route's response schema fails the request here, as in the unit tests (platform/responses.ts).
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', SECURE_COOKIES: '0', STRICT_RESPONSES: '1',
  };

  // Other work in the same checkout may rebuild web/dist (emptying it) while a test runs; the browser
  // therefore gets the front end from a copy taken now, and the API from the real server.
  const webDir = path.join(dataDir, 'web');
  try {
    await snapshotWeb(webDir);
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'demo'], { cwd: ROOT, env, encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`demo seed failed:\n${demo.stdout}\n${demo.stderr}`);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  let output = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  server.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const log = () => output.slice(-4000);
  const baseUrl = `http://127.0.0.1:${port}`;

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server, log);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (err) {
    await stop();
    throw err;
  }
  const ready = browser;
  const newPage = async () => {
    const context = await ready.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 800 } });
    await context.route(`${baseUrl}/**`, (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname.startsWith('/api/')) return route.continue();
      const file = path.join(webDir, path.normalize(pathname));
      const isFile = /\.[a-z0-9]+$/i.test(pathname) && file.startsWith(webDir) && fs.existsSync(file);
      if (isFile) return route.fulfill({ path: file, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      const html = pathname === '/h5' || pathname.startsWith('/h5/') ? 'h5.html' : 'index.html';
      return route.fulfill({ path: path.join(webDir, html), contentType: 'text/html; charset=utf-8' });
    });
    return context.newPage();
  };
  return { baseUrl, browser: ready, newPage, log, stop };
}

/**
 * An antd Select of a form: open it by its label, pick the option (typed into its search first when it is a name), and
 * check that the form shows it, trying again when it does not — in a loaded full run a click on an option as the dropdown
 * opened at times chose nothing, and the form then stayed invalid with its dialog open.
 */
export async function chooseOption(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  const input = scope.getByLabel(label);
  const select = scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) }).locator('.ant-select');
  const shown = async () => (await select.getByText(option, { exact: true }).filter({ visible: true }).count()) > 0;
  for (let i = 0; i < 5 && !(await shown()); i++) {
    await input.click();
    if (typeof option === 'string') await input.fill(option).catch(() => undefined);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
    await page.waitForTimeout(200);
  }
  if (!(await shown())) throw new Error(`「${label}」没有选上 ${option}`);
}
