/**
 * What citizens see of 协商议事 beside the clue board, with no account: a county's upcoming open meetings, where
 * they sign up as 群众代表 (citizen representatives), and the published outcomes (协商成果) with their tasks'
 * progress. Only public data leaves here — no names of people, no phone numbers — and every read is scoped to
 * the county in the URL; the response schemas in core strip anything else.
 */
import type { Kysely, Selectable } from 'kysely';
import {
  DECISIONS, MEETING_KINDS, TOPIC_FORMATS, TOPIC_LEVELS, type MeetingSignup, type PublicMeeting, type PublicOutcome, type PublicOutcomeDetail,
  type PublicSignupResult,
} from '@xs/core/schemas/consultations.ts';
import { TASK_STATES } from '@xs/core/schemas/tasks.ts';
import type { Database } from '../../db/database.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { names, type Named } from '../orgs/orgs.read.ts';
import type { MeetingsTable } from './consultations.table.ts';

type MeetingRow = Selectable<MeetingsTable>;

/** Sign-ups that hold a place: waiting for staff, or accepted. */
const HOLDING = ['pending', 'accepted'] as const;

export const SIGNUP_CONSENT_TEXT = '您留下的姓名和手机号仅用于县政协工作人员安排您参加这次协商活动、用短信告诉您是否安排，'
  + '不会公开，也不会提供给与活动无关的单位和个人。';

const PUBLIC_COLUMNS = ['id', 'kind', 'title', 'starts_at', 'venue_id', 'place_id', 'address', 'agenda', 'public_intro', 'topic_id', 'state', 'capacity'] as const;
type PublicRow = Pick<MeetingRow, (typeof PUBLIC_COLUMNS)[number]>;

async function takenSeats(db: Kysely<Database>, tenantId: number, meetingIds: number[]): Promise<Map<number, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db.selectFrom('meeting_signups').select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')]).where('tenant_id', '=', tenantId)
    .where('meeting_id', 'in', meetingIds).where('state', 'in', HOLDING).groupBy('meeting_id').execute();
  return new Map(rows.map((r) => [r.meeting_id, Number(r.n)]));
}

/** Whether a citizen may sign up now, and why not. */
function signupState(m: Pick<MeetingRow, 'state' | 'starts_at' | 'capacity'>, taken: number, now: string): { open: boolean; reason: string | null; seatsLeft: number | null } {
  const seatsLeft = m.capacity == null ? null : Math.max(0, m.capacity - taken);
  if (m.state === 'cancelled') return { open: false, reason: '这次活动已取消', seatsLeft };
  if (m.state !== 'planned' || m.starts_at <= now) return { open: false, reason: '活动已经开始或结束，报名已截止', seatsLeft };
  if (seatsLeft === 0) return { open: false, reason: '群众代表名额已满', seatsLeft };
  return { open: true, reason: null, seatsLeft };
}

async function toPublic(db: Kysely<Database>, tenantId: number, rows: PublicRow[]): Promise<PublicMeeting[]> {
  const topicIds = [...new Set(rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])))];
  const [n, seats, topics] = await Promise.all([
    names(db, tenantId, { venues: rows.map((r) => r.venue_id), orgs: rows.map((r) => r.place_id) }),
    takenSeats(db, tenantId, rows.map((r) => r.id)),
    topicIds.length
      ? db.selectFrom('topics').select(['id', 'title']).where('tenant_id', '=', tenantId).where('id', 'in', topicIds).where('state', '!=', 'withdrawn').execute()
      : [],
  ]);
  const topicTitle = new Map(topics.map((t) => [t.id, t.title]));
  const now = new Date().toISOString();
  return rows.map((r) => {
    const s = signupState(r, seats.get(r.id) ?? 0, now);
    return {
      id: r.id, kindLabel: MEETING_KINDS[r.kind], title: r.title, startsAt: r.starts_at,
      venueName: r.venue_id ? (n.venues.get(r.venue_id) ?? null) : null, placeName: r.place_id ? (n.orgs.get(r.place_id) ?? null) : null,
      address: r.address, intro: r.public_intro, agenda: r.agenda, topicTitle: r.topic_id ? (topicTitle.get(r.topic_id) ?? null) : null,
      capacity: r.capacity, seatsLeft: s.seatsLeft, signupOpen: s.open, closedReason: s.reason,
    };
  });
}

