/**
 * 协商议事: topics (协商议题) through 洛龙区's eight steps as gates on the engine, meetings and activities
 * (协商会, 调研, 视察 … 服务群众活动) with QR check-in and 共提共答 items, and the annual plan. The workflow and the
 * shapes the API takes.
 */
import { z } from 'zod';
import type { ChildRef, WorkflowDef } from '../workflow.ts';
import { IdSchema, text } from '../validation.ts';
import { ActionOptionSchema, CaseClockSchema, CaseLinkSchema, CaseTimelineEntrySchema } from './cases.ts';
import { itemsOf, pageOf } from './common.ts';

const options = <K extends string>(o: Record<K, string>) => o;
const keysOf = <K extends string>(o: Record<K, string>) => Object.keys(o) as [K, ...K[]];

export const TOPIC_SOURCES = options({
  clue: '民意线索', proposal: '提案', party_gov: '党政点题', member: '委员提出', committee: '专委会提出', venue: '阵地收集',
});
export const TOPIC_FORMATS = options({
  special: '专题协商', sector: '界别协商', counterpart: '对口协商', proposal: '提案办理协商', micro: '微协商',
  talk: '有事好商量', invite: '请你来协商', parlour: '委员会客厅',
});
export const TOPIC_LEVELS = options({ county: '县级', township: '乡镇（街道）', village: '村（社区）' });
export const DECISIONS = options({ adopted: '采纳', partly: '部分采纳', not: '未采纳' });
export const MEETING_KINDS = options({
  consult: '协商会', research: '调研', inspection: '视察', study: '考察', sector: '界别活动', reception: '委员会客厅接待日', service: '服务群众活动',
});
export const PARTICIPANT_ROLES = options({ member: '委员', unit: '单位代表', citizen: '群众代表', expert: '专家' });

export type TopicSource = keyof typeof TOPIC_SOURCES;
export type TopicFormat = keyof typeof TOPIC_FORMATS;
export type TopicLevel = keyof typeof TOPIC_LEVELS;
export type MeetingKind = keyof typeof MEETING_KINDS;

/** The fast path (汝阳/瀍河 微协商, 偃师/西工 有事好商量): one on-site meeting whose 共提共答 answers become the tasks. */
export const FAST_FORMATS: readonly TopicFormat[] = ['micro', 'talk'];
/** Meetings that count as research for 充分调研. */
export const RESEARCH_KINDS: readonly MeetingKind[] = ['research', 'inspection', 'study'];
/** Meetings that count as the roundtable for 圆桌协商. */
export const ROUNDTABLE_KINDS: readonly MeetingKind[] = ['consult', 'reception', 'sector'];

/** The eight steps, each a state; `published` is the end of 反馈公开. */
export const TOPIC_STATES = {
  informing: { label: '知情明政', waitingOn: 'staff' },
  collecting: { label: '收集民意', waitingOn: 'staff' },
  proposing: { label: '提出议题', waitingOn: 'leader' },
  researching: { label: '充分调研', waitingOn: 'member' },
  roundtable: { label: '圆桌协商', waitingOn: 'staff' },
  deciding: { label: '党政决议', waitingOn: 'leader' },
  implementing: { label: '督促落实', waitingOn: 'unit' },
  feedback: { label: '反馈公开', waitingOn: 'staff' },
  published: { label: '已公开', terminal: true },
  withdrawn: { label: '已撤销', terminal: true },
} as const;
export type TopicState = keyof typeof TOPIC_STATES;
/** The eight steps in order (the console's stage bar). */
export const TOPIC_STAGES: readonly TopicState[] = ['informing', 'collecting', 'proposing', 'researching', 'roundtable', 'deciding', 'implementing', 'feedback'];

export type TopicTransition = 'collect' | 'propose' | 'research' | 'roundtable' | 'decide' | 'implement' | 'feedback' | 'publish' | 'onsite' | 'commit' | 'withdraw';
export type TopicEvent = 'brief' | 'survey' | 'approve' | 'outcome' | 'submit_report' | 'record_decision' | 'summarize';

/** What the engine needs to know of a topic row. */
export interface TopicCase {
  state: TopicState;
  version: number;
  format: TopicFormat;
  briefing: string | null;
  survey: string | null;
  approved_at: string | null;
  outcome: string | null;
  report_sent_at: string | null;
  decision: string | null;
  summary: string | null;
  publish_note: string | null;
}

/** What the runner loads for the gates. */
export interface TopicContext {
  children: ChildRef[];
  /** Clues linked to the topic. */
  clues: number;
  /** Held research records (调研/视察/考察) with findings. */
  research: number;
  /** Held roundtable meetings with minutes. */
  roundtables: number;
  /** 共提共答 items answered at the topic's held meetings. */
  answered: number;
}

