/**
 * 直通政协 use-cases: a citizen submits, tracks, rates and rechecks a clue; staff triage it; a unit
 * replies. Each use-case guards first, then changes the clue and writes its timeline and audit in one
 * transaction; messages to citizens and units are enqueued in the same transaction (outbox).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  CLUE_CATEGORIES, CLUE_RATINGS, CLUE_STATES, CLUE_WORKFLOW, CONVERSION_KINDS, OPEN_CLUE_STATES,
  type ClueCase, type ClueState, type ClueSubmit, type ClueTransition, type ClueTransitionBody,
} from '@xs/core/schemas/clues.ts';
import { addWorkingDays, addCalendarDays, cstDate } from '@xs/core/calendar.ts';
import { stripInvisible } from '@xs/core/validation.ts';
import { availableTransitions, WorkflowError, type Actor } from '@xs/core/workflow.ts';
import { affected, isPostgres, type Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { checkRefs } from '../../platform/crud.ts';
import { applyTransition, caseTimeline } from '../../platform/workflow.ts';
import { getCalendar, getSetting } from '../../platform/settings.ts';
import { enqueueMessage, notifyUsers } from '../../platform/notify.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { saveFile } from '../../platform/files.ts';
import { groupCommit } from '../../platform/group-commit.ts';
import { clueSearchTokens, ensurePlaceNames, findSimilarClues, type SimilarInput } from './clues.similar.ts';
import { redactPersonal } from './clues.redact.ts';
import { releaseDigitGuess, reserveDigitGuess } from './clues.track-lock.ts';
import { activeMember, activeUnit, names, placesOf, requireCounty, venueOf } from '../orgs/orgs.read.ts';
import { cluesByIds, findClue, isClueFile, namesFor, summarize, toListItem, type ClueRow } from './clues.repository.ts';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function newCode(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const date = `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
  let tail = '';
  for (let i = 0; i < 4; i++) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return date + tail;
}

function newSecret(): string {
  let s = '';
  const bytes = randomBytes(8);
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return s;
}

/**
 * Collapse whitespace and punctuation so "the same text sent twice" is caught despite small edits; invisible
 * characters go too, for callers that did not come through the request schemas.
 */
const normalise = (text: string) => stripInvisible(text).normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();

export interface SubmitContext {
  ip: string | null;
  now?: Date;
  /** `searchTokens(content + ' ' + place)` when the caller has already computed them (the intake thread's caller does). */
  textTokens?: string;
}

/**
 * A citizen reports a problem or a suggestion. Returns the tracking code and the one-time secret.
 * All reads and writes run inside one group-committed transaction piece (see group-commit.ts), so
 * the duplicate and per-phone checks see every submission committed or queued before this one.
 */
