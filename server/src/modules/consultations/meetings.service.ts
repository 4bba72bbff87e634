/**
 * Meetings and activities (协商会, 调研, 视察, 考察, 界别活动, 委员会客厅接待日, 服务群众活动): participants and QR
 * check-in, absence with staff approval, minutes and findings, 共提共答 items whose commitments become platform
 * tasks with one click, attachments, service activities' beneficiaries.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { MEETING_KINDS, PARTICIPANT_ROLES, type MeetingCreate, type MeetingHold, type MeetingListQuery, type QaCreate } from '@xs/core/schemas/consultations.ts';
import { maskPhone } from '@xs/core/validation.ts';
import type { Database } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { affected } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { activeMember, activeUnit, names } from '../orgs/orgs.read.ts';
import { createTask } from '../tasks/tasks.service.ts';
import type { MeetingsTable } from './consultations.table.ts';
import { signupsOf } from './signups.service.ts';
import { checkPlaceVenue, type ConsultActor } from './topics.service.ts';

type MeetingRow = Selectable<MeetingsTable>;

const MEETING_STATES: Record<string, string> = { planned: '待召开', held: '已召开', cancelled: '已取消' };

const PARTICIPANT_STATUS: Record<string, string> = {
  invited: '已邀请', checked_in: '已签到', absence_requested: '请假待批', absence_approved: '请假已批准', absence_refused: '请假未批准',
};

const audit = (db: Kysely<Database>, who: ConsultActor, action: string, id: number, summary: string, after?: Record<string, unknown>) =>
  writeAudit(db, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action, entity: 'meeting', entityId: id, summary, after });

export async function createMeeting(db: Kysely<Database>, who: ConsultActor, input: MeetingCreate) {
  const issues = await checkPlaceVenue(db, who.tenantId, input);
  if (input.topicId) {
    const t = await db.selectFrom('topics').select(['id', 'state']).where('id', '=', input.topicId).where('tenant_id', '=', who.tenantId).executeTakeFirst();
    if (!t) issues.push({ path: 'topicId', message: '协商议题不存在' });
    else if (t.state === 'published' || t.state === 'withdrawn') issues.push({ path: 'topicId', message: '该议题已结束，不能再安排活动' });
  }
  const members: { id: number; name: string }[] = [];
  for (const [i, memberId] of [...new Set(input.memberIds)].entries()) {
    const m = await activeMember(db, who.tenantId, memberId);
    if (!m) issues.push({ path: `memberIds.${i}`, message: '委员不存在或已不在任' });
    else members.push(m);
  }
  if (issues.length) throw invalid(issues);
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const m = await trx.insertInto('meetings').values({
      tenant_id: who.tenantId, topic_id: input.topicId, kind: input.kind, title: input.title, starts_at: new Date(input.startsAt).toISOString(),
      venue_id: input.venueId, place_id: input.placeId, address: input.address, agenda: input.agenda, open_public: input.openToPublic ? 1 : 0,
      capacity: input.capacity, public_intro: input.publicIntro, state: 'planned', version: 1, checkin_token: randomBytes(18).toString('base64url'), minutes: null, findings: null, beneficiaries: null, held_at: null,
      created_by: who.actor.id, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const people = [
      ...members.map((x) => ({ member_id: x.id, name: x.name, role: 'member', org: null })),
      ...input.others.map((o) => ({ member_id: null, name: o.name, role: o.role, org: o.org })),
    ];
    if (people.length) {
      await trx.insertInto('meeting_participants').values(people.map((p) => ({ ...p, tenant_id: who.tenantId, meeting_id: m.id, status: 'invited', absence_reason: null, checked_in_at: null }))).execute();
    }
    await audit(trx, who, 'meeting.create', m.id, `新建${MEETING_KINDS[input.kind]}「${input.title}」`, { topicId: input.topicId, participants: people.length });
    return { id: m.id };
  });
}

async function visibleMeeting(db: Kysely<Database>, tenantId: number, id: number): Promise<MeetingRow> {
  const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) throw notFound('协商活动');
  return row;
}

function meetingQuery(db: Kysely<Database>, tenantId: number, f: MeetingListQuery) {
  let q = db.selectFrom('meetings').where('tenant_id', '=', tenantId);
  if (f.from) q = q.where('starts_at', '>=', f.from);
  if (f.to) q = q.where('starts_at', '<', `${f.to}T24`);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.state) q = q.where('state', '=', f.state);
  // The dashboard counts service activities (and their beneficiaries) apart from the other meetings.
  if (f.service === 'only') q = q.where('kind', '=', 'service');
  if (f.service === 'exclude') q = q.where('kind', '!=', 'service');
  if (f.topicId) q = q.where('topic_id', '=', f.topicId);
  return q;
}

/**
 * A period's meetings (the calendar month, or a dashboard figure's list) with the total and the beneficiaries'
 * sum over all of them; a page when asked for one, else the first 500 (a month holds far fewer).
 */
