/** 落实事项 in core: its permissions and audit names (the workflow is in schemas/tasks.ts). */
import { defineCoreModule } from '../module.ts';
import { TASK_WORKFLOW } from '../schemas/tasks.ts';

export const tasksModule = defineCoreModule({
  name: 'tasks',
  label: '落实事项',
  permissions: {
    'task.read': { label: '查看落实事项', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'task.manage': { label: '交办和核验落实事项', roles: ['staff', 'county_admin'] },
    'task.unit': { label: '承办单位办理落实事项', roles: ['unit_handler'] },
  },
  workflows: [TASK_WORKFLOW],
  // The declared events; their audit names come from the workflow definition.
  auditActions: Object.fromEntries(Object.entries(TASK_WORKFLOW.events ?? {}).map(([name, e]) => [e.audit ?? `task.${name}`, `落实事项·${e.label}`])),
  auditEntities: { task: '落实事项' },
});
