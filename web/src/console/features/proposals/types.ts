/** The shapes the proposal API answers with (server/src/modules/proposals). */
import type { ActionOption } from '@xs/core/workflow.ts';

export interface ProposalItem {
  id: number; code: string; number: number | null; title: string; category: string | null; state: string; stateLabel: string;
  sessionId: number; sessionName: string | null; authorKind: string; authorKindLabel: string; leadMemberId: number | null; leadName: string | null;
  timing: string | null; timingLabel: string | null; resultClass: string | null; resultClassLabel: string | null; key: { year: number; leader: string } | null;
  year: number; version: number; dueAt: string | null; overdue: boolean; submittedAt: string | null; registeredAt: string | null; round: number;
}

export interface Clock { name: string; label: string; anchorAt: string; dueAt: string; capAt: string | null; stoppedAt: string | null }
export interface TimelineEntry { id: number; transition: string; label: string; from: string; to: string; actorName: string | null; note: string | null; at: string }

export interface AssignmentRow {
  id: number; unitId: number; unitName: string; role: 'lead' | 'co' | 'separate'; state: string; stateLabel: string; version: number; parentId: number | null;
  dueAt: string | null; contactNote: string | null; views: string | null; repliedAt: string | null; resultClass: string | null; resultClassLabel: string | null;
  summary: string | null; letterFileId: number | null; clocks: Clock[];
}

export interface ProposalDetail extends ProposalItem {
  reason: string | null; suggestion: string | null; sectorName: string | null; committeeName: string | null; partyName: string | null;
  notRegisteredGroundLabel: string | null; mergedIntoId: number | null; handlingMode: string | null;
  signers: { memberId: number; name: string; role: 'lead' | 'co' | 'merged'; confirmedAt: string | null; declinedAt: string | null }[];
  assignments: AssignmentRow[];
  evaluations: { memberId: number; memberName: string; round: number; handlingLabel: string; resultLabel: string; comment: string | null; paper: boolean; at: string }[];
  supervisions: { id: number; kind: string; note: string; on: string; authorName: string }[];
  clocks: Clock[]; timeline: TimelineEntry[]; actions: ActionOption[];
  links: { linkId: number; kind: string; label: string; to: { type: string; id: number | null } }[];
  me: { role: string; mustCosign: boolean; mustEvaluate: boolean } | null;
}

export interface UnitAssignment {
  id: number; proposalId: number; unitName: string; role: string; roleLabel: string; state: string; stateLabel: string; version: number; dueAt: string | null;
  contactNote: string | null; views: string | null; repliedAt: string | null; resultClassLabel: string | null; summary: string | null;
  proposal: { id: number; code: string; title: string; category: string | null; reason: string | null; suggestion: string | null; round: number; proposers: string[] };
  resultClasses: { code: string; label: string }[];
  coUnits: { id: number; name: string; stateLabel: string; views: string | null; dueAt: string | null }[];
  clocks: Clock[]; timeline: TimelineEntry[]; actions: ActionOption[];
}

export interface UnitAssignmentItem {
  id: number; code: string; title: string; category: string | null; key: boolean; role: string; roleLabel: string; state: string; stateLabel: string;
  dueAt: string | null; overdue: boolean; version: number;
}

export interface Sessions {
  terms: { id: number; number: number; name: string; startYear: number; endYear: number }[];
  sessions: { id: number; termId: number; number: number; name: string; opensOn: string; deadlineOn: string }[];
}

export interface FigureRow { submitted: number; registered: number; notRegistered: number; merged: number; handled: number; closed: number; adopted: number; registerRate: number | null; replyRate: number | null; adoptRate: number | null }
export interface Dashboard {
  figures: Record<string, { label: string; definition: string }>;
  total: FigureRow & { satisfaction: number | null; evaluations: number; overdue: number; unsatisfied: number };
  classes: { code: string; label: string; count: number; share: number | null }[];
  bySession: (FigureRow & { id: number; name: string })[];
  byCategory: (FigureRow & { name: string })[];
  bySector: (FigureRow & { id: number | null; name: string })[];
  byUnit: { id: number; name: string; assigned: number; lead: number; co: number; separate: number; replied: number; replyRate: number | null }[];
  keyProposals: { id: number; code: string; title: string; stateLabel: string; year: number; leader: string; resultClass: string | null }[];
}

/** A row of 超期提案: one running clock past due. */
export interface OverdueItem {
  clockId: number; proposalId: number; code: string; title: string; sessionName: string | null; state: string; stateLabel: string;
  assignmentId: number | null; unitId: number | null; unitName: string | null; role: string | null; roleLabel: string | null;
  clock: string; clockLabel: string; waitingOn: string; dueAt: string; daysOverdue: number; lastRemindedAt: string | null; escalation: number;
}

/** A row of 不满意提案: one evaluation with 不满意 in it. */
export interface UnsatisfiedItem {
  evaluationId: number; proposalId: number; code: string; title: string; sessionName: string | null; memberId: number; memberName: string; round: number;
  handling: string; handlingLabel: string; result: string; resultLabel: string; comment: string | null; paper: boolean; at: string; units: string;
  state: string; stateLabel: string; rehandled: boolean;
}
