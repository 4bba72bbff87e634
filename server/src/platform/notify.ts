/**
 * Notifications: an in-app inbox per user, and outbound SMS/WeChat messages through an outbox table
 * that a pluggable sender drains (the default sender writes to the log). Enqueue inside the use-case's
 * transaction so a message exists exactly when the change it reports does.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { isPostgres, type Database } from '../db/database.ts';
import { PROCESS_OWNER } from './scheduler.ts';
import { defineSettings, getSetting, numberSetting, type SettingValuesOf } from './settings.ts';

const OUTBOX_SETTINGS = defineSettings({
  'outbox.maxAttempts': numberSetting({ label: '短信/微信发送失败后最多尝试', group: '消息发送', default: 10, min: 1, max: 30, unit: '次',
    description: '短信或微信消息发送失败后自动重试，达到这么多次仍失败的消息标为发送失败。' }),
  'outbox.retrySeconds': numberSetting({ label: '短信/微信首次重试间隔', group: '消息发送', default: 30, min: 5, max: 3600, unit: '秒',
    description: '第一次重试前等待的秒数，此后每次加倍，最长 1 小时；短信网关短暂中断时消息不会丢失。' }),
});

declare module './settings.ts' {
  interface SettingValues extends SettingValuesOf<typeof OUTBOX_SETTINGS> {}
}

export interface OutboundMessage {
  tenantId: number;
  channel: 'sms' | 'wechat';
  recipient: string;
  /** Template name, e.g. clue.resolved; the sender maps it to the provider's template. */
  template: string;
  payload: Record<string, string | number>;
}

export async function enqueueMessage(db: Kysely<Database>, m: OutboundMessage): Promise<void> {
  const now = new Date().toISOString();
  await db.insertInto('outbox').values({
    tenant_id: m.tenantId, channel: m.channel, recipient: m.recipient, template: m.template, payload_json: JSON.stringify(m.payload),
    status: 'pending', attempts: 0, last_error: null, created_at: now, sent_at: null, claimed_by: null, claimed_until: null, next_attempt_at: now,
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
  /**
   * Deliver one message, or throw. `id` is the outbox row: a gateway that takes a client reference (Aliyun
   * SMS OutId, for one) should be given it, so a send whose answer was lost is not a second message.
   */
  send(m: { id: number; channel: string; recipient: string; template: string; payload: Record<string, unknown> }): Promise<void>;
}

/** The default sender: writes the message to the log (no SMS gateway is configured). */
export function logSender(log: FastifyBaseLogger): Sender {
  return {
    async send(m) {
      log.info({ outbox: { ...m, recipient: m.recipient.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') } }, 'outbound message (log sender)');
    },
  };
}

export interface DrainOptions {
  now?: Date;
  batch?: number;
  /** Who claims; each drain is its own claimant by default. */
  owner?: string;
  /** How long a claim holds: longer than the sender ever takes (its timeout), or a slow send may be repeated. */
  claimMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Send the messages that are due. Rows are claimed first (pending → sending, with claimant and expiry, in one
 * conditional UPDATE), so a concurrent drain never picks them too; a failure returns the row to pending with
 * exponential backoff, and the county's `outbox.maxAttempts` failure marks it failed. A claim whose drain died
 * expires and the row is sent by a later drain. Returns how many were sent.
 */
export async function drainOutbox(db: Kysely<Database>, sender: Sender, opts: DrainOptions = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const at = now.toISOString();
  const owner = opts.owner ?? `${PROCESS_OWNER}:${randomBytes(4).toString('hex')}`;
  await db.updateTable('outbox').set({ status: 'pending', claimed_by: null, claimed_until: null, next_attempt_at: at, last_error: '发送未确认（认领已过期），将重试' })
    .where('status', '=', 'sending').where('claimed_until', '<=', at).execute();

  let due = db.selectFrom('outbox').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', at).orderBy('id').limit(opts.batch ?? 100);
  // PostgreSQL: a concurrent drain skips the rows this one is claiming instead of waiting for them.
  if (isPostgres(db)) due = due.forUpdate().skipLocked();
  const rows = await db.updateTable('outbox')
    .set((eb) => ({ status: 'sending', claimed_by: owner, claimed_until: new Date(now.getTime() + (opts.claimMs ?? 5 * 60_000)).toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due).where('status', '=', 'pending')
    .returningAll().execute();

  let sent = 0;
  for (const r of rows.sort((a, b) => a.id - b.id)) {
    const mine = db.updateTable('outbox').where('id', '=', r.id).where('status', '=', 'sending').where('claimed_by', '=', owner);
    try {
      await sender.send({ id: r.id, channel: r.channel, recipient: r.recipient, template: r.template, payload: JSON.parse(r.payload_json) as Record<string, unknown> });
      await mine.set({ status: 'sent', sent_at: new Date().toISOString(), claimed_by: null, claimed_until: null, last_error: null }).execute();
      sent += 1;
    } catch (err) {
      const max = await getSetting(db, r.tenant_id, 'outbox.maxAttempts');
      const wait = Math.min(HOUR_MS, (await getSetting(db, r.tenant_id, 'outbox.retrySeconds')) * 1000 * 2 ** (r.attempts - 1));
      await mine.set({
        status: r.attempts >= max ? 'failed' : 'pending', claimed_by: null, claimed_until: null,
        next_attempt_at: new Date(now.getTime() + wait).toISOString(), last_error: String(err).slice(0, 500),
      }).execute();
    }
  }
  return sent;
}
