/** Sign-in, sessions, tenant switching and one's own password. */
import { defineModule } from '../../platform/module.ts';
import { authRoutes } from './auth.routes.ts';

export const authModule = defineModule({
  name: 'auth',
  label: '账号',
  routes: [authRoutes],
});
