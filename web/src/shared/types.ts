/** Shapes of what the API returns (the DTOs of server/src/modules/*). Inputs use the core schemas' types. */
import type { Permission, Role } from '@xs/core/roles.ts';
import type { GENDER_LABELS, MEMBER_STATUS_LABELS, UNIT_KIND_LABELS, VENUE_KIND_LABELS } from '@xs/core/schemas/orgs.ts';

export interface Page<T> {
  items: T[];
  total: number;
  /** A search counts its matches only up to a cap: `total` is then the cap and there are more ("1,000+"). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export type OrgKind = 'city' | 'county' | 'township' | 'village';

export interface OrgRef {
  id: number;
  name: string;
  kind: OrgKind;
}

/** GET /auth/me */
export interface Me {
  user: {
    id: number;
    username: string;
    displayName: string;
    roles: Role[];
    homeTenantId: number;
    unitId: number | null;
    memberId: number | null;
  };
  /** The org every query is scoped to: the user's own, or the county a city user switched to. */
  tenant: OrgRef;
  homeTenant: OrgRef;
  permissions: Permission[];
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface Place {
  id: number;
  name: string;
  kind: 'township' | 'village';
  parentId: number | null;
  code: string | null;
  sort: number;
  version: number;
}

/** Sectors (界别) and committees (专委会). */
export interface NamedItem {
  id: number;
  name: string;
  sort: number;
  version: number;
}

export interface Unit {
  id: number;
  name: string;
  kind: keyof typeof UNIT_KIND_LABELS;
  townshipId: number | null;
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
  version: number;
}

export interface Venue {
  id: number;
  name: string;
  kind: keyof typeof VENUE_KIND_LABELS;
  theme: string | null;
  townshipId: number | null;
  address: string | null;
  memberId: number | null;
  version: number;
}

export interface Member {
  id: number;
  name: string;
  gender: keyof typeof GENDER_LABELS | null;
  phone: string | null;
  sectorId: number | null;
  townshipId: number | null;
  term: string;
  title: string | null;
  status: keyof typeof MEMBER_STATUS_LABELS;
  committeeIds: number[];
  version: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  /** Masked by the server (138****1234). */
  phone: string | null;
  roles: Role[];
  unitId: number | null;
  memberId: number | null;
  active: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entityId: number | null;
  result: 'success' | 'failure';
  summary: string;
  before: unknown;
  after: unknown;
}

/** GET /orgs/overview: one row for a county, one per county for the city. */
export interface OrgOverview {
  tenant: OrgRef;
  rows: {
    tenantId: number;
    name: string;
    townships: number;
    villages: number;
    members: number;
    units: number;
    venues: number;
    sectors: number;
  }[];
}
