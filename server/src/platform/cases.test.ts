import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { WorkflowError, type Actor, type ChildRef, type WorkflowDef } from '@xs/core/workflow.ts';
import type { Database } from '../db/database.ts';
import { createTableWithId } from '../db/schema-helpers.ts';
import { createCounty, createUnit, createUser, rejectionOf, setSetting, type TestEnv, createTestApp } from '../test/helper.ts';
import { AppError } from './errors.ts';
import { childrenOf, completeLink, linkCases, linksOf, pendingLinks, registerCaseType, type CaseType } from './cases.ts';
import { runDeadlines } from './deadlines.ts';
import { bindWorkflow, type CaseRow } from './workflow.ts';

/** A parent case (an item) with child cases (jobs): a join rule, named clocks, events, the deadline job. */
type PS = 'open' | 'closed';
type KS = 'doing' | 'done' | 'dropped';
interface Parent { state: PS; version: number }
interface Kid { state: KS; version: number; unit_id: number }
interface Loaded { children: ChildRef[] }

const parentDef: WorkflowDef<PS, 'close', Parent, Loaded> = {
  name: 'item', label: '事项', initial: 'open',
  states: { open: { label: '办理中', waitingOn: 'unit' }, closed: { label: '已办结', terminal: true } },
  children: { job: { label: '子项', states: ['doing', 'done', 'dropped'] } },
  transitions: { close: { label: '办结', from: ['open'], to: 'closed', roles: ['staff'], join: [{ child: 'job', states: ['done', 'dropped'], reason: '还有子项未完成' }] } },
  events: { note: { label: '备注', roles: ['staff'], timeline: '添加了备注', audit: 'item.noted', publicText: '工作人员已跟进' } },
};

const kidDef: WorkflowDef<KS, 'finish' | 'extend' | 'restart' | 'drop', Kid> = {
  name: 'job', label: '子项', initial: 'doing',
  states: { doing: { label: '办理中', waitingOn: 'unit' }, done: { label: '已完成', terminal: true }, dropped: { label: '已撤销', terminal: true } },
  clocks: { deadline: { label: '办理', kind: 'workingDays', setting: 'job.days', default: 2, cap: { kind: 'workingDays', setting: 'job.capDays', default: 5 } } },
  dueClock: 'deadline',
  transitions: {
    finish: { label: '完成', from: ['doing'], to: 'done', roles: ['unit_handler'], relation: { label: '承办单位', test: (a, c) => a.unitId === c.unit_id }, clocks: { deadline: 'stop' } },
    extend: { label: '延期', from: ['doing'], to: 'doing', roles: ['staff'], clocks: { deadline: { extend: 'days' } } },
    restart: { label: '重新计时', from: ['doing'], to: 'doing', roles: ['staff'], clocks: { deadline: 'reset' } },
    drop: { label: '撤销', from: ['doing'], to: 'dropped', roles: ['staff'] },
  },
};

let env: TestEnv;
let tenant: number;
let other: number;
let unitId: number;
let unitUser: number;
let staffUser: number;
let leaderUser: number;
const staff: Actor = { id: 1, name: '干部', roles: ['staff'] };
let unit: Actor;
/** Friday 16 October 2026, 10:00 CST. */
const NOW = new Date('2026-10-16T02:00:00Z');

const items = bindWorkflow({
  def: parentDef, table: 'v2_items' as keyof Database & string, caseType: 'item', label: '事项',
  load: async (db, c) => ({ children: await childrenOf(db, c.tenant_id, 'item', c.id) }),
});
const jobs = bindWorkflow({ def: kidDef, table: 'v2_jobs' as keyof Database & string, caseType: 'job', label: '子项' });

interface Row { id: number; tenant_id: number; state: string; version: number; due_at: string | null; code: string; unit_id?: number; parent_type?: string | null; parent_id?: number | null }
const raw = () => env.db as unknown as Kysely<{ v2_items: Row; v2_jobs: Row }>;
let seq = 0;
const newItem = (tenantId = tenant) => raw().insertInto('v2_items').values({ tenant_id: tenantId, state: 'open', version: 1, due_at: null, code: `IT-${++seq}` } as never).returningAll().executeTakeFirstOrThrow();
const newJob = (parentId: number | null, tenantId = tenant) => raw().insertInto('v2_jobs')
  .values({ tenant_id: tenantId, state: 'doing', version: 1, due_at: null, code: `JOB-${++seq}`, unit_id: unitId, parent_type: parentId ? 'item' : null, parent_id: parentId } as never)
  .returningAll().executeTakeFirstOrThrow();
const clockOf = (id: number) => env.db.selectFrom('case_clocks').selectAll().where('case_type', '=', 'job').where('case_id', '=', id).where('name', '=', 'deadline').executeTakeFirst();

