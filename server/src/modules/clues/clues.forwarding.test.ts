/**
 * A richer 转办 (issue 9): the deadline chosen within the county's rules, urgency and 交办意见, co-units as child cases
 * whose views the lead waits for (or the office stops waiting), 采纳并转办 in one transaction, and a unit's 负责人
 * giving the clue to one of its handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, cstDate, EMPTY_CALENDAR } from '@xs/core/calendar.ts';
import { runDeadlines } from '../../platform/deadlines.ts';
import { clientFor, createTestApp, createUnit, DIALECT, type Client, type TestEnv } from '../../test/helper.ts';
import { CLUE_COUNIT_CASE_TYPE } from './clues.counits.ts';
import { act, clueAt, createClueWorld, eventsOf, must, submitClue, versionOf, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let co: { id: number; name: string };
let coHandler: Client;
let coUser: { id: number };
let handler2: Client;
let handler2User: { id: number };
let stranger: Client;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  // The world's handler is its unit's 负责人; the unit has a second handler.
  await env.db.updateTable('users').set({ unit_lead: 1 }).where('id', '=', w.handlerUser.id).execute();
  const h2 = await clientFor(env, w.county.id, ['unit_handler'], { unitId: w.unit.id });
  handler2 = h2.client;
  handler2User = h2.user;
  co = await createUnit(env.db, w.county.id);
  const c = await clientFor(env, w.county.id, ['unit_handler'], { unitId: co.id });
  coHandler = c.client;
  coUser = c.user;
  const other = await createUnit(env.db, w.county.id);
  stranger = (await clientFor(env, w.county.id, ['unit_handler'], { unitId: other.id })).client;
});
afterAll(async () => env.close());

const clueRow = (id: number) => env.db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const coUnits = (id: number) => env.db.selectFrom('clue_counits').selectAll().where('clue_id', '=', id).orderBy('id').execute();
const handleClock = (id: number) => env.db.selectFrom('case_clocks').selectAll().where('case_type', '=', 'clue').where('case_id', '=', id).where('name', '=', 'handle').executeTakeFirstOrThrow();
const inDays = (n: number) => cstDate(addCalendarDays(new Date(), n));
/** A date n working days on, on the test county's calendar (no holidays set). */
const inWorkingDays = (n: number) => cstDate(addWorkingDays(new Date(), n, EMPTY_CALENDAR));