/** Upcoming meetings that staff opened to the public, soonest first. */
export async function publicMeetings(db: Kysely<Database>, county: Named) {
  const rows = await db.selectFrom('meetings').select(PUBLIC_COLUMNS).where('tenant_id', '=', county.id).where('open_public', '=', 1)
    .where('state', '=', 'planned').where('starts_at', '>', new Date().toISOString()).orderBy('starts_at').orderBy('id').limit(50).execute();
  return { county, items: await toPublic(db, county.id, rows) };
}

async function openMeeting(db: Kysely<Database>, tenantId: number, id: number): Promise<PublicRow> {
  const row = await db.selectFrom('meetings').select(PUBLIC_COLUMNS).where('id', '=', id).where('tenant_id', '=', tenantId).where('open_public', '=', 1).executeTakeFirst();
  if (!row) throw notFound('协商活动');
  return row;
}

/** One open meeting (also once it has started, so a shared link still says what happened to the sign-up). */
export async function publicMeeting(db: Kysely<Database>, county: Named, id: number) {
  const [m] = await toPublic(db, county.id, [await openMeeting(db, county.id, id)]);
  return { ...m!, county };
}

/**
 * A citizen signs up as 群众代表: once per phone and meeting, while the meeting is still to come and places are
 * left. Pending and accepted sign-ups hold a place; staff decide in the console and the citizen is told by SMS.
 */
export async function signUp(db: Kysely<Database>, county: Named, meetingId: number, input: MeetingSignup): Promise<PublicSignupResult> {
  await openMeeting(db, county.id, meetingId);
  const duplicate = () => new AppError('conflict', '这个手机号已经报名过这次活动，请等待工作人员的短信通知', [{ path: 'phone', message: '这个手机号已经报名过这次活动' }]);
  const now = new Date().toISOString();
  const m = await db.transaction().execute(async (trx) => {
    // A no-op write: on PostgreSQL it locks the meeting row, so two sign-ups for the last place cannot both count it
    // free (SQLite writes one transaction at a time anyway).
    await trx.updateTable('meetings').set((eb) => ({ version: eb.ref('version') })).where('id', '=', meetingId).where('tenant_id', '=', county.id).execute();
    const row = await openMeeting(trx, county.id, meetingId);
    const s = signupState(row, (await takenSeats(trx, county.id, [meetingId])).get(meetingId) ?? 0, now);
    const again = await trx.selectFrom('meeting_signups').select('id').where('meeting_id', '=', meetingId).where('phone', '=', input.phone).executeTakeFirst();
    if (again) throw duplicate();
    if (!s.open) throw new AppError('invalid_state', s.reason!);
    await trx.insertInto('meeting_signups').values({
      tenant_id: county.id, meeting_id: meetingId, name: input.name, phone: input.phone, note: input.note, state: 'pending', consent_at: now,
      participant_id: null, decided_by: null, decided_at: null, reason: null, created_at: now,
    }).execute().catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicate() : err;
    });
    return row;
  });
  await notifyUsers(db, county.id, { roles: ['staff'] }, {
    title: '群众报名参加协商活动', body: `${input.name}报名作为群众代表参加「${m.title}」，请确认`, link: `/consultations/meetings/${meetingId}`,
  });
  return { meetingTitle: m.title, message: '报名已提交。工作人员确认后会发短信告诉您是否安排参加。', createdAt: now };
}

// ---- Published outcomes (协商成果) ----