beforeAll(async () => {
  env = await createTestApp();
  for (const [name, child] of [['v2_items', false], ['v2_jobs', true]] as const) {
    let t = createTableWithId(env.db as never, name)
      .addColumn('tenant_id', 'integer', (c) => c.notNull()).addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull()).addColumn('due_at', 'text').addColumn('code', 'text');
    if (child) t = t.addColumn('unit_id', 'integer').addColumn('parent_type', 'text').addColumn('parent_id', 'integer');
    await t.execute();
  }
  tenant = (await createCounty(env.db)).id;
  other = (await createCounty(env.db)).id;
  unitId = (await createUnit(env.db, tenant)).id;
  unitUser = (await createUser(env.db, tenant, ['unit_handler'], { unitId })).id;
  staffUser = (await createUser(env.db, tenant, ['staff'])).id;
  leaderUser = (await createUser(env.db, tenant, ['leader'])).id;
  unit = { id: unitUser, name: '承办人', roles: ['unit_handler'], unitId };
  registerCaseType({ name: 'item', label: '事项', table: 'v2_items' as keyof Database & string, def: parentDef, responsible: () => ({ roles: ['staff'] }) });
  registerCaseType(jobType());
});
afterAll(async () => env.close());

describe('bound runner: join rules through the load step', () => {
  it('refuses to close a parent while a child is open, with the join reason, and writes nothing', async () => {
    const item = await newItem();
    const job = await newJob(item.id);
    await newJob(null); // a job without a parent never counts
    const err = await rejectionOf(items.apply(env.db, { tenantId: tenant, id: item.id, expectedVersion: 1, actor: staff, transition: 'close', now: NOW }));
    expect(err).toBeInstanceOf(WorkflowError);
    expect(err).toMatchObject({ code: 'gate', message: '还有子项未完成（还有 1 项）' });
    expect(await items.available(env.db, item as unknown as Parent & CaseRow, staff)).toEqual([
      { name: 'close', label: '办结', kind: 'transition', available: false, reason: '还有子项未完成（还有 1 项）', code: 'gate' },
      { name: 'note', label: '备注', kind: 'event', available: true },
    ]);
    expect(await items.timeline(env.db, tenant, item.id)).toEqual([]);

    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 1, actor: unit, transition: 'finish', now: NOW });
    const { row } = await items.apply(env.db, { tenantId: tenant, id: item.id, expectedVersion: 1, actor: staff, transition: 'close', now: NOW });
    expect(row.state).toBe('closed');
  });

  it('sees only the children in the same county', async () => {
    const item = await newItem();
    await newJob(item.id, other);
    expect(await childrenOf(env.db, tenant, 'item', item.id)).toEqual([]);
  });
});

describe('bound runner: named clocks', () => {
  it('stores a started clock, mirrors the due clock on the row, extends within the cap and stops it', async () => {
    const job = await newJob(null);
    // The clock starts with the case: a module starts it with a transition; here `restart` plays that part.
    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 1, actor: staff, transition: 'restart', now: NOW });
    // Friday + 2 working days = Tuesday; cap Friday + 5 = the next Friday.
    expect(await clockOf(job.id)).toMatchObject({ tenant_id: tenant, anchor_at: NOW.toISOString(), due_at: '2026-10-20T15:59:59.999Z', cap_at: '2026-10-23T15:59:59.999Z', stopped_at: null });
    expect((await raw().selectFrom('v2_jobs').select('due_at').where('id', '=', job.id).executeTakeFirstOrThrow()).due_at).toBe('2026-10-20T15:59:59.999Z');

    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 2, actor: staff, transition: 'extend', input: { fields: { days: 2 } }, now: NOW });
    expect(await clockOf(job.id)).toMatchObject({ due_at: '2026-10-22T15:59:59.999Z' });
    const tooFar = await rejectionOf(jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 3, actor: staff, transition: 'extend', input: { fields: { days: 2 } }, now: NOW }));
    expect(tooFar).toMatchObject({ code: 'requirements', fields: [{ path: 'days', message: '「办理」最迟只能延至 2026-10-23' }] });

    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 3, actor: unit, transition: 'finish', now: NOW });
    expect(await clockOf(job.id)).toMatchObject({ stopped_at: NOW.toISOString() });
    expect((await raw().selectFrom('v2_jobs').select('due_at').where('id', '=', job.id).executeTakeFirstOrThrow()).due_at).toBeNull();
  });

  it('takes the clock length from the county setting', async () => {
    await setSetting(env.db, tenant, 'job.days', 1);
    const job = await newJob(null);
    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 1, actor: staff, transition: 'restart', now: NOW });
    expect((await clockOf(job.id))?.due_at).toBe('2026-10-19T15:59:59.999Z');
    await env.db.deleteFrom('settings').where('tenant_id', '=', tenant).where('key', '=', 'job.days').execute();
    await setSetting(env.db, tenant, 'job.days', 2);
  });

  it('stops a running clock when the case leaves the open states by a transition that names no clock', async () => {
    const job = await newJob(null);
    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 1, actor: staff, transition: 'restart', now: NOW });
    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 2, actor: staff, transition: 'drop', now: NOW });
    expect((await clockOf(job.id))?.stopped_at).toBe(NOW.toISOString());
  });
});

