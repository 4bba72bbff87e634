/**
 * The clue's deadlines, called directly with a `now` in the future: 催办 of overdue clocks once a day through the
 * platform deadline job, one 回访 message after resolution, archiving of unrated clues; and the scheduler's lease.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, runDueJobs } from '../../platform/scheduler.ts';
import { clientFor, createTestApp, type TestEnv } from '../../test/helper.ts';
import { runDeadlines } from '../../platform/deadlines.ts';
import { archiveUnrated, askRecheck, reindexStale } from './clues.jobs.ts';
import { CLUE_CASE_TYPE } from './clues.case-type.ts';
import { clueAt, createClueWorld, eventsOf, must, publicPost, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let staff2: { id: number };

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  staff2 = (await clientFor(env, w.county.id, ['staff'])).user;
  await env.db.updateTable('units').set({ contact_phone: '13300001111' }).where('id', '=', w.unit.id).execute();
});
afterAll(async () => env.close());

const HOUR = 3_600_000;
const after = (iso: string | null, ms: number) => new Date(Date.parse(iso!) + ms);
const clueRow = (id: number) => env.db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const remindersOf = async (id: number) => (await eventsOf(env, id)).filter((e) => e.transition === 'remind');
const noticesAbout = (id: number, userId: number) =>
  env.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('link', 'like', `%/clues/${id}`).where('title', 'like', '%超期%').execute();
const outboxFor = (template: string, recipient: string) =>
  env.db.selectFrom('outbox').selectAll().where('template', '=', template).where('recipient', '=', recipient).execute();

/** The platform deadline job over the clue's clocks (what the scheduler's `case.deadlines` runs). */
const remindOverdue = (db: typeof env.db, now: Date) => runDeadlines(db, now, [CLUE_CASE_TYPE]);
const clockOf = (id: number, name: string) =>
  env.db.selectFrom('case_clocks').selectAll().where('case_type', '=', 'clue').where('case_id', '=', id).where('name', '=', name).executeTakeFirstOrThrow();
const setClockDue = (id: number, name: string, dueAt: Date) =>
  env.db.updateTable('case_clocks').set({ due_at: dueAt.toISOString() }).where('case_type', '=', 'clue').where('case_id', '=', id).where('name', '=', name).execute();
const unitReminders = async (id: number) => (await remindersOf(id)).filter((e) => JSON.parse(e.data_json ?? '{}').clock === 'handle');

