/** Chinese names of audit actions (`entity.verb`); a feature adds its entities and special actions here. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'auth.switch_tenant': '切换单位',
  'member.import': '导入委员',
};

export const ENTITY_LABELS: Record<string, string> = {
  place: '乡镇/村',
  sector: '界别',
  committee: '专委会',
  unit: '承办单位',
  venue: '履职阵地',
  member: '委员',
  user: '用户',
};

const VERBS: Record<string, string> = { create: '新增', update: '修改', delete: '删除', import: '导入' };

export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const [entity = '', verb = ''] = action.split('.');
  const e = ENTITY_LABELS[entity];
  const v = VERBS[verb];
  return e && v ? `${v}${e}` : action;
}

/** Filter choices: the server matches the action by prefix. */
export const ACTION_FILTERS: { value: string; label: string }[] = [
  { value: 'auth.', label: '账号与登录（全部）' },
  { value: 'auth.login_failed', label: '登录失败' },
  { value: 'auth.locked', label: '账号锁定' },
  ...Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value: `${value}.`, label })),
];
