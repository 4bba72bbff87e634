import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { AssignmentRole, AssignmentState, EvaluationLevel, ProposalAuthorKind, ProposalState, ProposalTiming } from '@xs/core/schemas/proposals.ts';

/** 届: a term of the county CPPCC (第一届, five years). */
export interface ProposalTermsTable {
  id: Generated<number>;
  tenant_id: number;
  number: number;
  name: string;
  start_year: number;
  end_year: number;
  created_at: Timestamp;
}

/** 次会议: a plenary session of a term; proposals are numbered per session. */
export interface ProposalSessionsTable {
  id: Generated<number>;
  tenant_id: number;
  term_id: number;
  number: number;
  /** e.g. 一届四次会议. */
  name: string;
  /** yyyy-mm-dd. */
  opens_on: string;
  /** Last day of 大会提案, yyyy-mm-dd. */
  deadline_on: string;
  created_at: Timestamp;
}

/** The last number given in a session: one row per session, bumped inside the registering transaction. */
export interface ProposalCountersTable {
  tenant_id: number;
  session_id: number;
  last: number;
}

export interface ProposalsTable {
  id: Generated<number>;
  tenant_id: number;
  session_id: number;
  /** 第N号 in its session once registered. */
  number: number | null;
  /** Shown to people: 一届四次第12号, or 草稿 + id before registration. */
  code: string;
  title: string;
  category: string | null;
  reason: string | null;
  suggestion: string | null;
  author_kind: ProposalAuthorKind;
  sector_id: number | null;
  committee_id: number | null;
  party_name: string | null;
  /** 第一提案人. */
  lead_member_id: number | null;
  timing: ProposalTiming | null;
  state: ProposalState;
  version: number;
  due_at: Timestamp | null;
  /** The year it was submitted (figures by year). */
  year: number;
  submitted_at: Timestamp | null;
  registered_at: Timestamp | null;
  replied_at: Timestamp | null;
  closed_at: Timestamp | null;
  not_registered_ground: string | null;
  merged_into_id: number | null;
  handling_mode: 'lead' | 'separate' | null;
  /** The result class of the (lead's) latest reply. */
  result_class: string | null;
  /** 重点提案: the year it was chosen and its leading leader (领衔督办). */
  key_year: number | null;
  key_leader: string | null;
  /** Reply round: 1, then one more for each rehandling. */
  round: number;
  /** jieba tokens of title, reason and suggestion, for the full-text index. */
  search_tokens: string;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Proposers: the lead, co-signers (who confirm), and the proposers of proposals merged into this one. */
export interface ProposalSignersTable {
  tenant_id: number;
  proposal_id: number;
  member_id: number;
  role: 'lead' | 'co' | 'merged';
  position: number;
  confirmed_at: Timestamp | null;
  declined_at: Timestamp | null;
  /** For a merged proposer: the proposal they wrote. */
  from_proposal_id: number | null;
}

/** 承办: one unit's part in a proposal, a child case with its own clocks. */
export interface ProposalAssignmentsTable {
  id: Generated<number>;
  tenant_id: number;
  proposal_id: number;
  /** `proposal` for a lead or separate unit; `proposal_assignment` (the lead's) for a co-unit. */
  parent_type: string;
  parent_id: number;
  unit_id: number;
  role: AssignmentRole;
  state: AssignmentState;
  version: number;
  due_at: Timestamp | null;
  assigned_at: Timestamp;
  contacted_at: Timestamp | null;
  contact_note: string | null;
  /** A co-unit's views sent to the lead. */
  views: string | null;
  replied_at: Timestamp | null;
  result_class: string | null;
  summary: string | null;
  letter_file_id: number | null;
}

export interface ProposalEvaluationsTable {
  id: Generated<number>;
  tenant_id: number;
  proposal_id: number;
  member_id: number;
  round: number;
  handling: EvaluationLevel;
  result: EvaluationLevel;
  comment: string | null;
  /** Staff who entered a paper form, or null when the member evaluated. */
  entered_by: number | null;
  created_at: Timestamp;
}

export interface ProposalSupervisionsTable {
  id: Generated<number>;
  tenant_id: number;
  proposal_id: number;
  kind: 'meeting' | 'visit' | 'record';
  note: string;
  on_date: string;
  author_name: string;
  created_at: Timestamp;
}

export interface ProposalTables {
  proposal_terms: ProposalTermsTable;
  proposal_sessions: ProposalSessionsTable;
  proposal_counters: ProposalCountersTable;
  proposals: ProposalsTable;
  proposal_signers: ProposalSignersTable;
  proposal_assignments: ProposalAssignmentsTable;
  proposal_evaluations: ProposalEvaluationsTable;
  proposal_supervisions: ProposalSupervisionsTable;
}

declare module '../../db/database.ts' {
  interface Database extends ProposalTables {}
}
