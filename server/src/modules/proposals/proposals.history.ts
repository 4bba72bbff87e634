/**
 * Past proposal work written straight into the tables, for the demo counties and the bench: finished cases need
 * no clocks or timeline, and thousands of them through the use-cases would take minutes. A proposal's state,
 * number, result class, assignments and evaluations are consistent with what the workflow would have left.
 */
import type { Insertable, Kysely } from 'kysely';
import type { ProposalSignersTable } from './proposals.table.ts';
import type { AssignmentRole, AssignmentState, ProposalState } from '@xs/core/schemas/proposals.ts';
import type { Database } from '../../db/database.ts';
import { searchTokens } from '../../platform/search/segment.ts';

export interface HistorySession {
  id: number;
  name: string;
  year: number;
}

export interface HistoryProposal {
  title: string;
  state: ProposalState;
  /** Result class for a handled proposal. */
  resultClass?: string | null;
  key?: { year: number; leader: string } | null;
  category?: string;
}

export interface HistoryInput {
  tenantId: number;
  session: HistorySession;
  proposals: HistoryProposal[];
  memberIds: number[];
  unitIds: number[];
  /** Co-units per lead assignment (0–n); the bench uses 3 for ≈ 4 assignments a proposal. */
  coUnits?: number;
  /** Skip the jieba segmentation (the bench's 15,000 rows): index the title's characters instead. */
  fastTokens?: boolean;
}

const CATEGORIES = ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设'];
const REGISTERED: ProposalState[] = ['registered', 'assigned', 'replied', 'rehandling', 'closed'];
const ASSIGNED: ProposalState[] = ['assigned', 'replied', 'rehandling', 'closed'];

async function chunked<T>(rows: T[], size: number, f: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await f(rows.slice(i, i + size));
}

/** Write one session's proposals; numbers run 1… over the registered ones, in order. */
export async function writeHistory(db: Kysely<Database>, h: HistoryInput): Promise<number[]> {
  const at = (month: number, day = 10) => new Date(Date.UTC(h.session.year, month, day, 2)).toISOString();
  let number = 0;
  const rows = h.proposals.map((p, i) => {
    const registered = REGISTERED.includes(p.state);
    const n = registered ? ++number : null;
    const handled = ['replied', 'rehandling', 'closed'].includes(p.state);
    return {
      tenant_id: h.tenantId, session_id: h.session.id, number: n, code: n ? `${h.session.name}第${n}号` : `草稿-${h.session.id}-${i}`, title: p.title,
      category: p.category ?? CATEGORIES[i % CATEGORIES.length]!, reason: `${p.title}。群众反映较多，需要统筹解决。`, suggestion: '建议有关部门加强调研，制定计划，逐步落实。',
      author_kind: 'member' as const, sector_id: null, committee_id: null, party_name: null, lead_member_id: h.memberIds[i % h.memberIds.length]!,
      timing: (i % 5 === 0 ? 'regular' : 'plenary') as 'regular' | 'plenary', state: p.state, version: 1, due_at: null, year: h.session.year,
      submitted_at: p.state === 'draft' ? null : at(0, 5), registered_at: registered ? at(0, 20) : null, replied_at: handled ? at(4) : null,
      closed_at: p.state === 'closed' ? at(5) : null, not_registered_ground: p.state === 'not_registered' ? 'vague' : null, merged_into_id: null,
      handling_mode: ASSIGNED.includes(p.state) ? ('lead' as const) : null, result_class: handled ? (p.resultClass ?? 'A') : null,
      key_year: p.key?.year ?? null, key_leader: p.key?.leader ?? null, round: p.state === 'rehandling' ? 2 : 1,
      search_tokens: h.fastTokens ? [...p.title].join(' ') : searchTokens(`${p.title}`), created_by: null, created_at: at(0, 3), updated_at: at(5),
    };
  });
  const ids: number[] = [];
  await chunked(rows, 100, async (chunk) => {
    const r = await db.insertInto('proposals').values(chunk).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  });
  const signers = ids.flatMap((id, i) => {
    const leadId = rows[i]!.lead_member_id;
    const co = h.memberIds[(i + 1) % h.memberIds.length]!;
    const out: Insertable<ProposalSignersTable>[] = [{ tenant_id: h.tenantId, proposal_id: id, member_id: leadId, role: 'lead', position: 0, confirmed_at: rows[i]!.submitted_at, declined_at: null, from_proposal_id: null }];
    // Every third proposal is joint.
    if (i % 3 === 0 && co !== leadId) out.push({ tenant_id: h.tenantId, proposal_id: id, member_id: co, role: 'co' as const, position: 1, confirmed_at: rows[i]!.state === 'cosigning' ? null : rows[i]!.submitted_at, declined_at: null, from_proposal_id: null });
    return out;
  });
  await chunked(signers, 200, (c) => db.insertInto('proposal_signers').values(c).execute());
  // Assignments: a lead (replied once the proposal is) with co-units that sent their views.
  const leads = ids.flatMap((id, i) => {
    const p = rows[i]!;
    if (!ASSIGNED.includes(p.state)) return [];
    const handled = p.replied_at !== null;
    return [{
      tenant_id: h.tenantId, proposal_id: id, parent_type: 'proposal', parent_id: id, unit_id: h.unitIds[i % h.unitIds.length]!, role: 'lead' as AssignmentRole,
      state: (p.state === 'rehandling' ? 'rehandling' : handled ? 'replied' : 'contacted') as AssignmentState, version: 3, due_at: null, assigned_at: at(1),
      contacted_at: at(1, 20), contact_note: '已与提案人电话沟通', views: null, replied_at: handled ? at(4) : null, result_class: handled ? p.result_class : null,
      summary: handled ? '已按提案建议研究落实。' : null, letter_file_id: null,
    }];
  });
  const leadIds: number[] = [];
  await chunked(leads, 100, async (c) => leadIds.push(...(await db.insertInto('proposal_assignments').values(c).returning('id').execute()).map((r) => r.id)));
  const coUnits = h.coUnits ?? 1;
  const cos = leads.flatMap((l, j) => Array.from({ length: Math.min(coUnits, h.unitIds.length - 1) }, (_, k) => ({
    ...l, parent_type: 'proposal_assignment', parent_id: leadIds[j]!, unit_id: h.unitIds[(h.unitIds.indexOf(l.unit_id) + k + 1) % h.unitIds.length]!, role: 'co' as const,
    state: 'viewed' as AssignmentState, views: '同意主办单位意见，配合办理。', replied_at: null, result_class: null, summary: null,
  })));
  await chunked(cos, 100, (c) => db.insertInto('proposal_assignments').values(c).execute());
  // Evaluations of closed proposals by their first proposer: mostly 满意.
  const evals = ids.flatMap((id, i) => {
    const p = rows[i]!;
    if (p.state !== 'closed') return [];
    const level = i % 17 === 0 ? 'basically' as const : 'satisfied' as const;
    return [{ tenant_id: h.tenantId, proposal_id: id, member_id: p.lead_member_id, round: 1, handling: 'satisfied' as const, result: level, comment: null, entered_by: null, created_at: at(5) }];
  });
  await chunked(evals, 200, (c) => db.insertInto('proposal_evaluations').values(c).execute());
  await db.insertInto('proposal_counters').values({ tenant_id: h.tenantId, session_id: h.session.id, last: number }).execute();
  return ids;
}
