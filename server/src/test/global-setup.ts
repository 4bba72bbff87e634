/**
 * Vitest global setup: migrate one database per run, which every test file then clones instead of
 * migrating its own (see createTestApp). On SQLite an in-memory database, written out as a serialized
 * image; on PostgreSQL a template database, cloned with CREATE DATABASE … TEMPLATE. The migrations
 * themselves are tested where they always were: every file runs on the schema they build.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.ts';
import { createDb, openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { adminQuery, databaseUrlFor } from './pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated SQLite image (SQLite runs). */
    sqliteImage: string | null;
    /** Name of the migrated template database (PostgreSQL runs). */
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) {
    // Lower case and unique to this run: several runs share the server.
    const template = `xs_tpl_${randomBytes(5).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE "${template}"`);
    const db = await createDb(loadConfig({ DATABASE_URL: databaseUrlFor(url, template) }));
    try {
      await migrateToLatest(db);
    } finally {
      // A template with an open connection cannot be cloned.
      await db.destroy();
    }
    project.provide('pgTemplate', template);
    project.provide('sqliteImage', null);
    return async () => {
      // The clones each file failed to drop (a crashed file), then the template.
      const rows = await adminQuery(url, `SELECT datname FROM pg_database WHERE datname LIKE '${template}%' ORDER BY datname DESC`);
      for (const r of rows) await adminQuery(url, `DROP DATABASE IF EXISTS "${String(r.datname)}" WITH (FORCE)`);
    };
  }
  const { db, file } = await openSqlite(':memory:');
  let image: Buffer;
  try {
    await migrateToLatest(db);
    image = file.serialize();
  } finally {
    await db.destroy();
  }
  const imagePath = path.join(os.tmpdir(), `xs-test-schema-${randomBytes(6).toString('hex')}.sqlite`);
  fs.writeFileSync(imagePath, image);
  project.provide('sqliteImage', imagePath);
  project.provide('pgTemplate', null);
  return () => fs.rmSync(imagePath, { force: true });
}
