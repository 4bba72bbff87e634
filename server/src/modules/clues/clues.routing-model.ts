/**
 * Which function (UNIT_DUTIES) a report is for, read from its text: a multinomial naive Bayes over its words
 * (jieba, as indexed) and character pairs, with the citizen's category as one more feature. It starts from
 * the shipped corpus (clues.vocabulary/routing-corpus.ts) and adds, per county, what staff did: every clue
 * forwarded to a unit is a labelled example of that unit's function (a unit with no known function is a class
 * of its own), so a correction — forwarding elsewhere than suggested — is learned the same way.
 * The county's rules are applied by clues.unit-suggestions.ts and win over this model.
 */
import { UNIT_DUTIES, type UnitDuty } from '@xs/core/schemas/orgs.ts';
import type { ClueCategory } from '@xs/core/schemas/clues.ts';
import type { Db } from '../../db/database.ts';
import { CLUE_CONCEPT_MATCHER, shippedAnalyzer } from './clues.analyzer.ts';
import { hanPairs, normalizeText } from '../../platform/search/normalize.ts';
import { CONCEPT_DUTIES } from './clues.vocabulary/concept-duties.ts';
import { isBoilerplate } from '../../platform/search/weights.ts';
import { ROUTING_CORPUS, ROUTING_CORPUS_VERSION } from './clues.vocabulary/routing-corpus.ts';
import { DUTY_NAME_MARKERS } from './clues.vocabulary/unit-duties.ts';

/** A class: a duty key, or `u<id>` for a unit whose function is not known. */
export type RouteClass = string;

/** The function of a unit: as set in the unit form, a township government's, or read from its name. */
export function dutyOfUnit(u: { name: string; kind?: string | null; duty?: string | null }): UnitDuty | null {
  if (u.duty && u.duty in UNIT_DUTIES) return u.duty as UnitDuty;
  if (u.kind === 'township_gov') return 'township';
  for (const [duty, markers] of DUTY_NAME_MARKERS) if (markers.some((m) => u.name.includes(m))) return duty;
  return null;
}

const CATEGORY_FEATURE = '#类';
const CONCEPT_FEATURE = '@';
/** Corpus sentences a concept's usual function (CONCEPT_DUTIES) counts as. */
const CONCEPT_WEIGHT = 8;
/**
 * Words a problem the report names counts as (煤改电补贴 against 补贴, 钱, 老百姓 that speak for 人社 and 民政): a concept
 * is read from several words in their order, so it says more than any one of them. Twenty-two sets: reports under a
 * wrong category routed right 403 → 421 of 482, top-1 with 其他 0.937 → 0.945; the confidence shown stays near what it
 * says (shown 80–90 %: right 87 %; 90–95 %: 93 %).
 */
const CONCEPT_EVIDENCE_WEIGHT = 2;

/**
 * The features of a report: its words without the wording every report shares (来电人反映、请求尽快、存在安全
 * 隐患: weights.ts isBoilerplate), the character pairs of those words in sequence (#xy), the category
 * (#类roads) and the problem concepts it names (@streetlight), once each.
 */
export function routeFeatures(text: string, category: ClueCategory | null | undefined): Set<string> {
  const kept: string[] = [];
  for (const w of shippedAnalyzer().tokenize(text)) if (!isBoilerplate(w) && !/^\d+$/.test(w)) kept.push(w);
  const out = new Set<string>(kept);
  // Character pairs inside each kept word (the space between two words breaks a pair).
  for (const p of hanPairs(kept.join(' '))) out.add(`#${p}`);
  if (category && category !== 'other') out.add(CATEGORY_FEATURE + category);
  for (const k of CLUE_CONCEPT_MATCHER.conceptsOf(normalizeText(text))) out.add(CONCEPT_FEATURE + k);
  return out;
}

interface Counts {
  docs: Map<RouteClass, number>;
  feats: Map<RouteClass, Map<string, number>>;
  totals: Map<RouteClass, number>;
  vocab: Set<string>;
}
const emptyCounts = (): Counts => ({ docs: new Map(), feats: new Map(), totals: new Map(), vocab: new Set() });

function learn(c: Counts, cls: RouteClass, features: Iterable<string>, weight = 1): void {
  c.docs.set(cls, (c.docs.get(cls) ?? 0) + weight);
  let m = c.feats.get(cls);
  if (!m) c.feats.set(cls, (m = new Map()));
  let n = 0;
  for (const f of features) {
    m.set(f, (m.get(f) ?? 0) + weight);
    c.vocab.add(f);
    n += weight;
  }
  c.totals.set(cls, (c.totals.get(cls) ?? 0) + n);
}

