/**
 * 我的待办 for clues (直通政协): the clue case type's `workOf` (clues.case-type.ts).
 *
 * - Staff: 待受理 (submitted), 待转办 (accepted), 单位退回 and 已答复 (to handle), and of the forwarded ones
 *   those 超期, 今天到期 or with an unanswered 延期申请; resolved clues not yet on the public board (待公开).
 * - A leader: the open clues they put under 领导督办, until they are resolved.
 * - A unit: every clue forwarded to it — 新交办 (forwarded in the last days, nothing done yet), 即将到期, 超期,
 *   被退回 (staff asked it to handle the clue again), 分派给我 (its 负责人 gave it to this handler). Clues it was asked
 *   to give views on come from the co-unit case type (clues.counits.ts).
 */
import type { Kysely } from 'kysely';
import { CLUE_STATES, OPEN_CLUE_STATES } from '@xs/core/schemas/clues.ts';
import type { WorkItem, WorkTag } from '@xs/core/schemas/work.ts';
import type { Database } from '../../db/database.ts';
import type { WorkViewer } from '../../platform/cases.ts';
import { isDueSoon, isDueToday, isRecent, lastOf } from '../../platform/work-tags.ts';

/** Enough for any county's open work; the page shows the first of them and the counts say how many. */
const LIMIT = 2000;
/** 待公开 looks back this far: older unpublished results are the board's history, not today's work. */
const PUBLISH_DAYS = 90;

function title(content: string): string {
  const one = content.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

export async function clueWorkOf(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  const nowIso = now.toISOString();
  const asUnit = who.roles.includes('unit_handler') && who.unitId != null;
  const asStaff = who.roles.includes('staff');
  if (!asUnit && !asStaff) return who.roles.includes('leader') ? supervisedBy(db, who, now) : [];
  let q = db.selectFrom('clues').select(['id', 'code', 'content', 'state', 'due_at', 'published', 'created_at', 'forwarded_at', 'replied_at', 'resolved_at', 'assignee_id'])
    .where('tenant_id', '=', who.tenantId);
  if (asUnit) q = q.where('state', '=', 'forwarded').where('unit_id', '=', who.unitId!);
  else {
    q = q.where((eb) => eb.or([
      eb('state', 'in', ['submitted', 'accepted', 'returned', 'replied', 'forwarded']),
      eb.and([eb('state', 'in', ['resolved', 'closed']), eb('published', '=', 0),
        eb('resolved_at', '>=', new Date(now.getTime() - PUBLISH_DAYS * 86_400_000).toISOString())]),
    ]));
  }
  const rows = await q.orderBy('due_at').orderBy('id').limit(LIMIT).execute();
  const forwarded = rows.filter((r) => r.state === 'forwarded').map((r) => r.id);
  const events = forwarded.length === 0 ? [] : await db.selectFrom('case_events').select(['case_id', 'transition'])
    .where('tenant_id', '=', who.tenantId).where('case_type', '=', 'clue').where('case_id', 'in', forwarded)
    .where('transition', 'in', ['forward', 'rehandle', 'request_extension', 'grant_extension', 'remind']).orderBy('id').execute();
  const last = lastOf(events.filter((e) => e.transition !== 'remind'));
  const lastExtension = lastOf(events.filter((e) => e.transition === 'request_extension' || e.transition === 'grant_extension'));
  const acted = new Set(events.filter((e) => e.transition === 'request_extension').map((e) => e.case_id));

  const items: WorkItem[] = [];
  for (const r of rows) {
    const overdue = !!r.due_at && OPEN_CLUE_STATES.includes(r.state) && r.due_at < nowIso;
    const tags: WorkTag[] = [];
    if (asUnit) {
      // Given to this handler by the unit's 负责人: first in their list.
      if (r.assignee_id === who.userId) tags.push('mine');
      if (last.get(r.id) === 'rehandle') tags.push('returned');
      else if (isRecent(r.forwarded_at, now) && !acted.has(r.id)) tags.push('new');
      if (overdue) tags.push('overdue');
      else if (isDueSoon(r.due_at, now)) tags.push('due_soon');
      if (tags.length === 0) tags.push('to_handle');
    } else {
      if (r.state === 'submitted') tags.push('to_accept');
      if (r.state === 'accepted' || r.state === 'returned' || r.state === 'replied') tags.push('to_handle');
      if (r.state === 'resolved' || r.state === 'closed') tags.push('to_publish');
      if (overdue) tags.push('overdue');
      if (isDueToday(r.due_at, now)) tags.push('due_today');
      if (r.state === 'forwarded' && lastExtension.get(r.id) === 'request_extension') tags.push('extension');
      // A forwarded clue in time, with no request, waits on the unit: not staff's work.
      if (tags.length === 0) continue;
    }
    items.push({
      type: 'clue', typeLabel: '民意线索', id: r.id, code: r.code, title: title(r.content), state: r.state, stateLabel: CLUE_STATES[r.state].label,
      dueAt: r.due_at, overdue, link: asUnit ? `/unit/clues/${r.id}` : `/clues/${r.id}`, tags,
      since: r.forwarded_at ?? r.replied_at ?? r.resolved_at ?? r.created_at,
    });
  }
  return items;
}

/** A leader's 督办: the open clues with their 批示, latest first; late ones marked. */
async function supervisedBy(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  const nowIso = now.toISOString();
  const rows = await db.selectFrom('clues as c')
    .innerJoin('case_events as e', (j) => j.onRef('e.case_id', '=', 'c.id').on('e.case_type', '=', 'clue').on('e.transition', '=', 'supervise'))
    .select(['c.id', 'c.code', 'c.content', 'c.state', 'c.due_at']).select((eb) => eb.fn.max('e.at').as('since'))
    .where('c.tenant_id', '=', who.tenantId).where('e.tenant_id', '=', who.tenantId).where('e.actor_id', '=', who.userId)
    .where('c.state', 'in', OPEN_CLUE_STATES).groupBy(['c.id', 'c.code', 'c.content', 'c.state', 'c.due_at'])
    .limit(LIMIT).execute();
  return rows.map((r): WorkItem => {
    const overdue = !!r.due_at && r.due_at < nowIso;
    const tags: WorkTag[] = [overdue ? 'overdue' : isDueSoon(r.due_at, now) ? 'due_soon' : 'to_handle'];
    return {
      type: 'clue', typeLabel: '民意线索', id: r.id, code: r.code, title: title(r.content), state: r.state, stateLabel: CLUE_STATES[r.state].label,
      dueAt: r.due_at, overdue, link: `/clues/${r.id}`, tags, since: String(r.since),
    };
  });
}
