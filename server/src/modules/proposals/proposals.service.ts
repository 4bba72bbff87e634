/**
 * 提案 use-cases: terms and sessions; a member's draft, submission, co-signing and evaluation; the committee's
 * review (register with the session's next number, not register, merge) and assignment; key proposals.
 * The units' side is in proposals.units.ts, figures in proposals.figures.ts.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { addMonths, cstDate } from '@xs/core/calendar.ts';
import type { PROPOSAL_RESULT_SCHEMES } from '@xs/core/proposal-results.ts';
import {
  ASSIGNMENT_STATES, ASSIGNMENT_WORKFLOW, EVALUATION_LEVELS, NOT_REGISTERED_GROUNDS, PROPOSAL_AUTHOR_KINDS, PROPOSAL_STATES, PROPOSAL_TIMINGS,
  PROPOSAL_WORKFLOW, resultClassLabel, type Assign, type Evaluate, type KeyMark, type Merge, type NotRegister, type PaperEvaluate,
  type ProposalCase, type ProposalDraft, type ProposalListQuery, type ProposalSave, type ProposalTiming, type SessionCreate, type Supervise, type TermCreate,
} from '@xs/core/schemas/proposals.ts';
import type { ProposalResultScheme } from '@xs/core/proposal-results.ts';
import type { Actor } from '@xs/core/workflow.ts';
import type { Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { completeLink, linkCases, linksOf } from '../../platform/cases.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { ftsMatch } from '../../platform/search/fts.ts';
import { searchTokens } from '../../platform/search/segment.ts';
import { getSetting } from '../../platform/settings.ts';
import type { CaseRow } from '../../platform/workflow.ts';
import { activeMembers, activeUnit, membersOfSector, names } from '../orgs/orgs.read.ts';
import type { ProposalsTable } from './proposals.table.ts';
import { assignmentRunner, proposalRunner, usersOfMembers } from './proposals.workflow.ts';
import { overdueProposalIds } from './proposals.watch.ts';

export type ProposalRow = Selectable<ProposalsTable>;

export interface Who {
  tenantId: number;
  actor: Actor;
  ip?: string | null;
}
/** A member acting for themself: only proposals they sign exist for them. */
export interface MemberWho extends Who {
  memberId: number;
}

type Db = Kysely<Database>;

// ---- Terms and sessions ----

export async function listSessions(db: Db, tenantId: number) {
  const [terms, sessions] = await Promise.all([
    db.selectFrom('proposal_terms').selectAll().where('tenant_id', '=', tenantId).orderBy('number', 'desc').execute(),
    db.selectFrom('proposal_sessions').selectAll().where('tenant_id', '=', tenantId).orderBy('opens_on', 'desc').execute(),
  ]);
  return {
    terms: terms.map((t) => ({ id: t.id, number: t.number, name: t.name, startYear: t.start_year, endYear: t.end_year })),
    sessions: sessions.map((s) => ({ id: s.id, termId: s.term_id, number: s.number, name: s.name, opensOn: s.opens_on, deadlineOn: s.deadline_on })),
  };
}

export async function createTerm(db: Db, who: Who, input: TermCreate) {
  const dup = await db.selectFrom('proposal_terms').select('id').where('tenant_id', '=', who.tenantId).where('number', '=', input.number).executeTakeFirst();
  if (dup) throw invalid([{ path: 'number', message: `第${input.number}届已经存在` }]);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('proposal_terms').values({
      tenant_id: who.tenantId, number: input.number, name: input.name, start_year: input.startYear, end_year: input.endYear, created_at: new Date().toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action: 'proposal.session', entity: 'proposal_session', entityId: row.id, summary: `新增届次「${input.name}」` });
    return row;
  });
}

export async function createSession(db: Db, who: Who, input: SessionCreate) {
  const term = await db.selectFrom('proposal_terms').select('id').where('id', '=', input.termId).where('tenant_id', '=', who.tenantId).executeTakeFirst();
  const issues = [];
  if (!term) issues.push({ path: 'termId', message: '届不存在' });
  else {
    const dup = await db.selectFrom('proposal_sessions').select('id').where('term_id', '=', term.id).where('number', '=', input.number).executeTakeFirst();
    if (dup) issues.push({ path: 'number', message: `该届第${input.number}次会议已经存在` });
  }
  if (issues.length) throw invalid(issues);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('proposal_sessions').values({
      tenant_id: who.tenantId, term_id: input.termId, number: input.number, name: input.name, opens_on: input.opensOn, deadline_on: input.deadlineOn,
      created_at: new Date().toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action: 'proposal.session', entity: 'proposal_session', entityId: row.id, summary: `新增会议「${input.name}」` });
    return row;
  });
}

type SessionRow = Selectable<Database['proposal_sessions']>;

/**
 * The session a proposal written today belongs to: the next plenary whose proposal window (some months before
 * it opens, until its deadline) is open, else the latest plenary already held (平时提案 between plenaries).
 */
export async function currentSession(db: Db, tenantId: number, now: Date): Promise<{ session: SessionRow; timing: ProposalTiming } | null> {
  const today = cstDate(now);
  const months = await getSetting(db, tenantId, 'proposal.plenaryWindowMonths');
  const sessions = await db.selectFrom('proposal_sessions').selectAll().where('tenant_id', '=', tenantId).orderBy('opens_on').execute();
  for (const s of sessions) {
    if (s.deadline_on >= today && windowStart(s, months) <= today) return { session: s, timing: 'plenary' };
  }
  const held = sessions.filter((s) => s.opens_on <= today).at(-1);
  return held ? { session: held, timing: 'regular' } : null;
}

