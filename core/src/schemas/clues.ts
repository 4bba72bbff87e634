/** 直通政协: clues (民意线索) from the public, their workflow and the shapes the API takes. */
import { z } from 'zod';
import type { WorkflowDef, Actor, ChildRef } from '../workflow.ts';
import { IdSchema, PhoneSchema, cleanString, text } from '../validation.ts';
import { ActionOptionSchema, CaseClockSchema } from './cases.ts';

export const CLUE_CATEGORIES = {
  traffic: '交通出行',
  roads: '道路设施',
  environment: '环境卫生',
  utilities: '水电气暖',
  housing: '住房物业',
  education: '教育',
  health: '医疗卫生',
  elderly: '养老服务',
  agriculture: '农业农村',
  safety: '安全隐患',
  social: '社会保障',
  economy: '经济发展',
  culture: '文化旅游',
  other: '其他',
} as const;
export type ClueCategory = keyof typeof CLUE_CATEGORIES;
export const ClueCategorySchema = z.enum(Object.keys(CLUE_CATEGORIES) as [ClueCategory, ...ClueCategory[]], { error: '请选择问题类别' });

export const CLUE_KINDS = { problem: '反映问题', suggestion: '提出建议' } as const;

export const CLUE_CHANNELS = {
  h5: '手机网页',
  qr_venue: '码上议·履职阵地',
  qr_member: '码上议·委员工作室',
  wechat: '微信小程序',
  staff: '工作人员录入',
  // 代录: staff enter a clue that came by another way (schemas/clues-office.ts).
  hotline: '热线电话',
  letter: '群众来信',
  visit: '群众来访',
  referral_12345: '12345转来',
  member_report: '委员反映',
} as const;
export type ClueChannel = keyof typeof CLUE_CHANNELS;

export const CLUE_RATINGS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;
export type ClueRating = keyof typeof CLUE_RATINGS;

export const CONVERSION_KINDS = { topic: '协商议题', proposal_lead: '提案线索', opinion: '社情民意信息' } as const;
export type ConversionKind = keyof typeof CONVERSION_KINDS;
/**
 * The case type each conversion waits for: a conversion is a `converted_into` case link from the clue to a case of
 * this type, without a target until that module takes it (`completeLink`). The modules register these names.
 */
export const CONVERSION_TARGETS = { topic: 'topic', proposal_lead: 'proposal', opinion: 'opinion' } as const satisfies Record<ConversionKind, string>;

export const CLUE_STATES = {
  submitted: { label: '待受理', waitingOn: 'staff' },
  needs_info: { label: '待补充', waitingOn: 'citizen' },
  accepted: { label: '已采纳', waitingOn: 'staff' },
  forwarded: { label: '办理中', waitingOn: 'unit' },
  returned: { label: '单位退回', waitingOn: 'staff' },
  replied: { label: '已答复', waitingOn: 'staff' },
  // Not terminal (the citizen may still rate or reopen it) but no longer in progress on dashboards.
  resolved: { label: '已办结', open: false, waitingOn: 'citizen' },
  closed: { label: '已归档', terminal: true },
  declined: { label: '不予采纳', terminal: true },
  merged: { label: '已合并', terminal: true },
  converted: { label: '已转化', terminal: true },
} as const;
export type ClueState = keyof typeof CLUE_STATES;

/** States in which a clue is still being worked on (counted as open; overdue when past its deadline). */
export const OPEN_CLUE_STATES: ClueState[] = ['submitted', 'needs_info', 'accepted', 'forwarded', 'returned', 'replied'];

/** What the engine needs to know of a clue. */
export interface ClueCase {
  state: ClueState;
  version: number;
  unit_id: number | null;
  /** The days of the unit's extension request waiting for 同意/不同意; null when none is open. */
  extension_request_days?: number | null;
}

/** What the runner's load step reads for a clue: its co-unit cases (the join) and the handling unit's 负责人. */
export interface ClueContext {
  children?: readonly ChildRef[];
  /** User ids of the handling unit's 负责人 (who may assign the clue inside the unit). */
  unitLeads?: readonly number[];
}

/** 紧急 / 一般: chosen at forwarding; an urgent clue's deadline defaults to `clue.deadline.urgent`. */
export const CLUE_URGENCIES = { normal: '一般', urgent: '紧急' } as const;
export type ClueUrgency = keyof typeof CLUE_URGENCIES;

/** How late a clue in progress is (county settings `clue.mark.*`): 临期 yellow, 超期 red. */
export const CLUE_MARKS = { none: '', yellow: '临期', red: '超期' } as const;
export type ClueMark = keyof typeof CLUE_MARKS;

const STAFF = ['staff', 'county_admin'] as const;

const isForwardedUnit = { label: '被转办的承办单位', test: (a: Actor, c: ClueCase) => a.unitId != null && a.unitId === c.unit_id };

