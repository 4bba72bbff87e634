/** The in-app inbox. */
import { defineModule } from '../../platform/module.ts';
import { notificationRoutes } from './notifications.routes.ts';

export const notificationsModule = defineModule({
  name: 'notifications',
  label: '消息',
  routes: [notificationRoutes],
});