describe('overdue clocks (the platform deadline job)', () => {
  it('reminds an overdue unit once, not again the same day, and again the next day', async () => {
    const c = await clueAt(env, w, 'forwarded');
    const due = (await clueRow(c.id)).due_at;
    expect((await clockOf(c.id, 'handle')).due_at).toBe(due);
    const notYet = await clueAt(env, w, 'forwarded');
    const answered = await clueAt(env, w, 'replied');

    await setClockDue(notYet.id, 'handle', after(due, 30 * 86_400_000));
    // The office's own review of the reply is not due yet either.
    await setClockDue(answered.id, 'review', after(due, 30 * 86_400_000));

    // Before the deadline nothing happens.
    await remindOverdue(env.db, after(due, -HOUR));
    expect(await remindersOf(c.id)).toEqual([]);

    const first = after(due, HOUR);
    await remindOverdue(env.db, first);

    const row = await clueRow(c.id);
    expect(row.reminded_at).toBe(first.toISOString());
    expect(row.state).toBe('forwarded');
    const events = await remindersOf(c.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_kind: 'system', from_state: 'forwarded', to_state: 'forwarded', at: first.toISOString() });
    expect(JSON.parse(events[0]!.data_json!)).toMatchObject({ clock: 'handle', level: 0, lateDays: 1 });
    expect(await clockOf(c.id, 'handle')).toMatchObject({ overdue_at: first.toISOString(), last_reminded_at: first.toISOString() });
    expect(await noticesAbout(c.id, w.handlerUser.id)).toHaveLength(1);
    expect(await noticesAbout(c.id, w.staffUser.id)).toHaveLength(1);
    expect(await noticesAbout(c.id, staff2.id)).toHaveLength(1);
    const sms = await outboxFor('clue.overdue', '13300001111');
    expect(sms.filter((m) => JSON.parse(m.payload_json).code === c.code)).toHaveLength(1);
    // Clues not overdue, or already answered (the unit's clock stopped with its reply), are left alone.
    expect(await remindersOf(notYet.id)).toEqual([]);
    expect(await remindersOf(answered.id)).toEqual([]);
    expect((await clockOf(answered.id, 'handle')).stopped_at).not.toBeNull();
    expect(await env.db.selectFrom('audit_log').select('id').where('action', '=', 'clue.remind').where('entity_id', '=', c.id).execute()).toHaveLength(1);

    // Later the same day: no second reminder.
    await remindOverdue(env.db, new Date(first.getTime() + 6 * HOUR));
    expect(await remindersOf(c.id)).toHaveLength(1);
    expect(await noticesAbout(c.id, w.handlerUser.id)).toHaveLength(1);
    expect((await clueRow(c.id)).reminded_at).toBe(first.toISOString());

    // A day on, still overdue: reminded again.
    await remindOverdue(env.db, new Date(first.getTime() + 25 * HOUR));
    expect(await remindersOf(c.id)).toHaveLength(2);
    expect(await noticesAbout(c.id, w.handlerUser.id)).toHaveLength(2);
  });

  it('does not remind after the unit replied, nor a unit that no longer holds the clue', async () => {
    const c = await clueAt(env, w, 'forwarded');
    const due = (await clueRow(c.id)).due_at;
    await must(env, w.handler, c.id, 'return', { reason: '不属于本单位职责' }, 'unit/clues');
    await remindOverdue(env.db, after(due, 2 * HOUR));
    expect(await unitReminders(c.id)).toEqual([]);
    expect(await noticesAbout(c.id, w.handlerUser.id)).toEqual([]);
    // The office's own clock runs now: to forward it again.
    expect(await clockOf(c.id, 'dispatch')).toMatchObject({ stopped_at: null });
    expect((await clueRow(c.id)).due_at).toBe((await clockOf(c.id, 'dispatch')).due_at);
  });

  it('reminds the office of a clue it has not accepted in time, and escalates to leaders when it stays late', async () => {
    const c = await clueAt(env, w, 'submitted');
    const due = (await clueRow(c.id)).due_at;
    expect((await clockOf(c.id, 'accept')).due_at).toBe(due);
    await remindOverdue(env.db, after(due, HOUR));
    expect((await remindersOf(c.id)).map((e) => JSON.parse(e.data_json!))).toEqual([{ clock: 'accept', level: 0, lateDays: 1 }]);
    expect(await noticesAbout(c.id, w.staffUser.id)).toHaveLength(1);
    // Ten days late (case.escalate2Days): 领导督办.
    await remindOverdue(env.db, after(due, 10 * 86_400_000 + HOUR));
    const last = (await remindersOf(c.id)).at(-1)!;
    expect(last).toMatchObject({ label: '领导督办' });
    expect(await clockOf(c.id, 'accept')).toMatchObject({ escalation: 2 });
  });

  it('does not chase the citizen: a clue waiting for more information or for a rating is not reminded', async () => {
    const info = await clueAt(env, w, 'submitted');
    await must(env, w.staff, info.id, 'request_info', { reason: '请说明具体路段' });
    const rated = await clueAt(env, w, 'resolved');
    const later = new Date(Date.now() + 60 * 86_400_000);
    await remindOverdue(env.db, later);
    expect(await remindersOf(info.id)).toEqual([]);
    expect(await remindersOf(rated.id)).toEqual([]);
    expect((await clockOf(rated.id, 'rate')).stopped_at).toBeNull();
  });
});