/** One extension request open at a time: 同意/不同意 only while one waits, a second only after the answer. */
const extensionPending = (c: ClueCase) => c.extension_request_days != null;
const noPendingRequest = (c: ClueCase) => (extensionPending(c) ? null : '没有待审的延期申请');
const oneRequestAtATime = (c: ClueCase) => (extensionPending(c) ? `已有一项延期申请（${c.extension_request_days} 个工作日）待县政协答复` : null);
const ALL_STATES = Object.keys(CLUE_STATES) as ClueState[];
/** The co-unit states in which a co-unit no longer holds up the lead's reply. */
const COUNIT_DONE = ['viewed', 'waived', 'withdrawn'] as const;
const coUnitsWaiting = (ctx: ClueContext) => (ctx.children ?? []).filter((k) => k.caseType === 'clue_counit' && !(COUNIT_DONE as readonly string[]).includes(k.state)).length;
const isUnitLead = (_c: ClueCase, ctx: ClueContext, actor: Actor | 'public' | 'system') =>
  typeof actor === 'object' && (ctx.unitLeads ?? []).includes(actor.id) ? null : '只有本单位负责人可以分派经办人';

/**
 * The clue workflow (DESIGN.md §4, RULES.md 12345 practice). One named clock per stage, each length a county
 * setting: `accept` (working days to triage a submitted clue), `info` (days for the citizen to add information),
 * `dispatch` (working days from acceptance to forwarding), `handle` (the unit's working days, or the date staff
 * chose; extensions add at most `clue.maxExtensionDays`), `review` (working days to check a reply) and `rate` (days
 * to rate). The row's `due_at` is the clock running now. The platform deadline job flags, reminds (催办) and
 * escalates the office's and the unit's clocks; the citizen's two are not chased (an unrated clue is archived).
 */
