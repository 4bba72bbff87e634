/**
 * One command per thing done to a clue — each transition and declared event of CLUE_WORKFLOW, plus the submission.
 * A command holds, in one place: who fires it (the audience, i.e. which route), the checks that need reads
 * (settings, references), the columns it changes besides the state, the messages that follow (written in the same
 * transaction) and the words the citizen reads for it on the tracking page. The engine (core) holds who may fire
 * it, from which state, what it requires and its gates; the runner (`clueRunner`) applies it.
 */
import type { Kysely, Transaction } from 'kysely';
import { CLUE_CATEGORIES, CLUE_RATINGS, CLUE_WORKFLOW, CONVERSION_KINDS, type ClueAction, type ClueCase, type ClueContext, type ClueTransitionBody } from '@xs/core/schemas/clues.ts';
import { addCalendarDays } from '@xs/core/calendar.ts';
import type { Actor, FieldIssue } from '@xs/core/workflow.ts';
import { affected, type Database } from '../../db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { enqueueMessage, notifyUsers } from '../../platform/notify.ts';
import { getSetting } from '../../platform/settings.ts';
import { bindWorkflow, type CaseRow, type caseTimeline } from '../../platform/workflow.ts';
import { childrenOf } from '../../platform/cases.ts';
import { activeUnit } from '../orgs/orgs.read.ts';
import { unitHandlers, userNames } from '../users/users.read.ts';
import { askCoUnits, closeCoUnits } from './clues.counits.ts';
import { checkForward, forwardDefaults } from './clues.forwarding.ts';
import { recordConversion } from './clues.conversions.ts';
import { learnPlaceFromMerge, recordPairDecision } from './clues.learning.store.ts';
import { findClue, summarize, type ClueRow } from './clues.repository.ts';

/** What the gates and join rules read: the clue's co-unit cases, and the 负责人 of the unit that holds it. */
async function loadClue(db: Kysely<Database>, c: ClueCase & CaseRow): Promise<ClueContext> {
  const [children, people] = await Promise.all([
    childrenOf(db, c.tenant_id, 'clue', c.id),
    c.unit_id ? unitHandlers(db, c.tenant_id, c.unit_id) : Promise.resolve([]),
  ]);
  return { children, unitLeads: people.filter((p) => p.lead).map((p) => p.id) };
}

/** The clue workflow bound to its table: every transition and event goes through it. */
export const clueRunner = bindWorkflow({ def: CLUE_WORKFLOW, table: 'clues', caseType: 'clue', label: '线索', load: loadClue });

export interface StaffContext {
  tenantId: number;
  actor: Actor;
  ip: string | null;
  /** For unit handlers: only clues forwarded to this unit are visible. */
  unitId?: number | null;
}

/** What a command's steps see. `current` is the row as read inside the transaction. */
export interface CommandContext {
  t: Transaction<Database>;
  ctx: StaffContext;
  current: ClueRow;
  body: ClueTransitionBody;
  now: Date;
  /** The deadline the transition's plan sets (undefined: kept). */
  dueAt: string | null | undefined;
}

type TimelineEvent = Awaited<ReturnType<typeof caseTimeline>>[number];

export interface ClueCommand {
  /** Whose route fires it: the staff console, the unit portal, or the citizen's pages and the jobs (their own use-cases). */
  audience: 'staff' | 'unit' | 'leader' | 'public';
  /** The county's defaults for what the input left out (an urgent forwarding's date), before it is checked. */
  prepare?: (db: Kysely<Database>, ctx: StaffContext, clue: ClueRow, body: ClueTransitionBody) => Promise<Partial<ClueTransitionBody>>;
  /** Checks that need reads (settings, references), before the transaction; every problem in one 400. */
  validate?: (db: Kysely<Database>, ctx: StaffContext, clue: ClueRow, body: ClueTransitionBody) => Promise<FieldIssue[]>;
  /** The columns it changes besides state and version, and what its timeline line carries. */
  changes?: (x: CommandContext) => Promise<Changes> | Changes;
  /** Messages that follow, in the same transaction (outbox and inbox). */
  effects?: (x: CommandContext, after: ClueRow) => Promise<unknown> | undefined;
  /** The citizen's words for its timeline line; null keeps the line off the tracking page. */
  publicText: (e: TimelineEvent, unitName: string) => string | null;
}

interface Changes {
  set?: Partial<ClueRow>;
  data?: Record<string, unknown>;
}

