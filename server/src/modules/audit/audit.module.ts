/** The audit log (等保 2.0): read and export. */
import { defineModule } from '../../platform/module.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule = defineModule({
  name: 'audit',
  label: '审计日志',
  routes: [auditRoutes],
});
