import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCounty, createTestApp, setSetting, type TestEnv } from '../test/helper.ts';
import { defineSettings, getCalendar, getSetting, invalidateSettings, settingDefs, settingReader } from './settings.ts';

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
});
