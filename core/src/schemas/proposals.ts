/**
 * 提案 (proposals): terms and sessions (届/次会议), the proposal's own workflow (draft → co-signing → review →
 * registered with a number per session | not registered | merged → assigned → replied → evaluated → closed, or
 * rehandled), and the assignment child case each unit works on (lead 主办, co-unit 会办, or separate 分办).
 * The workflows, the rules they name and the shapes the API takes.
 */
import { z } from 'zod';
import type { ChildRef, WorkflowDef } from '../workflow.ts';
import { PROPOSAL_RESULT_SCHEMES, type ProposalResultScheme } from '../proposal-results.ts';
import { IdSchema, text } from '../validation.ts';
import { ActionOptionSchema, CaseClockSchema, CaseLinkSchema, CaseTimelineEntrySchema } from './cases.ts';
import { itemsOf, pageOf } from './common.ts';

// ---- Proposal ----

export const PROPOSAL_STATES = {
  draft: { label: '草稿', waitingOn: 'member' },
  cosigning: { label: '联名确认中', waitingOn: 'member' },
  submitted: { label: '待审查', waitingOn: 'committee' },
  registered: { label: '已立案待交办', waitingOn: 'staff' },
  not_registered: { label: '不予立案', terminal: true },
  merged: { label: '已并案', terminal: true },
  assigned: { label: '办理中', waitingOn: 'unit' },
  replied: { label: '已答复待评价', waitingOn: 'member' },
  rehandling: { label: '重新办理', waitingOn: 'unit' },
  closed: { label: '已办结', terminal: true },
} as const;
export type ProposalState = keyof typeof PROPOSAL_STATES;

export type ProposalTransition =
  | 'submit' | 'submit_joint' | 'cosigned' | 'withdraw' | 'register' | 'not_register' | 'merge' | 'assign' | 'complete_reply'
  | 'rehandle' | 'close';

/** Who writes it (RULES.md): a member alone, jointly, or on behalf of a sector, committee or party group. */
export const PROPOSAL_AUTHOR_KINDS = {
  member: '委员个人',
  joint: '委员联名',
  sector: '界别',
  committee: '专委会',
  party: '党派团体',
} as const;
export type ProposalAuthorKind = keyof typeof PROPOSAL_AUTHOR_KINDS;

/** 大会提案 (from some months before a plenary until its deadline) or 平时提案. */
export const PROPOSAL_TIMINGS = { plenary: '大会提案', regular: '平时提案' } as const;
export type ProposalTiming = keyof typeof PROPOSAL_TIMINGS;

/** The standard grounds for not registering (RULES.md); the note says what in particular. */
export const NOT_REGISTERED_GROUNDS = {
  secret: '涉及国家秘密',
  prohibited: '国家明令禁止的事项',
  personnel: '党政机关内部人事问题',
  party_internal: '民主党派内部事务',
  litigation: '正在诉讼或仲裁中的事项',
  academic: '学术探讨问题',
  personal: '个人或家庭事务',
  promotion: '宣传推介产品或作品',
  accusation: '指明举报',
  vague: '内容空泛、没有具体建议',
} as const;
export type NotRegisteredGround = keyof typeof NOT_REGISTERED_GROUNDS;

export const EVALUATION_LEVELS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;
export type EvaluationLevel = keyof typeof EVALUATION_LEVELS;

/**
 * Which result classes count as "suggestion adopted" (建议被采纳) in the figures: every class but the one
 * kept only for reference.
 */
export const ADOPTED_CLASSES: Record<ProposalResultScheme, readonly string[]> = { henan4: ['A', 'B', 'C'], three: ['A', 'B'] };

export function resultClassLabel(scheme: ProposalResultScheme, code: string | null): string | null {
  if (!code) return null;
  const c = PROPOSAL_RESULT_SCHEMES[scheme].classes.find((x) => x.code === code);
  return c ? `${c.code} ${c.label}` : code;
}

/** What the engine needs to know of a proposal row. */
export interface ProposalCase {
  state: ProposalState;
  version: number;
  lead_member_id: number | null;
}

/** What the runner loads for the proposal's gates. */
export interface ProposalContext {
  children: ChildRef[];
  /** Co-signers (not the lead) and whether each has confirmed. */
  cosigners: { memberId: number; name: string; confirmed: boolean; declined: boolean }[];
}

