/** 我的待办: the caller's open work over every case type, with counts for the home queues. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkListSchema, WorkQuerySchema } from '@xs/core/schemas/work.ts';
import { authOf } from '../../platform/auth.ts';
import { myWork } from './work.service.ts';

export const workRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/work', {
    schema: {
      tags: ['我的待办'], summary: '我的待办：各业务中等待本人（本单位）办理的事项，及新交办、即将到期、超期等分类数',
      querystring: WorkQuerySchema, response: { 200: WorkListSchema },
    },
    config: { permission: 'work.read' },
  }, async (req) => {
    const auth = authOf(req);
    const who = { tenantId: auth.tenantId, userId: auth.user.id, roles: auth.actor.roles, unitId: auth.user.unitId ?? null, memberId: auth.actor.memberId ?? null };
    return myWork(app.db, who, req.query);
  });
};
