/**
 * County rules (RULES.md): every number — and every choice that differs by place, such as the proposal
 * result classes — is a setting with a default, never a constant in code. Each setting is a typed
 * definition: a Zod schema, its label and meaning, a group and a default. Modules declare theirs with
 * `defineSettings` and add their keys to `SettingValues` so `getSetting` returns the schema's type.
 * Values are cached per process for a few seconds; several processes converge within that time.
 */
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { dbIdentity } from './db-identity.ts';
import { EMPTY_CALENDAR, type HolidayCalendar } from '@xs/core/calendar.ts';

interface SettingBase<T> {
  /** Short Chinese name shown as the setting's title. */
  label: string;
  /** What the setting means and what it changes, in Chinese. */
  description: string;
  /** The heading it is listed under (安全, 直通政协, 提案 …). */
  group: string;
  default: T;
  /** Checks a new value; its messages are shown to the person editing, so they are Chinese. */
  schema: z.ZodType<T>;
}
export interface NumberSettingDef extends SettingBase<number> { kind: 'number'; min: number; max: number; unit: string }
export interface EnumOption<V extends string = string> { value: V; label: string; description?: string }
export interface EnumSettingDef<V extends string = string> extends SettingBase<V> { kind: 'enum'; options: EnumOption<V>[] }
export interface BooleanSettingDef extends SettingBase<boolean> { kind: 'boolean' }
export interface TextSettingDef extends SettingBase<string> { kind: 'text'; maxLength: number }
export type SettingDef = NumberSettingDef | EnumSettingDef | BooleanSettingDef | TextSettingDef;

type Described = { label: string; description: string; group: string };

/** A whole number within bounds, in a unit (天, 个工作日, 次 …). */
export function numberSetting(o: Described & { default: number; min: number; max: number; unit: string }): NumberSettingDef {
  const message = `${o.label}应为 ${o.min}–${o.max} 之间的整数（${o.unit}）`;
  const schema = z.number({ error: message }).int(message).min(o.min, message).max(o.max, message);
  return { kind: 'number', ...o, schema };
}

/** One of a few named options, each with its own label (and meaning, where the label is not enough). */
export function enumSetting<const V extends string>(o: Described & { default: NoInfer<V>; options: EnumOption<V>[] }): EnumSettingDef<V> {
  const values = o.options.map((x) => x.value) as [V, ...V[]];
  const schema = z.enum(values, { error: `${o.label}应为以下之一：${o.options.map((x) => x.label).join('、')}` }) as unknown as z.ZodType<V>;
  return { kind: 'enum', ...o, schema };
}

export function booleanSetting(o: Described & { default: boolean }): BooleanSettingDef {
  return { kind: 'boolean', ...o, schema: z.boolean({ error: `${o.label}应为“是”或“否”` }) };
}

/** A short line of text (a signature, a hotline name …). */
export function textSetting(o: Described & { default: string; maxLength: number }): TextSettingDef {
  const schema = z.string({ error: `${o.label}应为文字` }).trim().max(o.maxLength, `${o.label}最多 ${o.maxLength} 个字`);
  return { kind: 'text', ...o, schema };
}

/** The numeric shape modules used before settings were typed; still accepted and read as a number setting. */
export interface LegacyNumberSetting { label: string; default: number; min: number; max: number; unit: string; description?: string; group?: string }
type AnySettingInput = SettingDef | LegacyNumberSetting;
type DefOf<I> = I extends SettingDef ? I : NumberSettingDef;
/** The value type of each setting in a `defineSettings` declaration, for `SettingValues`. */
export type SettingValuesOf<D extends Record<string, AnySettingInput>> = {
  [K in keyof D]: DefOf<D[K]> extends SettingBase<infer T> ? T : never;
};

