/**
 * 直通政协 as an office runs it: 代录 of calls, letters, visits, 12345 referrals and members' reports; the Word
 * documents of a clue and the office's reports; unit figures and the city's county comparison.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CityComparisonSchema, ClueIntakeResultSchema, ClueIntakeSchema, ClueRecoveryRequestResultSchema, ClueRecoveryRequestSchema, ClueRecoveryVerifyResultSchema,
  ClueRecoveryVerifySchema, ClueStaffIntakeSchema, UnitFiguresSchema,
} from '@xs/core/schemas/clues-office.ts';
import { UploadedFileSchema } from '@xs/core/schemas/common.ts';
import { CLUE_URGENCIES, ClueStatsQuerySchema, OverdueReportSchema } from '@xs/core/schemas/clues.ts';
import { cstDateTime, cstDay } from '@xs/core/calendar.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { actorOf, authOf } from '../../platform/auth.ts';
import { receiveAttachment } from '../../platform/files.ts';
import { sendWorkbook } from '../../platform/excel.ts';
import { cityComparison, unitFigures } from './clues.figures.ts';
import { clueBulletin, clueDocument, sendDocx, type ClueDocumentKind } from './clues.documents.ts';
import { clueIntakeOf, enterClueForCitizen } from './clues.staff-intake.ts';
import { requestRecoveryCode, verifyRecoveryCode } from './clues.recovery.ts';
import { overdueReport } from './clues.overdue.ts';

const IdParams = z.strictObject({ id: IdSchema });
const BulletinQuery = z.strictObject({
  period: z.enum(['month', 'quarter'], { error: '期间只能是月度（month）或季度（quarter）' }),
  year: z.coerce.number({ error: '请填写年份' }).int('年份应为整数').min(2020, '年份不能早于 2020 年').max(2100, '年份不正确'),
  n: z.coerce.number({ error: '请填写第几月或第几季度' }).int('月份或季度应为整数').min(1, '月份或季度从 1 开始').max(12, '月份不能大于 12'),
}).superRefine((v, ctx) => {
  if (v.period === 'quarter' && v.n > 4) ctx.addIssue({ code: 'custom', path: ['n'], message: '季度只能是 1 到 4' });
});
const DOCUMENTS: [ClueDocumentKind, string][] = [['assignment', '交办单（转办函）'], ['urge', '催办函'], ['reply', '答复函']];

export const clueOfficeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const tags = ['直通政协'];

  app.post('/clues/intake', {
    schema: { tags, summary: '代录：工作人员代群众录入线索（热线、来信、来访、12345转来、委员反映），短信告知查询码', body: ClueStaffIntakeSchema, response: { 201: ClueIntakeResultSchema } },
    config: { permission: 'clue.triage' },
  }, async (req, reply) => {
    const created = await enterClueForCitizen(db, actorOf(req), req.body);
    reply.status(201);
    return created;
  });

  app.post('/clues/intake/files', {
    schema: { tags, summary: '代录：上传来信扫描件（图片或 PDF，≤ 10 MB）', consumes: ['multipart/form-data'], response: { 201: UploadedFileSchema } },
    config: { permission: 'clue.triage' },
  }, async (req, reply) => {
    const ctx = actorOf(req);
    const stored = await receiveAttachment(req, db, config.dataDir, ctx.tenantId, ctx.actor.id);
    reply.status(201);
    return stored;
  });

  app.get('/clues/:id/intake', {
    schema: { tags, summary: '代录线索的来源：渠道、收到时间、编号、来信扫描件、录入人', params: IdParams, response: { 200: ClueIntakeSchema } },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => clueIntakeOf(db, authOf(req).tenantId, req.params.id));
  app.get('/clues/overdue-report', {
    schema: { tags, summary: '超期通报：承办单位手中已超期的线索，按单位分组（件数、超期天数、催办次数）', response: { 200: OverdueReportSchema } },
    config: { permission: 'clue.read' },
  }, async (req) => overdueReport(db, authOf(req).tenantId));

  app.get('/clues/overdue-report/export', {
    schema: { tags, summary: '导出超期通报（Excel，北京时间）' },
    config: { permission: 'clue.read' },
  }, async (req, reply) => {
    const report = await overdueReport(db, authOf(req).tenantId);
    const rows = report.units.flatMap((u) => u.items.map((i) => ({ ...i, unitName: u.unitName })));
    return sendWorkbook(reply, '超期通报', '超期通报', [
      { header: '承办单位', width: 20, value: (r) => r.unitName },
      { header: '查询码', width: 14, value: (r) => r.code },
      { header: '反映内容', width: 50, value: (r) => r.summary },
      { header: '紧急程度', value: (r) => CLUE_URGENCIES[r.urgency] },
      { header: '转办时间', width: 18, value: (r) => cstDateTime(r.forwardedAt) },
      { header: '办理期限', width: 14, value: (r) => cstDay(r.dueAt) },
      { header: '超期天数', value: (r) => r.daysLate },
      { header: '催办次数', value: (r) => r.reminders },
      { header: '最近催办', width: 18, value: (r) => cstDateTime(r.lastRemindedAt) },
    ], rows);
  });

  app.get('/clues/figures/units', {
    schema: { tags, summary: '承办单位办理情况：交办数、按期办结率、满意率、超期数、退回数，按期办结率排名', querystring: ClueStatsQuerySchema, response: { 200: UnitFiguresSchema } },
    config: { permission: 'stats.read' },
  }, async (req) => unitFigures(db, authOf(req).tenantId, req.query));

  app.get('/clues/figures/units/export', {
    schema: { tags, summary: '导出承办单位办理情况（Excel）', querystring: ClueStatsQuerySchema },
    config: { permission: 'stats.read' },
  }, async (req, reply) => {
    const f = await unitFigures(db, authOf(req).tenantId, req.query);
    const rate = (v: number | null) => (v === null ? '' : v);
    return sendWorkbook(reply, '承办单位办理情况', '承办单位办理情况', [
      { header: '排名', width: 8, value: (r) => r.rank },
      { header: '承办单位', width: 24, value: (r) => r.unitName },
      { header: '交办数', value: (r) => r.assigned },
      { header: '已答复', value: (r) => r.replied },
      { header: '按期答复', value: (r) => r.onTime },
      { header: '按期办结率(%)', value: (r) => rate(r.onTimeRate) },
      { header: '超期数', value: (r) => r.overdue },
      { header: '退回数', value: (r) => r.returned },
      { header: '在办', value: (r) => r.open },
      { header: '评价数', value: (r) => r.rated },
      { header: '满意率(%)', value: (r) => rate(r.satisfactionRate) },
    ], f.rows);
  });

  app.get('/clues/figures/counties', {
    schema: { tags, summary: '市政协：各县区同口径对比（采纳率、办结率、按期办结率、满意率、超期、退回），排名和逐月趋势', querystring: ClueStatsQuerySchema, response: { 200: CityComparisonSchema } },
    config: { permission: 'stats.read' },
  }, async (req) => cityComparison(db, authOf(req).tenantId, req.query));
  for (const [kind, label] of DOCUMENTS) {
    app.get(`/clues/:id/documents/${kind}`, {
      schema: { tags, summary: `线索${label}（Word）`, params: IdParams },
      config: { permission: 'clue.read', entity: 'clues' },
    }, async (req, reply) => {
      const doc = await clueDocument(db, authOf(req).tenantId, req.params.id, kind);
      return sendDocx(reply, doc.filename, doc.data);
    });
  }

  app.get('/clues/reports/bulletin', {
    schema: { tags, summary: '月度/季度办理情况通报（Word），由数据生成', querystring: BulletinQuery },
    config: { permission: 'stats.read' },
  }, async (req, reply) => {
    const b = await clueBulletin(db, authOf(req).tenantId, req.query.period, req.query.year, req.query.n);
    return sendDocx(reply, b.filename, b.data);
  });
  // ---- A citizen who lost the secret (no account; rate-limited per address, and per clue in the use-case) ----
  const limit = { rateLimit: { max: config.publicRateLimit.max, timeWindow: config.publicRateLimit.windowMs } };
  const publicTags = ['直通政协（公开）'];

  app.post('/public/clues/recover/request', {
    schema: { tags: publicTags, summary: '忘记查询密码：向提交时留的手机号发送短信验证码（查询码与手机号不符时回答相同）', body: ClueRecoveryRequestSchema, response: { 200: ClueRecoveryRequestResultSchema } },
    config: { permission: 'public', ...limit },
  }, async (req) => requestRecoveryCode(db, req.body.code, req.body.phone, req.ip));

  app.post('/public/clues/recover/verify', {
    schema: { tags: publicTags, summary: '忘记查询密码：凭短信验证码换发新的查询密码（原密码作废）', body: ClueRecoveryVerifySchema, response: { 200: ClueRecoveryVerifyResultSchema } },
    config: { permission: 'public', ...limit },
  }, async (req) => verifyRecoveryCode(db, req.body.code, req.body.phone, req.body.smsCode, req.ip));
};
