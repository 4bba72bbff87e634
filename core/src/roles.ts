/**
 * Roles and permissions. Every route names one permission; a role grants a set of them.
 * City users act inside a county with the read-only subset (see `permissionsFor`).
 */
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

export const PERMISSIONS = {
  'org.read': '查看组织数据',
  'org.manage': '管理组织数据',
  'member.read': '查看委员',
  'member.manage': '管理委员',
  'user.manage': '管理用户',
  'audit.read': '查看审计日志',
  'settings.manage': '管理规则设置',
  'clue.read': '查看民意线索',
  'clue.triage': '处理民意线索',
  'clue.unit': '承办单位办理线索',
  'stats.read': '查看统计',
  'task.read': '查看落实事项',
  'task.manage': '交办和核验落实事项',
  'task.unit': '承办单位办理落实事项',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const READ_ONLY: Permission[] = ['org.read', 'member.read', 'clue.read', 'stats.read', 'task.read'];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  member: ['org.read'],
  staff: ['org.read', 'member.read', 'clue.read', 'clue.triage', 'stats.read', 'task.read', 'task.manage'],
  unit_handler: ['org.read', 'clue.unit', 'task.unit'],
  leader: ['org.read', 'member.read', 'clue.read', 'stats.read', 'task.read'],
  county_admin: [
    'org.read', 'org.manage', 'member.read', 'member.manage', 'user.manage', 'audit.read', 'settings.manage',
    'clue.read', 'clue.triage', 'stats.read', 'task.read', 'task.manage',
  ],
  city_viewer: READ_ONLY,
  city_admin: [...READ_ONLY, 'org.manage', 'member.manage', 'user.manage', 'audit.read', 'settings.manage'],
};

export const CITY_ROLES: Role[] = ['city_viewer', 'city_admin'];

/**
 * The permissions a user holds in the tenant they are acting in. A city user acting inside one of
 * its counties reads only: the county runs its own work, the city guides and watches.
 */
export function permissionsFor(roles: readonly Role[], actingInOwnTenant: boolean): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) {
    for (const p of ROLE_PERMISSIONS[role]) {
      if (actingInOwnTenant || READ_ONLY.includes(p)) out.add(p);
    }
  }
  return out;
}