const windowStart = (s: Pick<SessionRow, 'opens_on'>, months: number) => cstDate(addMonths(new Date(`${s.opens_on}T00:00:00+08:00`), -months));

/** 大会提案 when submitted from the window's start to the session's deadline, else 平时提案. */
export async function timingOf(db: Db, tenantId: number, session: Pick<SessionRow, 'opens_on' | 'deadline_on'>, at: Date): Promise<ProposalTiming> {
  const months = await getSetting(db, tenantId, 'proposal.plenaryWindowMonths');
  const day = cstDate(at);
  return day >= windowStart(session, months) && day <= session.deadline_on ? 'plenary' : 'regular';
}

// ---- Drafts (member) ----

async function checkDraftRefs(db: Db, tenantId: number, memberId: number, d: ProposalDraft) {
  const issues: { path: string; message: string }[] = [];
  const cosigners = [...new Set(d.cosignerIds)];
  if (cosigners.includes(memberId)) issues.push({ path: 'cosignerIds', message: '第一提案人不必再列为附议人' });
  if (cosigners.length) {
    const found = await activeMembers(db, tenantId, { ids: cosigners });
    if (found.length !== cosigners.length) issues.push({ path: 'cosignerIds', message: '附议人须为本县在任委员' });
  }
  if (d.sectorId || d.committeeId) {
    const n = await names(db, tenantId, { sectors: [d.sectorId], committees: [d.committeeId] });
    if (d.sectorId && !n.sectors.has(d.sectorId)) issues.push({ path: 'sectorId', message: '界别不存在' });
    if (d.committeeId && !n.committees.has(d.committeeId)) issues.push({ path: 'committeeId', message: '专委会不存在' });
  }
  if (d.category) {
    const cats = (await getSetting(db, tenantId, 'proposal.categories')).split(/[、,，\s]+/).filter(Boolean);
    if (!cats.includes(d.category)) issues.push({ path: 'category', message: `类别应为：${cats.join('、')}` });
  }
  let session: SessionRow | undefined;
  if (d.sessionId) {
    session = await db.selectFrom('proposal_sessions').selectAll().where('id', '=', d.sessionId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!session) issues.push({ path: 'sessionId', message: '会议不存在' });
  } else {
    session = (await currentSession(db, tenantId, new Date()))?.session;
    if (!session) issues.push({ path: 'sessionId', message: '本县尚未设置届次会议，请联系提案委' });
  }
  if (d.linkId) {
    const link = await db.selectFrom('case_links').select(['id', 'to_id', 'to_type', 'kind']).where('id', '=', d.linkId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!link || link.to_type !== 'proposal' || link.to_id !== null) issues.push({ path: 'linkId', message: '该线索已转为提案或不存在' });
  }
  if (issues.length) throw invalid(issues);
  return { session: session!, cosigners };
}

function draftColumns(d: ProposalDraft) {
  return {
    title: d.title, category: d.category ?? null, reason: d.reason || null, suggestion: d.suggestion || null, author_kind: d.authorKind,
    sector_id: d.authorKind === 'sector' ? (d.sectorId ?? null) : null, committee_id: d.authorKind === 'committee' ? (d.committeeId ?? null) : null,
    party_name: d.authorKind === 'party' ? (d.partyName ?? null) : null,
    search_tokens: searchTokens(`${d.title} ${d.reason ?? ''} ${d.suggestion ?? ''}`),
  };
}

async function writeSigners(trx: Transaction<Database>, tenantId: number, proposalId: number, leadId: number, cosigners: number[]) {
  await trx.deleteFrom('proposal_signers').where('proposal_id', '=', proposalId).where('role', 'in', ['lead', 'co']).execute();
  await trx.insertInto('proposal_signers').values([leadId, ...cosigners].map((member_id, i) => ({
    tenant_id: tenantId, proposal_id: proposalId, member_id, role: i === 0 ? 'lead' as const : 'co' as const, position: i,
    confirmed_at: i === 0 ? new Date().toISOString() : null, declined_at: null, from_proposal_id: null,
  }))).execute();
}

/** A new draft by a member (the first proposer); it may complete a clue's waiting link to a proposal lead. */
export async function createDraft(db: Db, who: MemberWho, d: ProposalDraft) {
  const { session, cosigners } = await checkDraftRefs(db, who.tenantId, who.memberId, d);
  const now = new Date();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('proposals').values({
      tenant_id: who.tenantId, session_id: session.id, number: null, code: '草稿', ...draftColumns(d), lead_member_id: who.memberId, timing: null,
      state: 'draft', version: 1, due_at: null, year: now.getFullYear(), submitted_at: null, registered_at: null, replied_at: null, closed_at: null,
      not_registered_ground: null, merged_into_id: null, handling_mode: null, result_class: null, key_year: null, key_leader: null, round: 1,
      created_by: who.actor.id, created_at: now.toISOString(), updated_at: now.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('proposals').set({ code: `草稿${row.id}` }).where('id', '=', row.id).execute();
    await writeSigners(trx, who.tenantId, row.id, who.memberId, cosigners);
    if (d.linkId) await completeLink(trx, who.tenantId, d.linkId, row.id);
    await writeAudit(trx, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action: 'proposal.create', entity: 'proposal', entityId: row.id, summary: `新建提案草稿「${d.title}」` });
    return row.id;
  });
  return proposalDetail(db, who, id);
}

