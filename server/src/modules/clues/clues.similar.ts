/**
 * Similar clues: is this new report the same problem as one already filed? (DESIGN.md §5; SEARCH.md.)
 *
 * A duplicate is the same problem at the same place. So a pair is judged on evidence of both, not on
 * text overlap alone (which fails between a 12-character QR note and a 150-character hotline record):
 * - problem: the problem concepts both name (concepts.ts: 灯不亮 / 照明设施损坏 / 黑咕隆咚 are one
 *   concept); two reports that both name problems but share none are different problems (traps:
 *   滨河路 lights vs 滨河路 flooding);
 * - place: the places both name (roads, estates, villages, schools…, places.ts) and the village chosen on
 *   the form; two reports that name different places are different problems (人民路 lights vs 滨河路
 *   lights);
 * - text: weighted overlap of the words left once places and boilerplate are set aside (weights.ts);
 * - category: weak, citizens pick categories loosely.
 * The evidence is added as log-odds into a score in 0..1; pairs at or above SAME_PROBLEM_THRESHOLD are
 * reported. The labelled set in fixtures/similar-clues.json measures it (clues.similar.test.ts).
 *
 * Candidates: the same tenant and township, not merged, recent (CANDIDATE_DAYS), and sharing at least a
 * concept, a place or a rare word with the new report — found through the full-text index, so the cost
 * does not grow with the township's history; the newest MAX_CANDIDATES of them are scored.
 */
import { OPEN_CLUE_STATES, type ClueCategory } from '@xs/core/schemas/clues.ts';
import type { Db } from '../../db/database.ts';
import { analyze, cleanToken, parseSearchTokens, CONCEPT_PREFIX, PLACE_PREFIX } from '../../platform/search/segment.ts';
import { normalizeText } from '../../platform/search/normalize.ts';
import { conceptLabel, isGenericConcept } from '../../platform/search/concepts.ts';
import { isAreaPlace, placeMatch } from '../../platform/search/places.ts';
import { wordWeight } from '../../platform/search/weights.ts';
import { anyOf, ftsTermMatch } from '../../platform/search/fts.ts';

export const SAME_PROBLEM_THRESHOLD = 0.5;
export const CANDIDATE_DAYS = 730;
export const MAX_CANDIDATES = 300;

export interface SimilarInput {
  content: string;
  townshipId: number;
  category?: ClueCategory | null;
  /** The clue itself, when suggesting merges for an existing clue. */
  excludeId?: number;
  /** Only clues still being worked on (the public form: "add your voice"). */
  openOnly?: boolean;
  /** The form's place field and village, when known: better evidence of place. */
  place?: string | null;
  villageId?: number | null;
}

export interface SimilarClue {
  id: number;
  code: string;
  score: number;
  reason: string;
}

/** What the scorer compares: computed once per report. */
export interface ClueFeatures {
  /** Content words with their weights (places and boilerplate left out). */
  words: Map<string, number>;
  concepts: Set<string>;
  /** Where the problem is. */
  places: Set<string>;
  /** Places named only to locate it (ends of a stretch, what it is near). */
  references: Set<string>;
  category: ClueCategory | null;
  villageId: number | null;
}

/** A report as text, for `scoreSimilarity` and `clueFeatures`. */
export interface SimilarityText {
  content: string;
  place?: string | null;
  category?: ClueCategory | null;
  villageId?: number | null;
}

function placesOfField(place: string | null | undefined): string[] {
  if (!place?.trim()) return [];
  const a = analyze(place);
  if (a.places.length) return a.places;
  const whole = cleanToken(normalizeText(place));
  return whole.length >= 2 && whole.length <= 12 ? [whole] : [];
}

function buildFeatures(words: Iterable<string>, concepts: Iterable<string>, places: Iterable<string>, references: Iterable<string>,
  category: ClueCategory | null, villageId: number | null): ClueFeatures {
  const placeSet = new Set(places);
  const refSet = new Set([...references].filter((r) => !placeSet.has(r)));
  const named = [...placeSet, ...refSet];
  const weighted = new Map<string, number>();
  for (const w of words) {
    if (weighted.has(w) || named.some((p) => p.includes(w))) continue;
    const wt = wordWeight(w);
    if (wt > 0) weighted.set(w, wt);
  }
  return { words: weighted, concepts: new Set(concepts), places: placeSet, references: refSet, category, villageId };
}