let base: Counts | null = null;
/** The shipped corpus as counts (built once). */
function baseCounts(): Counts {
  if (base) return base;
  const c = emptyCounts();
  for (const [duty, { categories, examples }] of Object.entries(ROUTING_CORPUS)) {
    for (const [i, e] of examples.entries()) learn(c, duty, routeFeatures(e, categories[i % categories.length]));
  }
  // A report that names the unit it wants (请环保部门查处, 城管能不能管一下) says so: the names of each function.
  for (const [duty, markers] of DUTY_NAME_MARKERS) learn(c, duty, routeFeatures(markers.join(' '), null), 2);
  // The problem concepts' usual functions: a report naming 缺斤少两 in words no sentence has is still 市场监管's.
  for (const [k, duty] of Object.entries(CONCEPT_DUTIES)) learn(c, duty, [CONCEPT_FEATURE + k], CONCEPT_WEIGHT);
  return (base = c);
}

/** Weight of one of the county's own forwards against one corpus sentence. */
const COUNTY_WEIGHT = 2;
/** The county's newest forwards the model learns from. */
const COUNTY_EXAMPLES = 5_000;
const COUNTY_TTL_MS = 60_000;

interface CountyModel {
  at: number;
  counts: Counts;
  /** Forwards learned from. */
  decisions: number;
}
const county = new Map<number, { at: number; done: Promise<CountyModel> }>();

/** Drop a county's learned counts (after a forward or a correction), so the next suggestion re-reads them. */
export function forgetRoutingModel(tenantId: number): void {
  county.delete(tenantId);
}

/** Features of forwarded clues by tenant and id: a forward drops the county's counts, and re-reading 5,000 clues' features each time took ~0.3 s. */
const featureCache = new Map<string, { content: string; category: ClueCategory | null; features: Set<string> }>();
const FEATURE_CACHE_SIZE = 50_000;

function cachedRouteFeatures(tenantId: number, r: { id: number; content: string; category: ClueCategory | null }): Set<string> {
  const key = `${tenantId}:${r.id}`;
  const hit = featureCache.get(key);
  if (hit && hit.content === r.content && hit.category === r.category) return hit.features;
  const features = routeFeatures(r.content, r.category);
  if (featureCache.size >= FEATURE_CACHE_SIZE) featureCache.delete(featureCache.keys().next().value!);
  featureCache.set(key, { content: r.content, category: r.category, features });
  return features;
}

async function loadCounty(db: Db, tenantId: number, unitClass: Map<number, RouteClass>): Promise<CountyModel> {
  const rows = await db.selectFrom('clues').select(['id', 'unit_id', 'content', 'category'])
    .where('tenant_id', '=', tenantId).where('unit_id', 'is not', null).orderBy('id', 'desc').limit(COUNTY_EXAMPLES).execute();
  const counts = emptyCounts();
  let decisions = 0;
  for (const r of rows) {
    const cls = unitClass.get(r.unit_id!);
    if (!cls) continue;
    learn(counts, cls, cachedRouteFeatures(tenantId, r), COUNTY_WEIGHT);
    decisions++;
  }
  return { at: Date.now(), counts, decisions };
}

/** The county's learned counts, re-read after COUNTY_TTL_MS (each process keeps its own; nothing is shared across counties). */
export function countyRoutingModel(db: Db, tenantId: number, unitClass: Map<number, RouteClass>): Promise<CountyModel> {
  const hit = county.get(tenantId);
  if (hit && Date.now() - hit.at < COUNTY_TTL_MS) return hit.done;
  const done = loadCounty(db, tenantId, unitClass);
  county.set(tenantId, { at: Date.now(), done });
  done.catch(() => county.delete(tenantId));
  return done;
}

export interface RoutePrediction {
  cls: RouteClass;
  /** Posterior probability among the classes asked about. */
  p: number;
  /** The report's words that speak most for this class against the others. */
  evidence: string[];
}

const ALPHA = 0.5;
/**
 * How far the posterior is tempered: a word weighed against the other functions moves the log-odds about twice as far as
 * plain naive Bayes did, so the confidence shown was too high (of the twenty sets' top-1 suggestions shown at 70–80 %, 71 %
 * were right). At 0.6 those shown at 50–70 % are right 70 % of the time, 70–80 % 81 %, 80–90 % 87 %, 90–95 % 94 %, 95–99 %
 * 97 % (bench/README §6); the ranking does not depend on it.
 */