const STAFF = ['staff', 'county_admin'] as const;
const DECIDERS = ['staff', 'leader', 'county_admin'] as const;
const isFast = (c: TopicCase) => FAST_FORMATS.includes(c.format);
const tasksOf = (ctx: TopicContext) => (ctx.children ?? []).filter((k) => k.caseType === 'task');
const openTasks = (ctx: TopicContext) => tasksOf(ctx).filter((k) => !['verified', 'cancelled'].includes(k.state)).length;
const notFast = (c: TopicCase) => (isFast(c) ? '微协商、有事好商量走现场协商快速通道，不经此步' : null);

/** The gates of the eight steps; each reason is what the console shows on the disabled button. */
export const TOPIC_GATES = {
  briefing: (c: TopicCase) => (c.briefing ? null : '知情明政：请先上传或填写情况通报材料'),
  opinion: (c: TopicCase, ctx: TopicContext) => ((ctx.clues ?? 0) > 0 || c.survey ? null : '收集民意：请先关联民意线索或填写民意调查情况'),
  approval: (c: TopicCase) => (c.approved_at ? null : '提出议题：议题尚未经审定同意'),
  research: (_c: TopicCase, ctx: TopicContext) => ((ctx.research ?? 0) > 0 ? null : '充分调研：至少要有一条已开展并写明调研发现的调研或视察记录'),
  roundtable: (c: TopicCase, ctx: TopicContext) => {
    if ((ctx.roundtables ?? 0) === 0) return '圆桌协商：还没有已召开并有会议纪要的协商会';
    return c.outcome ? null : '圆桌协商：请先写明协商达成的成果';
  },
  decision: (c: TopicCase) => {
    if (!c.report_sent_at) return '党政决议：协商成果尚未报送党委政府';
    return c.decision ? null : '党政决议：请先登记党委政府的决议（采纳、部分采纳或未采纳）';
  },
  tasks: (_c: TopicCase, ctx: TopicContext) => (tasksOf(ctx).length > 0 ? null : '督促落实：还没有交办任何落实事项'),
  summary: (c: TopicCase, ctx: TopicContext) => {
    if (!c.summary) return '反馈公开：请先填写公开摘要';
    const open = openTasks(ctx);
    return open > 0 && !c.publish_note ? `反馈公开：还有 ${open} 项落实事项未办结，须写明提前公开的理由` : null;
  },
  fastMeeting: (c: TopicCase, ctx: TopicContext) => {
    if (!isFast(c)) return '只有微协商、有事好商量可以直接现场协商';
    if ((ctx.roundtables ?? 0) === 0) return '现场协商：还没有已召开并有会议纪要的现场协商会';
    return (ctx.answered ?? 0) > 0 ? null : '现场协商：共提共答还没有单位当场答复的事项';
  },
};

/**
 * The topic workflow: each step is a state; leaving it passes its gate. Clocks: `decision` (党政决议 expected
 * within `consult.decision.days` working days of the report) and `publish` (反馈公开 within
 * `consult.publish.days` working days once implementation is done).
 */
