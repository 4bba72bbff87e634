/**
 * INTERIM similar-clue finder (token overlap within the township) so the routes run while the real
 * scorer is being written; the search developer replaces this whole file.
 */
import type { Kysely } from 'kysely';
import type { ClueCategory } from '@xs/core/schemas/clues.ts';
import { OPEN_CLUE_STATES } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { tokenize } from '../../platform/search/segment.ts';

export async function findSimilarClues(
  db: Kysely<Database>,
  tenantId: number,
  input: { content: string; townshipId: number; category?: ClueCategory | null; excludeId?: number; openOnly?: boolean },
  limit = 5,
): Promise<{ id: number; code: string; score: number; reason: string }[]> {
  const words = new Set(tokenize(input.content));
  if (words.size === 0) return [];
  let q = db.selectFrom('clues').select(['id', 'code', 'search_tokens', 'category']).where('tenant_id', '=', tenantId)
    .where('township_id', '=', input.townshipId).orderBy('id', 'desc').limit(500);
  if (input.openOnly) q = q.where('state', 'in', OPEN_CLUE_STATES);
  if (input.excludeId) q = q.where('id', '!=', input.excludeId);
  const rows = await q.execute();
  return rows.map((r) => {
    const other = new Set(r.search_tokens.split(' '));
    const shared = [...words].filter((w) => other.has(w));
    const score = shared.length / Math.max(1, Math.min(words.size, other.size));
    return { id: r.id, code: r.code, score: Math.round(score * 100) / 100, reason: `关键词：${shared.slice(0, 4).join('、')}` };
  }).filter((r) => r.score >= 0.5).sort((a, b) => b.score - a.score).slice(0, limit);
}
