/** The county's rules (RULES.md) and holiday calendar: every number a setting, edited here and audited. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../platform/auth.ts';
import { auditSource, writeAudit } from '../../platform/audit.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { getSetting, invalidateSettings, settingDefs } from '../../platform/settings.ts';

const KeyParams = z.strictObject({ key: z.string().regex(/^[a-zA-Z.]{3,80}$/, '规则名称格式不正确') });
const ValueBody = z.strictObject({ value: z.number({ error: '请输入数字' }) });
const CalendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const CalendarBody = z.strictObject({
  date: z.iso.date('日期格式应为 YYYY-MM-DD'),
  /** holiday: a weekday off; workday: a weekend day worked (调休); null removes the entry. */
  kind: z.union([z.enum(['holiday', 'workday']), z.null()]),
  name: z.union([z.string().trim().max(20), z.null()]).optional(),
});

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ['规则设置'];

  app.get('/settings', {
    schema: { tags, summary: '本县区的规则设置（含默认值）' },
    config: { permission: 'org.read' },
  }, async (req) => {
    const tenantId = authOf(req).tenantId;
    const items = await Promise.all(settingDefs().map(async ([key, def]) => ({
      key, ...def, value: await getSetting(db, tenantId, key),
    })));
    return { items };
  });

  app.put('/settings/:key', {
    schema: { tags, summary: '修改一条规则', params: KeyParams, body: ValueBody },
    config: { permission: 'settings.manage' },
  }, async (req) => {
    const auth = authOf(req);
    const def = settingDefs().find(([k]) => k === req.params.key)?.[1];
    if (!def) throw notFound('规则');
    const value = req.body.value;
    if (!Number.isInteger(value) || value < def.min || value > def.max) {
      throw invalid([{ path: 'value', message: `${def.label}应为 ${def.min}–${def.max} 之间的整数（${def.unit}）` }]);
    }
    const before = await getSetting(db, auth.tenantId, req.params.key);
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ tenant_id: auth.tenantId, key: req.params.key, value_json: JSON.stringify(value), updated_at: now, updated_by: auth.user.id })
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value_json: JSON.stringify(value), updated_at: now, updated_by: auth.user.id })).execute();
      await writeAudit(trx, { ...auditSource(req), action: 'settings.update', entity: 'setting', summary: `修改规则「${def.label}」：${before} → ${value} ${def.unit}`,
        before: { [req.params.key]: before }, after: { [req.params.key]: value } });
    });
    invalidateSettings(auth.tenantId);
    return { key: req.params.key, ...def, value };
  });

  app.get('/settings/calendar', {
    schema: { tags, summary: '节假日与调休工作日', querystring: CalendarQuery },
    config: { permission: 'org.read' },
  }, async (req) => {
    let q = db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('tenant_id', '=', authOf(req).tenantId);
    if (req.query.year) q = q.where('date', 'like', `${req.query.year}-%`);
    return { items: await q.orderBy('date').execute() };
  });

  app.put('/settings/calendar', {
    schema: { tags, summary: '设置某天为节假日或调休工作日（kind 为 null 时恢复默认）', body: CalendarBody },
    config: { permission: 'settings.manage' },
  }, async (req) => {
    const auth = authOf(req);
    const { date, kind, name } = req.body;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendar_days').where('tenant_id', '=', auth.tenantId).where('date', '=', date).execute();
      if (kind) await trx.insertInto('calendar_days').values({ tenant_id: auth.tenantId, date, kind, name: name ?? null }).execute();
      await writeAudit(trx, { ...auditSource(req), action: 'settings.calendar', entity: 'calendar', summary: `设置 ${date} 为${kind === 'holiday' ? '节假日' : kind === 'workday' ? '调休工作日' : '默认'}${name ? `（${name}）` : ''}` });
    });
    invalidateSettings(auth.tenantId);
    return { date, kind, name: name ?? null };
  });
};