export async function listMeetings(db: Kysely<Database>, tenantId: number, f: MeetingListQuery, cap = 500) {
  const q = meetingQuery(db, tenantId, f);
  const size = f.pageSize ?? cap;
  const [rows, sum] = await Promise.all([
    q.select(['id', 'kind', 'title', 'topic_id', 'starts_at', 'venue_id', 'place_id', 'state', 'open_public', 'beneficiaries'])
      .orderBy('starts_at').orderBy('id').limit(size).offset(((f.page ?? 1) - 1) * size).execute(),
    q.select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number | null>('beneficiaries').as('b')]).executeTakeFirstOrThrow(),
  ]);
  const n = await names(db, tenantId, { venues: rows.map((r) => r.venue_id), orgs: rows.map((r) => r.place_id) });
  const items = rows.map((r) => ({
    id: r.id, kind: r.kind, kindLabel: MEETING_KINDS[r.kind], title: r.title, topicId: r.topic_id, startsAt: r.starts_at, state: r.state,
    stateLabel: MEETING_STATES[r.state] ?? r.state,
    venueName: r.venue_id ? (n.venues.get(r.venue_id) ?? null) : null, placeName: r.place_id ? (n.orgs.get(r.place_id) ?? null) : null,
    openToPublic: r.open_public === 1, beneficiaries: r.beneficiaries,
  }));
  return { items, total: Number(sum.n), beneficiaries: Number(sum.b ?? 0), page: f.page ?? 1, pageSize: size };
}

/**
 * One meeting with everything staff work on. Sign-ups carry the citizen's phone in full only for `phones` (staff
 * who manage meetings and must call or text them); anyone else reads it masked.
 */
