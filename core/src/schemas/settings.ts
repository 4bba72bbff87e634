/**
 * County settings and the holiday calendar as the API shows them: each setting carries its kind, meaning,
 * group, default and current value, so the console can pick an editor without knowing the setting.
 */
import { z } from 'zod';
import { cleanString } from '../validation.ts';

export const SETTING_KINDS = ['number', 'enum', 'boolean', 'text'] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

const SettingBaseSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** What the setting means, in Chinese, for the person who changes it. */
  description: z.string(),
  group: z.string(),
  /** True when the county has not set it and the default applies. */
  isDefault: z.boolean(),
});

export const SettingViewSchema = z.discriminatedUnion('kind', [
  SettingBaseSchema.extend({
    kind: z.literal('number'), default: z.number(), value: z.number(), min: z.number(), max: z.number(), unit: z.string(),
  }),
  SettingBaseSchema.extend({
    kind: z.literal('enum'), default: z.string(), value: z.string(),
    options: z.array(z.object({ value: z.string(), label: z.string(), description: z.string().optional() })),
  }),
  SettingBaseSchema.extend({ kind: z.literal('boolean'), default: z.boolean(), value: z.boolean() }),
  SettingBaseSchema.extend({ kind: z.literal('text'), default: z.string(), value: z.string(), maxLength: z.number() }),
]);
export type SettingView = z.infer<typeof SettingViewSchema>;
export const SettingListSchema = z.object({ items: z.array(SettingViewSchema) });
export type SettingList = z.infer<typeof SettingListSchema>;

/** A new value; its type and bounds are checked against the setting's own schema on the server. */
export const SettingValueBodySchema = z.strictObject({
  value: z.union([z.number(), z.string(), z.boolean()], { error: '请填写数字、选项、是/否或文字' }),
});

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '放假', workday: '调休上班' };

export const CalendarQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const CalendarDayBodySchema = z.strictObject({
  date: z.iso.date('日期格式应为 YYYY-MM-DD'),
  /** holiday: a day off; workday: a weekend day worked (调休); null removes the org's own entry. */
  kind: z.union([z.enum(CALENDAR_DAY_KINDS), z.null()], { error: '请选择放假、调休上班，或恢复默认' }),
  name: z.union([cleanString().max(20, '名称最多 20 个字'), z.null()], { error: '名称应为文字' }).optional(),
});
export const NationalImportBodySchema = z.strictObject({
  year: z.number({ error: '请选择年份' }).int('请选择年份'),
});

export const CalendarDayViewSchema = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string().nullable(),
  /** own: set by this org; inherited: set by the city and in force here. */
  source: z.enum(['own', 'inherited']),
  /** The city's entry this org's own entry replaces, if any. */
  overrides: z.object({ kind: z.enum(CALENDAR_DAY_KINDS), name: z.string().nullable() }).nullable(),
});
export type CalendarDayView = z.infer<typeof CalendarDayViewSchema>;
export const CalendarViewSchema = z.object({
  items: z.array(CalendarDayViewSchema),
  /** The org whose days this one inherits (a county's city), or null for the city itself. */
  inheritsFrom: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Years of the national schedule this org can import (a city, or an org without a parent). */
  nationalYears: z.array(z.object({ year: z.number(), confirmed: z.boolean() })),
});
export type CalendarView = z.infer<typeof CalendarViewSchema>;

/** PUT /settings/calendar: the day as it now stands for the org (null: nothing set, neither own nor inherited). */
export const CalendarDayResultSchema = z.object({ day: CalendarDayViewSchema.nullable() });
export type CalendarDayResult = z.infer<typeof CalendarDayResultSchema>;
/** POST /settings/calendar/national: days added, and whether the year's schedule is the State Council's confirmed one. */
export const NationalImportResultSchema = z.object({ added: z.number().int(), confirmed: z.boolean() });
export type NationalImportResult = z.infer<typeof NationalImportResultSchema>;
