import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkflowError, type Actor, type WorkflowDef } from '@xs/core/workflow.ts';
import type { Database } from '../db/database.ts';
import { createTableWithId } from '../db/schema-helpers.ts';
import { createCounty, createTestApp, DIALECT, rejectionOf, setSetting, type TestEnv } from '../test/helper.ts';
import { AppError } from './errors.ts';
import { invalidateSettings } from './settings.ts';
import { applyTransition, caseTimeline, type ApplyOptions } from './workflow.ts';

type S = 'new' | 'open' | 'done';
type T = 'open' | 'close' | 'note' | 'vanish';
interface Case { state: S; version: number; due_at?: string | null }

const def: WorkflowDef<S, T, Case> = {
  name: 'wf',
  label: '测试件',
  initial: 'new',
  states: { new: { label: '新建' }, open: { label: '办理中' }, done: { label: '已办结', terminal: true } },
  transitions: {
    open: { label: '开始办理', from: ['new'], to: 'open', roles: ['staff'], deadline: { kind: 'workingDays', setting: 'wf.deadline.open', default: 5 } },
    close: { label: '办结', from: ['open'], to: 'done', roles: ['staff'], requires: { reason: true, fields: ['result'] }, deadline: { kind: 'clear' } },
    note: { label: '备注', from: ['open'], to: 'open', roles: ['staff'] },
    // Leads to an undeclared state: the runner fails while writing the audit entry, after the update and the event.
    vanish: { label: '消失', from: ['new'], to: 'ghost' as S, roles: ['staff'] },
  },
};

/** The throwaway case table every case type's table looks like. */
const TABLE = 'wf_cases' as keyof Database & string;
const staff: Actor = { id: 42, name: '办理人', roles: ['staff'] };
const leader: Actor = { id: 43, name: '领导', roles: ['leader'] };
/** Wednesday 30 September 2026, 10:00 CST: the National Day week follows. */
const NOW = new Date('2026-09-30T02:00:00Z');

let env: TestEnv;
let tenant: number;
let otherTenant: number;

beforeAll(async () => {
  env = await createTestApp();
  await createTableWithId(env.db as never, 'wf_cases')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('code', 'text')
    .execute();
  tenant = (await createCounty(env.db)).id;
  otherTenant = (await createCounty(env.db)).id;
  await env.db.insertInto('calendar_days').values([
    ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({ tenant_id: tenant, date, kind: 'holiday' as const, name: '国庆节' })),
    { tenant_id: tenant, date: '2026-10-10', kind: 'workday' as const, name: '国庆节调休' },
  ]).execute();
  invalidateSettings(tenant);
});
afterAll(async () => env.close());

interface Row { id: number; tenant_id: number; state: string; version: number; due_at: string | null; code: string | null }
const raw = () => env.db as unknown as import('kysely').Kysely<{ wf_cases: Row }>;

