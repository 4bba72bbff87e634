/**
 * 提案 routes: terms and sessions; the staff's list, export, detail, review, assignment, evaluation forms, key
 * proposals, figures and documents; the member's own proposals (我的提案); the units' portal (承办提案).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AssignmentActionSchema, AssignSchema, DashboardQuerySchema, EvaluateSchema, KeySchema, MergeSchema, NotRegisterSchema, PaperEvaluateSchema,
  ProposalDraftSchema, ProposalListQuerySchema, ProposalSaveSchema, ReasonBodySchema, SessionCreateSchema, SuperviseSchema, TermCreateSchema,
  UnitReplySchema, VersionBodySchema, WatchListQuerySchema,
  CosignerCandidatesSchema, OverduePageSchema, ProposalDashboardSchema, ProposalDetailSchema, ProposalPageSchema, ProposalSessionsSchema,
  ProposalSimilarSchema, UnitAssignmentPageSchema, UnitAssignmentSchema, UnsatisfiedPageSchema,
} from '@xs/core/schemas/proposals.ts';
import { UploadedFileSchema } from '@xs/core/schemas/common.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { actorOf, unitActorOf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { sendWorkbook } from '../../platform/excel.ts';
import { readFile, receiveAttachment, sendStoredFile } from '../../platform/files.ts';
import {
  assignProposal, cosignProposal, createDraft, createSession, createTerm, enterPaperEvaluation, evaluateProposal, listProposals, listSessions,
  markKeyProposal, mergeProposal, notRegisterProposal, proposalDetail, registerProposal, remindProposal, saveDraft, submitProposal,
  superviseProposal, withdrawProposal, cosignerCandidates, type MemberWho,
} from './proposals.service.ts';
import { actOnAssignment, assignmentDetail, letterFileOf, listUnitAssignments, replyAssignment, requireOpenAssignment } from './proposals.units.ts';
import { dashboard, exportRows } from './proposals.figures.ts';
import { similarProposals } from './proposals.similar.ts';
import { allPages, overdueClocks, overdueItems, overdueList, unsatisfiedList } from './proposals.watch.ts';
import { assignmentNoticeDocx, proposalFormDocx, replyLetterDocx, yearlyReportDocx } from './proposals.docx.ts';

const IdParams = z.strictObject({ id: IdSchema });
const ActionParams = z.strictObject({ id: IdSchema, name: z.string().max(40) });
const CosignBody = z.strictObject({ version: z.number({ error: '缺少版本号' }).int().positive(), accept: z.boolean({ error: '请选择是否联名' }) });
const UnitListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(['open']).optional(),
});
const ReportQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });

/** A member acting for themself; an account not linked to a member may not write proposals. */
function memberOf(req: FastifyRequest): MemberWho {
  const who = actorOf(req);
  if (!who.actor.memberId) throw new AppError('forbidden', '您的账号未关联委员，不能撰写提案');
  return { ...who, memberId: who.actor.memberId };
}
const staff = actorOf;
const unit = unitActorOf;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
function sendDocx(reply: import('fastify').FastifyReply, name: string, buf: Buffer) {
  return reply.header('content-type', DOCX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.docx`).send(buf);
}

export const proposalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const tags = ['提案'];
  const memberTags = ['提案（委员）'];
  const unitTags = ['提案（承办单位）'];

  // ---- Terms and sessions ----
  app.get('/proposal-sessions', { schema: { tags, summary: '届次和会议' , response: { 200: ProposalSessionsSchema } }, config: { permission: 'authenticated' } }, async (req) => listSessions(db, actorOf(req).tenantId));
  app.post('/proposal-terms', { schema: { tags, summary: '新增一届', body: TermCreateSchema , response: { 201: ProposalSessionsSchema } }, config: { permission: 'proposal.manage' } }, async (req, reply) => {
    await createTerm(db, staff(req), req.body);
    reply.status(201);
    return listSessions(db, staff(req).tenantId);
  });
  app.post('/proposal-sessions', { schema: { tags, summary: '新增一次会议（开幕日期、大会提案截止日期）', body: SessionCreateSchema , response: { 201: ProposalSessionsSchema } }, config: { permission: 'proposal.manage' } }, async (req, reply) => {
    await createSession(db, staff(req), req.body);
    reply.status(201);
    return listSessions(db, staff(req).tenantId);
  });

  // ---- Staff ----
  app.get('/proposals', { schema: { tags, summary: '提案列表（按会议、状态、类别、承办单位、界别、重点、超期、不满意、全文检索筛选）', querystring: ProposalListQuerySchema , response: { 200: ProposalPageSchema } }, config: { permission: 'proposal.read' } },
    async (req) => listProposals(db, staff(req), req.query));
  app.get('/proposals/export', { schema: { tags, summary: '导出提案列表（Excel）', querystring: ProposalListQuerySchema }, config: { permission: 'proposal.read' } }, async (req, reply) => {
    const rows = await exportRows(db, staff(req), req.query);
    return sendWorkbook(reply, '提案', '提案', [
      { header: '编号', value: (r) => r.code, width: 22 }, { header: '标题', value: (r) => r.title, width: 40 }, { header: '类别', value: (r) => r.category },
      { header: '会议', value: (r) => r.sessionName, width: 18 }, { header: '第一提案人', value: (r) => r.leadName }, { header: '形式', value: (r) => r.authorKindLabel },
      { header: '大会/平时', value: (r) => r.timingLabel }, { header: '状态', value: (r) => r.stateLabel }, { header: '承办单位', value: (r) => r.units, width: 30 },
      { header: '办理结果', value: (r) => r.resultClassLabel, width: 20 }, { header: '重点提案', value: (r) => (r.key ? `${r.key.year}年 ${r.key.leader}` : '') },
      { header: '超期', value: (r) => (r.overdue ? '是' : '') },
    ], rows);
  });
  app.get('/proposals/dashboard', { schema: { tags, summary: '提案统计（按会议、类别、承办单位、界别；立案率、办复率、结果类别、满意率）', querystring: DashboardQuerySchema , response: { 200: ProposalDashboardSchema } }, config: { permission: 'proposal.read' } },
    async (req) => dashboard(db, staff(req).tenantId, req.query));
  app.get('/proposals/overdue', { schema: { tags, summary: '超期清单：已过期限仍未完成的计时（联系提案人、会办意见、答复、附议确认、评价），最久的在前', querystring: WatchListQuerySchema , response: { 200: OverduePageSchema } }, config: { permission: 'proposal.read' } },
    async (req) => overdueList(db, staff(req).tenantId, req.query));
  app.get('/proposals/overdue/export', { schema: { tags, summary: '导出超期清单（Excel）', querystring: WatchListQuerySchema }, config: { permission: 'proposal.read' } }, async (req, reply) => {
    const tenantId = staff(req).tenantId;
    const rows = await overdueItems(db, tenantId, await overdueClocks(db, tenantId, req.query));
    return sendWorkbook(reply, '超期提案', '超期', [
      { header: '编号', value: (r) => r.code, width: 22 }, { header: '标题', value: (r) => r.title, width: 40 }, { header: '会议', value: (r) => r.sessionName, width: 18 },
      { header: '超期事项', value: (r) => r.clockLabel }, { header: '待办理', value: (r) => r.waitingOn, width: 28 }, { header: '期限', value: (r) => r.dueAt.slice(0, 10), width: 12 },
      { header: '超期天数', value: (r) => r.daysOverdue, width: 10 }, { header: '最近催办', value: (r) => r.lastRemindedAt?.slice(0, 10) ?? '', width: 12 },
      { header: '提案状态', value: (r) => r.stateLabel },
    ], rows);
  });
  app.get('/proposals/unsatisfied', { schema: { tags, summary: '不满意清单：对办理工作或办理结果评价为不满意的评价（各轮），及提案此后的办理情况', querystring: WatchListQuerySchema , response: { 200: UnsatisfiedPageSchema } }, config: { permission: 'proposal.read' } },
    async (req) => unsatisfiedList(db, staff(req).tenantId, req.query));
  app.get('/proposals/unsatisfied/export', { schema: { tags, summary: '导出不满意清单（Excel）', querystring: WatchListQuerySchema }, config: { permission: 'proposal.read' } }, async (req, reply) => {
    const tenantId = staff(req).tenantId;
    const rows = await allPages((page) => unsatisfiedList(db, tenantId, { ...req.query, page, pageSize: 200 }));
    return sendWorkbook(reply, '不满意提案', '不满意', [
      { header: '编号', value: (r) => r.code, width: 22 }, { header: '标题', value: (r) => r.title, width: 40 }, { header: '会议', value: (r) => r.sessionName, width: 18 },
      { header: '评价人', value: (r) => r.memberName }, { header: '轮次', value: (r) => `第${r.round}轮`, width: 8 }, { header: '办理工作', value: (r) => r.handlingLabel, width: 10 },
      { header: '办理结果', value: (r) => r.resultLabel, width: 10 }, { header: '意见', value: (r) => r.comment ?? '', width: 36 }, { header: '纸质评价表', value: (r) => (r.paper ? '是' : ''), width: 10 },
      { header: '承办单位', value: (r) => r.units, width: 30 }, { header: '现状', value: (r) => (r.rehandled ? `已重新办理，${r.stateLabel}` : r.stateLabel), width: 18 },
      { header: '评价时间', value: (r) => r.at.slice(0, 10), width: 12 },
    ], rows);
  });
  app.get('/proposals/report.docx', { schema: { tags, summary: '年度提案工作报告（Word）', querystring: ReportQuery }, config: { permission: 'proposal.read' } },
    async (req, reply) => sendDocx(reply, `${req.query.year}年度提案工作情况报告`, await yearlyReportDocx(db, staff(req).tenantId, req.query.year)));
  app.get('/proposals/:id', { schema: { tags, summary: '提案详情（提案人、承办、计时、评价、督办、关联、流转记录、可执行操作）', params: IdParams , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.read', entity: 'proposals' } },
    async (req) => proposalDetail(db, staff(req), req.params.id));
  app.get('/proposals/:id/similar', { schema: { tags, summary: '本届和往届的相似提案（按相似度排序，列出共同的词）', params: IdParams , response: { 200: ProposalSimilarSchema } }, config: { permission: 'proposal.read', entity: 'proposals' } },
    async (req) => similarProposals(db, staff(req), req.params.id));
  app.post('/proposals/:id/register', { schema: { tags, summary: '立案（按会议顺序编号）', params: IdParams, body: VersionBodySchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => registerProposal(db, staff(req), req.params.id, req.body.version));
  app.post('/proposals/:id/not-register', { schema: { tags, summary: '不予立案（理由、说明，可转作社情民意）', params: IdParams, body: NotRegisterSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => notRegisterProposal(db, staff(req), req.params.id, req.body));
  app.post('/proposals/:id/merge', { schema: { tags, summary: '并案', params: IdParams, body: MergeSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => mergeProposal(db, staff(req), req.params.id, req.body));
  app.post('/proposals/:id/assign', { schema: { tags, summary: '交办（主办加会办，或分办）', params: IdParams, body: AssignSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => assignProposal(db, staff(req), req.params.id, req.body));
  app.post('/proposals/:id/evaluations', { schema: { tags, summary: '录入纸质评价表', params: IdParams, body: PaperEvaluateSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => enterPaperEvaluation(db, staff(req), req.params.id, req.body));
  app.post('/proposals/:id/key', { schema: { tags, summary: '列为重点提案（年度、领衔督办领导）', params: IdParams, body: KeySchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => markKeyProposal(db, staff(req), req.params.id, req.body));
  app.post('/proposals/:id/supervision', { schema: { tags, summary: '重点提案督办记录', params: IdParams, body: SuperviseSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.supervise', entity: 'proposals' } },
    async (req) => superviseProposal(db, staff(req), req.params.id, req.body));
  app.post('/proposals/:id/remind', { schema: { tags, summary: '催办', params: IdParams, body: ReasonBodySchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.manage', entity: 'proposals' } },
    async (req) => remindProposal(db, staff(req), req.params.id, req.body));
  app.get('/proposals/:id/form.docx', { schema: { tags, summary: '提案表（Word）', params: IdParams }, config: { permission: 'proposal.read', entity: 'proposals' } },
    async (req, reply) => sendDocx(reply, '提案表', await proposalFormDocx(db, staff(req), req.params.id)));
  app.get('/proposals/:id/notice.docx', { schema: { tags, summary: '交办通知（Word）', params: IdParams }, config: { permission: 'proposal.read', entity: 'proposals' } },
    async (req, reply) => sendDocx(reply, '提案交办通知', await assignmentNoticeDocx(db, staff(req), req.params.id)));

  app.get('/proposal-assignments/:id', { schema: { tags, summary: '承办详情', params: IdParams , response: { 200: UnitAssignmentSchema } }, config: { permission: 'proposal.read', entity: 'proposal_assignments' } },
    async (req) => assignmentDetail(db, staff(req), req.params.id));
  app.post('/proposal-assignments/:id/transitions/:name', { schema: { tags, summary: '维持交办、改交、批准延期或催办', params: ActionParams, body: AssignmentActionSchema , response: { 200: UnitAssignmentSchema } }, config: { permission: 'proposal.manage', entity: 'proposal_assignments' } },
    async (req) => actOnAssignment(db, staff(req), req.params.id, req.params.name, req.body));
  app.get('/proposal-assignments/:id/letter', { schema: { tags, summary: '答复函原件', params: IdParams }, config: { permission: 'proposal.read', entity: 'proposal_assignments' } }, async (req, reply) => {
    const who = staff(req);
    const { row, data } = await readFile(db, config.dataDir, who.tenantId, await letterFileOf(db, who, req.params.id));
    return sendStoredFile(reply, row, data);
  });
  app.get('/proposal-assignments/:id/letter.docx', { schema: { tags, summary: '答复函（按模板生成的 Word）', params: IdParams }, config: { permission: 'proposal.read', entity: 'proposal_assignments' } },
    async (req, reply) => sendDocx(reply, '提案答复函', await replyLetterDocx(db, staff(req), req.params.id)));

  // ---- Member ----
  app.get('/my/proposals', { schema: { tags: memberTags, summary: '我的提案（我提出或附议的）', querystring: ProposalListQuerySchema , response: { 200: ProposalPageSchema } }, config: { permission: 'proposal.write' } },
    async (req) => listProposals(db, memberOf(req), req.query));
  app.get('/my/proposal-cosigners', { schema: { tags: memberTags, summary: '可邀请联名的委员（只含姓名）' , response: { 200: CosignerCandidatesSchema } }, config: { permission: 'proposal.write' } },
    async (req) => cosignerCandidates(db, memberOf(req)));
  app.post('/my/proposals', { schema: { tags: memberTags, summary: '新建提案草稿', body: ProposalDraftSchema , response: { 201: ProposalDetailSchema } }, config: { permission: 'proposal.write' } }, async (req, reply) => {
    const d = await createDraft(db, memberOf(req), req.body);
    reply.status(201);
    return d;
  });
  app.get('/my/proposals/:id', { schema: { tags: memberTags, summary: '我的提案详情', params: IdParams , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.write', entity: 'proposals' } },
    async (req) => proposalDetail(db, memberOf(req), req.params.id));
  app.put('/my/proposals/:id', { schema: { tags: memberTags, summary: '保存草稿（自动保存）', params: IdParams, body: ProposalSaveSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.write', entity: 'proposals' } },
    async (req) => saveDraft(db, memberOf(req), req.params.id, req.body));
  app.post('/my/proposals/:id/submit', { schema: { tags: memberTags, summary: '提交（联名的先请附议人确认）', params: IdParams, body: VersionBodySchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.write', entity: 'proposals' } },
    async (req) => submitProposal(db, memberOf(req), req.params.id, req.body.version));
  app.post('/my/proposals/:id/withdraw', { schema: { tags: memberTags, summary: '撤回修改', params: IdParams, body: VersionBodySchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.write', entity: 'proposals' } },
    async (req) => withdrawProposal(db, memberOf(req), req.params.id, req.body.version));
  app.post('/my/proposals/:id/cosign', { schema: { tags: memberTags, summary: '附议人确认或不参加联名', params: IdParams, body: CosignBody , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.write', entity: 'proposals' } },
    async (req) => cosignProposal(db, memberOf(req), req.params.id, req.body.version, req.body.accept));
  app.post('/my/proposals/:id/evaluate', { schema: { tags: memberTags, summary: '评价办理工作和办理结果', params: IdParams, body: EvaluateSchema , response: { 200: ProposalDetailSchema } }, config: { permission: 'proposal.write', entity: 'proposals' } },
    async (req) => evaluateProposal(db, memberOf(req), req.params.id, req.body));

  // ---- Unit ----
  app.get('/unit/proposals', { schema: { tags: unitTags, summary: '承办提案：本单位主办、会办或分办的提案', querystring: UnitListQuery , response: { 200: UnitAssignmentPageSchema } }, config: { permission: 'proposal.unit' } },
    async (req) => listUnitAssignments(db, unit(req), req.query));
  app.get('/unit/proposals/:id', { schema: { tags: unitTags, summary: '本单位的承办详情', params: IdParams , response: { 200: UnitAssignmentSchema } }, config: { permission: 'proposal.unit', entity: 'proposal_assignments' } },
    async (req) => assignmentDetail(db, unit(req), req.params.id));
  app.post('/unit/proposals/:id/transitions/:name', { schema: { tags: unitTags, summary: '联系提案人、提出会办意见、申请调整或申请延期', params: ActionParams, body: AssignmentActionSchema , response: { 200: UnitAssignmentSchema } }, config: { permission: 'proposal.unit', entity: 'proposal_assignments' } },
    async (req) => actOnAssignment(db, unit(req), req.params.id, req.params.name, req.body));
  app.post('/unit/proposals/:id/reply', { schema: { tags: unitTags, summary: '答复（结果类别、答复函、承诺事项）', params: IdParams, body: UnitReplySchema , response: { 200: UnitAssignmentSchema } }, config: { permission: 'proposal.unit', entity: 'proposal_assignments' } },
    async (req) => replyAssignment(db, unit(req), req.params.id, req.body));
  app.post('/unit/proposals/:id/files', { schema: { tags: unitTags, summary: '上传答复函（PDF、图片、Word，≤ 10 MB）', params: IdParams, consumes: ['multipart/form-data'] , response: { 201: UploadedFileSchema } }, config: { permission: 'proposal.unit', entity: 'proposal_assignments' } }, async (req, reply) => {
    const who = unit(req);
    await requireOpenAssignment(db, who, req.params.id);
    const stored = await receiveAttachment(req, db, config.dataDir, who.tenantId, who.actor.id);
    reply.status(201);
    return stored;
  });
};
