/**
 * A generic vocabulary matcher: named concepts given as data — plain phrases, and simple patterns of words in
 * order — found in normalised text (normalize.ts). A module owns its vocabulary (the clue module's problem concepts
 * live in clues.vocabulary/); this file knows no concept of its own.
 *
 * A pattern is a sequence of steps. Each step is one of its words, right after the previous step or within a
 * window of characters (which may exclude some characters), optionally skipped, and vetoed by words that end just
 * before it or start just after it. A concept is found when one of its phrases occurs or one of its patterns
 * matches anywhere. Patterns are tried every way (all words, all gaps), so the data means what it says.
 */
import { createHash } from 'node:crypto';
import { hanPairs, normalizeText } from './normalize.ts';
import type { ConceptTable } from './segment.ts';

export interface VocabularyStep {
  /** One of these words. */
  any: readonly string[];
  /** Up to this many characters between the previous step and this one (0: adjacent). */
  within?: number;
  /** Characters the window may not contain. */
  windowStops?: string;
  /** The step may be left out. */
  optional?: boolean;
  /** Not when the text just before the word ends with one of these. */
  notBefore?: readonly string[];
  /** Not when the text just after the word starts with one of these. */
  notAfter?: readonly string[];
}

export interface VocabularyConcept {
  key: string;
  label: string;
  /** Broad (物业, 交通拥堵): sharing it is weaker evidence than sharing a specific one. */
  generic?: boolean;
  /** A kind of place with sub-problems (school-gate traffic). */
  broad?: boolean;
  /** Words that name the concept wherever they occur. */
  phrases: readonly string[];
  patterns?: readonly (readonly VocabularyStep[])[];
  /** Sentences that must and must not name it (tests run them; they shape no token). */
  examples?: { positive: readonly string[]; negative: readonly string[] };
}

export interface ConceptHit {
  key: string;
  start: number;
  end: number;
}

const endsWithAny = (text: string, at: number, words: readonly string[] | undefined) => !!words?.some((w) => at >= w.length && text.startsWith(w, at - w.length));
const startsWithAny = (text: string, at: number, words: readonly string[] | undefined) => !!words?.some((w) => text.startsWith(w, at));

/** The ends (exclusive) where steps[i..] can match when step i may start at `from` (after the window rule of step i). */
function matchSteps(text: string, steps: readonly VocabularyStep[], i: number, from: number, first: boolean): number | null {
  if (i === steps.length) return from;
  const s = steps[i];
  const window = first ? 0 : (s.within ?? 0);
  // The widest window first (as a greedy regular expression would): a match covers all the words it spans.
  let widest = Math.min(window, text.length - from);
  if (s.windowStops) for (let g = 0; g < widest; g++) if (s.windowStops.includes(text[from + g])) widest = g;
  for (let gap = widest; gap >= 0; gap--) {
    const at = from + gap;
    if (endsWithAny(text, at, s.notBefore)) continue;
    for (const w of s.any) {
      if (!text.startsWith(w, at) || startsWithAny(text, at + w.length, s.notAfter)) continue;
      const end = matchSteps(text, steps, i + 1, at + w.length, false);
      if (end !== null) return end;
    }
  }
  if (s.optional) return matchSteps(text, steps, i + 1, from, first);
  return null;
}

/** The first match of a pattern starting at `at`, as its end, or null. */
function matchAt(text: string, steps: readonly VocabularyStep[], at: number): number | null {
  return matchSteps(text, steps, 0, at, true);
}

/** Candidate starts of a pattern: where one of its leading words (up to the first required step) occurs. */
function leadingWords(steps: readonly VocabularyStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    out.push(...s.any);
    if (!s.optional) break;
  }
  return out;
}

interface Compiled {
  key: string;
  phrases: string[];
  patterns: { steps: readonly VocabularyStep[]; lead: string[] }[];
}