const STAFF = ['staff', 'county_admin'] as const;
const isProposer = { label: '第一提案人', test: (a: { memberId?: number | null }, c: ProposalCase) => a.memberId != null && a.memberId === c.lead_member_id };

/**
 * The proposal workflow. Clocks: `cosign` (co-signers confirm, working days) and `evaluate` (the proposers
 * evaluate the reply, working days). The units' clocks run on their assignments. Join: the proposal is replied
 * once every lead or separate assignment has replied (or was withdrawn for another unit).
 */
export const PROPOSAL_WORKFLOW: WorkflowDef<ProposalState, ProposalTransition, ProposalCase, ProposalContext> = {
  name: 'proposal',
  label: '提案',
  initial: 'draft',
  states: PROPOSAL_STATES,
  clocks: {
    cosign: { label: '联名确认', kind: 'workingDays', setting: 'proposal.cosign.days', default: 5 },
    evaluate: { label: '提案人评价', kind: 'workingDays', setting: 'proposal.evaluate.days', default: 15 },
  },
  children: { proposal_assignment: { label: '承办', states: ['new', 'assigned', 'disputed', 'contacted', 'viewed', 'replied', 'rehandling', 'withdrawn'] } },
  transitions: {
    submit: {
      label: '提交', from: ['draft'], to: 'submitted', roles: ['member'], relation: isProposer,
      gates: [(_c, ctx) => ((ctx.cosigners ?? []).length ? '联名提案请先提交附议人确认' : null)],
    },
    submit_joint: {
      label: '提交联名确认', from: ['draft'], to: 'cosigning', roles: ['member'], relation: isProposer, clocks: { cosign: 'start' },
      gates: [(_c, ctx) => ((ctx.cosigners ?? []).length ? null : '没有附议人，请直接提交')],
    },
    cosigned: {
      label: '附议人全部确认', from: ['cosigning'], to: 'submitted', roles: ['member', 'system', ...STAFF], clocks: { cosign: 'stop' },
      gates: [(_c, ctx) => {
        const waiting = (ctx.cosigners ?? []).filter((s) => !s.confirmed && !s.declined).map((s) => s.name);
        return waiting.length ? `附议人尚未确认：${waiting.join('、')}` : null;
      }],
    },
    withdraw: { label: '撤回修改', from: ['cosigning', 'submitted'], to: 'draft', roles: ['member'], relation: isProposer, clocks: { cosign: 'stop' } },
    register: { label: '立案', from: ['submitted'], to: 'registered', roles: STAFF },
    not_register: { label: '不予立案', from: ['submitted'], to: 'not_registered', roles: STAFF, requires: { reason: true, fields: ['ground'] } },
    merge: { label: '并案', from: ['submitted'], to: 'merged', roles: STAFF, requires: { fields: ['targetId'] } },
    assign: { label: '交办', from: ['registered'], to: 'assigned', roles: STAFF },
    complete_reply: {
      label: '承办单位已全部答复', from: ['assigned', 'rehandling'], to: 'replied', roles: ['system', ...STAFF], clocks: { evaluate: 'reset' },
      join: [{ child: 'proposal_assignment', states: ['replied', 'withdrawn'], reason: '承办单位尚未全部答复', atLeastOne: true }],
    },
    rehandle: { label: '重新办理', from: ['replied'], to: 'rehandling', roles: ['system', ...STAFF], requires: { reason: true }, clocks: { evaluate: 'stop' } },
    close: { label: '办结', from: ['replied'], to: 'closed', roles: ['system', ...STAFF] },
  },
  events: {
    cosign: { label: '附议', from: ['cosigning'], roles: ['member'], timeline: '附议人确认联名', audit: 'proposal.cosign' },
    decline_cosign: { label: '不参加联名', from: ['cosigning'], roles: ['member'], timeline: '附议人不参加联名', audit: 'proposal.decline_cosign' },
    evaluate: { label: '评价', from: ['replied'], roles: ['member', ...STAFF], timeline: '提案人评价办理情况', audit: 'proposal.evaluate' },
    remind: { label: '催办', from: ['assigned', 'rehandling'], roles: [...STAFF, 'system'], requires: { reason: true }, audit: 'proposal.remind' },
    mark_key: { label: '列为重点提案', from: ['registered', 'assigned', 'replied', 'rehandling', 'closed'], roles: STAFF, audit: 'proposal.mark_key' },
    supervise: { label: '督办记录', from: ['registered', 'assigned', 'replied', 'rehandling', 'closed'], roles: [...STAFF, 'leader'], requires: { reason: true }, audit: 'proposal.supervise' },
  },
};

