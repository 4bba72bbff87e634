/**
 * The whole life of a clue through the HTTP API — citizen, staff, unit, citizen again, public board —
 * and the guards on every step: versions, states, required fields, other counties, contact data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, cstDate, EMPTY_CALENDAR } from '@xs/core/calendar.ts';
import { invalidateSettings } from '../../platform/settings.ts';
import { clientFor, createUnit, type TestEnv, createTestApp } from '../../test/helper.ts';
import {
  act, clueAt, createClueWorld, eventsOf, must, publicPost, submitClue, supportTokenOf, versionOf, type ClueWorld,
} from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
/** A second county with its own staff, unit and clue. */
let other: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  other = await createClueWorld(env);
});
afterAll(async () => env.close());

const NAME = '欧阳明远';
const PHONE = '13866661234';

const clueRow = (id: number) => env.db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the whole flow', () => {
  it('goes citizen → staff → unit → staff → citizen → public board, one timeline row per step', async () => {
    // The three working days after today are county holidays: the unit's deadline must step over them.
    const today = cstDate(new Date());
    const holidays: string[] = [];
    for (let d = new Date(); holidays.length < 3;) {
      d = new Date(d.getTime() + 86_400_000);
      const date = cstDate(d);
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (dow !== 0 && dow !== 6) holidays.push(date);
    }
    await env.db.insertInto('calendar_days').values(holidays.map((date) => ({ tenant_id: w.county.id, date, kind: 'holiday' as const, name: '测试假日' }))).execute();
    invalidateSettings(w.county.id);

    const c = await submitClue(env, w.county, { contactName: NAME, contactPhone: PHONE, consent: true, place: '东街与解放路交叉口', villageId: w.county.villageId });
    expect(c.secret).toMatch(/^[0-9A-Z]{8}$/);
    expect(c.code).toMatch(/^[0-9A-Z]{10}$/);
    let row = await clueRow(c.id);
    expect(row).toMatchObject({ state: 'submitted', version: 1, tenant_id: w.county.id, contact_phone: PHONE, contact_name: NAME });
    expect(row.secret_hash).not.toContain(c.secret);
    expect(row.consent_at).not.toBeNull();

    const accepted = await must(env, w.staff, c.id, 'accept');
    expect(accepted).toMatchObject({ state: 'accepted', version: 2 });
    expect(accepted.transitions).toEqual(expect.arrayContaining(['forward', 'merge', 'convert']));

    const forwarded = await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id });
    expect(forwarded).toMatchObject({ state: 'forwarded', unitId: w.unit.id, unitName: w.unit.name });
    const cal = { holidays, workdays: [] };
    const due = (forwarded as unknown as { dueAt: string }).dueAt;
    expect(cstDate(new Date(due)) > today).toBe(true);
    expect(due).toBe(addWorkingDays(new Date(), 13, cal).toISOString());
    expect(due).not.toBe(addWorkingDays(new Date(), 13, EMPTY_CALENDAR).toISOString());
    // The unit's handlers are told in their inbox.
    const inbox = await env.db.selectFrom('notifications').selectAll().where('user_id', '=', w.handlerUser.id).execute();
    expect(inbox.map((n) => n.link)).toContain(`/unit/clues/${c.id}`);
    // And the citizen gets an SMS naming the unit.
    const sms = await env.db.selectFrom('outbox').selectAll().where('recipient', '=', PHONE).execute();
    expect(sms.map((m) => m.template)).toContain('clue.accepted');

    // Another unit's handler cannot see or answer it.
    const stranger = await clientFor(env, w.county.id, ['unit_handler'], { unitId: (await createUnit(env.db, w.county.id)).id });
    expect((await stranger.client.get(`/api/v1/unit/clues/${c.id}`)).statusCode).toBe(404);
    const theirs = await act(env, stranger.client, c.id, 'reply', { replyText: '不是我们的事' }, 'unit/clues');
    expect(theirs.statusCode).toBe(404);
    expect((await stranger.client.get('/api/v1/unit/clues')).json()).toMatchObject({ total: 0 });
    expect((await clueRow(c.id)).state).toBe('forwarded');

    // The unit it went to sees it, without any contact data.
    const list = await w.handler.get('/api/v1/unit/clues');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([c.id]);
    const detail = await w.handler.get(`/api/v1/unit/clues/${c.id}`);
    expect(detail.statusCode).toBe(200);
    for (const body of [list.body, detail.body]) {
      expect(body).not.toContain(NAME);
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain(PHONE.slice(-4));
    }
    expect(detail.json()).toMatchObject({ contactName: null, contactPhoneMasked: null, transitions: expect.arrayContaining(['reply', 'return']) });

    const replied = await must(env, w.handler, c.id, 'reply', { replyText: '已更换路灯灯泡并检修线路，现已恢复照明。' }, 'unit/clues');
    expect(replied).toMatchObject({ state: 'replied', replyText: '已更换路灯灯泡并检修线路，现已恢复照明。' });

    const resolved = await must(env, w.staff, c.id, 'resolve');
    expect(resolved.state).toBe('resolved');
    row = await clueRow(c.id);
    expect(row.resolved_at).not.toBeNull();
    expect(row.recheck_due_at! > row.resolved_at!).toBe(true);
    expect((await env.db.selectFrom('outbox').select('template').where('recipient', '=', PHONE).execute()).map((m) => m.template)).toContain('clue.resolved');

    // The citizen tracks it with the secret, and with the last four digits of the phone.
    const bySecret = await publicPost(env, '/clues/track', { code: c.code, secret: c.secret });
    expect(bySecret.statusCode).toBe(200);
    const byPhone = await publicPost(env, '/clues/track', { code: c.code.toLowerCase(), secret: PHONE.slice(-4) });
    expect(byPhone.statusCode).toBe(200);
    const view = bySecret.json();
    expect(byPhone.json()).toEqual(view);
    expect(view).toMatchObject({
      code: c.code, state: 'resolved', stateLabel: '已办结', canRate: true, canRecheck: false, townshipName: '城关镇', villageName: '东街村',
      reply: { text: '已更换路灯灯泡并检修线路，现已恢复照明。', unitName: w.unit.name },
    });
    // Plain words for the citizen: one line per step, the unit by name, no staff names.
    expect(view.timeline.map((t: { label: string }) => t.label)).toEqual(['群众提交', '采纳受理', '转办', '单位答复', '办结']);
    expect(view.timeline.find((t: { label: string }) => t.label === '转办').text).toContain(w.unit.name);
    const staffName = (await env.db.selectFrom('users').select('display_name').where('id', '=', w.staffUser.id).executeTakeFirstOrThrow()).display_name;
    expect(bySecret.body).not.toContain(staffName);
    expect(bySecret.body).not.toContain('actorName');
    expect(bySecret.body).not.toContain(PHONE);
    expect(bySecret.body).not.toContain(NAME);

    const rated = await publicPost(env, '/clues/rate', { code: c.code, secret: c.secret, rating: 'satisfied', comment: '修得很快' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ state: 'closed', rating: 'satisfied', ratingComment: '修得很快', canRate: false });
    row = await clueRow(c.id);
    expect(row).toMatchObject({ state: 'closed', rating: 'satisfied' });
    expect(row.closed_at).not.toBeNull();

    // A summary that gives away the phone or the name is refused; nothing is published.
    const withPhone = await w.staff.post(`/api/v1/clues/${c.id}/publish`, { summary: `市民（电话${PHONE}）反映路灯不亮，已修复`, publish: true });
    expect(withPhone.statusCode).toBe(400);
    expect(withPhone.json().fields).toEqual([expect.objectContaining({ path: 'summary' })]);
    const withName = await w.staff.post(`/api/v1/clues/${c.id}/publish`, { summary: `${NAME}反映东街路灯不亮，已修复`, publish: true });
    expect(withName.statusCode).toBe(400);
    expect((await clueRow(c.id)).published).toBe(0);
    const emptyBoard = await env.app.inject({ url: `/api/v1/public/counties/${w.county.id}/board` });
    expect(emptyBoard.json()).toEqual({ items: [], total: 0 });

    const published = await w.staff.post(`/api/v1/clues/${c.id}/publish`, { summary: '群众反映东街路口路灯不亮，县住建局已修复。', publish: true });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ published: true, publicSummary: '群众反映东街路口路灯不亮，县住建局已修复。' });

    const board = await env.app.inject({ url: `/api/v1/public/counties/${w.county.id}/board` });
    expect(board.statusCode).toBe(200);
    expect(board.json()).toMatchObject({ total: 1, items: [{ summary: '群众反映东街路口路灯不亮，县住建局已修复。', unitName: w.unit.name, rating: 'satisfied', townshipName: '城关镇' }] });
    expect(board.body).not.toContain(NAME);
    expect(board.body).not.toContain(PHONE);
    expect(board.body).not.toContain(PHONE.slice(-4));
    // Another county's board does not show it.
    expect((await env.app.inject({ url: `/api/v1/public/counties/${other.county.id}/board` })).json()).toEqual({ items: [], total: 0 });

    const events = await eventsOf(env, c.id);
    expect(events.map((e) => e.transition)).toEqual(['submit', 'accept', 'forward', 'reply', 'resolve', 'rate']);
    expect(events.map((e) => [e.from_state, e.to_state])).toEqual([
      [null, 'submitted'], ['submitted', 'accepted'], ['accepted', 'forwarded'], ['forwarded', 'replied'], ['replied', 'resolved'], ['resolved', 'closed'],
    ]);
    expect(events.map((e) => e.actor_kind)).toEqual(['public', 'user', 'user', 'user', 'user', 'public']);
    expect(events[3]!.actor_id).toBe(w.handlerUser.id);
    const audit = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'clue').where('entity_id', '=', c.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['clue.submit', 'clue.accept', 'clue.forward', 'clue.reply', 'clue.resolve', 'clue.rate', 'clue.publish']);
  });

  it('keeps the reporter\'s name and phone off the board even when the unit\'s reply names them', async () => {
    const phone = '13655557890';
    const c = await submitClue(env, w.county, { contactName: '司马相如', contactPhone: phone, consent: true });
    await must(env, w.staff, c.id, 'accept');
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id });
    await must(env, w.handler, c.id, 'reply', { replyText: `已与反映人司马相如（${phone}）电话沟通，路灯已修复。` }, 'unit/clues');
    await must(env, w.staff, c.id, 'resolve');
    const published = await w.staff.post(`/api/v1/clues/${c.id}/publish`, { summary: '群众反映路灯不亮，已修复。', publish: true });
    expect(published.statusCode).toBe(200);
    const board = await env.app.inject({ url: `/api/v1/public/counties/${w.county.id}/board?pageSize=50` });
    const item = board.json().items.find((i: { reply: string | null }) => i.reply?.includes('电话沟通，路灯已修复'));
    expect(item.reply).toContain('路灯已修复');
    expect(board.body).not.toContain('司马相如');
    expect(board.body).not.toContain(phone);
    // Neither the code nor the last four digits (a tracking secret) are on the board.
    expect(board.body).not.toContain(c.code);
    expect(board.body).not.toContain(phone.slice(-4));
    // Staff still see the reply as the unit wrote it.
    expect((await w.staff.get(`/api/v1/clues/${c.id}`)).json().replyText).toContain(phone);
  });

  it('answers a rating and a staff action when the county settings are not cached (no deadlock inside a transaction)', async () => {
    const c = await clueAt(env, w, 'resolved');
    // A cold cache makes the workflow runner read settings inside the rating's transaction.
    invalidateSettings(w.county.id);
    const rated = await publicPost(env, '/clues/rate', { code: c.code, secret: c.secret, rating: 'basically' });
    expect(rated.statusCode, rated.body).toBe(200);
    const d = await clueAt(env, w, 'accepted');
    invalidateSettings(w.county.id);
    await must(env, w.staff, d.id, 'forward', { unitId: w.unit.id });
    expect((await clueRow(c.id)).state).toBe('closed');
    expect((await clueRow(d.id)).state).toBe('forwarded');
  }, 20_000);

  it('reopens an unsatisfied clue for staff, tells them, and keeps the rating', async () => {
    const staff2 = await clientFor(env, w.county.id, ['staff']);
    const c = await clueAt(env, w, 'resolved', { contactPhone: '13900002222', consent: true });
    const before = await env.db.selectFrom('notifications').select('id').where('tenant_id', '=', w.county.id).where('title', 'like', '%不满意%').execute();
    expect(before).toEqual([]);
    const res = await publicPost(env, '/clues/rate', { code: c.code, secret: '2222', rating: 'unsatisfied', comment: '灯还是不亮' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'accepted', rating: 'unsatisfied', canRate: false });
    expect(res.json().timeline.at(-1).text).toContain('重新');
    const row = await clueRow(c.id);
    expect(row).toMatchObject({ state: 'accepted', rating: 'unsatisfied', resolved_at: null, closed_at: null });
    expect(row.due_at).not.toBeNull();
    const notes = await env.db.selectFrom('notifications').selectAll().where('link', '=', `/clues/${c.id}`).where('title', 'like', '%不满意%').execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([w.staffUser.id, staff2.user.id].sort());
    expect(notes[0]!.body).toContain('灯还是不亮');
    expect((await eventsOf(env, c.id)).map((e) => e.transition).slice(-2)).toEqual(['rate', 'reopen']);
    // Staff can send it to a unit again.
    expect((await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id })).state).toBe('forwarded');
  });

  it('asks the citizen for more information and takes it back in through the secret', async () => {
    const c = await submitClue(env, w.county);
    const asked = await must(env, w.staff, c.id, 'request_info', { reason: '请说明具体是哪一盏路灯' });
    expect(asked.state).toBe('needs_info');
    const view = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(view).toMatchObject({ canSupplement: true, state: 'needs_info' });
    expect(view.timeline.at(-1).text).toContain('请说明具体是哪一盏路灯');
    const res = await publicPost(env, '/clues/supplement', { code: c.code, secret: c.secret, content: '邮局门口往东第三盏' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'submitted', canSupplement: false });
    const row = await clueRow(c.id);
    expect(row.content).toContain('邮局门口往东第三盏');
    expect(row.search_tokens).toContain('邮局');
    // Not asked again: a second supplement is refused.
    expect((await publicPost(env, '/clues/supplement', { code: c.code, secret: c.secret, content: '再补充一句' })).statusCode).toBe(409);
  });

  it('counts "我也遇到了" on an open clue and refuses it on a closed one', async () => {
    const c = await submitClue(env, w.county);
    const token = await supportTokenOf(env, c);
    expect((await publicPost(env, '/clues/support', { token })).json()).toEqual({ supporters: 1 });
    expect((await publicPost(env, '/clues/support', { token })).json()).toEqual({ supporters: 2 });
    const closed = await clueAt(env, w, 'closed');
    const res = await publicPost(env, '/clues/support', { token: await supportTokenOf(env, closed) });
    expect(res.statusCode).toBe(404);
    expect((await clueRow(closed.id)).supporters).toBe(0);
  });
});

