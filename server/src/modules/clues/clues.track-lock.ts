/**
 * Guessing a clue's phone digits. Tracking takes the 8-character secret shown at submission or the last four
 * digits of the phone left with the clue; codes are short and reach other people (a neighbour, a screenshot),
 * and four digits are 10,000 possibilities. So wrong digits are budgeted per code: a daily budget (the
 * county's clue.track.phoneFailuresPerDay) and a total one (clue.track.phoneFailuresTotal), counted in
 * clue_track_failures so that every process shares them and a restart does not reset them.
 *
 * A guess reserves its place in the budget before the digits are compared (a conditional UPDATE), so however
 * many arrive at once, no more are compared than the budget allows; a right guess gives its place back.
 * Only the digit path is locked: the 8-character secret (32^8 possibilities, bounded by the per-address rate
 * limit) always works, so someone who knows a code cannot lock its citizen out.
 */
import { sql, type Kysely } from 'kysely';
import { cstDate } from '@xs/core/calendar.ts';
import type { Database } from '../../db/database.ts';
import { getSetting } from '../../platform/settings.ts';

/**
 * Takes one place in the code's budget for a phone-digit guess; false when today's or the total budget is
 * spent. `tenantId` is the clue's county, or null for a code that does not exist (counted all the same, with
 * the default budgets, so that a lock says nothing about whether the code exists).
 */
export async function reserveDigitGuess(db: Kysely<Database>, tenantId: number | null, code: string, now = new Date()): Promise<boolean> {
  const [perDay, total] = await Promise.all([
    getSetting(db, tenantId ?? 0, 'clue.track.phoneFailuresPerDay'),
    getSetting(db, tenantId ?? 0, 'clue.track.phoneFailuresTotal'),
  ]);
  const day = cstDate(now);
  const spent = await db.selectFrom('clue_track_failures').select((eb) => eb.fn.sum<number | string | null>('count').as('n'))
    .where('code', '=', code).where('day', '!=', day).executeTakeFirst();
  const todayCap = Math.min(perDay, total - Number(spent?.n ?? 0));
  if (todayCap <= 0) return false;
  await db.insertInto('clue_track_failures').values({ code, day, count: 0 }).onConflict((oc) => oc.columns(['code', 'day']).doNothing()).execute();
  const r = await db.updateTable('clue_track_failures').set({ count: sql<number>`count + 1` })
    .where('code', '=', code).where('day', '=', day).where('count', '<', todayCap).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A right guess is no failure: its reserved place goes back. */
export async function releaseDigitGuess(db: Kysely<Database>, code: string, now = new Date()): Promise<void> {
  await db.updateTable('clue_track_failures').set({ count: sql<number>`count - 1` })
    .where('code', '=', code).where('day', '=', cstDate(now)).where('count', '>', 0).execute();
}

/**
 * Forget old counts: after two days those of codes that do not exist (a flood of junk codes leaves rows), after
 * a year all of them.
 */
export async function forgetTrackFailures(db: Kysely<Database>, now: Date): Promise<number> {
  const day = (days: number) => cstDate(new Date(now.getTime() - days * 86_400_000));
  const junk = await db.deleteFrom('clue_track_failures').where('day', '<', day(2))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('clues').select('clues.id').whereRef('clues.code', '=', 'clue_track_failures.code'))))
    .executeTakeFirst();
  const old = await db.deleteFrom('clue_track_failures').where('day', '<', day(365)).executeTakeFirst();
  return Number(junk.numDeletedRows) + Number(old.numDeletedRows);
}
