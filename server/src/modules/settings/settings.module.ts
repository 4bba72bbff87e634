/** County rules and the holiday calendar. */
import { defineModule } from '../../platform/module.ts';
import { settingsRoutes } from './settings.routes.ts';

export const settingsModule = defineModule({
  name: 'settings',
  label: '规则设置',
  routes: [settingsRoutes],
});
