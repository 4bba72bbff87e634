import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { isForeignKeyViolation, isUniqueViolation } from '../platform/db-errors.ts';
import { createCounty, createSector, createTestApp, DIALECT, rejectionOf, type TestEnv } from '../test/helper.ts';
import { affected, createDb, isPostgres, keepStatements } from './database.ts';
import { migrateToLatest, MIGRATIONS } from './migrate.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestApp(); });
afterAll(async () => env.close());

describe(`the database (${DIALECT})`, () => {
  it('runs on the dialect the environment asks for', () => {
    expect(isPostgres(env.db)).toBe(DIALECT === 'postgres');
  });

  it('applies every listed migration once, and a second run changes nothing', async () => {
    const applied = async () => (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(env.db)).rows.map((r) => r.name);
    expect(await applied()).toEqual(Object.keys(MIGRATIONS).sort());
    await migrateToLatest(env.db);
    expect(await applied()).toEqual(Object.keys(MIGRATIONS).sort());
  });

  it('enforces foreign keys, and the violation is recognised', async () => {
    const county = await createCounty(env.db);
    const err = await rejectionOf(env.db.insertInto('members').values({
      tenant_id: county.id, name: '无界别', gender: null, phone: null, sector_id: 999_999, township_id: null, term: '第十一届',
      title: null, status: 'active', version: 1, created_at: new Date().toISOString(),
    }).execute());
    expect(isForeignKeyViolation(err)).toBe(true);
    expect(isUniqueViolation(err)).toBe(false);
  });

  it('enforces unique names, and the violation is recognised', async () => {
    const county = await createCounty(env.db);
    await createSector(env.db, county.id, '重复界别');
    const err = await rejectionOf(createSector(env.db, county.id, '重复界别'));
    expect(isUniqueViolation(err)).toBe(true);
    expect(isForeignKeyViolation(err)).toBe(false);
    // The same name in another county is fine.
    const other = await createCounty(env.db);
    await expect(createSector(env.db, other.id, '重复界别')).resolves.toBeDefined();
  });

  it('counts affected rows the same way on both dialects', async () => {
    const county = await createCounty(env.db);
    await createSector(env.db, county.id, '甲');
    await createSector(env.db, county.id, '乙');
    expect(affected(await env.db.updateTable('sectors').set({ sort: 5 }).where('tenant_id', '=', county.id).executeTakeFirst())).toBe(2);
    expect(affected(await env.db.updateTable('sectors').set({ sort: 5 }).where('id', '=', -1).executeTakeFirst())).toBe(0);
    expect(affected(await env.db.deleteFrom('sectors').where('tenant_id', '=', county.id).where('name', '=', '甲').executeTakeFirst())).toBe(1);
  });

  it('returns counts and ids as numbers', async () => {
    const county = await createCounty(env.db);
    const row = await env.db.selectFrom('orgs').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', county.id).executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(3);
    expect(typeof county.id).toBe('number');
  });

  it('keeps each test file in a database of its own', async () => {
    // A fresh database per file: the only city is the one this file's factories made.
    const cities = await env.db.selectFrom('orgs').select('id').where('kind', '=', 'city').execute();
    expect(cities).toHaveLength(1);
  });
});

describe.skipIf(DIALECT !== 'postgres')('a PostgreSQL connection cut while idle', () => {
  it('is reported as a warning and replaced; the process and the pool go on', async () => {
    const db = await createDb(env.app.config);
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => { if (w.code === 'XS_PG_IDLE') warnings.push(w.message); };
    process.on('warning', onWarning);
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0].pid;
      // The client is idle in the pool now; end its backend from another connection.
      await sql`select pg_terminate_backend(${pid})`.execute(env.db);
      await expect.poll(() => warnings.length).toBe(1);
      expect(warnings[0]).toContain('idle connection failed');
      const again = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0].pid;
      expect(again).not.toBe(pid);
    } finally {
      process.off('warning', onWarning);
      await db.destroy();
    }
  });
});

describe('the SQLite statement cache', () => {
  it('reuses a statement for the same text, re-reads a changed schema, and keeps at most its size', async () => {
    const { default: SQLite } = await import('better-sqlite3');
    const file = new SQLite(':memory:');
    let prepared = 0;
    const counting = Object.assign(Object.create(file), { prepare: (text: string) => { prepared++; return file.prepare(text); } }) as typeof file;
    const cached = keepStatements(counting, 2);
    cached.prepare('CREATE TABLE t (a INTEGER)').run([]);
    const select = 'SELECT * FROM t';
    cached.prepare('INSERT INTO t (a) VALUES (?)').run([1]);
    expect(cached.prepare(select).all([])).toEqual([{ a: 1 }]);
    expect(cached.prepare(select)).toBe(cached.prepare(select));
    // A schema change under a kept statement: SQLite re-prepares it and the new column is there.
    cached.prepare('ALTER TABLE t ADD COLUMN b TEXT').run([]);
    expect(cached.prepare(select).all([])).toEqual([{ a: 1, b: null }]);
    const before = prepared;
    cached.prepare('SELECT 1 AS x');
    cached.prepare('SELECT 2 AS x');
    cached.prepare(select); // dropped as least recently used: prepared again
    expect(prepared - before).toBe(3);
    file.close();
  });
});