describe(`转办 with a chosen deadline, urgency, 交办意见 and co-units (${DIALECT})`, () => {
  it('offers the dates the county allows today', async () => {
    const res = await w.staff.get('/api/v1/clues/forward-rules');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      minDate: inDays(1), maxDate: inWorkingDays(30), maxWorkingDays: 30, defaultDate: { normal: inWorkingDays(13), urgent: inWorkingDays(1) }, coViewsDays: 5,
    });
    expect((await w.handler.get('/api/v1/clues/forward-rules')).statusCode).toBe(403);
  });

  it('runs the unit’s clock to the chosen date and asks each co-unit for views by its own date', async () => {
    const c = await clueAt(env, w, 'accepted');
    const due = inWorkingDays(10);
    const detail = await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id, dueDate: due, urgency: 'urgent', forwardNote: '请会同水利局现场查看，三日内反馈初步意见', coUnitIds: [co.id] });
    expect(detail).toMatchObject({ state: 'forwarded', urgency: 'urgent', urgencyLabel: '紧急', forwardNote: '请会同水利局现场查看，三日内反馈初步意见' });
    expect(detail.dueAt).toBe(new Date(`${due}T23:59:59.999+08:00`).toISOString());
    expect((await handleClock(c.id)).due_at).toBe(detail.dueAt);
    // A co-unit: its own case and clock, 5 working days (before the lead's date).
    const [k] = await coUnits(c.id);
    expect(k).toMatchObject({ unit_id: co.id, state: 'asked', parent_type: 'clue', parent_id: c.id, clue_code: c.code });
    expect(cstDate(new Date(k!.due_at!))).toBe(inWorkingDays(5));
    expect(detail.coUnits).toEqual([expect.objectContaining({ unitId: co.id, unitName: co.name, state: 'asked', stateLabel: '待提会办意见', views: null })]);
    const forward = (await eventsOf(env, c.id)).at(-1)!;
    expect(JSON.parse(forward.data_json!)).toMatchObject({ unitId: w.unit.id, urgency: 'urgent', forwardNote: expect.stringContaining('现场查看'), coUnitIds: [co.id] });
    const asked = await env.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', coUser.id).execute();
    expect(asked).toEqual(expect.arrayContaining([{ title: '请提出会办意见', link: `/unit/clues/${c.id}` }]));
    const told = await env.db.selectFrom('notifications').select(['title', 'body']).where('user_id', '=', w.handlerUser.id).where('link', '=', `/unit/clues/${c.id}`).execute();
    expect(told).toEqual([expect.objectContaining({ title: '【紧急】新转办线索', body: expect.stringContaining('交办意见：请会同水利局') })]);
    const audit = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'clue_counit').where('entity_id', '=', k!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['clue_counit.ask']);
  });

  it('gives an urgent clue without a date the urgent deadline, an ordinary one the handling length', async () => {
    const urgent = await clueAt(env, w, 'accepted');
    await must(env, w.staff, urgent.id, 'forward', { unitId: w.unit.id, urgency: 'urgent' });
    expect(cstDate(new Date((await clueRow(urgent.id)).due_at!))).toBe(inWorkingDays(1));
    const normal = await clueAt(env, w, 'accepted');
    await must(env, w.staff, normal.id, 'forward', { unitId: w.unit.id });
    expect(await clueRow(normal.id)).toMatchObject({ urgency: 'normal', forward_note: null });
    expect(cstDate(new Date((await clueRow(normal.id)).due_at!))).toBe(inWorkingDays(13));
  });

  it('refuses a date outside the rules and wrong co-units, naming each field, and changes nothing', async () => {
    const c = await clueAt(env, w, 'accepted');
    const version = await versionOf(env, c.id);
    const today = await act(env, w.staff, c.id, 'forward', { unitId: w.unit.id, dueDate: inDays(0) });
    expect(today.statusCode).toBe(400);
    expect(today.json().fields).toEqual([{ path: 'dueDate', message: `办理期限最早为明天（${inDays(1)}）` }]);
    const late = await act(env, w.staff, c.id, 'forward', { unitId: w.unit.id, dueDate: inWorkingDays(31), coUnitIds: [w.unit.id] });
    expect(late.statusCode).toBe(400);
    expect(late.json().fields).toEqual([
      { path: 'dueDate', message: `办理期限最晚为 ${inWorkingDays(30)}（30 个工作日内）` },
      { path: 'coUnitIds', message: '主办单位不能同时是会办单位' },
    ]);
    expect((await act(env, w.staff, c.id, 'forward', { unitId: w.unit.id, coUnitIds: [co.id, co.id] })).json().fields)
      .toEqual([{ path: 'coUnitIds', message: '同一会办单位不能重复选择' }]);
    expect((await act(env, w.staff, c.id, 'forward', { unitId: w.unit.id, coUnitIds: [999_999] })).json().fields)
      .toEqual([{ path: 'coUnitIds', message: '所选会办单位不存在或已停用' }]);
    expect((await act(env, w.staff, c.id, 'forward', { unitId: w.unit.id, dueDate: '2026-02-30' })).statusCode).toBe(400);
    expect(await clueRow(c.id)).toMatchObject({ state: 'accepted', version });
    expect(await coUnits(c.id)).toEqual([]);
  });
});