export const TOPIC_WORKFLOW: WorkflowDef<TopicState, TopicTransition, TopicCase, TopicContext> = {
  name: 'topic',
  label: '协商议题',
  initial: 'informing',
  states: TOPIC_STATES,
  clocks: {
    decision: { label: '党政决议', kind: 'workingDays', setting: 'consult.decision.days', default: 30 },
    publish: { label: '反馈公开', kind: 'workingDays', setting: 'consult.publish.days', default: 15 },
  },
  dueClock: 'decision',
  children: { task: { label: '落实事项', states: ['draft', 'assigned', 'in_progress', 'submitted', 'verified', 'cancelled'] } },
  transitions: {
    collect: { label: '进入收集民意', from: ['informing'], to: 'collecting', roles: STAFF, gates: [notFast, TOPIC_GATES.briefing] },
    propose: { label: '进入提出议题', from: ['collecting'], to: 'proposing', roles: STAFF, gates: [TOPIC_GATES.opinion] },
    research: { label: '进入充分调研', from: ['proposing'], to: 'researching', roles: STAFF, gates: [TOPIC_GATES.approval] },
    roundtable: { label: '进入圆桌协商', from: ['researching'], to: 'roundtable', roles: STAFF, gates: [TOPIC_GATES.research] },
    decide: { label: '进入党政决议', from: ['roundtable'], to: 'deciding', roles: STAFF, gates: [notFast, TOPIC_GATES.roundtable] },
    implement: { label: '进入督促落实', from: ['deciding'], to: 'implementing', roles: STAFF, gates: [TOPIC_GATES.decision], clocks: { decision: 'stop' } },
    feedback: { label: '进入反馈公开', from: ['implementing'], to: 'feedback', roles: STAFF, gates: [TOPIC_GATES.tasks], clocks: { publish: 'start' } },
    publish: { label: '反馈公开', from: ['feedback'], to: 'published', roles: STAFF, gates: [TOPIC_GATES.summary], clocks: { publish: 'stop' } },
    onsite: { label: '现场协商（快速通道）', from: ['informing'], to: 'roundtable', roles: STAFF, gates: [(c) => (isFast(c) ? null : '只有微协商、有事好商量走现场协商快速通道')] },
    commit: { label: '答复转为落实事项', from: ['roundtable'], to: 'implementing', roles: STAFF, gates: [TOPIC_GATES.fastMeeting] },
    withdraw: { label: '撤销议题', from: ['informing', 'collecting', 'proposing', 'researching', 'roundtable', 'deciding'], to: 'withdrawn', roles: STAFF, requires: { reason: true } },
  },
  events: {
    brief: { label: '情况通报', from: ['informing'], roles: STAFF, requires: { fields: ['briefing'] }, timeline: '登记了情况通报材料', audit: 'topic.brief' },
    survey: { label: '民意调查', from: ['informing', 'collecting'], roles: STAFF, requires: { fields: ['survey'] }, timeline: '登记了民意调查情况', audit: 'topic.survey' },
    approve: { label: '审定议题', from: ['proposing'], roles: DECIDERS, gates: [(c) => (c.approved_at ? '议题已经审定' : null)], timeline: '审定同意议题', audit: 'topic.approve' },
    outcome: { label: '协商成果', from: ['roundtable'], roles: STAFF, requires: { fields: ['outcome'] }, timeline: '写明了协商成果', audit: 'topic.outcome' },
    submit_report: {
      label: '报送成果', from: ['deciding'], roles: STAFF, gates: [(c) => (c.report_sent_at ? '协商成果已经报送' : null)],
      clocks: { decision: 'start' }, timeline: '协商成果报送党委政府', audit: 'topic.submit_report', publicText: '协商成果已报送党委政府',
    },
    record_decision: {
      label: '登记决议', from: ['deciding'], roles: DECIDERS, requires: { fields: ['decision'] },
      gates: [(c) => (c.report_sent_at ? null : '协商成果尚未报送，不能登记决议')], timeline: '登记了党政决议', audit: 'topic.record_decision',
    },
    summarize: { label: '公开摘要', from: ['feedback'], roles: STAFF, requires: { fields: ['summary'] }, timeline: '填写了公开摘要', audit: 'topic.summarize' },
  },
};

// ---- API shapes ----

const optional = (max: number) => z.union([text(max, 0), z.null()]).optional().transform((v) => v || null);
const optionalId = z.union([IdSchema, z.null()]).optional().transform((v) => v ?? null);

export const TopicCreateSchema = z.strictObject({
  title: text(100, 4),
  description: optional(2000),
  source: z.enum(keysOf(TOPIC_SOURCES), { error: '请选择议题来源' }),
  sourceNote: optional(200),
  format: z.enum(keysOf(TOPIC_FORMATS), { error: '请选择协商形式' }),
  level: z.enum(keysOf(TOPIC_LEVELS), { error: '请选择协商层级' }),
  placeId: optionalId,
  venueId: optionalId,
  /** The pending clue conversion link this topic completes (直通政协 → 协商议题). */
  clueLinkId: optionalId,
  planYear: z.union([z.number().int().min(2000, '年份无效').max(2100, '年份无效'), z.null()]).optional().transform((v) => v ?? null),
  planMonth: z.union([z.number().int().min(1, '月份为 1–12').max(12, '月份为 1–12'), z.null()]).optional().transform((v) => v ?? null),
}).superRefine((v, ctx) => {
  if (v.level !== 'county' && !v.placeId) ctx.addIssue({ code: 'custom', path: ['placeId'], message: '乡镇、村级协商请选择所在乡镇或村' });
  if ((v.planYear == null) !== (v.planMonth == null)) ctx.addIssue({ code: 'custom', path: ['planMonth'], message: '计划年份和月份须同时填写' });
});
export type TopicCreate = z.infer<typeof TopicCreateSchema>;