export const CLUE_WORKFLOW: WorkflowDef<ClueState, ClueTransition, ClueCase, ClueContext> = {
  name: 'clue',
  label: '民意线索',
  initial: 'submitted',
  states: CLUE_STATES,
  clocks: {
    accept: { label: '受理', kind: 'workingDays', setting: 'clue.deadline.accept', default: 3 },
    info: { label: '群众补充', kind: 'calendarDays', setting: 'clue.deadline.info', default: 7, remind: false },
    dispatch: { label: '转办', kind: 'workingDays', setting: 'clue.deadline.dispatch', default: 2 },
    handle: {
      label: '办理答复', kind: 'workingDays', setting: 'clue.deadline.forward', default: 13, dueField: 'dueDate',
      cap: { kind: 'workingDays', setting: 'clue.maxExtensionDays', default: 20, from: 'due' },
    },
    review: { label: '答复审核', kind: 'workingDays', setting: 'clue.deadline.review', default: 3 },
    rate: { label: '群众评价', kind: 'calendarDays', setting: 'clue.deadline.rate', default: 15, remind: false },
  },
  dueClock: ['accept', 'info', 'dispatch', 'handle', 'review', 'rate'],
  initialClocks: { accept: 'start' },
  // 会办: a co-unit per unit asked for its views (CLUE_COUNIT_WORKFLOW); the lead replies once they are in.
  children: { clue_counit: { label: '会办单位', states: ['new', 'asked', 'viewed', 'waived', 'withdrawn'] } },
  transitions: {
    accept: { label: '采纳受理', from: ['submitted', 'needs_info'], to: 'accepted', roles: STAFF, clocks: { accept: 'stop', info: 'stop', dispatch: 'reset' } },
    decline: { label: '不予采纳', from: ['submitted', 'needs_info'], to: 'declined', roles: STAFF, requires: { reason: true } },
    request_info: { label: '请群众补充', from: ['submitted'], to: 'needs_info', roles: STAFF, requires: { reason: true }, clocks: { accept: 'stop', info: 'reset' } },
    supplement: { label: '群众补充信息', from: ['needs_info'], to: 'submitted', roles: ['public'], requires: { fields: ['content'] }, clocks: { info: 'stop', accept: 'reset' } },
    merge: { label: '合并到同类线索', from: ['submitted', 'needs_info', 'accepted'], to: 'merged', roles: STAFF, requires: { fields: ['targetId'] } },
    forward: { label: '转办', from: ['accepted', 'returned'], to: 'forwarded', roles: STAFF, requires: { fields: ['unitId'] }, clocks: { dispatch: 'stop', handle: 'reset' } },
    convert: { label: '转化', from: ['accepted'], to: 'converted', roles: STAFF, requires: { fields: ['kind', 'title'] } },
    reply: { label: '单位答复', from: ['forwarded'], to: 'replied', roles: ['unit_handler'], relation: isForwardedUnit, requires: { fields: ['replyText'] },
      clocks: { handle: 'stop', review: 'reset' },
      join: [{ child: 'clue_counit', states: COUNIT_DONE, reason: '会办单位意见尚未全部送达' }] },
    return: { label: '退回', from: ['forwarded'], to: 'returned', roles: ['unit_handler'], relation: isForwardedUnit, requires: { reason: true },
      clocks: { handle: 'stop', dispatch: 'reset' } },
    rehandle: { label: '要求重新办理', from: ['replied'], to: 'forwarded', roles: STAFF, requires: { reason: true }, clocks: { review: 'stop', handle: 'reset' } },
    resolve: { label: '办结', from: ['replied'], to: 'resolved', roles: STAFF, clocks: { review: 'stop', rate: 'reset' } },
    rate: { label: '群众评价', from: ['resolved'], to: 'closed', roles: ['public'], requires: { fields: ['rating'] } },
    reopen: { label: '群众不满意，重新办理', from: ['resolved', 'closed'], to: 'accepted', roles: ['public', 'system'], clocks: { rate: 'stop', dispatch: 'reset' } },
    close: { label: '归档', from: ['resolved'], to: 'closed', roles: [...STAFF, 'system'] },
  },
  // Things that happen to a clue without moving it: their timeline line, audit name and the citizen's words are here.
  events: {
    request_extension: { label: '申请延期', from: ['forwarded'], roles: ['unit_handler'], relation: isForwardedUnit, requires: { reason: true, fields: ['days'] },
      gates: [oneRequestAtATime], audit: 'clue.request_extension' },
    grant_extension: { label: '同意延期', from: ['forwarded'], roles: STAFF, requires: { fields: ['days'] }, gates: [noPendingRequest], audit: 'clue.grant_extension',
      clocks: { handle: { extend: 'days' } } },
    deny_extension: { label: '不同意延期', from: ['forwarded'], roles: STAFF, requires: { reason: true }, gates: [noPendingRequest], audit: 'clue.deny_extension' },
    remind: { label: '催办', from: ['forwarded'], roles: [...STAFF, 'system'], audit: 'clue.remind' },
    note: { label: '内部备注', from: ALL_STATES, roles: STAFF, requires: { reason: true }, audit: 'clue.note' },
    recheck: { label: '回访确认已解决', from: ['closed'], roles: ['public'], audit: 'clue.recheck', publicText: '回访确认已解决' },
    supervise: { label: '领导督办', roles: ['leader'], requires: { reason: true }, audit: 'clue.supervise' },
    recategorize: { label: '分类纠错', from: ALL_STATES, roles: STAFF, requires: { fields: ['category'] }, audit: 'clue.recategorize' },
    edit_reply: { label: '修改答复', from: ['replied', 'resolved', 'closed'], roles: STAFF, requires: { reason: true, fields: ['replyText'] }, audit: 'clue.edit_reply' },
    followup: { label: '回访记录', from: ['resolved', 'closed'], roles: STAFF, requires: { reason: true }, audit: 'clue.followup' },
    // Inside the handling unit: its 负责人 gives the clue to one of its handlers.
    assign_handler: { label: '分派经办人', from: ['forwarded'], roles: ['unit_handler'], relation: isForwardedUnit, requires: { fields: ['assigneeId'] },
      gates: [isUnitLead], audit: 'clue.assign_handler' },
    // The office lets the lead reply without the views still missing (a co-unit that does not answer).
    waive_views: { label: '不再等待会办意见', from: ['forwarded'], roles: STAFF, requires: { reason: true },
      gates: [(_c, ctx) => (coUnitsWaiting(ctx) > 0 ? null : '没有等待中的会办单位')], audit: 'clue.waive_views' },
  },
};
export type ClueTransition =
  | 'accept' | 'decline' | 'request_info' | 'supplement' | 'merge' | 'forward' | 'convert' | 'reply'
  | 'return' | 'rehandle' | 'resolve' | 'rate' | 'reopen' | 'close';
/** The declared events of a clue (CLUE_WORKFLOW.events). */
export type ClueEvent =
  | 'request_extension' | 'grant_extension' | 'deny_extension' | 'remind' | 'note' | 'recheck' | 'supervise' | 'recategorize' | 'edit_reply' | 'followup'
  | 'assign_handler' | 'waive_views';

// ---- 会办: a co-unit's part in a forwarded clue, a child case of the clue ----

export const COUNIT_STATES = {
  new: { label: '待交办', waitingOn: 'staff' },
  asked: { label: '待提会办意见', waitingOn: 'unit' },
  viewed: { label: '已提会办意见', terminal: true },
  waived: { label: '不再等待', terminal: true },
  withdrawn: { label: '已撤回', terminal: true },
} as const;
export type CounitState = keyof typeof COUNIT_STATES;
export type CounitTransition = 'ask' | 'send_views' | 'waive' | 'withdraw';

export interface CounitCase {
  state: CounitState;
  version: number;
  unit_id: number;
}

const isCoUnit = { label: '被请会办的单位', test: (a: Actor, c: CounitCase) => a.unitId != null && a.unitId === c.unit_id };

/**
 * A co-unit (会办单位) of a forwarded clue: asked for its views by a date (`views`, `clue.deadline.coViews` working
 * days, never past the lead's deadline), it sends them to the lead; the office may stop waiting (with a reason), and a
 * new forwarding or a return withdraws it.
 */