/** Features of a report given as text. */
export function clueFeatures(x: SimilarityText): ClueFeatures {
  const a = analyze(x.content);
  return buildFeatures(a.words, a.concepts.map((c) => c.key), [...a.places, ...placesOfField(x.place)], a.references, x.category ?? null, x.villageId ?? null);
}

/** Features of a stored clue, from the tokens the index holds (no segmentation per candidate). */
export function storedClueFeatures(row: { search_tokens: string; place: string | null; category: ClueCategory | null; village_id: number | null }): ClueFeatures {
  const s = parseSearchTokens(row.search_tokens);
  return buildFeatures(s.words, s.concepts, [...s.places, ...placesOfField(row.place)], s.references, row.category, row.village_id);
}

/**
 * Place evidence: same/near (the same spot named on both sides), partial (a spot of one is only a
 * reference point of the other), area (same village, no spot named on both), unknown (one side names no
 * place), apart (a spot on one side, another village on the other), conflict (different spots, or
 * different villages).
 */
export type PlaceEvidence = 'same' | 'near' | 'partial' | 'area' | 'unknown' | 'apart' | 'conflict';

export interface SimilarityResult {
  score: number;
  reason: string;
  /** The evidence, for tests and tuning. */
  evidence: { concept: number; conceptConflict: boolean; place: PlaceEvidence; text: number; category: -1 | 0 | 1; pProblem: number; pPlace: number };
  sharedConcepts: string[];
  sharedPlaces: string[];
  keywords: string[];
}

function conceptWeight(k: string): number {
  return isGenericConcept(k) ? 0.5 : 1;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function bestPlaceMatch(xs: Iterable<string>, ys: Iterable<string>): { kind: 'same' | 'near'; name: string } | null {
  let near: { kind: 'near'; name: string } | null = null;
  for (const x of xs) {
    for (const y of ys) {
      const m = placeMatch(x, y);
      if (m === 'same') return { kind: 'same', name: x };
      if (m && !near) near = { kind: 'near', name: x };
    }
  }
  return near;
}

function placeEvidence(fa: ClueFeatures, fb: ClueFeatures): { place: PlaceEvidence; name: string | null } {
  const spotsA = [...fa.places].filter((p) => !isAreaPlace(p));
  const spotsB = [...fb.places].filter((p) => !isAreaPlace(p));
  const spot = bestPlaceMatch(spotsA, spotsB);
  if (spot) return { place: spot.kind === 'same' ? 'same' : 'near', name: spot.name };
  if (spotsA.length && spotsB.length) {
    const ref = bestPlaceMatch([...fa.places, ...fa.references], [...fb.places, ...fb.references]);
    return ref ? { place: 'partial', name: ref.name } : { place: 'conflict', name: null };
  }
  const areasA = [...fa.places].filter(isAreaPlace);
  const areasB = [...fb.places].filter(isAreaPlace);
  if (fa.villageId && fb.villageId && fa.villageId !== fb.villageId) return { place: 'conflict', name: null };
  const area = bestPlaceMatch(areasA, areasB);
  if (area || (fa.villageId && fa.villageId === fb.villageId)) return { place: 'area', name: area?.name ?? null };
  if (areasA.length && areasB.length) return { place: 'conflict', name: null };
  if ((spotsA.length || areasA.length) && (spotsB.length || areasB.length)) return { place: 'apart', name: null };
  return { place: 'unknown', name: null };
}

/** Log-odds that the place is the same, by evidence. */
const PLACE_LOGIT: Record<PlaceEvidence, number> = { same: 3, near: 2, partial: -1.5, area: 0.8, unknown: 0.4, apart: -1.2, conflict: -3 };

/**
 * How likely two reports are the same problem at the same place (0..1), with a short Chinese reason.
 * Pure: texts are analysed, features are compared as given.
 */
export function scoreSimilarity(a: ClueFeatures | SimilarityText, b: ClueFeatures | SimilarityText): SimilarityResult {
  const fa = 'content' in a ? clueFeatures(a) : a;
  const fb = 'content' in b ? clueFeatures(b) : b;

  // Problem: the concepts both name.
  const sharedConcepts = [...fa.concepts].filter((c) => fb.concepts.has(c));
  const sum = (xs: Iterable<string>) => [...xs].reduce((s, k) => s + conceptWeight(k), 0);
  const conceptTotal = Math.min(sum(fa.concepts), sum(fb.concepts));
  const concept = conceptTotal > 0 ? sum(sharedConcepts) / conceptTotal : 0;
  const conceptConflict = fa.concepts.size > 0 && fb.concepts.size > 0 && sharedConcepts.length === 0;

  const { place, name: placeName } = placeEvidence(fa, fb);

  // Text: the part of the shorter report the longer one covers, and the symmetric overlap.
  let shared = 0;
  let ta = 0;
  let tb = 0;
  const common: [string, number][] = [];
  for (const [w, wt] of fa.words) {
    ta += wt;
    if (fb.words.has(w)) {
      shared += wt;
      common.push([w, wt]);
    }
  }
  for (const wt of fb.words.values()) tb += wt;
  const text = ta && tb ? 0.5 * (shared / Math.min(ta, tb)) + 0.5 * (shared / Math.sqrt(ta * tb)) : 0;

  const category: -1 | 0 | 1 = fa.category && fb.category ? (fa.category === fb.category ? 1 : -1) : 0;

  let problem = 4 * (text - 0.25) + 0.3 * category;
  if (conceptConflict) problem -= 3;
  else if (concept > 0) problem += 1.5 + 2 * concept;
  else if (fa.concepts.size || fb.concepts.size) problem -= 0.5;
  const pProblem = sigmoid(problem);
  const pPlace = sigmoid(PLACE_LOGIT[place] + 1.5 * (text - 0.2));
  const score = Math.round(pProblem * pPlace * 1000) / 1000;

  common.sort((x, y) => y[1] - x[1]);
  const keywords: string[] = [];
  for (const [w] of common) {
    if (keywords.length >= 3) break;
    if (keywords.some((k) => k.includes(w) || w.includes(k))) continue;
    keywords.push(w);
  }
  const parts = ['同一乡镇'];
  if ((place === 'same' || place === 'near') && placeName) parts.push(`同一地点（${placeName}）`);
  else if (place === 'area') parts.push(placeName ? `同一村（${placeName}）` : '同一村');
  if (sharedConcepts.length) parts.push(`同类问题（${sharedConcepts.slice(0, 2).map(conceptLabel).join('、')}）`);
  else if (category === 1) parts.push('同一类别');
  if (keywords.length) parts.push(`关键词：${keywords.join('、')}`);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    score,
    reason: parts.join('、'),
    evidence: { concept: r3(concept), conceptConflict, place, text: r3(text), category, pProblem: r3(pProblem), pPlace: r3(pPlace) },
    sharedConcepts,
    sharedPlaces: placeName ? [placeName] : [],
    keywords,
  };
}

