import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCounty, createTestApp, setSetting, type TestEnv } from '../test/helper.ts';
import {
  booleanSetting, defineSettings, enumSetting, getCalendar, getSetting, invalidateSettings, mergeCalendarDays, numberSetting, settingDefs,
  settingReader, settingValues, textSetting,
} from './settings.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestApp(); });
afterAll(async () => env.close());
afterEach(() => { vi.useRealTimers(); });

describe('county settings', () => {
  it('falls back to the declared default, and a county row overrides it for that county only', async () => {
    const a = await createCounty(env.db);
    const b = await createCounty(env.db);
    expect(await getSetting(env.db, a.id, 'security.idleMinutes')).toBe(30);
    await setSetting(env.db, a.id, 'security.idleMinutes', 10);
    expect(await getSetting(env.db, a.id, 'security.idleMinutes')).toBe(10);
    expect(await getSetting(env.db, b.id, 'security.idleMinutes')).toBe(30);
  });

  it('ignores a stored value that is not a number', async () => {
    const a = await createCounty(env.db);
    await env.db.insertInto('settings').values({ tenant_id: a.id, key: 'security.lockout.maxFailures', value_json: '"many"', updated_at: new Date().toISOString(), updated_by: null }).execute();
    invalidateSettings(a.id);
    expect(await getSetting(env.db, a.id, 'security.lockout.maxFailures')).toBe(5);
  });

  it('refuses a key nobody declared', async () => {
    const a = await createCounty(env.db);
    // @ts-expect-error an undeclared key is also a type error: getSetting knows every declared key's type
    await expect(getSetting(env.db, a.id, 'no.such.setting')).rejects.toThrow(/unknown setting/);
  });

  it('caches per process for a few seconds; invalidation or expiry shows a change', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const a = await createCounty(env.db);
    expect(await getSetting(env.db, a.id, 'security.lockout.minutes')).toBe(15);
    await env.db.insertInto('settings').values({ tenant_id: a.id, key: 'security.lockout.minutes', value_json: '45', updated_at: new Date().toISOString(), updated_by: null }).execute();
    expect(await getSetting(env.db, a.id, 'security.lockout.minutes')).toBe(15);
    vi.setSystemTime(Date.now() + 6_000);
    expect(await getSetting(env.db, a.id, 'security.lockout.minutes')).toBe(45);
    await env.db.updateTable('settings').set({ value_json: '60' }).where('tenant_id', '=', a.id).execute();
    invalidateSettings(a.id);
    expect(await getSetting(env.db, a.id, 'security.lockout.minutes')).toBe(60);
  });

  it('lets modules declare their own rules, read synchronously by the workflow planner', async () => {
    defineSettings({ 'test.deadline.reply': { label: '答复期限', default: 15, min: 1, max: 60, unit: '个工作日' } });
    expect(settingDefs().map(([k]) => k)).toContain('test.deadline.reply');
    const a = await createCounty(env.db);
    expect((await settingReader(env.db, a.id))('test.deadline.reply')).toBe(15);
    await setSetting(env.db, a.id, 'test.deadline.reply', 7);
    const read = await settingReader(env.db, a.id);
    expect(read('test.deadline.reply')).toBe(7);
    expect(read('undeclared.key')).toBeUndefined();
  });

  it('loads the county\'s holiday calendar', async () => {
    const a = await createCounty(env.db);
    expect(await getCalendar(env.db, a.id)).toEqual({ holidays: [], workdays: [] });
    await env.db.insertInto('calendar_days').values([
      { tenant_id: a.id, date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { tenant_id: a.id, date: '2026-10-10', kind: 'workday', name: '调休' },
    ]).execute();
    invalidateSettings(a.id);
    expect(await getCalendar(env.db, a.id)).toEqual({ holidays: ['2026-10-01'], workdays: ['2026-10-10'] });
  });

  it('reads typed settings: an enum, a boolean and a text each through its own schema, a bad row falling back to the default', async () => {
    defineSettings({
      'test.scheme': enumSetting({ label: '方案', description: '测试', group: '测试', default: 'a', options: [{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }] }),
      'test.flag': booleanSetting({ label: '开关', description: '测试', group: '测试', default: false }),
      'test.sign': textSetting({ label: '落款', description: '测试', group: '测试', default: '县政协', maxLength: 10 }),
      'test.days': numberSetting({ label: '天数', description: '测试', group: '测试', default: 3, min: 1, max: 9, unit: '天' }),
    });
    const a = await createCounty(env.db);
    const now = new Date().toISOString();
    await env.db.insertInto('settings').values([
      { tenant_id: a.id, key: 'test.scheme', value_json: '"b"', updated_at: now, updated_by: null },
      { tenant_id: a.id, key: 'test.flag', value_json: 'true', updated_at: now, updated_by: null },
      { tenant_id: a.id, key: 'test.sign', value_json: '"一二三四五六七八九十十一"', updated_at: now, updated_by: null },
      { tenant_id: a.id, key: 'test.days', value_json: '12', updated_at: now, updated_by: null },
    ]).execute();
    invalidateSettings(a.id);
    const values = new Map((await settingValues(env.db, a.id)).map((s) => [s.key, s]));
    expect(values.get('test.scheme')).toMatchObject({ value: 'b', isDefault: false });
    expect(values.get('test.flag')).toMatchObject({ value: true, isDefault: false });
    // Too long for its schema, and out of bounds: the default applies rather than a value nobody could have saved.
    expect(values.get('test.sign')).toMatchObject({ value: '县政协', isDefault: true });
    expect(values.get('test.days')).toMatchObject({ value: 3, isDefault: true });
    // Only number settings reach the workflow planner.
    const read = await settingReader(env.db, a.id);
    expect(read('test.days')).toBe(3);
    expect(read('test.scheme')).toBeUndefined();
  });

  it('keeps the numeric declaration shape modules used before settings were typed', async () => {
    defineSettings({ 'test.legacy': { label: '旧式规则', default: 4, min: 1, max: 8, unit: '天' } });
    const def = settingDefs().find(([k]) => k === 'test.legacy')?.[1];
    expect(def).toMatchObject({ kind: 'number', label: '旧式规则', description: '旧式规则', group: '其他', min: 1, max: 8 });
    expect(def?.schema.safeParse(9).success).toBe(false);
  });

  it('an enum setting refuses a value outside its options, in Chinese', () => {
    const def = enumSetting({ label: '提案办理结果分类', description: '', group: '提案', default: 'henan4', options: [{ value: 'henan4', label: '四类' }, { value: 'three', label: '三类' }] });
    const r = def.schema.safeParse('five');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('提案办理结果分类应为以下之一：四类、三类');
  });

  it('lays a county\'s own days over the city\'s: on a shared date the county wins', () => {
    const city = [{ date: '2026-10-01', kind: 'holiday', by: 'city' }, { date: '2026-10-10', kind: 'workday', by: 'city' }];
    const own = [{ date: '2026-10-10', kind: 'holiday', by: 'county' }, { date: '2026-11-02', kind: 'holiday', by: 'county' }];
    expect(mergeCalendarDays(city, own).map((d) => `${d.date} ${d.kind} ${d.by}`)).toEqual([
      '2026-10-01 holiday city', '2026-10-10 holiday county', '2026-11-02 holiday county',
    ]);
  });

  it('a county\'s calendar includes its city\'s days unless it overrides them', async () => {
    const a = await createCounty(env.db);
    await env.db.insertInto('calendar_days').values([
      { tenant_id: a.cityId, date: '2031-10-01', kind: 'holiday', name: '国庆节' },
      { tenant_id: a.cityId, date: '2031-10-02', kind: 'holiday', name: '国庆节' },
      { tenant_id: a.cityId, date: '2031-10-11', kind: 'workday', name: '国庆节调休上班' },
      { tenant_id: a.id, date: '2031-10-02', kind: 'workday', name: '本县值守' },
    ]).execute();
    invalidateSettings(a.cityId);
    invalidateSettings(a.id);
    const cal = await getCalendar(env.db, a.id);
    expect(cal.holidays).toContain('2031-10-01');
    expect(cal.holidays).not.toContain('2031-10-02');
    expect(cal.workdays).toEqual(expect.arrayContaining(['2031-10-02', '2031-10-11']));
    const city = await getCalendar(env.db, a.cityId);
    expect(city.holidays).toEqual(expect.arrayContaining(['2031-10-01', '2031-10-02']));
    await env.db.deleteFrom('calendar_days').where('date', 'like', '2031-%').execute();
    invalidateSettings(a.cityId);
  });
});
