/**
 * County settings and the holiday calendar: reading them for the console, changing them (checked against
 * each setting's schema, audited in the same transaction), and importing the national holiday schedule.
 */
import type { z } from 'zod';
import type { CalendarDayView, CalendarView, SettingView } from '@xs/core/schemas/settings.ts';
import type { CalendarDaysTable } from '../../platform/platform.table.ts';
import type { Db } from '../../db/database.ts';
import { writeAudit, type AuditEntry } from '../../platform/audit.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { invalidateSettings, mergeCalendarDays, settingDef, settingValues, type SettingDef } from '../../platform/settings.ts';
import { NATIONAL_HOLIDAYS, nationalYear } from './national-holidays.ts';

/** Who acts, for the audit entry (from `auditSource(req)`); `tenantId` is the org whose rules change. */
export type Actor = Pick<AuditEntry, 'actorId' | 'actorName' | 'ip'> & { tenantId: number };

/** Settings that are machinery, not rules a county decides (the scheduler keeps its leases in the same table). */
const HIDDEN = /^lease\./;

function view(key: string, def: SettingDef, value: unknown, isDefault: boolean): SettingView {
  const base = { key, label: def.label, description: def.description, group: def.group, isDefault };
  switch (def.kind) {
    case 'number': return { ...base, kind: 'number', default: def.default, value: value as number, min: def.min, max: def.max, unit: def.unit };
    case 'enum': return { ...base, kind: 'enum', default: def.default, value: value as string, options: def.options };
    case 'boolean': return { ...base, kind: 'boolean', default: def.default, value: value as boolean };
    case 'text': return { ...base, kind: 'text', default: def.default, value: value as string, maxLength: def.maxLength };
  }
}

/** A value as a person reads it in the audit log: 30 分钟, 四类（A–D，河南）, 是. */
function shown(def: SettingDef, value: unknown): string {
  switch (def.kind) {
    case 'number': return `${String(value)} ${def.unit}`;
    case 'enum': return def.options.find((o) => o.value === value)?.label ?? String(value);
    case 'boolean': return value ? '是' : '否';
    case 'text': return `「${String(value)}」`;
  }
}

export async function listSettings(db: Db, tenantId: number): Promise<SettingView[]> {
  return (await settingValues(db, tenantId)).filter((s) => !HIDDEN.test(s.key)).map((s) => view(s.key, s.def, s.value, s.isDefault));
}

async function currentSetting(db: Db, tenantId: number, key: string): Promise<{ def: SettingDef; value: unknown; isDefault: boolean }> {
  const def = HIDDEN.test(key) ? undefined : settingDef(key);
  if (!def) throw notFound('规则');
  const s = (await settingValues(db, tenantId)).find((x) => x.key === key)!;
  return s;
}

/** Set one rule for the org; the value must pass the setting's own schema (type, bounds, options). */
export async function updateSetting(db: Db, actor: Actor, key: string, value: unknown): Promise<SettingView> {
  const { def, value: before } = await currentSetting(db, actor.tenantId, key);
  const parsed = (def.schema as z.ZodType<unknown>).safeParse(value);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: 'value', message: i.message })));
  const now = new Date().toISOString();
  const json = JSON.stringify(parsed.data);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ tenant_id: actor.tenantId, key, value_json: json, updated_at: now, updated_by: actor.actorId ?? null })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value_json: json, updated_at: now, updated_by: actor.actorId ?? null })).execute();
    await writeAudit(trx, { ...actor, action: 'settings.update', entity: 'setting',
      summary: `修改规则「${def.label}」：${shown(def, before)} → ${shown(def, parsed.data)}`,
      before: { [key]: before }, after: { [key]: parsed.data } });
  });
  invalidateSettings(actor.tenantId);
  return view(key, def, parsed.data, false);
}

/** 恢复默认: drop the org's own value, so the default (and any later change of it) applies again. */
export async function resetSetting(db: Db, actor: Actor, key: string): Promise<SettingView> {
  const { def, value: before, isDefault } = await currentSetting(db, actor.tenantId, key);
  if (!isDefault) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('settings').where('tenant_id', '=', actor.tenantId).where('key', '=', key).execute();
      await writeAudit(trx, { ...actor, action: 'settings.update', entity: 'setting',
        summary: `规则「${def.label}」恢复默认：${shown(def, before)} → ${shown(def, def.default)}`,
        before: { [key]: before }, after: { [key]: def.default } });
    });
    invalidateSettings(actor.tenantId);
  }
  return view(key, def, def.default, true);
}

type DayRow = Pick<CalendarDaysTable, 'date' | 'kind' | 'name'>;

