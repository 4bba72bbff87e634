/**
 * Unit figures (按期办结率, 满意率, 超期数, 退回数, ranking, Excel) and the city's county comparison, from clues
 * walked through the real API; scoped to the caller's county, refused to roles without stats.read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCity, createTestApp, createUnit, readXlsx, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, must, type ClueWorld } from './clues.factory.ts';
import type { UnitFigures } from './clues.figures.ts';

let env: TestEnv;
let w: ClueWorld;
let other: ClueWorld;
let unitB: { id: number; name: string };

const PAST = '2026-01-01T00:00:00.000Z';

/**
 * Put the deadline of the clue's open assignment in the past, as if the unit had let it run over: the timeline is
 * append-only, so a deadline change (what a granted extension records) is appended, and the clue row follows.
 */
async function pastDue(id: number) {
  await env.db.insertInto('case_events').values({
    tenant_id: w.county.id, case_type: 'clue', case_id: id, transition: 'grant_extension', label: '期限调整（测试）', from_state: 'forwarded', to_state: 'forwarded',
    actor_kind: 'system', actor_id: null, actor_name: '测试', note: null, data_json: JSON.stringify({ dueAt: PAST }), at: new Date().toISOString(),
  }).execute();
  await env.db.updateTable('clues').set({ due_at: PAST }).where('id', '=', id).execute();
}

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  other = await createClueWorld(env);
  unitB = await createUnit(env.db, w.county.id);
  const handlerB = (await clientFor(env, w.county.id, ['unit_handler'], { unitId: unitB.id })).client;
  // Unit A: one on time and rated 满意, one open past its deadline, one returned.
  await clueAt(env, w, 'closed');
  const late = await clueAt(env, w, 'forwarded');
  await pastDue(late.id);
  const ret = await clueAt(env, w, 'forwarded');
  await must(env, w.handler, ret.id, 'return', { reason: '不属于本单位职责' }, 'unit/clues');
  // Unit B: one replied after its deadline and rated 不满意.
  const b = await clueAt(env, w, 'accepted');
  await must(env, w.staff, b.id, 'forward', { unitId: unitB.id });
  await pastDue(b.id);
  await must(env, handlerB, b.id, 'reply', { replyText: '已处理。' }, 'unit/clues');
  await must(env, w.staff, b.id, 'resolve');
  await env.db.updateTable('clues').set({ rating: 'unsatisfied' }).where('id', '=', b.id).execute();
  // Another county's unit has work too; it must not appear here.
  await clueAt(env, other, 'replied');
});
afterAll(async () => env.close());

describe('unit figures', () => {
  it('count assignments, on-time replies, overdue, returns and satisfaction per unit, ranked', async () => {
    const res = await w.staff.get('/api/v1/clues/figures/units');
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as { rows: UnitFigures[] }).rows;
    expect(rows.map((r) => r.unitId).sort()).toEqual([w.unit.id, unitB.id].sort());
    const a = rows.find((r) => r.unitId === w.unit.id)!;
    const b = rows.find((r) => r.unitId === unitB.id)!;
    expect(a).toMatchObject({ assigned: 3, replied: 1, onTime: 1, overdue: 1, returned: 1, open: 1, onTimeRate: 50, rated: 1, satisfactionRate: 100, rank: 1 });
    expect(b).toMatchObject({ assigned: 1, replied: 1, onTime: 0, overdue: 1, returned: 0, onTimeRate: 0, rated: 1, satisfactionRate: 0, rank: 2 });
  });

  it('exports the ranking to Excel', async () => {
    const res = await w.staff.get('/api/v1/clues/figures/units/export');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['排名', '承办单位', '交办数', '已答复', '按期答复', '按期办结率(%)', '超期数', '退回数', '在办', '评价数', '满意率(%)']);
    expect(rows[1]!.slice(0, 3)).toEqual(['1', w.unit.name, '3']);
    expect(rows[2]!.slice(0, 2)).toEqual(['2', unitB.name]);
  });

  it('counts only the period asked for, and refuses a bad date in Chinese', async () => {
    const none = (await w.staff.get('/api/v1/clues/figures/units?from=2020-01-01&to=2020-12-31')).json() as { rows: unknown[] };
    expect(none.rows).toEqual([]);
    const bad = await w.staff.get('/api/v1/clues/figures/units?from=2026-13-45');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/日期格式/);
  });

  it('is scoped to the county and closed to units', async () => {
    const theirs = (await other.staff.get('/api/v1/clues/figures/units')).json() as { rows: UnitFigures[] };
    expect(theirs.rows.map((r) => r.unitId)).toEqual([other.unit.id]);
    expect((await w.handler.get('/api/v1/clues/figures/units')).statusCode).toBe(403);
  });
});

describe('city comparison', () => {
  it('puts every county side by side with the same definitions, ranked, with 12 months of trend', async () => {
    const city = await createCity(env.db);
    const admin = (await clientFor(env, city.id, ['city_admin'])).client;
    const res = await admin.get('/api/v1/clues/figures/counties');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { months: string[]; rows: { tenantId: number; received: number; onTimeRate: number | null; returned: number; rank: number; trend: { month: string; received: number }[] }[] };
    expect(body.months).toHaveLength(12);
    const mine = body.rows.find((r) => r.tenantId === w.county.id)!;
    expect(mine).toMatchObject({ received: 4, returned: 1, onTimeRate: 33.3 });
    expect(mine.trend.reduce((n, m) => n + m.received, 0)).toBe(4);
    expect(mine.rank).toBeGreaterThan(0);
    const ranks = body.rows.filter((r) => r.rank > 0).map((r) => r.rank).sort((x, y) => x - y);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });

  it('is the city\'s view only', async () => {
    expect((await w.staff.get('/api/v1/clues/figures/counties')).statusCode).toBe(403);
  });
});
