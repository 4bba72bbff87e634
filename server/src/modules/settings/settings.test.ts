/**
 * The settings API (typed rules: list with meaning and default, checked changes, 恢复默认, audit) and the
 * holiday calendar a county inherits from its city and adjusts: merged days, overrides, the national import,
 * and a working-day clock that steps over a holiday only the city set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, cstDate, EMPTY_CALENDAR, isWorkingDay } from '@xs/core/calendar.ts';
import type { CalendarView, SettingView } from '@xs/core/schemas/settings.ts';
import { getCalendar, getSetting } from '../../platform/settings.ts';
import { clientFor, createCounty, createTestApp, type Client, type TestEnv } from '../../test/helper.ts';
import { createClueWorld, must, submitClue } from '../clues/clues.factory.ts';
import { NATIONAL_HOLIDAYS } from './national-holidays.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let admin: Client;
let staff: Client;
let cityAdmin: Client;

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  admin = (await clientFor(env, county.id, ['county_admin'])).client;
  staff = (await clientFor(env, county.id, ['staff'])).client;
  cityAdmin = (await clientFor(env, county.cityId, ['city_admin'])).client;
});
afterAll(async () => env.close());

const auditOf = (tenantId: number, action: string) =>
  env.db.selectFrom('audit_log').select(['summary', 'before_json', 'after_json']).where('tenant_id', '=', tenantId).where('action', '=', action).orderBy('id').execute();
const itemsOf = async (c: Client) => ((await c.get('/api/v1/settings')).json() as { items: SettingView[] }).items;
const calendarOf = async (c: Client, year: number) => (await c.get(`/api/v1/settings/calendar?year=${year}`)).json() as CalendarView;

describe('typed settings through the API', () => {
  it('lists every rule with its kind, meaning, group, default, current value and bounds or options', async () => {
    const items = await itemsOf(staff);
    const idle = items.find((s) => s.key === 'security.idleMinutes');
    expect(idle).toMatchObject({ kind: 'number', label: '无操作自动退出', group: '账号安全', default: 30, value: 30, min: 5, max: 240, unit: '分钟', isDefault: true });
    expect(idle?.description).toMatch(/自动退出/);
    const classes = items.find((s) => s.key === 'proposal.resultClasses');
    expect(classes).toMatchObject({ kind: 'enum', group: '提案', default: 'henan4', value: 'henan4' });
    expect(classes?.kind === 'enum' && classes.options.map((o) => o.value)).toEqual(['henan4', 'three']);
    expect(classes?.kind === 'enum' && classes.options[0]!.description).toContain('D 留作参考（已说明）');
    expect(items.find((s) => s.key === 'clue.deadline.forward')).toMatchObject({ group: '直通政协', unit: '个工作日' });
    expect(items.some((s) => s.key.startsWith('lease.'))).toBe(false);
  });

  it('changes an enum to one of its options, audited with the option labels, and getSetting returns it', async () => {
    const res = await admin.request('PUT', '/api/v1/settings/proposal.resultClasses', { value: 'three' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: 'proposal.resultClasses', value: 'three', isDefault: false });
    const scheme: 'henan4' | 'three' = await getSetting(env.db, county.id, 'proposal.resultClasses');
    expect(scheme).toBe('three');
    expect((await auditOf(county.id, 'settings.update')).at(-1)?.summary).toBe('修改规则「提案办理结果分类」：四类（A–D，河南） → 三类（A–C）');
  });

  it('refuses a value the setting\'s schema does not accept with 400 in Chinese, and writes nothing', async () => {
    const before = (await auditOf(county.id, 'settings.update')).length;
    for (const [key, value, message] of [
      ['proposal.resultClasses', 'five', /提案办理结果分类应为以下之一：四类（A–D，河南）、三类（A–C）/],
      ['security.idleMinutes', 3, /无操作自动退出应为 5–240 之间的整数（分钟）/],
      ['security.idleMinutes', 12.5, /整数/],
      ['security.idleMinutes', '30', /整数/],
    ] as const) {
      const res = await admin.request('PUT', `/api/v1/settings/${key}`, { value });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'validation_failed', fields: [{ path: 'value', message: expect.stringMatching(message) }] });
    }
    expect(await auditOf(county.id, 'settings.update')).toHaveLength(before);
    expect(await getSetting(env.db, county.id, 'security.idleMinutes')).toBe(30);
  });

  it('answers 404 for a rule nobody declared, and for the scheduler\'s leases', async () => {
    expect((await admin.request('PUT', '/api/v1/settings/no.such.rule', { value: 1 })).statusCode).toBe(404);
    expect((await admin.request('PUT', '/api/v1/settings/lease.outbox', { value: 1 })).statusCode).toBe(404);
    expect((await admin.delete('/api/v1/settings/no.such.rule')).statusCode).toBe(404);
  });

  it('恢复默认 drops the county\'s own value and records it; staff may read but not change', async () => {
    expect((await admin.request('PUT', '/api/v1/settings/security.idleMinutes', { value: 45 })).statusCode).toBe(200);
    expect((await itemsOf(staff)).find((s) => s.key === 'security.idleMinutes')).toMatchObject({ value: 45, isDefault: false });
    expect((await staff.request('PUT', '/api/v1/settings/security.idleMinutes', { value: 60 })).statusCode).toBe(403);
    expect((await staff.delete('/api/v1/settings/security.idleMinutes')).statusCode).toBe(403);
    const res = await admin.delete('/api/v1/settings/security.idleMinutes');
    expect(res.json()).toMatchObject({ value: 30, isDefault: true });
    expect(await getSetting(env.db, county.id, 'security.idleMinutes')).toBe(30);
    expect((await auditOf(county.id, 'settings.update')).at(-1)?.summary).toBe('规则「无操作自动退出」恢复默认：45 分钟 → 30 分钟');
    expect(await env.db.selectFrom('settings').select('key').where('tenant_id', '=', county.id).where('key', '=', 'security.idleMinutes').execute()).toEqual([]);
  });
});

describe('the holiday calendar: the city sets, counties inherit and adjust', () => {
  it('a county sees the city\'s days as inherited, and its own day on the same date wins', async () => {
    expect((await cityAdmin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-06', kind: 'holiday', name: '测试节' })).statusCode).toBe(200);
    expect((await cityAdmin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-07', kind: 'holiday', name: '测试节' })).statusCode).toBe(200);
    expect((await cityAdmin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-11', kind: 'workday', name: '测试节调休上班' })).statusCode).toBe(200);
    // The county keeps 5-07 as a working day and adds a local day off.
    expect((await admin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-07', kind: 'workday', name: '本县照常上班' })).statusCode).toBe(200);
    expect((await admin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-15', kind: 'holiday', name: '本县庙会' })).statusCode).toBe(200);

    const view = await calendarOf(staff, 2030);
    expect(view.inheritsFrom?.id).toBe(county.cityId);
    expect(view.nationalYears).toEqual([]);
    expect(view.items).toEqual([
      { date: '2030-05-06', kind: 'holiday', name: '测试节', source: 'inherited', overrides: null },
      { date: '2030-05-07', kind: 'workday', name: '本县照常上班', source: 'own', overrides: { kind: 'holiday', name: '测试节' } },
      { date: '2030-05-11', kind: 'workday', name: '测试节调休上班', source: 'inherited', overrides: null },
      { date: '2030-05-15', kind: 'holiday', name: '本县庙会', source: 'own', overrides: null },
    ]);
    const cal = await getCalendar(env.db, county.id);
    expect(isWorkingDay('2030-05-06', cal)).toBe(false);
    expect(isWorkingDay('2030-05-07', cal)).toBe(true);
    expect(isWorkingDay('2030-05-11', cal)).toBe(true);
    expect(isWorkingDay('2030-05-15', cal)).toBe(false);
    // Another county of the same city inherits the city's days but not this county's.
    const other = await createCounty(env.db);
    const otherCal = await getCalendar(env.db, other.id);
    expect(isWorkingDay('2030-05-07', otherCal)).toBe(false);
    expect(isWorkingDay('2030-05-15', otherCal)).toBe(true);
    // The city's own view is its days only, and it may import the national schedule.
    const cityView = await calendarOf(cityAdmin, 2030);
    expect(cityView.inheritsFrom).toBeNull();
    expect(cityView.items.map((d) => [d.date, d.source])).toEqual([['2030-05-06', 'own'], ['2030-05-07', 'own'], ['2030-05-11', 'own']]);
    expect(cityView.nationalYears).toEqual([{ year: 2026, confirmed: true }, { year: 2027, confirmed: false }]);
  });

  it('clearing the county\'s own day brings the city\'s back; a city change reaches counties at once', async () => {
    expect((await admin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-07', kind: null })).json()).toMatchObject({ day: { source: 'inherited', kind: 'holiday' } });
    expect(isWorkingDay('2030-05-07', await getCalendar(env.db, county.id))).toBe(false);
    expect((await cityAdmin.request('PUT', '/api/v1/settings/calendar', { date: '2030-05-08', kind: 'holiday', name: '测试节' })).statusCode).toBe(200);
    expect(isWorkingDay('2030-05-08', await getCalendar(env.db, county.id))).toBe(false);
    expect((await auditOf(county.id, 'settings.calendar')).at(-1)?.summary).toBe('取消 2030-05-07 的本单位设置（原为调休上班）');
    expect((await auditOf(county.cityId, 'settings.calendar')).at(-1)?.summary).toBe('设置 2030-05-08 为放假（测试节）');
  });

  it('a city admin looking at a county reads its calendar but cannot change it; a county cannot change the city\'s', async () => {
    const visitor = (await clientFor(env, county.cityId, ['city_admin'])).client;
    expect((await visitor.post('/api/v1/auth/switch-tenant', { tenantId: county.id })).statusCode).toBe(200);
    expect((await visitor.get('/api/v1/settings/calendar?year=2030')).statusCode).toBe(200);
    expect((await visitor.request('PUT', '/api/v1/settings/calendar', { date: '2030-06-03', kind: 'holiday' })).statusCode).toBe(403);
    // The county admin's write lands in the county's own rows only.
    await admin.request('PUT', '/api/v1/settings/calendar', { date: '2030-06-04', kind: 'holiday', name: '本县' });
    expect(await env.db.selectFrom('calendar_days').select('date').where('tenant_id', '=', county.cityId).where('date', '=', '2030-06-04').execute()).toEqual([]);
  });

  it('refuses a malformed day with every problem in Chinese', async () => {
    const res = await admin.request('PUT', '/api/v1/settings/calendar', { date: '2030-13-40', kind: 'vacation', name: 'x'.repeat(30) });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['date', 'kind', 'name']);
    for (const f of fields) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the city imports the national schedule once (its own edits kept); a county is told it inherits', async () => {
    expect((await cityAdmin.request('PUT', '/api/v1/settings/calendar', { date: '2026-10-08', kind: 'holiday', name: '市里多放一天' })).statusCode).toBe(200);
    const first = await cityAdmin.post('/api/v1/settings/calendar/national', { year: 2026 });
    expect(first.statusCode, first.body).toBe(200);
    const official = NATIONAL_HOLIDAYS.find((y) => y.year === 2026)!.days;
    expect(first.json()).toEqual({ added: official.length, confirmed: true });
    expect((await cityAdmin.post('/api/v1/settings/calendar/national', { year: 2026 })).json()).toEqual({ added: 0, confirmed: true });

    const view = await calendarOf(staff, 2026);
    const byDate = new Map(view.items.map((d) => [d.date, d]));
    expect(byDate.get('2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节', source: 'inherited' });
    expect(byDate.get('2026-02-14')).toMatchObject({ kind: 'workday', name: '春节调休上班', source: 'inherited' });
    expect(byDate.get('2026-10-10')).toMatchObject({ kind: 'workday', source: 'inherited' });
    expect(byDate.get('2026-10-08')).toMatchObject({ name: '市里多放一天' });
    expect(view.items.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);

    const county2027 = await admin.post('/api/v1/settings/calendar/national', { year: 2027 });
    expect(county2027.statusCode).toBe(400);
    expect(county2027.json().message).toMatch(/统一设置，本单位自动继承/);
    const unknown = await cityAdmin.post('/api/v1/settings/calendar/national', { year: 2031 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ fields: [{ path: 'year', message: expect.stringMatching(/暂无 2031 年/) }] });
  });

  it('the 2027 schedule is only the statutory days, each marked as awaiting the State Council\'s notice', () => {
    const y = NATIONAL_HOLIDAYS.find((n) => n.year === 2027)!;
    expect(y.confirmed).toBe(false);
    expect(y.days.every((d) => d.kind === 'holiday' && d.name.endsWith('（待国务院通知确认）'))).toBe(true);
    // 元旦 1 + 春节 4 + 清明 1 + 劳动节 2 + 端午 1 + 中秋 1 + 国庆 3 (放假办法 2024).
    expect(y.days).toHaveLength(13);
  });
});

describe('a working-day clock on the inherited calendar', () => {
  it('a unit\'s deadline steps over a holiday only the city set', async () => {
    const w = await createClueWorld(env);
    const today = cstDate(new Date());
    // The next two weekdays are city holidays; the county set nothing.
    const holidays: string[] = [];
    for (let d = new Date(); holidays.length < 2;) {
      d = new Date(d.getTime() + 86_400_000);
      const date = cstDate(d);
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (dow !== 0 && dow !== 6) holidays.push(date);
    }
    for (const date of holidays) {
      expect((await cityAdmin.request('PUT', '/api/v1/settings/calendar', { date, kind: 'holiday', name: '市定假日' })).statusCode).toBe(200);
    }
    expect(await env.db.selectFrom('calendar_days').select('date').where('tenant_id', '=', w.county.id).execute()).toEqual([]);

    const c = await submitClue(env, w.county);
    await must(env, w.staff, c.id, 'accept');
    const forwarded = await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id });
    const due = forwarded.dueAt as string;
    expect(cstDate(new Date(due)) > today).toBe(true);
    expect(due).toBe(addWorkingDays(new Date(), 13, { holidays, workdays: [] }).toISOString());
    expect(due).not.toBe(addWorkingDays(new Date(), 13, EMPTY_CALENDAR).toISOString());
  });
});
