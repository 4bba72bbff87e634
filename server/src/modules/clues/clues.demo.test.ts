/**
 * The demo county's clues: every state present, written in time order (the triage list opens on a mix of
 * states), merges pointing at older clues, and every timeline ending where its clue is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUE_STATES, type ClueState } from '@xs/core/schemas/clues.ts';
import { isWorkingDay } from '@xs/core/calendar.ts';
import { seedDemo } from '../../demo/seed.ts';
import { getCalendar } from '../../platform/settings.ts';
import { unitFigures } from './clues.figures.ts';
import { CLOCK_OF_STATE } from './clues.clocks.ts';
import { myWork } from '../work/work.service.ts';
import { createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
  await seedDemo(env.db);
});
afterAll(async () => env.close());

describe(`the demo clues (${DIALECT})`, () => {
  it('gives the city the national 2026 and 2027 holidays once, and 嵩县 inherits them', async () => {
    const song = await env.db.selectFrom('orgs').select('id').where('name', '=', '嵩县政协').executeTakeFirstOrThrow();
    expect(await env.db.selectFrom('calendar_days').select('date').where('tenant_id', '=', song.id).execute()).toEqual([]);
    const cal = await getCalendar(env.db, song.id);
    expect(isWorkingDay('2026-10-07', cal)).toBe(false);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true);
    expect(isWorkingDay('2027-02-08', cal)).toBe(false);
  });

  it('gives 嵩县 staff unread notices in the inbox, each linking to a clue of the county', async () => {
    const staff = await env.db.selectFrom('users').select('id').where('username', '=', 'songxian.staff').executeTakeFirstOrThrow();
    const notices = await env.db.selectFrom('notifications').selectAll().where('user_id', '=', staff.id).execute();
    expect(notices.filter((n) => n.read_at === null).length).toBeGreaterThan(0);
    const ids = new Set((await env.db.selectFrom('clues').select('id').execute()).map((c) => c.id));
    // Other modules' demos (topics, proposals) notify staff too; every clue notice links to a clue of the county.
    const clueNotices = notices.filter((n) => n.link?.startsWith('/clues/'));
    expect(clueNotices.length).toBeGreaterThan(0);
    for (const n of clueNotices) expect(ids.has(Number(n.link?.replace('/clues/', '')))).toBe(true);
  });

  it('gives 嵩县\'s leader two late clues under 领导督办, which their 我的待办 lists', async () => {
    const leader = await env.db.selectFrom('users').select(['id', 'tenant_id', 'roles']).where('username', '=', 'songxian.leader').executeTakeFirstOrThrow();
    const work = await myWork(env.db, { tenantId: leader.tenant_id!, userId: leader.id, roles: ['leader'], unitId: null, memberId: null }, {});
    expect(work.items).toHaveLength(2);
    for (const i of work.items) expect(i).toMatchObject({ type: 'clue', state: 'forwarded', overdue: true });
  });

  it('has a few hundred clues in every state, ids in time order', async () => {
    const song = await env.db.selectFrom('orgs').select('id').where('name', '=', '嵩县政协').executeTakeFirstOrThrow();
    const rows = await env.db.selectFrom('clues').select(['id', 'state', 'created_at', 'merged_into_id']).where('tenant_id', '=', song.id).orderBy('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(300);
    const states = new Set(rows.map((r) => r.state));
    for (const s of Object.keys(CLUE_STATES) as ClueState[]) expect(states, s).toContain(s);
    const times = rows.map((r) => r.created_at);
    expect(times).toEqual([...times].sort());
    // The newest page of the triage list shows more than one state.
    expect(new Set(rows.slice(-20).map((r) => r.state)).size).toBeGreaterThan(1);
  });

  it('merges into older clues that exist, and every timeline ends in its clue\'s state', async () => {
    const rows = await env.db.selectFrom('clues').select(['id', 'state', 'merged_into_id']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows.filter((x) => x.state === 'merged')) {
      expect(r.merged_into_id).not.toBeNull();
      expect(r.merged_into_id!).toBeLessThan(r.id);
      expect(byId.get(r.merged_into_id!)?.state).not.toBe('merged');
    }
    const last = await env.db.selectFrom('case_events').select(['case_id', 'to_state', 'data_json', 'transition']).where('case_type', '=', 'clue').orderBy('id').execute();
    const end = new Map<number, string>();
    for (const e of last) end.set(e.case_id, e.to_state!);
    for (const r of rows) expect(end.get(r.id), `clue ${r.id}`).toBe(r.state);
    for (const e of last.filter((x) => x.transition === 'merge')) expect(JSON.parse(e.data_json!).targetId).toBe(byId.get(e.case_id)!.merged_into_id);
  });

  it('gives every clue that carries a due date the running clock of its state, at that date, in every county', async () => {
    const rows = await env.db.selectFrom('clues').select(['id', 'state', 'due_at']).where('due_at', 'is not', null).execute();
    expect(rows.length).toBeGreaterThan(100);
    const running = await env.db.selectFrom('case_clocks').select(['case_id', 'name', 'due_at']).where('case_type', '=', 'clue').where('stopped_at', 'is', null).execute();
    const byClue = new Map(running.map((k) => [k.case_id, k]));
    for (const r of rows) {
      const k = byClue.get(r.id);
      expect(k, `clue ${r.id} (${r.state})`).toBeDefined();
      expect(k!.name, `clue ${r.id}`).toBe(CLOCK_OF_STATE[r.state]);
      expect(k!.due_at, `clue ${r.id}`).toBe(r.due_at);
    }
    // One running clock per clue at most, and none on a closed one.
    expect(new Set(running.map((k) => k.case_id)).size).toBe(running.length);
  });

  it('gives every other county of the city a year of clues, so the city comparison has 15 counties to compare', async () => {
    const counties = await env.db.selectFrom('orgs').select(['id', 'name']).where('kind', '=', 'county').execute();
    expect(counties).toHaveLength(15);
    for (const c of counties) {
      const n = Number((await env.db.selectFrom('clues').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', c.id).executeTakeFirstOrThrow()).n);
      expect(n, c.name).toBeGreaterThanOrEqual(30);
      const figures = await unitFigures(env.db, c.id, {});
      expect(figures.total.assigned, c.name).toBeGreaterThan(0);
      expect(figures.total.onTimeRate, c.name).not.toBeNull();
    }
  });
});
