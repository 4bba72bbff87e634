/**
 * Test harness: a fresh database per test file (SQLite in memory, or its own PostgreSQL database when
 * DATABASE_URL is set), cloned from the one global-setup.ts migrated for the run, the real app on it,
 * factories that create any missing parent, and a client that logs in and carries the session cookie and
 * CSRF token.
 */
import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { Role } from '@xs/core/roles.ts';
import { loadConfig, type Config, type PasswordCost } from '../config.ts';
import { buildApp } from '../app.ts';
import { createDb, openSqlite, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { hashPassword } from '../platform/auth.ts';
import { loadExcel } from '../platform/excel.ts';
import { invalidateSettings } from '../platform/settings.ts';
import { adminQuery, databaseUrlFor } from './pg-admin.ts';

export const TEST_PASSWORD = 'Test@1234';
export const DIALECT = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';

/**
 * argon2id at almost no cost, for the harness only: the suite logs in hundreds of times and each login at
 * the production cost (19 MiB, 2 passes) took ~50–100 ms. auth.test.ts checks production keeps the real cost.
 */
export const TEST_PASSWORD_COST: PasswordCost = { memoryCost: 64, timeCost: 1 };

let cachedHash: Promise<string> | null = null;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD, TEST_PASSWORD_COST));

export interface TestEnv {
  app: FastifyInstance;
  db: Db;
  /** Every route the app registered, in order (HEAD twins of GET routes included). */
  routes: RouteOptions[];
  close: () => Promise<void>;
}

/**
 * This file's database: a clone of the run's migrated one (global-setup.ts), or, for a SQLite file or
 * without the global setup, a new one migrated here; with the config that names it. `close` disconnects and
 * removes it.
 */