export const CLUE_COUNIT_WORKFLOW: WorkflowDef<CounitState, CounitTransition, CounitCase> = {
  name: 'clue_counit',
  label: '线索会办',
  initial: 'new',
  states: COUNIT_STATES,
  clocks: { views: { label: '会办意见', kind: 'workingDays', setting: 'clue.deadline.coViews', default: 5, dueField: 'dueDate' } },
  dueClock: 'views',
  transitions: {
    ask: { label: '请会办', from: ['new'], to: 'asked', roles: [...STAFF, 'system'], clocks: { views: 'start' } },
    send_views: { label: '提出会办意见', from: ['asked'], to: 'viewed', roles: ['unit_handler'], relation: isCoUnit, requires: { fields: ['views'] } },
    waive: { label: '不再等待会办意见', from: ['asked'], to: 'waived', roles: [...STAFF, 'system'], requires: { reason: true } },
    withdraw: { label: '撤回会办', from: ['new', 'asked'], to: 'withdrawn', roles: [...STAFF, 'system'], requires: { reason: true } },
  },
  events: {
    remind: { label: '催办', from: ['asked'], roles: [...STAFF, 'system'], audit: 'clue_counit.remind' },
  },
};
/** What staff, units and citizens may do to a clue: a transition or an event, one command each (server clues.commands.ts). */
export type ClueAction = ClueTransition | ClueEvent;

// ---- Public API shapes ----

/**
 * The shortest report taken. Real reports from a QR code are this short: 「德亭中学宿舍没热水」 is 9 characters,
 * 「路灯不亮了」 5; what is missing can be asked for (request_info).
 */
export const CLUE_CONTENT_MIN = 5;

const optionalShort = (max: number) => z.union([text(max, 0), z.null()]).optional().transform((v) => v || null);

export const ClueSubmitSchema = z.strictObject({
  kind: z.enum(['problem', 'suggestion'], { error: '请选择反映问题或提出建议' }).default('problem'),
  category: ClueCategorySchema,
  content: text(2000, CLUE_CONTENT_MIN, `请至少写 ${CLUE_CONTENT_MIN} 个字，说清楚是什么问题`),
  townshipId: IdSchema,
  villageId: z.union([IdSchema, z.null()]).optional(),
  place: optionalShort(100),
  contactName: optionalShort(20),
  contactPhone: z.union([PhoneSchema, z.literal(''), z.null()]).optional().transform((v) => v || null),
  /** Consent to the personal-data notice; required when a name or phone is given. */
  consent: z.boolean().optional(),
  channel: z.enum(['h5', 'qr_venue', 'qr_member', 'wechat']).default('h5'),
  venueId: z.union([IdSchema, z.null()]).optional(),
  memberId: z.union([IdSchema, z.null()]).optional(),
  /** Tokens of photos uploaded first through the upload endpoint. */
  photoTokens: z.array(z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '照片凭证无效')).max(6, '最多 6 张照片').optional(),
}).superRefine((v, ctx) => {
  if ((v.contactName || v.contactPhone) && v.consent !== true) {
    ctx.addIssue({ code: 'custom', path: ['consent'], message: '留下姓名或电话时，请先阅读并同意个人信息处理说明' });
  }
});
export type ClueSubmit = z.infer<typeof ClueSubmitSchema>;

export const ClueSimilarQuerySchema = z.strictObject({
  content: cleanString().max(2000).refine((s) => s.isWellFormed(), '含有无效字符'),
  townshipId: IdSchema,
  category: ClueCategorySchema.optional(),
  villageId: z.union([IdSchema, z.null()]).optional(),
  place: z.union([cleanString().max(100), z.null()]).optional(),
});

const CodeSchema = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{10}$/, '查询码为 10 位字母或数字');
/** The secret: the last four digits of the phone left with the clue, or the token shown at submission. */
const SecretSchema = z.string().trim().regex(/^(\d{4}|[A-Za-z0-9]{8})$/, '请输入手机号后四位或提交时显示的 8 位查询密码');

export const ClueTrackSchema = z.strictObject({ code: CodeSchema, secret: SecretSchema });
export const ClueRateSchema = z.strictObject({
  code: CodeSchema, secret: SecretSchema,
  rating: z.enum(['satisfied', 'basically', 'unsatisfied'], { error: '请选择满意程度' }),
  comment: optionalShort(500),
});
export const ClueRecheckSchema = z.strictObject({
  code: CodeSchema, secret: SecretSchema,
  solved: z.boolean({ error: '请选择问题是否已解决' }),
  comment: optionalShort(500),
});
export const ClueSupplementSchema = z.strictObject({ code: CodeSchema, secret: SecretSchema, content: text(1000, 2) });
/** The support token a similar-clues hint gave out (never the tracking code). */
export const ClueSupportSchema = z.strictObject({ token: z.string().trim().regex(/^[A-Za-z0-9_-]{16,64}$/, '凭证无效，请重新填写问题后再试') });

// ---- Staff API shapes ----