// ---- Assignment (承办): a child case per unit ----

export const ASSIGNMENT_STATES = {
  new: { label: '待交办', waitingOn: 'staff' },
  assigned: { label: '待联系提案人', waitingOn: 'unit' },
  disputed: { label: '申请调整待定', waitingOn: 'staff' },
  contacted: { label: '办理中', waitingOn: 'unit' },
  viewed: { label: '已提会办意见', terminal: true },
  replied: { label: '已答复', open: false },
  rehandling: { label: '重新办理', waitingOn: 'unit' },
  withdrawn: { label: '已改交', terminal: true },
} as const;
export type AssignmentState = keyof typeof ASSIGNMENT_STATES;
export type AssignmentTransition = 'start' | 'start_co' | 'contact' | 'send_views' | 'dispute' | 'uphold' | 'withdraw' | 'reply' | 'rehandle' | 'extend';

export const ASSIGNMENT_ROLES = { lead: '主办', co: '会办', separate: '分办' } as const;
export type AssignmentRole = keyof typeof ASSIGNMENT_ROLES;

export interface AssignmentCase {
  state: AssignmentState;
  version: number;
  unit_id: number;
  role: AssignmentRole;
}

export interface AssignmentContext {
  /** Co-unit assignments are children of the lead's. */
  children: ChildRef[];
  /** The last day a dispute is accepted (ISO), from `proposal.dispute.days` working days after assignment. */
  disputeUntil?: string;
  now?: string;
}

const ownUnit = { label: '承办单位本身', test: (a: { unitId?: number | null }, c: AssignmentCase) => a.unitId != null && a.unitId === c.unit_id };
const answers = (_c: AssignmentCase) => (_c.role === 'co' ? '会办单位向主办单位提出意见，由主办单位答复' : null);

/**
 * The assignment workflow. Clocks: `contact` (the proposer within 15 working days), `views` (a co-unit's views to
 * the lead within a month) and `reply` (3 months, extended only with approval and never past 6). Join: the lead
 * replies only when every co-unit has sent its views.
 */
export const ASSIGNMENT_WORKFLOW: WorkflowDef<AssignmentState, AssignmentTransition, AssignmentCase, AssignmentContext> = {
  name: 'proposal_assignment',
  label: '提案承办',
  initial: 'new',
  states: ASSIGNMENT_STATES,
  clocks: {
    contact: { label: '联系提案人', kind: 'workingDays', setting: 'proposal.contact.days', default: 15 },
    views: { label: '会办意见', kind: 'months', setting: 'proposal.views.months', default: 1 },
    reply: {
      label: '答复', kind: 'months', setting: 'proposal.reply.months', default: 3,
      cap: { kind: 'months', setting: 'proposal.reply.capMonths', default: 6 },
    },
  },
  dueClock: 'reply',
  children: { proposal_assignment: { label: '会办单位', states: Object.keys(ASSIGNMENT_STATES) } },
  transitions: {
    // The clocks a unit runs on depend on its part: a lead or separate unit contacts and replies, a co-unit sends views.
    start: {
      label: '交办', from: ['new'], to: 'assigned', roles: ['system', ...STAFF], clocks: { contact: 'start', reply: 'start' },
      gates: [(c) => (c.role === 'co' ? '会办单位按会办交办' : null)],
    },
    start_co: {
      label: '交办会办', from: ['new'], to: 'assigned', roles: ['system', ...STAFF], clocks: { views: 'start' },
      gates: [(c) => (c.role === 'co' ? null : '只有会办单位按会办交办')],
    },
    contact: { label: '联系提案人', from: ['assigned'], to: 'contacted', roles: ['unit_handler'], relation: ownUnit, requires: { reason: true }, clocks: { contact: 'stop' } },
    send_views: {
      label: '提出会办意见', from: ['assigned', 'contacted'], to: 'viewed', roles: ['unit_handler'], relation: ownUnit, requires: { reason: true },
      clocks: { views: 'stop', contact: 'stop' }, gates: [(c) => (c.role === 'co' ? null : '只有会办单位提出会办意见')],
    },
    dispute: {
      label: '申请调整承办单位', from: ['assigned'], to: 'disputed', roles: ['unit_handler'], relation: ownUnit, requires: { reason: true },
      gates: [(_c, ctx) => (ctx.disputeUntil && ctx.now && ctx.now > ctx.disputeUntil ? `已过申请调整的期限（${ctx.disputeUntil.slice(0, 10)}）` : null)],
    },
    uphold: { label: '维持交办', from: ['disputed'], to: 'assigned', roles: STAFF, requires: { reason: true } },
    withdraw: { label: '改交其他单位', from: ['disputed', 'assigned'], to: 'withdrawn', roles: STAFF, requires: { reason: true } },
    reply: {
      label: '答复提案人', from: ['contacted', 'rehandling'], to: 'replied', roles: ['unit_handler'], relation: ownUnit,
      requires: { fields: ['resultClass'], attachments: 1 }, clocks: { reply: 'stop' }, gates: [answers],
      join: [{ child: 'proposal_assignment', states: ['viewed', 'withdrawn'], reason: '会办单位意见尚未全部送达' }],
    },
    rehandle: { label: '重新办理', from: ['replied'], to: 'rehandling', roles: ['system', ...STAFF], requires: { reason: true }, clocks: { reply: 'reset' } },
    extend: {
      label: '批准延期', from: ['assigned', 'contacted', 'rehandling'], to: 'contacted', roles: STAFF, requires: { reason: true, fields: ['months'] },
      clocks: { reply: { extend: 'months' } },
    },
  },
  events: {
    request_extension: { label: '申请延期', from: ['assigned', 'contacted', 'rehandling'], roles: ['unit_handler'], relation: ownUnit, requires: { reason: true }, audit: 'proposal_assignment.request_extension' },
    remind: { label: '催办', from: ['assigned', 'contacted', 'rehandling'], roles: [...STAFF, 'system'], requires: { reason: true }, audit: 'proposal_assignment.remind' },
  },
};

