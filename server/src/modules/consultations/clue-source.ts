/**
 * The one place 协商议事 touches the clue module: the clue conversions waiting for a topic (case links
 * `converted_into` → `topic` with no target yet, made by the clue module) and the linked clues' citizens.
 * Clue data comes through the clue module's read API (clues.read.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { completeLink, linksOf, pendingLinks } from '../../platform/cases.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { clueByCode } from '../clues/clues.service.ts';
import { clueBrief, clueContacts } from '../clues/clues.read.ts';

export { clueBrief, clueContacts };

/** Clue conversions waiting for their topic, with the clue's text. */
export async function pendingClueTopics(db: Kysely<Database>, tenantId: number) {
  const links = (await pendingLinks(db, tenantId, 'converted_into', 'topic')).filter((l) => l.from_type === 'clue');
  const briefs = await clueBrief(db, tenantId, links.map((l) => l.from_id));
  return links.map((l) => ({ linkId: l.id, clueId: l.from_id, title: l.note, clueCode: briefs.get(l.from_id)?.code ?? null, content: briefs.get(l.from_id)?.content ?? null, at: l.created_at }));
}

/** Complete the clue's waiting link with the new topic (inside the topic's creating transaction). */
export async function completeClueLink(trx: Kysely<Database>, tenantId: number, linkId: number, topicId: number): Promise<number> {
  const link = (await pendingLinks(trx, tenantId, 'converted_into', 'topic')).find((l) => l.id === linkId && l.from_type === 'clue');
  if (!link) throw invalid([{ path: 'clueLinkId', message: '该线索转化记录不存在或已生成议题' }]);
  await completeLink(trx, tenantId, linkId, topicId);
  return link.from_id;
}

/** The ids of clues linked to a topic (any kind of link). */
export async function linkedClueIds(db: Kysely<Database>, tenantId: number, topicId: number): Promise<number[]> {
  return (await linksOf(db, tenantId, { type: 'topic', id: topicId })).filter((l) => l.to.type === 'clue' && l.to.id !== null).map((l) => l.to.id as number);
}

/** The clue a citizen proves with its code and secret (the clue module's own check), or 404. */
export async function provenClue(db: Kysely<Database>, tenantId: number, code: string, secret: string) {
  const clue = await clueByCode(db, code, secret);
  if (clue.tenant_id !== tenantId) throw new AppError('not_found', '查询码或查询密码不正确');
  return { id: clue.id };
}