export const ClueListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.union([z.enum(Object.keys(CLUE_STATES) as [ClueState, ...ClueState[]]), z.literal('open')]).optional(),
  category: ClueCategorySchema.optional(),
  townshipId: z.coerce.number().int().positive().optional(),
  channel: z.enum(Object.keys(CLUE_CHANNELS) as [ClueChannel, ...ClueChannel[]]).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['1', '0']).optional(),
  /** Chinese full-text search. */
  q: cleanString().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ClueListQuery = z.infer<typeof ClueListQuerySchema>;

export const ClueTransitionBodySchema = z.strictObject({
  version: z.number().int().positive(),
  reason: z.union([text(500), z.null()]).optional(),
  unitId: IdSchema.optional(),
  /** Days granted or asked for (extension). */
  days: z.number().int().min(1).max(60).optional(),
  targetId: IdSchema.optional(),
  kind: z.enum(['topic', 'proposal_lead', 'opinion']).optional(),
  title: text(100).optional(),
  replyText: text(3000).optional(),
  /** Attachment file ids uploaded for a reply. */
  fileIds: z.array(IdSchema).max(10).optional(),
  /** The right category (分类纠错). */
  category: ClueCategorySchema.optional(),
  /** 转办: the deadline chosen (YYYY-MM-DD, not before tomorrow nor past `clue.deadline.forwardMax` working days). */
  dueDate: z.iso.date('期限应为日期，如 2026-03-15').optional(),
  /** 转办: 紧急 / 一般 (default 一般). */
  urgency: z.enum(['normal', 'urgent'], { error: '请选择紧急或一般' }).optional(),
  /** 转办: 交办意见, what the office asks of the unit. */
  forwardNote: z.union([text(500, 0), z.null()]).optional(),
  /** 转办: co-units (会办单位) besides the lead unit. */
  coUnitIds: z.array(IdSchema).max(10, '会办单位最多选择 10 个').optional(),
  /** 分派经办人: the handler of the unit the clue goes to. */
  assigneeId: IdSchema.optional(),
});
export type ClueTransitionBody = z.infer<typeof ClueTransitionBodySchema>;

/** POST /unit/clues/:id/co-views: a co-unit's views for the lead unit, at its case's version. */
export const ClueCoViewsSchema = z.strictObject({
  version: z.number().int().positive(),
  views: text(2000, 2, '请填写会办意见'),
});
export type ClueCoViews = z.infer<typeof ClueCoViewsSchema>;

export const ClueBulkSchema = z.strictObject({
  /** `remind` (催办) sends `reason` to each clue's unit as the message. */
  transition: z.enum(['accept', 'decline', 'forward', 'close', 'remind']),
  items: z.array(z.strictObject({ id: IdSchema, version: z.number().int().positive() })).min(1, '请至少选择一条').max(200, '一次最多 200 条'),
  reason: z.union([text(500), z.null()]).optional(),
  unitId: IdSchema.optional(),
});

/** 领导督办: the leader's 批示 on a clue. */
export const ClueSuperviseSchema = z.strictObject({
  version: z.number().int().positive(),
  instruction: text(500, 2),
});

export const CluePublishSchema = z.strictObject({
  /** The text shown on the public board, edited by staff to remove personal details. */
  summary: text(500, 5),
  publish: z.boolean(),
});

export const RoutingRuleSchema = z.strictObject({
  category: z.union([ClueCategorySchema, z.null()]).optional(),
  /** Words separated by spaces or 、; any one present in the text matches. */
  keywords: z.union([text(200, 0), z.null()]).optional(),
  unitId: IdSchema,
  note: z.union([text(100, 0), z.null()]).optional(),
});

export const ClueStatsQuerySchema = z.strictObject({
  from: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  to: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
});

// ---- Response shapes: the routes' `response` schemas (the OpenAPI document describes them) and the web's types ----

const ClueKindSchema = z.enum(['problem', 'suggestion']);
const ClueStateSchema = z.enum(Object.keys(CLUE_STATES) as [ClueState, ...ClueState[]]);
const ClueRatingSchema = z.enum(['satisfied', 'basically', 'unsatisfied']);
const ConversionKindSchema = z.enum(['topic', 'proposal_lead', 'opinion']);
const ClueChannelSchema = z.enum(Object.keys(CLUE_CHANNELS) as [ClueChannel, ...ClueChannel[]]);