export async function meetingDetail(db: Kysely<Database>, who: ConsultActor, id: number, opts: { phones?: boolean } = {}) {
  const row = await visibleMeeting(db, who.tenantId, id);
  const [people, qa, files, topic, signups] = await Promise.all([
    db.selectFrom('meeting_participants').selectAll().where('meeting_id', '=', id).where('tenant_id', '=', who.tenantId).orderBy('id').execute(),
    db.selectFrom('meeting_qa').selectAll().where('meeting_id', '=', id).where('tenant_id', '=', who.tenantId).orderBy('id').execute(),
    db.selectFrom('meeting_files as mf').innerJoin('files as f', 'f.id', 'mf.file_id').select(['f.id', 'f.original_name', 'f.mime', 'f.size'])
      .where('mf.meeting_id', '=', id).where('mf.tenant_id', '=', who.tenantId).orderBy('f.id').execute(),
    row.topic_id ? db.selectFrom('topics').select(['id', 'code', 'title', 'state', 'format']).where('id', '=', row.topic_id).executeTakeFirst() : undefined,
    signupsOf(db, who.tenantId, id),
  ]);
  const n = await names(db, who.tenantId, { venues: [row.venue_id], orgs: [row.place_id], units: qa.map((q) => q.unit_id) });
  return {
    id: row.id, kind: row.kind, kindLabel: MEETING_KINDS[row.kind], title: row.title, startsAt: row.starts_at, state: row.state, version: row.version,
    venueId: row.venue_id, venueName: row.venue_id ? (n.venues.get(row.venue_id) ?? null) : null, placeName: row.place_id ? (n.orgs.get(row.place_id) ?? null) : null,
    address: row.address, agenda: row.agenda, openToPublic: row.open_public === 1, capacity: row.capacity, publicIntro: row.public_intro, minutes: row.minutes, findings: row.findings,
    beneficiaries: row.beneficiaries, heldAt: row.held_at, checkinPath: `/m/checkin/${row.checkin_token}`,
    topic: topic ? { id: topic.id, code: topic.code, title: topic.title, state: topic.state } : null,
    participants: people.map((p) => ({
      id: p.id, memberId: p.member_id, name: p.name, role: p.role, roleLabel: PARTICIPANT_ROLES[p.role as keyof typeof PARTICIPANT_ROLES] ?? p.role,
      org: p.org, status: p.status, statusLabel: PARTICIPANT_STATUS[p.status] ?? p.status, absenceReason: p.absence_reason, checkedInAt: p.checked_in_at,
    })),
    attendance: { invited: people.length, checkedIn: people.filter((p) => p.status === 'checked_in').length },
    qa: qa.map((q) => ({
      id: q.id, question: q.question, askedBy: q.asked_by, askerKind: q.asker_kind, unitId: q.unit_id, unitName: q.unit_id ? (n.units.get(q.unit_id) ?? null) : null,
      answer: q.answer, commitment: q.commitment, days: q.days, measureLabel: q.measure_label, measureTarget: q.measure_target, taskId: q.task_id,
    })),
    files: files.map((f) => ({ id: f.id, name: f.original_name, mime: f.mime, size: f.size })),
    signups: signups.map((x) => ({ ...x, phone: opts.phones ? x.phone : maskPhone(x.phone) })),
    signupCounts: {
      pending: signups.filter((x) => x.state === 'pending').length,
      accepted: signups.filter((x) => x.state === 'accepted').length,
      declined: signups.filter((x) => x.state === 'declined').length,
    },
  };
}

/** The meeting was held: minutes (纪要) or findings, and for a service activity the people served. */
export async function holdMeeting(db: Kysely<Database>, who: ConsultActor, id: number, body: MeetingHold) {
  const row = await visibleMeeting(db, who.tenantId, id);
  if (row.state === 'cancelled') throw new AppError('invalid_state', '该活动已取消');
  if (row.kind === 'service' && body.beneficiaries == null) throw invalid([{ path: 'beneficiaries', message: '服务群众活动请填写受益群众人数' }]);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('meetings').set({
      state: 'held', minutes: body.minutes, findings: body.findings, beneficiaries: body.beneficiaries, held_at: row.held_at ?? now, version: row.version + 1,
    }).where('id', '=', id).where('tenant_id', '=', who.tenantId).where('version', '=', body.version).executeTakeFirst();
    if (affected(r) === 0) throw new AppError('stale_version', '该活动刚刚已被他人修改，请刷新后再试');
    await audit(trx, who, 'meeting.hold', id, `「${row.title}」已召开，记录了${body.minutes ? '会议纪要' : '调研发现'}`, { beneficiaries: body.beneficiaries });
  });
  return meetingDetail(db, who, id, { phones: true });
}