/** Autosave of a draft by its first proposer; a stale version is a conflict, never a silent overwrite. */
export async function saveDraft(db: Db, who: MemberWho, id: number, body: ProposalSave) {
  const row = await visibleProposal(db, who, id);
  if (row.lead_member_id !== who.memberId) throw new AppError('forbidden', '只有第一提案人可以修改提案');
  if (row.state !== 'draft') throw new AppError('invalid_state', '提案已提交，不能再修改；如需修改请先撤回');
  const { session, cosigners } = await checkDraftRefs(db, who.tenantId, who.memberId, { ...body.draft, sessionId: body.draft.sessionId ?? row.session_id, linkId: null });
  await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('proposals').set({ ...draftColumns(body.draft), session_id: session.id, version: row.version + 1, updated_at: new Date().toISOString() })
      .where('id', '=', id).where('version', '=', body.version).where('state', '=', 'draft').executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('stale_version', '草稿已在其他地方修改，请刷新后再试');
    await writeSigners(trx, who.tenantId, id, who.memberId, cosigners);
    await writeAudit(trx, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action: 'proposal.save', entity: 'proposal', entityId: id, summary: `保存提案草稿「${body.draft.title}」` });
  });
  return proposalDetail(db, who, id);
}

/** Submit: alone straight to review; jointly the co-signers are asked first (the `cosign` clock runs). */
export async function submitProposal(db: Db, who: MemberWho, id: number, version: number) {
  const row = await visibleProposal(db, who, id);
  const issues = [];
  if (!row.reason) issues.push({ path: 'reason', message: '请填写案由' });
  if (!row.suggestion) issues.push({ path: 'suggestion', message: '请填写建议' });
  if (!row.category) issues.push({ path: 'category', message: '请选择类别' });
  if (row.state === 'draft' && issues.length) throw invalid(issues, '提交前请补全提案内容');
  const co = await db.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', id).where('role', '=', 'co').execute();
  const now = new Date();
  const session = await db.selectFrom('proposal_sessions').selectAll().where('id', '=', row.session_id).executeTakeFirstOrThrow();
  const timing = await timingOf(db, who.tenantId, session, now);
  const transition = co.length ? 'submit_joint' as const : 'submit' as const;
  await proposalRunner.apply(db, {
    tenantId: who.tenantId, id, expectedVersion: version, actor: who.actor, ip: who.ip, transition, now,
    changes: () => ({ submitted_at: now.toISOString(), year: now.getFullYear(), timing, updated_at: now.toISOString() }),
    eventData: { timing },
  });
  if (co.length) {
    await notifyUsers(db, who.tenantId, { userIds: await usersOfMembers(db, who.tenantId, co.map((c) => c.member_id)) },
      { title: '请确认联名提案', body: `${who.actor.name}邀请您联名提出提案「${row.title}」，请确认是否附议`, link: `/m/proposals/${id}` });
  } else {
    await notifyUsers(db, who.tenantId, { roles: ['staff'] }, { title: '新提案待审查', body: `「${row.title}」已提交`, link: `/proposals/${id}` });
  }
  return proposalDetail(db, who, id);
}

/** The first proposer takes a proposal back to the draft while nobody has reviewed it yet. */
export async function withdrawProposal(db: Db, who: MemberWho, id: number, version: number) {
  await visibleProposal(db, who, id);
  await proposalRunner.apply(db, { tenantId: who.tenantId, id, expectedVersion: version, actor: who.actor, ip: who.ip, transition: 'withdraw' });
  return proposalDetail(db, who, id);
}

/**
 * A co-signer confirms (or declines) joining; when the last one has answered the proposal goes to review in
 * the same transaction.
 */
export async function cosignProposal(db: Db, who: MemberWho, id: number, version: number, accept: boolean) {
  await visibleProposal(db, who, id);
  const signer = await db.selectFrom('proposal_signers').selectAll().where('proposal_id', '=', id).where('member_id', '=', who.memberId).where('role', '=', 'co').executeTakeFirst();
  if (!signer) throw new AppError('forbidden', '您不是该提案的附议人');
  if (signer.confirmed_at || signer.declined_at) throw new AppError('invalid_state', '您已经答复过了');
  const now = new Date();
  const done = await db.transaction().execute(async (trx) => {
    const { row } = await proposalRunner.fire(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: version, actor: who.actor, ip: who.ip, event: accept ? 'cosign' : 'decline_cosign', now,
      changes: async () => {
        await trx.updateTable('proposal_signers').set(accept ? { confirmed_at: now.toISOString() } : { declined_at: now.toISOString() })
          .where('proposal_id', '=', id).where('member_id', '=', who.memberId).execute();
        return {};
      },
    });
    const waiting = await trx.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', id).where('role', '=', 'co')
      .where('confirmed_at', 'is', null).where('declined_at', 'is', null).execute();
    if (waiting.length > 0) return false;
    await proposalRunner.apply(db, { trx, tenantId: who.tenantId, id, expectedVersion: row.version, actor: 'system', transition: 'cosigned', now });
    return true;
  });
  if (done) await notifyUsers(db, who.tenantId, { roles: ['staff'] }, { title: '新提案待审查', body: '一件联名提案的附议人已全部确认', link: `/proposals/${id}` });
  return proposalDetail(db, who, id);
}

// ---- Review (staff) ----

/**
 * Register: the proposal takes its session's next number inside the transaction. The counter row is locked by
 * the update until commit, so concurrent registrations queue on it and a rolled-back one gives its number back.
 */
