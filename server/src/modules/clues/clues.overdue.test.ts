/**
 * Escalation marks and 超期通报 (issue 9): 临期 yellow and 超期 red by the county's settings on the list, the detail and
 * the unit portal; the overdue clues units hold, grouped by unit with days late and the 催办 since the clue reached
 * the unit, reminded in bulk from the page, exported to Excel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, EMPTY_CALENDAR } from '@xs/core/calendar.ts';
import { clientFor, createTestApp, createUnit, DIALECT, readXlsx, type Client, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, must, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let other: ClueWorld;
let admin: Client;
let unit2: { id: number; name: string };

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  other = await createClueWorld(env);
  admin = (await clientFor(env, w.county.id, ['county_admin'])).client;
  unit2 = await createUnit(env.db, w.county.id);
});
afterAll(async () => env.close());

const DAY = 86_400_000;
const setDue = (id: number, at: Date) => env.db.updateTable('clues').set({ due_at: at.toISOString() }).where('id', '=', id).execute();
const markIn = (items: { id: number; mark: string }[], id: number) => items.find((i) => i.id === id)?.mark;
const staffList = async () => (await w.staff.get('/api/v1/clues?state=open&pageSize=200')).json().items as { id: number; mark: string }[];

describe(`临期 and 超期 marks (${DIALECT})`, () => {
  it('marks a clue yellow near its deadline and red once overdue, on the list, the detail and the unit portal', async () => {
    const soon = await clueAt(env, w, 'forwarded');
    const far = await clueAt(env, w, 'forwarded');
    const late = await clueAt(env, w, 'forwarded');
    const done = await clueAt(env, w, 'resolved');
    await setDue(soon.id, addWorkingDays(new Date(), 1, EMPTY_CALENDAR));
    await setDue(late.id, new Date(Date.now() - 2 * DAY));
    await setDue(done.id, new Date(Date.now() - 2 * DAY));
    const list = await staffList();
    expect([markIn(list, soon.id), markIn(list, far.id), markIn(list, late.id)]).toEqual(['yellow', 'none', 'red']);
    expect((await w.staff.get(`/api/v1/clues/${late.id}`)).json().mark).toBe('red');
    expect((await w.staff.get(`/api/v1/clues/${done.id}`)).json().mark).toBe('none');
    const unitList = (await w.handler.get('/api/v1/unit/clues?pageSize=200')).json().items as { id: number; mark: string }[];
    expect(markIn(unitList, soon.id)).toBe('yellow');
    expect((await w.handler.get(`/api/v1/unit/clues/${late.id}`)).json().mark).toBe('red');

    // The county's rules: no yellow warning; red only a week of working days late (until then an overdue clue is yellow).
    expect((await admin.request('PUT', '/api/v1/settings/clue.mark.yellowDays', { value: 0 })).statusCode).toBe(200);
    expect((await admin.request('PUT', '/api/v1/settings/clue.mark.redDays', { value: 5 })).statusCode).toBe(200);
    const after = await staffList();
    expect([markIn(after, soon.id), markIn(after, late.id)]).toEqual(['none', 'yellow']);
    await admin.request('PUT', '/api/v1/settings/clue.mark.yellowDays', { value: 2 });
    await admin.request('PUT', '/api/v1/settings/clue.mark.redDays', { value: 0 });
    // The export says it in words.
    const rows = await readXlsx((await w.staff.get(`/api/v1/clues/export?q=${late.code}`)).rawPayload);
    expect(rows[1]![rows[0]!.indexOf('预警')]).toBe('超期');
  });
});

describe(`超期通报 (${DIALECT})`, () => {
  it('groups the overdue clues units hold by unit, with days late and the 催办 since the clue reached the unit', async () => {
    const a1 = await clueAt(env, w, 'forwarded');
    const a2 = await clueAt(env, w, 'forwarded');
    const b1 = await clueAt(env, w, 'accepted');
    await must(env, w.staff, b1.id, 'forward', { unitId: unit2.id, urgency: 'urgent' });
    const inTime = await clueAt(env, w, 'forwarded');
    const theirs = await clueAt(env, other, 'forwarded');
    // A 催办 before the clue went back and was forwarded again does not count against the unit now holding it.
    await must(env, w.staff, a1.id, 'remind', { reason: '请抓紧' });
    await must(env, w.handler, a1.id, 'return', { reason: '不属于本单位职责' }, 'unit/clues');
    await must(env, w.staff, a1.id, 'forward', { unitId: w.unit.id });
    await must(env, w.staff, a1.id, 'remind', { reason: '请本周内答复' });
    await must(env, w.staff, a1.id, 'remind', { reason: '群众再次来电' });
    await setDue(a1.id, new Date(Date.now() - 10 * DAY));
    await setDue(a2.id, new Date(Date.now() - 3 * DAY));
    await setDue(b1.id, new Date(Date.now() - 1 * DAY));
    await setDue(theirs.id, new Date(Date.now() - 5 * DAY));

    const res = await w.staff.get('/api/v1/clues/overdue-report');
    expect(res.statusCode).toBe(200);
    const report = res.json() as { units: { unitId: number; unitName: string; count: number; maxDaysLate: number; reminders: number; items: { id: number; version: number; daysLate: number; reminders: number; urgency: string; mark: string }[] }[]; total: number };
    const mine = report.units.find((u) => u.unitId === w.unit.id)!;
    const ids = report.units.flatMap((u) => u.items.map((i) => i.id));
    expect(ids).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    expect(ids).not.toContain(inTime.id);
    expect(ids).not.toContain(theirs.id);
    expect(report.total).toBe(ids.length);
    // The unit with the most overdue clues first; its clues longest late first.
    expect(report.units[0]!.unitId).toBe(w.unit.id);
    expect(mine.items.slice(0, 2).map((i) => i.id)).toEqual([a1.id, a2.id]);
    expect(mine.items[0]).toMatchObject({ reminders: 2, mark: 'red' });
    expect(mine.items[0]!.daysLate).toBeGreaterThanOrEqual(10);
    expect(mine.maxDaysLate).toBe(mine.items[0]!.daysLate);
    expect(mine.reminders).toBe(mine.items.reduce((n, i) => n + i.reminders, 0));
    expect(report.units.find((u) => u.unitId === unit2.id)).toMatchObject({ unitName: unit2.name, count: 1, items: [expect.objectContaining({ id: b1.id, urgency: 'urgent', reminders: 0 })] });

    // 批量催办 from the page: every clue of the unit reminded, the counts follow.
    const items = mine.items.map((i) => ({ id: i.id, version: i.version }));
    const bulk = await w.staff.post('/api/v1/clues/bulk', { transition: 'remind', items, reason: '以下线索已超期，请本周五前答复' });
    expect(bulk.json()).toEqual({ done: items.map((i) => i.id), failed: [] });
    const again = (await w.staff.get('/api/v1/clues/overdue-report')).json() as typeof report;
    expect(again.units.find((u) => u.unitId === w.unit.id)!.items[0]).toMatchObject({ id: a1.id, reminders: 3 });

    // Excel, in Beijing time.
    const xlsx = await w.staff.get('/api/v1/clues/overdue-report/export');
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]).toEqual(['承办单位', '查询码', '反映内容', '紧急程度', '转办时间', '办理期限', '超期天数', '催办次数', '最近催办']);
    const row = rows.find((r) => r[1] === b1.code)!;
    expect(row[0]).toBe(unit2.name);
    expect(row[3]).toBe('紧急');
    expect(rows.some((r) => r[1] === theirs.code)).toBe(false);
    // Units do not read the office's report.
    expect((await w.handler.get('/api/v1/clues/overdue-report')).statusCode).toBe(403);
  });
});
