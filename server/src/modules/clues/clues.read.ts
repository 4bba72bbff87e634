/**
 * What other modules may read of a clue: its code and text, and the phones of citizens who left one (to tell them
 * what became of their report). Other modules call these instead of querying the clue tables.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

/** The clues' codes and text, by id, in the county. */
export async function clueBrief(db: Kysely<Database>, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { code: string; content: string }>();
  const rows = await db.selectFrom('clues').select(['id', 'code', 'content']).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, content: r.content }]));
}

/** The citizens of these clues who left a phone number. */
export async function clueContacts(db: Kysely<Database>, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('clues').select(['id', 'code', 'contact_phone']).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
  return rows.filter((r) => !!r.contact_phone).map((r) => ({ clueId: r.id, code: r.code, phone: r.contact_phone as string }));
}