export async function registerProposal(db: Db, who: Who, id: number, version: number) {
  const now = new Date();
  await proposalRunner.apply(db, {
    tenantId: who.tenantId, id, expectedVersion: version, actor: who.actor, ip: who.ip, transition: 'register', now,
    changes: async (current, _plan, trx) => {
      const row = current as unknown as ProposalRow;
      const session = await trx.selectFrom('proposal_sessions').select(['id', 'name']).where('id', '=', row.session_id).executeTakeFirstOrThrow();
      await trx.insertInto('proposal_counters').values({ tenant_id: who.tenantId, session_id: session.id, last: 0 })
        .onConflict((oc) => oc.column('session_id').doNothing()).execute();
      const { last } = await trx.updateTable('proposal_counters').set((eb) => ({ last: eb('last', '+', 1) })).where('session_id', '=', session.id)
        .returning('last').executeTakeFirstOrThrow();
      return { number: last, code: `${session.name}第${last}号`, registered_at: now.toISOString(), updated_at: now.toISOString() };
    },
    eventData: () => ({}),
  });
  const row = await db.selectFrom('proposals').select(['code', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
  await notifyProposers(db, who.tenantId, id, { title: '提案已立案', body: `您的提案「${row.title}」已立案，编号 ${row.code}`, link: `/m/proposals/${id}` });
  return proposalDetail(db, who, id);
}

/** Not registered on one of the standard grounds, with a note; it may stay as a lead for an opinion report. */
export async function notRegisterProposal(db: Db, who: Who, id: number, body: NotRegister) {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await proposalRunner.apply(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, transition: 'not_register', now,
      input: { reason: body.note, fields: { ground: body.ground } },
      changes: () => ({ not_registered_ground: body.ground, updated_at: now.toISOString() }),
      eventData: { ground: body.ground, groundLabel: NOT_REGISTERED_GROUNDS[body.ground], toOpinion: body.toOpinion },
    });
    if (body.toOpinion) {
      await linkCases(trx, { tenantId: who.tenantId, from: { type: 'proposal', id }, kind: 'converted_into', to: { type: 'opinion', id: null }, note: '不予立案，转作社情民意信息线索', actorId: who.actor.id, now });
    }
  });
  const row = await db.selectFrom('proposals').select('title').where('id', '=', id).executeTakeFirstOrThrow();
  await notifyProposers(db, who.tenantId, id, {
    title: '提案不予立案', body: `您的提案「${row.title}」不予立案：${NOT_REGISTERED_GROUNDS[body.ground]}。${body.note}${body.toOpinion ? '（已转作社情民意信息线索）' : ''}`, link: `/m/proposals/${id}`,
  });
  return proposalDetail(db, who, id);
}

/** 并案: the proposal joins a registered one (or one under review); its proposers become proposers of the target. */
export async function mergeProposal(db: Db, who: Who, id: number, body: Merge) {
  await visibleProposal(db, who, id);
  if (body.targetId === id) throw invalid([{ path: 'targetId', message: '不能并入自身' }]);
  const target = await db.selectFrom('proposals').select(['id', 'state', 'code', 'title']).where('id', '=', body.targetId).where('tenant_id', '=', who.tenantId).executeTakeFirst();
  if (!target || !['submitted', 'registered', 'assigned'].includes(target.state)) throw invalid([{ path: 'targetId', message: '并入的提案不存在或已不在办理中' }]);
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await proposalRunner.apply(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, transition: 'merge', now,
      input: { reason: body.note ?? null, fields: { targetId: body.targetId } },
      changes: async () => {
        const signers = await trx.selectFrom('proposal_signers').select(['member_id']).where('proposal_id', '=', id).where('declined_at', 'is', null).execute();
        const existing = new Set((await trx.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', body.targetId).execute()).map((s) => s.member_id));
        const maxPos = await trx.selectFrom('proposal_signers').select((eb) => eb.fn.max('position').as('p')).where('proposal_id', '=', body.targetId).executeTakeFirst();
        let pos = Number(maxPos?.p ?? 0);
        for (const s of signers) {
          if (existing.has(s.member_id)) continue;
          await trx.insertInto('proposal_signers').values({
            tenant_id: who.tenantId, proposal_id: body.targetId, member_id: s.member_id, role: 'merged', position: ++pos, confirmed_at: now.toISOString(),
            declined_at: null, from_proposal_id: id,
          }).execute();
        }
        return { merged_into_id: body.targetId, updated_at: now.toISOString() };
      },
      eventData: { targetId: body.targetId, targetCode: target.code },
    });
    await linkCases(trx, { tenantId: who.tenantId, from: { type: 'proposal', id }, kind: 'merged_into', to: { type: 'proposal', id: body.targetId }, actorId: who.actor.id, now });
  });
  await notifyProposers(db, who.tenantId, id, { title: '提案已并案', body: `您的提案已并入「${target.title}」办理，您同样会收到答复并参与评价`, link: `/m/proposals/${body.targetId}` });
  return proposalDetail(db, who, id);
}

/**
 * 交办: a lead unit with co-units, or several units separately. Each unit gets an assignment child case whose
 * clocks start now (contact and reply for a lead or separate unit, views for a co-unit).
 */