const date = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '');
const hidden = () => null;

/** The citizen hears of it by SMS, when they left a phone. */
async function tellCitizen(x: CommandContext, template: string, payload: Record<string, string | number>) {
  if (x.current.contact_phone) {
    await enqueueMessage(x.t, { tenantId: x.ctx.tenantId, channel: 'sms', recipient: x.current.contact_phone, template, payload: { code: x.current.code, ...payload } });
  }
}

const tellStaff = (x: CommandContext, title: string, body: string) =>
  notifyUsers(x.t, x.ctx.tenantId, { roles: ['staff'] }, { title, body, link: `/clues/${x.current.id}` });

const tellUnit = (x: CommandContext, unitId: number | null, title: string, body: string) =>
  unitId ? notifyUsers(x.t, x.ctx.tenantId, { unitId }, { title, body, link: `/unit/clues/${x.current.id}` }) : undefined;

/** The cap on extensions in working days, cumulative over the clue's handling. */
async function withinExtensionCap(db: Kysely<Database>, ctx: StaffContext, clue: ClueRow, body: ClueTransitionBody): Promise<FieldIssue[]> {
  const max = await getSetting(db, ctx.tenantId, 'clue.maxExtensionDays');
  return body.days && clue.extension_days + body.days > max ? [{ path: 'days', message: `延期累计不能超过 ${max} 个工作日` }] : [];
}

/** States a clue may be merged into: still being handled, or resolved and not yet closed. */
const MERGE_TARGET_STATES = ['submitted', 'needs_info', 'accepted', 'forwarded', 'returned', 'replied', 'resolved'] as const;

/**
 * The target's side of a merge, in the merge's transaction: the target is checked and gains the source's voices in
 * one conditional update (a target closed a moment earlier matches no row), and its timeline says what joined it.
 */
async function mergeInto(x: CommandContext, targetId: number) {
  const { t, ctx, current: source } = x;
  const target = await findClue(t, ctx.tenantId, targetId);
  if (!target || target.id === source.id) throw invalid([{ path: 'targetId', message: '请选择本县区另一条线索' }]);
  const closed = invalid([{ path: 'targetId', message: '目标线索已结束，不能合并进去' }]);
  if (!(MERGE_TARGET_STATES as readonly string[]).includes(target.state)) throw closed;
  const res = await t.updateTable('clues').set((eb) => ({ supporters: eb('supporters', '+', 1 + source.supporters) }))
    .where('id', '=', target.id).where('tenant_id', '=', ctx.tenantId).where('state', 'in', MERGE_TARGET_STATES).executeTakeFirst();
  if (affected(res) === 0) throw closed;
  await t.insertInto('case_events').values({ tenant_id: ctx.tenantId, case_type: 'clue', case_id: target.id, transition: 'merged_in', label: `合并了线索 ${source.code}`,
    from_state: target.state, to_state: target.state, actor_kind: 'user', actor_id: ctx.actor.id, actor_name: ctx.actor.name, note: null,
    data_json: JSON.stringify({ sourceId: source.id, sourceCode: source.code }), at: x.now.toISOString() }).execute();
}

/** Only the replier's own upload not yet attached anywhere: a guessed file id of another unit (or a citizen's photo) is refused. */
async function attachReplyFiles(x: CommandContext) {
  for (const fileId of new Set(x.body.fileIds ?? [])) {
    const f = await x.t.selectFrom('files').select('id').where('id', '=', fileId).where('tenant_id', '=', x.ctx.tenantId)
      .where('uploaded_by', '=', x.ctx.actor.id)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('clue_files').select('clue_files.file_id').whereRef('clue_files.file_id', '=', 'files.id'))))
      .executeTakeFirst();
    const notYours = invalid([{ path: 'fileIds', message: '附件不存在或不是您上传的，请重新上传' }]);
    if (!f) throw notYours;
    // A reply at the same moment attached it first (the unique index of migration 0006).
    await x.t.insertInto('clue_files').values({ clue_id: x.current.id, file_id: fileId, tenant_id: x.ctx.tenantId, role: 'reply' }).execute()
      .catch((err: unknown) => { throw isUniqueViolation(err) ? notYours : err; });
  }
}