describe(`co-units and the lead’s reply (${DIALECT})`, () => {
  it('keeps the lead’s reply closed until the co-unit sent its views; the co-unit sees the clue in its portal and answers', async () => {
    const c = await clueAt(env, w, 'accepted', { contactName: '王先生', contactPhone: '13800001111', consent: true });
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id, coUnitIds: [co.id] });

    const leadView = (await w.handler.get(`/api/v1/unit/clues/${c.id}`)).json();
    expect(leadView.myRole).toBe('lead');
    expect(leadView.actions.find((a: { name: string }) => a.name === 'reply')).toMatchObject({ available: false, reason: '会办单位意见尚未全部送达（还有 1 项）' });
    const refused = await act(env, w.handler, c.id, 'reply', { replyText: '已修复。' }, 'unit/clues');
    expect(refused.statusCode).toBe(409);

    // The co-unit: the clue in its list and detail, without contact data, its own case with 提出会办意见; no clue actions.
    const list = (await coHandler.get('/api/v1/unit/clues')).json();
    expect(list.items.find((i: { id: number }) => i.id === c.id)).toMatchObject({ myRole: 'co', contactName: null, contactPhoneMasked: null });
    const coView = await coHandler.get(`/api/v1/unit/clues/${c.id}`);
    expect(coView.statusCode).toBe(200);
    expect(coView.body).not.toContain('13800001111');
    expect(coView.body).not.toContain('王先生');
    const v = coView.json();
    expect(v).toMatchObject({ myRole: 'co', actions: [] });
    expect(v.coUnits).toHaveLength(1);
    expect(v.coUnits[0].actions).toEqual([expect.objectContaining({ name: 'send_views', available: true })]);
    expect((await act(env, coHandler, c.id, 'reply', { replyText: '我们来答复。' }, 'unit/clues')).statusCode).toBe(403);
    // A unit neither handling nor asked does not see it.
    expect((await stranger.get(`/api/v1/unit/clues/${c.id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/unit/clues/${c.id}/co-views`, { version: 2, views: '我们也有意见' })).statusCode).toBe(404);

    // Views too short: 400 on the field; at an old version: 409.
    expect((await coHandler.post(`/api/v1/unit/clues/${c.id}/co-views`, { version: v.coUnits[0].version, views: '好' })).json().fields)
      .toEqual([expect.objectContaining({ path: 'views' })]);
    expect((await coHandler.post(`/api/v1/unit/clues/${c.id}/co-views`, { version: 1, views: '同意主办单位意见' })).statusCode).toBe(409);
    const sent = await coHandler.post(`/api/v1/unit/clues/${c.id}/co-views`, { version: v.coUnits[0].version, views: '该路段供电线路由我局负责，已安排检修，请主办单位一并答复。' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().coUnits[0]).toMatchObject({ state: 'viewed', actions: [] });
    expect((await coHandler.post(`/api/v1/unit/clues/${c.id}/co-views`, { version: v.coUnits[0].version + 1, views: '再说一次' })).statusCode).toBe(409);

    // The lead reads the views, then replies.
    const after = (await w.handler.get(`/api/v1/unit/clues/${c.id}`)).json();
    expect(after.coUnits[0]).toMatchObject({ state: 'viewed', views: expect.stringContaining('已安排检修') });
    expect(after.timeline.map((e: { label: string }) => e.label)).toEqual(expect.arrayContaining([`会办·${co.name}：提出会办意见`]));
    await must(env, w.handler, c.id, 'reply', { replyText: '已会同供电部门修复。' }, 'unit/clues');
    // The citizen's page says nothing of the co-unit.
    const track = await env.app.inject({ method: 'POST', url: '/api/v1/public/clues/track', payload: { code: c.code, secret: c.secret }, remoteAddress: '10.9.9.9' });
    expect(track.body).not.toContain(co.name);
  });

  it('lets the office stop waiting for views, with a reason; refused when nobody is waited for', async () => {
    const c = await clueAt(env, w, 'accepted');
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id, coUnitIds: [co.id] });
    expect((await act(env, w.staff, c.id, 'waive_views', {})).json().fields).toEqual([expect.objectContaining({ path: 'reason' })]);
    const d = await must(env, w.staff, c.id, 'waive_views', { reason: '会办单位逾期未提意见，主办单位先行答复' });
    expect(d.coUnits).toEqual([expect.objectContaining({ state: 'waived', stateLabel: '不再等待', note: '会办单位逾期未提意见，主办单位先行答复' })]);
    expect((await act(env, w.staff, c.id, 'waive_views', { reason: '再来一次' })).statusCode).toBe(409);
    await must(env, w.handler, c.id, 'reply', { replyText: '已修复。' }, 'unit/clues');
    const counitIds = (await coUnits(c.id)).map((k) => k.id);
    const audit = await env.db.selectFrom('audit_log').select('action').where((eb) => eb.or([
      eb.and([eb('entity', '=', 'clue'), eb('entity_id', '=', c.id)]),
      eb.and([eb('entity', '=', 'clue_counit'), eb('entity_id', 'in', counitIds)]),
    ])).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['clue.waive_views', 'clue_counit.waive']));
  });

  it('withdraws the co-units still asked when the lead returns the clue, and asks the new ones at the next forwarding', async () => {
    const c = await clueAt(env, w, 'accepted');
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id, coUnitIds: [co.id] });
    await must(env, w.handler, c.id, 'return', { reason: '不属于本单位职责' }, 'unit/clues');
    expect((await coUnits(c.id)).map((k) => k.state)).toEqual(['withdrawn']);
    await must(env, w.staff, c.id, 'forward', { unitId: co.id, coUnitIds: [w.unit.id] });
    expect((await coUnits(c.id)).map((k) => [k.unit_id, k.state])).toEqual([[co.id, 'withdrawn'], [w.unit.id, 'asked']]);
    // The withdrawn case no longer holds up the reply; the new one does.
    expect((await act(env, coHandler, c.id, 'reply', { replyText: '已办。' }, 'unit/clues')).statusCode).toBe(409);
  });

  it('reminds a co-unit whose views are late through the platform deadline job', async () => {
    const c = await clueAt(env, w, 'accepted');
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id, coUnitIds: [co.id] });
    const [k] = await coUnits(c.id);
    await runDeadlines(env.db, new Date(Date.parse(k!.due_at!) + 3_600_000), [CLUE_COUNIT_CASE_TYPE]);
    const notes = await env.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', coUser.id).where('title', 'like', '催办%')
      .where('link', '=', `/unit/clues/${c.id}`).execute();
    expect(notes).toEqual([{ title: '催办：线索会办已超期', link: `/unit/clues/${c.id}` }]);
  });
});