let seq = 0;
async function newCase(tenantId = tenant, state: S = 'new', dueAt: string | null = null) {
  return raw().insertInto('wf_cases').values({ tenant_id: tenantId, state, version: 1, due_at: dueAt, code: `WF-${++seq}` } as never)
    .returningAll().executeTakeFirstOrThrow();
}
const read = (id: number) => raw().selectFrom('wf_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: number) => env.db.selectFrom('case_events').selectAll().where('case_type', '=', 'wf').where('case_id', '=', id).execute();
const audits = (id: number) => env.db.selectFrom('audit_log').selectAll().where('entity', '=', 'wf').where('entity_id', '=', id).execute();

const apply = (o: Partial<ApplyOptions<S, T, Case>> & { id: number; transition: T }) =>
  applyTransition(env.db, { def, table: TABLE, caseType: 'wf', label: '测试件', tenantId: tenant, actor: staff, now: NOW, ...o });

/** Whatever happened, the case and its records are as before. */
async function expectUntouched(c: Row) {
  expect(await read(c.id)).toEqual(c);
  expect(await events(c.id)).toEqual([]);
  expect(await audits(c.id)).toEqual([]);
}

beforeEach(async () => {
  await env.db.deleteFrom('settings').where('tenant_id', '=', tenant).execute();
  invalidateSettings(tenant);
});

describe('applyTransition', () => {
  it('moves the state, bumps the version, starts the deadline on the county calendar, and records event and audit', async () => {
    const c = await newCase();
    const { plan, row } = await apply({ id: c.id, transition: 'open', expectedVersion: 1, ip: '10.0.0.9' });
    expect(plan).toMatchObject({ from: 'new', to: 'open', transition: 'open' });
    // Five working days from Wed 30 Sep over the holiday: Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13 October.
    const expectedDue = new Date('2026-10-13T23:59:59.999+08:00').toISOString();
    expect(row).toMatchObject({ state: 'open', version: 2, due_at: expectedDue });
    expect(await read(c.id)).toMatchObject({ state: 'open', version: 2, due_at: expectedDue });

    const ev = await events(c.id);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      tenant_id: tenant, transition: 'open', label: '开始办理', from_state: 'new', to_state: 'open', actor_kind: 'user',
      actor_id: staff.id, actor_name: staff.name, at: NOW.toISOString(),
    });
    const au = await audits(c.id);
    expect(au).toHaveLength(1);
    expect(au[0]).toMatchObject({ tenant_id: tenant, action: 'wf.open', actor_id: staff.id, ip: '10.0.0.9', result: 'success' });
    expect(au[0]!.summary).toContain(c.code!);
    expect(au[0]!.summary).toContain('新建 → 办理中');

    expect(await caseTimeline(env.db, tenant, 'wf', c.id)).toEqual([expect.objectContaining({ transition: 'open', from: 'new', to: 'open', actorName: staff.name })]);
  });

  it('takes the deadline length from the county setting', async () => {
    await setSetting(env.db, tenant, 'wf.deadline.open', 3);
    const c = await newCase();
    const { row } = await apply({ id: c.id, transition: 'open', expectedVersion: 1 });
    // Thu 8, Fri 9 and the make-up Saturday 10 October.
    expect(row.due_at).toBe(new Date('2026-10-10T23:59:59.999+08:00').toISOString());
  });

  it('clears the deadline or keeps it as the transition declares, and stores the reason and extra changes', async () => {
    const c = await newCase(tenant, 'open', '2026-10-01T15:59:59.999Z');
    await apply({ id: c.id, transition: 'note', expectedVersion: 1 });
    expect((await read(c.id)).due_at).toBe('2026-10-01T15:59:59.999Z');
    await apply({
      id: c.id, transition: 'close', expectedVersion: 2, input: { reason: '已解决', fields: { result: 'A' } },
      changes: () => ({ code: 'WF-CLOSED' }), eventData: { result: 'A' },
    });
    expect(await read(c.id)).toMatchObject({ state: 'done', version: 3, due_at: null, code: 'WF-CLOSED' });
    const last = (await events(c.id)).at(-1)!;
    expect(last).toMatchObject({ note: '已解决', data_json: JSON.stringify({ result: 'A' }) });
  });

  it('writes the update, the event and the audit entry in one transaction', async () => {
    const c = await newCase();
    await expect(apply({ id: c.id, transition: 'vanish', expectedVersion: 1 })).rejects.toThrow();
    await expectUntouched(c);

    // Inside a caller's transaction that then fails, nothing of it remains either.
    await expect(env.db.transaction().execute(async (trx) => {
      await apply({ id: c.id, transition: 'open', expectedVersion: 1, trx });
      throw new Error('the caller fails afterwards');
    })).rejects.toThrow('the caller fails afterwards');
    await expectUntouched(c);
  });

  it('lets exactly one of two concurrent applications with the same version win; the other gets stale_version (409)', async () => {
    const c = await newCase();
    // Each waits, after reading the case, until the other has read it too (or 300 ms pass: SQLite runs
    // one transaction at a time, so there the second reads only after the first committed).
    let arrived = 0;
    const slow = {
      changes: async () => {
        arrived += 1;
        for (let i = 0; i < 30 && arrived < 2; i++) await new Promise((r) => setTimeout(r, 10));
        return {};
      },
    };
    const results = await Promise.allSettled([
      apply({ id: c.id, transition: 'open', expectedVersion: 1, ...slow }),
      apply({ id: c.id, transition: 'open', expectedVersion: 1, ...slow, actor: { ...staff, id: 77, name: '另一人' } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect(lost[0]!.reason).toMatchObject({ code: 'stale_version', status: 409 });
    expect((lost[0]!.reason as Error).message).toMatch(/已被他人处理/);
    // On PostgreSQL both really read version 1, so the guard in the UPDATE itself decided.
    if (DIALECT === 'postgres') expect(arrived).toBe(2);
    expect(await read(c.id)).toMatchObject({ state: 'open', version: 2 });
    expect(await events(c.id)).toHaveLength(1);
    expect(await audits(c.id)).toHaveLength(1);
  });

  it('refuses a stale expected version with 409 and writes nothing', async () => {
    const c = await newCase(tenant, 'open');
    await raw().updateTable('wf_cases').set({ version: 5 }).where('id', '=', c.id).execute();
    const stale = { ...c, version: 5 };
    const err = await rejectionOf(apply({ id: c.id, transition: 'note', expectedVersion: 4 }));
    expect(err).toMatchObject({ code: 'stale_version', status: 409 });
    expect((err as Error).message).toContain('办理中');
    await expectUntouched(stale);
  });

  it('writes nothing when a requirement is missing, and lists every missing one', async () => {
    const c = await newCase(tenant, 'open');
    const err = await rejectionOf(apply({ id: c.id, transition: 'close', expectedVersion: 1, input: { reason: ' ' } }));
    expect(err).toBeInstanceOf(WorkflowError);
    expect(err).toMatchObject({ code: 'requirements' });
    expect((err as WorkflowError).fields?.map((f) => f.path).sort()).toEqual(['reason', 'result']);
    await expectUntouched(c);
  });

  it('writes nothing for a wrong role or a wrong state', async () => {
    const c = await newCase();
    await expect(apply({ id: c.id, transition: 'open', expectedVersion: 1, actor: leader })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(apply({ id: c.id, transition: 'close', expectedVersion: 1, input: { reason: 'x', fields: { result: 'A' } } })).rejects.toMatchObject({ code: 'invalid_state' });
    await expectUntouched(c);
  });

  it('does not find another tenant\'s case', async () => {
    const c = await newCase(otherTenant);
    const err = await rejectionOf(apply({ id: c.id, transition: 'open', expectedVersion: 1 }));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'not_found', status: 404 });
    await expectUntouched(c);
  });

  it('names the public and the system as actors', async () => {
    const sys: WorkflowDef<S, T, Case> = { ...def, transitions: { ...def.transitions, open: { ...def.transitions.open, roles: ['system'] } } };
    const c = await newCase();
    await applyTransition(env.db, { def: sys, table: TABLE, caseType: 'wf', label: '测试件', tenantId: tenant, id: c.id, actor: 'system', transition: 'open', now: NOW });
    expect((await events(c.id))[0]).toMatchObject({ actor_kind: 'system', actor_id: null, actor_name: '系统' });
  });
});