/** One row of GET /clues and GET /unit/clues. */
export const ClueListItemSchema = z.object({
  id: z.number(),
  code: z.string(),
  kind: ClueKindSchema,
  category: ClueCategorySchema,
  categoryLabel: z.string(),
  channel: ClueChannelSchema,
  channelLabel: z.string(),
  summary: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  villageName: z.string().nullable(),
  state: ClueStateSchema,
  stateLabel: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  supporters: z.number(),
  createdAt: z.string(),
  version: z.number(),
  /** Null in the unit portal. */
  contactName: z.string().nullable(),
  /** 138****1234; null when none was left (and always in the unit portal). */
  contactPhoneMasked: z.string().nullable(),
  rating: ClueRatingSchema.nullable(),
  published: z.boolean(),
  urgency: z.enum(['normal', 'urgent']),
  /** The handler inside the unit the clue was assigned to (分派), if any. */
  assigneeId: z.number().nullable(),
  /** In the unit portal: whether the reader's unit handles the clue (主办) or was asked for views (会办); null for staff. */
  myRole: z.enum(['lead', 'co']).nullable(),
  /** 临期 (yellow) or 超期 (red) by the county's marking rules; `none` for a clue in time or no longer in progress. */
  mark: z.enum(['none', 'yellow', 'red']),
});
export type ClueListItem = z.infer<typeof ClueListItemSchema>;

export const ClueListPageSchema = z.object({
  items: z.array(ClueListItemSchema),
  total: z.number(),
  /** The count stopped at the search cap: "more than total". */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

export const ClueTimelineEntrySchema = z.object({
  id: z.number(),
  transition: z.string(),
  label: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actorKind: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type ClueTimelineEntry = z.infer<typeof ClueTimelineEntrySchema>;

export const ClueConversionSchema = z.object({
  id: z.number(),
  kind: ConversionKindSchema,
  kindLabel: z.string(),
  title: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(['queued', 'taken']),
});
export type ClueConversion = z.infer<typeof ClueConversionSchema>;


/** GET /clues/:id, GET /unit/clues/:id and the answer to an action. */
export const ClueDetailSchema = ClueListItemSchema.extend({
  content: z.string(),
  place: z.string().nullable(),
  venueName: z.string().nullable(),
  memberName: z.string().nullable(),
  replyText: z.string().nullable(),
  ratingComment: z.string().nullable(),
  publicSummary: z.string().nullable(),
  recheckResult: z.enum(['solved', 'not_solved']).nullable(),
  extensionDays: z.number(),
  /** Days of the unit's extension request waiting for an answer; null when none waits. */
  extensionRequestDays: z.number().nullable(),
  /** The latest 领导督办 批示, if a leader gave one. */
  instruction: z.object({ text: z.string(), by: z.string().nullable(), at: z.string() }).nullable(),
  mergedInto: z.object({ id: z.number(), code: z.string() }).nullable(),
  photos: z.array(z.object({ fileId: z.number(), url: z.string() })),
  replyFiles: z.array(z.object({ fileId: z.number(), url: z.string(), name: z.string().nullable() })),
  conversions: z.array(ClueConversionSchema),
  links: z.array(z.object({
    linkId: z.number(), kind: z.string(), label: z.string(), to: z.object({ type: z.string(), id: z.number().nullable() }), note: z.string().nullable(), at: z.string(),
  })),
  timeline: z.array(ClueTimelineEntrySchema),
  urgencyLabel: z.string(),
  /** 交办意见 given at the latest forwarding. */
  forwardNote: z.string().nullable(),
  /** The handler the unit's 负责人 gave the clue to. */
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  /**
   * The co-units (会办) of the latest forwarding with their views: all of them for staff and the lead unit, its own for
   * a co-unit (with its actions).
   */
  coUnits: z.array(z.object({
    id: z.number(), unitId: z.number(), unitName: z.string(), state: z.string(), stateLabel: z.string(), dueAt: z.string().nullable(),
    overdue: z.boolean(), views: z.string().nullable(), viewedAt: z.string().nullable(), note: z.string().nullable(), version: z.number(),
    actions: z.array(ActionOptionSchema),
  })),
  /** The clue's named clocks (受理, 转办, 办理答复 …), oldest first; the unit portal shows its own (办理答复) only. */
  clocks: z.array(CaseClockSchema),
  /** Each action the caller's page offers, open or closed with the reason (the buttons). */
  actions: z.array(ActionOptionSchema),
  /** The names of the open ones. */
  transitions: z.array(z.string()),
});
export type ClueDetail = Omit<z.infer<typeof ClueDetailSchema>, 'transitions'> & { transitions: ClueAction[] };

/** GET /clues/conversions: each conversion is a `converted_into` link of the clue, waiting for its target case or completed. */
export const ConversionRowSchema = ClueConversionSchema.extend({
  linkId: z.number(),
  clueId: z.number(),
  clueCode: z.string(),
  targetType: z.string(),
  targetId: z.number().nullable(),
});
export type ConversionRow = z.infer<typeof ConversionRowSchema>;
export const ConversionListSchema = z.object({ items: z.array(ConversionRowSchema) });

/** POST /public/counties/:id/clues */
export const ClueSubmitResultSchema = z.object({ code: z.string(), secret: z.string(), createdAt: z.string() });
export type ClueSubmitResult = z.infer<typeof ClueSubmitResultSchema>;

/** What the citizen sees on the tracking page (track, rate, recheck, supplement answer with it). */
export const ClueTrackViewSchema = z.object({
  code: z.string(),
  kind: ClueKindSchema,
  category: ClueCategorySchema,
  categoryLabel: z.string(),
  content: z.string(),
  place: z.string().nullable(),
  townshipName: z.string(),
  villageName: z.string().nullable(),
  state: ClueStateSchema,
  stateLabel: z.string(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), label: z.string(), text: z.string().nullable() })),
  reply: z.object({ text: z.string(), unitName: z.string().nullable(), at: z.string().nullable() }).nullable(),
  rating: ClueRatingSchema.nullable(),
  ratingComment: z.string().nullable(),
  canRate: z.boolean(),
  canRecheck: z.boolean(),
  canSupplement: z.boolean(),
  /** What the office asked the citizen to add, shown above the 补充 box while it waits for them. */
  question: z.string().nullable(),
  supporters: z.number(),
  /** What the report became (a consultation topic, a proposal …), as its module shows it to citizens. */
  followUps: z.array(z.object({ type: z.string(), typeLabel: z.string(), title: z.string(), stage: z.string(), path: z.string().nullable() })),
});
export type ClueTrackView = z.infer<typeof ClueTrackViewSchema>;

/** GET /public/counties/:id/board */
export const ClueBoardItemSchema = z.object({
  categoryLabel: z.string(),
  townshipName: z.string(),
  summary: z.string(),
  reply: z.string().nullable(),
  unitName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  rating: ClueRatingSchema.nullable(),
});
export type ClueBoardItem = z.infer<typeof ClueBoardItemSchema>;
export const ClueBoardPageSchema = z.object({ items: z.array(ClueBoardItemSchema), total: z.number() });
export type ClueBoardPage = z.infer<typeof ClueBoardPageSchema>;

/** GET /clues/:id/contact (audited). */
export const ClueContactSchema = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });
export type ClueContact = z.infer<typeof ClueContactSchema>;

