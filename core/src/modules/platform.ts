/** The platform's own permissions: organisation data, members, users, audit, rules, statistics. */
import { defineCoreModule } from '../module.ts';

export const platformModule = defineCoreModule({
  name: 'platform',
  label: '平台',
  permissions: {
    'org.read': { label: '查看组织数据', readOnly: true, roles: ['member', 'staff', 'unit_handler', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'org.manage': { label: '管理组织数据', roles: ['county_admin', 'city_admin'] },
    'member.read': { label: '查看委员', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'member.manage': { label: '管理委员', roles: ['county_admin', 'city_admin'] },
    'user.manage': { label: '管理用户', roles: ['county_admin', 'city_admin'] },
    'audit.read': { label: '查看审计日志', roles: ['county_admin', 'city_admin'] },
    'settings.manage': { label: '管理规则设置', roles: ['county_admin', 'city_admin'] },
    'stats.read': { label: '查看统计', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
  },
  auditActions: {
    'settings.update': '修改规则设置',
    'settings.calendar': '修改工作日历',
    'auth.login': '登录',
    'auth.login_failed': '登录失败',
    'auth.locked': '账号锁定',
    'auth.logout': '退出登录',
    'auth.password_changed': '修改密码',
    'auth.switch_tenant': '切换单位',
    'member.import': '导入委员',
  },
  auditEntities: {
    place: '乡镇/村',
    sector: '界别',
    committee: '专委会',
    unit: '承办单位',
    venue: '履职阵地',
    member: '委员',
    user: '用户',
  },
});