export const CLUE_COMMANDS: Record<ClueAction, ClueCommand> = {
  // ---- Staff triage ----
  accept: {
    audience: 'staff',
    changes: (x) => ({ set: { accepted_at: x.now.toISOString() } }),
    publicText: () => '县政协已采纳您的反映，正在安排办理。',
  },
  decline: {
    audience: 'staff',
    effects: (x) => tellCitizen(x, 'clue.declined', { reason: x.body.reason ?? '' }),
    publicText: (e) => `未予采纳。说明：${e.note ?? ''}`,
  },
  request_info: {
    audience: 'staff',
    effects: (x) => tellCitizen(x, 'clue.needs_info', { reason: x.body.reason ?? '' }),
    publicText: (e) => `工作人员请您补充信息：${e.note ?? ''}`,
  },
  merge: {
    audience: 'staff',
    changes: async (x) => {
      await mergeInto(x, x.body.targetId!);
      // A staff merge is a positive pair for the county's similarity weights (issue 10).
      await recordPairDecision(x.t, x.ctx.tenantId, x.current.id, x.body.targetId!, true, x.ctx.actor);
      // Two names of one place, when that is what the merge says: the county's gazetteer learns them.
      await learnPlaceFromMerge(x.t, x.ctx, x.current.id, x.body.targetId!);
      return { set: { merged_into_id: x.body.targetId }, data: { targetId: x.body.targetId } };
    },
    publicText: () => '您反映的问题与其他群众反映的同一问题合并办理，结果会一并告知。',
  },
  forward: {
    audience: 'staff',
    prepare: (db, ctx, _clue, body) => forwardDefaults(db, ctx.tenantId, body),
    validate: (db, ctx, _clue, body) => checkForward(db, ctx.tenantId, body),
    changes: async (x) => {
      const coUnitIds = x.body.coUnitIds ?? [];
      // Co-units asked at an earlier forwarding and still waited for are not this forwarding's.
      await closeCoUnits(x.t, x.ctx, x.current.id, 'withdraw', '线索已重新转办', x.now);
      await askCoUnits(x.t, x.ctx, x.current, coUnitIds, x.dueAt ?? null, x.now);
      const urgency = x.body.urgency ?? 'normal';
      return {
        set: { unit_id: x.body.unitId, forwarded_at: x.now.toISOString(), reminded_at: null, extension_days: 0, extension_request_days: null,
          urgency, forward_note: x.body.forwardNote || null, assignee_id: null },
        data: { unitId: x.body.unitId, dueAt: x.dueAt, urgency, ...(x.body.forwardNote ? { forwardNote: x.body.forwardNote } : {}), ...(coUnitIds.length ? { coUnitIds } : {}) },
      };
    },
    effects: async (x, after) => {
      const unitId = x.body.unitId!;
      const unit = await activeUnit(x.t, x.ctx.tenantId, unitId);
      const urgent = after.urgency === 'urgent' ? '【紧急】' : '';
      await tellUnit(x, unitId, `${urgent}新转办线索`, `线索 ${x.current.code}：${summarize(x.current.content, 40)}，请于 ${after.due_at?.slice(0, 10)} 前答复${after.forward_note ? `。交办意见：${after.forward_note}` : ''}`);
      if (unit?.contactPhone && /^1\d{10}$/.test(unit.contactPhone)) {
        await enqueueMessage(x.t, { tenantId: x.ctx.tenantId, channel: 'sms', recipient: unit.contactPhone, template: 'clue.forwarded', payload: { code: x.current.code, due: after.due_at?.slice(0, 10) ?? '' } });
      }
      await tellCitizen(x, 'clue.accepted', { unit: unit?.name ?? '' });
    },
    publicText: (e, unit) => `已转交${unit}办理，办理期限至 ${date(e.data?.dueAt)}。`,
  },
  convert: {
    audience: 'staff',
    changes: async (x) => {
      await recordConversion(x.t, { tenantId: x.ctx.tenantId, clueId: x.current.id, kind: x.body.kind!, title: x.body.title!, actor: x.ctx.actor, at: x.now.toISOString() });
      return { data: { kind: x.body.kind, title: x.body.title } };
    },
    publicText: (e) => `您的反映已转为${CONVERSION_KINDS[e.data?.kind as keyof typeof CONVERSION_KINDS] ?? '政协工作事项'}，由县政协继续跟进。`,
  },
  rehandle: {
    audience: 'staff',
    changes: (x) => ({ set: { reminded_at: null }, data: { unitId: x.current.unit_id } }),
    publicText: () => '县政协认为答复不够到位，已要求办理单位重新办理。',
  },
  resolve: {
    audience: 'staff',
    // Each resolution gets its own recheck, also after an earlier "not solved".
    changes: async (x) => {
      const recheckDays = await getSetting(x.t, x.ctx.tenantId, 'clue.recheckDays');
      return { set: { resolved_at: x.now.toISOString(), reminded_at: null, recheck_result: null,
        recheck_due_at: x.current.contact_phone ? addCalendarDays(x.now, recheckDays).toISOString() : null } };
    },
    effects: (x) => tellCitizen(x, 'clue.resolved', {}),
    publicText: () => '问题已办结，请您对办理结果作出评价。',
  },
  close: {
    audience: 'staff',
    changes: (x) => ({ set: { closed_at: x.now.toISOString() } }),
    publicText: () => '已归档。',
  },
  grant_extension: {
    audience: 'staff',
    validate: withinExtensionCap,
    // The engine extends the `handle` clock by the days (never past its cap) and the row's due date follows it.
    changes: (x) => ({ set: { extension_days: x.current.extension_days + x.body.days!, extension_request_days: null }, data: { days: x.body.days, dueAt: x.dueAt } }),
    effects: (x, after) => tellUnit(x, after.unit_id, '延期申请已同意', `线索 ${x.current.code} 延期 ${x.body.days} 个工作日，期限至 ${after.due_at?.slice(0, 10)}`),
    publicText: (e) => `办理单位申请延期，已同意延期至 ${date(e.data?.dueAt)}。`,
  },
  deny_extension: {
    audience: 'staff',
    changes: (x) => ({ set: { extension_request_days: null }, data: { days: x.current.extension_request_days } }),
    effects: (x) => tellUnit(x, x.current.unit_id, '延期申请未同意', `线索 ${x.current.code}：${x.body.reason ?? ''}，请按原期限 ${x.current.due_at?.slice(0, 10) ?? ''} 答复`),
    publicText: hidden,
  },
  remind: {
    audience: 'staff',
    changes: (x) => ({ set: { reminded_at: x.now.toISOString() }, data: { unitId: x.current.unit_id } }),
    effects: (x) => tellUnit(x, x.current.unit_id, '催办：线索', `线索 ${x.current.code}${x.current.due_at ? `（期限 ${x.current.due_at.slice(0, 10)}）` : ''}：${x.body.reason || '请抓紧办理并按时答复'}`),
    publicText: hidden,
  },
  note: { audience: 'staff', publicText: hidden },
  recategorize: {
    audience: 'staff',
    changes: (x) => ({ set: { category: x.body.category }, data: { from: x.current.category, to: x.body.category } }),
    publicText: (e) => `问题类别已更正为「${CLUE_CATEGORIES[e.data?.to as keyof typeof CLUE_CATEGORIES] ?? ''}」。`,
  },
  edit_reply: {
    audience: 'staff',
    // The text before the edit stays in the timeline line; the citizen and the board read the new one.
    changes: (x) => ({ set: { reply_text: x.body.replyText }, data: { before: x.current.reply_text, replyText: x.body.replyText } }),
    publicText: hidden,
  },
  followup: { audience: 'staff', publicText: hidden },
  waive_views: {
    audience: 'staff',
    changes: async (x) => ({ data: { waived: await closeCoUnits(x.t, x.ctx, x.current.id, 'waive', x.body.reason ?? '', x.now) } }),
    effects: (x) => tellUnit(x, x.current.unit_id, '可以答复线索', `线索 ${x.current.code}：县政协已决定不再等待会办意见（${x.body.reason ?? ''}），请答复`),
    publicText: hidden,
  },

  // ---- A leader ----
  supervise: {
    audience: 'leader',
    effects: async (x) => {
      const text = `线索 ${x.current.code}：${x.body.reason ?? ''}（${x.ctx.actor.name}）`;
      await tellStaff(x, '领导督办批示', text);
      if (x.current.state === 'forwarded') await tellUnit(x, x.current.unit_id, '领导督办批示', text);
    },
    publicText: hidden,
  },

  // ---- The unit ----
  reply: {
    audience: 'unit',
    changes: async (x) => {
      await attachReplyFiles(x);
      // A reply answers the matter: an extension still asked for is no longer needed.
      return { set: { reply_text: x.body.replyText, replied_at: x.now.toISOString(), extension_request_days: null },
        data: { unitId: x.current.unit_id, replyText: x.body.replyText, fileIds: x.body.fileIds ?? [] } };
    },
    effects: (x) => tellStaff(x, '承办单位已答复', `线索 ${x.current.code} 已答复，请审核办结`),
    publicText: (_e, unit) => `${unit}已答复，县政协正在审核。`,
  },
  return: {
    audience: 'unit',
    changes: async (x) => {
      await closeCoUnits(x.t, { tenantId: x.ctx.tenantId, actor: 'system', ip: null }, x.current.id, 'withdraw', '主办单位已退回线索', x.now);
      return { set: { unit_id: null, extension_request_days: null, assignee_id: null }, data: { unitId: x.current.unit_id } };
    },
    effects: (x) => tellStaff(x, '承办单位退回线索', `线索 ${x.current.code}：${x.body.reason ?? ''}`),
    publicText: () => '县政协正在重新安排办理单位。',
  },
  assign_handler: {
    audience: 'unit',
    validate: async (db, ctx, clue, body) => {
      const people = clue.unit_id ? await unitHandlers(db, ctx.tenantId, clue.unit_id) : [];
      return body.assigneeId && !people.some((p) => p.id === body.assigneeId) ? [{ path: 'assigneeId', message: '请选择本单位在岗的经办人' }] : [];
    },
    changes: async (x) => {
      const name = (await userNames(x.t, x.ctx.tenantId, [x.body.assigneeId!])).get(x.body.assigneeId!) ?? '';
      return { set: { assignee_id: x.body.assigneeId }, data: { assigneeId: x.body.assigneeId, assigneeName: name, before: x.current.assignee_id } };
    },
    effects: (x) => notifyUsers(x.t, x.ctx.tenantId, { userIds: [x.body.assigneeId!] }, {
      title: '分派给您的线索', body: `线索 ${x.current.code}：${summarize(x.current.content, 40)}（${x.ctx.actor.name}分派${x.body.reason ? `：${x.body.reason}` : ''}）`,
      link: `/unit/clues/${x.current.id}`,
    }),
    publicText: hidden,
  },
  request_extension: {
    audience: 'unit',
    validate: withinExtensionCap,
    changes: (x) => ({ set: { extension_request_days: x.body.days }, data: { days: x.body.days } }),
    effects: (x) => tellStaff(x, '承办单位申请延期', `线索 ${x.current.code} 申请延期 ${x.body.days} 个工作日：${x.body.reason ?? ''}`),
    publicText: hidden,
  },

  // ---- The citizen and the jobs (their own use-cases in clues.citizen.ts; the words are here) ----
  supplement: { audience: 'public', publicText: () => '您已补充信息。' },
  rate: { audience: 'public', publicText: (e) => `您的评价：${CLUE_RATINGS[e.data?.rating as keyof typeof CLUE_RATINGS] ?? ''}。` },
  reopen: { audience: 'public', publicText: () => '您反映问题仍未解决，已重新交办。' },
  recheck: { audience: 'public', publicText: (e) => (e.data?.publicText as string | undefined) ?? CLUE_WORKFLOW.events!.recheck!.publicText ?? null },
};

/** The citizen's words for timeline lines that are not commands: the submission, and what joined a clue by a merge. */
const OTHER_WORDS: Record<string, (e: TimelineEvent) => string | null> = {
  submit: () => '您的反映已收到，县政协将尽快受理。',
  // Staff see which clue joined; the citizen's page keeps its timeline as it was (another citizen's code is not theirs to see).
  merged_in: hidden,
};

/** What the citizen reads for one timeline line, or null to leave it off their page. */
export function publicWords(e: TimelineEvent, unitName: string): string | null {
  const command = CLUE_COMMANDS[e.transition as ClueAction] as ClueCommand | undefined;
  if (command) return command.publicText(e, unitName);
  const other = OTHER_WORDS[e.transition];
  return other ? other(e) : e.label;
}

/** The names an audience may fire through its own route. */
export const commandsOf = (audience: ClueCommand['audience']) =>
  (Object.keys(CLUE_COMMANDS) as ClueAction[]).filter((n) => CLUE_COMMANDS[n].audience === audience);

export const isEvent = (name: ClueAction) => !!CLUE_WORKFLOW.events?.[name];

/** The engine's view of a clue row. */
export const asCase = (c: ClueRow) => c as unknown as ClueCase & CaseRow;