export async function assignProposal(db: Db, who: Who, id: number, body: Assign) {
  await visibleProposal(db, who, id);
  const unitIds = body.mode === 'lead' ? [body.leadUnitId!, ...body.coUnitIds] : body.unitIds;
  const unique = [...new Set(unitIds)];
  const issues: { path: string; message: string }[] = [];
  if (unique.length !== unitIds.length) issues.push({ path: body.mode === 'lead' ? 'coUnitIds' : 'unitIds', message: '同一单位不能重复交办' });
  for (const u of unique) {
    if (!(await activeUnit(db, who.tenantId, u))) {
      const path = body.mode === 'lead' && u === body.leadUnitId ? 'leadUnitId' : body.mode === 'lead' ? 'coUnitIds' : 'unitIds';
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: '承办单位不存在或已停用' });
    }
  }
  if (issues.length) throw invalid(issues);
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await proposalRunner.apply(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, transition: 'assign', now,
      changes: () => ({ handling_mode: body.mode, updated_at: now.toISOString() }),
      eventData: { mode: body.mode, unitIds: unique },
    });
    if (body.mode === 'lead') {
      const lead = await addAssignment(trx, db, who, id, { type: 'proposal', id }, body.leadUnitId!, 'lead', now);
      for (const u of body.coUnitIds) await addAssignment(trx, db, who, id, { type: 'proposal_assignment', id: lead }, u, 'co', now);
    } else {
      for (const u of body.unitIds) await addAssignment(trx, db, who, id, { type: 'proposal', id }, u, 'separate', now);
    }
  });
  const row = await db.selectFrom('proposals').select(['code', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
  for (const u of unique) await notifyUsers(db, who.tenantId, { unitId: u }, { title: '新交办提案', body: `${row.code}「${row.title}」已交贵单位办理`, link: '/unit/proposals' });
  return proposalDetail(db, who, id);
}

export async function addAssignment(trx: Transaction<Database>, db: Db, who: Who, proposalId: number, parent: { type: string; id: number }, unitId: number, role: 'lead' | 'co' | 'separate', now: Date) {
  const a = await trx.insertInto('proposal_assignments').values({
    tenant_id: who.tenantId, proposal_id: proposalId, parent_type: parent.type, parent_id: parent.id, unit_id: unitId, role, state: 'new', version: 1,
    due_at: null, assigned_at: now.toISOString(), contacted_at: null, contact_note: null, views: null, replied_at: null, result_class: null, summary: null, letter_file_id: null,
  }).returning('id').executeTakeFirstOrThrow();
  await assignmentRunner.apply(db, {
    trx, tenantId: who.tenantId, id: a.id, expectedVersion: 1, actor: who.actor, ip: who.ip, transition: role === 'co' ? 'start_co' : 'start', now,
    // A co-unit's row carries its views clock as the due date (the workflow's due clock is the reply's).
    changes: (_c, plan) => {
      if (role !== 'co') return {};
      const views = plan.clocks?.find((c) => c.name === 'views');
      return { due_at: views && views.op === 'start' ? views.dueAt : null };
    },
    eventData: { unitId, role },
  });
  return a.id;
}

// ---- Evaluation ----

/** Who evaluates: the first proposer, co-signers who joined, and the proposers of merged proposals. */
async function evaluators(db: Db, proposalId: number): Promise<number[]> {
  const rows = await db.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', proposalId).where('confirmed_at', 'is not', null)
    .where('declined_at', 'is', null).orderBy('position').execute();
  return rows.map((r) => r.member_id);
}

/**
 * One proposer's evaluation of this round (handling and result separately). When the last proposer has
 * evaluated: any 不满意 sends it back to the units for rehandling (a new round), else it is closed.
 */
async function recordEvaluation(db: Db, who: Who, id: number, memberId: number, body: Evaluate, enteredBy: number | null) {
  const row = await visibleProposal(db, who, id);
  const must = await evaluators(db, id);
  if (!must.includes(memberId)) throw invalid([{ path: 'memberId', message: '该委员不是这件提案的提案人' }]);
  const done = await db.selectFrom('proposal_evaluations').select('id').where('proposal_id', '=', id).where('round', '=', row.round).where('member_id', '=', memberId).executeTakeFirst();
  if (done) throw new AppError('conflict', '本轮已经评价过了');
  const now = new Date();
  const outcome = await db.transaction().execute(async (trx) => {
    const { row: after } = await proposalRunner.fire(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, event: 'evaluate', now,
      changes: async () => {
        await trx.insertInto('proposal_evaluations').values({
          tenant_id: who.tenantId, proposal_id: id, member_id: memberId, round: row.round, handling: body.handling, result: body.result,
          comment: body.comment || null, entered_by: enteredBy, created_at: now.toISOString(),
        }).execute();
        return {};
      },
      eventData: { memberId, handling: EVALUATION_LEVELS[body.handling], result: EVALUATION_LEVELS[body.result], paper: enteredBy !== null, comment: body.comment ?? null },
    });
    const given = await trx.selectFrom('proposal_evaluations').select(['member_id', 'handling', 'result']).where('proposal_id', '=', id).where('round', '=', row.round).execute();
    if (must.some((m) => !given.some((g) => g.member_id === m))) return 'waiting' as const;
    const unhappy = given.some((g) => g.handling === 'unsatisfied' || g.result === 'unsatisfied');
    if (!unhappy) {
      await proposalRunner.apply(db, { trx, tenantId: who.tenantId, id, expectedVersion: (after as unknown as ProposalRow).version, actor: 'system', transition: 'close', now, changes: () => ({ closed_at: now.toISOString() }) });
      return 'closed' as const;
    }
    await proposalRunner.apply(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: (after as unknown as ProposalRow).version, actor: 'system', transition: 'rehandle', now,
      input: { reason: '提案人对办理不满意，请承办单位重新办理' }, changes: () => ({ round: row.round + 1 }),
    });
    const replying = await trx.selectFrom('proposal_assignments').select(['id', 'version']).where('proposal_id', '=', id).where('state', '=', 'replied').execute();
    for (const a of replying) {
      await assignmentRunner.apply(db, { trx, tenantId: who.tenantId, id: a.id, expectedVersion: a.version, actor: 'system', transition: 'rehandle', now, input: { reason: '提案人不满意，重新办理' } });
    }
    return 'rehandling' as const;
  });
  if (outcome === 'rehandling') {
    const units = await db.selectFrom('proposal_assignments').select('unit_id').where('proposal_id', '=', id).where('state', '=', 'rehandling').execute();
    for (const u of units) await notifyUsers(db, who.tenantId, { unitId: u.unit_id }, { title: '提案需重新办理', body: `${row.code}「${row.title}」提案人不满意，请重新办理`, link: '/unit/proposals' });
  }
  return outcome;
}

