/** The in-app inbox: notices to the signed-in user (new forwards, reminders, citizens' ratings…). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '@xs/core/validation.ts';
import { OkSchema } from '@xs/core/schemas/common.ts';
import { NoticeListSchema, UnreadCountSchema } from '@xs/core/schemas/notifications.ts';
import { authOf } from '../../platform/auth.ts';
import { listNotifications, markAllRead, markRead, unreadCount, type Recipient } from './notifications.service.ts';

const ListQuery = z.strictObject({ unread: z.enum(['1', '0']).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) });

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ['消息'];
  const recipient = (req: Parameters<typeof authOf>[0]): Recipient => {
    const auth = authOf(req);
    return { userId: auth.user.id, tenantId: auth.user.homeTenantId };
  };

  app.get('/notifications', {
    schema: { tags, summary: '我的消息', querystring: ListQuery, response: { 200: NoticeListSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => listNotifications(db, recipient(req), { unreadOnly: req.query.unread === '1', limit: req.query.limit }));

  app.get('/notifications/unread-count', {
    schema: { tags, summary: '未读消息数（页头铃铛轮询）', response: { 200: UnreadCountSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => ({ unread: await unreadCount(db, recipient(req)) }));

  app.post('/notifications/:id/read', {
    schema: { tags, summary: '标为已读', params: IdParamsSchema, response: { 200: OkSchema } },
    config: { permission: 'authenticated', entity: 'notifications' },
  }, async (req) => {
    await markRead(db, recipient(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/notifications/read-all', {
    schema: { tags, summary: '全部标为已读', response: { 200: OkSchema } },
    config: { permission: 'authenticated' },
  }, async (req) => {
    await markAllRead(db, recipient(req));
    return { ok: true as const };
  });
};
