/** Members (委员), with the Excel import. */
import { defineModule } from '../../platform/module.ts';
import { memberRoutes } from './members.routes.ts';

export const membersModule = defineModule({
  name: 'members',
  label: '委员',
  routes: [memberRoutes],
});
