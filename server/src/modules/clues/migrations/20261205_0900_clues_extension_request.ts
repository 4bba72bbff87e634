import type { Kysely } from 'kysely';

/**
 * clues.extension_request_days: the days of the unit's open extension request (null when none waits). One request
 * at a time; 同意/不同意 only while it waits (the workflow's gates read this column). An open request found in the
 * timeline of a clue still being handled (asked, not yet granted) is carried over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clues').addColumn('extension_request_days', 'integer').execute();
  const d = db as unknown as Kysely<{
    clues: { id: number; state: string; extension_request_days: number | null };
    case_events: { id: number; case_type: string; case_id: number; transition: string; data_json: string | null };
  }>;
  const asks = await d.selectFrom('case_events as e').innerJoin('clues as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'e.transition', 'e.data_json'])
    .where('e.case_type', '=', 'clue').where('c.state', '=', 'forwarded')
    .where('e.transition', 'in', ['request_extension', 'grant_extension', 'forward', 'rehandle'])
    .orderBy('e.id').execute();
  const last = new Map<number, (typeof asks)[number]>();
  for (const e of asks) last.set(e.case_id, e);
  for (const [id, e] of last) {
    if (e.transition !== 'request_extension') continue;
    const days = Number((JSON.parse(e.data_json ?? '{}') as { days?: unknown }).days);
    if (Number.isInteger(days) && days > 0) await d.updateTable('clues').set({ extension_request_days: days }).where('id', '=', id).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clues').dropColumn('extension_request_days').execute();
}