/** The version of vocabulary data: what shapes tokens (keys, kinds, phrases, patterns), not labels or examples. */
export function vocabularyVersion(concepts: readonly VocabularyConcept[], extra: ReadonlyMap<string, readonly string[]> = new Map()): string {
  const shape = concepts.map((c) => [c.key, !!c.generic, !!c.broad, c.phrases, c.patterns ?? [], [...(extra.get(c.key) ?? [])].sort()]);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

/** Smoothing of closestConcept's naive Bayes. */
const GUESS_ALPHA = 0.1;

/** Concepts as data, matched in normalised text; `extra` adds words to concepts (a county's own). */
export class ConceptMatcher implements ConceptTable {
  readonly version: string;
  private readonly byKey: Map<string, VocabularyConcept>;
  private readonly compiled: Compiled[];

  readonly qualifiers: ReadonlySet<string>;

  /**
   * `extra`: words added to concepts (a county's own); `qualifiers`: words that only qualify a problem, which a
   * full-text query joins to the concept's words (they shape queries, not stored tokens).
   */
  constructor(readonly concepts: readonly VocabularyConcept[], extra: ReadonlyMap<string, readonly string[]> = new Map(), qualifiers: readonly string[] = []) {
    this.version = vocabularyVersion(concepts, extra);
    this.qualifiers = new Set(qualifiers);
    this.byKey = new Map(concepts.map((c) => [c.key, c]));
    this.compiled = concepts.map((c) => ({
      key: c.key,
      phrases: [...c.phrases, ...(extra.get(c.key) ?? [])],
      patterns: (c.patterns ?? []).map((steps) => ({ steps, lead: leadingWords(steps) })),
    }));
  }

  label(key: string): string {
    return this.byKey.get(key)?.label ?? key;
  }

  isGeneric(key: string): boolean {
    return this.byKey.get(key)?.generic === true;
  }

  /** Generic or broad: sharing it alone does not make one problem of two that each name another. */
  isUmbrella(key: string): boolean {
    const c = this.byKey.get(key);
    return c?.generic === true || c?.broad === true;
  }

  /** Whether one concept is named in the text. */
  private found(c: Compiled, norm: string): boolean {
    for (const p of c.phrases) if (norm.includes(p)) return true;
    for (const p of c.patterns) {
      for (const w of p.lead) {
        for (let i = norm.indexOf(w); i >= 0; i = norm.indexOf(w, i + 1)) {
          // The pattern may begin before this word when leading steps are optional: try from each start up to it.
          if (matchAt(norm, p.steps, i) !== null) return true;
        }
      }
    }
    return false;
  }

  conceptsOf(norm: string): string[] {
    const out: string[] = [];
    for (const c of this.compiled) if (this.found(c, norm)) out.push(c.key);
    return out;
  }

  /** Every place a concept is named: each phrase occurrence and each pattern match (leftmost, not overlapping). */
  hits(norm: string): ConceptHit[] {
    const out: ConceptHit[] = [];
    for (const c of this.compiled) {
      const spans: [number, number][] = [];
      for (const p of c.phrases) for (let i = norm.indexOf(p); i >= 0; i = norm.indexOf(p, i + p.length)) spans.push([i, i + p.length]);
      for (const p of c.patterns) {
        for (let i = 0; i < norm.length; i++) {
          if (!p.lead.some((w) => norm.startsWith(w, i))) continue;
          const end = matchAt(norm, p.steps, i);
          if (end !== null && end > i) {
            spans.push([i, end]);
            i = end - 1;
          }
        }
      }
      spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      let last = -1;
      for (const [s, e] of spans) {
        if (s < last) continue;
        out.push({ key: c.key, start: s, end: e });
        last = e;
      }
    }
    return out;
  }

  private guessModel: { grams: Map<string, Map<string, number>>; logDenoms: Map<string, number>; known: Set<string> } | null = null;
  private readonly guesses = new Map<string, string | null>();

  /**
   * The concept whose words a text's character pairs are likeliest to come from (naive Bayes over each concept's phrases
   * and positive example sentences), for a text that names none in so many words: 欠钱不给 is most like 拖欠工资, 炮楼倒了
   * like 危房. A guess, not a finding: callers use it only where other evidence already agrees (the same place). Null when
   * none of its pairs is in any concept's words.
   */
  closestConcept(norm: string): string | null {
    const hit = this.guesses.get(norm);
    if (hit !== undefined) return hit;
    const m = (this.guessModel ??= this.buildGuessModel());
    const pairs = [...hanPairs(norm)].filter((g) => m.known.has(g));
    let best: string | null = null;
    let bestLl = -Infinity;
    if (pairs.length) {
      for (const [key, grams] of m.grams) {
        const denom = m.logDenoms.get(key)!;
        let ll = 0;
        for (const g of pairs) ll += Math.log((grams.get(g) ?? 0) + GUESS_ALPHA) - denom;
        if (ll > bestLl) [best, bestLl] = [key, ll];
      }
    }
    if (this.guesses.size >= 10_000) this.guesses.clear();
    this.guesses.set(norm, best);
    return best;
  }

  private buildGuessModel() {
    const grams = new Map<string, Map<string, number>>();
    const totals = new Map<string, number>();
    const vocab = new Set<string>();
    for (const c of this.concepts) {
      const counts = new Map<string, number>();
      let n = 0;
      for (const t of [...(c.examples?.positive ?? []), ...c.phrases.filter((p) => p.length >= 2)]) {
        for (const g of hanPairs(normalizeText(t))) {
          counts.set(g, (counts.get(g) ?? 0) + 1);
          vocab.add(g);
          n++;
        }
      }
      grams.set(c.key, counts);
      totals.set(c.key, n);
    }
    return { grams, logDenoms: new Map([...totals].map(([key, n]) => [key, Math.log(n + GUESS_ALPHA * vocab.size)])), known: vocab };
  }

  /** Each example sentence checked against its concept: `ok` when a positive names it and a negative does not. */
  exampleResults(): { key: string; text: string; expected: boolean; ok: boolean }[] {
    return this.concepts.flatMap((c) => [
      ...(c.examples?.positive ?? []).map((text) => ({ key: c.key, text, expected: true })),
      ...(c.examples?.negative ?? []).map((text) => ({ key: c.key, text, expected: false })),
    ]).map((x) => ({ ...x, ok: this.conceptsOf(normalizeText(x.text)).includes(x.key) === x.expected }));
  }
}