export async function submitClue(db: Kysely<Database>, tenantId: number, input: ClueSubmit, ctx: SubmitContext) {
  const now = ctx.now ?? new Date();
  const [windowMin, phoneLimit, acceptDays, calendar] = await Promise.all([
    getSetting(db, tenantId, 'clue.duplicateWindowMinutes'),
    getSetting(db, tenantId, 'clue.maxPerPhonePerDay'),
    getSetting(db, tenantId, 'clue.deadline.accept'),
    getCalendar(db, tenantId),
  ]);
  const dueAt = addWorkingDays(now, acceptDays, calendar).toISOString();
  const contentHash = sha256(`${input.townshipId}|${normalise(input.content)}`);
  // Index and query with the same dictionary: the county's place names are in it first.
  await ensurePlaceNames(db, tenantId);
  const photoTokens = [...new Set(input.photoTokens ?? [])];
  const secret = newSecret();

  for (let attempt = 0; ; attempt++) {
    const code = newCode(now);
    try {
      await groupCommit(db, async (trx) => {
        // The county, the township and the village in one read.
        const orgs = await trx.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id', 'tenant_id'])
          .where('id', 'in', [tenantId, input.townshipId, input.villageId ?? input.townshipId]).execute();
        if (!orgs.some((o) => o.id === tenantId && o.kind === 'county')) throw notFound('县区');
        const places = orgs.filter((o) => o.tenant_id === tenantId);
        const township = places.find((p) => p.id === input.townshipId && p.kind === 'township');
        const village = input.villageId ? places.find((p) => p.id === input.villageId && p.kind === 'village') : undefined;
        const issues = [
          ...(township ? [] : [{ path: 'townshipId', message: '所选乡镇/街道不存在' }]),
          ...(input.villageId && !village ? [{ path: 'villageId', message: '所选村/社区不存在' }] : []),
          ...(village && township && village.parent_id !== township.id ? [{ path: 'villageId', message: '所选村/社区不属于所选乡镇/街道' }] : []),
          ...(await checkRefs(trx, tenantId, [
            { field: 'venueId', table: 'venues', id: input.venueId, label: '履职阵地' },
            { field: 'memberId', table: 'members', id: input.memberId, label: '委员' },
          ])),
        ];
        if (issues.length) throw invalid(issues);
        // On PostgreSQL each submission is its own READ COMMITTED transaction: without these locks a double tap
        // of the same text, or one phone sending many at once, would pass the checks below together.
        if (isPostgres(db)) {
          await sql`SELECT pg_advisory_xact_lock(${tenantId}, hashtext(${`clue:${contentHash}`}))`.execute(trx);
          if (input.contactPhone) await sql`SELECT pg_advisory_xact_lock(${tenantId}, hashtext(${`phone:${input.contactPhone}`}))`.execute(trx);
        }
        const dup = await trx.selectFrom('clues').select('id').where('tenant_id', '=', tenantId).where('content_hash', '=', contentHash)
          .where('created_at', '>=', new Date(now.getTime() - windowMin * 60_000).toISOString()).executeTakeFirst();
        if (dup) throw new AppError('conflict', '相同的内容刚刚已经提交过了，请勿重复提交；如需查询，请使用提交后得到的查询码', [{ path: 'content', message: '相同内容已提交' }]);
        if (input.contactPhone) {
          const n = await trx.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId)
            .where('contact_phone', '=', input.contactPhone).where('created_at', '>=', new Date(now.getTime() - 86_400_000).toISOString()).executeTakeFirstOrThrow();
          if (Number(n.n) >= phoneLimit) throw new AppError('rate_limited', `同一手机号每天最多提交 ${phoneLimit} 条，请明天再试或拨打政协电话`);
        }
        const uploads = photoTokens.length
          ? await trx.selectFrom('clue_uploads').select(['token', 'file_id']).where('tenant_id', '=', tenantId)
            .where('token', 'in', photoTokens).where('used', '=', 0).execute()
          : [];
        if (uploads.length !== photoTokens.length) throw invalid([{ path: 'photoTokens', message: '有照片已失效，请重新上传' }]);
        const tokens = clueSearchTokens({ content: input.content, place: input.place, townshipName: township!.name, villageName: village?.name,
          tenantId, townshipId: input.townshipId }, ctx.textTokens);
        const row = await trx.insertInto('clues').values({
          tenant_id: tenantId, code, secret_hash: sha256(secret), kind: input.kind, category: input.category, channel: input.channel,
          content: input.content, township_id: input.townshipId, village_id: input.villageId ?? null, place: input.place ?? null,
          venue_id: input.venueId ?? null, member_id: input.memberId ?? null, contact_name: input.contactName ?? null,
          contact_phone: input.contactPhone ?? null, consent_at: input.consent ? now.toISOString() : null, state: 'submitted', version: 1,
          due_at: dueAt, unit_id: null, merged_into_id: null, reply_text: null, rating: null, rating_comment: null, supporters: 0,
          published: 0, public_summary: null, recheck_due_at: null, recheck_result: null, reminded_at: null, extension_days: 0,
          search_tokens: tokens, content_hash: contentHash, created_at: now.toISOString(), accepted_at: null, forwarded_at: null,
          replied_at: null, resolved_at: null, closed_at: null,
        }).returning('id').executeTakeFirstOrThrow();
        if (uploads.length) {
          await trx.insertInto('clue_files').values(uploads.map((u) => ({ clue_id: row.id, file_id: u.file_id, tenant_id: tenantId, role: 'photo' as const }))).execute();
          await trx.updateTable('clue_uploads').set({ used: 1 }).where('token', 'in', photoTokens).execute();
        }
        await trx.insertInto('case_events').values({
          tenant_id: tenantId, case_type: 'clue', case_id: row.id, transition: 'submit', label: '群众提交', from_state: null, to_state: 'submitted',
          actor_kind: 'public', actor_id: null, actor_name: '群众', note: null, data_json: JSON.stringify({ channel: input.channel }), at: now.toISOString(),
        }).execute();
        await writeAudit(trx, { tenantId, ip: ctx.ip, actorName: '群众', action: 'clue.submit', entity: 'clue', entityId: row.id,
          summary: `群众提交线索「${code}」（${CLUE_CATEGORIES[input.category]}）` });
      });
      return { code, secret, createdAt: now.toISOString() };
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 5) continue;
      throw err;
    }
  }
}

/**
 * Find a clue by its public code and check the secret: the 8-character secret shown at submission (never
 * locked), or the last four digits of the phone left with it (budgeted per code, clues.track-lock.ts).
 */
