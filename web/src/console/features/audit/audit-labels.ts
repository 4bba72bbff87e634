/** Chinese names of audit actions and entities (core/src/audit-labels.ts), and the audit page's filter choices. */
import { ENTITY_LABELS } from '@xs/core/audit-labels.ts';

export { ACTION_LABELS, ENTITY_LABELS, actionLabel } from '@xs/core/audit-labels.ts';

/** Filter choices: the server matches the action by prefix. */
export const ACTION_FILTERS: { value: string; label: string }[] = [
  { value: 'auth.', label: '账号与登录（全部）' },
  { value: 'auth.login_failed', label: '登录失败' },
  { value: 'auth.locked', label: '账号锁定' },
  ...Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value: `${value}.`, label })),
];
