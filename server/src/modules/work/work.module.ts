/**
 * 我的待办: one list of the caller's open work from every module — each case type answers through its
 * `workOf` (platform/cases.ts); the home queues of staff and units count the same rows.
 */
import { defineModule } from '../../platform/module.ts';
import { workRoutes } from './work.routes.ts';

export const workModule = defineModule({
  name: 'work',
  label: '我的待办',
  routes: [workRoutes],
});
