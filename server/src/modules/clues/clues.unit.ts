/**
 * 直通政协, the handling unit's use-cases: its own clues (never the citizen's contact data), a clue's files, and the
 * check before an upload; its detail and commands are the staff ones run with the unit's context (clues.staff.ts).
 */
import type { Kysely } from 'kysely';
import type { ClueListQuery } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { StaffContext } from './clues.commands.ts';
import { findClue, isClueFile, listClues } from './clues.repository.ts';

/** The unit's own clues, with the list's filters; contact data never leaves for a unit. */
export async function unitClues(db: Kysely<Database>, ctx: StaffContext, q: Omit<ClueListQuery, 'unitId'>) {
  const r = await listClues(db, ctx.tenantId, { ...q, unitId: ctx.unitId! } as ClueListQuery);
  return { ...r, items: r.items.map((i) => ({ ...i, contactName: null, contactPhoneMasked: null })) };
}

/** A clue the unit holds now; any other is "no such clue" for it. */
export async function requireUnitClue(db: Kysely<Database>, ctx: StaffContext, id: number) {
  const clue = await findClue(db, ctx.tenantId, id);
  if (!clue || clue.unit_id !== ctx.unitId) throw notFound('线索');
  return clue;
}

/** A file of a clue the unit holds, for the unit portal; anything else is "no such file". */
export async function unitClueFile(db: Kysely<Database>, ctx: StaffContext, id: number, fileId: number): Promise<void> {
  const clue = await findClue(db, ctx.tenantId, id);
  if (!clue || clue.unit_id !== ctx.unitId || !(await isClueFile(db, clue.id, fileId))) throw notFound('文件');
}

