/** User accounts and their roles. */
import { defineModule } from '../../platform/module.ts';
import { userRoutes } from './users.routes.ts';

export const usersModule = defineModule({
  name: 'users',
  label: '用户',
  routes: [userRoutes],
});