// ---- API shapes ----

const dateText = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写日期，如 2026-01-15');
const num = (min: number, max: number, what = '数字') => z.number({ error: `请填写${what}` }).int('请填写整数').min(min, `不能小于 ${min}`).max(max, `不能超过 ${max}`);

export const TermCreateSchema = z.strictObject({
  /** 第几届 (1 for 一届). */
  number: num(1, 99),
  name: text(20),
  startYear: num(1949, 2200, '年份'),
  endYear: num(1949, 2200, '年份'),
}).superRefine((v, ctx) => {
  if (v.endYear < v.startYear) ctx.addIssue({ code: 'custom', path: ['endYear'], message: '结束年份不能早于开始年份' });
});
export type TermCreate = z.infer<typeof TermCreateSchema>;

export const SessionCreateSchema = z.strictObject({
  termId: IdSchema,
  /** 第几次会议 (4 for 四次). */
  number: num(1, 99),
  name: text(30),
  /** The plenary's opening day. */
  opensOn: dateText,
  /** The last day proposals count for this plenary (大会提案截止). */
  deadlineOn: dateText,
}).superRefine((v, ctx) => {
  if (v.deadlineOn < v.opensOn) ctx.addIssue({ code: 'custom', path: ['deadlineOn'], message: '截止日期不能早于开幕日期' });
});
export type SessionCreate = z.infer<typeof SessionCreateSchema>;

const optionalId = z.union([IdSchema, z.null()]).optional();

/** A draft as the member writes it; everything may still be empty except the title (autosave). */
export const ProposalDraftSchema = z.strictObject({
  title: text(100, 4, '标题至少 4 个字'),
  category: z.union([text(20), z.null()]).optional(),
  reason: z.union([text(5000, 0), z.null()]).optional(),
  suggestion: z.union([text(5000, 0), z.null()]).optional(),
  authorKind: z.enum(Object.keys(PROPOSAL_AUTHOR_KINDS) as [ProposalAuthorKind, ...ProposalAuthorKind[]], { error: '请选择提案形式' }).optional().default('member'),
  /** The sector, committee or party group it is written on behalf of (by name for a party group). */
  sectorId: optionalId,
  committeeId: optionalId,
  partyName: z.union([text(40), z.null()]).optional(),
  cosignerIds: z.array(IdSchema).max(30, '附议人最多 30 位').optional().default([]),
  sessionId: optionalId,
  /** A waiting case link (a clue converted into a proposal lead) this proposal completes. */
  linkId: optionalId,
}).superRefine((v, ctx) => {
  if (v.authorKind === 'sector' && !v.sectorId) ctx.addIssue({ code: 'custom', path: ['sectorId'], message: '以界别名义提出，请选择界别' });
  if (v.authorKind === 'committee' && !v.committeeId) ctx.addIssue({ code: 'custom', path: ['committeeId'], message: '以专委会名义提出，请选择专委会' });
  if (v.authorKind === 'party' && !v.partyName) ctx.addIssue({ code: 'custom', path: ['partyName'], message: '请填写党派团体名称' });
  if (v.authorKind === 'joint' && v.cosignerIds.length === 0) ctx.addIssue({ code: 'custom', path: ['cosignerIds'], message: '联名提案请选择附议人' });
});
export type ProposalDraft = z.infer<typeof ProposalDraftSchema>;

