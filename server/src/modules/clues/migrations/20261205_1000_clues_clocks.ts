import { sql, type Kysely } from 'kysely';

/**
 * Clue deadlines move to named clocks (CLUE_WORKFLOW.clocks), which the platform deadline job chases. Every clue in
 * a state that carries a due date gets the running clock of that state, due at its `due_at`, anchored on when it
 * entered the state where the row knows it. No cap: the cumulative extension limit is still checked against
 * `extension_days`. A unit's last 催办 (`reminded_at`) counts as this period's, so nobody is reminded twice today.
 * The clue module's `backfillClueClocks` does the same for rows written directly (demo data).
 */
const CLOCK_OF_STATE: Record<string, string> = {
  submitted: 'accept', needs_info: 'info', accepted: 'dispatch', returned: 'dispatch', forwarded: 'handle', replied: 'review', resolved: 'rate',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const d = db as unknown as Kysely<{
    clues: { id: number; tenant_id: number; state: string; due_at: string | null; created_at: string; accepted_at: string | null; forwarded_at: string | null;
      replied_at: string | null; resolved_at: string | null; reminded_at: string | null };
    case_clocks: { id: number; tenant_id: number; case_type: string; case_id: number; name: string; anchor_at: string; due_at: string; cap_at: string | null;
      stopped_at: string | null; overdue_at: string | null; last_reminded_at: string | null; escalation: number };
  }>;
  const states = Object.keys(CLOCK_OF_STATE);
  const name = sql<string>`case c.state ${sql.join(states.map((s) => sql`when ${sql.lit(s)} then ${sql.lit(CLOCK_OF_STATE[s]!)}`), sql` `)} end`;
  const anchor = sql<string>`coalesce(case c.state when 'forwarded' then c.forwarded_at when 'returned' then c.forwarded_at when 'accepted' then c.accepted_at
    when 'replied' then c.replied_at when 'resolved' then c.resolved_at end, c.created_at)`;
  const reminded = sql<string | null>`case when c.state = 'forwarded' then c.reminded_at end`;
  const rows = d.selectFrom('clues as c')
    .select([
      'c.tenant_id', sql.lit('clue').as('case_type'), 'c.id as case_id', name.as('name'), anchor.as('anchor_at'), sql<string>`c.due_at`.as('due_at'),
      sql<null>`null`.as('cap_at'), sql<null>`null`.as('stopped_at'), reminded.as('overdue_at'), reminded.as('last_reminded_at'), sql.lit(0).as('escalation'),
    ])
    .where('c.state', 'in', states).where('c.due_at', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('case_clocks as k').select('k.id')
      .where('k.case_type', '=', 'clue').whereRef('k.case_id', '=', 'c.id'))));
  await d.insertInto('case_clocks')
    .columns(['tenant_id', 'case_type', 'case_id', 'name', 'anchor_at', 'due_at', 'cap_at', 'stopped_at', 'overdue_at', 'last_reminded_at', 'escalation'])
    .expression(rows).execute();
}

/** The clocks go; the clues keep their `due_at` as before. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await (db as unknown as Kysely<{ case_clocks: { case_type: string } }>).deleteFrom('case_clocks').where('case_type', '=', 'clue').execute();
}
