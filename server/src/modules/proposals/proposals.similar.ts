/**
 * Review aid: earlier proposals of this and past sessions that share words with this one, ranked by how much
 * they share, each with the shared words as its reason. It ranks; staff decide (并案 or not).
 */
import type { Kysely } from 'kysely';
import { PROPOSAL_STATES } from '@xs/core/schemas/proposals.ts';
import type { Database } from '../../db/database.ts';
import { anyOf, ftsTermMatch } from '../../platform/search/fts.ts';
import { CONCEPT_PREFIX, PLACE_PREFIX, REFERENCE_PREFIX } from '../../platform/search/segment.ts';
import { sessionNames, visibleProposal, type Who } from './proposals.service.ts';

const MARKERS = [CONCEPT_PREFIX, PLACE_PREFIX, REFERENCE_PREFIX];
/** Words worth naming as a reason: two characters or more, not an index marker. */
const words = (tokens: string) => new Set(tokens.split(' ').filter((w) => w.length >= 2 && !MARKERS.some((m) => w.startsWith(m)) && !/^\d+$/.test(w)));

export async function similarProposals(db: Kysely<Database>, who: Who, id: number, limit = 10) {
  const row = await visibleProposal(db, who, id);
  const mine = words(row.search_tokens);
  const term = anyOf([...mine]);
  if (!term) return { items: [] };
  const candidates = await db.selectFrom('proposals as p').select(['p.id', 'p.code', 'p.title', 'p.state', 'p.session_id', 'p.search_tokens', 'p.year'])
    .where('p.tenant_id', '=', who.tenantId).where('p.id', '!=', id).where('p.state', 'not in', ['draft', 'cosigning'])
    .where('p.id', '<', id).where(ftsTermMatch(db, 'proposals', 'p', term)).orderBy('p.id', 'desc').limit(500).execute();
  const sets = candidates.map((c) => words(c.search_tokens));

  // A word most candidates share (建议, 关于 …) says nothing about this matter: dropped by how common it is here,
  // not by a list of words.
  const common = new Set<string>();
  if (candidates.length >= 6) {
    for (const w of mine) if (sets.filter((s) => s.has(w)).length > candidates.length / 2) common.add(w);
  }
  const scored = candidates.map((c, i) => {
    const theirs = sets[i]!;
    const shared = [...mine].filter((w) => theirs.has(w) && !common.has(w));
    // Shared words weigh by length (长词更能说明同一件事), against the size of both texts.
    const weight = shared.reduce((s, w) => s + Math.min(w.length, 4), 0);
    const score = weight / Math.sqrt(Math.max(1, mine.size) * Math.max(1, theirs.size));
    return { c, shared: shared.sort((a, b) => b.length - a.length), score };
  }).filter((s) => s.shared.length >= 2).sort((a, b) => b.score - a.score || b.c.id - a.c.id).slice(0, limit);
  const sessions = await sessionNames(db, who.tenantId, scored.map((s) => s.c.session_id));
  return {
    items: scored.map((s) => ({
      id: s.c.id, code: s.c.code, title: s.c.title, state: s.c.state, stateLabel: PROPOSAL_STATES[s.c.state].label, sessionName: sessions.get(s.c.session_id) ?? null,
      sameSession: s.c.session_id === row.session_id, score: Math.round(s.score * 100) / 100, sharedWords: s.shared.slice(0, 8),
      reason: `共同的词：${s.shared.slice(0, 8).join('、')}`,
    })),
  };
}
