/**
 * Chinese names of audit actions (`entity.verb`). Workflow transitions are named from their declared
 * workflow (`clue.forward` → 民意线索·转办); a feature adds its workflow to WORKFLOWS and any special actions here.
 */
import { CLUE_WORKFLOW } from '@xs/core/schemas/clues.ts';

interface NamedWorkflow {
  name: string;
  label: string;
  transitions: Record<string, { label: string }>;
}

const WORKFLOWS: NamedWorkflow[] = [CLUE_WORKFLOW];

export const ACTION_LABELS: Record<string, string> = {
  ...Object.fromEntries(WORKFLOWS.flatMap((w) => Object.entries(w.transitions).map(([t, d]) => [`${w.name}.${t}`, `${w.label}·${d.label}`]))),
  'clue.submit': '民意线索·群众提交',
  'clue.remind': '民意线索·超期催办',
  'clue.recheck': '民意线索·回访复核',
  'clue.view_contact': '民意线索·查看联系方式',
  'clue_rule.create': '新增转办规则',
  'clue_rule.delete': '删除转办规则',
  'settings.update': '修改规则设置',
  'settings.calendar': '修改工作日历',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.logout_others': '退出其他设备',
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
  clue: '民意线索',
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
