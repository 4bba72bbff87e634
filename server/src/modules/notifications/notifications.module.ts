/** The in-app inbox. */
import { defineModule } from '../../platform/module.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { seedDemoNotices } from './notifications.demo.ts';

export const notificationsModule = defineModule({
  name: 'notifications',
  label: '消息',
  routes: [notificationRoutes],
  // After the clues, whose cases the demo notices link to.
  demo: { order: 90, seed: seedDemoNotices },
});
