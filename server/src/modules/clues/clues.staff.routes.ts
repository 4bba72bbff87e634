/** The office's side of 直通政协: triage queue, export, statistics, conversions, routing rules, bulk and single actions, publishing. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkResultSchema, ClueSuperviseSchema, CLUE_MARKS, CLUE_RATINGS, ClueBulkSchema, ClueContactSchema, SimilarCluesSchema, ClueDetailSchema, ClueListPageSchema, ClueListQuerySchema, CluePublishSchema, ConversionListSchema,
  ClueForwardRulesSchema, ClueStatsQuerySchema, ClueTransitionBodySchema, RoutingRuleSchema, type ClueAction,
  ClueStatsByCountySchema, ClueStatsSchema, CreatedIdSchema, RoutingRulesSchema, UnitSuggestionsSchema,
} from '@xs/core/schemas/clues.ts';
import { cstDateTime, cstDay } from '@xs/core/calendar.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { OkSchema } from '@xs/core/schemas/common.ts';
import { actorOf, authOf } from '../../platform/auth.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { auditSource } from '../../platform/audit.ts';
import { sendWorkbook } from '../../platform/excel.ts';
import { readFile, sendStoredFile } from '../../platform/files.ts';
import { exportItems, listClues } from './clues.repository.ts';
import { listConversions } from './clues.conversions.ts';
import { STAFF_COMMANDS, acceptAndForward, bulkTransition, clueDetail, publishClue, revealContact, similarToClue, transitionClue } from './clues.staff.ts';
import { forwardRules } from './clues.forwarding.ts';
import { createRoutingRule, deleteRoutingRule, listRoutingRules, suggestUnitsFor } from './clues.unit-suggestions.ts';
import { clueStats, clueStatsByCounty } from './clues.stats.ts';

const IdParams = z.strictObject({ id: IdSchema });
const TransitionParams = z.strictObject({ id: IdSchema, name: z.string().max(40) });
const FileParams = z.strictObject({ fileId: IdSchema });

const staff = actorOf;

function commandName(name: string, allowed: ClueAction[]): ClueAction {
  if (!(allowed as string[]).includes(name)) throw new AppError('bad_request', `没有「${name}」这个操作`);
  return name as ClueAction;
}

export const clueStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const tags = ['直通政协'];

  app.get('/clues', {
    schema: { tags, summary: '线索分拣列表（筛选、全文检索）', querystring: ClueListQuerySchema, response: { 200: ClueListPageSchema } },
    config: { permission: 'clue.read' },
  }, async (req) => listClues(db, authOf(req).tenantId, req.query));

  app.get('/clues/export', {
    schema: { tags, summary: '导出线索（Excel，最多 20,000 条）', querystring: ClueListQuerySchema },
    config: { permission: 'clue.read' },
  }, async (req, reply) => {
    const items = await exportItems(db, authOf(req).tenantId, req.query);
    return sendWorkbook(reply, '民意线索', '民意线索', [
      { header: '查询码', width: 14, value: (c) => c.code },
      // Times as the office's wall clock reads them (Beijing time), not the stored UTC.
      { header: '提交时间', width: 20, value: (c) => cstDateTime(c.createdAt) },
      { header: '类别', value: (c) => c.categoryLabel },
      { header: '渠道', value: (c) => c.channelLabel },
      { header: '乡镇', value: (c) => c.townshipName },
      { header: '内容', width: 60, value: (c) => c.content },
      { header: '状态', value: (c) => c.stateLabel },
      { header: '承办单位', width: 20, value: (c) => c.unitName },
      { header: '办理期限', width: 14, value: (c) => cstDay(c.dueAt) },
      { header: '超期', value: (c) => (c.overdue ? '是' : '') },
      { header: '预警', value: (c) => CLUE_MARKS[c.mark] },
      { header: '答复', width: 60, value: (c) => c.replyText },
      { header: '答复时间', width: 20, value: (c) => cstDateTime(c.repliedAt) },
      { header: '办结时间', width: 20, value: (c) => cstDateTime(c.resolvedAt) },
      { header: '附议', width: 8, value: (c) => c.supporters },
      { header: '评价', value: (c) => (c.rating ? CLUE_RATINGS[c.rating] : '') },
      { header: '评价意见', width: 30, value: (c) => c.ratingComment },
      { header: '联系电话', width: 16, value: (c) => c.contactPhoneMasked },
    ], items);
  });

  app.get('/clues/stats', {
    schema: { tags, summary: '线索统计：收到 → 采纳 → 转办/上报 → 办结，满意率、平均办理天数，按类别、乡镇、渠道、月份', querystring: ClueStatsQuerySchema, response: { 200: ClueStatsSchema } },
    config: { permission: 'stats.read' },
  }, async (req) => clueStats(db, authOf(req).tenantId, req.query));

  app.get('/clues/stats/counties', {
    schema: { tags, summary: '市政协：各县区线索情况并列（收到、采纳、转办、办结、满意率、超期）', querystring: ClueStatsQuerySchema, response: { 200: ClueStatsByCountySchema } },
    config: { permission: 'stats.read' },
  }, async (req) => clueStatsByCounty(db, authOf(req).tenantId, req.query));

  app.get('/clues/stats/export', {
    schema: { tags, summary: '导出线索统计（Excel）', querystring: ClueStatsQuerySchema },
    config: { permission: 'stats.read' },
  }, async (req, reply) => {
    const s = await clueStats(db, authOf(req).tenantId, req.query);
    const rows = [
      ...[['收到线索', s.funnel.received], ['采纳', s.funnel.adopted], ['转办/上报', s.funnel.forwarded], ['其中转化', s.funnel.converted], ['办结', s.funnel.resolved],
        ['满意率(%)', s.satisfaction.rate ?? ''], ['平均办理工作日', s.avgHandlingDays ?? ''], ['在办超期', s.overdueOpen]].map(([k, v]) => ({ group: '总体', label: String(k), received: v, adopted: '', resolved: '' })),
      ...s.byCategory.map((g) => ({ group: '按类别', label: g.label, received: g.received, adopted: g.adopted, resolved: g.resolved })),
      ...s.byTownship.map((g) => ({ group: '按乡镇', label: g.label, received: g.received, adopted: g.adopted, resolved: g.resolved })),
      ...s.byChannel.map((g) => ({ group: '按渠道', label: g.label, received: g.received, adopted: g.adopted, resolved: g.resolved })),
    ];
    return sendWorkbook(reply, '线索统计', '线索统计', [
      { header: '分组', value: (r) => r.group },
      { header: '项目', width: 20, value: (r) => r.label },
      { header: '收到/数值', value: (r) => r.received },
      { header: '采纳', value: (r) => r.adopted },
      { header: '办结', value: (r) => r.resolved },
    ], rows);
  });

  app.get('/clues/conversions', {
    schema: { tags, summary: '转化队列：线索转为协商议题、提案线索、社情民意信息的关联（converted_into），待对应模块接手或已接手', response: { 200: ConversionListSchema } },
    config: { permission: 'clue.read' },
  }, async (req) => listConversions(db, authOf(req).tenantId));

  app.get('/clues/routing-rules', {
    schema: { tags, summary: '转办规则（类别、关键词 → 承办单位）', response: { 200: RoutingRulesSchema } },
    config: { permission: 'clue.read' },
  }, async (req) => listRoutingRules(db, authOf(req).tenantId));

  app.post('/clues/routing-rules', {
    schema: { tags, summary: '新增转办规则', body: RoutingRuleSchema, response: { 201: CreatedIdSchema } },
    config: { permission: 'settings.manage' },
  }, async (req, reply) => {
    const created = await createRoutingRule(db, authOf(req).tenantId, auditSource(req), req.body);
    reply.status(201);
    return created;
  });

  app.delete('/clues/routing-rules/:id', {
    schema: { tags, summary: '删除转办规则', params: IdParams, response: { 200: OkSchema } },
    config: { permission: 'settings.manage', entity: 'clue_routing_rules' },
  }, async (req) => deleteRoutingRule(db, authOf(req).tenantId, auditSource(req), req.params.id));

  app.post('/clues/bulk', {
    schema: { tags, summary: '批量操作（采纳、不予采纳、转办、归档、催办），逐条返回结果', body: ClueBulkSchema, response: { 200: BulkResultSchema } },
    config: { permission: 'clue.triage' },
  }, async (req) => {
    const b = req.body;
    if (b.transition === 'decline' && !b.reason) throw invalid([{ path: 'reason', message: '不予采纳需要填写理由' }]);
    if (b.transition === 'forward' && !b.unitId) throw invalid([{ path: 'unitId', message: '转办需要选择承办单位' }]);
    return bulkTransition(db, staff(req), b.transition, b.items, { reason: b.reason, unitId: b.unitId });
  });

  app.get('/clues/files/:fileId', {
    schema: { tags, summary: '线索照片或答复附件', params: FileParams },
    config: { permission: 'clue.read', entity: 'files' },
  }, async (req, reply) => {
    const { row, data } = await readFile(db, config.dataDir, authOf(req).tenantId, req.params.fileId);
    return sendStoredFile(reply, row, data);
  });

  app.get('/clues/:id', {
    schema: { tags, summary: '线索详情（含流转记录和可执行的操作）', params: IdParams, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => clueDetail(db, staff(req), req.params.id));

  app.get('/clues/:id/contact', {
    schema: { tags, summary: '查看反映人完整联系方式（记入审计日志）', params: IdParams, response: { 200: ClueContactSchema } },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => revealContact(db, staff(req), req.params.id));

  app.get('/clues/:id/similar', {
    schema: { tags, summary: '合并建议：同一问题的其他线索，按相似度排序', params: IdParams, response: { 200: SimilarCluesSchema } },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => similarToClue(db, authOf(req).tenantId, req.params.id));

  app.get('/clues/:id/unit-suggestions', {
    schema: { tags, summary: '转办建议：按县区规则和以往转办推荐承办单位，附理由', params: IdParams, response: { 200: UnitSuggestionsSchema } },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => suggestUnitsFor(db, authOf(req).tenantId, req.params.id));

  app.post('/clues/:id/transitions/:name', {
    schema: { tags, summary: `线索操作（流转或事件）：${STAFF_COMMANDS.join(' / ')}`, params: TransitionParams, body: ClueTransitionBodySchema, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => {
    const ctx = staff(req);
    await transitionClue(db, ctx, req.params.id, commandName(req.params.name, STAFF_COMMANDS), req.body);
    return clueDetail(db, ctx, req.params.id);
  });

  app.get('/clues/forward-rules', {
    schema: { tags, summary: '转办规则：今天可选的办理期限（最早明天、最晚若干工作日）和按紧急程度的默认期限', response: { 200: ClueForwardRulesSchema } },
    config: { permission: 'clue.triage' },
  }, async (req) => forwardRules(db, authOf(req).tenantId));

  app.post('/clues/:id/accept-forward', {
    schema: { tags, summary: '采纳并转办：待受理的线索一步采纳并转办（同一事务，流转记录两条）', params: IdParams, body: ClueTransitionBodySchema, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => {
    const ctx = staff(req);
    await acceptAndForward(db, ctx, req.params.id, req.body);
    return clueDetail(db, ctx, req.params.id);
  });

  app.post('/clues/:id/supervise', {
    schema: { tags, summary: '领导督办：在线索上作出批示（记入流转记录，通知工作人员和承办单位）', params: IdParams, body: ClueSuperviseSchema, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.supervise', entity: 'clues' },
  }, async (req) => {
    const ctx = staff(req);
    await transitionClue(db, ctx, req.params.id, 'supervise', { version: req.body.version, reason: req.body.instruction });
    return clueDetail(db, ctx, req.params.id);
  });

  app.post('/clues/:id/publish', {
    schema: { tags, summary: '审核公开到“反馈公开”（或撤回），公开文字不得含姓名和电话', params: IdParams, body: CluePublishSchema, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => {
    const ctx = staff(req);
    await publishClue(db, ctx, req.params.id, req.body.summary, req.body.publish);
    return clueDetail(db, ctx, req.params.id);
  });
};