describe('bound runner: declared events', () => {
  it('records the definition’s timeline, audit action and public wording, keeps the state, bumps the version', async () => {
    const item = await newItem();
    const { plan, row } = await items.fire(env.db, { tenantId: tenant, id: item.id, expectedVersion: 1, actor: staff, event: 'note', input: { reason: '已电话联系' }, now: NOW });
    expect(plan.timeline).toBe('添加了备注');
    expect(row).toMatchObject({ state: 'open', version: 2 });
    expect(await items.timeline(env.db, tenant, item.id)).toEqual([expect.objectContaining({
      transition: 'note', label: '添加了备注', from: 'open', to: 'open', note: '已电话联系', data: { publicText: '工作人员已跟进' },
    })]);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('entity', '=', 'item').where('entity_id', '=', item.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['item.noted']);
  });

  it('refuses a stale version and an actor the event does not list, writing nothing', async () => {
    const item = await newItem();
    expect(await rejectionOf(items.fire(env.db, { tenantId: tenant, id: item.id, expectedVersion: 7, actor: staff, event: 'note' }))).toMatchObject({ code: 'stale_version' });
    expect(await rejectionOf(items.fire(env.db, { tenantId: tenant, id: item.id, expectedVersion: 1, actor: unit, event: 'note' }))).toMatchObject({ code: 'forbidden' });
    expect(await rejectionOf(items.fire(env.db, { tenantId: other, id: item.id, actor: staff, event: 'note' }))).toMatchObject({ code: 'not_found' });
    expect(await items.timeline(env.db, tenant, item.id)).toEqual([]);
  });
});

describe('case links', () => {
  it('links two cases both ways with the inverse kind and lists them from either side', async () => {
    const a = await newItem();
    const b = await newItem();
    await env.db.transaction().execute((trx) => linkCases(trx, { tenantId: tenant, from: { type: 'item', id: a.id }, kind: 'merged_into', to: { type: 'item', id: b.id }, actorId: staffUser, now: NOW }));
    expect(await linksOf(env.db, tenant, { type: 'item', id: a.id })).toEqual([expect.objectContaining({ kind: 'merged_into', label: '并入', to: { type: 'item', id: b.id } })]);
    expect(await linksOf(env.db, tenant, { type: 'item', id: b.id })).toEqual([expect.objectContaining({ kind: 'merged_from', to: { type: 'item', id: a.id } })]);
    const again = await rejectionOf(linkCases(env.db, { tenantId: tenant, from: { type: 'item', id: a.id }, kind: 'merged_into', to: { type: 'item', id: b.id } }));
    expect(again).toBeInstanceOf(AppError);
    expect(again).toMatchObject({ code: 'conflict' });
    expect(await rejectionOf(linkCases(env.db, { tenantId: tenant, from: { type: 'item', id: a.id }, kind: 'same_matter_as', to: { type: 'item', id: a.id } }))).toMatchObject({ code: 'bad_request' });
  });

  it('refuses a case of another county as not found', async () => {
    const mine = await newItem();
    const theirs = await newItem(other);
    const err = await rejectionOf(linkCases(env.db, { tenantId: tenant, from: { type: 'item', id: mine.id }, kind: 'same_matter_as', to: { type: 'item', id: theirs.id } }));
    expect(err).toMatchObject({ code: 'not_found' });
    expect(await linksOf(env.db, tenant, { type: 'item', id: mine.id })).toEqual([]);
  });

  it('keeps a link waiting for its target, then completes it with the inverse', async () => {
    const a = await newItem();
    await linkCases(env.db, { tenantId: tenant, from: { type: 'item', id: a.id }, kind: 'converted_into', to: { type: 'job', id: null } });
    const waiting = await pendingLinks(env.db, tenant, 'converted_into', 'job');
    expect(waiting.map((w) => w.from_id)).toContain(a.id);
    const job = await newJob(null);
    await completeLink(env.db, tenant, waiting.find((w) => w.from_id === a.id)!.id, job.id);
    expect(await linksOf(env.db, tenant, { type: 'job', id: job.id })).toEqual([expect.objectContaining({ kind: 'converted_from', to: { type: 'item', id: a.id } })]);
    expect((await pendingLinks(env.db, tenant, 'converted_into', 'job')).map((w) => w.from_id)).not.toContain(a.id);
  });
});