export const TopicActionSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  reason: z.union([text(500), z.null()]).optional(),
  briefing: optional(5000),
  survey: optional(5000),
  outcome: optional(5000),
  decision: z.union([z.enum(keysOf(DECISIONS), { error: '请选择决议结果' }), z.null()]).optional(),
  instruction: optional(1000),
  summary: optional(3000),
  publishNote: optional(500),
});
export type TopicAction = z.infer<typeof TopicActionSchema>;

export const TopicListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(keysOf(Object.fromEntries(Object.entries(TOPIC_STATES).map(([k, v]) => [k, v.label])) as Record<TopicState, string>)).optional(),
  format: z.enum(keysOf(TOPIC_FORMATS)).optional(),
  level: z.enum(keysOf(TOPIC_LEVELS)).optional(),
  source: z.enum(keysOf(TOPIC_SOURCES)).optional(),
  /** A township or village; 0 is a topic without one (县级), the dashboard's 县级 bar. */
  placeId: z.coerce.number().int().min(0).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Created in this period (inclusive days). */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').optional(),
  /** Published in this period (inclusive days). */
  publishedFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').optional(),
  publishedTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').optional(),
  /** `1`: without withdrawn topics (what the dashboard counts). */
  active: z.enum(['1'], { error: '无效的筛选' }).optional(),
  q: z.string().trim().max(100).optional(),
});
export type TopicListQuery = z.infer<typeof TopicListQuerySchema>;

const DateTime = z.string({ error: '请填写时间' }).refine((s) => !Number.isNaN(Date.parse(s)), '时间格式无效');

/** Citizen representatives wanted at an open meeting (null: no limit). */
const capacity = z.union([z.number({ error: '请填写人数' }).int('请填写整数').min(1, '至少 1 人').max(10_000, '不能超过 10000 人'), z.null()])
  .optional().transform((v) => v ?? null);

export const MeetingCreateSchema = z.strictObject({
  kind: z.enum(keysOf(MEETING_KINDS), { error: '请选择活动类型' }),
  title: text(100, 2),
  topicId: optionalId,
  startsAt: DateTime,
  venueId: optionalId,
  placeId: optionalId,
  address: optional(200),
  agenda: optional(3000),
  openToPublic: z.boolean().optional().default(false),
  /** Citizen representatives wanted when open to the public (null: no limit). */
  capacity,
  /** What the meeting is about, for the public page. */
  publicIntro: optional(1000),
  memberIds: z.array(IdSchema).max(500, '参加委员最多 500 人').optional().default([]),
  others: z.array(z.strictObject({ name: text(40), role: z.enum(['unit', 'citizen', 'expert'], { error: '请选择身份' }), org: optional(60) }))
    .max(200, '其他参加人员最多 200 人').optional().default([]),
});
export type MeetingCreate = z.infer<typeof MeetingCreateSchema>;

export const MeetingHoldSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  minutes: optional(10_000),
  findings: optional(5000),
  beneficiaries: z.union([z.number({ error: '请填写数字' }).int('请填写整数').min(0, '不能小于 0').max(10_000_000, '数字过大'), z.null()]).optional().transform((v) => v ?? null),
}).superRefine((v, ctx) => {
  if (!v.minutes && !v.findings) ctx.addIssue({ code: 'custom', path: ['minutes'], message: '请填写会议纪要或调研发现' });
});
export type MeetingHold = z.infer<typeof MeetingHoldSchema>;

export const QaCreateSchema = z.strictObject({
  question: text(500, 4),
  askedBy: text(40),
  askerKind: z.enum(['member', 'citizen'], { error: '请选择提问人身份' }),
  unitId: optionalId,
  answer: optional(2000),
  commitment: optional(500),
  days: z.union([z.number({ error: '请填写天数' }).int('请填写整数').min(1, '至少 1 天').max(365, '不能超过 365 天'), z.null()]).optional().transform((v) => v ?? null),
  measureLabel: optional(50),
  measureTarget: z.union([z.number({ error: '请填写数字' }).min(0, '不能小于 0').max(1e9, '数字过大'), z.null()]).optional().transform((v) => v ?? null),
}).superRefine((v, ctx) => {
  if ((v.answer || v.commitment) && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '有答复或承诺时请选择答复单位' });
  if (v.measureTarget != null && !v.measureLabel) ctx.addIssue({ code: 'custom', path: ['measureLabel'], message: '设了目标值，请写明衡量什么' });
});
export type QaCreate = z.infer<typeof QaCreateSchema>;

export const CheckinSchema = z.strictObject({ token: z.string({ error: '二维码无效' }).regex(/^[A-Za-z0-9_-]{16,64}$/, '二维码无效') });
export const AbsenceSchema = z.strictObject({ reason: text(200, 2) });
export const AbsenceDecisionSchema = z.strictObject({ approve: z.boolean({ error: '请选择同意或不同意' }) });

