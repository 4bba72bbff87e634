/**
 * A clue's named clocks outside its transitions: the `accept` clock a new clue starts with (a submission is an
 * insert, not a transition), and clocks for clues written without them (the county demo's rows). Everything else
 * about the clocks — which transition starts, stops or extends which — is CLUE_WORKFLOW's, run by `clueRunner`.
 */
import { sql, type Kysely } from 'kysely';
import { CLUE_WORKFLOW, type ClueState } from '@xs/core/schemas/clues.ts';
import { planInitialClocks, type ClockPlan } from '@xs/core/workflow.ts';
import type { Database } from '../../db/database.ts';
import { getCalendar, settingReader } from '../../platform/settings.ts';
import { writeClocks } from '../../platform/workflow.ts';

/** What a new clue's row and clocks start with: its `accept` clock from `now` on the county's calendar. */
export async function firstClocks(db: Kysely<Database>, tenantId: number, now: Date): Promise<{ dueAt: string | null; clocks: ClockPlan[] }> {
  const [setting, calendar] = await Promise.all([settingReader(db, tenantId), getCalendar(db, tenantId)]);
  return planInitialClocks(CLUE_WORKFLOW, { now, calendar, setting });
}

/** Store them with the new clue, in its insert's transaction. */
export const writeFirstClocks = (trx: Kysely<Database>, tenantId: number, clueId: number, clocks: readonly ClockPlan[]) =>
  writeClocks(trx, tenantId, 'clue', clueId, clocks);

/** The clock that runs in each state a clue carries a due date in. */
export const CLOCK_OF_STATE: Partial<Record<ClueState, string>> = {
  submitted: 'accept', needs_info: 'info', accepted: 'dispatch', returned: 'dispatch', forwarded: 'handle', replied: 'review', resolved: 'rate',
};

/**
 * Running clocks for clues that carry a due date but have no clock for their state: rows written directly (the
 * county demo) get the clock the platform deadline job reads. The clock runs to the row's `due_at`, from the time
 * the clue entered the state where the row knows it. No cap: the cumulative extension limit is still checked
 * against `extension_days` when an extension is asked for and granted. Returns the clocks written.
 */
export async function backfillClueClocks(db: Kysely<Database>, tenantId?: number): Promise<number> {
  const states = Object.keys(CLOCK_OF_STATE) as ClueState[];
  const name = sql<string>`case c.state ${sql.join(states.map((s) => sql`when ${sql.lit(s)} then ${sql.lit(CLOCK_OF_STATE[s]!)}`), sql` `)} end`;
  const anchor = sql<string>`coalesce(case c.state when 'forwarded' then c.forwarded_at when 'returned' then c.forwarded_at when 'accepted' then c.accepted_at
    when 'replied' then c.replied_at when 'resolved' then c.resolved_at end, c.created_at)`;
  // The last 催办 of a unit's clock counts as this period's, so moving to clocks sends nobody a second one today.
  const reminded = sql<string | null>`case when c.state = 'forwarded' then c.reminded_at end`;
  let q = db.selectFrom('clues as c')
    .select([
      'c.tenant_id', sql.lit('clue').as('case_type'), 'c.id as case_id', name.as('name'), anchor.as('anchor_at'), 'c.due_at',
      sql<null>`null`.as('cap_at'), sql<null>`null`.as('stopped_at'), reminded.as('overdue_at'), reminded.as('last_reminded_at'), sql.lit(0).as('escalation'),
    ])
    .where('c.state', 'in', states).where('c.due_at', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('case_clocks as k').select('k.id')
      .where('k.case_type', '=', sql.lit('clue')).whereRef('k.case_id', '=', 'c.id').where(sql<boolean>`k.name = ${name}`))));
  if (tenantId !== undefined) q = q.where('c.tenant_id', '=', tenantId);
  const res = await db.insertInto('case_clocks')
    .columns(['tenant_id', 'case_type', 'case_id', 'name', 'anchor_at', 'due_at', 'cap_at', 'stopped_at', 'overdue_at', 'last_reminded_at', 'escalation'])
    .expression(q).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}
