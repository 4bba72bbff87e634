/**
 * Red and yellow marks by how late a clue is (issue 9): yellow from `clue.mark.yellowDays` working days before its
 * deadline, red once it is `clue.mark.redDays` working days past it (0: as soon as it is overdue; until then an
 * overdue clue stays yellow). Only clues still being handled are marked.
 */
import type { Kysely } from 'kysely';
import { addWorkingDays, workingDaysBetween, type HolidayCalendar } from '@xs/core/calendar.ts';
import { OPEN_CLUE_STATES, type ClueMark, type ClueState } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { getCalendar, getSetting } from '../../platform/settings.ts';

export interface MarkRules {
  now: Date;
  /** Deadlines up to this instant are yellow. */
  yellowUntil: string;
  redDays: number;
  calendar: HolidayCalendar;
}

/** The county's marking rules at `now`. */
export async function markRules(db: Kysely<Database>, tenantId: number, now = new Date()): Promise<MarkRules> {
  const [yellowDays, redDays, calendar] = await Promise.all([
    getSetting(db, tenantId, 'clue.mark.yellowDays'), getSetting(db, tenantId, 'clue.mark.redDays'), getCalendar(db, tenantId),
  ]);
  return { now, yellowUntil: addWorkingDays(now, yellowDays, calendar).toISOString(), redDays, calendar };
}

/** A clue's mark under the rules. */
export function markOf(c: { state: ClueState; due_at: string | null }, r: MarkRules): ClueMark {
  if (!c.due_at || !OPEN_CLUE_STATES.includes(c.state)) return 'none';
  const nowIso = r.now.toISOString();
  if (c.due_at < nowIso) return workingDaysBetween(new Date(c.due_at), r.now, r.calendar) >= r.redDays ? 'red' : 'yellow';
  return c.due_at <= r.yellowUntil ? 'yellow' : 'none';
}
