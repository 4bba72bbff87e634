/**
 * Roles and permissions. Every route names one permission; a role grants a set of them.
 * City users act inside a county with the read-only subset (see `permissionsFor`). Modules declare their
 * permissions and grants in core/src/modules/ (see module.ts).
 */
import type { PermissionDef } from './module.ts';
import * as MODULES from './modules/index.ts';

export const ROLES = ['member', 'staff', 'unit_handler', 'leader', 'county_admin', 'city_viewer', 'city_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  member: '委员',
  staff: '机关工作人员',
  unit_handler: '承办单位',
  leader: '领导',
  county_admin: '县区管理员',
  city_viewer: '市政协（查看）',
  city_admin: '市政协管理员',
};

type Declared = (typeof MODULES)[keyof typeof MODULES];
/** Every permission of every module (core/src/modules/index.ts lists the modules). */
export type Permission = Declared extends infer M ? (M extends { permissions: Record<infer P, unknown> } ? P & string : never) : never;

/** The platform's permissions first, then each module's in name order (a stable order for lists and tests). */
const DECLARED = Object.values(MODULES).sort((a, b) => Number(b.name === 'platform') - Number(a.name === 'platform') || a.name.localeCompare(b.name)).flatMap((m) => Object.entries<PermissionDef>(m.permissions)) as [Permission, PermissionDef][];

/** Permission → its Chinese name. */
export const PERMISSIONS = Object.fromEntries(DECLARED.map(([p, d]) => [p, d.label])) as Record<Permission, string>;

const READ_ONLY = new Set<Permission>(DECLARED.filter(([, d]) => d.readOnly).map(([p]) => p));

/** The permissions each role holds in its own tenant, gathered from the modules' declarations. */
export const ROLE_PERMISSIONS = Object.fromEntries(
  ROLES.map((role) => [role, DECLARED.filter(([, d]) => d.roles.includes(role)).map(([p]) => p)]),
) as Record<Role, Permission[]>;

export const CITY_ROLES: Role[] = ['city_viewer', 'city_admin'];

/**
 * The permissions a user holds in the tenant they are acting in. A city user acting inside one of
 * its counties reads only: the county runs its own work, the city guides and watches.
 */
export function permissionsFor(roles: readonly Role[], actingInOwnTenant: boolean): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) {
    for (const p of ROLE_PERMISSIONS[role]) {
      if (actingInOwnTenant || READ_ONLY.has(p)) out.add(p);
    }
  }
  return out;
}
