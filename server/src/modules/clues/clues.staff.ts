/**
 * 直通政协, the office's use-cases: any command on a clue (a transition or an event, clues.commands.ts), the same
 * command on many, the detail with its actions, the audited look at the contact data, publishing to the board and
 * the merge suggestions. The unit portal's detail and commands run through `clueDetail` and `transitionClue` too,
 * with the unit's context (clues.unit.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import { CLUE_URGENCIES, CLUE_WORKFLOW, CONVERSION_KINDS, type ClueAction, type ClueCase, type ClueTransition, type ClueTransitionBody } from '@xs/core/schemas/clues.ts';
import { WorkflowError, type ActionOption } from '@xs/core/workflow.ts';
import type { Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { caseTimeline } from '../../platform/workflow.ts';
import { linksOf } from '../../platform/cases.ts';
import { findSimilarClues } from './clues.similar.ts';
import { CLUE_COMMANDS, asCase, clueRunner, commandsOf, isEvent, type CommandContext, type StaffContext } from './clues.commands.ts';
import { cluesByIds, findClue, namesFor, toListItem, type ClueRow } from './clues.repository.ts';
import { coUnitRows, coUnitTimeline, isCoUnit } from './clues.counits.ts';
import { markRules } from './clues.marks.ts';
import { userNames } from '../users/users.read.ts';


export type { StaffContext };

/** Which commands the staff console and the unit portal may fire through their own routes. */
export const STAFF_COMMANDS = commandsOf('staff');
export const UNIT_COMMANDS = commandsOf('unit');
export const LEADER_COMMANDS = commandsOf('leader');

/** How the caller stands to the clue: the office, its handling unit (主办), a unit asked for views (会办); null: not its to see. */
async function viewerOf(db: Kysely<Database>, ctx: StaffContext, clue: ClueRow): Promise<'staff' | 'lead' | 'co' | null> {
  if (ctx.unitId === undefined) return 'staff';
  if (ctx.unitId !== null && clue.unit_id === ctx.unitId) return 'lead';
  return ctx.unitId !== null && (await isCoUnit(db, ctx.tenantId, clue.id, ctx.unitId)) ? 'co' : null;
}

async function requireOwn(db: Kysely<Database>, ctx: StaffContext, id: number): Promise<ClueRow> {
  const clue = await findClue(db, ctx.tenantId, id);
  // A unit sees what was forwarded to it or what it was asked to give views on; anything else does not exist for it.
  if (!clue || !(await viewerOf(db, ctx, clue))) throw notFound('线索');
  return clue;
}

/** A command's input with the county's defaults, checked: every problem in one 400. */
async function prepared(db: Kysely<Database>, ctx: StaffContext, clue: ClueRow, name: ClueAction, body: ClueTransitionBody): Promise<ClueTransitionBody> {
  const command = CLUE_COMMANDS[name];
  const full = { ...body, ...((await command.prepare?.(db, ctx, clue, body)) ?? {}) };
  const issues = (await command.validate?.(db, ctx, clue, full)) ?? [];
  if (issues.length) throw invalid(issues);
  return full;
}

/**
 * One command inside a transaction the caller holds: the engine's checks and plan, the command's changes, the
 * timeline and audit, and the command's messages.
 */
async function runCommand(db: Kysely<Database>, t: Transaction<Database>, ctx: StaffContext, id: number, name: ClueAction, body: ClueTransitionBody, now: Date): Promise<ClueRow> {
  const command = CLUE_COMMANDS[name];
  const fields: Record<string, unknown> = {
    unitId: body.unitId, days: body.days, targetId: body.targetId, kind: body.kind, title: body.title, replyText: body.replyText, category: body.category,
    dueDate: body.dueDate, assigneeId: body.assigneeId,
  };
  let data: Record<string, unknown> = {};
  let x: CommandContext | undefined;
  const common = { tenantId: ctx.tenantId, id, expectedVersion: body.version, actor: ctx.actor, input: { reason: body.reason ?? null, fields }, ip: ctx.ip, now, eventData: () => data };
  const changes = async (current: ClueCase, dueAt: string | null | undefined) => {
    x = { t, ctx, current: current as unknown as ClueRow, body, now, dueAt };
    const c = (await command.changes?.(x)) ?? {};
    data = c.data ?? {};
    return c.set ?? {};
  };
  const { row } = isEvent(name)
    ? await clueRunner.fire(db, { ...common, trx: t, event: name, changes: (c, plan) => changes(c, plan.dueAt) })
    : await clueRunner.apply(db, { ...common, trx: t, transition: name as ClueTransition, changes: (c, plan) => changes(c, plan.dueAt) });
  await command.effects?.(x!, row as unknown as ClueRow);
  return row as unknown as ClueRow;
}

/**
 * Fire one command (a transition or an event) on a clue: its defaults and checks, then in one transaction the
 * engine's checks and plan, the command's changes, the timeline and audit, and the command's messages.
 */
