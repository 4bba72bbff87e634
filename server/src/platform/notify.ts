/**
 * Notifications: an in-app inbox per user, and outbound SMS/WeChat messages through an outbox table
 * that a pluggable sender drains (the default sender writes to the log). Enqueue inside the use-case's
 * transaction so a message exists exactly when the change it reports does.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface OutboundMessage {
  tenantId: number;
  channel: 'sms' | 'wechat';
  recipient: string;
  /** Template name, e.g. clue.resolved; the sender maps it to the provider's template. */
  template: string;
  payload: Record<string, string | number>;
}

export async function enqueueMessage(db: Kysely<Database>, m: OutboundMessage): Promise<void> {
  await db.insertInto('outbox').values({
    tenant_id: m.tenantId, channel: m.channel, recipient: m.recipient, template: m.template, payload_json: JSON.stringify(m.payload),
    status: 'pending', attempts: 0, last_error: null, created_at: new Date().toISOString(), sent_at: null,
  }).execute();
}

/** In-app notices to every active user of a unit (or to given users). */
export async function notifyUsers(db: Kysely<Database>, tenantId: number, target: { unitId?: number; userIds?: number[]; roles?: string[] }, n: { title: string; body: string; link?: string }) {
  let q = db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('active', '=', 1);
  if (target.unitId) q = q.where('unit_id', '=', target.unitId);
  if (target.userIds) q = q.where('id', 'in', target.userIds.length ? target.userIds : [-1]);
  if (target.roles) q = q.where((eb) => eb.or(target.roles!.map((r) => eb('roles', 'like', `%"${r}"%`))));
  const users = await q.execute();
  if (users.length === 0) return;
  const now = new Date().toISOString();
  await db.insertInto('notifications').values(users.map((u) => ({ tenant_id: tenantId, user_id: u.id, title: n.title, body: n.body, link: n.link ?? null, read_at: null, created_at: now }))).execute();
}

export interface Sender {
  send(m: { channel: string; recipient: string; template: string; payload: Record<string, unknown> }): Promise<void>;
}

/** The default sender: writes the message to the log (no SMS gateway is configured). */
export function logSender(log: FastifyBaseLogger): Sender {
  return {
    async send(m) {
      log.info({ outbox: { ...m, recipient: m.recipient.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') } }, 'outbound message (log sender)');
    },
  };
}

/** Send pending messages; failures are retried up to 5 times. Returns how many were sent. */
export async function drainOutbox(db: Kysely<Database>, sender: Sender, batch = 100): Promise<number> {
  const rows = await db.selectFrom('outbox').selectAll().where('status', '=', 'pending').orderBy('id').limit(batch).execute();
  let sent = 0;
  for (const r of rows) {
    try {
      await sender.send({ channel: r.channel, recipient: r.recipient, template: r.template, payload: JSON.parse(r.payload_json) as Record<string, unknown> });
      await db.updateTable('outbox').set({ status: 'sent', sent_at: new Date().toISOString(), attempts: r.attempts + 1 }).where('id', '=', r.id).execute();
      sent += 1;
    } catch (err) {
      await db.updateTable('outbox').set({ attempts: r.attempts + 1, last_error: String(err).slice(0, 500), status: r.attempts + 1 >= 5 ? 'failed' : 'pending' })
        .where('id', '=', r.id).execute();
    }
  }
  return sent;
}