const PLATFORM_SETTINGS = {
  // Login throttling (platform/login-throttle.ts): a source is locked for one account; the account is only slowed.
  'security.lockout.maxFailures': numberSetting({
    label: '同一来源（IP）对同一账号连续登录失败锁定次数', group: '账号安全', default: 5, min: 3, max: 20, unit: '次',
    description: '同一来源对同一账号输错密码达到此次数后，该来源对该账号暂时锁定，防止密码被猜测（等保 2.0 登录失败处理）；其他来源不受影响。',
  }),
  'security.lockout.minutes': numberSetting({
    label: '该来源锁定时长', group: '账号安全', default: 15, min: 1, max: 1440, unit: '分钟',
    description: '一个来源因连续登录失败被锁定后，需等待多长时间才能再次尝试登录该账号。',
  }),
  'security.slowdown.afterFailures': numberSetting({
    label: '账号各来源合计登录失败达到此数后开始延时', group: '账号安全', default: 10, min: 3, max: 1000, unit: '次',
    description: '账号本身从不锁定（以免被人故意锁死）；各来源合计失败达到此数后，每次登录尝试之间须等待一段时间。',
  }),
  'security.slowdown.firstSeconds': numberSetting({
    label: '账号登录延时起始值（此后每次失败加倍）', group: '账号安全', default: 2, min: 1, max: 600, unit: '秒',
    description: '开始延时后第一次需等待的秒数，此后每失败一次加倍，直至上限。',
  }),
  'security.slowdown.maxSeconds': numberSetting({
    label: '账号登录延时上限', group: '账号安全', default: 900, min: 10, max: 86_400, unit: '秒',
    description: '账号登录延时最长的等待时间。',
  }),
  'security.maxSessionsPerUser': numberSetting({
    label: '每个账号同时登录的设备数上限', group: '账号安全', default: 5, min: 1, max: 50, unit: '个',
    description: '同一账号同时保持登录的设备数；超出时最早的登录自动退出。',
  }),
  'security.idleMinutes': numberSetting({
    label: '无操作自动退出', group: '账号安全', default: 30, min: 5, max: 240, unit: '分钟',
    description: '登录后连续这么长时间没有操作，系统自动退出登录，需重新登录。',
  }),
  'security.passwordMaxAgeDays': numberSetting({
    label: '密码有效期', group: '账号安全', default: 90, min: 30, max: 365, unit: '天',
    description: '密码使用超过这么多天后，登录时要求先修改密码（等保 2.0 要求定期更换）。',
  }),
  'audit.retentionDays': numberSetting({
    label: '审计日志至少保留', group: '审计', default: 180, min: 180, max: 3650, unit: '天',
    description: '审计日志至少保留的天数；网络安全法要求网络日志留存不少于六个月，不能设得更短。',
  }),
} satisfies Record<string, SettingDef>;

/**
 * Every declared setting's value type, by key. Modules add theirs by declaration merging:
 * `declare module '…/platform/settings.ts' { interface SettingValues extends SettingValuesOf<typeof MINE> {} }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SettingValues extends SettingValuesOf<typeof PLATFORM_SETTINGS> {}
export type SettingKey = keyof SettingValues & string;

const registry = new Map<string, SettingDef>(Object.entries(PLATFORM_SETTINGS));

function normalise(def: AnySettingInput): SettingDef {
  if ('kind' in def) return def;
  return numberSetting({ ...def, description: def.description ?? def.label, group: def.group ?? '其他' });
}

/** Modules declare their own rules at import time (e.g. clue deadlines); returns the declaration for `SettingValuesOf`. */
export function defineSettings<const D extends Record<string, AnySettingInput>>(defs: D): D {
  for (const [k, v] of Object.entries(defs)) registry.set(k, normalise(v));
  return defs;
}

/** For a process that runs several test files (server/src/test/setup.ts): a call that puts the declarations back as they are now. */
export function markSettings(): () => void {
  const before = new Map(registry);
  return () => {
    registry.clear();
    for (const [k, v] of before) registry.set(k, v);
  };
}

export function settingDefs(): [string, SettingDef][] {
  return [...registry.entries()];
}

export function settingDef(key: string): SettingDef | undefined {
  return registry.get(key);
}

const CACHE_MS = 5_000;
/** `db`: the database the entry was read from (dbIdentity); another database's tenant of the same id misses. */
interface TenantEntry { at: number; db: object; parentId: number | null; values: Map<string, unknown>; calendar: HolidayCalendar }
const cache = new Map<number, TenantEntry>();

