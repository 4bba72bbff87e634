/**
 * The two bound runners (proposal and its assignments), their context loaders and the case types the platform's
 * deadline job reminds through.
 */
import type { Kysely } from 'kysely';
import { addWorkingDays } from '@xs/core/calendar.ts';
import {
  ASSIGNMENT_WORKFLOW, PROPOSAL_WORKFLOW, type AssignmentCase, type AssignmentContext, type ProposalCase, type ProposalContext,
} from '@xs/core/schemas/proposals.ts';
import type { Database } from '../../db/database.ts';
import { childrenOf, type CaseType } from '../../platform/cases.ts';
import { getCalendar, getSetting } from '../../platform/settings.ts';
import { bindWorkflow, type CaseRow } from '../../platform/workflow.ts';
import { names } from '../orgs/orgs.read.ts';
import { assignmentWorkOf, proposalWorkOf } from './proposals.work.ts';

async function loadProposal(db: Kysely<Database>, c: ProposalCase & CaseRow): Promise<ProposalContext> {
  const [children, signers] = await Promise.all([
    childrenOf(db, c.tenant_id, 'proposal', c.id),
    db.selectFrom('proposal_signers').select(['member_id', 'confirmed_at', 'declined_at']).where('proposal_id', '=', c.id).where('role', '=', 'co').orderBy('position').execute(),
  ]);
  const n = await names(db, c.tenant_id, { members: signers.map((s) => s.member_id) });
  return { children, cosigners: signers.map((s) => ({ memberId: s.member_id, name: n.members.get(s.member_id) ?? '—', confirmed: !!s.confirmed_at, declined: !!s.declined_at })) };
}

async function loadAssignment(db: Kysely<Database>, c: AssignmentCase & CaseRow): Promise<AssignmentContext> {
  const [children, calendar, days] = await Promise.all([
    childrenOf(db, c.tenant_id, 'proposal_assignment', c.id),
    getCalendar(db, c.tenant_id),
    getSetting(db, c.tenant_id, 'proposal.dispute.days'),
  ]);
  const disputeUntil = addWorkingDays(new Date(String(c.assigned_at)), days, calendar).toISOString();
  return { children, disputeUntil, now: new Date().toISOString() };
}

export const proposalRunner = bindWorkflow({ def: PROPOSAL_WORKFLOW, table: 'proposals', caseType: 'proposal', label: '提案', load: loadProposal });
export const assignmentRunner = bindWorkflow({
  def: ASSIGNMENT_WORKFLOW, table: 'proposal_assignments', caseType: 'proposal_assignment', label: '提案承办', load: loadAssignment,
});

/** The users of these members (a member may have no account: a paper form is entered by staff then). */
export async function usersOfMembers(db: Kysely<Database>, tenantId: number, memberIds: number[]): Promise<number[]> {
  if (memberIds.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('member_id', 'in', memberIds).where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

export const PROPOSAL_CASE_TYPE: CaseType = {
  name: 'proposal', label: '提案', table: 'proposals', def: PROPOSAL_WORKFLOW, workOf: proposalWorkOf,
  // Co-signers are late while it waits for them, the proposers while it waits for their evaluation.
  responsible: async (db, row) => {
    if (row.state === 'cosigning') {
      const waiting = await db.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', row.id).where('role', '=', 'co')
        .where('confirmed_at', 'is', null).where('declined_at', 'is', null).execute();
      return { userIds: await usersOfMembers(db, row.tenant_id, waiting.map((w) => w.member_id)) };
    }
    if (row.state === 'replied') {
      const all = await db.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', row.id).where('declined_at', 'is', null).execute();
      return { userIds: await usersOfMembers(db, row.tenant_id, all.map((w) => w.member_id)) };
    }
    return { roles: ['staff'] };
  },
  title: (row) => `${String(row.code)} ${String(row.title)}`,
  path: (row) => `/proposals/${row.id}`,
};

export const ASSIGNMENT_CASE_TYPE: CaseType = {
  name: 'proposal_assignment', label: '提案承办', table: 'proposal_assignments', def: ASSIGNMENT_WORKFLOW, child: true, workOf: assignmentWorkOf,
  responsible: (_db, row) => (row.state === 'disputed' ? { roles: ['staff'] } : { unitIds: [Number(row.unit_id)] }),
  title: (row) => `提案承办 ${row.id}`,
  path: (row) => `/unit/proposals/${row.id}`,
};
