import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

let seq = 0;

/**
 * A task in a county for the route matrix: owned by the unit of `userId` when that user belongs to one (so
 * the unit portal's routes reach it), else by a new unit. Its title is the text that must not leak elsewhere.
 */
export async function makeTask(db: Kysely<Database>, tenantId: number, userId: number): Promise<{ id: number; secrets: string[] }> {
  const user = await db.selectFrom('users').select('unit_id').where('id', '=', userId).executeTakeFirst();
  const unitId = user?.unit_id ?? (await db.insertInto('units').values({ tenant_id: tenantId, name: `任务单位${Date.now()}${++seq}`, kind: 'department', township_id: null, contact_name: null, contact_phone: null, active: 1, version: 1 })
    .returning('id').executeTakeFirstOrThrow()).id;
  const title = `只属于本县的落实事项${Date.now().toString(36)}${++seq}`;
  const code = `RWT-${Date.now().toString(36)}${seq}`;
  const row = await db.insertInto('tasks').values({
    tenant_id: tenantId, code, title, description: null, owner_unit_id: unitId, parent_type: null, parent_id: null, state: 'in_progress',
    version: 1, due_at: null, measure_label: null, measure_unit: null, measure_target: null, measure_current: null, created_by: null,
    created_at: new Date().toISOString(), verified_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, secrets: [title, code] };
}