export async function evaluateProposal(db: Db, who: MemberWho, id: number, body: Evaluate) {
  await recordEvaluation(db, who, id, who.memberId, body, null);
  return proposalDetail(db, who, id);
}

/** Staff enter a paper evaluation form for a member without a phone. */
export async function enterPaperEvaluation(db: Db, who: Who, id: number, body: PaperEvaluate) {
  await recordEvaluation(db, who, id, body.memberId, body, who.actor.id);
  return proposalDetail(db, who, id);
}

// ---- Key proposals and supervision ----

export async function markKeyProposal(db: Db, who: Who, id: number, body: KeyMark) {
  await visibleProposal(db, who, id);
  await proposalRunner.fire(db, {
    tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, event: 'mark_key',
    changes: () => ({ key_year: body.year, key_leader: body.leader }), eventData: { year: body.year, leader: body.leader },
  });
  return proposalDetail(db, who, id);
}

export async function superviseProposal(db: Db, who: Who, id: number, body: Supervise) {
  const row = await visibleProposal(db, who, id);
  if (!row.key_year) throw new AppError('invalid_state', '只有重点提案记录领衔督办');
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await proposalRunner.fire(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, event: 'supervise', now, input: { reason: body.note },
      changes: async () => {
        await trx.insertInto('proposal_supervisions').values({ tenant_id: who.tenantId, proposal_id: id, kind: body.kind, note: body.note, on_date: body.on, author_name: who.actor.name, created_at: now.toISOString() }).execute();
        return {};
      },
      eventData: { kind: body.kind, on: body.on },
    });
  });
  return proposalDetail(db, who, id);
}

export async function remindProposal(db: Db, who: Who, id: number, body: { version: number; reason: string }) {
  const row = await visibleProposal(db, who, id);
  await proposalRunner.fire(db, { tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, event: 'remind', input: { reason: body.reason } });
  const units = await db.selectFrom('proposal_assignments').select('unit_id').where('proposal_id', '=', id).where('state', 'in', ['assigned', 'contacted', 'rehandling']).execute();
  for (const u of units) await notifyUsers(db, who.tenantId, { unitId: u.unit_id }, { title: '催办：提案', body: `${row.code}「${row.title}」：${body.reason}`, link: '/unit/proposals' });
  return proposalDetail(db, who, id);
}

// ---- Reads ----

/** The county's active members a first proposer may ask to co-sign: names only (member.read is staff's, and a member needs no more). */
export async function cosignerCandidates(db: Db, who: MemberWho) {
  return { items: await activeMembers(db, who.tenantId, { except: who.memberId, limit: 1000 }) };
}

/** The accounts of a proposal's proposers who have not declined. */
export async function usersOfProposal(db: Db, tenantId: number, id: number): Promise<number[]> {
  const ms = await db.selectFrom('proposal_signers').select('member_id').where('proposal_id', '=', id).where('declined_at', 'is', null).execute();
  return usersOfMembers(db, tenantId, ms.map((m) => m.member_id));
}

async function notifyProposers(db: Db, tenantId: number, id: number, n: { title: string; body: string; link?: string }) {
  const users = await usersOfProposal(db, tenantId, id);
  if (users.length) await notifyUsers(db, tenantId, { userIds: users }, n);
}

/** A proposal as this actor may see it: another county's, or (for a member) one they do not sign, does not exist. */
export async function visibleProposal(db: Db, who: Who | MemberWho, id: number): Promise<ProposalRow> {
  let q = db.selectFrom('proposals').selectAll().where('id', '=', id).where('tenant_id', '=', who.tenantId);
  if ('memberId' in who) {
    const memberId = who.memberId;
    q = q.where((eb) => eb.or([
      eb('lead_member_id', '=', memberId),
      eb.and([eb('state', '!=', 'draft'), eb.exists(eb.selectFrom('proposal_signers as s').select('s.member_id').whereRef('s.proposal_id', '=', 'proposals.id').where('s.member_id', '=', memberId))]),
    ]));
  } else {
    // Staff do not read a member's unfinished draft.
    q = q.where('state', '!=', 'draft');
  }
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('提案');
  return row;
}

export function toItem(r: ProposalRow, extra: { sessionName?: string; leadName?: string | null; overdue?: boolean; scheme?: keyof typeof PROPOSAL_RESULT_SCHEMES } = {}) {
  return {
    id: r.id, code: r.code, number: r.number, title: r.title, category: r.category, state: r.state, stateLabel: PROPOSAL_STATES[r.state].label,
    sessionId: r.session_id, sessionName: extra.sessionName ?? null, authorKind: r.author_kind, authorKindLabel: PROPOSAL_AUTHOR_KINDS[r.author_kind],
    leadMemberId: r.lead_member_id, leadName: extra.leadName ?? null, timing: r.timing, timingLabel: r.timing ? PROPOSAL_TIMINGS[r.timing] : null,
    resultClass: r.result_class, resultClassLabel: resultClassLabel(extra.scheme ?? 'henan4', r.result_class),
    key: r.key_year ? { year: r.key_year, leader: r.key_leader } : null, year: r.year, version: r.version, dueAt: r.due_at, overdue: extra.overdue ?? false,
    submittedAt: r.submitted_at, registeredAt: r.registered_at, repliedAt: r.replied_at, closedAt: r.closed_at, round: r.round,
  };
}

