import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/platform.table.ts';

export type OrgKind = 'city' | 'county' | 'township' | 'village';

/** The org tree: city → county (the tenant) → township → village. */
export interface OrgsTable {
  id: Generated<number>;
  parent_id: number | null;
  /** The county (or, for the city itself, the city) that owns this row; a county's tenant_id is its own id. */
  tenant_id: number;
  kind: OrgKind;
  name: string;
  code: string | null;
  sort: number;
  created_at: Timestamp;
  version: number;
}

export interface SectorsTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  sort: number;
  /** Starts at 1 (the column's default); each edit adds one. */
  version: Generated<number>;
}

export interface CommitteesTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  sort: number;
  /** Starts at 1 (the column's default); each edit adds one. */
  version: Generated<number>;
}

export type UnitKind = 'department' | 'township_gov' | 'other';

export interface UnitsTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  kind: UnitKind;
  township_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  /** UNIT_DUTIES key, or null (inferred from the name). */
  duty: Generated<string | null>;
  active: Flag;
  version: number;
}

export type VenueKind = 'members_lounge' | 'studio' | 'consultation_room' | 'liaison_office' | 'other';

export interface VenuesTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  kind: VenueKind;
  theme: string | null;
  township_id: number | null;
  address: string | null;
  member_id: number | null;
  version: number;
  created_at: Timestamp;
}

export interface OrgTables {
  orgs: OrgsTable;
  sectors: SectorsTable;
  committees: CommitteesTable;
  units: UnitsTable;
  venues: VenuesTable;
}

declare module '../../db/database.ts' {
  interface Database extends OrgTables {}
}
