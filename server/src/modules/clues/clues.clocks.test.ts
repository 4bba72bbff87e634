/**
 * Clues written before clocks existed (migration 20261205_1000) and rows written directly (the county demo) get the
 * running clock of their state from their due date, and the platform deadline job then chases them like any other.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClueState } from '@xs/core/schemas/clues.ts';
import { loadConfig } from '../../config.ts';
import { createDb, isPostgres, type Db } from '../../db/database.ts';
import { MIGRATIONS } from '../../db/migrate.ts';
import { runDeadlines } from '../../platform/deadlines.ts';
import { createCounty, createUnit, DIALECT } from '../../test/helper.ts';
import { CLUE_CASE_TYPE } from './clues.case-type.ts';
import { backfillClueClocks } from './clues.clocks.ts';
import { rawClueValues } from './fixtures/clue-rows.ts';

let db: Db;
let migrator: Migrator;
const schema = DIALECT === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : null;

beforeAll(async () => {
  db = await createDb(loadConfig(process.env, { sqliteFile: ':memory:', pgSchema: schema, dataDir: path.join(os.tmpdir(), 'xs-clocks') }));
  migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, migrationTableSchema: schema ?? undefined });
});
afterAll(async () => {
  if (schema && isPostgres(db)) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
  await db.destroy();
});

const DAY = 86_400_000;
const clocksOf = (id: number) => db.selectFrom('case_clocks').selectAll().where('case_type', '=', 'clue').where('case_id', '=', id).execute();

describe(`clue clocks from due dates (${DIALECT})`, () => {
  it('gives every clue that carries a due date the running clock of its state, once, and the deadline job chases it', async () => {
    expect((await migrator.migrateTo('20261205_0910_clues_conversion_links')).error).toBeUndefined();
    const county = await createCounty(db);
    const unit = await createUnit(db, county.id);
    const now = new Date('2026-11-02T02:00:00Z');
    const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
    const insert = async (state: ClueState, extra: Record<string, unknown>) =>
      (await db.insertInto('clues').values({ ...rawClueValues(county.id, { content: `${state} 的线索内容`, townshipId: county.townshipId, state, createdAt: new Date(at(-20)) }), ...extra })
        .returning('id').executeTakeFirstOrThrow()).id;
    const submitted = await insert('submitted', { due_at: at(-17) });
    const forwarded = await insert('forwarded', { due_at: at(-2), unit_id: unit.id, accepted_at: at(-19), forwarded_at: at(-15), reminded_at: at(-0.5) });
    const replied = await insert('replied', { due_at: at(2), unit_id: unit.id, replied_at: at(-1) });
    const resolved = await insert('resolved', { due_at: at(10), resolved_at: at(-5) });
    const closed = await insert('closed', { due_at: null });
    const noDate = await insert('accepted', { due_at: null });

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await clocksOf(submitted)).toMatchObject([{ name: 'accept', anchor_at: at(-20), due_at: at(-17), stopped_at: null, cap_at: null, escalation: 0 }]);
    // The unit's last 催办 counts as today's.
    expect(await clocksOf(forwarded)).toMatchObject([{ name: 'handle', anchor_at: at(-15), due_at: at(-2), overdue_at: at(-0.5), last_reminded_at: at(-0.5) }]);
    expect(await clocksOf(replied)).toMatchObject([{ name: 'review', anchor_at: at(-1), due_at: at(2) }]);
    expect(await clocksOf(resolved)).toMatchObject([{ name: 'rate', anchor_at: at(-5), due_at: at(10) }]);
    expect(await clocksOf(closed)).toEqual([]);
    expect(await clocksOf(noDate)).toEqual([]);

    // Run again over the same rows (the county demo's way in): nothing twice.
    expect(await backfillClueClocks(db, county.id)).toBe(0);
    const later = await insert('returned', { due_at: at(1), forwarded_at: at(-3) });
    expect(await backfillClueClocks(db, county.id)).toBe(1);
    expect(await clocksOf(later)).toMatchObject([{ name: 'dispatch', anchor_at: at(-3), due_at: at(1) }]);

    // The platform job reminds what is late: the office of the unaccepted clue; the unit not again the same day.
    await runDeadlines(db, now, [CLUE_CASE_TYPE]);
    const reminded = await db.selectFrom('case_events').select(['case_id', 'data_json']).where('case_type', '=', 'clue').where('transition', '=', 'remind').execute();
    expect(reminded.map((r) => r.case_id)).toEqual([submitted]);
    await runDeadlines(db, new Date(now.getTime() + DAY), [CLUE_CASE_TYPE]);
    const again = await db.selectFrom('case_events').select('case_id').where('case_type', '=', 'clue').where('transition', '=', 'remind').where('case_id', '=', forwarded).execute();
    expect(again).toHaveLength(1);

    // Down removes the clue clocks; up brings them back.
    expect((await migrator.migrateTo('20261205_0910_clues_conversion_links')).error).toBeUndefined();
    expect(await clocksOf(submitted)).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await clocksOf(submitted)).toHaveLength(1);
  });
});