/** GET /clues/:id/similar: merge suggestions, most alike first. */
export const SimilarClueSchema = ClueListItemSchema.extend({ score: z.number(), reason: z.string() });
export type SimilarClue = z.infer<typeof SimilarClueSchema>;
export const SimilarCluesSchema = z.object({ items: z.array(SimilarClueSchema) });

/** POST /clues/bulk: each clue done or failed with its reason. */
export const BulkResultSchema = z.object({ done: z.array(z.number()), failed: z.array(z.object({ id: z.number(), message: z.string() })) });
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** POST /public/counties/:id/clues/similar: open clues like the one being written, without anything personal. */
export const PublicSimilarClueSchema = z.object({
  /** The handle for "我也遇到了" (never the clue's tracking code). */
  token: z.string(),
  /** The clue's text with personal data taken out, shortened. */
  summary: z.string(),
  categoryLabel: z.string(),
  stateLabel: z.string(),
  supporters: z.number(),
  createdAt: z.string(),
  score: z.number(),
  /** At the staff suggestions' threshold: likely the same problem. Below it, one of the township's open reports the citizen may recognise. */
  likely: z.boolean(),
});
export type PublicSimilarClue = z.infer<typeof PublicSimilarClueSchema>;
export const PublicSimilarCluesSchema = z.object({ items: z.array(PublicSimilarClueSchema) });

/** GET /clues/overdue-report: 超期通报, the overdue clues units hold, by unit, most first. */
export const OverdueReportItemSchema = z.object({
  id: z.number(), code: z.string(), summary: z.string(), state: ClueStateSchema, urgency: z.enum(['normal', 'urgent']), forwardedAt: z.string().nullable(),
  dueAt: z.string(), daysLate: z.number(), reminders: z.number(), lastRemindedAt: z.string().nullable(), version: z.number(), mark: z.enum(['none', 'yellow', 'red']),
});
export type OverdueReportItem = z.infer<typeof OverdueReportItemSchema>;
export const OverdueReportSchema = z.object({
  units: z.array(z.object({
    unitId: z.number(), unitName: z.string(), count: z.number(), maxDaysLate: z.number(), reminders: z.number(), items: z.array(OverdueReportItemSchema),
  })),
  total: z.number(),
  /** When the report was drawn (the page prints it). */
  at: z.string(),
});
export type OverdueReport = z.infer<typeof OverdueReportSchema>;

/** GET /clues/forward-rules: the dates the forwarding form may choose today, from the county's rules. */
export const ClueForwardRulesSchema = z.object({
  /** Tomorrow in China time: no deadline before it. */
  minDate: z.string(),
  /** `clue.deadline.forwardMax` working days from today. */
  maxDate: z.string(),
  maxWorkingDays: z.number(),
  /** The form's date for each urgency (`clue.deadline.urgent`, `clue.deadline.forward` working days). */
  defaultDate: z.object({ normal: z.string(), urgent: z.string() }),
  /** Working days a co-unit has for its views (never past the lead's deadline). */
  coViewsDays: z.number(),
});
export type ClueForwardRules = z.infer<typeof ClueForwardRulesSchema>;

