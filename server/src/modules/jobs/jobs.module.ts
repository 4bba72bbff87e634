/** Job health for admins: the scheduler's periodic jobs, who ran them and how. */
import { defineModule } from '../../platform/module.ts';
import { jobRoutes } from './jobs.routes.ts';

export const jobsModule = defineModule({
  name: 'jobs',
  label: '定时任务',
  routes: [jobRoutes],
});