/** A 共提共答 item: the question, who asked, which unit answered and what it committed to. */
export async function addQa(db: Kysely<Database>, who: ConsultActor, id: number, body: QaCreate) {
  const row = await visibleMeeting(db, who.tenantId, id);
  if (body.unitId && !(await activeUnit(db, who.tenantId, body.unitId))) throw invalid([{ path: 'unitId', message: '答复单位不存在或已停用' }]);
  await db.transaction().execute(async (trx) => {
    const q = await trx.insertInto('meeting_qa').values({
      tenant_id: who.tenantId, meeting_id: id, question: body.question, asked_by: body.askedBy, asker_kind: body.askerKind, unit_id: body.unitId,
      answer: body.answer, commitment: body.commitment, days: body.days, measure_label: body.measureLabel, measure_target: body.measureTarget, task_id: null,
      created_at: new Date().toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, who, 'meeting.qa', id, `「${row.title}」共提共答：${body.question.slice(0, 30)}`, { qaId: q.id });
  });
  return meetingDetail(db, who, id, { phones: true });
}

/** One click: the commitment of a Q&A item becomes a platform task for the answering unit, parent = the topic. */
export async function qaToTask(db: Kysely<Database>, who: ConsultActor, meetingId: number, qaId: number) {
  const row = await visibleMeeting(db, who.tenantId, meetingId);
  const qa = await db.selectFrom('meeting_qa').selectAll().where('id', '=', qaId).where('meeting_id', '=', meetingId).where('tenant_id', '=', who.tenantId).executeTakeFirst();
  if (!qa) throw notFound('共提共答事项');
  if (qa.task_id) throw new AppError('conflict', '该事项已转为落实事项');
  if (!qa.commitment || !qa.unit_id) throw invalid([{ path: 'commitment', message: '只有写明答复单位和承诺的事项才能转为落实事项' }]);
  const task = await db.transaction().execute(async (trx) => {
    const t = await createTask(db, who, {
      title: qa.commitment!.slice(0, 100), description: `共提共答（${row.title}）：${qa.question}\n答复：${qa.answer ?? ''}`, ownerUnitId: qa.unit_id!, coUnitIds: [],
      days: qa.days ?? undefined, measureLabel: qa.measure_label, measureUnit: null, measureTarget: qa.measure_target,
      // The task's parent is the topic the meeting belongs to (a case type the platform knows).
      parentType: (row.topic_id ? 'topic' : null) as 'task' | null, parentId: row.topic_id,
    }, trx);
    const r = await trx.updateTable('meeting_qa').set({ task_id: t.id }).where('id', '=', qaId).where('task_id', 'is', null).executeTakeFirst();
    if (affected(r) === 0) throw new AppError('conflict', '该事项已转为落实事项');
    await audit(trx, who, 'meeting.qa_task', meetingId, `共提共答承诺转为落实事项 ${t.code}`, { qaId, taskId: t.id });
    return t;
  });
  await notifyUsers(db, who.tenantId, { unitId: task.owner_unit_id }, { title: '新交办落实事项', body: `${task.code}「${task.title}」已交办（共提共答承诺）`, link: `/unit/tasks/${task.id}` });
  return { taskId: task.id, code: task.code };
}

/** Staff approve or refuse a member's absence request. */
export async function decideAbsence(db: Kysely<Database>, who: ConsultActor, meetingId: number, participantId: number, approve: boolean) {
  const row = await visibleMeeting(db, who.tenantId, meetingId);
  const p = await db.selectFrom('meeting_participants').selectAll().where('id', '=', participantId).where('meeting_id', '=', meetingId).where('tenant_id', '=', who.tenantId).executeTakeFirst();
  if (!p) throw notFound('参会人员');
  if (p.status !== 'absence_requested') throw new AppError('invalid_state', '该人员没有待审批的请假');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('meeting_participants').set({ status: approve ? 'absence_approved' : 'absence_refused' }).where('id', '=', participantId).execute();
    await audit(trx, who, 'meeting.absence_decide', meetingId, `「${row.title}」${p.name}的请假${approve ? '已批准' : '未批准'}`);
  });
  return meetingDetail(db, who, meetingId, { phones: true });
}

export async function attachMeetingFile(db: Kysely<Database>, who: ConsultActor, meetingId: number, fileId: number) {
  await db.insertInto('meeting_files').values({ tenant_id: who.tenantId, meeting_id: meetingId, file_id: fileId }).execute();
}

export async function requireMeeting(db: Kysely<Database>, tenantId: number, id: number) {
  return visibleMeeting(db, tenantId, id);
}

export async function meetingFile(db: Kysely<Database>, tenantId: number, meetingId: number, fileId: number): Promise<number> {
  await visibleMeeting(db, tenantId, meetingId);
  const link = await db.selectFrom('meeting_files').select('file_id').where('meeting_id', '=', meetingId).where('file_id', '=', fileId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!link) throw notFound('文件');
  return link.file_id;
}

// ---- The member's phone pages ----

function memberOf(who: ConsultActor): number {
  if (!who.actor.memberId) throw new AppError('forbidden', '您的账号未关联委员身份');
  return who.actor.memberId;
}

