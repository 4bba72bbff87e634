/** The signed-in user's in-app notices: list (all or unread), unread count, mark one or all read. */
import type { Db } from '../../db/database.ts';
import { affected } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';

/** Whose inbox: notices are personal and belong to the user's home org, whichever county they are looking at. */
export interface Recipient { userId: number; tenantId: number }

export interface NotificationView { id: number; title: string; body: string; link: string | null; readAt: string | null; createdAt: string }

const mine = (db: Db, r: Recipient) => db.selectFrom('notifications').where('user_id', '=', r.userId).where('tenant_id', '=', r.tenantId);

export async function unreadCount(db: Db, r: Recipient): Promise<number> {
  const row = await mine(db, r).select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: Db, r: Recipient, o: { unreadOnly: boolean; limit: number }): Promise<{ unread: number; items: NotificationView[] }> {
  let q = mine(db, r).selectAll();
  if (o.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([q.orderBy('id', 'desc').limit(o.limit).execute(), unreadCount(db, r)]);
  return {
    unread,
    items: rows.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, readAt: n.read_at, createdAt: n.created_at })),
  };
}

export async function markRead(db: Db, r: Recipient, id: number): Promise<void> {
  const res = await db.updateTable('notifications').set({ read_at: new Date().toISOString() })
    .where('id', '=', id).where('user_id', '=', r.userId).where('tenant_id', '=', r.tenantId).executeTakeFirst();
  if (affected(res) === 0) throw notFound('消息');
}

export async function markAllRead(db: Db, r: Recipient): Promise<void> {
  await db.updateTable('notifications').set({ read_at: new Date().toISOString() })
    .where('user_id', '=', r.userId).where('tenant_id', '=', r.tenantId).where('read_at', 'is', null).execute();
}