export async function clueByCode(db: Kysely<Database>, code: string, secret: string): Promise<ClueRow> {
  const clue = await db.selectFrom('clues').selectAll().where('code', '=', code).executeTakeFirst();
  let ok = false;
  if (secret.length === 8) {
    ok = !!clue && safeEqual(sha256(secret.toUpperCase()), clue.secret_hash);
  } else if (secret.length === 4) {
    if (!(await reserveDigitGuess(db, clue?.tenant_id ?? null, code))) {
      throw new AppError('rate_limited', '该查询码今天输错手机号后四位的次数过多，暂时不能用手机号后四位查询；请使用提交时显示的 8 位查询密码，或联系县政协');
    }
    ok = !!clue && !!clue.contact_phone && clue.contact_phone.endsWith(secret);
    if (ok) await releaseDigitGuess(db, code);
  }
  // One answer for "no such code" and "wrong secret": a code alone reveals nothing.
  if (!clue || !ok) throw new AppError('not_found', '查询码或查询密码不正确');
  return clue;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the citizen sees: plain words, no staff names, no internal notes except the ones meant for them. */
export async function publicView(db: Kysely<Database>, clue: ClueRow) {
  const names = await namesFor(db, clue.tenant_id, [clue]);
  const events = await caseTimeline(db, clue.tenant_id, 'clue', clue.id);
  const unitNames = await unitNameMap(db, clue.tenant_id, events.map((e) => Number(e.data?.unitId)).filter(Boolean));
  const timeline = events.map((e) => ({ at: e.at, label: e.label, text: plainWords(e, unitNames) })).filter((e) => e.text);
  const now = new Date();
  return {
    code: clue.code,
    kind: clue.kind,
    category: clue.category,
    categoryLabel: CLUE_CATEGORIES[clue.category],
    content: clue.content,
    place: clue.place,
    townshipName: names.org.get(clue.township_id) ?? '',
    villageName: clue.village_id ? (names.org.get(clue.village_id) ?? null) : null,
    state: clue.state,
    stateLabel: CLUE_STATES[clue.state].label,
    createdAt: clue.created_at,
    dueAt: OPEN_CLUE_STATES.includes(clue.state) ? clue.due_at : null,
    timeline,
    reply: clue.reply_text ? { text: clue.reply_text, unitName: clue.unit_id ? (names.unit.get(clue.unit_id) ?? null) : null, at: clue.replied_at } : null,
    rating: clue.rating,
    ratingComment: clue.rating_comment,
    canRate: clue.state === 'resolved',
    canRecheck: recheckDue(clue, now),
    canSupplement: clue.state === 'needs_info',
    supporters: clue.supporters,
  };
}

async function unitNameMap(db: Kysely<Database>, tenantId: number, ids: number[]) {
  return (await names(db, tenantId, { units: ids })).units;
}

type TimelineEvent = Awaited<ReturnType<typeof caseTimeline>>[number];

function plainWords(e: TimelineEvent, units: Map<number, string>): string | null {
  const unit = units.get(Number(e.data?.unitId)) ?? '相关单位';
  const date = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '');
  switch (e.transition) {
    case 'submit': return '您的反映已收到，县政协将尽快受理。';
    case 'accept': return '县政协已采纳您的反映，正在安排办理。';
    case 'decline': return `未予采纳。说明：${e.note ?? ''}`;
    case 'request_info': return `工作人员请您补充信息：${e.note ?? ''}`;
    case 'supplement': return '您已补充信息。';
    case 'merge': return '您反映的问题与其他群众反映的同一问题合并办理，结果会一并告知。';
    // Staff see which clue joined; the citizen's page keeps its timeline as it was (another citizen's code is not theirs to see).
    case 'merged_in': return null;
    case 'forward': return `已转交${unit}办理，办理期限至 ${date(e.data?.dueAt)}。`;
    case 'reply': return `${unit}已答复，县政协正在审核。`;
    case 'request_extension': return null;
    case 'grant_extension': return `办理单位申请延期，已同意延期至 ${date(e.data?.dueAt)}。`;
    case 'return': return '县政协正在重新安排办理单位。';
    case 'rehandle': return '县政协认为答复不够到位，已要求办理单位重新办理。';
    case 'resolve': return '问题已办结，请您对办理结果作出评价。';
    case 'rate': return `您的评价：${CLUE_RATINGS[e.data?.rating as keyof typeof CLUE_RATINGS] ?? ''}。`;
    case 'reopen': return '您反映问题仍未解决，已重新交办。';
    case 'close': return '已归档。';
    case 'convert': return `您的反映已转为${CONVERSION_KINDS[e.data?.kind as keyof typeof CONVERSION_KINDS] ?? '政协工作事项'}，由县政协继续跟进。`;
    default: return e.label;
  }
}

/** The citizen rates the result; "unsatisfied" sends the clue back to staff for handling again. */
export async function rateClue(db: Kysely<Database>, clue: ClueRow, rating: 'satisfied' | 'basically' | 'unsatisfied', comment: string | null, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const common = { def: CLUE_WORKFLOW, table: 'clues' as const, caseType: 'clue', label: '线索', tenantId: clue.tenant_id, id: clue.id,
      expectedVersion: clue.version, actor: 'public' as const, ip, trx };
    const { row } = await applyTransition(db, { ...common, transition: 'rate', input: { fields: { rating } }, eventData: { rating, comment },
      changes: () => ({ rating, rating_comment: comment, closed_at: new Date().toISOString() }) });
    if (rating === 'unsatisfied') {
      await applyTransition(db, { ...common, expectedVersion: row.version, transition: 'reopen', input: { reason: comment },
        changes: () => ({ closed_at: null, resolved_at: null, recheck_due_at: null }) });
      await notifyUsers(trx, clue.tenant_id, { roles: ['staff'] }, { title: '群众不满意，线索已重新打开', body: `线索 ${clue.code}：${comment ?? '群众对办理结果不满意'}`, link: `/clues/${clue.id}` });
    }
  });
}

