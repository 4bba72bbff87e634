/**
 * 超期通报 (issue 9): the clues units hold past their deadline, grouped by unit (most first), each with how many days
 * late it is and how often it was reminded (催办, by staff or the deadline job) since it reached the unit. The office
 * reminds them from the page in bulk (POST /clues/bulk `remind`) and exports it to Excel.
 */
import type { Kysely } from 'kysely';
import type { OverdueReport } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { names } from '../orgs/orgs.read.ts';
import { markOf, markRules } from './clues.marks.ts';
import { summarize } from './clues.repository.ts';

/** Enough for any county; a county with more overdue clues than this has a problem the page cannot solve. */
const LIMIT = 2000;

/** Whole calendar days (China time) from the deadline's day to today. */
function daysLate(dueAt: string, now: Date): number {
  const day = (t: number) => Math.floor((t + 8 * 3_600_000) / 86_400_000);
  return Math.max(1, day(now.getTime()) - day(Date.parse(dueAt)));
}

export async function overdueReport(db: Kysely<Database>, tenantId: number, now = new Date()): Promise<OverdueReport> {
  const rows = await db.selectFrom('clues').select(['id', 'code', 'content', 'state', 'unit_id', 'due_at', 'forwarded_at', 'urgency', 'version'])
    .where('tenant_id', '=', tenantId).where('state', '=', 'forwarded').where('unit_id', 'is not', null).where('due_at', '<', now.toISOString())
    .orderBy('due_at').limit(LIMIT).execute();
  const ids = rows.map((r) => r.id);
  const events = ids.length === 0 ? [] : await db.selectFrom('case_events').select(['case_id', 'transition', 'at']).where('tenant_id', '=', tenantId)
    .where('case_type', '=', 'clue').where('case_id', 'in', ids).where('transition', 'in', ['forward', 'rehandle', 'remind']).orderBy('id').execute();
  // 催办 since the clue last reached its unit (a new forwarding or 重新办理 starts the count again).
  const reminders = new Map<number, { n: number; last: string | null }>();
  for (const e of events) {
    if (e.transition !== 'remind') reminders.set(e.case_id, { n: 0, last: null });
    else {
      const r = reminders.get(e.case_id) ?? { n: 0, last: null };
      reminders.set(e.case_id, { n: r.n + 1, last: e.at });
    }
  }
  const [unitNames, rules] = await Promise.all([names(db, tenantId, { units: rows.map((r) => r.unit_id) }), markRules(db, tenantId, now)]);
  const byUnit = new Map<number, OverdueReport['units'][number]>();
  for (const r of rows) {
    const unitId = r.unit_id!;
    const unit = byUnit.get(unitId) ?? { unitId, unitName: unitNames.units.get(unitId) ?? '', count: 0, maxDaysLate: 0, reminders: 0, items: [] };
    const rem = reminders.get(r.id) ?? { n: 0, last: null };
    const late = daysLate(r.due_at!, now);
    unit.items.push({
      id: r.id, code: r.code, summary: summarize(r.content), state: r.state, urgency: r.urgency, forwardedAt: r.forwarded_at, dueAt: r.due_at!,
      daysLate: late, reminders: rem.n, lastRemindedAt: rem.last, version: r.version, mark: markOf(r, rules),
    });
    unit.count += 1;
    unit.maxDaysLate = Math.max(unit.maxDaysLate, late);
    unit.reminders += rem.n;
    byUnit.set(unitId, unit);
  }
  // Most overdue clues first, then the longest late; each unit's clues longest late first.
  const units = [...byUnit.values()].sort((a, b) => b.count - a.count || b.maxDaysLate - a.maxDaysLate || a.unitName.localeCompare(b.unitName, 'zh'));
  for (const u of units) u.items.sort((a, b) => b.daysLate - a.daysLate || a.id - b.id);
  return { units, total: rows.length, at: now.toISOString() };
}
