/**
 * The clue's commands on the bound runner: each action offered open or closed with its reason, the declared events
 * (催办, 内部备注, 延期申请 and its answers, 回访确认) with their timeline, audit names and the citizen's words from
 * the definition, and an extension request that waits for one answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/helper.ts';
import { act, clueAt, createClueWorld, eventsOf, must, publicPost, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

interface Action { name: string; label: string; available: boolean; reason?: string }
const actionsOf = async (id: number, portal: 'clues' | 'unit/clues' = 'clues'): Promise<Action[]> => {
  const res = await (portal === 'clues' ? w.staff : w.handler).get(`/api/v1/${portal}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().actions;
};
const action = (list: Action[], name: string) => list.find((a) => a.name === name);
const clueRow = (id: number) => env.db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditOf = (id: number) => env.db.selectFrom('audit_log').select(['action', 'summary']).where('entity', '=', 'clue').where('entity_id', '=', id).orderBy('id').execute();

describe('clue actions as the engine sees them', () => {
  it('lists staff actions of the state open, and 同意/不同意延期 closed with the reason until a request waits', async () => {
    const c = await clueAt(env, w, 'forwarded');
    const staff = await actionsOf(c.id);
    expect(action(staff, 'remind')).toMatchObject({ label: '催办', available: true });
    expect(action(staff, 'note')).toMatchObject({ label: '内部备注', available: true });
    expect(action(staff, 'grant_extension')).toEqual(expect.objectContaining({ available: false, reason: '没有待审的延期申请' }));
    expect(action(staff, 'deny_extension')).toEqual(expect.objectContaining({ available: false, reason: '没有待审的延期申请' }));
    // Actions of another state are not offered at all, nor the unit's.
    expect(action(staff, 'accept')).toBeUndefined();
    expect(action(staff, 'reply')).toBeUndefined();
    const unit = await actionsOf(c.id, 'unit/clues');
    expect(unit.map((a) => [a.name, a.available])).toEqual(expect.arrayContaining([['reply', true], ['return', true], ['request_extension', true]]));
    expect(action(unit, 'remind')).toBeUndefined();
  });

  it('takes one extension request at a time; 不同意 answers it, the deadline stays, and a new request may follow', async () => {
    const c = await clueAt(env, w, 'forwarded');
    const due = (await clueRow(c.id)).due_at;
    // Nothing to answer yet: refused, nothing written.
    expect((await act(env, w.staff, c.id, 'deny_extension', { reason: '请按期办理' })).statusCode).toBe(409);
    await must(env, w.handler, c.id, 'request_extension', { reason: '需协调电力公司', days: 5 }, 'unit/clues');
    expect((await clueRow(c.id)).extension_request_days).toBe(5);
    const second = await act(env, w.handler, c.id, 'request_extension', { reason: '再申请一次', days: 3 }, 'unit/clues');
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('已有一项延期申请（5 个工作日）待县政协答复');
    const unitView = await actionsOf(c.id, 'unit/clues');
    expect(action(unitView, 'request_extension')).toMatchObject({ available: false, reason: expect.stringContaining('待县政协答复') });
    expect(action(await actionsOf(c.id), 'grant_extension')).toMatchObject({ available: true });

    // Without a reason 不同意 is refused with the field named.
    const bare = await act(env, w.staff, c.id, 'deny_extension', {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().fields).toEqual([expect.objectContaining({ path: 'reason' })]);
    const denied = await must(env, w.staff, c.id, 'deny_extension', { reason: '群众反映强烈，请按原期限办结' });
    expect(denied.state).toBe('forwarded');
    expect(await clueRow(c.id)).toMatchObject({ extension_request_days: null, extension_days: 0, due_at: due });
    expect(await env.db.selectFrom('notifications').select('body').where('title', '=', '延期申请未同意').where('link', '=', `/unit/clues/${c.id}`).execute())
      .toEqual([{ body: expect.stringContaining('群众反映强烈') }]);
    expect((await act(env, w.staff, c.id, 'grant_extension', { days: 5 })).statusCode).toBe(409);

    // A second request after the answer is taken, and 同意 answers it.
    await must(env, w.handler, c.id, 'request_extension', { reason: '设备到货推迟', days: 3 }, 'unit/clues');
    await must(env, w.staff, c.id, 'grant_extension', { days: 3 });
    expect(await clueRow(c.id)).toMatchObject({ extension_request_days: null, extension_days: 3 });
    const events = (await eventsOf(env, c.id)).map((e) => e.transition);
    expect(events.slice(-5)).toEqual(['forward', 'request_extension', 'deny_extension', 'request_extension', 'grant_extension']);
    expect((await auditOf(c.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['clue.request_extension', 'clue.deny_extension', 'clue.grant_extension']));
  });

  it('runs one clock per stage: the row carries the running one, 同意延期 extends the unit’s clock within its cap', async () => {
    const clocks = async (id: number) => Object.fromEntries((await env.db.selectFrom('case_clocks').selectAll().where('case_type', '=', 'clue').where('case_id', '=', id).execute())
      .map((k) => [k.name, k]));
    const c = await clueAt(env, w, 'forwarded');
    let k = await clocks(c.id);
    expect(k.accept?.stopped_at).not.toBeNull();
    expect(k.dispatch?.stopped_at).not.toBeNull();
    expect(k.handle).toMatchObject({ stopped_at: null });
    expect((await clueRow(c.id)).due_at).toBe(k.handle!.due_at);
    // The cap is 20 working days past the first due date (clue.maxExtensionDays).
    const detail = (await w.staff.get(`/api/v1/clues/${c.id}`)).json();
    expect(detail.clocks.map((x: { name: string }) => x.name)).toEqual(['accept', 'dispatch', 'handle']);
    expect(detail.clocks.find((x: { name: string }) => x.name === 'handle')).toMatchObject({ label: '办理答复', capAt: k.handle!.cap_at, stoppedAt: null });
    expect((await w.handler.get(`/api/v1/unit/clues/${c.id}`)).json().clocks.map((x: { name: string }) => x.name)).toEqual(['handle']);

    await must(env, w.handler, c.id, 'request_extension', { reason: '需协调电力公司', days: 4 }, 'unit/clues');
    const granted = await must(env, w.staff, c.id, 'grant_extension', { days: 4 });
    k = await clocks(c.id);
    expect(k.handle!.due_at > (detail.dueAt as string)).toBe(true);
    expect(granted.dueAt).toBe(k.handle!.due_at);
    expect((await clueRow(c.id)).due_at).toBe(k.handle!.due_at);
    // Past the cap: refused with the field named, nothing changed.
    const over = await act(env, w.handler, c.id, 'request_extension', { reason: '还需要更多时间', days: 17 }, 'unit/clues');
    expect(over.statusCode).toBe(400);
    expect(over.json().fields).toEqual([expect.objectContaining({ path: 'days', message: '延期累计不能超过 20 个工作日' })]);
    expect((await clocks(c.id)).handle!.due_at).toBe(k.handle!.due_at);

    await must(env, w.handler, c.id, 'reply', { replyText: '已协调修复。' }, 'unit/clues');
    k = await clocks(c.id);
    expect(k.handle?.stopped_at).not.toBeNull();
    expect(k.review).toMatchObject({ stopped_at: null });
    expect((await clueRow(c.id)).due_at).toBe(k.review!.due_at);
    await must(env, w.staff, c.id, 'resolve');
    k = await clocks(c.id);
    expect(k.rate).toMatchObject({ stopped_at: null });
    const rated = await publicPost(env, '/clues/rate', { code: c.code, secret: c.secret, rating: 'satisfied' });
    expect(rated.statusCode).toBe(200);
    expect(Object.values(await clocks(c.id)).every((x) => x.stopped_at !== null)).toBe(true);
    expect((await clueRow(c.id)).due_at).toBeNull();
  });

  it('a reply answers an open request: it no longer waits, and the clue resolves', async () => {
    const c = await clueAt(env, w, 'forwarded');
    await must(env, w.handler, c.id, 'request_extension', { reason: '需协调', days: 2 }, 'unit/clues');
    await must(env, w.handler, c.id, 'reply', { replyText: '已修复。' }, 'unit/clues');
    expect((await clueRow(c.id)).extension_request_days).toBeNull();
    await must(env, w.staff, c.id, 'resolve');
  });

  it('催办 by staff: the unit is told with the message, the timeline and audit say 催办, the citizen sees nothing of it', async () => {
    const c = await clueAt(env, w, 'forwarded');
    const detail = await must(env, w.staff, c.id, 'remind', { reason: '群众再次来电，请本周内答复' });
    expect(detail.state).toBe('forwarded');
    expect((await clueRow(c.id)).reminded_at).not.toBeNull();
    const notes = await env.db.selectFrom('notifications').select(['body', 'user_id']).where('title', '=', '催办：线索').where('link', '=', `/unit/clues/${c.id}`).execute();
    expect(notes).toEqual([{ body: expect.stringContaining('群众再次来电，请本周内答复'), user_id: w.handlerUser.id }]);
    const last = (await eventsOf(env, c.id)).at(-1)!;
    expect(last).toMatchObject({ transition: 'remind', label: '催办', from_state: 'forwarded', to_state: 'forwarded', note: '群众再次来电，请本周内答复' });
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ action: 'clue.remind' });
    const track = await publicPost(env, '/clues/track', { code: c.code, secret: c.secret });
    expect(JSON.stringify(track.json().timeline)).not.toContain('催办');
    // Not before the clue is with a unit; a unit cannot 催办.
    const fresh = await clueAt(env, w, 'accepted');
    expect((await act(env, w.staff, fresh.id, 'remind')).statusCode).toBe(409);
    expect((await act(env, w.handler, c.id, 'remind', {}, 'unit/clues')).statusCode).toBe(400);
  });

  it('内部备注 in any state: on the staff timeline only, never the unit\'s or the citizen\'s', async () => {
    const c = await clueAt(env, w, 'forwarded');
    await must(env, w.staff, c.id, 'note', { reason: '已电话联系反映人，约定周三现场查看' });
    const staffView = (await w.staff.get(`/api/v1/clues/${c.id}`)).json();
    expect(staffView.timeline.at(-1)).toMatchObject({ transition: 'note', label: '内部备注', note: '已电话联系反映人，约定周三现场查看' });
    const unitView = (await w.handler.get(`/api/v1/unit/clues/${c.id}`)).json();
    expect(unitView.timeline.map((e: { transition: string }) => e.transition)).not.toContain('note');
    const track = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(JSON.stringify(track)).not.toContain('约定周三');
    const closed = await clueAt(env, w, 'closed');
    await must(env, w.staff, closed.id, 'note', { reason: '归档后补记：群众来电致谢' });
  });

  it('回访确认 is the declared recheck event: its public words and audit name come from the definition', async () => {
    const c = await clueAt(env, w, 'closed', { contactPhone: '13800001111', contactName: '王先生', consent: true });
    await env.db.updateTable('clues').set({ recheck_due_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', c.id).execute();
    const res = await publicPost(env, '/clues/recheck', { code: c.code, secret: c.secret, solved: true });
    expect(res.statusCode, res.body).toBe(200);
    expect((await eventsOf(env, c.id)).at(-1)).toMatchObject({ transition: 'recheck', label: '回访确认已解决', actor_kind: 'public' });
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ action: 'clue.recheck' });
    const track = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(track.timeline.at(-1)).toMatchObject({ text: '回访确认已解决' });
  });
});

describe('conversions as case links', () => {
  it('a conversion is a converted_into link waiting for its target; the queue lists it until the topic is created, and the citizen then follows the topic', async () => {
    const { pendingLinks } = await import('../../platform/cases.ts');
    const c = await clueAt(env, w, 'accepted');
    await must(env, w.staff, c.id, 'convert', { kind: 'topic', title: '城区路灯照明改善协商' });
    const waiting = await pendingLinks(env.db, w.county.id, 'converted_into', 'topic');
    const link = waiting.find((l) => l.from_type === 'clue' && l.from_id === c.id);
    expect(link).toMatchObject({ to_id: null, note: '城区路灯照明改善协商' });
    const queue = (await w.staff.get('/api/v1/clues/conversions')).json().items;
    expect(queue.find((r: { clueId: number }) => r.clueId === c.id)).toMatchObject({
      linkId: link!.id, kind: 'topic', kindLabel: '协商议题', title: '城区路灯照明改善协商', status: 'queued', targetType: 'topic', targetId: null, clueCode: c.code,
    });
    // Another county's queue does not hold it.
    const other = await createClueWorld(env);
    expect((await other.staff.get('/api/v1/clues/conversions')).json().items.map((r: { clueId: number }) => r.clueId)).not.toContain(c.id);
    // Before the topic exists the citizen reads only the timeline line.
    expect((await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json().followUps).toEqual([]);

    // 协商议事 takes it: a topic is created from the waiting link, which gets its target.
    const res = await w.staff.post('/api/v1/consultations/topics', { title: '城区路灯照明改善', source: 'clue', clueLinkId: link!.id, format: 'special', level: 'county' });
    expect(res.statusCode, res.body).toBe(201);
    const topicId = res.json().id as number;
    const after = (await w.staff.get('/api/v1/clues/conversions')).json().items.find((r: { clueId: number }) => r.clueId === c.id);
    expect(after).toMatchObject({ status: 'taken', targetId: topicId });
    const detail = (await w.staff.get(`/api/v1/clues/${c.id}`)).json();
    expect(detail.conversions).toEqual([expect.objectContaining({ kind: 'topic', status: 'taken' })]);
    expect(detail.links).toEqual([expect.objectContaining({ kind: 'converted_into', to: { type: 'topic', id: topicId } })]);
    expect((await pendingLinks(env.db, w.county.id, 'converted_into', 'topic')).map((l) => l.from_id)).not.toContain(c.id);
    // The citizen's tracking page follows the topic: its title and stage, no staff names.
    const track = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(track.followUps).toEqual([{ type: 'topic', typeLabel: '协商议题', title: '城区路灯照明改善', stage: '知情明政', path: null }]);
  });
});

describe('the contract', () => {
  it('the OpenAPI document describes the clue answers from the core response schemas', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    const detailPath = paths.find((p) => /\/clues\/\{id\}$/.test(p) && !p.includes('unit'))!;
    const detail = doc.paths[detailPath].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(detail.properties)).toEqual(expect.arrayContaining(['actions', 'timeline', 'extensionRequestDays', 'links', 'transitions']));
    const track = doc.paths[paths.find((p) => p.endsWith('/public/clues/track'))!].post.responses['200'].content['application/json'].schema;
    expect(Object.keys(track.properties)).toEqual(expect.arrayContaining(['code', 'timeline', 'canRate']));
    expect(Object.keys(track.properties)).not.toContain('contactPhone');
  });
});

describe('issue 9 housekeeping and supervision', () => {
  it('领导督办: a leader gives a 批示; staff and the unit are told, the detail shows it, staff cannot and the citizen never sees it', async () => {
    const { clientFor } = await import('../../test/helper.ts');
    const leader = (await clientFor(env, w.county.id, ['leader'])).client;
    const c = await clueAt(env, w, 'forwarded');
    const version = (await clueRow(c.id)).version;
    expect((await w.staff.post(`/api/v1/clues/${c.id}/supervise`, { version, instruction: '请尽快办理' })).statusCode).toBe(403);
    expect((await leader.post(`/api/v1/clues/${c.id}/supervise`, { version, instruction: '' })).statusCode).toBe(400);
    const res = await leader.post(`/api/v1/clues/${c.id}/supervise`, { version, instruction: '群众反映强烈，请交通局本周内解决并答复' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().instruction).toMatchObject({ text: '群众反映强烈，请交通局本周内解决并答复' });
    expect((await eventsOf(env, c.id)).at(-1)).toMatchObject({ transition: 'supervise', label: '领导督办' });
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ action: 'clue.supervise' });
    const told = await env.db.selectFrom('notifications').select(['user_id']).where('title', '=', '领导督办批示').where('body', 'like', `%${c.code}%`).execute();
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([w.staffUser.id, w.handlerUser.id]));
    const track = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(JSON.stringify(track)).not.toContain('群众反映强烈');
    // Another county's clue does not exist for this leader.
    const other = await createClueWorld(env);
    const foreign = await clueAt(env, other, 'forwarded');
    expect((await leader.post(`/api/v1/clues/${foreign.id}/supervise`, { version: 1, instruction: '请办理' })).statusCode).toBe(404);
  });

  it('分类纠错 changes the category with the before and after on the timeline; a wrong category is a 400', async () => {
    const c = await clueAt(env, w, 'accepted');
    const before = (await clueRow(c.id)).category;
    const bad = await act(env, w.staff, c.id, 'recategorize', { category: 'weather' });
    expect(bad.statusCode).toBe(400);
    const next = before === 'roads' ? 'traffic' : 'roads';
    const done = await must(env, w.staff, c.id, 'recategorize', { category: next });
    expect(done).toMatchObject({ state: 'accepted', category: next });
    expect((await eventsOf(env, c.id)).at(-1)).toMatchObject({ transition: 'recategorize', data_json: JSON.stringify({ from: before, to: next }) });
  });

  it('修改答复 keeps the old text on the timeline and shows the new one to the citizen; only with a reason', async () => {
    const c = await clueAt(env, w, 'resolved');
    expect((await act(env, w.staff, c.id, 'edit_reply', { replyText: '新的答复' })).statusCode).toBe(400);
    await must(env, w.staff, c.id, 'edit_reply', { replyText: '经核实已更换灯泡并加装防护罩，现已恢复照明。', reason: '原答复漏写整改措施' });
    expect((await clueRow(c.id)).reply_text).toBe('经核实已更换灯泡并加装防护罩，现已恢复照明。');
    const last = (await eventsOf(env, c.id)).at(-1)!;
    expect(JSON.parse(last.data_json!)).toMatchObject({ before: '已安排维修人员更换灯泡，现已恢复照明。' });
    const track = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(track.reply.text).toBe('经核实已更换灯泡并加装防护罩，现已恢复照明。');
    // Not before a reply exists.
    const early = await clueAt(env, w, 'forwarded');
    expect((await act(env, w.staff, early.id, 'edit_reply', { replyText: 'x', reason: 'y' })).statusCode).toBe(409);
  });

  it('回访记录 after resolution, staff only; the citizen sees the office\'s question above the 补充 box', async () => {
    const c = await clueAt(env, w, 'closed');
    await must(env, w.staff, c.id, 'followup', { reason: '电话回访：群众表示路灯已正常' });
    expect((await eventsOf(env, c.id)).at(-1)).toMatchObject({ transition: 'followup', label: '回访记录' });

    const asked = await clueAt(env, w, 'submitted');
    await must(env, w.staff, asked.id, 'request_info', { reason: '请说明具体在哪条路的哪一段' });
    const view = (await publicPost(env, '/clues/track', { code: asked.code, secret: asked.secret })).json();
    expect(view).toMatchObject({ canSupplement: true, question: '请说明具体在哪条路的哪一段' });
    const fresh = (await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).json();
    expect(fresh.question).toBeNull();
  });

  it('bulk 催办 sends the message to each clue\'s unit and says which could not be reminded', async () => {
    const a = await clueAt(env, w, 'forwarded');
    const b = await clueAt(env, w, 'accepted');
    const res = await w.staff.post('/api/v1/clues/bulk', {
      transition: 'remind', reason: '本周五前务必答复', items: [{ id: a.id, version: (await clueRow(a.id)).version }, { id: b.id, version: (await clueRow(b.id)).version }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ done: [a.id], failed: [{ id: b.id, message: expect.stringContaining('催办') }] });
    expect(await env.db.selectFrom('notifications').select('body').where('title', '=', '催办：线索').where('link', '=', `/unit/clues/${a.id}`).execute())
      .toEqual([{ body: expect.stringContaining('本周五前务必答复') }]);
  });
});
