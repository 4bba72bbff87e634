/**
 * County rules (RULES.md): every number is a setting with a default, never a constant in code.
 * Values are cached per process for a few seconds; several processes converge within that time.
 */
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { EMPTY_CALENDAR, type HolidayCalendar } from '@xs/core/calendar.ts';

export interface SettingDef {
  label: string;
  default: number;
  min: number;
  max: number;
  unit: string;
}

const registry = new Map<string, SettingDef>([
  // Login throttling (platform/login-throttle.ts): a source is locked for one account; the account is only slowed.
  ['security.lockout.maxFailures', { label: '同一来源（IP）对同一账号连续登录失败锁定次数', default: 5, min: 3, max: 20, unit: '次' }],
  ['security.lockout.minutes', { label: '该来源锁定时长', default: 15, min: 1, max: 1440, unit: '分钟' }],
  ['security.slowdown.afterFailures', { label: '账号各来源合计登录失败达到此数后开始延时', default: 10, min: 3, max: 1000, unit: '次' }],
  ['security.slowdown.firstSeconds', { label: '账号登录延时起始值（此后每次失败加倍）', default: 2, min: 1, max: 600, unit: '秒' }],
  ['security.slowdown.maxSeconds', { label: '账号登录延时上限', default: 900, min: 10, max: 86_400, unit: '秒' }],
  ['security.maxSessionsPerUser', { label: '每个账号同时登录的设备数上限（超出时最早的登录退出）', default: 5, min: 1, max: 50, unit: '个' }],
  ['security.idleMinutes', { label: '无操作自动退出', default: 30, min: 5, max: 240, unit: '分钟' }],
  ['security.passwordMaxAgeDays', { label: '密码有效期', default: 90, min: 30, max: 365, unit: '天' }],
  ['audit.retentionDays', { label: '审计日志至少保留', default: 180, min: 180, max: 3650, unit: '天' }],
]);

/** Modules declare their own rules at import time (e.g. clue deadlines). */
export function defineSettings(defs: Record<string, SettingDef>): void {
  for (const [k, v] of Object.entries(defs)) registry.set(k, v);
}

export function settingDefs(): [string, SettingDef][] {
  return [...registry.entries()];
}

const CACHE_MS = 5_000;
const cache = new Map<number, { at: number; values: Map<string, number>; calendar: HolidayCalendar }>();

async function loadTenant(db: Db, tenantId: number) {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit;
  const [rows, days] = await Promise.all([
    db.selectFrom('settings').select(['key', 'value_json']).where('tenant_id', '=', tenantId).execute(),
    db.selectFrom('calendar_days').select(['date', 'kind']).where('tenant_id', '=', tenantId).execute(),
  ]);
  const values = new Map<string, number>();
  for (const r of rows) {
    const v = z.number().safeParse(JSON.parse(r.value_json));
    if (v.success) values.set(r.key, v.data);
  }
  const calendar: HolidayCalendar = days.length
    ? { holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date), workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date) }
    : EMPTY_CALENDAR;
  const entry = { at: Date.now(), values, calendar };
  cache.set(tenantId, entry);
  return entry;
}

export function invalidateSettings(tenantId: number): void {
  cache.delete(tenantId);
}

export async function getSetting(db: Db, tenantId: number, key: string): Promise<number> {
  const def = registry.get(key);
  if (!def) throw new Error(`unknown setting ${key}`);
  return (await loadTenant(db, tenantId)).values.get(key) ?? def.default;
}

/** A synchronous reader for the workflow planner. */
export async function settingReader(db: Db, tenantId: number): Promise<(key: string) => number | undefined> {
  const t = await loadTenant(db, tenantId);
  return (key) => t.values.get(key) ?? registry.get(key)?.default;
}

export async function getCalendar(db: Db, tenantId: number): Promise<HolidayCalendar> {
  return (await loadTenant(db, tenantId)).calendar;
}