export const ProposalSaveSchema = z.strictObject({ version: z.number().int().positive(), draft: ProposalDraftSchema });
export type ProposalSave = z.infer<typeof ProposalSaveSchema>;

export const VersionBodySchema = z.strictObject({ version: z.number({ error: '缺少版本号' }).int().positive() });
export const ReasonBodySchema = z.strictObject({ version: z.number({ error: '缺少版本号' }).int().positive(), reason: text(1000, 2) });

export const NotRegisterSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  ground: z.enum(Object.keys(NOT_REGISTERED_GROUNDS) as [NotRegisteredGround, ...NotRegisteredGround[]], { error: '请选择不予立案的理由' }),
  note: text(1000, 2),
  /** Keep it as a lead for an opinion report (社情民意) — a waiting link. */
  toOpinion: z.boolean().optional().default(false),
});
export type NotRegister = z.infer<typeof NotRegisterSchema>;

export const MergeSchema = z.strictObject({ version: z.number({ error: '缺少版本号' }).int().positive(), targetId: IdSchema, note: z.union([text(500), z.null()]).optional() });
export type Merge = z.infer<typeof MergeSchema>;

export const AssignSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  mode: z.enum(['lead', 'separate'], { error: '请选择主办会办或分办' }),
  /** The lead unit (主办) when mode is lead. */
  leadUnitId: optionalId,
  coUnitIds: z.array(IdSchema).max(10, '会办单位最多 10 个').optional().default([]),
  /** The units each replying on its own (分办). */
  unitIds: z.array(IdSchema).max(10, '分办单位最多 10 个').optional().default([]),
}).superRefine((v, ctx) => {
  if (v.mode === 'lead' && !v.leadUnitId) ctx.addIssue({ code: 'custom', path: ['leadUnitId'], message: '请选择主办单位' });
  if (v.mode === 'lead' && v.leadUnitId && v.coUnitIds.includes(v.leadUnitId)) ctx.addIssue({ code: 'custom', path: ['coUnitIds'], message: '主办单位不必再列为会办单位' });
  if (v.mode === 'separate' && v.unitIds.length < 2) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: '分办至少选择两个单位' });
});
export type Assign = z.infer<typeof AssignSchema>;

const level = z.enum(Object.keys(EVALUATION_LEVELS) as [EvaluationLevel, ...EvaluationLevel[]], { error: '请选择满意、基本满意或不满意' });
export const EvaluateSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  /** 办理工作 (how the unit worked with the proposer). */
  handling: level,
  /** 办理结果 (what came of it). */
  result: level,
  comment: z.union([text(500, 0), z.null()]).optional(),
});
export type Evaluate = z.infer<typeof EvaluateSchema>;

/** Staff entering a paper evaluation form for a member without a phone. */
export const PaperEvaluateSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  memberId: IdSchema,
  handling: level,
  result: level,
  comment: z.union([text(500, 0), z.null()]).optional(),
});
export type PaperEvaluate = z.infer<typeof PaperEvaluateSchema>;

export const KeySchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  year: num(2000, 2200, '年份'),
  /** 领衔督办的领导，如「县委副书记 王某」. */
  leader: text(40, 2),
});
export type KeyMark = z.infer<typeof KeySchema>;

export const SuperviseSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  kind: z.enum(['meeting', 'visit', 'record'], { error: '请选择督办形式' }),
  note: text(1000, 2),
  on: dateText,
});
export type Supervise = z.infer<typeof SuperviseSchema>;