/** Four weeks after resolution the citizen says whether the problem is really gone; "no" reopens it. */
export async function recheckClue(db: Kysely<Database>, clue: ClueRow, solved: boolean, comment: string | null, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    // Checked on the row as it is inside the transaction, and written only at the version checked: of two answers
    // sent at once one counts, the other is refused (on PostgreSQL the second update waits, then matches no row).
    const current = await findClue(trx, clue.tenant_id, clue.id);
    if (!current || !recheckDue(current)) throw new AppError('invalid_state', '该线索目前不需要回访确认');
    if (solved) {
      const res = await trx.updateTable('clues').set({ recheck_result: 'solved', version: current.version + 1 })
        .where('id', '=', current.id).where('version', '=', current.version).executeTakeFirst();
      if (affected(res) === 0) throw new AppError('stale_version', '该线索刚刚已被他人处理，请刷新后再试');
      await trx.insertInto('case_events').values({ tenant_id: clue.tenant_id, case_type: 'clue', case_id: clue.id, transition: 'recheck', label: '回访确认已解决',
        from_state: current.state, to_state: current.state, actor_kind: 'public', actor_id: null, actor_name: '群众', note: comment, data_json: null, at: new Date().toISOString() }).execute();
      await writeAudit(trx, { tenantId: clue.tenant_id, ip, actorName: '群众', action: 'clue.recheck', entity: 'clue', entityId: clue.id, summary: `线索「${clue.code}」回访：问题已解决` });
      return;
    }
    await applyTransition(db, { def: CLUE_WORKFLOW, table: 'clues', caseType: 'clue', label: '线索', tenantId: clue.tenant_id, id: clue.id,
      expectedVersion: current.version, actor: 'public', transition: 'reopen', input: { reason: comment ?? '回访时群众表示问题仍未解决' }, ip, trx,
      changes: () => ({ closed_at: null, resolved_at: null, recheck_result: 'not_solved' }) });
    await notifyUsers(trx, clue.tenant_id, { roles: ['staff'] }, { title: '回访：问题未解决，线索已重新打开', body: `线索 ${clue.code}`, link: `/clues/${clue.id}` });
  });
}

/** The same test as the track view's canRecheck: not before the recheck date, and only once per resolution. */
function recheckDue(c: Pick<ClueRow, 'state' | 'recheck_due_at' | 'recheck_result'>, now = new Date()): boolean {
  return c.state === 'closed' && !!c.recheck_due_at && c.recheck_due_at <= now.toISOString() && !c.recheck_result;
}

export async function supplementClue(db: Kysely<Database>, clue: ClueRow, content: string, ip: string | null) {
  const merged = `${clue.content}\n【补充】${content}`.slice(0, 4000);
  const names = await namesFor(db, clue.tenant_id, [clue]);
  await ensurePlaceNames(db, clue.tenant_id);
  const tokens = clueSearchTokens({ content: merged, place: clue.place, townshipName: names.org.get(clue.township_id), villageName: clue.village_id ? names.org.get(clue.village_id) : null,
    tenantId: clue.tenant_id, townshipId: clue.township_id });
  await applyTransition(db, { def: CLUE_WORKFLOW, table: 'clues', caseType: 'clue', label: '线索', tenantId: clue.tenant_id, id: clue.id,
    expectedVersion: clue.version, actor: 'public', transition: 'supplement', input: { fields: { content } }, ip, eventData: { content },
    changes: () => ({ content: merged, search_tokens: tokens }) });
}

/**
 * The similar-clues hint of the public form: open clues of the township that look like the same problem.
 * Nothing of what citizens wrote leaves but a summary with personal data taken out (redactPersonal), and no
 * tracking code: each item carries the clue's support token, the only handle "我也遇到了" takes.
 */
export async function publicSimilarClues(db: Kysely<Database>, tenantId: number, input: SimilarInput) {
  const found = await findSimilarClues(db, tenantId, { ...input, openOnly: true }, 5);
  if (found.length === 0) return { items: [] };
  const rows = await db.selectFrom('clues').select(['id', 'content', 'contact_name', 'category', 'state', 'supporters', 'created_at'])
    .where('tenant_id', '=', tenantId).where('id', 'in', found.map((f) => f.id)).execute();
  const open = found.flatMap((f) => {
    const r = rows.find((x) => x.id === f.id);
    return r && OPEN_CLUE_STATES.includes(r.state) ? [{ r, score: f.score }] : [];
  });
  const tokens = await supportTokens(db, tenantId, open.map((x) => x.r.id));
  return {
    items: open.map(({ r, score }) => ({
      token: tokens.get(r.id)!, summary: summarize(redactPersonal(r.content, [r.contact_name]), 80), categoryLabel: CLUE_CATEGORIES[r.category],
      stateLabel: CLUE_STATES[r.state].label, supporters: r.supporters, createdAt: r.created_at, score,
    })),
  };
}

/**
 * The support tokens of clues, made on first use: random, so neither the code nor the id can be derived from
 * one or one from them. Two hints at the same moment may both try to set a clue's token; only the first
 * write lands (`support_token IS NULL`), and both read back the one that did.
 */