async function progressOf(db: Kysely<Database>, tenantId: number, topicIds: number[]) {
  if (topicIds.length === 0) return new Map<number, { done: number; total: number }>();
  const rows = await db.selectFrom('tasks').select(['parent_id', 'state']).where('tenant_id', '=', tenantId).where('parent_type', '=', 'topic')
    .where('parent_id', 'in', topicIds).where('state', 'not in', ['draft', 'cancelled']).execute();
  const out = new Map<number, { done: number; total: number }>();
  for (const r of rows) {
    const p = out.get(r.parent_id!) ?? { done: 0, total: 0 };
    p.total++;
    if (r.state === 'verified') p.done++;
    out.set(r.parent_id!, p);
  }
  return out;
}

const decisionLabel = (d: string | null) => (d ? (DECISIONS[d as keyof typeof DECISIONS] ?? null) : null);

/** A county's published outcomes, newest first, a page at a time. */
export async function publicOutcomes(db: Kysely<Database>, county: Named, f: { page: number; pageSize: number }) {
  const q = db.selectFrom('topics').where('tenant_id', '=', county.id).where('state', '=', 'published');
  const [rows, count] = await Promise.all([
    q.select(['id', 'code', 'title', 'format', 'level', 'place_id', 'summary', 'decision', 'published_at']).orderBy('published_at', 'desc').orderBy('id', 'desc')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const [n, progress] = await Promise.all([names(db, county.id, { orgs: rows.map((r) => r.place_id) }), progressOf(db, county.id, rows.map((r) => r.id))]);
  const items: PublicOutcome[] = rows.map((r) => ({
    id: r.id, code: r.code, title: r.title, formatLabel: TOPIC_FORMATS[r.format], levelLabel: TOPIC_LEVELS[r.level],
    placeName: r.place_id ? (n.orgs.get(r.place_id) ?? null) : null, summary: r.summary, decisionLabel: decisionLabel(r.decision), publishedAt: r.published_at,
    progress: progress.get(r.id) ?? { done: 0, total: 0 },
  }));
  return { county, items, total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

/** One published outcome: summary, decision, each task's progress against its target, the ratings' counts. */
export async function publicOutcome(db: Kysely<Database>, county: Named, id: number): Promise<PublicOutcomeDetail> {
  const row = await db.selectFrom('topics').select(['id', 'code', 'title', 'format', 'level', 'place_id', 'summary', 'decision', 'published_at'])
    .where('id', '=', id).where('tenant_id', '=', county.id).where('state', '=', 'published').executeTakeFirst();
  if (!row) throw notFound('协商成果');
  const [tasks, ratings] = await Promise.all([
    db.selectFrom('tasks').select(['title', 'state', 'owner_unit_id', 'measure_label', 'measure_unit', 'measure_target', 'measure_current'])
      .where('tenant_id', '=', county.id).where('parent_type', '=', 'topic').where('parent_id', '=', id).where('state', 'not in', ['draft', 'cancelled']).orderBy('id').execute(),
    db.selectFrom('topic_ratings').select('rating').where('tenant_id', '=', county.id).where('topic_id', '=', id).execute(),
  ]);
  const n = await names(db, county.id, { orgs: [row.place_id], units: tasks.map((t) => t.owner_unit_id) });
  return {
    county, id: row.id, code: row.code, title: row.title, formatLabel: TOPIC_FORMATS[row.format], levelLabel: TOPIC_LEVELS[row.level],
    placeName: row.place_id ? (n.orgs.get(row.place_id) ?? null) : null, summary: row.summary, decisionLabel: decisionLabel(row.decision),
    publishedAt: row.published_at,
    progress: { done: tasks.filter((t) => t.state === 'verified').length, total: tasks.length },
    tasks: tasks.map((t) => ({
      title: t.title, unitName: n.units.get(t.owner_unit_id) ?? '承办单位', stateLabel: TASK_STATES[t.state].label, done: t.state === 'verified',
      measure: t.measure_label ? { label: t.measure_label, unit: t.measure_unit, target: t.measure_target, current: t.measure_current } : null,
    })),
    ratings: { total: ratings.length, satisfied: ratings.filter((r) => r.rating === 'satisfied').length },
  };
}
