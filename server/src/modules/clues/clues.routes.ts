/** The staff side of 直通政协: triage queue, actions, dashboard; and the handling units' portal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CLUE_RATINGS, ClueBulkSchema, ClueListQuerySchema, CluePublishSchema,
  ClueStatsQuerySchema, ClueTransitionBodySchema, RoutingRuleSchema, type ClueTransition,
} from '@xs/core/schemas/clues.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { actorOf, authOf, unitActorOf } from '../../platform/auth.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { auditSource } from '../../platform/audit.ts';
import { sendWorkbook } from '../../platform/excel.ts';
import { readFile, receiveAttachment, sendStoredFile } from '../../platform/files.ts';
import { exportItems, findClue, listClues, listConversions } from './clues.repository.ts';
import {
  STAFF_TRANSITIONS, UNIT_TRANSITIONS, bulkTransition, clueDetail, publishClue, revealContact, similarToClue, transitionClue, unitClueFile,
} from './clues.service.ts';
import { createRoutingRule, deleteRoutingRule, listRoutingRules, suggestUnitsFor } from './clues.unit-suggestions.ts';
import { clueStats, clueStatsByCounty } from './clues.stats.ts';

const IdParams = z.strictObject({ id: IdSchema });
const TransitionParams = z.strictObject({ id: IdSchema, name: z.string().max(40) });
const FileParams = z.strictObject({ fileId: IdSchema });
const UnitFileParams = z.strictObject({ id: IdSchema, fileId: IdSchema });
const UnitListQuery = ClueListQuerySchema.pick({ page: true, pageSize: true, state: true, overdue: true, q: true });

const staff = actorOf;
const unit = unitActorOf;

function transitionName(name: string, allowed: ClueTransition[]): ClueTransition {
  if (!(allowed as string[]).includes(name)) throw new AppError('bad_request', `没有「${name}」这个操作`);
  return name as ClueTransition;
}

export const clueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const tags = ['直通政协'];

  app.get('/clues', {
    schema: { tags, summary: '线索分拣列表（筛选、全文检索）', querystring: ClueListQuerySchema },
    config: { permission: 'clue.read' },
  }, async (req) => listClues(db, authOf(req).tenantId, req.query));

  app.get('/clues/export', {
    schema: { tags, summary: '导出线索（Excel，最多 20,000 条）', querystring: ClueListQuerySchema },
    config: { permission: 'clue.read' },
  }, async (req, reply) => {
    const items = await exportItems(db, authOf(req).tenantId, req.query);
    return sendWorkbook(reply, '民意线索', '民意线索', [
      { header: '查询码', width: 14, value: (c) => c.code },
      { header: '提交时间', width: 20, value: (c) => c.createdAt.slice(0, 16).replace('T', ' ') },
      { header: '类别', value: (c) => c.categoryLabel },
      { header: '渠道', value: (c) => c.channelLabel },
      { header: '乡镇', value: (c) => c.townshipName },
      { header: '内容', width: 60, value: (c) => c.content },
      { header: '状态', value: (c) => c.stateLabel },
      { header: '承办单位', width: 20, value: (c) => c.unitName },
      { header: '办理期限', width: 14, value: (c) => c.dueAt?.slice(0, 10) },
      { header: '超期', value: (c) => (c.overdue ? '是' : '') },
      { header: '评价', value: (c) => (c.rating ? CLUE_RATINGS[c.rating] : '') },
      { header: '联系电话', width: 16, value: (c) => c.contactPhoneMasked },
    ], items);
  });

  app.get('/clues/stats', {
    schema: { tags, summary: '线索统计：收到 → 采纳 → 转办/上报 → 办结，满意率、平均办理天数，按类别、乡镇、渠道、月份', querystring: ClueStatsQuerySchema },
    config: { permission: 'stats.read' },
  }, async (req) => clueStats(db, authOf(req).tenantId, req.query));

  app.get('/clues/stats/counties', {
    schema: { tags, summary: '市政协：各县区线索情况并列（收到、采纳、转办、办结、满意率、超期）', querystring: ClueStatsQuerySchema },
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
    schema: { tags, summary: '转化队列：转为协商议题、提案线索、社情民意信息的线索（待对应模块接手）' },
    config: { permission: 'clue.read' },
  }, async (req) => listConversions(db, authOf(req).tenantId));

  app.get('/clues/routing-rules', {
    schema: { tags, summary: '转办规则（类别、关键词 → 承办单位）' },
    config: { permission: 'clue.read' },
  }, async (req) => listRoutingRules(db, authOf(req).tenantId));

  app.post('/clues/routing-rules', {
    schema: { tags, summary: '新增转办规则', body: RoutingRuleSchema },
    config: { permission: 'settings.manage' },
  }, async (req, reply) => {
    const created = await createRoutingRule(db, authOf(req).tenantId, auditSource(req), req.body);
    reply.status(201);
    return created;
  });

  app.delete('/clues/routing-rules/:id', {
    schema: { tags, summary: '删除转办规则', params: IdParams },
    config: { permission: 'settings.manage', entity: 'clue_routing_rules' },
  }, async (req) => deleteRoutingRule(db, authOf(req).tenantId, auditSource(req), req.params.id));

  app.post('/clues/bulk', {
    schema: { tags, summary: '批量操作（采纳、不予采纳、转办、归档），逐条返回结果', body: ClueBulkSchema },
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
    schema: { tags, summary: '线索详情（含流转记录和可执行的操作）', params: IdParams },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => clueDetail(db, staff(req), req.params.id));

  app.get('/clues/:id/contact', {
    schema: { tags, summary: '查看反映人完整联系方式（记入审计日志）', params: IdParams },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => revealContact(db, staff(req), req.params.id));

  app.get('/clues/:id/similar', {
    schema: { tags, summary: '合并建议：同一问题的其他线索，按相似度排序', params: IdParams },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => similarToClue(db, authOf(req).tenantId, req.params.id));

  app.get('/clues/:id/unit-suggestions', {
    schema: { tags, summary: '转办建议：按县区规则和以往转办推荐承办单位，附理由', params: IdParams },
    config: { permission: 'clue.read', entity: 'clues' },
  }, async (req) => suggestUnitsFor(db, authOf(req).tenantId, req.params.id));

  app.post('/clues/:id/transitions/:name', {
    schema: { tags, summary: `线索操作：${STAFF_TRANSITIONS.join(' / ')}`, params: TransitionParams, body: ClueTransitionBodySchema },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => {
    const ctx = staff(req);
    await transitionClue(db, ctx, req.params.id, transitionName(req.params.name, STAFF_TRANSITIONS), req.body);
    return clueDetail(db, ctx, req.params.id);
  });

  app.post('/clues/:id/publish', {
    schema: { tags, summary: '审核公开到“反馈公开”（或撤回），公开文字不得含姓名和电话', params: IdParams, body: CluePublishSchema },
    config: { permission: 'clue.triage', entity: 'clues' },
  }, async (req) => {
    const ctx = staff(req);
    await publishClue(db, ctx, req.params.id, req.body.summary, req.body.publish);
    return clueDetail(db, ctx, req.params.id);
  });

  // ---- Handling units' portal ----
  const unitTags = ['承办单位'];

  app.get('/unit/clues', {
    schema: { tags: unitTags, summary: '本单位承办的线索', querystring: UnitListQuery },
    config: { permission: 'clue.unit' },
  }, async (req) => {
    const ctx = unit(req);
    return listClues(db, ctx.tenantId, { ...req.query, unitId: ctx.unitId! }).then((r) => ({
      ...r, items: r.items.map((i) => ({ ...i, contactName: null, contactPhoneMasked: null })),
    }));
  });

  app.get('/unit/clues/:id', {
    schema: { tags: unitTags, summary: '本单位承办的线索详情', params: IdParams },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req) => clueDetail(db, unit(req), req.params.id));

  app.post('/unit/clues/:id/transitions/:name', {
    schema: { tags: unitTags, summary: `承办单位操作：${UNIT_TRANSITIONS.join(' / ')}`, params: TransitionParams, body: ClueTransitionBodySchema },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req) => {
    const ctx = unit(req);
    const row = await transitionClue(db, ctx, req.params.id, transitionName(req.params.name, UNIT_TRANSITIONS), req.body);
    if (row.unit_id === ctx.unitId) return clueDetail(db, ctx, req.params.id);
    // After "return" the unit no longer holds the clue: answer with it as it left, not with a 404.
    const detail = await clueDetail(db, { ...ctx, unitId: undefined }, req.params.id);
    return { ...detail, contactName: null, contactPhoneMasked: null, transitions: [], photos: [], replyFiles: [] };
  });

  app.post('/unit/clues/:id/files', {
    schema: { tags: unitTags, summary: '上传答复附件（PDF、图片、Word、Excel，≤ 10 MB）', params: IdParams, consumes: ['multipart/form-data'] },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req, reply) => {
    const ctx = unit(req);
    const clue = await findClue(db, ctx.tenantId, req.params.id);
    if (!clue || clue.unit_id !== ctx.unitId) throw notFound('线索');
    const stored = await receiveAttachment(req, db, config.dataDir, ctx.tenantId, ctx.actor.id);
    reply.status(201);
    return stored;
  });

  app.get('/unit/clues/:id/files/:fileId', {
    schema: { tags: unitTags, summary: '本单位承办线索的照片或附件', params: UnitFileParams },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req, reply) => {
    const ctx = unit(req);
    await unitClueFile(db, ctx, req.params.id, req.params.fileId);
    const { row, data } = await readFile(db, config.dataDir, ctx.tenantId, req.params.fileId);
    return sendStoredFile(reply, row, data);
  });

};
