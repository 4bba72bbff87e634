/**
 * Photos a citizen uploads but never sends with a report are deleted by a scheduled job after the county's
 * retention (clue.unusedUploadHours, 24 hours by default): the upload, its files row and the stored file. A
 * photo on a report, a younger upload and a stored file another row still uses are kept.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateSettings } from '../../platform/settings.ts';
import { runDueJobs } from '../../platform/scheduler.ts';
import { createTestApp, nextAddress, type TestEnv } from '../../test/helper.ts';
import { createClueWorld, submitClue, type ClueWorld } from './clues.factory.ts';
import { purgeUnusedUploads } from './clues.jobs.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const HOUR = 3_600_000;
let shade = 0;

/** A citizen's photo upload; a fresh colour each time unless `colour` is given (same bytes share one stored file). */
async function uploadPhoto(colour = `#${(++shade).toString(16).padStart(6, '0')}`) {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: colour } }).png().toBuffer();
  const boundary = `----xs${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
    png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${w.county.id}/uploads`, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, remoteAddress: nextAddress() });
  expect(res.statusCode, res.body).toBe(201);
  const token = res.json().token as string;
  const row = await env.db.selectFrom('clue_uploads as u').innerJoin('files as f', 'f.id', 'u.file_id').select(['u.file_id', 'f.storage_key'])
    .where('u.token', '=', token).executeTakeFirstOrThrow();
  return { token, fileId: row.file_id, blob: path.join(env.app.config.dataDir, 'files', row.storage_key.slice(0, 2), row.storage_key) };
}

/** Make an upload (and its stored file, as it would be on disk) `hours` old. */
async function age(up: { token: string; blob: string }, hours: number) {
  const at = new Date(Date.now() - hours * HOUR);
  await env.db.updateTable('clue_uploads').set({ created_at: at.toISOString() }).where('token', '=', up.token).execute();
  fs.utimesSync(up.blob, at, at);
}

const uploadRow = (token: string) => env.db.selectFrom('clue_uploads').select('token').where('token', '=', token).executeTakeFirst();
const fileRow = (id: number) => env.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst();

describe('purging unused uploads', () => {
  it('deletes a 25-hour-old unattached upload and its file; keeps an attached one and a 1-hour-old one', async () => {
    const stale = await uploadPhoto();
    const fresh = await uploadPhoto();
    const attached = await uploadPhoto();
    const clue = await submitClue(env, w.county, { photoTokens: [attached.token] });
    await age(stale, 25);
    await age(fresh, 1);
    await age(attached, 25);

    // Through the scheduler, as the server runs it.
    await runDueJobs(env.db, new Date(), { dataDir: env.app.config.dataDir });

    expect(await uploadRow(stale.token)).toBeUndefined();
    expect(await fileRow(stale.fileId)).toBeUndefined();
    expect(fs.existsSync(stale.blob)).toBe(false);

    expect(await uploadRow(fresh.token)).toBeDefined();
    expect(await fileRow(fresh.fileId)).toBeDefined();
    expect(fs.existsSync(fresh.blob)).toBe(true);

    expect(await uploadRow(attached.token)).toBeDefined();
    expect(fs.existsSync(attached.blob)).toBe(true);
    const photo = await w.staff.get(`/api/v1/clues/files/${attached.fileId}`);
    expect(photo.statusCode).toBe(200);
    expect((await env.db.selectFrom('clue_files').select('file_id').where('clue_id', '=', clue.id).execute()).map((r) => r.file_id)).toEqual([attached.fileId]);
  });

  it('keeps a stored file that a newer row shares, and follows the county\'s retention setting', async () => {
    // The same picture twice: one stored file, two rows. The old upload goes, the file stays for the new one.
    const old = await uploadPhoto('#abcdef');
    const again = await uploadPhoto('#abcdef');
    expect(again.blob).toBe(old.blob);
    await env.db.updateTable('clue_uploads').set({ created_at: new Date(Date.now() - 25 * HOUR).toISOString() }).where('token', '=', old.token).execute();
    fs.utimesSync(old.blob, new Date(Date.now() - 25 * HOUR), new Date(Date.now() - 25 * HOUR));
    await purgeUnusedUploads(env.db, new Date(), env.app.config.dataDir);
    expect(await uploadRow(old.token)).toBeUndefined();
    expect(await fileRow(old.fileId)).toBeUndefined();
    expect(await fileRow(again.fileId)).toBeDefined();
    expect(fs.existsSync(again.blob)).toBe(true);

    // A county that keeps uploads for 48 hours keeps a 25-hour-old one; at 49 hours it goes.
    await env.db.insertInto('settings').values({ tenant_id: w.county.id, key: 'clue.unusedUploadHours', value_json: '48', updated_at: new Date().toISOString(), updated_by: null }).execute();
    invalidateSettings(w.county.id);
    const kept = await uploadPhoto();
    await age(kept, 25);
    await purgeUnusedUploads(env.db, new Date(), env.app.config.dataDir);
    expect(await uploadRow(kept.token)).toBeDefined();
    expect(fs.existsSync(kept.blob)).toBe(true);
    await purgeUnusedUploads(env.db, new Date(Date.now() + 24 * HOUR), env.app.config.dataDir);
    expect(await uploadRow(kept.token)).toBeUndefined();
    expect(fs.existsSync(kept.blob)).toBe(false);
  });
});