// ---- Citizen representatives: open meetings and sign-ups (协商活动公开报名) ----

/** A sign-up's states: staff accept it (the citizen becomes a participant) or decline it. */
export const SIGNUP_STATES = options({ pending: '待确认', accepted: '已确认参加', declined: '未能安排' });
export type SignupState = keyof typeof SIGNUP_STATES;

/** Staff open (or close) a meeting to the public: citizens may then sign up as 群众代表, up to `capacity`. */
export const MeetingPublicSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  openToPublic: z.boolean({ error: '请选择是否向群众公开' }),
  /** Citizen representatives wanted; null is no limit. */
  capacity,
  /** What the meeting is about, in plain words for the public page. */
  publicIntro: optional(1000),
});
export type MeetingPublic = z.infer<typeof MeetingPublicSchema>;

/** A citizen signs up for an open meeting as a 群众代表. */
export const MeetingSignupSchema = z.strictObject({
  name: text(20, 1),
  phone: z.string({ error: '请填写手机号' }).trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号'),
  note: optional(200),
  /** Consent to the personal-data notice (name and phone are required here). */
  consent: z.literal(true, { error: '请先阅读并同意个人信息说明' }),
});
export type MeetingSignup = z.infer<typeof MeetingSignupSchema>;

/** Staff accept or decline a sign-up; a reason is told to the citizen when declining. */
export const SignupDecisionSchema = z.strictObject({
  accept: z.boolean({ error: '请选择确认参加或不安排' }),
  reason: optional(200),
});
export type SignupDecision = z.infer<typeof SignupDecisionSchema>;

// ---- Public responses: only what anyone may read (no names of people, no phone numbers) ----

const PublicCountySchema = z.object({ id: z.number().int(), name: z.string() });

export const PublicMeetingSchema = z.object({
  id: z.number().int(),
  kindLabel: z.string(),
  title: z.string(),
  startsAt: z.string(),
  venueName: z.string().nullable(),
  placeName: z.string().nullable(),
  address: z.string().nullable(),
  /** The public introduction staff wrote (or null). */
  intro: z.string().nullable(),
  agenda: z.string().nullable(),
  topicTitle: z.string().nullable(),
  /** Citizen representatives wanted (null: no limit). */
  capacity: z.number().int().nullable(),
  /** Places not yet taken by pending or accepted sign-ups (null: no limit). */
  seatsLeft: z.number().int().nullable(),
  /** Whether a citizen may sign up now (planned, not started, places left). */
  signupOpen: z.boolean(),
  /** Why not, in plain words, when closed. */
  closedReason: z.string().nullable(),
});
export type PublicMeeting = z.infer<typeof PublicMeetingSchema>;
export const PublicMeetingListSchema = z.object({ county: PublicCountySchema, items: z.array(PublicMeetingSchema) });
export type PublicMeetingList = z.infer<typeof PublicMeetingListSchema>;
export const PublicMeetingDetailSchema = PublicMeetingSchema.extend({ county: PublicCountySchema });
export type PublicMeetingDetail = z.infer<typeof PublicMeetingDetailSchema>;

export const PublicSignupResultSchema = z.object({ meetingTitle: z.string(), message: z.string(), createdAt: z.string() });
export type PublicSignupResult = z.infer<typeof PublicSignupResultSchema>;

/** Tasks done (verified) of all tasks of a published outcome. */
const ProgressSchema = z.object({ done: z.number().int(), total: z.number().int() });

