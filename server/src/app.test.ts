/**
 * The built web's pages: a rebuilt web/dist is served without a restart, because each page is read
 * again when its file changes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from './test/helper.ts';

let env: TestEnv;
const dist = path.join(os.tmpdir(), `xs-dist-${randomBytes(6).toString('hex')}`);
let tick = Date.now() / 1000;

/** Write a page as a build would, with a later mtime than any before it (however coarse the clock). */
function build(file: string, html: string) {
  fs.writeFileSync(path.join(dist, file), html);
  tick += 10;
  fs.utimesSync(path.join(dist, file), tick, tick);
}

beforeAll(async () => {
  fs.mkdirSync(dist, { recursive: true });
  build('index.html', '<title>控制台 v1</title>');
  build('h5.html', '<title>H5 v1</title>');
  env = await createTestApp({ webDist: dist });
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const page = async (url: string) => {
  const res = await env.app.inject({ method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  expect(res.headers['content-type'], url).toContain('text/html');
  return res.body;
};

describe('the built web pages', () => {
  it('serves a rebuilt index.html and h5.html without a restart', async () => {
    expect(await page('/')).toBe('<title>控制台 v1</title>');
    expect(await page('/members')).toBe('<title>控制台 v1</title>');
    expect(await page('/h5/track')).toBe('<title>H5 v1</title>');

    build('index.html', '<title>控制台 v2（重新构建）</title>');
    expect(await page('/')).toBe('<title>控制台 v2（重新构建）</title>');
    expect(await page('/members')).toBe('<title>控制台 v2（重新构建）</title>');
    expect(await page('/h5')).toBe('<title>H5 v1</title>');

    // A build that replaces the file with one of the same size is seen too.
    build('h5.html', '<title>H5 v2</title>');
    expect(await page('/h5/track')).toBe('<title>H5 v2</title>');
  });

  it('keeps serving the last page while a build has removed the file', async () => {
    const last = await page('/');
    fs.rmSync(path.join(dist, 'index.html'));
    expect(await page('/')).toBe(last);
    build('index.html', '<title>控制台 v3</title>');
    expect(await page('/')).toBe('<title>控制台 v3</title>');
  });
});