describe(`采纳并转办 (${DIALECT})`, () => {
  it('accepts and forwards a clue waiting for triage in one step, both on the timeline', async () => {
    const c = await submitClue(env, w.county);
    const before = (await w.staff.get(`/api/v1/clues/${c.id}`)).json();
    expect(before.actions.find((a: { name: string }) => a.name === 'accept_forward')).toMatchObject({ label: '采纳并转办', available: true });
    const res = await w.staff.post(`/api/v1/clues/${c.id}/accept-forward`, { version: before.version, unitId: w.unit.id, dueDate: inWorkingDays(5), forwardNote: '请尽快处理' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'forwarded', unitId: w.unit.id, forwardNote: '请尽快处理' });
    expect((await eventsOf(env, c.id)).map((e) => e.transition)).toEqual(['submit', 'accept', 'forward']);
    const audit = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'clue').where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['clue.accept', 'clue.forward']));
    const row = await clueRow(c.id);
    expect(row.accepted_at).not.toBeNull();
    expect(cstDate(new Date(row.due_at!))).toBe(inWorkingDays(5));
  });

  it('does neither when the forwarding is refused, and is not offered once the clue is accepted', async () => {
    const c = await submitClue(env, w.county);
    const version = await versionOf(env, c.id);
    const noUnit = await w.staff.post(`/api/v1/clues/${c.id}/accept-forward`, { version });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().fields).toEqual([expect.objectContaining({ path: 'unitId' })]);
    const badDate = await w.staff.post(`/api/v1/clues/${c.id}/accept-forward`, { version, unitId: w.unit.id, dueDate: inDays(0) });
    expect(badDate.json().fields).toEqual([expect.objectContaining({ path: 'dueDate' })]);
    expect(await clueRow(c.id)).toMatchObject({ state: 'submitted', version, accepted_at: null });
    expect((await eventsOf(env, c.id)).map((e) => e.transition)).toEqual(['submit']);
    await must(env, w.staff, c.id, 'accept');
    expect((await w.staff.get(`/api/v1/clues/${c.id}`)).json().actions.some((a: { name: string }) => a.name === 'accept_forward')).toBe(false);
    expect((await w.staff.post(`/api/v1/clues/${c.id}/accept-forward`, { version: version + 1, unitId: w.unit.id })).statusCode).toBe(409);
  });
});

