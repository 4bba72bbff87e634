import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionLabel } from '@xs/core/audit-labels.ts';
import { cstDateTime } from '@xs/core/calendar.ts';
import { text } from '@xs/core/validation.ts';
import { AuditPageSchema } from '@xs/core/schemas/audit.ts';
import type { Db } from '../../db/database.ts';
import { authOf } from '../../platform/auth.ts';
import { sendWorkbook } from '../../platform/excel.ts';
import { contains, startsWith } from '../../platform/like.ts';

const AuditQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** Free text: matched against the summary, the action and the actor's name. */
  q: text(50, 0).optional(),
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/, '操作类型格式不正确').optional(),
  actorId: z.coerce.number().int().positive().optional(),
  result: z.enum(['success', 'failure']).optional(),
  from: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  to: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
});
type AuditQuery = z.infer<typeof AuditQuery>;

function query(db: Db, tenantId: number, f: AuditQuery) {
  let q = db.selectFrom('audit_log').where('tenant_id', '=', tenantId);
  const text = f.q;
  if (text) q = q.where((eb) => eb.or([contains('summary', text), contains('action', text), contains('actor_name', text)]));
  if (f.action) q = q.where(startsWith('action', f.action));
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.result) q = q.where('result', '=', f.result);
  // Dates are CST days; stored instants are UTC.
  if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00+08:00`).toISOString());
  if (f.to) q = q.where('at', '<=', new Date(`${f.to}T23:59:59.999+08:00`).toISOString());
  return q;
}

const toDto = (r: { id: number; at: string; actor_id: number | null; actor_name: string | null; ip: string | null; action: string; entity: string | null; entity_id: number | null; result: string; summary: string; before_json: string | null; after_json: string | null }) => ({
  id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, ip: r.ip, action: r.action, entity: r.entity,
  entityId: r.entity_id, result: r.result as 'success' | 'failure', summary: r.summary,
  before: r.before_json ? JSON.parse(r.before_json) as unknown : null, after: r.after_json ? JSON.parse(r.after_json) as unknown : null,
});

/** The audit log is read here and nowhere written except through writeAudit; nothing updates or deletes it. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  app.get('/audit', {
    schema: { tags: ['审计'], summary: '查询审计日志', querystring: AuditQuery, response: { 200: AuditPageSchema } },
    config: { permission: 'audit.read' },
  }, async (req) => {
    const f = req.query;
    const base = query(db, authOf(req).tenantId, f);
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return { items: rows.map(toDto), total, page: f.page, pageSize: f.pageSize };
  });

  app.get('/audit/export', {
    schema: { tags: ['审计'], summary: '导出审计日志（Excel，最多 50,000 条）', querystring: AuditQuery },
    config: { permission: 'audit.read' },
  }, async (req, reply) => {
    const rows = (await query(db, authOf(req).tenantId, req.query).selectAll().orderBy('id', 'desc').limit(50_000).execute()).map(toDto);
    return sendWorkbook(reply, '审计日志', '审计日志', [
      // The office's wall clock and the Chinese name of the action, as on the audit page.
      { header: '时间（北京时间）', width: 22, value: (r) => cstDateTime(r.at, true) },
      { header: '操作人', value: (r) => r.actorName },
      { header: 'IP', value: (r) => r.ip },
      { header: '操作类型', width: 24, value: (r) => actionLabel(r.action) },
      { header: '结果', value: (r) => (r.result === 'success' ? '成功' : '失败') },
      { header: '描述', width: 50, value: (r) => r.summary },
    ], rows);
  });
};