async function testDatabase(base: Config): Promise<{ db: Db; config: Config; close: () => Promise<void> }> {
  const template = inject('pgTemplate');
  if (base.databaseUrl && template) {
    const server = base.databaseUrl;
    const name = `${template}_${randomBytes(6).toString('hex')}`;
    await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    const config = { ...base, databaseUrl: databaseUrlFor(server, name), pgSchema: null };
    const db = await createDb(config);
    return {
      db,
      config,
      close: async () => {
        await db.destroy();
        await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const image = inject('sqliteImage');
  if (!base.databaseUrl && base.sqliteFile === ':memory:' && image) {
    const { db } = await openSqlite(fs.readFileSync(image));
    return { db, config: base, close: () => db.destroy() };
  }
  // A SQLite file (the intake thread needs one a second connection can open), or no global setup.
  const config = { ...base, pgSchema: base.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : null };
  const schema = config.pgSchema;
  const db = await createDb(config);
  await migrateToLatest(db);
  return {
    db,
    config,
    close: async () => {
      if (schema) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
      await db.destroy();
    },
  };
}

export async function createTestApp(overrides: Parameters<typeof loadConfig>[1] = {}): Promise<TestEnv> {
  // Stored files go to a directory of this test file's own, removed on close, never into the repository's data/.
  const dataDir = path.join(os.tmpdir(), `xs-test-${randomBytes(6).toString('hex')}`);
  const { db, config, close: closeDb } = await testDatabase(
    loadConfig(process.env, { sqliteFile: ':memory:', webDist: '/nonexistent', dataDir, passwordCost: TEST_PASSWORD_COST, strictResponses: true, ...overrides }),
  );
  const routes: RouteOptions[] = [];
  const app = await buildApp(config, { db, logger: false, onRoute: (r) => void routes.push(r) });
  await app.ready();
  return {
    app,
    db,
    routes,
    close: async () => {
      await app.close();
      await closeDb();
      if (!overrides.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
/** A name no other row of the run has. */
export const uniq = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

async function cityId(db: Db): Promise<number> {
  const city = await db.selectFrom('orgs').select('id').where('kind', '=', 'city').executeTakeFirst();
  if (city) return city.id;
  const now = new Date().toISOString();
  const row = await db.insertInto('orgs').values({ parent_id: null, tenant_id: 0, kind: 'city', name: '测试市政协', code: null, sort: 0, created_at: now, version: 1 })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('orgs').set({ tenant_id: row.id }).where('id', '=', row.id).execute();
  return row.id;
}

/** A county (tenant) under the city, with one township and one village. */
export async function createCounty(db: Db, name = uniq('测试县')) {
  const parent = await cityId(db);
  const now = new Date().toISOString();
  const county = await db.insertInto('orgs').values({ parent_id: parent, tenant_id: 0, kind: 'county', name, code: null, sort: 0, created_at: now, version: 1 })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('orgs').set({ tenant_id: county.id }).where('id', '=', county.id).execute();
  const township = await db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: '城关镇', code: null, sort: 1, created_at: now, version: 1 })
    .returning('id').executeTakeFirstOrThrow();
  const village = await db.insertInto('orgs').values({ parent_id: township.id, tenant_id: county.id, kind: 'village', name: '东街村', code: null, sort: 1, created_at: now, version: 1 })
    .returning('id').executeTakeFirstOrThrow();
  return { id: county.id, cityId: parent, townshipId: township.id, villageId: village.id, name };
}

export async function createCity(db: Db) {
  return { id: await cityId(db) };
}

export async function createUnit(db: Db, tenantId: number, name = uniq('县测试局')) {
  return db.insertInto('units').values({ tenant_id: tenantId, name, kind: 'department', township_id: null, contact_name: null, contact_phone: null, active: 1, version: 1 })
    .returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function createUser(db: Db, tenantId: number, roles: Role[], extra: { unitId?: number; memberId?: number; username?: string } = {}) {
  const now = new Date().toISOString();
  const username = extra.username ?? uniq('u');
  let unitId = extra.unitId ?? null;
  if (roles.includes('unit_handler') && !unitId) unitId = (await createUnit(db, tenantId)).id;
  const row = await db.insertInto('users').values({
    tenant_id: tenantId, username, display_name: `测试${roles.join('')}`, phone: null, password_hash: await passwordHash(),
    roles: JSON.stringify(roles), unit_id: unitId, member_id: extra.memberId ?? null, active: 1, failed_logins: 0,
    locked_until: null, password_changed_at: now, last_login_at: null, created_at: now, version: 1,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, username, tenantId, unitId };
}

export interface Client {
  cookie: string;
  csrf: string;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
  request: (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
}

let addr = 0;
/**
 * A fresh client address per login, so a file that logs in many users stays under the per-address
 * login rate limit (the limit itself is tested in auth.test.ts).
 */
export const nextAddress = () => `10.${(++addr >> 16) & 255}.${(addr >> 8) & 255}.${addr & 255}`;

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: nextAddress() });
  if (res.statusCode !== 200) throw new Error(`login failed for ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'xs_sid')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      cookies: { xs_sid: cookie.value },
      headers: { 'x-csrf-token': csrf, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    cookie: cookie.value,
    csrf,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

/** A logged-in client for a new user of the given roles in the tenant. */
export async function clientFor(env: TestEnv, tenantId: number, roles: Role[], extra: { unitId?: number; memberId?: number } = {}) {
  const u = await createUser(env.db, tenantId, roles, extra);
  return { user: u, client: await login(env.app, u.username) };
}

export async function createSector(db: Db, tenantId: number, name = uniq('界别')) {
  return db.insertInto('sectors').values({ tenant_id: tenantId, name, sort: 0 }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function createCommittee(db: Db, tenantId: number, name = uniq('专委会')) {
  return db.insertInto('committees').values({ tenant_id: tenantId, name, sort: 0 }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function createTownship(db: Db, tenantId: number, name = uniq('镇')) {
  return db.insertInto('orgs').values({ parent_id: tenantId, tenant_id: tenantId, kind: 'township', name, code: null, sort: 0, created_at: new Date().toISOString(), version: 1 })
    .returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function createMember(db: Db, tenantId: number, extra: { name?: string; phone?: string | null; sectorId?: number | null; townshipId?: number | null } = {}) {
  return db.insertInto('members').values({
    tenant_id: tenantId, name: extra.name ?? uniq('委员'), gender: null, phone: extra.phone ?? null, sector_id: extra.sectorId ?? null,
    township_id: extra.townshipId ?? null, term: '第十一届', title: null, status: 'active', version: 1, created_at: new Date().toISOString(),
  }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function createVenue(db: Db, tenantId: number, name = uniq('委员会客厅')) {
  return db.insertInto('venues').values({ tenant_id: tenantId, name, kind: 'members_lounge', theme: null, township_id: null, address: null, member_id: null, version: 1, created_at: new Date().toISOString() })
    .returning(['id', 'name']).executeTakeFirstOrThrow();
}

/** Set a county rule and drop the process's cached copy so the next request sees it. */
export async function setSetting(db: Db, tenantId: number, key: string, value: number) {
  await db.deleteFrom('settings').where('tenant_id', '=', tenantId).where('key', '=', key).execute();
  await db.insertInto('settings').values({ tenant_id: tenantId, key, value_json: JSON.stringify(value), updated_at: new Date().toISOString(), updated_by: null }).execute();
  invalidateSettings(tenantId);
}

/** Rows in a table, for "nothing was written" checks. */
export async function countRows(db: Db, table: 'orgs' | 'members' | 'member_committees' | 'users' | 'sessions' | 'audit_log' | 'case_events' | 'sectors' | 'units' | 'venues' | 'committees') {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The first sheet of an .xlsx file as rows of cell text (the header row first). */
export async function readXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new (await loadExcel()).Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** An .xlsx file with one sheet of the given rows (the header row first). */
export async function buildXlsx(rows: (string | number | null)[][], sheet = '导入'): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body carrying one file, for `client.request('POST', url, body, headers)`. */
export function multipartFile(buf: Buffer, filename = 'upload.xlsx', field = 'file') {
  const boundary = `----xs${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n';
  const body = Buffer.concat([Buffer.from(head), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** What `p` rejects with; fails the test when it resolves instead. */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}
