/**
 * Chinese names of audit actions (`entity.verb`), from every module's core declaration (core/src/modules/):
 * workflow transitions are named from their declared workflow (`clue.forward` → 民意线索·转办), other actions and
 * the entities from the module's own lists. The console's audit page and the server's audit export both read it.
 */
import * as CORE_MODULES from './modules/index.ts';
import type { CoreModule } from './module.ts';

const MODULES: CoreModule[] = Object.values(CORE_MODULES);

export const ACTION_LABELS: Record<string, string> = Object.fromEntries(MODULES.flatMap((m) => [
  ...(m.workflows ?? []).flatMap((w) => Object.entries(w.transitions).map(([t, d]) => [`${w.name}.${t}`, `${w.label}·${d.label}`])),
  ...Object.entries(m.auditActions ?? {}),
]));

export const ENTITY_LABELS: Record<string, string> = Object.fromEntries(MODULES.flatMap((m) => Object.entries(m.auditEntities ?? {})));

const VERBS: Record<string, string> = { create: '新增', update: '修改', delete: '删除', import: '导入' };

export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const [entity = '', verb = ''] = action.split('.');
  const e = ENTITY_LABELS[entity];
  const v = VERBS[verb];
  return e && v ? `${v}${e}` : action;
}
