/** The in-app inbox: notices to the signed-in user (new forwards, reminders, citizens' ratings…). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '@xs/core/validation.ts';
import { authOf } from '../../platform/auth.ts';
import { notFound } from '../../platform/errors.ts';
import { affected } from '../../db/database.ts';

const ListQuery = z.strictObject({ unread: z.enum(['1', '0']).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) });

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ['消息'];

  app.get('/notifications', {
    schema: { tags, summary: '我的消息', querystring: ListQuery },
    config: { permission: 'authenticated' },
  }, async (req) => {
    const auth = authOf(req);
    let q = db.selectFrom('notifications').selectAll().where('user_id', '=', auth.user.id).where('tenant_id', '=', auth.user.homeTenantId);
    if (req.query.unread === '1') q = q.where('read_at', 'is', null);
    const [items, unread] = await Promise.all([
      q.orderBy('id', 'desc').limit(req.query.limit).execute(),
      db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', auth.user.id).where('read_at', 'is', null).executeTakeFirstOrThrow(),
    ]);
    return {
      unread: Number(unread.n),
      items: items.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, readAt: n.read_at, createdAt: n.created_at })),
    };
  });

  app.post('/notifications/:id/read', {
    schema: { tags, summary: '标为已读', params: IdParamsSchema },
    config: { permission: 'authenticated', entity: 'notifications' },
  }, async (req) => {
    const auth = authOf(req);
    const r = await db.updateTable('notifications').set({ read_at: new Date().toISOString() })
      .where('id', '=', req.params.id).where('user_id', '=', auth.user.id).executeTakeFirst();
    if (affected(r) === 0) throw notFound('消息');
    return { ok: true };
  });

  app.post('/notifications/read-all', {
    schema: { tags, summary: '全部标为已读' },
    config: { permission: 'authenticated' },
  }, async (req) => {
    await db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', authOf(req).user.id).where('read_at', 'is', null).execute();
    return { ok: true };
  });
};