/** GET /unit/clues/handlers: the reader's unit's handlers, whom its 负责人 may assign a clue to. */
export const UnitHandlersSchema = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), lead: z.boolean() })),
  /** Whether the reader is the unit's 负责人. */
  canAssign: z.boolean(),
});
export type UnitHandlers = z.infer<typeof UnitHandlersSchema>;

// ---- Statistics, routing rules, unit suggestions (server/src/modules/clues: clues.stats.ts, clues.unit-suggestions.ts) ----

/** The period a statistic covers, as asked (either end may be open). */
export const StatsPeriodSchema = z.object({ from: z.string().optional(), to: z.string().optional() });

const statsGroup = <K extends z.ZodType>(key: K) => z.object({ key, label: z.string(), received: z.number(), adopted: z.number(), resolved: z.number() });
export type StatsGroup<K extends string | number = string> = { key: K; label: string; received: number; adopted: number; resolved: number };

/** GET /clues/stats: received → adopted → forwarded → resolved, satisfaction, by category, township, channel and month. */
export const ClueStatsSchema = z.object({
  period: StatsPeriodSchema,
  funnel: z.object({ received: z.number(), adopted: z.number(), forwarded: z.number(), converted: z.number(), resolved: z.number() }),
  satisfaction: z.object({ satisfied: z.number(), basically: z.number(), unsatisfied: z.number(), rate: z.number().nullable() }),
  avgHandlingDays: z.number().nullable(),
  overdueOpen: z.number(),
  byCategory: z.array(statsGroup(ClueCategorySchema)),
  byTownship: z.array(statsGroup(z.number())),
  byChannel: z.array(statsGroup(ClueChannelSchema)),
  byMonth: z.array(z.object({ month: z.string(), received: z.number(), resolved: z.number() })),
  /** Conversions waiting for their module to take them up. */
  conversionsQueued: z.number(),
});
export type ClueStats = z.infer<typeof ClueStatsSchema>;

/** GET /clues/stats/counties: the city's counties side by side. */
export const ClueStatsByCountySchema = z.object({
  period: StatsPeriodSchema,
  rows: z.array(z.object({
    tenantId: z.number(), name: z.string(), received: z.number(), adopted: z.number(), forwarded: z.number(), converted: z.number(), resolved: z.number(),
    satisfactionRate: z.number().nullable(), avgHandlingDays: z.number().nullable(), overdueOpen: z.number(),
  })),
});
export type ClueStatsByCounty = z.infer<typeof ClueStatsByCountySchema>;

/** GET /clues/routing-rules: category and keywords → unit. */
export const RoutingRuleRowSchema = z.object({
  id: z.number(), category: ClueCategorySchema.nullable(), categoryLabel: z.string().nullable(), keywords: z.string().nullable(), unitId: z.number(),
  unitName: z.string(), note: z.string().nullable(),
});
export type RoutingRule = z.infer<typeof RoutingRuleRowSchema>;
export const RoutingRulesSchema = z.object({ items: z.array(RoutingRuleRowSchema) });
/** What a create answers: the new row's id. */
export const CreatedIdSchema = z.object({ id: z.number() });

/** GET /clues/:id/unit-suggestions: units to forward to, by the county's rules and past forwards, each with its reason. */
export const UnitSuggestionSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** Ranking score: a matching rule scores 10 and more; the text model its confidence (0..1). */
  score: z.number(),
  /** How sure the suggestion is (0..1). */
  confidence: z.number(),
  reason: z.string(),
});
export type UnitSuggestion = z.infer<typeof UnitSuggestionSchema>;
export const UnitSuggestionsSchema = z.object({ items: z.array(UnitSuggestionSchema) });

// ---- The citizen's form (server/src/modules/clues/clues.citizen.ts) ----

const NamedSchema = z.object({ id: z.number(), name: z.string() });
/** GET /public/counties */
export const PublicCountiesSchema = z.object({ items: z.array(NamedSchema) });

/** GET /public/counties/:countyId/form: townships with villages, categories, and the venue or member a QR code named. */
export const ReportFormSchema = z.object({
  county: NamedSchema,
  townships: z.array(z.object({ id: z.number(), name: z.string(), villages: z.array(NamedSchema) })),
  categories: z.array(z.object({ value: ClueCategorySchema, label: z.string() })),
  venue: z.object({ id: z.number(), name: z.string(), kind: z.string(), theme: z.string().nullable(), townshipId: z.number().nullable() }).nullable(),
  member: z.object({ id: z.number(), name: z.string(), townshipId: z.number().nullable() }).nullable(),
  /** What the citizen agrees to by leaving a name and phone. */
  consentText: z.string(),
});
export type ReportForm = z.infer<typeof ReportFormSchema>;

/** POST /public/counties/:countyId/uploads: the token a submission names the photo by. */
export const PhotoUploadSchema = z.object({ token: z.string(), size: z.number(), mime: z.string() });
export type PhotoUpload = z.infer<typeof PhotoUploadSchema>;

/** POST /public/clues/support: the clue's supporters now. */
export const ClueSupportResultSchema = z.object({ supporters: z.number() });