async function parentOrg(db: Db, tenantId: number): Promise<{ id: number; name: string } | null> {
  const row = await db.selectFrom('orgs as o').innerJoin('orgs as p', 'p.id', 'o.parent_id')
    .select(['p.id', 'p.name']).where('o.id', '=', tenantId).executeTakeFirst();
  return row ?? null;
}

async function daysOf(db: Db, tenantId: number, year?: number): Promise<DayRow[]> {
  let q = db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('tenant_id', '=', tenantId);
  if (year) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return q.orderBy('date').execute();
}

/**
 * The org's calendar as in force: a county sees its city's days (inherited) with its own laid over them,
 * each marked by where it comes from and, for an own day, which city day it replaces.
 */
export async function readCalendar(db: Db, tenantId: number, year?: number): Promise<CalendarView> {
  const parent = await parentOrg(db, tenantId);
  const [own, inherited] = await Promise.all([daysOf(db, tenantId, year), parent ? daysOf(db, parent.id, year) : Promise.resolve([])]);
  const cityByDate = new Map(inherited.map((d) => [d.date, d]));
  const items = mergeCalendarDays<CalendarDayView>(
    inherited.map((d) => ({ ...d, source: 'inherited' as const, overrides: null })),
    own.map((d) => {
      const city = cityByDate.get(d.date);
      return { ...d, source: 'own' as const, overrides: city ? { kind: city.kind, name: city.name } : null };
    }),
  );
  return {
    items,
    inheritsFrom: parent,
    nationalYears: parent ? [] : NATIONAL_HOLIDAYS.map((y) => ({ year: y.year, confirmed: y.confirmed })),
  };
}

const KIND_TEXT = { holiday: '放假', workday: '调休上班' } as const;

/** Set (or with `kind: null` clear) one of the org's own days; a county's own day overrides the city's. */
export async function setCalendarDay(db: Db, actor: Actor, day: { date: string; kind: 'holiday' | 'workday' | null; name?: string | null }): Promise<CalendarDayView | null> {
  const name = day.name?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_days').select(['kind', 'name']).where('tenant_id', '=', actor.tenantId).where('date', '=', day.date).executeTakeFirst();
    await trx.deleteFrom('calendar_days').where('tenant_id', '=', actor.tenantId).where('date', '=', day.date).execute();
    if (day.kind) await trx.insertInto('calendar_days').values({ tenant_id: actor.tenantId, date: day.date, kind: day.kind, name }).execute();
    await writeAudit(trx, { ...actor, action: 'settings.calendar', entity: 'calendar',
      summary: day.kind ? `设置 ${day.date} 为${KIND_TEXT[day.kind]}${name ? `（${name}）` : ''}` : `取消 ${day.date} 的本单位设置${before ? `（原为${KIND_TEXT[before.kind]}）` : ''}`,
      before: before ?? null, after: day.kind ? { kind: day.kind, name } : null });
  });
  invalidateSettings(actor.tenantId);
  const view = (await readCalendar(db, actor.tenantId, Number(day.date.slice(0, 4)))).items.find((d) => d.date === day.date);
  return view ?? null;
}

/**
 * 导入国家法定节假日: write a year of the national schedule into a city's calendar (its counties inherit it).
 * Days the city already set are left as they are, so importing twice, or after an edit, changes nothing.
 */
export async function importNationalHolidays(db: Db, actor: Actor, year: number): Promise<{ added: number; confirmed: boolean }> {
  const schedule = nationalYear(year);
  if (!schedule) {
    throw invalid([{ path: 'year', message: `暂无 ${year} 年的国家放假安排，可导入：${NATIONAL_HOLIDAYS.map((y) => y.year).join('、')} 年` }]);
  }
  const parent = await parentOrg(db, actor.tenantId);
  if (parent) throw new AppError('bad_request', `国家法定节假日由${parent.name}统一设置，本单位自动继承，只需设置本地调整`);
  let added = 0;
  await db.transaction().execute(async (trx) => {
    added = await seedNationalHolidays(trx, actor.tenantId, year);
    await writeAudit(trx, { ...actor, action: 'settings.calendar', entity: 'calendar',
      summary: `导入 ${year} 年国家法定节假日${schedule.confirmed ? '' : '（待国务院通知确认）'}：新增 ${added} 天` });
  });
  invalidateSettings(actor.tenantId);
  return { added, confirmed: schedule.confirmed };
}

/** The national days of a year that the org has not set itself; used by the import and the demo seed. */
export async function seedNationalHolidays(db: Db, tenantId: number, year: number): Promise<number> {
  const schedule = nationalYear(year);
  if (!schedule) return 0;
  const taken = new Set((await daysOf(db, tenantId, year)).map((d) => d.date));
  const rows = schedule.days.filter((d) => !taken.has(d.date)).map((d) => ({ tenant_id: tenantId, ...d }));
  if (rows.length) await db.insertInto('calendar_days').values(rows).execute();
  return rows.length;
}
