/**
 * Job health for admins: each periodic job, who ran it last, when, and its last error. Jobs belong to the
 * platform, not to a county, and their rows hold no county's data, so every admin sees the same list.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { JobHealthListSchema } from '@xs/core/schemas/jobs.ts';
import { listJobHealth } from '../../platform/scheduler.ts';

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/jobs', {
    schema: { tags: ['系统'], summary: '定时任务运行状况', response: { 200: JobHealthListSchema } },
    config: { permission: 'audit.read' },
  }, async () => ({ items: await listJobHealth(app.db) }));
};
