/** 协商议事: topics, meetings with Q&A and check-in, the dashboard, the member's phone pages and the public pages. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AbsenceDecisionSchema, AbsenceSchema, CheckinSchema, CONSULT_FIGURE_LABELS, MeetingCreateSchema, MeetingHoldSchema, MeetingListQuerySchema, MeetingPublicSchema,
  MeetingSignupSchema, PublicMeetingDetailSchema, PublicMeetingListSchema, PublicOutcomeDetailSchema, PublicOutcomePageSchema, PublicOutcomeQuerySchema,
  PublicSignupResultSchema, QaCreateSchema, SignupDecisionSchema, SolvedQuerySchema, TopicActionSchema, TopicCreateSchema, TopicListQuerySchema,
  AnnualPlanSchema, CheckinResultSchema, ConsultDashboardSchema, InvitationsSchema, MeetingDetailSchema, MeetingPageSchema, PendingClueTopicsSchema,
  QaTaskResultSchema, SolvedPageSchema, TopicDetailSchema, TopicPageSchema, TopicRatingResultSchema,
} from '@xs/core/schemas/consultations.ts';
import { UploadedFileSchema } from '@xs/core/schemas/common.ts';
import { maskPhone } from '@xs/core/validation.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { actorOf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { sendSheets, sendWorkbook, sheetOf } from '../../platform/excel.ts';
import { readFile, receiveAttachment, sendStoredFile } from '../../platform/files.ts';
import QRCode from 'qrcode';
import { requireCounty } from '../orgs/orgs.read.ts';
import { pendingClueTopics } from './clue-source.ts';
import { minutesDoc, outcomeReport, planDoc } from './consult.docx.ts';
import { consultDashboard, solvedTasks } from './consult.figures.ts';
import {
  addQa, attachMeetingFile, checkIn, createMeeting, decideAbsence, holdMeeting, listMeetings, meetingDetail, meetingFile, myInvitations,
  qaToTask, requestAbsence, requireMeeting,
} from './meetings.service.ts';
import { publicMeeting, publicMeetings, publicOutcome, publicOutcomes, signUp, SIGNUP_CONSENT_TEXT } from './public.service.ts';
import { decideSignup, setMeetingPublic, signupsOf } from './signups.service.ts';
import { annualPlan, approvePlan } from './plan.service.ts';
import { actOnTopic, createTopic, exportTopics, listTopics, rateTopic, topicDetail } from './topics.service.ts';

const IdParams = z.strictObject({ id: IdSchema });
const ActionParams = z.strictObject({ id: IdSchema, name: z.string().max(40) });
const QaParams = z.strictObject({ id: IdSchema, qaId: IdSchema });
const PeopleParams = z.strictObject({ id: IdSchema, participantId: IdSchema });
const FileParams = z.strictObject({ id: IdSchema, fileId: IdSchema });
const CountyParams = z.strictObject({ countyId: IdSchema });
const CountyItemParams = z.strictObject({ countyId: IdSchema, id: IdSchema });
const SignupParams = z.strictObject({ id: IdSchema, signupId: IdSchema });
const RateBody = z.strictObject({
  code: z.string({ error: '请填写查询码' }).trim().min(4, '查询码无效').max(20, '查询码无效'),
  secret: z.string({ error: '请填写查询密码' }).trim().min(4, '查询密码无效').max(8, '查询密码无效'),
  rating: z.enum(['satisfied', 'basically', 'unsatisfied'], { error: '请选择满意程度' }),
});
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
const PeriodQuery = z.strictObject({ from: Day, to: Day }).refine((p) => p.from <= p.to, { path: ['to'], message: '结束日期不能早于开始日期' });
const YearQuery = z.strictObject({ year: z.coerce.number({ error: '请填写年份' }).int('年份无效').min(2000, '年份无效').max(2100, '年份无效') });
const YearBody = z.strictObject({ year: z.number({ error: '请填写年份' }).int('年份无效').min(2000, '年份无效').max(2100, '年份无效') });
/** What a leader records: approval of the topic (提出议题) and the party/government decision (党政决议). */
const DECISION_ACTIONS = ['approve', 'record_decision'];

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const tags = ['协商议事'];

  app.get('/consultations/topics', {
    schema: { tags, summary: '协商议题列表（按阶段、形式、层级、来源、乡镇、时间筛选）', querystring: TopicListQuerySchema, response: { 200: TopicPageSchema } },
    config: { permission: 'consult.read' },
  }, async (req) => listTopics(db, actorOf(req).tenantId, req.query));

  app.get('/consultations/topics/export', {
    schema: { tags, summary: '导出协商议题（Excel）', querystring: TopicListQuerySchema.partial() },
    config: { permission: 'consult.read' },
  }, async (req, reply) => sendWorkbook(reply, '协商议题', '协商议题', [
    { header: '编号', value: (t) => t.code }, { header: '议题', width: 36, value: (t) => t.title }, { header: '来源', value: (t) => t.sourceLabel },
    { header: '形式', value: (t) => t.formatLabel }, { header: '层级', value: (t) => t.levelLabel }, { header: '乡镇/村', value: (t) => t.placeName },
    { header: '阶段', value: (t) => t.stateLabel }, { header: '新建时间', width: 20, value: (t) => t.createdAt.slice(0, 10) },
    { header: '公开时间', width: 20, value: (t) => t.publishedAt?.slice(0, 10) ?? '' },
  ], await exportTopics(db, actorOf(req).tenantId, req.query)));

  app.get('/consultations/clue-conversions', {
    schema: { tags, summary: '待生成议题的民意线索（直通政协转化而来）', response: { 200: PendingClueTopicsSchema } },
    config: { permission: 'consult.read' },
  }, async (req) => ({ items: await pendingClueTopics(db, actorOf(req).tenantId) }));

  app.post('/consultations/topics', {
    schema: { tags, summary: '新建协商议题（来源、形式、层级、地点；可由民意线索生成）', body: TopicCreateSchema, response: { 201: TopicDetailSchema } },
    config: { permission: 'consult.manage' },
  }, async (req, reply) => {
    const t = await createTopic(db, actorOf(req), req.body);
    reply.status(201);
    return topicDetail(db, actorOf(req), t.id);
  });

  app.get('/consultations/topics/:id', {
    schema: { tags, summary: '协商议题详情（八步进度、每个操作能否执行及原因、活动、共提共答、落实事项、关联、流转记录）', params: IdParams, response: { 200: TopicDetailSchema } },
    config: { permission: 'consult.read', entity: 'topics' },
  }, async (req) => topicDetail(db, actorOf(req), req.params.id));

  app.post('/consultations/topics/:id/transitions/:name', {
    schema: { tags, summary: '推进八步：登记材料、审定、报送、决议、公开摘要，或进入下一步', params: ActionParams, body: TopicActionSchema, response: { 200: TopicDetailSchema } },
    config: { permission: 'consult.manage', entity: 'topics' },
  }, async (req) => actOnTopic(db, actorOf(req), req.params.id, req.params.name, req.body));

  app.post('/consultations/topics/:id/decisions/:name', {
    schema: { tags, summary: '领导审定议题、登记党政决议和批示', params: ActionParams, body: TopicActionSchema, response: { 200: TopicDetailSchema } },
    config: { permission: 'consult.decide', entity: 'topics' },
  }, async (req) => {
    if (!DECISION_ACTIONS.includes(req.params.name)) throw new AppError('bad_request', `没有「${req.params.name}」这个操作`);
    return actOnTopic(db, actorOf(req), req.params.id, req.params.name, req.body);
  });

  app.get('/consultations/meetings', {
    schema: { tags, summary: '协商活动日历和清单（时间段、类型、状态、服务群众活动；统计数字下钻到这里）', querystring: MeetingListQuerySchema, response: { 200: MeetingPageSchema } },
    config: { permission: 'consult.read' },
  }, async (req) => listMeetings(db, actorOf(req).tenantId, req.query));

  app.get('/consultations/meetings/export', {
    schema: { tags, summary: '导出协商活动（Excel，筛选同清单）', querystring: MeetingListQuerySchema },
    config: { permission: 'consult.read' },
  }, async (req, reply) => {
    const { items, total, beneficiaries } = await listMeetings(db, actorOf(req).tenantId, { ...req.query, page: undefined, pageSize: undefined }, 20_000);
    const rows: (string | number | null)[][] = items.map((m) => [m.startsAt.slice(0, 16).replace('T', ' '), m.kindLabel, m.title, m.placeName, m.venueName, m.stateLabel,
      m.openToPublic ? '是' : '否', m.beneficiaries]);
    rows.push(['合计', '', `${total} 项`, '', '', '', '', beneficiaries]);
    return sendWorkbook(reply, '协商活动', '协商活动', ['时间', '类型', '名称', '乡镇/村', '阵地', '状态', '向群众公开', '受益群众（人）']
      .map((header, i) => ({ header, width: [18, 18, 36, 16, 20, 10, 12, 14][i], value: (r: (string | number | null)[]) => r[i] })), rows);
  });

  app.post('/consultations/meetings', {
    schema: { tags, summary: '安排协商会、调研、视察、考察、界别活动、客厅接待日或服务群众活动', body: MeetingCreateSchema, response: { 201: MeetingDetailSchema } },
    config: { permission: 'consult.manage' },
  }, async (req, reply) => {
    const m = await createMeeting(db, actorOf(req), req.body);
    reply.status(201);
    return meetingDetail(db, actorOf(req), m.id);
  });

  app.get('/consultations/meetings/:id', {
    schema: { tags, summary: '活动详情（参加人员与签到、议程、纪要、共提共答、附件、群众代表报名）', params: IdParams, response: { 200: MeetingDetailSchema } },
    config: { permission: 'consult.read', entity: 'meetings' },
  }, async (req) => meetingDetail(db, actorOf(req), req.params.id, { phones: req.auth!.permissions.has('consult.manage') }));

  app.post('/consultations/meetings/:id/public', {
    schema: { tags, summary: '公开报名设置：是否向群众公开、群众代表名额、给群众看的活动介绍', params: IdParams, body: MeetingPublicSchema, response: { 200: MeetingDetailSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req) => {
    await setMeetingPublic(db, actorOf(req), req.params.id, req.body);
    return meetingDetail(db, actorOf(req), req.params.id, { phones: true });
  });

  app.post('/consultations/meetings/:id/signups/:signupId/decision', {
    schema: { tags, summary: '确认或不安排群众代表报名（确认后成为参加人员；都以短信告知本人）', params: SignupParams, body: SignupDecisionSchema, response: { 200: MeetingDetailSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req) => {
    await decideSignup(db, actorOf(req), req.params.id, req.params.signupId, req.body);
    return meetingDetail(db, actorOf(req), req.params.id, { phones: true });
  });

  app.get('/consultations/meetings/:id/signups/export', {
    schema: { tags, summary: '导出群众代表报名（Excel）', params: IdParams },
    config: { permission: 'consult.read', entity: 'meetings' },
  }, async (req, reply) => {
    const ctx = actorOf(req);
    const m = await requireMeeting(db, ctx.tenantId, req.params.id);
    const phones = req.auth!.permissions.has('consult.manage');
    return sendWorkbook(reply, `${m.title}·群众代表报名`, '群众代表报名', [
      { header: '姓名', value: (x) => x.name }, { header: '手机号', width: 16, value: (x) => (phones ? x.phone : maskPhone(x.phone)) },
      { header: '留言', width: 36, value: (x) => x.note }, { header: '报名时间', width: 20, value: (x) => x.createdAt.slice(0, 16).replace('T', ' ') },
      { header: '状态', value: (x) => x.stateLabel }, { header: '处理人', value: (x) => x.decidedBy }, { header: '未安排原因', width: 24, value: (x) => x.reason },
    ], await signupsOf(db, ctx.tenantId, m.id));
  });

  app.post('/consultations/meetings/:id/hold', {
    schema: { tags, summary: '登记活动已召开：会议纪要或调研发现，服务群众活动的受益人数', params: IdParams, body: MeetingHoldSchema, response: { 200: MeetingDetailSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req) => holdMeeting(db, actorOf(req), req.params.id, req.body));

  app.post('/consultations/meetings/:id/qa', {
    schema: { tags, summary: '共提共答：问题、提问人、答复单位、答复和承诺', params: IdParams, body: QaCreateSchema, response: { 201: MeetingDetailSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req, reply) => {
    const d = await addQa(db, actorOf(req), req.params.id, req.body);
    reply.status(201);
    return d;
  });

  app.post('/consultations/meetings/:id/qa/:qaId/task', {
    schema: { tags, summary: '一键把共提共答的承诺转为落实事项（交办答复单位）', params: QaParams, response: { 201: QaTaskResultSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req, reply) => {
    const r = await qaToTask(db, actorOf(req), req.params.id, req.params.qaId);
    reply.status(201);
    return r;
  });

  app.post('/consultations/meetings/:id/participants/:participantId/absence', {
    schema: { tags, summary: '审批委员请假', params: PeopleParams, body: AbsenceDecisionSchema, response: { 200: MeetingDetailSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req) => decideAbsence(db, actorOf(req), req.params.id, req.params.participantId, req.body.approve));

  app.post('/consultations/meetings/:id/files', {
    schema: { tags, summary: '上传活动附件或照片（PDF、图片、Word、Excel，≤ 10 MB）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: UploadedFileSchema } },
    config: { permission: 'consult.manage', entity: 'meetings' },
  }, async (req, reply) => {
    const ctx = actorOf(req);
    await requireMeeting(db, ctx.tenantId, req.params.id);
    const stored = await receiveAttachment(req, db, config.dataDir, ctx.tenantId, ctx.actor.id);
    await attachMeetingFile(db, ctx, req.params.id, stored.fileId);
    reply.status(201);
    return stored;
  });

  app.get('/consultations/meetings/:id/files/:fileId', {
    schema: { tags, summary: '活动附件', params: FileParams },
    config: { permission: 'consult.read', entity: 'meetings' },
  }, async (req, reply) => {
    const ctx = actorOf(req);
    const fileId = await meetingFile(db, ctx.tenantId, req.params.id, req.params.fileId);
    const { row, data } = await readFile(db, config.dataDir, ctx.tenantId, fileId);
    return sendStoredFile(reply, row, data);
  });

  app.get('/consultations/meetings/:id/qr', {
    schema: { tags, summary: '活动签到二维码（SVG；委员用手机扫码签到）', params: IdParams },
    config: { permission: 'consult.read', entity: 'meetings' },
  }, async (req, reply) => {
    const m = await requireMeeting(db, actorOf(req).tenantId, req.params.id);
    const origin = process.env.PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const svg = await QRCode.toString(`${origin.replace(/\/$/, '')}/m/checkin/${m.checkin_token}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.header('content-type', 'image/svg+xml').header('cache-control', 'private, no-store').send(svg);
  });

  app.get('/consultations/plan', {
    schema: { tags, summary: '年度协商计划：各月议题和活动，对照本县协商节奏标出偏离的月份', querystring: YearQuery, response: { 200: AnnualPlanSchema } },
    config: { permission: 'consult.read' },
  }, async (req) => annualPlan(db, actorOf(req).tenantId, req.query.year));

  app.post('/consultations/plan/approve', {
    schema: { tags, summary: '审定年度协商计划（整体审定）', body: YearBody, response: { 200: AnnualPlanSchema } },
    config: { permission: 'consult.decide' },
  }, async (req) => approvePlan(db, actorOf(req), req.body.year));

  const sendDocx = (reply: import('fastify').FastifyReply, doc: { name: string; data: Buffer }) => reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.name.slice(0, 100))}.docx`).send(doc.data);

  app.get('/consultations/topics/:id/report.docx', {
    schema: { tags, summary: '协商成果报告（Word）', params: IdParams },
    config: { permission: 'consult.read', entity: 'topics' },
  }, async (req, reply) => sendDocx(reply, await outcomeReport(db, actorOf(req), req.params.id)));

  app.get('/consultations/meetings/:id/minutes.docx', {
    schema: { tags, summary: '会议纪要（Word）', params: IdParams },
    config: { permission: 'consult.read', entity: 'meetings' },
  }, async (req, reply) => sendDocx(reply, await minutesDoc(db, actorOf(req), req.params.id)));

  app.get('/consultations/plan.docx', {
    schema: { tags, summary: '年度协商计划（Word）', querystring: YearQuery },
    config: { permission: 'consult.read' },
  }, async (req, reply) => sendDocx(reply, await planDoc(db, actorOf(req), req.query.year)));

  app.get('/consultations/dashboard', {
    schema: { tags, summary: '协商工作统计（按形式、层级、阶段、乡镇；活动、解决问题、服务群众活动和受益人数）', querystring: PeriodQuery, response: { 200: ConsultDashboardSchema } },
    config: { permission: 'consult.read' },
  }, async (req) => consultDashboard(db, actorOf(req).tenantId, req.query));

  app.get('/consultations/dashboard/export', {
    schema: { tags, summary: '导出协商统计（Excel：各项数字及定义、按形式、层级、阶段、乡镇、活动类型）', querystring: PeriodQuery },
    config: { permission: 'consult.read' },
  }, async (req, reply) => {
    const d = await consultDashboard(db, actorOf(req).tenantId, req.query);
    type Row = { label: string; n: number };
    const cols = (what: string) => [{ header: what, width: 24, value: (r: Row) => r.label }, { header: '数量', value: (r: Row) => r.n }];
    const figures = (Object.keys(CONSULT_FIGURE_LABELS) as (keyof typeof CONSULT_FIGURE_LABELS)[])
      .map((k) => ({ label: CONSULT_FIGURE_LABELS[k], n: d.figures[k], definition: d.definitions[k], name: k }));
    return sendSheets(reply, `协商统计 ${d.period.from} 至 ${d.period.to}`, [
      sheetOf('统计数字', [
        { header: '指标', width: 18, value: (r) => r.label }, { header: '数值', value: (r) => r.n }, { header: '统计口径', width: 60, value: (r) => r.definition },
        { header: '定义名', width: 28, value: (r) => r.name }, { header: '统计期间', width: 24, value: () => `${d.period.from} 至 ${d.period.to}` },
      ], figures),
      sheetOf('议题·按形式', cols('协商形式'), d.byFormat), sheetOf('议题·按层级', cols('层级'), d.byLevel), sheetOf('议题·按阶段', cols('阶段'), d.byStage),
      sheetOf('议题·按乡镇', cols('乡镇（村）'), d.byTownship), sheetOf('活动·按类型', cols('活动类型'), d.meetingsByKind),
    ]);
  });

  app.get('/consultations/solved', {
    schema: { tags, summary: '解决问题清单：期间内核验办结的协商落实事项（「解决问题」数字的下钻）', querystring: SolvedQuerySchema, response: { 200: SolvedPageSchema } },
    config: { permission: 'consult.read' },
  }, async (req) => solvedTasks(db, actorOf(req).tenantId, req.query));

  app.get('/consultations/solved/export', {
    schema: { tags, summary: '导出解决问题清单（Excel）', querystring: SolvedQuerySchema },
    config: { permission: 'consult.read' },
  }, async (req, reply) => {
    const { items } = await solvedTasks(db, actorOf(req).tenantId, { ...req.query, page: 1, pageSize: 20_000 });
    return sendWorkbook(reply, `解决问题 ${req.query.from} 至 ${req.query.to}`, '解决问题', [
      { header: '编号', value: (t) => t.code }, { header: '落实事项', width: 40, value: (t) => t.title }, { header: '承办单位', width: 20, value: (t) => t.unitName },
      { header: '核验办结', width: 18, value: (t) => t.verifiedAt?.slice(0, 10) }, { header: '成效', width: 24, value: (t) => (t.measure ? `${t.measure.label} ${t.measure.current ?? 0}/${t.measure.target ?? '—'}` : '') },
      { header: '协商议题', width: 40, value: (t) => `${t.topic.code} ${t.topic.title}` },
    ], items);
  });

  // ---- The member's phone pages ----
  const memberTags = ['协商议事（委员）'];

  app.get('/member/meetings', {
    schema: { tags: memberTags, summary: '我的活动邀请（时间、地点、议程、我的签到或请假）', response: { 200: InvitationsSchema } },
    config: { permission: 'consult.member' },
  }, async (req) => ({ items: await myInvitations(db, actorOf(req)) }));

  app.post('/member/checkin', {
    schema: { tags: memberTags, summary: '扫码签到', body: CheckinSchema, response: { 200: CheckinResultSchema } },
    config: { permission: 'consult.member' },
  }, async (req) => checkIn(db, actorOf(req), req.body.token));

  app.post('/member/meetings/:id/absence', {
    schema: { tags: memberTags, summary: '请假（写明理由，由机关工作人员审批）', params: IdParams, body: AbsenceSchema, response: { 200: InvitationsSchema } },
    config: { permission: 'consult.member', entity: 'meetings' },
  }, async (req) => ({ items: await requestAbsence(db, actorOf(req), req.params.id, req.body.reason) }));

  // ---- Public pages (no login; one county's public data) ----
  const publicTags = ['协商议事（公开）'];
  const limit = (factor = 1) => ({ rateLimit: { max: config.publicRateLimit.max * factor, timeWindow: config.publicRateLimit.windowMs } });

  app.get('/public/counties/:countyId/meetings', {
    schema: { tags: publicTags, summary: '近期向群众公开的协商活动（时间、地点、议题、介绍、群众代表名额）', params: CountyParams, response: { 200: PublicMeetingListSchema } },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => publicMeetings(db, await requireCounty(db, req.params.countyId)));

  app.get('/public/counties/:countyId/meetings/:id', {
    schema: { tags: publicTags, summary: '一次公开的协商活动和报名须知', params: CountyItemParams, response: { 200: PublicMeetingDetailSchema.extend({ consentText: z.string() }) } },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => ({ ...(await publicMeeting(db, await requireCounty(db, req.params.countyId), req.params.id)), consentText: SIGNUP_CONSENT_TEXT }));

  app.post('/public/counties/:countyId/meetings/:id/signups', {
    schema: { tags: publicTags, summary: '报名作为群众代表参加（姓名、手机号、留言；每个手机号每次活动一次）', params: CountyItemParams, body: MeetingSignupSchema, response: { 201: PublicSignupResultSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req, reply) => {
    const r = await signUp(db, await requireCounty(db, req.params.countyId), req.params.id, req.body);
    reply.status(201);
    return r;
  });

  app.get('/public/counties/:countyId/outcomes', {
    schema: { tags: publicTags, summary: '已反馈公开的协商成果（公开摘要、决议、落实进度）', params: CountyParams, querystring: PublicOutcomeQuerySchema, response: { 200: PublicOutcomePageSchema } },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => publicOutcomes(db, await requireCounty(db, req.params.countyId), req.query));

  app.get('/public/counties/:countyId/outcomes/:id', {
    schema: { tags: publicTags, summary: '一项协商成果：公开摘要、党政决议、各项落实事项的进度', params: CountyItemParams, response: { 200: PublicOutcomeDetailSchema } },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => publicOutcome(db, await requireCounty(db, req.params.countyId), req.params.id));

  app.post('/public/counties/:countyId/outcomes/:id/rating', {
    schema: { tags: publicTags, summary: '反映人评价协商成果（凭线索查询码和查询密码，每条线索一次）', params: CountyItemParams, body: RateBody, response: { 200: TopicRatingResultSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req) => {
    const c = await requireCounty(db, req.params.countyId);
    return rateTopic(db, c.id, req.params.id, req.body);
  });
};
