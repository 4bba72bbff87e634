import type { Generated } from 'kysely';
import type { StaffIntakeChannel } from '@xs/core/schemas/clues-office.ts';
import type { Flag, Timestamp } from '../../platform/platform.table.ts';

/** How a clue staff entered on a citizen's behalf (代录) came in (migration 20261204_1810). */
export interface ClueIntakesTable {
  clue_id: number;
  tenant_id: number;
  channel: StaffIntakeChannel;
  received_at: Timestamp;
  reference_no: string | null;
  letter_file_id: number | null;
  entered_by: number;
  entered_by_name: string;
  sms_sent: Flag;
  created_at: Timestamp;
}

/** SMS codes for a citizen who lost the tracking secret (migration 20261204_1830). */
export interface ClueRecoveryCodesTable {
  id: Generated<number>;
  tenant_id: number;
  clue_id: number;
  /** sha256 of the clue id and the six digits. */
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: number;
  used_at: Timestamp | null;
}

declare module '../../db/database.ts' {
  interface Database {
    clue_intakes: ClueIntakesTable;
    clue_recovery_codes: ClueRecoveryCodesTable;
  }
}
