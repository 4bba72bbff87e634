/** 直通政协: clues (民意线索) from the public, their workflow and the shapes the API takes. */
import { z } from 'zod';
import type { WorkflowDef, Actor } from '../workflow.ts';
import { IdSchema, PhoneSchema, cleanString, text } from '../validation.ts';

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
} as const;
export type ClueChannel = keyof typeof CLUE_CHANNELS;

export const CLUE_RATINGS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;
export type ClueRating = keyof typeof CLUE_RATINGS;

export const CONVERSION_KINDS = { topic: '协商议题', proposal_lead: '提案线索', opinion: '社情民意信息' } as const;
export type ConversionKind = keyof typeof CONVERSION_KINDS;

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
}

const STAFF = ['staff', 'county_admin'] as const;

const isForwardedUnit = { label: '被转办的承办单位', test: (a: Actor, c: ClueCase) => a.unitId != null && a.unitId === c.unit_id };

/**
 * The clue workflow (DESIGN.md §4, RULES.md 12345 practice). Deadlines are county settings:
 * `clue.deadline.accept` (working days to triage), `clue.deadline.forward` (working days for the unit),
 * `clue.deadline.info` (days for the citizen to add information), `clue.deadline.rate` (days to rate).
 */
export const CLUE_WORKFLOW: WorkflowDef<ClueState, ClueTransition, ClueCase> = {
  name: 'clue',
  label: '民意线索',
  initial: 'submitted',
  states: CLUE_STATES,
  transitions: {
    accept: { label: '采纳受理', from: ['submitted', 'needs_info'], to: 'accepted', roles: STAFF,
      deadline: { kind: 'workingDays', setting: 'clue.deadline.dispatch', default: 2 } },
    decline: { label: '不予采纳', from: ['submitted', 'needs_info'], to: 'declined', roles: STAFF, requires: { reason: true }, deadline: { kind: 'clear' } },
    request_info: { label: '请群众补充', from: ['submitted'], to: 'needs_info', roles: STAFF, requires: { reason: true },
      deadline: { kind: 'calendarDays', setting: 'clue.deadline.info', default: 7 } },
    supplement: { label: '群众补充信息', from: ['needs_info'], to: 'submitted', roles: ['public'], requires: { fields: ['content'] },
      deadline: { kind: 'workingDays', setting: 'clue.deadline.accept', default: 3 } },
    merge: { label: '合并到同类线索', from: ['submitted', 'needs_info', 'accepted'], to: 'merged', roles: STAFF, requires: { fields: ['targetId'] }, deadline: { kind: 'clear' } },
    forward: { label: '转办', from: ['accepted', 'returned'], to: 'forwarded', roles: STAFF, requires: { fields: ['unitId'] },
      deadline: { kind: 'workingDays', setting: 'clue.deadline.forward', default: 13 } },
    convert: { label: '转化', from: ['accepted'], to: 'converted', roles: STAFF, requires: { fields: ['kind', 'title'] }, deadline: { kind: 'clear' } },
    reply: { label: '单位答复', from: ['forwarded'], to: 'replied', roles: ['unit_handler'], relation: isForwardedUnit, requires: { fields: ['replyText'] },
      deadline: { kind: 'workingDays', setting: 'clue.deadline.review', default: 3 } },
    request_extension: { label: '申请延期', from: ['forwarded'], to: 'forwarded', roles: ['unit_handler'], relation: isForwardedUnit, requires: { reason: true, fields: ['days'] } },
    grant_extension: { label: '同意延期', from: ['forwarded'], to: 'forwarded', roles: STAFF, requires: { fields: ['days'] } },
    return: { label: '退回', from: ['forwarded'], to: 'returned', roles: ['unit_handler'], relation: isForwardedUnit, requires: { reason: true },
      deadline: { kind: 'workingDays', setting: 'clue.deadline.dispatch', default: 2 } },
    rehandle: { label: '要求重新办理', from: ['replied'], to: 'forwarded', roles: STAFF, requires: { reason: true },
      deadline: { kind: 'workingDays', setting: 'clue.deadline.forward', default: 13 } },
    resolve: { label: '办结', from: ['replied'], to: 'resolved', roles: STAFF,
      deadline: { kind: 'calendarDays', setting: 'clue.deadline.rate', default: 15 } },
    rate: { label: '群众评价', from: ['resolved'], to: 'closed', roles: ['public'], requires: { fields: ['rating'] }, deadline: { kind: 'clear' } },
    reopen: { label: '群众不满意，重新办理', from: ['resolved', 'closed'], to: 'accepted', roles: ['public', 'system'],
      deadline: { kind: 'workingDays', setting: 'clue.deadline.dispatch', default: 2 } },
    close: { label: '归档', from: ['resolved'], to: 'closed', roles: [...STAFF, 'system'], deadline: { kind: 'clear' } },
  },
};
export type ClueTransition =
  | 'accept' | 'decline' | 'request_info' | 'supplement' | 'merge' | 'forward' | 'convert' | 'reply' | 'request_extension'
  | 'grant_extension' | 'return' | 'rehandle' | 'resolve' | 'rate' | 'reopen' | 'close';

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
});
export type ClueTransitionBody = z.infer<typeof ClueTransitionBodySchema>;

export const ClueBulkSchema = z.strictObject({
  transition: z.enum(['accept', 'decline', 'forward', 'close']),
  items: z.array(z.strictObject({ id: IdSchema, version: z.number().int().positive() })).min(1, '请至少选择一条').max(200, '一次最多 200 条'),
  reason: z.union([text(500), z.null()]).optional(),
  unitId: IdSchema.optional(),
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