export async function supportTokens(db: Kysely<Database>, tenantId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const read = () => db.selectFrom('clues').select(['id', 'support_token']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  let rows = await read();
  const missing = rows.filter((r) => !r.support_token);
  if (missing.length) {
    for (const r of missing) {
      await db.updateTable('clues').set({ support_token: randomBytes(18).toString('base64url') })
        .where('tenant_id', '=', tenantId).where('id', '=', r.id).where('support_token', 'is', null).execute();
    }
    rows = await read();
  }
  return new Map(rows.flatMap((r) => (r.support_token ? [[r.id, r.support_token] as const] : [])));
}

/**
 * "我也遇到了": a citizen adds their voice to an open clue (found by its support token) instead of filing a new
 * one. One voice per client address, clue and China day: the clue_supports key decides, so a burst of
 * requests, or requests spread over several app processes, adds one. A repeat answers with the count as it
 * stands, as if it had counted (the page shows the same either way).
 */
export async function supportClue(db: Kysely<Database>, token: string, ip: string | null, now = new Date()) {
  const clue = await db.selectFrom('clues').select(['id', 'tenant_id', 'state']).where('support_token', '=', token).executeTakeFirst();
  if (!clue || !OPEN_CLUE_STATES.includes(clue.state)) throw new AppError('not_found', '该线索不存在或已办结');
  await db.transaction().execute(async (trx) => {
    const counted = await trx.insertInto('clue_supports')
      .values({ tenant_id: clue.tenant_id, clue_id: clue.id, source: sha256(`${clue.id}|${ip ?? ''}`), day: cstDate(now), created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['clue_id', 'source', 'day']).doNothing())
      .executeTakeFirst();
    if (Number(counted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await trx.updateTable('clues').set((eb) => ({ supporters: eb('supporters', '+', 1) })).where('id', '=', clue.id).execute();
  });
  const r = await db.selectFrom('clues').select('supporters').where('id', '=', clue.id).executeTakeFirstOrThrow();
  return { supporters: r.supporters };
}

/** Forget which addresses supported a clue once their day is over (two days back, to be clear of time zones). */
export async function forgetSupportSources(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db.deleteFrom('clue_supports').where('day', '<', cstDate(new Date(now.getTime() - 2 * 86_400_000))).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- Staff and unit actions ----

export interface StaffContext {
  tenantId: number;
  actor: Actor;
  ip: string | null;
  /** For unit handlers: only clues forwarded to this unit are visible. */
  unitId?: number | null;
}

/** Which transitions the staff console and the unit portal may fire through their own routes. */
export const STAFF_TRANSITIONS: ClueTransition[] = ['accept', 'decline', 'request_info', 'merge', 'forward', 'convert', 'grant_extension', 'rehandle', 'resolve', 'close'];
export const UNIT_TRANSITIONS: ClueTransition[] = ['reply', 'return', 'request_extension'];

async function requireOwn(db: Kysely<Database>, ctx: StaffContext, id: number): Promise<ClueRow> {
  const clue = await findClue(db, ctx.tenantId, id);
  // A unit sees only what was forwarded to it; anything else does not exist for it.
  if (!clue || (ctx.unitId !== undefined && clue.unit_id !== ctx.unitId)) throw notFound('线索');
  return clue;
}

/** Fire one workflow transition on a clue, with what that transition changes besides the state. */
export async function transitionClue(db: Kysely<Database>, ctx: StaffContext, id: number, name: ClueTransition, body: ClueTransitionBody) {
  const clue = await requireOwn(db, ctx, id);
  const now = new Date();
  const fieldIssues = [];
  if (name === 'forward' && body.unitId) {
    if (!(await activeUnit(db, ctx.tenantId, body.unitId))) fieldIssues.push({ path: 'unitId', message: '所选承办单位不存在或已停用' });
  }
  if (name === 'grant_extension' || name === 'request_extension') {
    const max = await getSetting(db, ctx.tenantId, 'clue.maxExtensionDays');
    if (body.days && clue.extension_days + body.days > max) fieldIssues.push({ path: 'days', message: `延期累计不能超过 ${max} 个工作日` });
  }
  if (fieldIssues.length) throw invalid(fieldIssues);

  const calendar = await getCalendar(db, ctx.tenantId);
  const recheckDays = await getSetting(db, ctx.tenantId, 'clue.recheckDays');
  const fields: Record<string, unknown> = { unitId: body.unitId, days: body.days, targetId: body.targetId, kind: body.kind, title: body.title, replyText: body.replyText };
  let eventData: Record<string, unknown> = {};
  const run = async (t: Transaction<Database>) => {
    const result = await applyTransition(db, {
      def: CLUE_WORKFLOW, table: 'clues', caseType: 'clue', label: '线索', tenantId: ctx.tenantId, id, expectedVersion: body.version,
      actor: ctx.actor, transition: name, input: { reason: body.reason ?? null, fields }, ip: ctx.ip, trx: t,
      changes: async (current: ClueCase & Partial<ClueRow>, plan) => {
        switch (name) {
          case 'accept': return { accepted_at: now.toISOString() };
          case 'forward':
            eventData = { unitId: body.unitId, dueAt: plan.dueAt };
            return { unit_id: body.unitId, forwarded_at: now.toISOString(), reminded_at: null, extension_days: 0 };
          case 'merge':
            eventData = { targetId: body.targetId };
            await mergeInto(t, ctx, current as ClueRow, body.targetId!, now);
            return { merged_into_id: body.targetId };
          case 'convert':
            eventData = { kind: body.kind, title: body.title };
            await t.insertInto('clue_conversions').values({ tenant_id: ctx.tenantId, clue_id: id, kind: body.kind!, title: body.title!,
              created_by: ctx.actor.id, created_by_name: ctx.actor.name, created_at: now.toISOString(), status: 'queued' }).execute();
            return {};
          case 'reply': {
            eventData = { unitId: current.unit_id, replyText: body.replyText, fileIds: body.fileIds ?? [] };
            for (const fileId of new Set(body.fileIds ?? [])) {
              // Only the replier's own upload not yet attached anywhere: a file id guessed from another unit (or a
              // citizen's photo, which has no uploader) would otherwise become readable through this clue.
              const f = await t.selectFrom('files').select('id').where('id', '=', fileId).where('tenant_id', '=', ctx.tenantId)
                .where('uploaded_by', '=', ctx.actor.id)
                .where(({ not, exists, selectFrom }) => not(exists(selectFrom('clue_files').select('clue_files.file_id').whereRef('clue_files.file_id', '=', 'files.id'))))
                .executeTakeFirst();
              const notYours = invalid([{ path: 'fileIds', message: '附件不存在或不是您上传的，请重新上传' }]);
              if (!f) throw notYours;
              // A reply at the same moment attached it first (the unique index of migration 0006).
              await t.insertInto('clue_files').values({ clue_id: id, file_id: fileId, tenant_id: ctx.tenantId, role: 'reply' }).execute()
                .catch((err: unknown) => { throw isUniqueViolation(err) ? notYours : err; });
            }
            return { reply_text: body.replyText, replied_at: now.toISOString() };
          }
          case 'request_extension':
            eventData = { days: body.days };
            return {};
          case 'grant_extension': {
            const due = addWorkingDays(new Date(clue.due_at ?? now.toISOString()), body.days!, calendar).toISOString();
            eventData = { days: body.days, dueAt: due };
            return { due_at: due, extension_days: clue.extension_days + body.days! };
          }
          case 'return':
            eventData = { unitId: current.unit_id };
            return { unit_id: null };
          case 'rehandle':
            eventData = { unitId: current.unit_id };
            return { reminded_at: null };
          case 'resolve':
            // Each resolution gets its own recheck, also after an earlier "not solved".
            return { resolved_at: now.toISOString(), reminded_at: null, recheck_result: null,
              recheck_due_at: clue.contact_phone ? addCalendarDays(now, recheckDays).toISOString() : null };
          case 'close':
            return { closed_at: now.toISOString() };
          default:
            return {};
        }
      },
      eventData: () => eventData,
    });
    await afterTransition(t, ctx, clue, name, body, result.row as unknown as ClueRow);
    return result;
  };
  const { row } = await db.transaction().execute(run);
  return row as unknown as ClueRow;
}

/** States a clue may be merged into: still being handled, or resolved and not yet closed. */
const MERGE_TARGET_STATES: ClueState[] = [...OPEN_CLUE_STATES, 'resolved'];

/**
 * The target's side of a merge, in the merge's transaction: the target is checked and gains the source's voices in
 * one conditional update (a target closed a moment earlier matches no row), and its timeline says what joined it.
 */
async function mergeInto(t: Transaction<Database>, ctx: StaffContext, source: ClueRow, targetId: number, now: Date) {
  const target = await findClue(t, ctx.tenantId, targetId);
  if (!target || target.id === source.id) throw invalid([{ path: 'targetId', message: '请选择本县区另一条线索' }]);
  const closed = invalid([{ path: 'targetId', message: '目标线索已结束，不能合并进去' }]);
  if (!MERGE_TARGET_STATES.includes(target.state)) throw closed;
  const res = await t.updateTable('clues').set((eb) => ({ supporters: eb('supporters', '+', 1 + source.supporters) }))
    .where('id', '=', target.id).where('tenant_id', '=', ctx.tenantId).where('state', 'in', MERGE_TARGET_STATES).executeTakeFirst();
  if (affected(res) === 0) throw closed;
  await t.insertInto('case_events').values({ tenant_id: ctx.tenantId, case_type: 'clue', case_id: target.id, transition: 'merged_in', label: `合并了线索 ${source.code}`,
    from_state: target.state, to_state: target.state, actor_kind: 'user', actor_id: ctx.actor.id, actor_name: ctx.actor.name, note: null,
    data_json: JSON.stringify({ sourceId: source.id, sourceCode: source.code }), at: now.toISOString() }).execute();
}

/** Messages that follow a transition, written in its transaction (outbox and inbox). */
async function afterTransition(t: Transaction<Database>, ctx: StaffContext, before: ClueRow, name: ClueTransition, body: ClueTransitionBody, after: ClueRow) {
  const tell = async (template: string, payload: Record<string, string | number>) => {
    if (before.contact_phone) await enqueueMessage(t, { tenantId: ctx.tenantId, channel: 'sms', recipient: before.contact_phone, template, payload: { code: before.code, ...payload } });
  };
  switch (name) {
    case 'forward': {
      const unit = await t.selectFrom('units').select(['name', 'contact_phone']).where('id', '=', body.unitId!).executeTakeFirstOrThrow();
      await notifyUsers(t, ctx.tenantId, { unitId: body.unitId! }, { title: '新转办线索', body: `线索 ${before.code}：${summarize(before.content, 40)}，请于 ${after.due_at?.slice(0, 10)} 前答复`, link: `/unit/clues/${before.id}` });
      if (unit.contact_phone && /^1\d{10}$/.test(unit.contact_phone)) {
        await enqueueMessage(t, { tenantId: ctx.tenantId, channel: 'sms', recipient: unit.contact_phone, template: 'clue.forwarded', payload: { code: before.code, due: after.due_at?.slice(0, 10) ?? '' } });
      }
      return tell('clue.accepted', { unit: unit.name });
    }
    case 'decline': return tell('clue.declined', { reason: body.reason ?? '' });
    case 'request_info': return tell('clue.needs_info', { reason: body.reason ?? '' });
    case 'resolve': return tell('clue.resolved', {});
    case 'reply': return notifyUsers(t, ctx.tenantId, { roles: ['staff'] }, { title: '承办单位已答复', body: `线索 ${before.code} 已答复，请审核办结`, link: `/clues/${before.id}` });
    case 'return': return notifyUsers(t, ctx.tenantId, { roles: ['staff'] }, { title: '承办单位退回线索', body: `线索 ${before.code}：${body.reason ?? ''}`, link: `/clues/${before.id}` });
    case 'request_extension': return notifyUsers(t, ctx.tenantId, { roles: ['staff'] }, { title: '承办单位申请延期', body: `线索 ${before.code} 申请延期 ${body.days} 个工作日：${body.reason ?? ''}`, link: `/clues/${before.id}` });
    default: return undefined;
  }
}

/** The same transition on many clues; each succeeds or fails on its own, with its reason. */
export async function bulkTransition(db: Kysely<Database>, ctx: StaffContext, name: ClueTransition, items: { id: number; version: number }[], extra: { reason?: string | null; unitId?: number }) {
  const done: number[] = [];
  const failed: { id: number; message: string }[] = [];
  for (const item of items) {
    try {
      await transitionClue(db, ctx, item.id, name, { version: item.version, reason: extra.reason ?? null, unitId: extra.unitId });
      done.push(item.id);
    } catch (err) {
      // A refusal staff can act on is shown as it is; anything else (a database error…) must not reach the client.
      failed.push({ id: item.id, message: err instanceof AppError || err instanceof WorkflowError ? err.message : '操作失败' });
    }
  }
  return { done, failed };
}

/** One clue for the console or the unit portal: everything but the contact data. */
export async function clueDetail(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await requireOwn(db, ctx, id);
  const names = await namesFor(db, ctx.tenantId, [clue]);
  const [files, conversions, timeline, mergedInto] = await Promise.all([
    db.selectFrom('clue_files as cf').innerJoin('files as f', 'f.id', 'cf.file_id').select(['f.id', 'f.original_name', 'f.mime', 'cf.role'])
      .where('cf.clue_id', '=', id).where('cf.tenant_id', '=', ctx.tenantId).orderBy('f.id').execute(),
    db.selectFrom('clue_conversions').selectAll().where('clue_id', '=', id).where('tenant_id', '=', ctx.tenantId).orderBy('id').execute(),
    caseTimeline(db, ctx.tenantId, 'clue', id),
    clue.merged_into_id ? db.selectFrom('clues').select(['id', 'code']).where('id', '=', clue.merged_into_id).where('tenant_id', '=', ctx.tenantId).executeTakeFirst() : undefined,
  ]);
  const fileUrl = (fid: number) => (ctx.unitId !== undefined ? `/api/v1/unit/clues/${id}/files/${fid}` : `/api/v1/clues/files/${fid}`);
  return {
    ...toListItem(clue, names),
    content: clue.content,
    place: clue.place,
    venueName: clue.venue_id ? (names.venue.get(clue.venue_id) ?? null) : null,
    memberName: clue.member_id ? (names.member.get(clue.member_id) ?? null) : null,
    replyText: clue.reply_text,
    ratingComment: clue.rating_comment,
    publicSummary: clue.public_summary,
    recheckResult: clue.recheck_result,
    extensionDays: clue.extension_days,
    mergedInto: mergedInto ?? null,
    photos: files.filter((f) => f.role === 'photo').map((f) => ({ fileId: f.id, url: fileUrl(f.id) })),
    replyFiles: files.filter((f) => f.role === 'reply').map((f) => ({ fileId: f.id, url: fileUrl(f.id), name: f.original_name })),
    conversions: conversions.map((c) => ({ id: c.id, kind: c.kind, kindLabel: CONVERSION_KINDS[c.kind], title: c.title, createdByName: c.created_by_name, createdAt: c.created_at, status: c.status })),
    timeline,
    transitions: availableTransitions(CLUE_WORKFLOW, clue, ctx.actor).filter((t) => (ctx.unitId !== undefined ? UNIT_TRANSITIONS : STAFF_TRANSITIONS).includes(t)),
    ...(ctx.unitId !== undefined ? { contactName: null, contactPhoneMasked: null } : {}),
  };
}

/** The full contact data, for staff who must call the citizen back; every look is audited. */
export async function revealContact(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await requireOwn(db, ctx, id);
  await writeAudit(db, { tenantId: ctx.tenantId, actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, action: 'clue.view_contact', entity: 'clue', entityId: id,
    summary: `查看线索「${clue.code}」的联系方式` });
  return { contactName: clue.contact_name, contactPhone: clue.contact_phone };
}

/** Staff approve (or withdraw) a resolved clue for the public board, with a text free of personal data. */
export async function publishClue(db: Kysely<Database>, ctx: StaffContext, id: number, summary: string, publish: boolean) {
  const clue = await requireOwn(db, ctx, id);
  if (publish && !['resolved', 'closed'].includes(clue.state)) throw new AppError('invalid_state', '只有已办结的线索可以公开');
  if (publish && /1[3-9]\d{9}/.test(summary)) throw invalid([{ path: 'summary', message: '公开内容中不能包含手机号' }]);
  if (publish && clue.contact_name && clue.contact_name.length >= 2 && summary.includes(clue.contact_name)) {
    throw invalid([{ path: 'summary', message: '公开内容中不能包含反映人姓名' }]);
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('clues').set({ published: publish ? 1 : 0, public_summary: summary }).where('id', '=', id).where('tenant_id', '=', ctx.tenantId).execute();
    await writeAudit(trx, { tenantId: ctx.tenantId, actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, action: publish ? 'clue.publish' : 'clue.unpublish',
      entity: 'clue', entityId: id, summary: `${publish ? '公开' : '撤回公开'}线索「${clue.code}」`, after: { summary } });
  });
}

/**
 * A unit's reply as the board shows it: personal data and the reporter's name taken out (the reply is the
 * unit's text, not checked at publishing like the summary; and a phone's last four digits would open the
 * clue's tracking page).
 */
function hideReporter(text: string | null, name: string | null): string | null {
  return text && redactPersonal(text, [name]);
}

/**
 * The public board (反馈公开): resolved clues staff approved, no names, no phones, and no tracking codes (a code
 * is half of what opens a clue's tracking page, and the citizen who filed it knows it already).
 */
export async function publicBoard(db: Kysely<Database>, tenantId: number, page: number, pageSize: number) {
  const base = db.selectFrom('clues').where('tenant_id', '=', tenantId).where('published', '=', 1).where('state', 'in', ['resolved', 'closed']);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('resolved_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  const names = await namesFor(db, tenantId, rows);
  return {
    items: rows.map((c) => ({
      categoryLabel: CLUE_CATEGORIES[c.category], townshipName: names.org.get(c.township_id) ?? '',
      summary: c.public_summary ?? '', reply: hideReporter(c.reply_text, c.contact_name), unitName: c.unit_id ? (names.unit.get(c.unit_id) ?? null) : null,
      resolvedAt: c.resolved_at, rating: c.rating,
    })),
    total: Number(count.n),
  };
}

export type { ClueState };

/** The merge suggestions for one clue: other clues of the county about the same problem, most alike first. */
export async function similarToClue(db: Kysely<Database>, tenantId: number, id: number) {
  const clue = await findClue(db, tenantId, id);
  if (!clue) throw notFound('线索');
  const found = await findSimilarClues(db, tenantId, { content: clue.content, townshipId: clue.township_id, category: clue.category, excludeId: clue.id,
    place: clue.place, villageId: clue.village_id }, 8);
  const rows = await cluesByIds(db, tenantId, found.map((f) => f.id));
  const names = await namesFor(db, tenantId, rows);
  return { items: found.flatMap((f) => {
    const r = rows.find((x) => x.id === f.id);
    return r ? [{ ...toListItem(r, names), score: f.score, reason: f.reason }] : [];
  }) };
}

/** A file of a clue the unit holds, for the unit portal; anything else is "no such file". */
export async function unitClueFile(db: Kysely<Database>, ctx: StaffContext, id: number, fileId: number): Promise<void> {
  const clue = await findClue(db, ctx.tenantId, id);
  if (!clue || clue.unit_id !== ctx.unitId || !(await isClueFile(db, clue.id, fileId))) throw notFound('文件');
}

/** What the citizen's form needs: the county's townships with their villages, the categories, and the venue or member of a QR code. */
export async function publicForm(db: Kysely<Database>, countyId: number, venueId?: number, memberId?: number) {
  const county = await requireCounty(db, countyId);
  const [places, venue, member] = await Promise.all([
    placesOf(db, county.id),
    venueId ? venueOf(db, county.id, venueId) : null,
    memberId ? activeMember(db, county.id, memberId) : null,
  ]);
  return {
    county,
    townships: places.filter((p) => p.kind === 'township').map((t) => ({
      id: t.id, name: t.name, villages: places.filter((v) => v.kind === 'village' && v.parentId === t.id).map((v) => ({ id: v.id, name: v.name })),
    })),
    categories: Object.entries(CLUE_CATEGORIES).map(([value, label]) => ({ value, label })),
    venue,
    member,
  };
}

/** Keep a citizen's prepared photo and hand back the one-time token the submission names it by. */
export async function storeCitizenPhoto(db: Kysely<Database>, dataDir: string, countyId: number, photo: { data: Buffer; mime: string }) {
  const token = randomBytes(18).toString('base64url');
  await db.transaction().execute(async (trx) => {
    const file = await saveFile(trx, dataDir, countyId, photo.data, photo.mime, null);
    await trx.insertInto('clue_uploads').values({ token, tenant_id: countyId, file_id: file.id, created_at: new Date().toISOString(), used: 0 }).execute();
  });
  return { token, size: photo.data.length, mime: photo.mime };
}
