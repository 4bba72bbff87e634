/**
 * 直通政协, the handling unit's use-cases: its clues — those it handles (主办) and those it was asked to give views on
 * (会办) — never with the citizen's contact data, a clue's files, the check before an upload, its handlers for
 * 分派, and a co-unit's views; its detail and commands are the staff ones run with the unit's context (clues.staff.ts).
 */
import type { Kysely } from 'kysely';
import type { ClueCoViews, ClueListQuery, UnitHandlers } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { unitHandlers } from '../users/users.read.ts';
import type { StaffContext } from './clues.commands.ts';
import { isCoUnit, sendCoViews } from './clues.counits.ts';
import { findClue, isClueFile, listClues } from './clues.repository.ts';

/** The unit's clues, with the list's filters: those it handles and those it was asked about; no contact data. */
export async function unitClues(db: Kysely<Database>, ctx: StaffContext, q: Omit<ClueListQuery, 'unitId'>) {
  const r = await listClues(db, ctx.tenantId, { ...q, portalUnitId: ctx.unitId! } as ClueListQuery);
  return { ...r, items: r.items.map((i) => ({ ...i, contactName: null, contactPhoneMasked: null, myRole: i.unitId === ctx.unitId ? 'lead' as const : 'co' as const })) };
}

/** A clue the unit holds now; any other is "no such clue" for it. */
export async function requireUnitClue(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await findClue(db, ctx.tenantId, id);
  if (!clue || clue.unit_id !== ctx.unitId) throw notFound('线索');
  return clue;
}

/** A file of a clue the unit handles or was asked about, for the unit portal; anything else is "no such file". */
export async function unitClueFile(db: Kysely<Database>, ctx: StaffContext, id: number, fileId: number): Promise<void> {
  const clue = await findClue(db, ctx.tenantId, id);
  const sees = !!clue && (clue.unit_id === ctx.unitId || (await isCoUnit(db, ctx.tenantId, clue.id, ctx.unitId!)));
  if (!sees || !(await isClueFile(db, id, fileId))) throw notFound('文件');
}

/** The unit's handlers, whom its 负责人 may give a clue to. */
export async function handlersOfUnit(db: Kysely<Database>, ctx: StaffContext): Promise<UnitHandlers> {
  const items = await unitHandlers(db, ctx.tenantId, ctx.unitId!);
  return { items, canAssign: items.some((p) => p.lead && p.id === ctx.actor.id) };
}

/** A co-unit sends its views on a clue to the lead unit. */
export const sendUnitViews = (db: Kysely<Database>, ctx: StaffContext, id: number, body: ClueCoViews) =>
  sendCoViews(db, { ...ctx, unitId: ctx.unitId! }, id, body);