export const UnitReplySchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  resultClass: z.enum(['A', 'B', 'C', 'D'], { error: '请选择办理结果类别' }),
  summary: text(2000, 2),
  /** The formal reply letter, uploaded first. */
  letterFileId: IdSchema,
  /** Commitments that become tasks (落实事项), each with its deadline in working days. */
  promises: z.array(z.strictObject({ title: text(100, 2), days: num(1, 365, '天数') })).max(10, '承诺事项最多 10 项').optional().default([]),
});
export type UnitReply = z.infer<typeof UnitReplySchema>;

export const AssignmentActionSchema = z.strictObject({
  version: z.number({ error: '缺少版本号' }).int().positive(),
  reason: text(1000, 2),
  /** Months added by an approved extension. */
  months: num(1, 3, '月数').optional(),
  /** The unit it goes to instead, when staff move it. */
  unitId: optionalId,
});
export type AssignmentAction = z.infer<typeof AssignmentActionSchema>;

export const ProposalListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.union([z.enum(Object.keys(PROPOSAL_STATES) as [ProposalState, ...ProposalState[]]), z.enum(['open', 'handled'])]).optional(),
  sessionId: z.coerce.number().int().positive().optional(),
  termId: z.coerce.number().int().positive().optional(),
  category: z.string().trim().max(20).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  sectorId: z.coerce.number().int().positive().optional(),
  key: z.enum(['1']).optional(),
  overdue: z.enum(['1']).optional(),
  unsatisfied: z.enum(['1']).optional(),
  timing: z.enum(['plenary', 'regular']).optional(),
  resultClass: z.enum(['A', 'B', 'C', 'D']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ProposalListQuery = z.infer<typeof ProposalListQuerySchema>;

/** The 超期 and 不满意 lists: paged, within one session, term or year, and (optionally) one unit's part. */
export const WatchListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sessionId: z.coerce.number().int().positive().optional(),
  termId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2200).optional(),
  unitId: z.coerce.number().int().positive().optional(),
});
export type WatchListQuery = z.infer<typeof WatchListQuerySchema>;