/** The member's invitations, newest first, with their own status. */
export async function myInvitations(db: Kysely<Database>, who: ConsultActor) {
  const memberId = memberOf(who);
  const rows = await db.selectFrom('meeting_participants as p').innerJoin('meetings as m', 'm.id', 'p.meeting_id')
    .select(['m.id', 'm.kind', 'm.title', 'm.starts_at', 'm.venue_id', 'm.address', 'm.agenda', 'm.state', 'p.status', 'p.absence_reason'])
    .where('p.tenant_id', '=', who.tenantId).where('p.member_id', '=', memberId).orderBy('m.starts_at', 'desc').limit(100).execute();
  const n = await names(db, who.tenantId, { venues: rows.map((r) => r.venue_id) });
  return rows.map((r) => ({
    id: r.id, kindLabel: MEETING_KINDS[r.kind], title: r.title, startsAt: r.starts_at, venueName: r.venue_id ? (n.venues.get(r.venue_id) ?? null) : null,
    address: r.address, agenda: r.agenda, state: r.state, status: r.status, statusLabel: PARTICIPANT_STATUS[r.status] ?? r.status, absenceReason: r.absence_reason,
  }));
}

/** A member scans the meeting's code: checked in (a member not invited is added as a participant). */
export async function checkIn(db: Kysely<Database>, who: ConsultActor, token: string) {
  const memberId = memberOf(who);
  const m = await db.selectFrom('meetings').select(['id', 'title', 'state', 'tenant_id']).where('checkin_token', '=', token).where('tenant_id', '=', who.tenantId).executeTakeFirst();
  if (!m) throw notFound('会议签到码');
  if (m.state === 'cancelled') throw new AppError('invalid_state', '该活动已取消');
  const member = await activeMember(db, who.tenantId, memberId);
  if (!member) throw new AppError('forbidden', '您的委员身份已不在任');
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('meeting_participants').select(['id', 'status']).where('meeting_id', '=', m.id).where('member_id', '=', memberId).executeTakeFirst();
    if (p?.status === 'checked_in') return;
    if (p) await trx.updateTable('meeting_participants').set({ status: 'checked_in', checked_in_at: now }).where('id', '=', p.id).execute();
    else {
      await trx.insertInto('meeting_participants').values({ tenant_id: who.tenantId, meeting_id: m.id, member_id: memberId, name: member.name, role: 'member', org: null,
        status: 'checked_in', absence_reason: null, checked_in_at: now }).execute();
    }
    await audit(trx, who, 'meeting.checkin', m.id, `${member.name}扫码签到「${m.title}」`);
  });
  return { meetingId: m.id, title: m.title, checkedInAt: now };
}

/** A member asks to be excused, with a reason; staff approve it. */
export async function requestAbsence(db: Kysely<Database>, who: ConsultActor, meetingId: number, reason: string) {
  await visibleMeeting(db, who.tenantId, meetingId);
  const memberId = memberOf(who);
  const p = await db.selectFrom('meeting_participants as p').innerJoin('meetings as m', 'm.id', 'p.meeting_id').select(['p.id', 'p.status', 'm.title', 'm.state'])
    .where('p.meeting_id', '=', meetingId).where('p.member_id', '=', memberId).where('p.tenant_id', '=', who.tenantId).executeTakeFirst();
  if (!p) throw notFound('协商活动');
  if (p.status === 'checked_in') throw new AppError('invalid_state', '您已签到，不能再请假');
  if (p.state !== 'planned') throw new AppError('invalid_state', '活动已召开或已取消，不能再请假');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('meeting_participants').set({ status: 'absence_requested', absence_reason: reason }).where('id', '=', p.id).execute();
    await audit(trx, who, 'meeting.absence', meetingId, `${who.actor.name}申请请假「${p.title}」：${reason}`);
  });
  await notifyUsers(db, who.tenantId, { roles: ['staff'] }, { title: '委员请假待审批', body: `${who.actor.name}申请不参加「${p.title}」：${reason}`, link: `/consultations/meetings/${meetingId}` });
  return myInvitations(db, who);
}
