import type { Kysely } from 'kysely';

/**
 * Conversions become case links: each clue_conversions row without its `converted_into` link gets one, waiting for
 * its target (to_id null), so the conversion queue (the list of such links) holds the conversions made before.
 */
const TARGET: Record<string, string> = { topic: 'topic', proposal_lead: 'proposal', opinion: 'opinion' };

export async function up(db: Kysely<unknown>): Promise<void> {
  const d = db as unknown as Kysely<{
    clue_conversions: { tenant_id: number; clue_id: number; kind: string; title: string; created_by: number | null; created_at: string; status: string };
    case_links: { tenant_id: number; from_type: string; from_id: number; kind: string; to_type: string; to_id: number | null; note: string | null; created_by: number | null; created_at: string };
  }>;
  const rows = await d.selectFrom('clue_conversions').selectAll().orderBy('clue_id').execute();
  for (const r of rows) {
    const to = TARGET[r.kind];
    if (!to) continue;
    const has = await d.selectFrom('case_links').select('from_id').where('tenant_id', '=', r.tenant_id).where('from_type', '=', 'clue')
      .where('from_id', '=', r.clue_id).where('kind', '=', 'converted_into').executeTakeFirst();
    if (has) continue;
    await d.insertInto('case_links').values({ tenant_id: r.tenant_id, from_type: 'clue', from_id: r.clue_id, kind: 'converted_into', to_type: to,
      to_id: null, note: r.title, created_by: r.created_by, created_at: r.created_at }).execute();
  }
}

/** The links stay: removing them could drop ones a target module has completed since. */
export async function down(): Promise<void> {}
