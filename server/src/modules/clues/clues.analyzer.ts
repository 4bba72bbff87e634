/**
 * The clue module's analyzers (platform/search/segment.ts `Analyzer`): the shipped one (clue phrases and problem
 * concepts, no county) and one per county, which adds the county's townships and villages (orgs), its gazetteer
 * places with their aliases and its own words (clue_lexicon, clues.gazetteer.ts). A county's words apply to its own
 * text only. Kept per county and database (dbIdentity, as the settings cache is), read again after
 * ANALYZER_TTL_MS (a village added in the org tree) and at once when the county's gazetteer changes
 * (forgetCountyAnalyzer). Its `version` is the county's index version (clues.jobs.ts re-indexes when it changes).
 */
import type { Db } from '../../db/database.ts';
import { dbIdentity } from '../../platform/db-identity.ts';
import { Analyzer, type AnalyzerSpec } from '../../platform/search/segment.ts';
import { ConceptMatcher } from '../../platform/search/vocabulary.ts';
import { CLUE_CONCEPTS, CLUE_QUALIFIERS } from './clues.vocabulary/concepts.ts';
import { CLUE_PHRASES } from './clues.vocabulary/phrases.ts';
import { countyLexicon } from './clues.gazetteer.ts';

/** The shipped problem concepts (labels and kinds are the same in every county; a county only adds words). */
export const CLUE_CONCEPT_MATCHER = new ConceptMatcher(CLUE_CONCEPTS, new Map(), CLUE_QUALIFIERS);

export interface CountyNames extends Omit<AnalyzerSpec, 'concepts'> {
  /** The county's own words for a concept (dialect): concept key → words. */
  conceptWords?: ReadonlyMap<string, readonly string[]>;
}

/** The clue analyzer for the given names (tests and benches without a database; the county's comes from countyAnalyzer). */
export function clueAnalyzer(county: CountyNames = {}): Analyzer {
  const extra = county.conceptWords ?? new Map<string, readonly string[]>();
  const concepts = extra.size ? new ConceptMatcher(CLUE_CONCEPTS, extra, CLUE_QUALIFIERS) : CLUE_CONCEPT_MATCHER;
  return new Analyzer({ ...county, words: [...CLUE_PHRASES, ...(county.words ?? []), ...[...extra.values()].flat()], concepts });
}

let shipped: Analyzer | null = null;

/** The clue analyzer without any county's names. */
export function shippedAnalyzer(): Analyzer {
  return (shipped ??= clueAnalyzer());
}

interface Entry {
  at: number;
  db: object;
  done: Promise<Analyzer>;
}
const cache = new Map<number, Entry>();
/** The analyzer last built for a tenant id, for callers that hold no database handle (see loadedAnalyzer). */
const latest = new Map<number, Analyzer>();
const ANALYZER_TTL_MS = 10 * 60_000;
const CACHE_SIZE = 500;

/** Build the county's analyzer again on next use (its gazetteer or words changed). */
export function forgetCountyAnalyzer(tenantId: number): void {
  cache.delete(tenantId);
}

/** What shapes a county's tokens: its own name, its township and village names, gazetteer names and aliases, own words. */
async function countySpec(db: Db, tenantId: number) {
  const [orgs, lexicon] = await Promise.all([
    db.selectFrom('orgs').select(['name', 'kind']).where('tenant_id', '=', tenantId).where('kind', 'in', ['county', 'township', 'village']).execute(),
    countyLexicon(db, tenantId),
  ]);
  return {
    county: orgs.find((o) => o.kind === 'county')?.name,
    townships: orgs.filter((o) => o.kind === 'township').map((o) => o.name),
    villages: orgs.filter((o) => o.kind === 'village').map((o) => o.name),
    places: lexicon.names,
    words: lexicon.words,
    conceptWords: lexicon.conceptWords,
  };
}

/**
 * The county's analyzer, built once per county and database. `fresh` reads the county's names now and rebuilds
 * only if they changed (the re-index job and the index version use it).
 */
export function countyAnalyzer(db: Db, tenantId: number, fresh = false): Promise<Analyzer> {
  const hit = cache.get(tenantId);
  if (!fresh && hit && hit.db === dbIdentity(db) && Date.now() - hit.at < ANALYZER_TTL_MS) return hit.done;
  const done = (async () => {
    const built = clueAnalyzer(await countySpec(db, tenantId));
    // An unchanged county keeps its analyzer (and what it memoised).
    const before = hit && hit.db === dbIdentity(db) ? await hit.done.catch(() => null) : null;
    const an = before && before.version === built.version ? before : built;
    latest.set(tenantId, an);
    return an;
  })();
  cache.delete(tenantId);
  cache.set(tenantId, { at: Date.now(), db: dbIdentity(db), done });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  if (latest.size > CACHE_SIZE) latest.delete(latest.keys().next().value!);
  done.catch(() => cache.delete(tenantId));
  return done;
}

/**
 * The analyzer last loaded for a tenant (countyAnalyzer / ensurePlaceNames), or the shipped one. For the callers
 * that load the county's analyzer and then build tokens without passing it on; in production there is one
 * database, so the tenant id names one county. Code that has the analyzer passes it.
 */
export function loadedAnalyzer(tenantId?: number | null): Analyzer {
  return (tenantId ? latest.get(tenantId) : undefined) ?? shippedAnalyzer();
}
