/**
 * Scope markers in the index (migration 0004): a search keeps to the county or the township inside the
 * full-text index. Rows written before the migration get their markers from it; text cannot forge one.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClueListQuerySchema } from '@xs/core/schemas/clues.ts';
import { loadConfig } from '../../config.ts';
import { createDb, isPostgres, type Db } from '../../db/database.ts';
import { MIGRATIONS } from '../../db/migrate.ts';
import { parseSearchTokens, searchTokens } from '../../platform/search/segment.ts';
import { clueAnalyzer } from './clues.analyzer.ts';
import { clueSearchTokens } from './clues.similar.ts';
import { createCounty, DIALECT } from '../../test/helper.ts';
import { listClues } from './clues.repository.ts';
import { rawClueValues, serviceSearchTokens } from './fixtures/clue-rows.ts';

let db: Db;
let migrator: Migrator;
const schema = DIALECT === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : null;

beforeAll(async () => {
  db = await createDb(loadConfig(process.env, { sqliteFile: ':memory:', pgSchema: schema, dataDir: path.join(os.tmpdir(), 'xs-scope') }));
  migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, migrationTableSchema: schema ?? undefined });
});
afterAll(async () => {
  if (schema && isPostgres(db)) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
  await db.destroy();
});

const list = (tenantId: number, q: Record<string, unknown>) => listClues(db, tenantId, ClueListQuerySchema.parse(q));

describe(`scope markers in the clue index (${DIALECT})`, () => {
  it('are added to rows written before migration 0004, and a township search finds them only then', async () => {
    const before = await migrator.migrateTo('20261129_0003_clue_list_indexes');
    expect(before.error).toBeUndefined();
    const county = await createCounty(db);
    const other = await db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: '白河镇', code: null, sort: 2, created_at: new Date().toISOString(), version: 1 })
      .returning('id').executeTakeFirstOrThrow();
    const old = serviceSearchTokens('滨河路的路灯不亮已经一个月了', null, '城关镇', null);
    const row = await db.insertInto('clues').values({ ...rawClueValues(county.id, { content: '滨河路的路灯不亮已经一个月了', townshipId: county.townshipId }), search_tokens: old })
      .returning('id').executeTakeFirstOrThrow();
    // Without markers the scoped search cannot see the row.
    expect((await list(county.id, { q: '路灯 不亮', townshipId: county.townshipId })).items).toEqual([]);

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const stored = await db.selectFrom('clues').select('search_tokens').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(stored.search_tokens).toBe(`${old} zt${county.id} zw${county.townshipId}`);
    expect((await list(county.id, { q: '路灯 不亮', townshipId: county.townshipId })).items.map((i) => i.id)).toEqual([row.id]);
    expect((await list(county.id, { q: '路灯 不亮' })).items.map((i) => i.id)).toEqual([row.id]);
    expect((await list(county.id, { q: '路灯 不亮', townshipId: other.id })).items).toEqual([]);

    // Back to before 0004 (later migrations come down with it).
    const down = await migrator.migrateTo('20261129_0003_clue_list_indexes');
    expect(down.error).toBeUndefined();
    expect((await db.selectFrom('clues').select('search_tokens').where('id', '=', row.id).executeTakeFirstOrThrow()).search_tokens).toBe(old);
    expect((await list(county.id, { q: '路灯 不亮', townshipId: county.townshipId })).items).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });

  it('reads a place name with the county\'s analyzer (the name tokens are kept per analyzer)', () => {
    const name = '瀍涧乡';
    const plain = clueAnalyzer();
    const before = clueSearchTokens({ content: '路灯不亮', townshipName: name }, undefined, plain);
    expect(clueSearchTokens({ content: '路灯不亮', townshipName: name }, undefined, plain)).toBe(before);
    const county = clueAnalyzer({ townships: [name] });
    const after = clueSearchTokens({ content: '路灯不亮', townshipName: name }, undefined, county);
    expect(after).not.toBe(before);
    expect(after).toBe(`${county.searchTokens('路灯不亮 ')} ${county.searchTokens(name)}`);
    expect(clueSearchTokens({ content: '路灯不亮', townshipName: name }, undefined, plain)).toBe(before);
  });

  it('cannot be forged by what a citizen writes, and are not words of the clue', () => {
    const tokens = searchTokens('zw3 zt12 路灯 zt zwx');
    expect(tokens.split(' ')).not.toContain('zw3');
    expect(tokens.split(' ')).not.toContain('zt12');
    expect(tokens).toContain('路灯');
    const parsed = parseSearchTokens(`${tokens} zt2 zw5`);
    expect([...parsed.words, ...parsed.places, ...parsed.references, ...parsed.concepts].some((t) => /^(zt|zw)?\d+$/.test(t) || t === 'zt2' || t === 'zw5' || t === '2' || t === '5')).toBe(false);
  });
});