export const PublicOutcomeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  formatLabel: z.string(),
  levelLabel: z.string(),
  placeName: z.string().nullable(),
  summary: z.string().nullable(),
  decisionLabel: z.string().nullable(),
  publishedAt: z.string().nullable(),
  progress: ProgressSchema,
});
export type PublicOutcome = z.infer<typeof PublicOutcomeSchema>;
export const PublicOutcomePageSchema = z.object({
  county: PublicCountySchema, items: z.array(PublicOutcomeSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});
export type PublicOutcomePage = z.infer<typeof PublicOutcomePageSchema>;

export const PublicOutcomeTaskSchema = z.object({
  title: z.string(),
  unitName: z.string(),
  stateLabel: z.string(),
  done: z.boolean(),
  measure: z.object({ label: z.string(), unit: z.string().nullable(), target: z.number().nullable(), current: z.number().nullable() }).nullable(),
});
export const PublicOutcomeDetailSchema = PublicOutcomeSchema.extend({
  county: PublicCountySchema,
  tasks: z.array(PublicOutcomeTaskSchema),
  ratings: z.object({ total: z.number().int(), satisfied: z.number().int() }),
});
export type PublicOutcomeDetail = z.infer<typeof PublicOutcomeDetailSchema>;

export const PublicOutcomeQuerySchema = z.strictObject({
  page: z.coerce.number({ error: '页码无效' }).int('页码无效').min(1, '页码无效').max(10_000, '页码无效').default(1),
  pageSize: z.coerce.number({ error: '每页条数无效' }).int('每页条数无效').min(1, '每页条数无效').max(50, '每页最多 50 条').default(10),
});

// ---- The dashboard's drill-downs: from each figure to the list that it counts ----

/** The dashboard's figures by name, in the order shown (definitions: consult.figures.ts). */
export const CONSULT_FIGURE_LABELS = {
  'consult.topics': '协商议题', 'consult.meetings': '协商活动', 'consult.problemsSolved': '解决问题',
  'consult.serviceActivities': '服务群众活动', 'consult.beneficiaries': '受益群众（人）', 'consult.published': '反馈公开',
} as const;
export type ConsultFigure = keyof typeof CONSULT_FIGURE_LABELS;

/** A dashboard period, inclusive days. */
export interface ConsultPeriod { from: string; to: string }

/** Which list a figure opens, and the filters that make the list's total equal the figure. */
export interface ConsultDrill { list: 'topics' | 'meetings' | 'solved'; query: Record<string, string> }

const period = (p: ConsultPeriod) => ({ from: p.from, to: p.to });
/** Each named figure (server/src/modules/consultations/consult.figures.ts) and its list. */
export const CONSULT_FIGURE_DRILLS: Record<ConsultFigure, (p: ConsultPeriod) => ConsultDrill> = {
  'consult.topics': (p) => ({ list: 'topics', query: { ...period(p), active: '1' } }),
  'consult.meetings': (p) => ({ list: 'meetings', query: { ...period(p), state: 'held', service: 'exclude' } }),
  'consult.problemsSolved': (p) => ({ list: 'solved', query: period(p) }),
  'consult.serviceActivities': (p) => ({ list: 'meetings', query: { ...period(p), state: 'held', service: 'only' } }),
  'consult.beneficiaries': (p) => ({ list: 'meetings', query: { ...period(p), state: 'held', service: 'only' } }),
  'consult.published': (p) => ({ list: 'topics', query: { state: 'published', publishedFrom: p.from, publishedTo: p.to } }),
};
/** Each breakdown's bar and its list; a township bar without a place (县级) is placeId 0. */
export const CONSULT_BREAKDOWN_DRILLS: Record<'byFormat' | 'byLevel' | 'byStage' | 'byTownship' | 'meetingsByKind', (p: ConsultPeriod, key: string | number | null) => ConsultDrill> = {
  byFormat: (p, k) => ({ list: 'topics', query: { ...period(p), active: '1', format: String(k) } }),
  byLevel: (p, k) => ({ list: 'topics', query: { ...period(p), active: '1', level: String(k) } }),
  byStage: (p, k) => ({ list: 'topics', query: { ...period(p), active: '1', state: String(k) } }),
  byTownship: (p, k) => ({ list: 'topics', query: { ...period(p), active: '1', placeId: String(k ?? 0) } }),
  meetingsByKind: (p, k) => ({ list: 'meetings', query: { ...period(p), state: 'held', kind: String(k) } }),
};

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

/** The meetings list: a period (calendar month or a drill-down), kind, state, service activities only or excluded, paging. */
export const MeetingListQuerySchema = z.strictObject({
  from: Day.optional(),
  to: Day.optional(),
  kind: z.enum(keysOf(MEETING_KINDS), { error: '活动类型无效' }).optional(),
  state: z.enum(['planned', 'held', 'cancelled'], { error: '状态无效' }).optional(),
  service: z.enum(['only', 'exclude'], { error: '无效的筛选' }).optional(),
  topicId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

/** Problems solved (the figure's list): topic tasks verified in a period. */
export const SolvedQuerySchema = z.strictObject({
  from: Day,
  to: Day,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
}).refine((p) => p.from <= p.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type SolvedQuery = z.infer<typeof SolvedQuerySchema>;

// ---- Staff and member responses (server/src/modules/consultations: topics, meetings, plan, figures) ----

const int = z.number().int();
const TopicStateSchema = z.enum(Object.keys(TOPIC_STATES) as [TopicState, ...TopicState[]]);
const MeetingKindSchema = z.enum(keysOf(MEETING_KINDS));
const MeasureSchema = z.object({ label: z.string(), target: z.number().nullable(), current: z.number().nullable() });

export const TopicItemSchema = z.object({
  id: int,
  code: z.string(),
  title: z.string(),
  source: z.enum(keysOf(TOPIC_SOURCES)),
  sourceLabel: z.string(),
  format: z.enum(keysOf(TOPIC_FORMATS)),
  formatLabel: z.string(),
  level: z.enum(keysOf(TOPIC_LEVELS)),
  levelLabel: z.string(),
  placeId: int.nullable(),
  placeName: z.string().nullable(),
  venueId: int.nullable(),
  venueName: z.string().nullable(),
  state: TopicStateSchema,
  stateLabel: z.string(),
  /** 1–8 for the eight steps. */
  stage: int,
  version: int,
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  planYear: int.nullable(),
  planMonth: int.nullable(),
});
export type TopicItem = z.infer<typeof TopicItemSchema>;
export const TopicPageSchema = pageOf(TopicItemSchema);

export const TopicDetailSchema = TopicItemSchema.extend({
  description: z.string().nullable(),
  sourceNote: z.string().nullable(),
  briefing: z.string().nullable(),
  survey: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  reportSentAt: z.string().nullable(),
  decision: z.string().nullable(),
  decisionLabel: z.string().nullable(),
  instruction: z.string().nullable(),
  summary: z.string().nullable(),
  publishNote: z.string().nullable(),
  stages: z.array(z.object({ state: TopicStateSchema, label: z.string() })),
  meetings: z.array(z.object({
    id: int, kind: MeetingKindSchema, kindLabel: z.string(), title: z.string(), startsAt: z.string(), state: z.string(), hasMinutes: z.boolean(),
    hasFindings: z.boolean(), beneficiaries: int.nullable(),
  })),
  qa: z.array(z.object({
    id: int, meetingId: int, question: z.string(), askedBy: z.string(), unitName: z.string().nullable(), answer: z.string().nullable(),
    commitment: z.string().nullable(), taskId: int.nullable(),
  })),
  tasks: z.array(z.object({
    id: int, code: z.string(), title: z.string(), state: z.string(), stateLabel: z.string(), dueAt: z.string().nullable(), unitName: z.string(),
    measure: MeasureSchema.nullable(),
  })),
  /** A link from a clue carries the clue's code. */
  links: z.array(CaseLinkSchema.extend({ clueCode: z.string().nullable() })),
  clocks: z.array(CaseClockSchema),
  actions: z.array(ActionOptionSchema),
  timeline: z.array(CaseTimelineEntrySchema),
});
export type TopicDetail = z.infer<typeof TopicDetailSchema>;

/** Clues converted into a consultation lead, waiting for their topic. */
export const PendingClueTopicsSchema = itemsOf(z.object({
  linkId: int, clueId: int, title: z.string().nullable(), clueCode: z.string().nullable(), content: z.string().nullable(), at: z.string(),
}));
export type PendingClueTopic = z.infer<typeof PendingClueTopicsSchema>['items'][number];

export const MeetingItemSchema = z.object({
  id: int, kind: MeetingKindSchema, kindLabel: z.string(), title: z.string(), topicId: int.nullable(), startsAt: z.string(), state: z.string(),
  stateLabel: z.string(), venueName: z.string().nullable(), placeName: z.string().nullable(), openToPublic: z.boolean(), beneficiaries: int.nullable(),
});
export type MeetingItem = z.infer<typeof MeetingItemSchema>;
/** A page of meetings with the beneficiaries of all of them (the service activities' figure). */
export const MeetingPageSchema = pageOf(MeetingItemSchema).extend({ beneficiaries: int });
export type MeetingPage = z.infer<typeof MeetingPageSchema>;

export const MeetingDetailSchema = z.object({
  id: int,
  kind: MeetingKindSchema,
  kindLabel: z.string(),
  title: z.string(),
  startsAt: z.string(),
  state: z.string(),
  version: int,
  venueId: int.nullable(),
  venueName: z.string().nullable(),
  placeName: z.string().nullable(),
  address: z.string().nullable(),
  agenda: z.string().nullable(),
  openToPublic: z.boolean(),
  capacity: int.nullable(),
  publicIntro: z.string().nullable(),
  minutes: z.string().nullable(),
  findings: z.string().nullable(),
  beneficiaries: int.nullable(),
  heldAt: z.string().nullable(),
  /** The path the check-in QR code opens. */
  checkinPath: z.string(),
  topic: z.object({ id: int, code: z.string(), title: z.string(), state: TopicStateSchema }).nullable(),
  participants: z.array(z.object({
    id: int, memberId: int.nullable(), name: z.string(), role: z.string(), roleLabel: z.string(), org: z.string().nullable(), status: z.string(),
    statusLabel: z.string(), absenceReason: z.string().nullable(), checkedInAt: z.string().nullable(),
  })),
  attendance: z.object({ invited: int, checkedIn: int }),
  qa: z.array(z.object({
    id: int, question: z.string(), askedBy: z.string(), askerKind: z.string(), unitId: int.nullable(), unitName: z.string().nullable(),
    answer: z.string().nullable(), commitment: z.string().nullable(), days: int.nullable(), measureLabel: z.string().nullable(),
    measureTarget: z.number().nullable(), taskId: int.nullable(),
  })),
  files: z.array(z.object({ id: int, name: z.string().nullable(), mime: z.string(), size: int })),
  /** Citizen sign-ups; the phone is masked unless the reader may manage meetings. */
  signups: z.array(z.object({
    id: int, name: z.string(), phone: z.string().nullable(), note: z.string().nullable(), state: z.enum(['pending', 'accepted', 'declined']),
    stateLabel: z.string(), createdAt: z.string(), decidedAt: z.string().nullable(), decidedBy: z.string().nullable(), reason: z.string().nullable(),
    participantId: int.nullable(),
  })),
  signupCounts: z.object({ pending: int, accepted: int, declined: int }),
});
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

export const QaTaskResultSchema = z.object({ taskId: int, code: z.string() });

/** The member's invitations (我的活动) with their own check-in or absence. */
export const InvitationsSchema = itemsOf(z.object({
  id: int, kindLabel: z.string(), title: z.string(), startsAt: z.string(), venueName: z.string().nullable(), address: z.string().nullable(),
  agenda: z.string().nullable(), state: z.string(), status: z.string(), statusLabel: z.string(), absenceReason: z.string().nullable(),
}));
export type Invitation = z.infer<typeof InvitationsSchema>['items'][number];

export const CheckinResultSchema = z.object({ meetingId: int, title: z.string(), checkedInAt: z.string() });
export type CheckinResult = z.infer<typeof CheckinResultSchema>;

const FigureKeys = Object.keys(CONSULT_FIGURE_LABELS) as [ConsultFigure, ...ConsultFigure[]];
const bucket = <K extends z.ZodType>(key: K) => z.array(z.object({ key, label: z.string(), n: int }));

/** 协商工作统计: the named figures with their definitions and the breakdowns, for a period. */
export const ConsultDashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  definitions: z.record(z.enum(FigureKeys), z.string()),
  figures: z.record(z.enum(FigureKeys), int),
  byFormat: bucket(z.enum(keysOf(TOPIC_FORMATS))),
  byLevel: bucket(z.enum(keysOf(TOPIC_LEVELS))),
  byStage: bucket(TopicStateSchema),
  byTownship: bucket(int.nullable()),
  meetingsByKind: bucket(MeetingKindSchema),
});
export type ConsultDashboard = z.infer<typeof ConsultDashboardSchema>;

/** 解决问题: topic tasks verified in the period. */
export const SolvedTaskSchema = z.object({
  id: int, code: z.string(), title: z.string(), unitName: z.string().nullable(), verifiedAt: z.string().nullable(), measure: MeasureSchema.nullable(),
  topic: z.object({ id: int, code: z.string(), title: z.string() }),
});
export type SolvedTask = z.infer<typeof SolvedTaskSchema>;
export const SolvedPageSchema = pageOf(SolvedTaskSchema);

/** 年度协商计划: each month's topics and meetings against the county's rhythm, the months that break it. */
export const AnnualPlanSchema = z.object({
  year: int,
  rhythm: z.enum(['none', 'odd_sector_even_township']),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  months: z.array(z.object({
    month: int,
    /** What the rhythm expects this month (界别活动 or 乡镇协商), or null. */
    expected: z.string().nullable(),
    kept: z.boolean(),
    topics: z.array(z.object({ id: int, code: z.string(), title: z.string(), formatLabel: z.string(), levelLabel: z.string(), stateLabel: z.string() })),
    meetings: z.array(z.object({ id: int, kind: MeetingKindSchema, title: z.string(), startsAt: z.string(), state: z.string() })),
  })),
  breaks: z.array(int),
  topicCount: int,
});
export type AnnualPlan = z.infer<typeof AnnualPlanSchema>;

/** A citizen's rating of a published outcome. */
export const TopicRatingResultSchema = z.object({ rated: z.enum(['satisfied', 'basically', 'unsatisfied']), label: z.string() });