describe('conflicts and guards', () => {
  it('refuses a stale version with 409 and changes nothing', async () => {
    const c = await submitClue(env, w.county);
    const res = await w.staff.post(`/api/v1/clues/${c.id}/transitions/accept`, { version: 7 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'stale_version', message: expect.stringContaining('待受理') });
    expect(await clueRow(c.id)).toMatchObject({ state: 'submitted', version: 1, accepted_at: null });
    expect((await eventsOf(env, c.id)).map((e) => e.transition)).toEqual(['submit']);
  });

  it('lets only one of two staff acting on the same version win', async () => {
    const c = await submitClue(env, w.county);
    const staff2 = (await clientFor(env, w.county.id, ['staff'])).client;
    const [a, b] = await Promise.all([
      w.staff.post(`/api/v1/clues/${c.id}/transitions/accept`, { version: 1 }),
      staff2.post(`/api/v1/clues/${c.id}/transitions/decline`, { version: 1, reason: '不属于政协工作范围' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await eventsOf(env, c.id))).toHaveLength(2);
    expect((await clueRow(c.id)).version).toBe(2);
  });

  it('refuses a transition the state does not allow with 409 invalid_state', async () => {
    const c = await submitClue(env, w.county);
    for (const name of ['resolve', 'forward', 'close', 'rehandle']) {
      const res = await act(env, w.staff, c.id, name, { unitId: w.unit.id, reason: '测试' });
      expect(res.statusCode, name).toBe(409);
      expect(res.json().error).toBe('invalid_state');
    }
    expect(await clueRow(c.id)).toMatchObject({ state: 'submitted', version: 1 });
  });

  it('refuses an unknown transition and the unit-only ones on the staff route', async () => {
    const c = await clueAt(env, w, 'forwarded');
    for (const name of ['reply', 'rate', 'reopen', 'explode']) {
      const res = await act(env, w.staff, c.id, name, { replyText: '答复' });
      expect(res.statusCode, name).toBe(400);
    }
    // The unit cannot use the staff routes at all.
    expect((await act(env, w.handler, c.id, 'resolve')).statusCode).toBe(403);
    expect((await act(env, w.handler, c.id, 'accept', {}, 'unit/clues')).statusCode).toBe(400);
    expect((await clueRow(c.id)).state).toBe('forwarded');
  });

  it('requires a reason to decline, naming the field', async () => {
    const c = await submitClue(env, w.county);
    for (const reason of [undefined, null, '   ']) {
      const res = await act(env, w.staff, c.id, 'decline', reason === undefined ? {} : { reason });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.map((f: { path: string }) => f.path)).toContain('reason');
    }
    const ok = await must(env, w.staff, c.id, 'decline', { reason: '属于司法程序，请向法院反映' });
    expect(ok.state).toBe('declined');
  });

  it('refuses to forward to another county\'s unit or to an inactive one, naming unitId', async () => {
    const c = await clueAt(env, w, 'accepted');
    const inactive = await createUnit(env.db, w.county.id);
    await env.db.updateTable('units').set({ active: 0 }).where('id', '=', inactive.id).execute();
    for (const unitId of [other.unit.id, inactive.id, 2_000_000]) {
      const res = await act(env, w.staff, c.id, 'forward', { unitId });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'unitId' })]);
    }
    const missing = await act(env, w.staff, c.id, 'forward', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.map((f: { path: string }) => f.path)).toEqual(['unitId']);
    expect(await clueRow(c.id)).toMatchObject({ state: 'accepted', unit_id: null });
    expect(await env.db.selectFrom('notifications').select('id').where('user_id', '=', other.handlerUser.id).execute()).toEqual([]);
  });

  it('refuses to merge a clue into itself, into another county\'s clue or into a finished one', async () => {
    const c = await submitClue(env, w.county);
    const theirs = await submitClue(env, other.county);
    const declined = await submitClue(env, w.county);
    await must(env, w.staff, declined.id, 'decline', { reason: '重复' });
    for (const targetId of [c.id, theirs.id, declined.id]) {
      const res = await act(env, w.staff, c.id, 'merge', { targetId });
      expect(res.statusCode, String(targetId)).toBe(400);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'targetId' })]);
    }
    expect(await clueRow(c.id)).toMatchObject({ state: 'submitted', merged_into_id: null });
    expect((await clueRow(theirs.id)).supporters).toBe(0);

    // Into an open clue of the same county it works, and the target gains the voices.
    const target = await submitClue(env, w.county);
    await publicPost(env, '/clues/support', { token: await supportTokenOf(env, c) });
    const merged = await must(env, w.staff, c.id, 'merge', { targetId: target.id });
    expect(merged).toMatchObject({ state: 'merged', mergedInto: { id: target.id, code: target.code } });
    expect((await clueRow(target.id)).supporters).toBe(2);
  });

  it('writes the merge on the target\'s timeline too, for staff and not for the target\'s citizen', async () => {
    const c = await submitClue(env, w.county);
    const target = await submitClue(env, w.county);
    const before = await eventsOf(env, target.id);
    await must(env, w.staff, c.id, 'merge', { targetId: target.id });
    const added = (await eventsOf(env, target.id)).slice(before.length);
    expect(added).toEqual([expect.objectContaining({ transition: 'merged_in', label: `合并了线索 ${c.code}`, from_state: 'submitted', to_state: 'submitted',
      actor_kind: 'user', actor_id: w.staffUser.id })]);
    const detail = (await w.staff.get(`/api/v1/clues/${target.id}`)).json();
    expect(detail.timeline.map((e: { label: string }) => e.label)).toContain(`合并了线索 ${c.code}`);
    const track = await publicPost(env, '/clues/track', { code: target.code, secret: target.secret });
    expect(track.statusCode).toBe(200);
    expect(track.body).not.toContain(c.code);

    // A refused merge leaves the target's timeline alone.
    const finished = await submitClue(env, w.county);
    await must(env, w.staff, finished.id, 'decline', { reason: '重复' });
    const untouched = await eventsOf(env, finished.id);
    expect((await act(env, w.staff, (await submitClue(env, w.county)).id, 'merge', { targetId: finished.id })).statusCode).toBe(400);
    expect(await eventsOf(env, finished.id)).toEqual(untouched);
  });

  it('hides county A\'s clue from county B\'s staff: 404 on every read and action', async () => {
    const c = await clueAt(env, w, 'resolved', { contactPhone: '13700003333', consent: true });
    const v = await versionOf(env, c.id);
    const b = other.staff;
    const reads = [`/api/v1/clues/${c.id}`, `/api/v1/clues/${c.id}/contact`, `/api/v1/clues/${c.id}/unit-suggestions`, `/api/v1/clues/${c.id}/similar`];
    for (const url of reads) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('13700003333');
    }
    const writes: [string, unknown][] = [
      [`/api/v1/clues/${c.id}/transitions/close`, { version: v }],
      [`/api/v1/clues/${c.id}/publish`, { summary: '别的县的线索公开了', publish: true }],
    ];
    for (const [url, body] of writes) expect((await b.post(url, body)).statusCode, url).toBe(404);
    const bulk = await b.post('/api/v1/clues/bulk', { transition: 'close', items: [{ id: c.id, version: v }] });
    expect(bulk.json()).toMatchObject({ done: [], failed: [{ id: c.id }] });
    const list = await b.get('/api/v1/clues?pageSize=200');
    expect(list.json().items.map((i: { id: number }) => i.id)).not.toContain(c.id);
    expect(await clueRow(c.id)).toMatchObject({ state: 'resolved', version: v, published: 0 });
    expect(await env.db.selectFrom('audit_log').select('id').where('action', '=', 'clue.view_contact').where('entity_id', '=', c.id).execute()).toEqual([]);
  });

  it('gives the full phone only through /contact, and audits each look', async () => {
    const c = await submitClue(env, w.county, { contactName: '李四', contactPhone: '13812341234', consent: true });
    const list = await w.staff.get('/api/v1/clues?pageSize=200');
    const item = list.json().items.find((i: { id: number }) => i.id === c.id);
    expect(item).toMatchObject({ contactPhoneMasked: '138****1234', contactName: '李四' });
    expect(list.body).not.toContain('13812341234');
    const detail = await w.staff.get(`/api/v1/clues/${c.id}`);
    expect(detail.json()).toMatchObject({ contactPhoneMasked: '138****1234' });
    expect(detail.body).not.toContain('13812341234');

    const res = await w.staff.get(`/api/v1/clues/${c.id}/contact`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ contactName: '李四', contactPhone: '13812341234' });
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'clue.view_contact').where('entity_id', '=', c.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: w.staffUser.id, tenant_id: w.county.id, entity: 'clue' });
    await w.staff.get(`/api/v1/clues/${c.id}/contact`);
    expect(await env.db.selectFrom('audit_log').select('id').where('action', '=', 'clue.view_contact').where('entity_id', '=', c.id).execute()).toHaveLength(2);

    // A leader reads clues but may not reveal contacts; a unit handler may not either.
    const leader = (await clientFor(env, w.county.id, ['leader'])).client;
    expect((await leader.get(`/api/v1/clues/${c.id}/contact`)).statusCode).toBe(403);
    expect((await w.handler.get(`/api/v1/clues/${c.id}/contact`)).statusCode).toBe(403);
  });

  it('does not publish a clue that is not resolved', async () => {
    const c = await clueAt(env, w, 'replied');
    const res = await w.staff.post(`/api/v1/clues/${c.id}/publish`, { summary: '群众反映路灯问题，正在审核答复。', publish: true });
    expect(res.statusCode).toBe(409);
    expect((await clueRow(c.id)).published).toBe(0);
  });
});
