/**
 * 直通政协, the citizen's use-cases: submit, track, rate, recheck, supplement, support ("我也遇到了"), the form's
 * lists, the similar-clues hint and the public board. Each guards first, then writes the clue, its timeline and audit
 * in one transaction; messages are enqueued in the same transaction (outbox).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { CLUE_CATEGORIES, CLUE_STATES, OPEN_CLUE_STATES, type ClueCategory, type ClueState, type ClueSubmit } from '@xs/core/schemas/clues.ts';
import { cstDate } from '@xs/core/calendar.ts';
import { stripInvisible } from '@xs/core/validation.ts';
import { isPostgres, type Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { checkRefs } from '../../platform/crud.ts';
import { caseTimeline } from '../../platform/workflow.ts';
import { caseTypeOf, findCase, linksOf } from '../../platform/cases.ts';
import { getSetting } from '../../platform/settings.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { saveFile } from '../../platform/files.ts';
import { groupCommit } from '../../platform/group-commit.ts';
import { contains } from '../../platform/like.ts';
import { clueSearchTokens, ensurePlaceNames, findSimilarClues, SAME_PROBLEM_THRESHOLD, type SimilarInput } from './clues.similar.ts';
import { redactPersonal } from './clues.redact.ts';
import { releaseDigitGuess, reserveDigitGuess } from './clues.track-lock.ts';
import { activeMember, names, placesOf, requireCounty, venueOf } from '../orgs/orgs.read.ts';
import { clueRunner, publicWords } from './clues.commands.ts';
import { findClue, namesFor, summarize, type ClueRow } from './clues.repository.ts';
import { firstClocks, writeFirstClocks } from './clues.clocks.ts';

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
  const [windowMin, phoneLimit, first] = await Promise.all([
    getSetting(db, tenantId, 'clue.duplicateWindowMinutes'),
    getSetting(db, tenantId, 'clue.maxPerPhonePerDay'),
    firstClocks(db, tenantId, now),
  ]);
  const contentHash = sha256(`${input.townshipId}|${normalise(input.content)}`);
  // Index and query with the same dictionary: the county's place names are in it first.
  const analyzer = await ensurePlaceNames(db, tenantId);
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
          tenantId, townshipId: input.townshipId }, ctx.textTokens, analyzer);
        const row = await trx.insertInto('clues').values({
          tenant_id: tenantId, code, secret_hash: sha256(secret), kind: input.kind, category: input.category, channel: input.channel,
          content: input.content, township_id: input.townshipId, village_id: input.villageId ?? null, place: input.place ?? null,
          venue_id: input.venueId ?? null, member_id: input.memberId ?? null, contact_name: input.contactName ?? null,
          contact_phone: input.contactPhone ?? null, consent_at: input.consent ? now.toISOString() : null, state: 'submitted', version: 1,
          due_at: first.dueAt, unit_id: null, merged_into_id: null, reply_text: null, rating: null, rating_comment: null, supporters: 0,
          published: 0, public_summary: null, recheck_due_at: null, recheck_result: null, reminded_at: null, extension_days: 0,
          search_tokens: tokens, content_hash: contentHash, created_at: now.toISOString(), accepted_at: null, forwarded_at: null,
          replied_at: null, resolved_at: null, closed_at: null,
        }).returning('id').executeTakeFirstOrThrow();
        await writeFirstClocks(trx, tenantId, row.id, first.clocks);
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
  const timeline = events.map((e) => ({ at: e.at, label: e.label, text: publicWords(e, unitNames.get(Number(e.data?.unitId)) ?? '相关单位') })).filter((e) => e.text);
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
    question: clue.state === 'needs_info' ? (events.findLast((e) => e.transition === 'request_info')?.note ?? null) : null,
    supporters: clue.supporters,
    followUps: await followUps(db, clue),
  };
}

/**
 * What the clue became (a consultation topic, a proposal …) once the target case exists, in the words its module
 * gives citizens (`CaseType.publicView`); a type that gives none is not shown.
 */