/** The filtered list: staff see every proposal past the draft, a unit its own, a member those they sign. */
export async function proposalQuery(db: Db, who: Who | MemberWho, f: Partial<ProposalListQuery>) {
  let q = db.selectFrom('proposals as p').where('p.tenant_id', '=', who.tenantId);
  if ('memberId' in who) {
    const memberId = who.memberId;
    q = q.where((eb) => eb.or([
      eb('p.lead_member_id', '=', memberId),
      eb.and([eb('p.state', '!=', 'draft'), eb.exists(eb.selectFrom('proposal_signers as s').select('s.member_id').whereRef('s.proposal_id', '=', 'p.id').where('s.member_id', '=', memberId))]),
    ]));
  } else q = q.where('p.state', '!=', 'draft');
  if (f.state === 'open') q = q.where('p.state', 'in', ['cosigning', 'submitted', 'registered', 'assigned', 'replied', 'rehandling']);
  else if (f.state === 'handled') q = q.where('p.state', 'in', ['replied', 'rehandling', 'closed']);
  else if (f.state) q = q.where('p.state', '=', f.state);
  if (f.sessionId) q = q.where('p.session_id', '=', f.sessionId);
  if (f.termId) q = q.where('p.session_id', 'in', (eb) => eb.selectFrom('proposal_sessions').select('id').where('term_id', '=', f.termId!).where('tenant_id', '=', who.tenantId));
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.timing) q = q.where('p.timing', '=', f.timing);
  if (f.resultClass) q = q.where('p.result_class', '=', f.resultClass);
  if (f.key) q = q.where('p.key_year', 'is not', null);
  if (f.sectorId) {
    // A sector's proposals: written on its behalf, or by one of its members.
    const members = await membersOfSector(db, who.tenantId, f.sectorId);
    q = q.where((eb) => eb.or([eb('p.sector_id', '=', f.sectorId!), ...(members.length ? [eb('p.lead_member_id', 'in', members)] : [])]));
  }
  if (f.unitId) q = q.where('p.id', 'in', (eb) => eb.selectFrom('proposal_assignments').select('proposal_id').where('unit_id', '=', f.unitId!).where('tenant_id', '=', who.tenantId));
  if (f.overdue) q = q.where('p.id', 'in', overdueProposalIds(db, who.tenantId));
  if (f.unsatisfied) {
    q = q.where('p.id', 'in', (eb) => eb.selectFrom('proposal_evaluations').select('proposal_id').where('tenant_id', '=', who.tenantId)
      .where((e) => e.or([e('handling', '=', sql.lit('unsatisfied')), e('result', '=', sql.lit('unsatisfied'))])));
  }
  if (f.q) {
    const m = ftsMatch(db, 'proposals', 'p', f.q);
    q = m ? q.where(m) : q.where('p.id', '=', -1);
  }
  return q;
}

export async function listProposals(db: Db, who: Who | MemberWho, f: ProposalListQuery) {
  const q = await proposalQuery(db, who, f);
  // The page's ids first, then their rows: sorting and skipping ids only (not whole rows with their text) keeps a
  // deep page of a county's 20 years as cheap as the first (bench/proposal-scale.ts).
  const [ids, count, scheme] = await Promise.all([
    q.select('p.id').orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    getSetting(db, who.tenantId, 'proposal.resultClasses'),
  ]);
  const rows = ids.length
    ? await db.selectFrom('proposals').selectAll().where('tenant_id', '=', who.tenantId).where('id', 'in', ids.map((r) => r.id)).orderBy('id', 'desc').execute()
    : [];
  const [sessions, n, overdue] = await Promise.all([
    sessionNames(db, who.tenantId, rows.map((r) => r.session_id)),
    names(db, who.tenantId, { members: rows.map((r) => r.lead_member_id) }),
    overdueSet(db, who.tenantId, rows.map((r) => r.id)),
  ]);
  return {
    items: rows.map((r) => toItem(r, { sessionName: sessions.get(r.session_id), leadName: r.lead_member_id ? n.members.get(r.lead_member_id) ?? null : null, overdue: overdue.has(r.id), scheme })),
    total: Number(count.n), page: f.page, pageSize: f.pageSize,
  };
}

