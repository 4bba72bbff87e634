/**
 * The demo as `main.ts demo` makes it: seeded straight into a migrated database, without building the app,
 * so nothing the app registers at start (settings, jobs, case types) is there unless the seeder registers it.
 */
import { expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemo } from './seed.ts';

it('seeds every module\'s demo data without the app having started', async () => {
  const db = await createDb(loadConfig({}, { sqliteFile: ':memory:', databaseUrl: null }));
  try {
    await migrateToLatest(db);
    const accounts = await seedDemo(db);
    expect(accounts?.map((a) => a.username)).toEqual(expect.arrayContaining(['songxian.staff', 'songxian.unit', 'luoyang.admin']));
    expect(Number((await db.selectFrom('clues').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(100);
    expect(Number((await db.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
    expect(await seedDemo(db)).toBeNull();
  } finally {
    await db.destroy();
  }
}, 180_000);