async function followUps(db: Kysely<Database>, clue: ClueRow) {
  const out: { type: string; typeLabel: string; title: string; stage: string; path: string | null }[] = [];
  for (const l of await linksOf(db, clue.tenant_id, { type: 'clue', id: clue.id })) {
    if (l.kind !== 'converted_into' || l.to.id === null) continue;
    const type = caseTypeOf(l.to.type);
    if (!type?.publicView) continue;
    const row = await findCase(db, clue.tenant_id, l.to.type, l.to.id);
    if (row) out.push({ type: l.to.type, typeLabel: type.label, ...type.publicView(row) });
  }
  return out;
}

async function unitNameMap(db: Kysely<Database>, tenantId: number, ids: number[]) {
  return (await names(db, tenantId, { units: ids })).units;
}

/** The citizen rates the result; "unsatisfied" sends the clue back to staff for handling again. */
export async function rateClue(db: Kysely<Database>, clue: ClueRow, rating: 'satisfied' | 'basically' | 'unsatisfied', comment: string | null, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const common = { tenantId: clue.tenant_id, id: clue.id, expectedVersion: clue.version, actor: 'public' as const, ip, trx };
    const { row } = await clueRunner.apply(db, { ...common, transition: 'rate', input: { fields: { rating } }, eventData: { rating, comment },
      changes: () => ({ rating, rating_comment: comment, closed_at: new Date().toISOString() }) });
    if (rating === 'unsatisfied') {
      await clueRunner.apply(db, { ...common, expectedVersion: row.version, transition: 'reopen', input: { reason: comment },
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
      await clueRunner.fire(db, { tenantId: clue.tenant_id, id: clue.id, expectedVersion: current.version, actor: 'public', event: 'recheck',
        input: { reason: comment }, ip, trx, changes: () => ({ recheck_result: 'solved' }) });
      return;
    }
    await clueRunner.apply(db, { tenantId: clue.tenant_id, id: clue.id, expectedVersion: current.version, actor: 'public', transition: 'reopen', input: { reason: comment ?? '回访时群众表示问题仍未解决' }, ip, trx,
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
  const analyzer = await ensurePlaceNames(db, clue.tenant_id);
  const tokens = clueSearchTokens({ content: merged, place: clue.place, townshipName: names.org.get(clue.township_id), villageName: clue.village_id ? names.org.get(clue.village_id) : null,
    tenantId: clue.tenant_id, townshipId: clue.township_id }, undefined, analyzer);
  await clueRunner.apply(db, { tenantId: clue.tenant_id, id: clue.id, expectedVersion: clue.version, actor: 'public', transition: 'supplement', input: { fields: { content } }, ip, eventData: { content },
    changes: () => ({ content: merged, search_tokens: tokens }) });
}

/**
 * The similar-clues hint of the public form: open clues of the township that look like the same problem.
 * Nothing of what citizens wrote leaves but a summary with personal data taken out (redactPersonal), and no
 * tracking code: each item carries the clue's support token, the only handle "我也遇到了" takes.
 */
export async function publicSimilarClues(db: Kysely<Database>, tenantId: number, input: SimilarInput) {
  const found = await findSimilarClues(db, tenantId, { ...input, openOnly: true, forPublic: true }, 3);
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
      stateLabel: CLUE_STATES[r.state].label, supporters: r.supporters, createdAt: r.created_at, score, likely: score >= SAME_PROBLEM_THRESHOLD,
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
export async function publicBoard(db: Kysely<Database>, tenantId: number, page: number, pageSize: number, filter: { q?: string; category?: ClueCategory; townshipId?: number } = {}) {
  let base = db.selectFrom('clues').where('tenant_id', '=', tenantId).where('published', '=', 1).where('state', 'in', ['resolved', 'closed']);
  // Search reads the published summary only: the reply or the report could name the citizen.
  if (filter.q) base = base.where(contains('public_summary', filter.q));
  if (filter.category) base = base.where('category', '=', filter.category);
  if (filter.townshipId) base = base.where('township_id', '=', filter.townshipId);
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
    categories: (Object.entries(CLUE_CATEGORIES) as [ClueCategory, string][]).map(([value, label]) => ({ value, label })),
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

export type { ClueState };