export async function sessionNames(db: Db, tenantId: number, ids: number[]) {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map<number, string>();
  const rows = await db.selectFrom('proposal_sessions').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Proposals with a running clock past due, on the proposal or on one of its assignments. */
async function overdueSet(db: Db, tenantId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const now = new Date().toISOString();
  const [own, units] = await Promise.all([
    db.selectFrom('case_clocks').select('case_id').where('tenant_id', '=', tenantId).where('case_type', '=', 'proposal').where('case_id', 'in', ids)
      .where('stopped_at', 'is', null).where('due_at', '<', now).execute(),
    db.selectFrom('proposal_assignments as a').innerJoin('case_clocks as k', (j) => j.onRef('k.case_id', '=', 'a.id').on('k.case_type', '=', 'proposal_assignment'))
      .select('a.proposal_id').where('a.tenant_id', '=', tenantId).where('a.proposal_id', 'in', ids).where('k.stopped_at', 'is', null).where('k.due_at', '<', now).execute(),
  ]);
  return new Set([...own.map((r) => r.case_id), ...units.map((r) => r.proposal_id)]);
}

/** What the proposal's detail and the unit's own view both show of one assignment (core's AssignmentFieldsSchema). */
export function assignmentFields(a: Selectable<Database['proposal_assignments']>, unitName: string, scheme: ProposalResultScheme,
  clocks: Awaited<ReturnType<typeof assignmentRunner.clocks>>) {
  return {
    id: a.id, unitId: a.unit_id, unitName, role: a.role, state: a.state, stateLabel: ASSIGNMENT_STATES[a.state].label, version: a.version,
    dueAt: a.due_at, assignedAt: a.assigned_at, contactedAt: a.contacted_at, contactNote: a.contact_note, views: a.views, repliedAt: a.replied_at,
    resultClass: a.result_class, resultClassLabel: resultClassLabel(scheme, a.result_class), summary: a.summary, letterFileId: a.letter_file_id,
    clocks: Object.entries(clocks).map(([name, c]) => ({ name, label: ASSIGNMENT_WORKFLOW.clocks?.[name]?.label ?? name, ...c })),
  };
}

/** One proposal with proposers, assignments (with their clocks), evaluations, supervision, links, timeline and buttons. */
export async function proposalDetail(db: Db, who: Who | MemberWho, id: number) {
  const row = await visibleProposal(db, who, id);
  const [signers, assignments, evaluations, supervisions, timeline, clocks, links, actions, session, scheme, overdue] = await Promise.all([
    db.selectFrom('proposal_signers').select(['member_id', 'role', 'confirmed_at', 'declined_at', 'from_proposal_id']).where('proposal_id', '=', id).orderBy('position').execute(),
    db.selectFrom('proposal_assignments').selectAll().where('proposal_id', '=', id).where('tenant_id', '=', who.tenantId).orderBy('id').execute(),
    db.selectFrom('proposal_evaluations').selectAll().where('proposal_id', '=', id).orderBy('id').execute(),
    db.selectFrom('proposal_supervisions').selectAll().where('proposal_id', '=', id).orderBy('id').execute(),
    proposalRunner.timeline(db, who.tenantId, id),
    proposalRunner.clocks(db, who.tenantId, id),
    linksOf(db, who.tenantId, { type: 'proposal', id }),
    proposalRunner.available(db, row as unknown as ProposalCase & CaseRow, who.actor),
    db.selectFrom('proposal_sessions').select(['id', 'name']).where('id', '=', row.session_id).executeTakeFirst(),
    getSetting(db, who.tenantId, 'proposal.resultClasses'),
    overdueSet(db, who.tenantId, [id]),
  ]);
  const assignmentClocks = await Promise.all(assignments.map((a) => assignmentRunner.clocks(db, who.tenantId, a.id)));
  const n = await names(db, who.tenantId, {
    members: [row.lead_member_id, ...signers.map((s) => s.member_id), ...evaluations.map((e) => e.member_id)], units: assignments.map((a) => a.unit_id),
    sectors: [row.sector_id], committees: [row.committee_id],
  });
  const memberName = (id: number) => n.members.get(id) ?? '—';
  const mine = 'memberId' in who ? signers.find((s) => s.member_id === who.memberId) : undefined;
  return {
    ...toItem(row, { sessionName: session?.name, leadName: row.lead_member_id ? n.members.get(row.lead_member_id) ?? null : null, overdue: overdue.has(id), scheme }),
    reason: row.reason, suggestion: row.suggestion, sectorId: row.sector_id, sectorName: (row.sector_id && n.sectors.get(row.sector_id)) || null,
    committeeId: row.committee_id, committeeName: (row.committee_id && n.committees.get(row.committee_id)) || null, partyName: row.party_name, notRegisteredGround: row.not_registered_ground,
    notRegisteredGroundLabel: row.not_registered_ground ? NOT_REGISTERED_GROUNDS[row.not_registered_ground as keyof typeof NOT_REGISTERED_GROUNDS] ?? null : null,
    mergedIntoId: row.merged_into_id, handlingMode: row.handling_mode, resultScheme: scheme,
    signers: signers.map((s) => ({ memberId: s.member_id, name: memberName(s.member_id), role: s.role, confirmedAt: s.confirmed_at, declinedAt: s.declined_at, fromProposalId: s.from_proposal_id })),
    assignments: assignments.map((a, i) => ({
      ...assignmentFields(a, n.units.get(a.unit_id) ?? '—', scheme, assignmentClocks[i]!),
      parentId: a.parent_type === 'proposal_assignment' ? a.parent_id : null,
    })),
    evaluations: evaluations.map((e) => ({
      memberId: e.member_id, memberName: memberName(e.member_id), round: e.round, handling: e.handling, handlingLabel: EVALUATION_LEVELS[e.handling],
      result: e.result, resultLabel: EVALUATION_LEVELS[e.result], comment: e.comment, paper: e.entered_by !== null, at: e.created_at,
    })),
    supervisions: supervisions.map((s) => ({ id: s.id, kind: s.kind, note: s.note, on: s.on_date, authorName: s.author_name })),
    clocks: Object.entries(clocks).map(([name, c]) => ({ name, label: PROPOSAL_WORKFLOW.clocks?.[name]?.label ?? name, ...c })),
    links, timeline,
    actions: actions.filter((a) => a.code !== 'invalid_state'),
    /** For a member: whether they are asked to co-sign or to evaluate now. */
    me: mine ? {
      role: mine.role, mustCosign: row.state === 'cosigning' && mine.role === 'co' && !mine.confirmed_at && !mine.declined_at,
      mustEvaluate: row.state === 'replied' && !!mine.confirmed_at && !mine.declined_at && !evaluations.some((e) => e.member_id === mine.member_id && e.round === row.round),
    } : null,
  };
}
export type ProposalDetail = Awaited<ReturnType<typeof proposalDetail>>;
