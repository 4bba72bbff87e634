/**
 * 直通政协, the office's use-cases: any command on a clue (a transition or an event, clues.commands.ts), the same
 * command on many, the detail with its actions, the audited look at the contact data, publishing to the board and
 * the merge suggestions. The unit portal's detail and commands run through `clueDetail` and `transitionClue` too,
 * with the unit's context (clues.unit.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import { CONVERSION_KINDS, type ClueAction, type ClueCase, type ClueTransition, type ClueTransitionBody } from '@xs/core/schemas/clues.ts';
import { WorkflowError } from '@xs/core/workflow.ts';
import type { Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { caseTimeline } from '../../platform/workflow.ts';
import { linksOf } from '../../platform/cases.ts';
import { findSimilarClues } from './clues.similar.ts';
import { CLUE_COMMANDS, asCase, clueRunner, commandsOf, isEvent, type CommandContext, type StaffContext } from './clues.commands.ts';
import { cluesByIds, findClue, namesFor, toListItem, type ClueRow } from './clues.repository.ts';


export type { StaffContext };

/** Which commands the staff console and the unit portal may fire through their own routes. */
export const STAFF_COMMANDS = commandsOf('staff');
export const UNIT_COMMANDS = commandsOf('unit');
export const LEADER_COMMANDS = commandsOf('leader');

async function requireOwn(db: Kysely<Database>, ctx: StaffContext, id: number): Promise<ClueRow> {
  const clue = await findClue(db, ctx.tenantId, id);
  // A unit sees only what was forwarded to it; anything else does not exist for it.
  if (!clue || (ctx.unitId !== undefined && clue.unit_id !== ctx.unitId)) throw notFound('线索');
  return clue;
}

/**
 * Fire one command (a transition or an event) on a clue: its checks, then in one transaction the engine's checks
 * and plan, the command's changes, the timeline and audit, and the command's messages.
 */
export async function transitionClue(db: Kysely<Database>, ctx: StaffContext, id: number, name: ClueAction, body: ClueTransitionBody) {
  const clue = await requireOwn(db, ctx, id);
  const command = CLUE_COMMANDS[name];
  const issues = (await command.validate?.(db, ctx, clue, body)) ?? [];
  if (issues.length) throw invalid(issues);
  const now = new Date();
  const fields: Record<string, unknown> = {
    unitId: body.unitId, days: body.days, targetId: body.targetId, kind: body.kind, title: body.title, replyText: body.replyText, category: body.category,
  };
  let data: Record<string, unknown> = {};
  let x: CommandContext | undefined;
  const common = { tenantId: ctx.tenantId, id, expectedVersion: body.version, actor: ctx.actor, input: { reason: body.reason ?? null, fields }, ip: ctx.ip, now, eventData: () => data };
  const changes = async (current: ClueCase, dueAt: string | null | undefined, t: Transaction<Database>) => {
    x = { t, ctx, current: current as unknown as ClueRow, body, now, dueAt };
    const c = (await command.changes?.(x)) ?? {};
    data = c.data ?? {};
    return c.set ?? {};
  };
  const row = await db.transaction().execute(async (t) => {
    const { row } = isEvent(name)
      ? await clueRunner.fire(db, { ...common, trx: t, event: name, changes: (c) => changes(c, undefined, t) })
      : await clueRunner.apply(db, { ...common, trx: t, transition: name as ClueTransition, changes: (c, plan) => changes(c, plan.dueAt, t) });
    await command.effects?.(x!, row as unknown as ClueRow);
    return row;
  });
  return row as unknown as ClueRow;
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

/** The latest 领导督办 批示 on the timeline. */
function lastInstruction(timeline: Awaited<ReturnType<typeof caseTimeline>>) {
  const e = timeline.findLast((t) => t.transition === 'supervise');
  return e ? { text: e.note ?? '', by: e.actorName, at: e.at } : null;
}

/** One clue for the console or the unit portal: everything but the contact data. */
export async function clueDetail(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await requireOwn(db, ctx, id);
  const names = await namesFor(db, ctx.tenantId, [clue]);
  const [files, conversions, timeline, mergedInto, options, links] = await Promise.all([
    db.selectFrom('clue_files as cf').innerJoin('files as f', 'f.id', 'cf.file_id').select(['f.id', 'f.original_name', 'f.mime', 'cf.role'])
      .where('cf.clue_id', '=', id).where('cf.tenant_id', '=', ctx.tenantId).orderBy('f.id').execute(),
    db.selectFrom('clue_conversions').selectAll().where('clue_id', '=', id).where('tenant_id', '=', ctx.tenantId).orderBy('id').execute(),
    caseTimeline(db, ctx.tenantId, 'clue', id),
    clue.merged_into_id ? db.selectFrom('clues').select(['id', 'code']).where('id', '=', clue.merged_into_id).where('tenant_id', '=', ctx.tenantId).executeTakeFirst() : undefined,
    clueRunner.available(db, asCase(clue), ctx.actor),
    linksOf(db, ctx.tenantId, { type: 'clue', id }),
  ]);
  // A conversion is taken once its link has a target.
  const taken = links.some((l) => l.kind === 'converted_into' && l.to.id !== null);
  const own = ctx.unitId !== undefined ? UNIT_COMMANDS : [...STAFF_COMMANDS, ...LEADER_COMMANDS];
  // Each command the caller's route offers, open or closed with the reason; one for another state is not offered.
  const actions = options.filter((a) => own.includes(a.name as ClueAction) && a.code !== 'invalid_state');
  const fileUrl = (fid: number) => (ctx.unitId !== undefined ? `/api/v1/unit/clues/${id}/files/${fid}` : `/api/v1/clues/files/${fid}`);
  return {
    ...toListItem(clue, names),
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
    // Internal notes are the office's own: the unit's view leaves them out.
    timeline: ctx.unitId !== undefined ? timeline.filter((e) => e.transition !== 'note') : timeline,
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
