/**
 * The users read API for feature modules: who works in a unit (a forwarded clue's unit gives it to one of its
 * handlers). Modules read users through it, never the users table.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface UnitPerson {
  id: number;
  name: string;
  /** The unit's 负责人. */
  lead: boolean;
}

/** The active handlers of a unit of the county, its 负责人 first. */
export async function unitHandlers(db: Kysely<Database>, tenantId: number, unitId: number): Promise<UnitPerson[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'unit_lead', 'roles']).where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId).where('active', '=', 1).orderBy('unit_lead', 'desc').orderBy('id').execute();
  return rows.filter((r) => r.roles.includes('"unit_handler"')).map((r) => ({ id: r.id, name: r.display_name, lead: r.unit_lead === 1 }));
}

/** The display names of users of the county, by id. */
export async function userNames(db: Kysely<Database>, tenantId: number, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((i): i is number => i !== null))];
  if (want.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('id', 'in', want).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
