/**
 * The county's decisions on pairs of clues and the pair weights refitted from them (clues.learning.ts):
 * recorded when staff merge a clue (a positive pair, from the merge transition) or mark a suggestion
 * 不是同一问题 (a negative one, POST /clues/not-same); read by findSimilarClues. Each process keeps a county's
 * fitted weights for PAIR_WEIGHTS_TTL_MS, and forgets them at once after a decision it recorded itself.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { notFound, invalid } from '../../platform/errors.ts';
import { DEFAULT_PAIR_WEIGHTS, PAIR_FEATURES, learnPairWeights, pairFeatures, type LearnedPairWeights } from './clues.learning.ts';
import { mergedPlaceNames, scoreSimilarity, storedClueFeatures } from './clues.similar.ts';
import { learnPlaceAlias } from './clues.gazetteer.ts';
import { countyAnalyzer } from './clues.analyzer.ts';
import './clues.learning.table.ts';

/** Decisions before the county's own weights are used (fewer move the model too little to matter). */
export const MIN_DECISIONS = 5;
const MAX_DECISIONS = 2_000;
const PAIR_WEIGHTS_TTL_MS = 60_000;

export interface CountyPairWeights extends LearnedPairWeights {
  decisions: number;
  merges: number;
}

const cache = new Map<number, { at: number; done: Promise<CountyPairWeights> }>();

export function forgetPairWeights(tenantId: number): void {
  cache.delete(tenantId);
}

async function fitCounty(db: Db, tenantId: number): Promise<CountyPairWeights> {
  const rows = await db.selectFrom('clue_pair_decisions').select(['same', 'features']).where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc').limit(MAX_DECISIONS).execute();
  const examples = rows.flatMap((r) => {
    const x = JSON.parse(r.features) as number[];
    return x.length === DEFAULT_PAIR_WEIGHTS.length ? [{ x, y: (r.same ? 1 : 0) as 0 | 1 }] : [];
  });
  const merges = examples.filter((e) => e.y).length;
  return { ...learnPairWeights(examples, MIN_DECISIONS), decisions: examples.length, merges };
}

/** The county's pair weights: the shipped defaults until MIN_DECISIONS decisions, then refitted from them when the refit predicts held-out decisions better. */
export function countyPairWeights(db: Db, tenantId: number): Promise<CountyPairWeights> {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < PAIR_WEIGHTS_TTL_MS) return hit.done;
  const done = fitCounty(db, tenantId);
  cache.set(tenantId, { at: Date.now(), done });
  done.catch(() => cache.delete(tenantId));
  return done;
}

type Reader = Kysely<Database> | Transaction<Database>;

/**
 * Records a decision on a pair of the county's clues (the last decision on a pair stands), with the pair's
 * evidence as scored now. Returns false when either clue is not the county's.
 */
export async function recordPairDecision(db: Reader, tenantId: number, a: number, b: number, same: boolean, actor?: { id: number; name: string } | null): Promise<boolean> {
  if (a === b) return false;
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const rows = await db.selectFrom('clues').select(['id', 'search_tokens', 'place', 'category', 'village_id']).where('tenant_id', '=', tenantId)
    .where('id', 'in', [lo, hi]).execute();
  if (rows.length !== 2) return false;
  const an = await countyAnalyzer(db, tenantId);
  const r = scoreSimilarity(storedClueFeatures(rows[0], an), storedClueFeatures(rows[1], an));
  await db.deleteFrom('clue_pair_decisions').where('tenant_id', '=', tenantId).where('clue_id', '=', lo).where('other_id', '=', hi).execute();
  await db.insertInto('clue_pair_decisions').values({
    tenant_id: tenantId, clue_id: lo, other_id: hi, same: same ? 1 : 0, features: JSON.stringify(pairFeatures(r)), score: r.score,
    decided_by: actor?.id ?? null, decided_by_name: actor?.name ?? null, created_at: new Date().toISOString(),
  }).execute();
  forgetPairWeights(tenantId);
  return true;
}

/**
 * A staff merge of `merged` into `target` whose reports name one spot each, read as two places: the county's gazetteer
 * learns that the two names are one place (learnPlaceAlias), noted with the two clues' codes.
 */
export async function learnPlaceFromMerge(db: Kysely<Database>, src: { tenantId: number; actor: { id: number; name: string }; ip: string | null }, merged: number, target: number) {
  const rows = await db.selectFrom('clues').select(['id', 'code', 'search_tokens', 'content', 'place', 'category', 'village_id']).where('tenant_id', '=', src.tenantId)
    .where('id', 'in', [merged, target]).execute();
  const [t, m] = [rows.find((r) => r.id === target), rows.find((r) => r.id === merged)];
  if (!t || !m) return null;
  const an = await countyAnalyzer(db, src.tenantId);
  // Names already one entry's are left as they are by learnPlaceAlias.
  const names = mergedPlaceNames(storedClueFeatures(t, an), storedClueFeatures(m, an));
  return names ? learnPlaceAlias(db, src, names, `合并线索 ${m.code} 与 ${t.code} 时学得`) : null;
}

/** 不是同一问题: staff say a suggested clue is another problem; audited in the same transaction. */
export async function markNotSame(db: Kysely<Database>, ctx: { tenantId: number; actor: { id: number; name: string }; ip: string }, body: { clueId: number; otherId: number }) {
  if (body.clueId === body.otherId) throw invalid([{ path: 'otherId', message: '不能与线索本身比较' }]);
  await db.transaction().execute(async (trx) => {
    if (!(await recordPairDecision(trx, ctx.tenantId, body.clueId, body.otherId, false, ctx.actor))) throw notFound('线索');
    await writeAudit(trx, { tenantId: ctx.tenantId, actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, action: 'clue.not_same', entity: 'clue',
      entityId: body.clueId, summary: '标记为不是同一问题', after: body });
  });
  forgetPairWeights(ctx.tenantId);
  return { ok: true as const };
}

/** What the county's similar-clue model has learned: decisions, the weights against the defaults, the latest decisions. */
export async function learningSummary(db: Db, tenantId: number) {
  forgetPairWeights(tenantId);
  const model = await countyPairWeights(db, tenantId);
  const recent = await db.selectFrom('clue_pair_decisions as d')
    .innerJoin('clues as a', (j) => j.onRef('a.id', '=', 'd.clue_id').on('a.tenant_id', '=', tenantId))
    .innerJoin('clues as b', (j) => j.onRef('b.id', '=', 'd.other_id').on('b.tenant_id', '=', tenantId))
    .select(['d.id', 'd.same', 'd.score', 'd.decided_by_name', 'd.created_at', 'a.code as clueCode', 'b.code as otherCode', 'a.content as clueContent', 'b.content as otherContent'])
    .where('d.tenant_id', '=', tenantId).orderBy('d.id', 'desc').limit(20).execute();
  return {
    decisions: model.decisions, merges: model.merges, notSame: model.decisions - model.merges, minDecisions: MIN_DECISIONS,
    learned: model.adopted, heldOut: model.heldOut,
    features: PAIR_FEATURES.map((label, i) => ({ label, weight: model.weights[i], default: DEFAULT_PAIR_WEIGHTS[i] })),
    recent: recent.map((r) => ({ id: r.id, same: r.same === 1, score: r.score, by: r.decided_by_name, at: r.created_at, clueCode: r.clueCode, otherCode: r.otherCode,
      clueContent: r.clueContent.slice(0, 60), otherContent: r.otherContent.slice(0, 60) })),
  };
}
