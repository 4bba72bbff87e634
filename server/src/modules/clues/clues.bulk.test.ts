/**
 * A bulk action reports each clue's failure, but only in words meant for staff: a refusal (stale version, wrong
 * state) as it is, anything unexpected as 操作失败 — never the text of a database or programming error.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../../db/database.ts';
import { createTestApp, type TestEnv } from '../../test/helper.ts';
import { createClueWorld, submitClue } from './clues.factory.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env.close());

/** Make every update of one clue fail inside the database with a message naming internals. */
async function breakUpdatesOf(clueId: number) {
  if (isPostgres(env.db)) {
    await sql`CREATE FUNCTION xs_test_broken() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'internal detail: relation clues_secret'; END; $$ LANGUAGE plpgsql`.execute(env.db);
    await sql`CREATE TRIGGER xs_test_broken BEFORE UPDATE ON clues FOR EACH ROW WHEN (OLD.id = ${sql.lit(clueId)})
      EXECUTE FUNCTION xs_test_broken()`.execute(env.db);
  } else {
    await sql`CREATE TRIGGER xs_test_broken BEFORE UPDATE ON clues WHEN OLD.id = ${sql.lit(clueId)}
      BEGIN SELECT RAISE(ABORT, 'internal detail: relation clues_secret'); END`.execute(env.db);
  }
}

describe('POST /clues/bulk failures', () => {
  it('answers an unexpected error as 操作失败 and a refusal in its own words', async () => {
    const w = await createClueWorld(env);
    const [ok, broken, stale] = [await submitClue(env, w.county), await submitClue(env, w.county), await submitClue(env, w.county)];
    await breakUpdatesOf(broken.id);
    const res = await w.staff.post('/api/v1/clues/bulk', {
      transition: 'accept', items: [{ id: ok.id, version: 1 }, { id: broken.id, version: 1 }, { id: stale.id, version: 7 }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('internal detail');
    const body = res.json();
    expect(body.done).toEqual([ok.id]);
    expect(body.failed).toEqual([
      { id: broken.id, message: '操作失败' },
      { id: stale.id, message: expect.stringContaining('刚刚已被他人处理') },
    ]);
  });
});