describe('the platform deadline job', () => {
  const inbox = async (userId: number) => env.db.selectFrom('notifications').select(['title', 'body', 'link']).where('user_id', '=', userId).orderBy('id').execute();

  it('flags an overdue clock, reminds the responsible unit once per period and escalates by lateness', async () => {
    await env.db.deleteFrom('case_clocks').execute();
    const job = await newJob(null);
    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 1, actor: staff, transition: 'restart', now: NOW });
    const stopped = await newJob(null);
    await jobs.apply(env.db, { tenantId: tenant, id: stopped.id, expectedVersion: 1, actor: staff, transition: 'restart', now: NOW });
    await jobs.apply(env.db, { tenantId: tenant, id: stopped.id, expectedVersion: 2, actor: unit, transition: 'finish', now: NOW });
    const before = (await inbox(unitUser)).length;

    // Not yet due: nothing.
    expect(await runDeadlines(env.db, new Date('2026-10-20T10:00:00Z'), [jobType()])).toBe(0);
    // Wednesday, the day after the due Tuesday: one 催办 to the unit, the clock flagged.
    const wed = new Date('2026-10-21T01:00:00Z');
    expect(await runDeadlines(env.db, wed, [jobType()])).toBe(1);
    expect(await clockOf(job.id)).toMatchObject({ overdue_at: wed.toISOString(), last_reminded_at: wed.toISOString(), escalation: 0 });
    const got = (await inbox(unitUser)).slice(before);
    expect(got).toEqual([{ title: '催办：子项已超期', body: expect.stringContaining(`子项「JOB-`), link: `/jobs/${job.id}` }]);
    expect(got[0]!.body).toContain('办理期限 2026-10-20 已过');
    // The same period again (a second process, or the next tick): nothing more.
    expect(await runDeadlines(env.db, new Date(wed.getTime() + 3600_000), [jobType()])).toBe(0);
    expect((await inbox(unitUser)).length).toBe(before + 1);
    const staffBefore = (await inbox(staffUser)).length;

    // Four days late: level 1, staff told too.
    const later = new Date('2026-10-24T01:00:00Z');
    expect(await runDeadlines(env.db, later, [jobType()])).toBe(1);
    expect(await clockOf(job.id)).toMatchObject({ overdue_at: wed.toISOString(), escalation: 1 });
    expect((await inbox(staffUser)).slice(staffBefore)).toEqual([expect.objectContaining({ title: '督办：子项已超期' })]);
    expect(await inbox(leaderUser)).toEqual([]);
    // Eleven days late: level 2, leaders too.
    expect(await runDeadlines(env.db, new Date('2026-10-31T01:00:00Z'), [jobType()])).toBe(1);
    expect(await inbox(leaderUser)).toEqual([expect.objectContaining({ title: '领导督办：子项已超期' })]);

    const timeline = await jobs.timeline(env.db, tenant, job.id);
    expect(timeline.filter((e) => e.transition === 'remind').map((e) => e.label)).toEqual(['催办', '督办', '领导督办']);
    const row = await raw().selectFrom('v2_jobs').select('version').where('id', '=', job.id).executeTakeFirstOrThrow();
    // Reminders never make an open form stale.
    expect(row.version).toBe(2);
    expect(await jobs.timeline(env.db, tenant, stopped.id)).not.toContainEqual(expect.objectContaining({ transition: 'remind' }));
  });

  it('follows the county’s reminder interval', async () => {
    await env.db.deleteFrom('case_clocks').execute();
    await setSetting(env.db, tenant, 'case.remindEveryDays', 3);
    const job = await newJob(null);
    await jobs.apply(env.db, { tenantId: tenant, id: job.id, expectedVersion: 1, actor: staff, transition: 'restart', now: NOW });
    expect(await runDeadlines(env.db, new Date('2026-10-21T01:00:00Z'), [jobType()])).toBe(1);
    expect(await runDeadlines(env.db, new Date('2026-10-22T01:00:00Z'), [jobType()])).toBe(0);
    expect(await runDeadlines(env.db, new Date('2026-10-24T01:00:00Z'), [jobType()])).toBe(1);
  });
});

function jobType(): CaseType {
  return {
    name: 'job', label: '子项', table: 'v2_jobs' as keyof Database & string, def: kidDef, child: true,
    responsible: (_db, row) => ({ unitIds: [Number(row.unit_id)] }), path: (row) => `/jobs/${row.id}`,
  };
}