describe(`分派: the unit’s 负责人 gives the clue to a handler (${DIALECT})`, () => {
  it('lists the unit’s handlers; the 负责人 assigns, audited; the assignee finds it first in 我的待办', async () => {
    const people = (await w.handler.get('/api/v1/unit/clues/handlers')).json();
    expect(people.canAssign).toBe(true);
    expect(people.items.map((p: { id: number; lead: boolean }) => [p.id, p.lead])).toEqual([[w.handlerUser.id, true], [handler2User.id, false]]);
    expect((await handler2.get('/api/v1/unit/clues/handlers')).json().canAssign).toBe(false);

    const older = await clueAt(env, w, 'forwarded');
    const c = await clueAt(env, w, 'forwarded');
    // Only the 负责人; only to someone of the unit.
    const byHandler = await act(env, handler2, c.id, 'assign_handler', { assigneeId: handler2User.id }, 'unit/clues');
    expect(byHandler.statusCode).toBe(409);
    expect(byHandler.json().message).toBe('只有本单位负责人可以分派经办人');
    expect((await act(env, w.handler, c.id, 'assign_handler', { assigneeId: coUser.id }, 'unit/clues')).json().fields)
      .toEqual([{ path: 'assigneeId', message: '请选择本单位在岗的经办人' }]);
    const d = await must(env, w.handler, c.id, 'assign_handler', { assigneeId: handler2User.id, reason: '请你牵头办理' }, 'unit/clues');
    expect(d.assignee).toEqual({ id: handler2User.id, name: expect.any(String) });
    const audit = await env.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity', '=', 'clue').where('entity_id', '=', c.id).where('action', '=', 'clue.assign_handler').execute();
    expect(audit).toEqual([{ action: 'clue.assign_handler', actor_id: w.handlerUser.id }]);
    const notice = await env.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', handler2User.id).where('title', '=', '分派给您的线索').execute();
    expect(notice).toEqual([{ title: '分派给您的线索', link: `/unit/clues/${c.id}` }]);
    // The staff timeline says who got it; the citizen's page does not.
    expect((await w.staff.get(`/api/v1/clues/${c.id}`)).json().timeline.at(-1)).toMatchObject({ transition: 'assign_handler', data: expect.objectContaining({ assigneeId: handler2User.id }) });

    const work = (await handler2.get('/api/v1/work')).json() as { items: { id: number; type: string; tags: string[] }[] };
    expect(work.items[0]).toMatchObject({ type: 'clue', id: c.id, tags: expect.arrayContaining(['mine']) });
    expect(work.items.find((i) => i.id === older.id)?.tags).not.toContain('mine');
    // The 负责人's own list does not mark it as theirs.
    const lead = (await w.handler.get('/api/v1/work')).json() as { items: { id: number; tags: string[] }[] };
    expect(lead.items.find((i) => i.id === c.id)?.tags).not.toContain('mine');
    // A return takes it back from the assignee.
    await must(env, handler2, c.id, 'return', { reason: '不属于本单位职责' }, 'unit/clues');
    expect((await clueRow(c.id)).assignee_id).toBeNull();
  });
});