describe('askRecheck', () => {
  it('sends exactly one 回访 SMS once the recheck date has passed, only to clues with a phone', async () => {
    const phone = '13544445555';
    const c = await clueAt(env, w, 'closed', { contactPhone: phone, consent: true });
    const anonymous = await clueAt(env, w, 'closed');
    const row = await clueRow(c.id);
    expect(row.recheck_due_at).not.toBeNull();
    expect((await clueRow(anonymous.id)).recheck_due_at).toBeNull();

    await askRecheck(env.db, after(row.recheck_due_at, -HOUR));
    expect(await outboxFor('clue.recheck', phone)).toEqual([]);

    const at = after(row.recheck_due_at, HOUR);
    await askRecheck(env.db, at);
    await askRecheck(env.db, new Date(at.getTime() + 2 * 86_400_000));
    const sent = await outboxFor('clue.recheck', phone);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.payload_json)).toEqual({ code: c.code });
    expect(await env.db.selectFrom('outbox').select('id').where('template', '=', 'clue.recheck').execute()).toHaveLength(1);
  });

  it('lets the citizen answer once it is due; "not solved" reopens the clue and tells staff', async () => {
    const phone = '13544446666';
    const c = await clueAt(env, w, 'closed', { contactPhone: phone, consent: true });
    // Not yet due: the citizen is not asked and cannot answer.
    const early = await publicPost(env, '/clues/recheck', { code: c.code, secret: c.secret, solved: false });
    expect(early.statusCode).toBe(409);
    expect((await clueRow(c.id)).state).toBe('closed');

    // Four weeks on.
    await env.db.updateTable('clues').set({ recheck_due_at: new Date(Date.now() - HOUR).toISOString() }).where('id', '=', c.id).execute();
    expect((await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json()).toMatchObject({ canRecheck: true });
    const res = await publicPost(env, '/clues/recheck', { code: c.code, secret: '6666', solved: false, comment: '下雨天又不亮了' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'accepted', canRecheck: false });
    const row = await clueRow(c.id);
    expect(row).toMatchObject({ state: 'accepted', recheck_result: 'not_solved', closed_at: null, resolved_at: null });
    const reopen = (await eventsOf(env, c.id)).at(-1)!;
    expect(reopen).toMatchObject({ transition: 'reopen', actor_kind: 'public', from_state: 'closed', to_state: 'accepted', note: '下雨天又不亮了' });
    const notes = await env.db.selectFrom('notifications').select('user_id').where('link', '=', `/clues/${c.id}`).where('title', 'like', '回访%').execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([w.staffUser.id, staff2.id].sort());
    // Answered once: a second answer is refused.
    expect((await publicPost(env, '/clues/recheck', { code: c.code, secret: c.secret, solved: true })).statusCode).toBe(409);

    // Handled again to a second resolution: the citizen is asked again four weeks later.
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id });
    await must(env, w.handler, c.id, 'reply', { replyText: '已更换线路。' }, 'unit/clues');
    await must(env, w.staff, c.id, 'resolve');
    await publicPost(env, '/clues/rate', { code: c.code, secret: c.secret, rating: 'satisfied' });
    const again = await clueRow(c.id);
    expect(again.state).toBe('closed');
    await askRecheck(env.db, after(again.recheck_due_at, HOUR));
    expect(await outboxFor('clue.recheck', phone)).toHaveLength(1);
  });

  it('records "solved" without reopening', async () => {
    const c = await clueAt(env, w, 'closed', { contactPhone: '13544447777', consent: true });
    await env.db.updateTable('clues').set({ recheck_due_at: new Date(Date.now() - HOUR).toISOString() }).where('id', '=', c.id).execute();
    const res = await publicPost(env, '/clues/recheck', { code: c.code, secret: c.secret, solved: true });
    expect(res.statusCode).toBe(200);
    expect(await clueRow(c.id)).toMatchObject({ state: 'closed', recheck_result: 'solved' });
    expect((await eventsOf(env, c.id)).at(-1)).toMatchObject({ transition: 'recheck', actor_kind: 'public' });
  });

  it('counts one of two answers sent at the same moment and refuses the other with 409', async () => {
    const c = await clueAt(env, w, 'closed', { contactPhone: '13544448888', consent: true });
    await env.db.updateTable('clues').set({ recheck_due_at: new Date(Date.now() - HOUR).toISOString() }).where('id', '=', c.id).execute();
    const answers = await Promise.all([
      publicPost(env, '/clues/recheck', { code: c.code, secret: c.secret, solved: true }),
      publicPost(env, '/clues/recheck', { code: c.code, secret: c.secret, solved: false, comment: '还是不亮' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const answered = (await eventsOf(env, c.id)).filter((e) => e.transition === 'recheck' || e.transition === 'reopen');
    expect(answered).toHaveLength(1);
    const audits = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'clue').where('entity_id', '=', c.id)
      .where('action', 'in', ['clue.recheck', 'clue.reopen']).where('result', '=', 'success').execute();
    expect(audits).toHaveLength(1);
    const winner = answered[0]!.transition === 'recheck' ? { state: 'closed', recheck_result: 'solved' } : { state: 'accepted', recheck_result: 'not_solved' };
    expect(await clueRow(c.id)).toMatchObject(winner);
  });
});

describe('archiveUnrated', () => {
  it('closes a resolved clue nobody rated once its rating deadline passed, as the system', async () => {
    const c = await clueAt(env, w, 'resolved');
    const fresh = await clueAt(env, w, 'resolved');
    const due = (await clueRow(c.id)).due_at;
    expect(due).not.toBeNull();

    await archiveUnrated(env.db, after(due, -HOUR));
    expect((await clueRow(c.id)).state).toBe('resolved');

    const now = after(due, HOUR);
    await env.db.updateTable('clues').set({ due_at: after(due, 10 * 86_400_000).toISOString() }).where('id', '=', fresh.id).execute();
    await archiveUnrated(env.db, now);
    const row = await clueRow(c.id);
    expect(row).toMatchObject({ state: 'closed', closed_at: now.toISOString(), rating: null, due_at: null, version: 6 });
    const close = (await eventsOf(env, c.id)).at(-1)!;
    expect(close).toMatchObject({ transition: 'close', actor_kind: 'system', actor_id: null, from_state: 'resolved', to_state: 'closed' });
    expect(close.note).toContain('自动归档');
    expect((await clueRow(fresh.id)).state).toBe('resolved');
    // The citizen can no longer rate it.
    const view = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(view).toMatchObject({ state: 'closed', canRate: false });
    expect((await publicPost(env, '/clues/rate', { code: c.code, secret: c.secret, rating: 'satisfied' })).statusCode).toBe(409);
  });
});

describe('runDueJobs', () => {
  it('takes a lease, so two runs at the same instant run a job once', async () => {
    let runs = 0;
    defineJob({ name: 'test.count', everyMs: 60_000, run: async () => void runs++ });
    const c = await clueAt(env, w, 'forwarded');
    const now = after((await clueRow(c.id)).due_at, 2 * HOUR);

    await Promise.all([runDueJobs(env.db, now), runDueJobs(env.db, now)]);
    expect(runs).toBe(1);
    expect(await remindersOf(c.id)).toHaveLength(1);

    // Within the job's period the lease is still held; after it, the job runs again.
    await runDueJobs(env.db, new Date(now.getTime() + 30_000));
    expect(runs).toBe(1);
    await runDueJobs(env.db, new Date(now.getTime() + 60_000));
    expect(runs).toBe(2);
  });
});

describe('reindexStale', () => {
  it('re-indexes a county whose entries are stale, once, and again when its place names change', async () => {
    const now = new Date();
    await reindexStale(env.db, now); // every county's version recorded
    const c = await clueAt(env, w, 'submitted');
    const fresh = (await clueRow(c.id)).search_tokens;
    // Entries computed by older analysis code: the stored version no longer matches.
    await env.db.updateTable('clues').set({ search_tokens: 'stale' }).where('id', '=', c.id).execute();
    await env.db.updateTable('settings').set({ value_json: '"old"' }).where('tenant_id', '=', 0).where('key', '=', `index.clues.${w.county.id}`).execute();
    expect(await reindexStale(env.db, now)).toBe(1);
    expect((await clueRow(c.id)).search_tokens).toBe(fresh);
    // Nothing changed since: nothing is read again.
    await env.db.updateTable('clues').set({ search_tokens: 'stale' }).where('id', '=', c.id).execute();
    expect(await reindexStale(env.db, now)).toBe(0);
    expect((await clueRow(c.id)).search_tokens).toBe('stale');
    // A new village is a new dictionary word: the county's version moves and its clues are read again.
    await env.db.insertInto('orgs').values({ parent_id: w.county.townshipId, tenant_id: w.county.id, kind: 'village', name: '新建村', code: null, sort: 9,
      created_at: now.toISOString(), version: 1 }).execute();
    expect(await reindexStale(env.db, now)).toBeGreaterThanOrEqual(1);
    expect((await clueRow(c.id)).search_tokens).toBe(fresh);
  });
});