export async function transitionClue(db: Kysely<Database>, ctx: StaffContext, id: number, name: ClueAction, body: ClueTransitionBody) {
  const clue = await requireOwn(db, ctx, id);
  const full = await prepared(db, ctx, clue, name, body);
  const now = new Date();
  return db.transaction().execute((t) => runCommand(db, t, ctx, id, name, full, now));
}

/**
 * 采纳并转办: accept a clue waiting for triage and forward it, in one transaction — both lines on the timeline, both
 * audited, or neither when either is refused.
 */
export async function acceptAndForward(db: Kysely<Database>, ctx: StaffContext, id: number, body: ClueTransitionBody) {
  const clue = await requireOwn(db, ctx, id);
  const forward = await prepared(db, ctx, clue, 'forward', body);
  const now = new Date();
  return db.transaction().execute(async (t) => {
    const accepted = await runCommand(db, t, ctx, id, 'accept', { version: body.version }, now);
    return runCommand(db, t, ctx, id, 'forward', { ...forward, version: accepted.version }, now);
  });
}

/** The same transition on many clues; each succeeds or fails on its own, with its reason. */
export async function bulkTransition(db: Kysely<Database>, ctx: StaffContext, name: ClueAction, items: { id: number; version: number }[], extra: { reason?: string | null; unitId?: number }) {
  const done: number[] = [];
  const failed: { id: number; message: string }[] = [];
  for (const item of items) {
    try {
      await transitionClue(db, ctx, item.id, name, { version: item.version, reason: extra.reason ?? null, unitId: extra.unitId });
      done.push(item.id);
    } catch (err) {
      // A refusal staff can act on is shown as it is; anything else (a database error…) must not reach the client.
      failed.push({ id: item.id, message: err instanceof AppError || err instanceof WorkflowError ? err.message : '操作失败' });
    }
  }
  return { done, failed };
}

/**
 * 采纳并转办 as one button beside 采纳受理: open when 采纳受理 is (the forwarding's own checks come with its form).
 */
function withAcceptForward(options: ActionOption[]): ActionOption[] {
  const accept = options.find((a) => a.name === 'accept');
  if (!accept) return options;
  const { reason, code } = accept;
  return [...options, { name: 'accept_forward', label: '采纳并转办', kind: 'transition', available: accept.available, ...(reason ? { reason } : {}), ...(code ? { code } : {}),
    requires: { fields: ['unitId'] } }];
}

/** The latest 领导督办 批示 on the timeline. */
function lastInstruction(timeline: Awaited<ReturnType<typeof caseTimeline>>) {
  const e = timeline.findLast((t) => t.transition === 'supervise');
  return e ? { text: e.note ?? '', by: e.actorName, at: e.at } : null;
}