/** The rarest words of a report, for finding candidates that share one. */
function rareWords(f: ClueFeatures, n: number): string[] {
  return [...f.words.entries()].filter(([w]) => [...w].length >= 2).sort((x, y) => y[1] - x[1]).slice(0, n).map(([w]) => w);
}

/**
 * Clues of the tenant's township that the scorer judges the same problem as `input`, best first.
 * Uses the (tenant_id, township_id, state) index and the full-text index; never reads another tenant.
 */
export async function findSimilarClues(db: Db, tenantId: number, input: SimilarInput, limit = 5): Promise<SimilarClue[]> {
  const query = clueFeatures({ content: input.content, place: input.place, category: input.category, villageId: input.villageId });
  const terms = [
    ...[...query.concepts].map((c) => CONCEPT_PREFIX + c),
    ...[...query.places].flatMap((p) => [PLACE_PREFIX + p, p]),
    ...rareWords(query, 8),
  ];
  const since = new Date(Date.now() - CANDIDATE_DAYS * 86_400_000).toISOString();
  let q = db.selectFrom('clues as c')
    .select(['c.id', 'c.code', 'c.category', 'c.village_id', 'c.place', 'c.search_tokens'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.township_id', '=', input.townshipId)
    .where('c.created_at', '>=', since);
  q = input.openOnly ? q.where('c.state', 'in', OPEN_CLUE_STATES) : q.where('c.state', '!=', 'merged');
  if (input.excludeId) q = q.where('c.id', '!=', input.excludeId);
  const term = anyOf(terms);
  if (term) q = q.where(ftsTermMatch(db, 'clues', 'c', term));
  const rows = await q.orderBy('c.id', 'desc').limit(term ? MAX_CANDIDATES : 50).execute();

  const scored: SimilarClue[] = [];
  for (const row of rows) {
    const r = scoreSimilarity(query, storedClueFeatures(row));
    if (r.score >= SAME_PROBLEM_THRESHOLD) scored.push({ id: row.id, code: row.code, score: r.score, reason: r.reason });
  }
  scored.sort((x, y) => y.score - x.score || y.id - x.id);
  return scored.slice(0, limit);
}

