import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';

export interface MembersTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  gender: 'male' | 'female' | null;
  phone: string | null;
  sector_id: number | null;
  /** The township whose member group (履职小组) the member belongs to. */
  township_id: number | null;
  term: string;
  title: string | null;
  status: 'active' | 'left';
  version: number;
  created_at: Timestamp;
}

export interface MemberCommitteesTable {
  tenant_id: number;
  member_id: number;
  committee_id: number;
}

export interface MemberTables {
  members: MembersTable;
  member_committees: MemberCommitteesTable;
}

declare module '../../db/database.ts' {
  interface Database extends MemberTables {}
}
