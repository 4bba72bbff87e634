import type { Generated } from 'kysely';
import type { Timestamp } from './platform.table.ts';

/** A named clock of one case (core `ClockDef`); the deadline job reads the running ones of every case type. */
export interface CaseClocksTable {
  id: Generated<number>;
  tenant_id: number;
  case_type: string;
  case_id: number;
  name: string;
  anchor_at: Timestamp;
  due_at: Timestamp;
  /** Extensions never pass it. */
  cap_at: Timestamp | null;
  stopped_at: Timestamp | null;
  /** Set by the deadline job the first time it finds the clock past due. */
  overdue_at: Timestamp | null;
  last_reminded_at: Timestamp | null;
  /** 0 none; 1, 2 … raised by the deadline job as the clock runs later (county settings). */
  escalation: number;
}

/** One direction of a typed link between two cases; every link is stored with its inverse. */
export interface CaseLinksTable {
  id: Generated<number>;
  tenant_id: number;
  from_type: string;
  from_id: number;
  kind: string;
  to_type: string;
  /** Null while the target case does not exist yet (a clue converted into a module still to come). */
  to_id: number | null;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CaseTables {
  case_clocks: CaseClocksTable;
  case_links: CaseLinksTable;
}
