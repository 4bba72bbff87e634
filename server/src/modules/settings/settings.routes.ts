/** The county's rules (RULES.md) and holiday calendar: every rule a typed setting, edited here and audited. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarDayBodySchema, CalendarDayResultSchema, CalendarQuerySchema, CalendarViewSchema, NationalImportBodySchema,
  NationalImportResultSchema, SettingListSchema, SettingValueBodySchema, SettingViewSchema,
} from '@xs/core/schemas/settings.ts';
import { authOf } from '../../platform/auth.ts';
import { auditSource } from '../../platform/audit.ts';
import {
  importNationalHolidays, listSettings, readCalendar, resetSetting, setCalendarDay, updateSetting, type Actor,
} from './settings.service.ts';

const KeyParams = z.strictObject({ key: z.string().regex(/^[a-zA-Z.]{3,80}$/, '规则名称格式不正确') });

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ['规则设置'];
  const actor = (req: Parameters<typeof authOf>[0]): Actor => ({ ...auditSource(req), tenantId: authOf(req).tenantId });

  app.get('/settings', {
    schema: { tags, summary: '本县区的规则设置（含类型、含义、默认值和当前值）', response: { 200: SettingListSchema } },
    config: { permission: 'org.read' },
  }, async (req) => ({ items: await listSettings(db, authOf(req).tenantId) }));

  app.put('/settings/:key', {
    schema: { tags, summary: '修改一条规则（按该规则的类型和范围校验）', params: KeyParams, body: SettingValueBodySchema, response: { 200: SettingViewSchema } },
    config: { permission: 'settings.manage' },
  }, async (req) => updateSetting(db, actor(req), req.params.key, req.body.value));

  app.delete('/settings/:key', {
    schema: { tags, summary: '规则恢复默认值', params: KeyParams, response: { 200: SettingViewSchema } },
    config: { permission: 'settings.manage' },
  }, async (req) => resetSetting(db, actor(req), req.params.key));

  app.get('/settings/calendar', {
    schema: { tags, summary: '节假日与调休工作日（县区含继承自市政协的日期）', querystring: CalendarQuerySchema, response: { 200: CalendarViewSchema } },
    config: { permission: 'org.read' },
  }, async (req) => readCalendar(db, authOf(req).tenantId, req.query.year));

  app.put('/settings/calendar', {
    schema: { tags, summary: '设置本单位某天为放假或调休上班（kind 为 null 时取消本单位设置）', body: CalendarDayBodySchema, response: { 200: CalendarDayResultSchema } },
    config: { permission: 'settings.manage' },
  }, async (req) => ({ day: await setCalendarDay(db, actor(req), req.body) }));

  app.post('/settings/calendar/national', {
    schema: { tags, summary: '导入某年国家法定节假日（市政协设置一次，县区继承）', body: NationalImportBodySchema, response: { 200: NationalImportResultSchema } },
    config: { permission: 'settings.manage' },
  }, async (req) => importNationalHolidays(db, actor(req), req.body.year));
};
