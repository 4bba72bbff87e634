/**
 * Public submissions written in the intake thread (SQLite files): the same rows, the same errors in
 * Chinese, staff writes alongside, and nothing accepted is lost when the server stops.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';
import { clueBody, countClues, createClueWorld, must, postClue, submitClue, type ClueWorld } from './clues.factory.ts';
import { createIntake, usesIntakeThread } from './clues.intake.ts';

describe('which submissions go to the intake thread', () => {
  it('only those on a SQLite file, unless switched off', () => {
    const file = loadConfig({ DATA_DIR: '/tmp/x' });
    expect(usesIntakeThread(file)).toBe(true);
    expect(usesIntakeThread(loadConfig({ DATA_DIR: '/tmp/x', INTAKE_THREAD: '0' }))).toBe(false);
    expect(usesIntakeThread({ ...file, sqliteFile: ':memory:' })).toBe(false);
    expect(usesIntakeThread(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }))).toBe(false);
  });
});

// The thread needs a database file a second connection can open: SQLite only (PostgreSQL writes in the request).
describe.skipIf(DIALECT === 'postgres')('submissions through the intake thread (SQLite file)', () => {
  let env: TestEnv;
  let w: ClueWorld;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-intake-'));
    env = await createTestApp({ dataDir: dir, sqliteFile: path.join(dir, 'xieshang.db'), intakeThread: true });
    w = await createClueWorld(env);
  });
  afterAll(async () => {
    await env.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the clue with its index entry, timeline and audit, and answers with code and secret', async () => {
    const { id, code } = await submitClue(env, w.county, { content: '东街村村口的路灯坏了半个月，晚上出行很不方便', villageId: w.county.villageId });
    const row = await env.db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.code).toBe(code);
    expect(row.state).toBe('submitted');
    // Text tokens from the main thread, township and village from the thread's own read.
    expect(row.search_tokens).toContain('路灯');
    expect(row.search_tokens).toContain('城关镇');
    expect(row.search_tokens).toContain('东街村');
    const events = await env.db.selectFrom('case_events').select('transition').where('case_id', '=', id).where('case_type', '=', 'clue').execute();
    expect(events.map((e) => e.transition)).toEqual(['submit']);
    const audit = await env.db.selectFrom('audit_log').select('summary').where('entity', '=', 'clue').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain(code);
  });

  it('really writes in the thread', async () => {
    const intake = createIntake(env.db, env.app.config);
    try {
      expect(intake.threaded).toBe(true);
      const r = await intake.submit(w.county.id, clueBody(w.county) as never, { ip: '10.9.9.9' });
      expect(r.code).toMatch(/^\d{6}[2-9A-Z]{4}$/);
      expect(await env.db.selectFrom('clues').select('id').where('code', '=', r.code).executeTakeFirst()).toBeDefined();
    } finally {
      await intake.close();
    }
  });

  it('brings the thread\'s errors back as the same Chinese 4xx, storing nothing', async () => {
    const before = await countClues(env);
    const noCounty = await postClue(env, 999_999, clueBody(w.county));
    expect(noCounty.statusCode).toBe(404);
    expect(noCounty.json().message).toBe('县区不存在');
    const badTownship = await postClue(env, w.county.id, clueBody({ townshipId: 999_998 }));
    expect(badTownship.statusCode).toBe(400);
    expect(badTownship.json().fields).toEqual([{ path: 'townshipId', message: '所选乡镇/街道不存在' }]);
    const body = clueBody(w.county);
    expect((await postClue(env, w.county.id, body)).statusCode).toBe(201);
    const again = await postClue(env, w.county.id, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('相同的内容刚刚已经提交过了');
    expect(await countClues(env)).toBe(before + 1);
  });

  it('lets staff act on clues while the thread writes (no SQLITE_BUSY, no 500)', async () => {
    const waiting = await Promise.all(Array.from({ length: 8 }, () => submitClue(env, w.county)));
    const before = await countClues(env);
    const [posts, actions] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, () => postClue(env, w.county.id, clueBody(w.county)))),
      Promise.all(waiting.map((c) => must(env, w.staff, c.id, 'accept'))),
    ]);
    expect(posts.map((r) => r.statusCode)).toEqual(posts.map(() => 201));
    expect(actions.map((a) => a.state)).toEqual(waiting.map(() => 'accepted'));
    expect(await countClues(env)).toBe(before + 60);
  });

  it('finishes what it accepted before it stops', async () => {
    const intake = createIntake(env.db, env.app.config);
    const bodies = Array.from({ length: 12 }, () => clueBody(w.county));
    const pending = bodies.map((b) => intake.submit(w.county.id, b as never, { ip: null }));
    await new Promise((r) => setTimeout(r, 0));
    const closing = intake.close();
    const results = await Promise.all(pending);
    await closing;
    const stored = await env.db.selectFrom('clues').select('code').where('code', 'in', results.map((r) => r.code)).execute();
    expect(stored).toHaveLength(12);
    await expect(intake.submit(w.county.id, clueBody(w.county) as never, { ip: null })).rejects.toThrow('服务正在重启');
  });
});
