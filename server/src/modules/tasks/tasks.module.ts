/**
 * 落实事项: the platform's child case that any module creates for work a unit must do — owner unit, co-units,
 * a deadline clock, a success measure, progress with evidence, verification by staff.
 */
import { defineModule } from '../../platform/module.ts';
import { taskRoutes } from './tasks.routes.ts';
import { TASK_CASE_TYPE, TASK_SETTINGS } from './tasks.service.ts';
import { seedDemoTasks } from './tasks.demo.ts';
import * as tables from './migrations/20261204_1528_tasks_tables.ts';

export const tasksModule = defineModule({
  name: 'tasks',
  label: '落实事项',
  routes: [taskRoutes],
  migrations: { '20261204_1528_tasks_tables': tables },
  settings: TASK_SETTINGS,
  caseTypes: [TASK_CASE_TYPE],
  // After the clues (order 10): the demo users exist by then either way.
  demo: { order: 20, seed: seedDemoTasks },
  fixtures: () => import('./tasks.fixtures.ts'),
});
