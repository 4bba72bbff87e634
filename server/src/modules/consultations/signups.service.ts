/**
 * Staff side of the citizen sign-ups (群众代表报名): open a meeting to the public with a capacity and an
 * introduction, see who signed up, accept (the citizen becomes a participant) or decline; either way the citizen
 * is told by SMS through the outbox.
 */
import type { Kysely } from 'kysely';
import { MEETING_KINDS, SIGNUP_STATES, type MeetingPublic, type SignupDecision } from '@xs/core/schemas/consultations.ts';
import type { Database } from '../../db/database.ts';
import { affected } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/notify.ts';
import { names } from '../orgs/orgs.read.ts';
import type { ConsultActor } from './topics.service.ts';

const audit = (db: Kysely<Database>, who: ConsultActor, action: string, id: number, summary: string, after?: Record<string, unknown>) =>
  writeAudit(db, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action, entity: 'meeting', entityId: id, summary, after });

/** A meeting's sign-ups, oldest first (phones in full: the caller masks them for readers who need not see them). */
export async function signupsOf(db: Kysely<Database>, tenantId: number, meetingId: number) {
  const rows = await db.selectFrom('meeting_signups').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, phone: r.phone, note: r.note, state: r.state, stateLabel: SIGNUP_STATES[r.state], createdAt: r.created_at,
    decidedAt: r.decided_at, decidedBy: r.decided_by, reason: r.reason, participantId: r.participant_id,
  }));
}

async function meetingOf(db: Kysely<Database>, tenantId: number, id: number) {
  const m = await db.selectFrom('meetings').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!m) throw notFound('协商活动');
  return m;
}

/** Open (or close) a meeting to the public, with the citizen representatives wanted and what it is about. */
export async function setMeetingPublic(db: Kysely<Database>, who: ConsultActor, id: number, body: MeetingPublic) {
  const m = await meetingOf(db, who.tenantId, id);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('meetings').set({
      open_public: body.openToPublic ? 1 : 0, capacity: body.capacity, public_intro: body.publicIntro, version: m.version + 1,
    }).where('id', '=', id).where('tenant_id', '=', who.tenantId).where('version', '=', body.version).executeTakeFirst();
    if (affected(r) === 0) throw new AppError('stale_version', '该活动刚刚已被他人修改，请刷新后再试');
    await audit(trx, who, 'meeting.public', id, body.openToPublic
      ? `「${m.title}」向群众公开报名${body.capacity ? `，群众代表 ${body.capacity} 名` : ''}`
      : `「${m.title}」不再向群众公开`, { openToPublic: body.openToPublic, capacity: body.capacity });
  });
}

/**
 * Accept a sign-up (the citizen joins the participants as 群众代表) or decline it with a reason. The SMS is
 * written to the outbox in the same transaction, so a decision never stands without its message.
 */
export async function decideSignup(db: Kysely<Database>, who: ConsultActor, meetingId: number, signupId: number, body: SignupDecision) {
  const m = await meetingOf(db, who.tenantId, meetingId);
  const s = await db.selectFrom('meeting_signups').selectAll().where('id', '=', signupId).where('meeting_id', '=', meetingId).where('tenant_id', '=', who.tenantId)
    .executeTakeFirst();
  if (!s) throw notFound('报名');
  if (s.state !== 'pending') throw new AppError('invalid_state', `该报名已${SIGNUP_STATES[s.state]}`);
  if (body.accept && m.state !== 'planned') throw new AppError('invalid_state', m.state === 'cancelled' ? '该活动已取消' : '该活动已召开，不能再确认参加');
  const n = await names(db, who.tenantId, { venues: [m.venue_id], orgs: [m.place_id] });
  const place = [m.place_id ? n.orgs.get(m.place_id) : null, m.venue_id ? n.venues.get(m.venue_id) : null, m.address].filter(Boolean).join(' ') || '另行通知';
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    if (body.accept && m.capacity != null) {
      const accepted = await trx.selectFrom('meeting_signups').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId)
        .where('state', '=', 'accepted').executeTakeFirstOrThrow();
      if (Number(accepted.n) >= m.capacity) throw new AppError('invalid_state', `已确认的群众代表已满 ${m.capacity} 名`);
    }
    let participantId: number | null = null;
    if (body.accept) {
      const p = await trx.insertInto('meeting_participants').values({
        tenant_id: who.tenantId, meeting_id: meetingId, member_id: null, name: s.name, role: 'citizen', org: null, status: 'invited', absence_reason: null, checked_in_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      participantId = p.id;
    }
    // Only a sign-up still pending is decided: two staff deciding at once, one wins.
    const r = await trx.updateTable('meeting_signups').set({
      state: body.accept ? 'accepted' : 'declined', participant_id: participantId, decided_by: who.actor.name, decided_at: now, reason: body.accept ? null : body.reason,
    }).where('id', '=', signupId).where('state', '=', 'pending').executeTakeFirst();
    if (affected(r) === 0) throw new AppError('conflict', '该报名刚刚已被他人处理，请刷新后查看');
    await enqueueMessage(trx, body.accept
      ? { tenantId: who.tenantId, channel: 'sms', recipient: s.phone, template: 'meeting.signup_accepted',
        payload: { name: s.name, meeting: m.title, kind: MEETING_KINDS[m.kind], startsAt: m.starts_at, place } }
      : { tenantId: who.tenantId, channel: 'sms', recipient: s.phone, template: 'meeting.signup_declined',
        payload: { name: s.name, meeting: m.title, reason: body.reason ?? '名额有限' } });
    await audit(trx, who, body.accept ? 'meeting.signup_accept' : 'meeting.signup_decline', meetingId,
      `「${m.title}」群众代表报名：${s.name}${body.accept ? '，确认参加' : `，未能安排${body.reason ? `（${body.reason}）` : ''}`}`, { signupId });
  });
}