/** One clue for the console or the unit portal: everything but the contact data. */
export async function clueDetail(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await requireOwn(db, ctx, id);
  const [names, rules] = await Promise.all([namesFor(db, ctx.tenantId, [clue]), markRules(db, ctx.tenantId)]);
  const viewer = (await viewerOf(db, ctx, clue))!;
  const [files, conversions, timeline, mergedInto, options, links, clocks, coUnits, coTimeline, assignee] = await Promise.all([
    db.selectFrom('clue_files as cf').innerJoin('files as f', 'f.id', 'cf.file_id').select(['f.id', 'f.original_name', 'f.mime', 'cf.role'])
      .where('cf.clue_id', '=', id).where('cf.tenant_id', '=', ctx.tenantId).orderBy('f.id').execute(),
    db.selectFrom('clue_conversions').selectAll().where('clue_id', '=', id).where('tenant_id', '=', ctx.tenantId).orderBy('id').execute(),
    caseTimeline(db, ctx.tenantId, 'clue', id),
    clue.merged_into_id ? db.selectFrom('clues').select(['id', 'code']).where('id', '=', clue.merged_into_id).where('tenant_id', '=', ctx.tenantId).executeTakeFirst() : undefined,
    clueRunner.available(db, asCase(clue), ctx.actor),
    linksOf(db, ctx.tenantId, { type: 'clue', id }),
    clueRunner.clocks(db, ctx.tenantId, id),
    coUnitRows(db, ctx, id, viewer),
    viewer === 'co' ? Promise.resolve([]) : coUnitTimeline(db, ctx.tenantId, id),
    clue.assignee_id ? userNames(db, ctx.tenantId, [clue.assignee_id]) : Promise.resolve(new Map<number, string>()),
  ]);
  // A conversion is taken once its link has a target.
  const taken = links.some((l) => l.kind === 'converted_into' && l.to.id !== null);
  const own = ctx.unitId !== undefined ? UNIT_COMMANDS : [...STAFF_COMMANDS, ...LEADER_COMMANDS];
  // Each command the caller's route offers, open or closed with the reason; one for another state is not offered.
  // A co-unit acts on its own case (coUnits[].actions), never on the clue.
  const actions = viewer === 'co' ? [] : withAcceptForward(options).filter((a) => (own.includes(a.name as ClueAction) || a.name === 'accept_forward') && a.code !== 'invalid_state');
  const fileUrl = (fid: number) => (ctx.unitId !== undefined ? `/api/v1/unit/clues/${id}/files/${fid}` : `/api/v1/clues/files/${fid}`);
  return {
    ...toListItem(clue, names, rules.now, rules),
    content: clue.content,
    place: clue.place,
    venueName: clue.venue_id ? (names.venue.get(clue.venue_id) ?? null) : null,
    memberName: clue.member_id ? (names.member.get(clue.member_id) ?? null) : null,
    replyText: clue.reply_text,
    ratingComment: clue.rating_comment,
    publicSummary: clue.public_summary,
    recheckResult: clue.recheck_result,
    extensionDays: clue.extension_days,
    extensionRequestDays: clue.extension_request_days,
    instruction: lastInstruction(timeline),
    mergedInto: mergedInto ?? null,
    photos: files.filter((f) => f.role === 'photo').map((f) => ({ fileId: f.id, url: fileUrl(f.id) })),
    replyFiles: files.filter((f) => f.role === 'reply').map((f) => ({ fileId: f.id, url: fileUrl(f.id), name: f.original_name })),
    conversions: conversions.map((c) => ({ id: c.id, kind: c.kind, kindLabel: CONVERSION_KINDS[c.kind], title: c.title, createdByName: c.created_by_name, createdAt: c.created_at, status: taken ? 'taken' as const : c.status })),
    links,
    urgencyLabel: CLUE_URGENCIES[clue.urgency] ?? '一般',
    forwardNote: clue.forward_note,
    assignee: clue.assignee_id ? { id: clue.assignee_id, name: assignee.get(clue.assignee_id) ?? '' } : null,
    coUnits,
    myRole: viewer === 'staff' ? null : viewer,
    // Internal notes are the office's own: the unit's view leaves them out. The co-units' lines join the clue's.
    timeline: [...(ctx.unitId !== undefined ? timeline.filter((e) => e.transition !== 'note') : timeline), ...coTimeline]
      .sort((a, b) => a.at.localeCompare(b.at) || Math.abs(a.id) - Math.abs(b.id)),
    // A unit answers for its own clock; the office's stages are the office's.
    clocks: Object.entries(clocks).filter(([name]) => ctx.unitId === undefined || name === 'handle')
      .map(([name, k]) => ({ name, label: CLUE_WORKFLOW.clocks?.[name]?.label ?? name, ...k }))
      .sort((a, b) => a.anchorAt.localeCompare(b.anchorAt)),
    actions,
    /** The names of the open actions (kept for callers that read only these). */
    transitions: actions.filter((a) => a.available).map((a) => a.name as ClueAction),
    ...(ctx.unitId !== undefined ? { contactName: null, contactPhoneMasked: null } : {}),
  };
}

/** The full contact data, for staff who must call the citizen back; every look is audited. */
export async function revealContact(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await requireOwn(db, ctx, id);
  await writeAudit(db, { tenantId: ctx.tenantId, actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, action: 'clue.view_contact', entity: 'clue', entityId: id,
    summary: `查看线索「${clue.code}」的联系方式` });
  return { contactName: clue.contact_name, contactPhone: clue.contact_phone };
}

/** Staff approve (or withdraw) a resolved clue for the public board, with a text free of personal data. */
export async function publishClue(db: Kysely<Database>, ctx: StaffContext, id: number, summary: string, publish: boolean) {
  const clue = await requireOwn(db, ctx, id);
  if (publish && !['resolved', 'closed'].includes(clue.state)) throw new AppError('invalid_state', '只有已办结的线索可以公开');
  if (publish && /1[3-9]\d{9}/.test(summary)) throw invalid([{ path: 'summary', message: '公开内容中不能包含手机号' }]);
  if (publish && clue.contact_name && clue.contact_name.length >= 2 && summary.includes(clue.contact_name)) {
    throw invalid([{ path: 'summary', message: '公开内容中不能包含反映人姓名' }]);
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('clues').set({ published: publish ? 1 : 0, public_summary: summary }).where('id', '=', id).where('tenant_id', '=', ctx.tenantId).execute();
    await writeAudit(trx, { tenantId: ctx.tenantId, actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, action: publish ? 'clue.publish' : 'clue.unpublish',
      entity: 'clue', entityId: id, summary: `${publish ? '公开' : '撤回公开'}线索「${clue.code}」`, after: { summary } });
  });
}

/** The merge suggestions for one clue: other clues of the county about the same problem, most alike first. */
export async function similarToClue(db: Kysely<Database>, tenantId: number, id: number) {
  const clue = await findClue(db, tenantId, id);
  if (!clue) throw notFound('线索');
  const found = await findSimilarClues(db, tenantId, { content: clue.content, townshipId: clue.township_id, category: clue.category, excludeId: clue.id,
    place: clue.place, villageId: clue.village_id }, 8);
  const rows = await cluesByIds(db, tenantId, found.map((f) => f.id));
  const names = await namesFor(db, tenantId, rows);
  return { items: found.flatMap((f) => {
    const r = rows.find((x) => x.id === f.id);
    return r ? [{ ...toListItem(r, names), score: f.score, reason: f.reason }] : [];
  }) };
}
