/**
 * 我的待办 for tasks: a unit's open tasks (owned or co-handled: 新交办 until signed, 即将到期, 超期, 被退回 after a
 * send-back) and, for staff, the tasks waiting for verification and the late ones to 催办.
 */
import type { Kysely } from 'kysely';
import { TASK_STATES } from '@xs/core/schemas/tasks.ts';
import type { WorkItem, WorkTag } from '@xs/core/schemas/work.ts';
import type { Database } from '../../db/database.ts';
import type { WorkViewer } from '../../platform/cases.ts';
import { isDueSoon, isDueToday, lastOf } from '../../platform/work-tags.ts';

const LIMIT = 2000;

export async function taskWorkOf(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  const nowIso = now.toISOString();
  const unitId = who.unitId;
  const asUnit = who.roles.includes('unit_handler') && unitId != null;
  const asStaff = who.roles.includes('staff');
  if (!asUnit && !asStaff) return [];
  let q = db.selectFrom('tasks as t').selectAll('t').where('t.tenant_id', '=', who.tenantId);
  if (asUnit) {
    q = q.where('t.state', 'in', ['assigned', 'in_progress']).where((eb) => eb.or([
      eb('t.owner_unit_id', '=', unitId),
      eb.exists(eb.selectFrom('task_units as tu').select('tu.unit_id').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId)),
    ]));
  } else {
    q = q.where((eb) => eb.or([
      eb('t.state', 'in', ['draft', 'submitted']),
      eb.and([eb('t.state', 'in', ['assigned', 'in_progress']), eb('t.due_at', '<', nowIso)]),
    ]));
  }
  const rows = await q.orderBy('t.due_at').orderBy('t.id').limit(LIMIT).execute();
  const ids = rows.map((r) => r.id);
  const events = ids.length === 0 ? [] : await db.selectFrom('case_events').select(['case_id', 'transition', 'at'])
    .where('tenant_id', '=', who.tenantId).where('case_type', '=', 'task').where('case_id', 'in', ids)
    .where('transition', 'in', ['assign', 'start', 'send_back', 'progress', 'submit']).orderBy('id').execute();
  const last = lastOf(events);
  const since = new Map(events.map((e) => [e.case_id, e.at]));
  return rows.map((r): WorkItem => {
    const overdue = !!r.due_at && r.state !== 'submitted' && r.state !== 'draft' && r.due_at < nowIso;
    const tags: WorkTag[] = [];
    if (asUnit) {
      if (r.state === 'assigned') tags.push('new');
      if (last.get(r.id) === 'send_back') tags.push('returned');
      if (overdue) tags.push('overdue');
      else if (isDueSoon(r.due_at, now)) tags.push('due_soon');
      if (tags.length === 0) tags.push('to_handle');
    } else {
      if (r.state === 'submitted') tags.push('to_verify');
      if (r.state === 'draft') tags.push('to_handle');
      if (overdue) tags.push('overdue');
      if (isDueToday(r.due_at, now) && r.state !== 'submitted') tags.push('due_today');
    }
    return {
      type: 'task', typeLabel: '落实事项', id: r.id, code: r.code, title: r.title, state: r.state, stateLabel: TASK_STATES[r.state].label,
      dueAt: r.due_at, overdue, link: asUnit ? `/unit/tasks/${r.id}` : `/tasks/${r.id}`, tags, since: since.get(r.id) ?? r.created_at,
    };
  });
}