export const DashboardQuerySchema = z.strictObject({
  sessionId: z.coerce.number().int().positive().optional(),
  termId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2200).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

// ---- Responses (server/src/modules/proposals: proposals.service.ts, units.ts, figures.ts, similar.ts, watch.ts) ----

const int = z.number().int();
const ProposalStateSchema = z.enum(Object.keys(PROPOSAL_STATES) as [ProposalState, ...ProposalState[]]);
const AssignmentStateSchema = z.enum(Object.keys(ASSIGNMENT_STATES) as [AssignmentState, ...AssignmentState[]]);
const AssignmentRoleSchema = z.enum(Object.keys(ASSIGNMENT_ROLES) as [AssignmentRole, ...AssignmentRole[]]);
const LevelSchema = z.enum(Object.keys(EVALUATION_LEVELS) as [EvaluationLevel, ...EvaluationLevel[]]);

/** 届次和会议: every term and every session of the county. */
export const ProposalSessionsSchema = z.object({
  terms: z.array(z.object({ id: int, number: int, name: z.string(), startYear: int, endYear: int })),
  sessions: z.array(z.object({ id: int, termId: int, number: int, name: z.string(), opensOn: z.string(), deadlineOn: z.string() })),
});
export type ProposalSessions = z.infer<typeof ProposalSessionsSchema>;

export const ProposalItemSchema = z.object({
  id: int,
  code: z.string(),
  /** The number within its session, once registered. */
  number: int.nullable(),
  title: z.string(),
  category: z.string().nullable(),
  state: ProposalStateSchema,
  stateLabel: z.string(),
  sessionId: int,
  sessionName: z.string().nullable(),
  authorKind: z.enum(Object.keys(PROPOSAL_AUTHOR_KINDS) as [ProposalAuthorKind, ...ProposalAuthorKind[]]),
  authorKindLabel: z.string(),
  leadMemberId: int.nullable(),
  leadName: z.string().nullable(),
  timing: z.enum(['plenary', 'regular']).nullable(),
  timingLabel: z.string().nullable(),
  resultClass: z.string().nullable(),
  resultClassLabel: z.string().nullable(),
  /** 重点提案: the year and the leader supervising it. */
  key: z.object({ year: int, leader: z.string().nullable() }).nullable(),
  year: int,
  version: int,
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  submittedAt: z.string().nullable(),
  registeredAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** 1, or more after a 重新办理. */
  round: int,
});
export type ProposalItem = z.infer<typeof ProposalItemSchema>;
export const ProposalPageSchema = pageOf(ProposalItemSchema);

/** One unit's part in a proposal: what the proposal's detail and the unit's own view both show. */
const AssignmentFieldsSchema = z.object({
  id: int,
  unitId: int,
  unitName: z.string(),
  role: AssignmentRoleSchema,
  state: AssignmentStateSchema,
  stateLabel: z.string(),
  version: int,
  dueAt: z.string().nullable(),
  assignedAt: z.string(),
  contactedAt: z.string().nullable(),
  contactNote: z.string().nullable(),
  views: z.string().nullable(),
  repliedAt: z.string().nullable(),
  resultClass: z.string().nullable(),
  resultClassLabel: z.string().nullable(),
  summary: z.string().nullable(),
  letterFileId: int.nullable(),
  clocks: z.array(CaseClockSchema),
});

const AssignmentRowSchema = AssignmentFieldsSchema.extend({
  /** The lead's assignment, for a co-unit's. */
  parentId: int.nullable(),
});
export type AssignmentRow = z.infer<typeof AssignmentRowSchema>;

export const ProposalDetailSchema = ProposalItemSchema.extend({
  reason: z.string().nullable(),
  suggestion: z.string().nullable(),
  sectorId: int.nullable(),
  sectorName: z.string().nullable(),
  committeeId: int.nullable(),
  committeeName: z.string().nullable(),
  partyName: z.string().nullable(),
  notRegisteredGround: z.string().nullable(),
  notRegisteredGroundLabel: z.string().nullable(),
  mergedIntoId: int.nullable(),
  handlingMode: z.enum(['lead', 'separate']).nullable(),
  resultScheme: z.enum(Object.keys(PROPOSAL_RESULT_SCHEMES) as [ProposalResultScheme, ...ProposalResultScheme[]]),
  signers: z.array(z.object({
    memberId: int, name: z.string(), role: z.enum(['lead', 'co', 'merged']), confirmedAt: z.string().nullable(), declinedAt: z.string().nullable(),
    /** The merged proposal a signer came from. */
    fromProposalId: int.nullable(),
  })),
  assignments: z.array(AssignmentRowSchema),
  evaluations: z.array(z.object({
    memberId: int, memberName: z.string(), round: int, handling: LevelSchema, handlingLabel: z.string(), result: LevelSchema, resultLabel: z.string(),
    comment: z.string().nullable(), paper: z.boolean(), at: z.string(),
  })),
  supervisions: z.array(z.object({ id: int, kind: z.enum(['meeting', 'visit', 'record']), note: z.string(), on: z.string(), authorName: z.string() })),
  clocks: z.array(CaseClockSchema),
  links: z.array(CaseLinkSchema),
  timeline: z.array(CaseTimelineEntrySchema),
  actions: z.array(ActionOptionSchema),
  /** For a member: their part and whether they are asked to co-sign or to evaluate now. */
  me: z.object({ role: z.enum(['lead', 'co', 'merged']), mustCosign: z.boolean(), mustEvaluate: z.boolean() }).nullable(),
});
export type ProposalDetail = z.infer<typeof ProposalDetailSchema>;
export type ProposalTimelineEntry = ProposalDetail['timeline'][number];

/** Members a proposer may invite to co-sign: names only. */
export const CosignerCandidatesSchema = itemsOf(z.object({ id: int, name: z.string() }));

export const ProposalSimilarSchema = itemsOf(z.object({
  id: int, code: z.string(), title: z.string(), state: ProposalStateSchema, stateLabel: z.string(), sessionName: z.string().nullable(),
  sameSession: z.boolean(), score: z.number(), sharedWords: z.array(z.string()), reason: z.string(),
}));
export type ProposalSimilar = z.infer<typeof ProposalSimilarSchema>;

/** 承办详情: one unit's assignment, for the unit and for staff. */
export const UnitAssignmentSchema = AssignmentFieldsSchema.extend({
  proposalId: int,
  roleLabel: z.string(),
  proposal: z.object({
    id: int, code: z.string(), title: z.string(), category: z.string().nullable(), reason: z.string().nullable(), suggestion: z.string().nullable(),
    round: int, proposers: z.array(z.string()),
  }),
  /** The county's result classes (the scheme in its settings). */
  resultClasses: z.array(z.object({ code: z.string(), label: z.string() })).readonly(),
  coUnits: z.array(z.object({ id: int, name: z.string(), state: AssignmentStateSchema, stateLabel: z.string(), views: z.string().nullable(), dueAt: z.string().nullable() })),
  timeline: z.array(CaseTimelineEntrySchema),
  actions: z.array(ActionOptionSchema),
});
export type UnitAssignment = z.infer<typeof UnitAssignmentSchema>;

export const UnitAssignmentItemSchema = z.object({
  id: int, code: z.string(), title: z.string(), category: z.string().nullable(), key: z.boolean(), role: AssignmentRoleSchema, roleLabel: z.string(),
  state: AssignmentStateSchema, stateLabel: z.string(), dueAt: z.string().nullable(), assignedAt: z.string(), version: int, overdue: z.boolean(),
});
export type UnitAssignmentItem = z.infer<typeof UnitAssignmentItemSchema>;
export const UnitAssignmentPageSchema = pageOf(UnitAssignmentItemSchema);

const FigureRowSchema = z.object({
  submitted: int, registered: int, notRegistered: int, merged: int, handled: int, closed: int, adopted: int,
  registerRate: z.number().nullable(), replyRate: z.number().nullable(), adoptRate: z.number().nullable(),
});
export type ProposalFigureRow = z.infer<typeof FigureRowSchema>;
const LevelCountsSchema = z.object({ satisfied: int, basically: int, unsatisfied: int });

/** 提案统计: the figures with their definitions, by session, category, sector and unit, and the key proposals. */
export const ProposalDashboardSchema = z.object({
  figures: z.record(z.string(), z.object({ label: z.string(), definition: z.string() })),
  scheme: z.enum(Object.keys(PROPOSAL_RESULT_SCHEMES) as [ProposalResultScheme, ...ProposalResultScheme[]]),
  total: FigureRowSchema.extend({ satisfaction: z.number().nullable(), evaluations: int, overdue: int, unsatisfied: int }),
  classes: z.array(z.object({ code: z.string(), label: z.string(), count: int, share: z.number().nullable() })),
  satisfaction: z.object({ handling: LevelCountsSchema, result: LevelCountsSchema }),
  bySession: z.array(FigureRowSchema.extend({ id: int, name: z.string() })),
  byCategory: z.array(FigureRowSchema.extend({ name: z.string() })),
  bySector: z.array(FigureRowSchema.extend({ id: int.nullable(), name: z.string() })),
  byUnit: z.array(z.object({ id: int, name: z.string(), assigned: int, lead: int, co: int, separate: int, replied: int, replyRate: z.number().nullable() })),
  keyProposals: z.array(z.object({
    id: int, code: z.string(), title: z.string(), state: ProposalStateSchema, stateLabel: z.string(), year: int.nullable(), leader: z.string().nullable(),
    resultClass: z.string().nullable(),
  })),
});
export type ProposalDashboard = z.infer<typeof ProposalDashboardSchema>;

/** A row of 超期提案: one running clock past due. */
export const OverdueItemSchema = z.object({
  clockId: int, proposalId: int, code: z.string(), title: z.string(), sessionName: z.string().nullable(), state: ProposalStateSchema, stateLabel: z.string(),
  assignmentId: int.nullable(), unitId: int.nullable(), unitName: z.string().nullable(), role: AssignmentRoleSchema.nullable(), roleLabel: z.string().nullable(),
  clock: z.string(), clockLabel: z.string(), waitingOn: z.string(), dueAt: z.string(), daysOverdue: int, lastRemindedAt: z.string().nullable(),
  /** How many levels the deadline job has escalated it. */
  escalation: int,
});
export type OverdueItem = z.infer<typeof OverdueItemSchema>;
export const OverduePageSchema = pageOf(OverdueItemSchema);

/** A row of 不满意提案: one evaluation with 不满意 in it, and what became of the proposal since. */
export const UnsatisfiedItemSchema = z.object({
  evaluationId: int, proposalId: int, code: z.string(), title: z.string(), sessionName: z.string().nullable(), memberId: int, memberName: z.string(), round: int,
  handling: LevelSchema, handlingLabel: z.string(), result: LevelSchema, resultLabel: z.string(), comment: z.string().nullable(), paper: z.boolean(), at: z.string(),
  units: z.string(), state: ProposalStateSchema, stateLabel: z.string(), rehandled: z.boolean(),
});
export type UnsatisfiedItem = z.infer<typeof UnsatisfiedItemSchema>;
export const UnsatisfiedPageSchema = pageOf(UnsatisfiedItemSchema);
