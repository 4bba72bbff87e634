/**
 * The clue's own scheduled work: ask the citizen once whether the problem is really gone (回访, four weeks after
 * resolution), archive resolved clues nobody rated in time (the `rate` clock ran out), re-index counties whose index
 * entries are stale, and delete citizens' photo uploads that no report used. Overdue flags, 催办 and escalation
 * come from the clue's clocks through the platform deadline job (clues.case-type.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Job } from '../../platform/scheduler.ts';
import { removeUnusedStorage } from '../../platform/files.ts';
import { getSetting } from '../../platform/settings.ts';
import { enqueueMessage } from '../../platform/notify.ts';
import { clueRunner } from './clues.commands.ts';
import { clueIndexVersion, reindexClueTokens } from './clues.similar.ts';
import { forgetSupportSources } from './clues.citizen.ts';
import { forgetTrackFailures } from './clues.track-lock.ts';

const HOUR = 3_600_000;

export async function askRecheck(db: Kysely<Database>, now: Date): Promise<number> {
  const rows = await db.selectFrom('clues').select(['id', 'tenant_id', 'code', 'contact_phone'])
    .where('state', '=', 'closed').where('recheck_due_at', '<=', now.toISOString()).where('recheck_result', 'is', null)
    .where('contact_phone', 'is not', null).where('reminded_at', 'is', null).limit(500).execute();
  for (const r of rows) {
    await db.transaction().execute(async (trx) => {
      // reminded_at marks that the one recheck message went out.
      await trx.updateTable('clues').set({ reminded_at: now.toISOString() }).where('id', '=', r.id).execute();
      await enqueueMessage(trx, { tenantId: r.tenant_id, channel: 'sms', recipient: r.contact_phone!, template: 'clue.recheck', payload: { code: r.code } });
    });
  }
  return rows.length;
}

export async function archiveUnrated(db: Kysely<Database>, now: Date): Promise<number> {
  const rows = await db.selectFrom('clues').select(['id', 'tenant_id', 'version']).where('state', '=', 'resolved').where('due_at', '<', now.toISOString()).limit(500).execute();
  for (const r of rows) {
    await clueRunner.apply(db, { tenantId: r.tenant_id, id: r.id, expectedVersion: r.version,
      actor: 'system', transition: 'close', input: { reason: '评价期限已过，自动归档' }, now, changes: () => ({ closed_at: now.toISOString(), reminded_at: null }) }).catch(() => undefined);
  }
  return rows.length;
}

/**
 * Re-index the counties whose clues' index entries were computed with other analysis code (a new phrase in
 * the concept table, a place rule) or other place names (a village added). The version each county's entries
 * carry is kept in the settings of tenant 0. Returns the rows whose entries changed.
 */
export async function reindexStale(db: Kysely<Database>, now: Date): Promise<number> {
  const counties = await db.selectFrom('orgs').select('id').where('kind', '=', 'county').orderBy('id').execute();
  let changed = 0;
  for (const c of counties) {
    const version = JSON.stringify(await clueIndexVersion(db, c.id));
    const key = `index.clues.${c.id}`;
    const stored = await db.selectFrom('settings').select('value_json').where('tenant_id', '=', 0).where('key', '=', key).executeTakeFirst();
    if (stored?.value_json === version) continue;
    changed += await reindexClueTokens(db, c.id, 200);
    await db.insertInto('settings').values({ tenant_id: 0, key, value_json: version, updated_at: now.toISOString(), updated_by: null })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value_json: version, updated_at: now.toISOString() })).execute();
  }
  return changed;
}


/**
 * Delete the photos citizens uploaded but no report took within the county's clue.unusedUploadHours: the upload,
 * its files row and, once no other row shares it, the stored file. Rows go in one transaction that re-checks
 * `used`, so a report sent at that moment keeps its photo; stored files go after the commit, so a crash leaves at
 * worst a file without a row, never a row without its file. `dataDir` null (jobs run without an app): nothing.
 */
export async function purgeUnusedUploads(db: Kysely<Database>, now: Date, dataDir: string | null): Promise<number> {
  if (!dataDir) return 0;
  // The shortest retention a county may set; nothing younger is looked at.
  const youngest = new Date(now.getTime() - HOUR).toISOString();
  const counties = await db.selectFrom('clue_uploads').select('tenant_id').distinct()
    .where('used', '=', 0).where('created_at', '<', youngest).execute();
  let purged = 0;
  for (const { tenant_id: tenantId } of counties) {
    const cutoff = new Date(now.getTime() - (await getSetting(db, tenantId, 'clue.unusedUploadHours')) * HOUR);
    for (;;) {
      const batch = await db.selectFrom('clue_uploads').select(['token', 'file_id']).where('tenant_id', '=', tenantId)
        .where('used', '=', 0).where('created_at', '<', cutoff.toISOString()).limit(200).execute();
      if (batch.length === 0) break;
      const keys = await db.transaction().execute(async (trx) => {
        const gone = await trx.deleteFrom('clue_uploads').where('token', 'in', batch.map((u) => u.token)).where('used', '=', 0)
          .returning('file_id').execute();
        if (gone.length === 0) return [];
        const files = await trx.selectFrom('files').select(['id', 'storage_key']).where('tenant_id', '=', tenantId)
          .where('id', 'in', gone.map((g) => g.file_id))
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('clue_files').select('clue_files.file_id').whereRef('clue_files.file_id', '=', 'files.id'))))
          .execute();
        if (files.length) await trx.deleteFrom('files').where('id', 'in', files.map((f) => f.id)).execute();
        purged += gone.length;
        return files.map((f) => f.storage_key);
      });
      await removeUnusedStorage(db, dataDir, keys, cutoff);
      if (batch.length < 200) break;
    }
  }
  return purged;
}

export const CLUE_JOBS: Job[] = [
  { name: 'clue.reindex', label: '线索检索索引重建', everyMs: 10 * 60_000, run: reindexStale },
  { name: 'clue.recheck', label: '线索办结回访', everyMs: 60 * 60_000, run: askRecheck },
  { name: 'clue.archive', label: '未评价线索归档', everyMs: 60 * 60_000, run: archiveUnrated },
  { name: 'clue.supports', label: '清理“我也遇到了”来源记录', everyMs: 60 * 60_000, run: forgetSupportSources },
  { name: 'clue.trackFailures', label: '清理查询码输错记录', everyMs: 60 * 60_000, run: forgetTrackFailures },
  { name: 'clue.uploads.purge', label: '删除未提交的群众照片', everyMs: 60 * 60_000, run: (db, now, ctx) => purgeUnusedUploads(db, now, ctx.dataDir) },
];