const TEMPER = 0.6;
/**
 * The citizen's category weighs three quarters of a word: it is one feature, not the answer, and the corpus files every
 * sentence under its usual category, so at full weight a report filed under the wrong one (a canal's leak under 农业农村)
 * was pulled to that category's unit. On the twenty labelled sets, cold: reports under a wrong category (or 其他) routed
 * right 342 → 357 of 431, top-1 with the category 0.953 → 0.954 (mean), the worst set 0.904 → 0.914 (bench/README §6).
 */
const CATEGORY_WEIGHT = 0.75;
/** County examples of a class at which they weigh as much as the corpus. */
const COUNTY_HALF = 60;

/**
 * The classes ranked for a report's features: naive Bayes over corpus + county counts, each feature's likelihood under
 * the class against its likelihood under the other classes asked about (one against the rest: a word common to several
 * functions, 补助 or 水, counts for none of them much, where plain naive Bayes let the class with the fewest words win
 * it), uniform prior over the classes given (those with a unit in the county), posterior tempered (NB is overconfident
 * with many correlated features) so that the confidence shown is usable. Against plain naive Bayes on the eighteen
 * labelled sets, cold: top-1 with the category 0.938 → 0.948, with 其他 0.898 → 0.911, top-3 with 其他 0.978 → 0.980
 * (bench/README §6).
 */
export function predictRoute(features: Set<string>, classes: RouteClass[], learned: Counts | null): RoutePrediction[] {
  const b = baseCounts();
  const vocab = b.vocab.size + (learned?.vocab.size ?? 0);
  const known = [...features].filter((f) => b.vocab.has(f) || learned?.vocab.has(f));
  // The county's own examples weigh more as it has more of them for a class (half at COUNTY_HALF).
  const weightOf = (cls: RouteClass) => {
    const docs = (learned?.docs.get(cls) ?? 0) / COUNTY_WEIGHT;
    return b.docs.has(cls) ? docs / (docs + COUNTY_HALF) : 1;
  };
  const w = classes.map(weightOf);
  const bTotal = classes.map((cls) => b.totals.get(cls) ?? 0);
  const lTotal = classes.map((cls) => learned?.totals.get(cls) ?? 0);
  const bAll = bTotal.reduce((a, x) => a + x, 0);
  const lAll = lTotal.reduce((a, x) => a + x, 0);
  const ll = classes.map(() => 0);
  const contrib: [string, number][][] = classes.map(() => []);
  for (const f of known) {
    const nb = classes.map((cls) => b.feats.get(cls)?.get(f) ?? 0);
    const nl = classes.map((cls) => learned?.feats.get(cls)?.get(f) ?? 0);
    const nbAll = nb.reduce((a, x) => a + x, 0);
    const nlAll = nl.reduce((a, x) => a + x, 0);
    const weight = f.startsWith(CATEGORY_FEATURE) ? CATEGORY_WEIGHT : f.startsWith(CONCEPT_FEATURE) ? CONCEPT_EVIDENCE_WEIGHT : 1;
    for (let k = 0; k < classes.length; k++) {
      const own = (1 - w[k]) * ((nb[k] + ALPHA) / (bTotal[k] + ALPHA * vocab)) + w[k] * ((nl[k] + ALPHA) / (lTotal[k] + ALPHA * vocab));
      const rest = (1 - w[k]) * ((nbAll - nb[k] + ALPHA) / (bAll - bTotal[k] + ALPHA * vocab)) + w[k] * ((nlAll - nl[k] + ALPHA) / (lAll - lTotal[k] + ALPHA * vocab));
      const odds = weight * (Math.log(own) - Math.log(rest));
      ll[k] += odds;
      // What speaks for this function more than for the others (文化站, 锣鼓), not what is merely frequent everywhere (不, 想).
      if (odds > 0 && nb[k] + nl[k] > 0) contrib[k].push([f, odds]);
    }
  }
  const temper = TEMPER / Math.max(1, Math.sqrt(known.length) / 2);
  const max = Math.max(...ll);
  const exps = ll.map((x) => Math.exp((x - max) * temper));
  const z = exps.reduce((a, x) => a + x, 0);
  return classes.map((cls, k) => ({
    cls,
    p: exps[k] / z,
    // A concept's label may be one of the words (停车): said once.
    evidence: [...new Set(contrib[k].filter(([f]) => !f.startsWith('#')).sort((x, y) => y[1] - x[1])
      .map(([f]) => (f.startsWith(CONCEPT_FEATURE) ? CLUE_CONCEPT_MATCHER.label(f.slice(CONCEPT_FEATURE.length)) : f)))].slice(0, 3),
  })).sort((x, y) => y.p - x.p);
}

export { ROUTING_CORPUS_VERSION };