/**
 * A county's holiday calendar is the city's (national holidays and 调休, set once by the city) with the
 * county's own days laid over it: on a date both name, the county's entry wins.
 */
export function mergeCalendarDays<D extends { date: string }>(inherited: readonly D[], own: readonly D[]): D[] {
  const byDate = new Map<string, D>();
  for (const d of inherited) byDate.set(d.date, d);
  for (const d of own) byDate.set(d.date, d);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

async function loadTenant(db: Db, tenantId: number): Promise<TenantEntry> {
  const hit = cache.get(tenantId);
  if (hit && hit.db === dbIdentity(db) && Date.now() - hit.at < CACHE_MS) return hit;
  const [rows, org] = await Promise.all([
    db.selectFrom('settings').select(['key', 'value_json']).where('tenant_id', '=', tenantId).execute(),
    db.selectFrom('orgs').select('parent_id').where('id', '=', tenantId).executeTakeFirst(),
  ]);
  const parentId = org?.parent_id ?? null;
  const days = await db.selectFrom('calendar_days').select(['tenant_id', 'date', 'kind'])
    .where('tenant_id', 'in', parentId === null ? [tenantId] : [tenantId, parentId]).execute();
  const values = new Map<string, unknown>();
  for (const r of rows) {
    try {
      values.set(r.key, JSON.parse(r.value_json));
    } catch {
      // A row written by hand that is not JSON counts as unset: the default applies.
    }
  }
  const merged = mergeCalendarDays(days.filter((d) => d.tenant_id !== tenantId), days.filter((d) => d.tenant_id === tenantId));
  const calendar: HolidayCalendar = merged.length
    ? { holidays: merged.filter((d) => d.kind === 'holiday').map((d) => d.date), workdays: merged.filter((d) => d.kind === 'workday').map((d) => d.date) }
    : EMPTY_CALENDAR;
  const entry = { at: Date.now(), db: dbIdentity(db), parentId, values, calendar };
  cache.set(tenantId, entry);
  return entry;
}

/** Forget a tenant's cached values, and those of every county that inherits its calendar. */
export function invalidateSettings(tenantId: number): void {
  cache.delete(tenantId);
  for (const [id, e] of cache) if (e.parentId === tenantId) cache.delete(id);
}

/** The stored value when it passes the setting's schema, else the default (a bad row never breaks a rule). */
function settingValue(def: SettingDef, raw: unknown): { value: unknown; isDefault: boolean } {
  if (raw === undefined) return { value: def.default, isDefault: true };
  const parsed = (def.schema as z.ZodType<unknown>).safeParse(raw);
  return parsed.success ? { value: parsed.data, isDefault: false } : { value: def.default, isDefault: true };
}

export async function getSetting<K extends SettingKey>(db: Db, tenantId: number, key: K): Promise<SettingValues[K]> {
  const def = registry.get(key);
  if (!def) throw new Error(`unknown setting ${key}`);
  return settingValue(def, (await loadTenant(db, tenantId)).values.get(key)).value as SettingValues[K];
}

/** Every declared setting with the county's value, for the settings page. */
export async function settingValues(db: Db, tenantId: number): Promise<{ key: string; def: SettingDef; value: unknown; isDefault: boolean }[]> {
  const t = await loadTenant(db, tenantId);
  return settingDefs().map(([key, def]) => ({ key, def, ...settingValue(def, t.values.get(key)) }));
}

/**
 * A synchronous reader of number settings for the workflow planner. A workflow may name a setting key
 * with its own default and no declaration; a stored number for it is still read.
 */
export async function settingReader(db: Db, tenantId: number): Promise<(key: string) => number | undefined> {
  const t = await loadTenant(db, tenantId);
  return (key) => {
    const def = registry.get(key);
    if (!def) {
      const raw = t.values.get(key);
      return typeof raw === 'number' ? raw : undefined;
    }
    return def.kind === 'number' ? settingValue(def, t.values.get(key)).value as number : undefined;
  };
}

/** The county's working-day calendar: the city's days with the county's own laid over them. */
export async function getCalendar(db: Db, tenantId: number): Promise<HolidayCalendar> {
  return (await loadTenant(db, tenantId)).calendar;
}
