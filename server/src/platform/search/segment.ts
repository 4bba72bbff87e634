/**
 * Chinese word segmentation for indexing and querying: one base jieba (the shipped dictionary, HMM off), the same
 * normalisation (normalize.ts) on both sides. SEARCH.md: a word is cut differently alone than inside a sentence
 * (胜利大道路灯不亮 → 胜利/大/道路/灯不亮), so the index stores, besides the sentence's own cut, every dictionary
 * word of two or more characters that occurs in the text (jieba full mode). A query word is then found wherever its
 * characters occur, whatever the cut around it.
 *
 * An `Analyzer` holds what one county (or one module, without a county) adds to the base: its lexicon (townships,
 * villages, places and their short names, its own words and phrases), its places (places.ts `PlaceRegistry`) and
 * its problem concepts (a `ConceptTable`). Its lexicon is applied after cutting: the longest lexicon word at each
 * position is kept whole and the text between is cut by the base jieba, so the words of one county never change how
 * another county's text is cut. Build one per county and keep it (its `version` says when the county's tokens change).
 *
 * The stored text also carries markers: `zc<concept>` for each problem concept and `zp<place>` for each place named.
 */
import { baseKeepsWhole, baseTags, jieba, HMM } from './jieba.ts';
import { normalizeText } from './normalize.ts';
import { HeardNames } from './sounds.ts';
import { findPlaces, PLACE_ENDING_WORDS, PlaceRegistry, PROPER_TAGS, type PlaceContext, type PlaceKind } from './places.ts';
import { indexVersion } from './index-version.ts';

export const CONCEPT_PREFIX = 'zc';
export const PLACE_PREFIX = 'zp';
/** A place named only to locate the problem (the ends of a stretch, a landmark it is near). */
export const REFERENCE_PREFIX = 'zr';

/** A token as both index engines see it: letters and digits only (no FTS/tsquery syntax can survive). */
export function cleanToken(t: string): string {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // Common case first: CJK ideographs, ASCII letters and digits.
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) {
      return t.replace(/[^\p{L}\p{N}]/gu, '');
    }
  }
  return t;
}

/** Problem concepts of normalised text: data interpreted by a matcher (vocabulary.ts), supplied by a module. */
export interface ConceptTable {
  /** Changes whenever the table's data changes (part of the index version). */
  readonly version: string;
  /** The concept keys of a text, once each. */
  conceptsOf(norm: string): string[];
  /** Every place a concept matched (full-text queries match the words there to the concept). */
  hits(norm: string): { key: string; start: number; end: number }[];
  /** Words that only qualify a problem: in a query, next to a concept's words they belong to it (照明 设施 损坏). */
  readonly qualifiers?: ReadonlySet<string>;
}

/** What an analyzer adds to the base jieba. Names are normalised and cleaned here. */
export interface AnalyzerSpec {
  /** Words kept whole (phrases, a county's own words). */
  words?: Iterable<string>;
  /** Township names: words, and prefixes short place names drop (城关二小 → 二小). */
  townships?: Iterable<string>;
  villages?: Iterable<string>;
  /** Other places (roads, estates, schools, landmarks); a village when its ending says so. */
  places?: Iterable<string>;
  /** The county's own name (鹈泺县): before a facility it is the county's (鹈泺一中 = 县一中, 鹈泺站 = 县火车站). */
  county?: string;
  concepts?: ConceptTable;
}

/** The county's facilities people name with the county's name (漈川一中, 渒水二中, 峧阳客运站, 汊墩中学). */
const COUNTY_FACILITY = '(?:第?[一二三四五六七八九十]{1,2}(?:中|小|高)|实验|中学|小学|高中|人民医院|中医院|医院|汽车站|汽车客运站|客运站|客运中心|火车站|图书馆|体育馆|文化馆)';

/**
 * The stem of a county's name (鹈泺县 → 鹈泺), or null when it has none of two characters or more; normalised as the text
 * it is looked for in is (a name entered with 決 is found as 决).
 */
function countyStem(name: string | undefined): string | null {
  const m = name ? /^(\p{Script=Han}{2,})(?:自治县|县|区|市|旗)$/u.exec(normalizeText(name)) : null;
  return m ? m[1] : null;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  word: boolean;
}

/** A word of the shipped dictionary that is no name (河坝, 石头): a village's name without 村 may not stand for the village. */
const commonWord = (w: string) => baseKeepsWhole(w) && !PROPER_TAGS.has(baseTags(w)[0]!);
const cleanName = (w: string) => cleanToken(normalizeText(w));
const usable = (w: string) => w.length >= 2 && w.length <= 20;

export class Analyzer implements PlaceContext {
  readonly places = new PlaceRegistry();
  readonly concepts: ConceptTable | null;
  /** Analysis code, lexicon and concept data: the index entries made by this analyzer carry it. */
  readonly version: string;
  /** Lexicon words with their tag (ns for names, n for words). */
  private readonly lexicon = new Map<string, string>();
  /** The lexicon words the base jieba cuts apart: kept whole after cutting. */
  private readonly trie: TrieNode = { next: new Map(), word: false };
  private trieSize = 0;
  private readonly tagMemo = new Map<string, string[]>();
  /** The county's villages and townships as a writer may have heard them (铁烈克村 for 铁列克村). */
  private readonly heard: HeardNames;
  /** The county's names that say a problem by themselves (五支渠村, 麂子沟村): a name, not the problem, where they are written. */
  private readonly namesLikeProblems: string[];
  /** The county's name before its facilities (read as 县), or before 站 alone (its railway station, 县火车站). */
  private readonly ownName: RegExp | null;

  constructor(spec: AnalyzerSpec = {}) {
    this.concepts = spec.concepts ?? null;
    const townships = [...(spec.townships ?? [])].map(cleanName).filter((t) => t.length >= 2);
    const villages = [...(spec.villages ?? [])].map(cleanName).filter(usable);
    const places = [...(spec.places ?? [])].map(cleanName).filter(usable);
    const words = [...(spec.words ?? [])].map(cleanName).filter(usable);
    this.addWords(words, 'n');
    this.addWords(PLACE_ENDING_WORDS, 'n', true);
    for (const t of townships) this.addWords([t, ...this.places.registerTownship(t)], 'ns');
    this.addPlaces(villages, 'village');
    this.addPlaces(places);
    this.heard = new HeardNames([...villages, ...townships]);
    this.namesLikeProblems = [...new Set([...townships, ...villages, ...places])].filter((n) => this.concepts?.conceptsOf(n).length).sort((a, b) => b.length - a.length);
    const stem = countyStem(spec.county);
    this.ownName = stem ? new RegExp(`${stem}(?:县)?(?=${COUNTY_FACILITY})|${stem}站`, 'gu') : null;
    this.version = indexVersion([
      'words', ...[...new Set(words)].sort(), 'townships', ...[...new Set(townships)].sort(), 'villages', ...[...new Set(villages)].sort(),
      'places', ...[...new Set(places)].sort(), 'concepts', this.concepts?.version ?? '', ...(stem ? ['county', stem] : []),
    ]);
  }

  private addPlaces(names: string[], kind?: PlaceKind): void {
    for (const p of names) this.addWords([p, ...this.places.registerPlace(p, kind, commonWord)], 'ns');
  }

  /** `whole`: into the trie even when jieba keeps the word whole alone (in a sentence it may not). */
  private addWords(words: Iterable<string>, tag: string, whole = false): void {
    for (const w of words) {
      if (!usable(w) || this.lexicon.has(w)) continue;
      this.lexicon.set(w, tag);
      // A name goes in the trie even when jieba keeps it whole alone: in a sentence it may not (德亭 of 德亭中学 → 德/亭/中学).
      if (tag !== 'ns' && !whole && baseKeepsWhole(w)) continue;
      let node = this.trie;
      // By UTF-16 unit, as the text is walked.
      for (let k = 0; k < w.length; k++) {
        let n = node.next.get(w[k]);
        if (!n) node.next.set(w[k], (n = { next: new Map(), word: false }));
        node = n;
      }
      node.word = true;
      this.trieSize++;
    }
  }

  /** Whether a word is in the lexicon (its own, not the shipped dictionary's). */
  hasWord(word: string): boolean {
    return this.lexicon.has(word);
  }

  /** Length (UTF-16 units) of the longest lexicon word the trie holds at position i, or 0. */
  private longestAt(text: string, i: number): number {
    let node = this.trie;
    let best = 0;
    for (let j = i; j < text.length; j++) {
      const n = node.next.get(text[j]);
      if (!n) break;
      node = n;
      if (n.word) best = j + 1 - i;
    }
    return best;
  }

  /** The sentence's own cut: lexicon words whole (longest first, left to right), the rest by the base jieba. */
  cut(norm: string): string[] {
    if (!this.trieSize) return jieba.cut(norm, HMM);
    const out: string[] = [];
    let gap = 0;
    for (let i = 0; i < norm.length; ) {
      const n = this.longestAt(norm, i);
      if (!n) {
        i++;
        continue;
      }
      if (gap < i) for (const t of jieba.cut(norm.slice(gap, i), HMM)) out.push(t);
      out.push(norm.slice(i, i + n));
      i += n;
      gap = i;
    }
    if (gap < norm.length) for (const t of jieba.cut(norm.slice(gap), HMM)) out.push(t);
    return out;
  }

  /** Every word of two or more characters in normalised text: the base dictionary's and the lexicon's. */
  private allWords(norm: string): string[] {
    const out = jieba.cutAll(norm);
    if (!this.trieSize) return out;
    for (let i = 0; i < norm.length; i++) {
      let node = this.trie;
      for (let j = i; j < norm.length; j++) {
        const n = node.next.get(norm[j]);
        if (!n) break;
        node = n;
        if (n.word) out.push(norm.slice(i, j + 1));
      }
    }
    return out;
  }

  /** Part-of-speech tags of a word alone, one per piece of this analyzer's cut (a lexicon word has its own). */
  tags(word: string): string[] {
    let t = this.tagMemo.get(word);
    if (!t) {
      if (this.tagMemo.size > 50_000) this.tagMemo.clear();
      const own = this.lexicon.get(word);
      t = own ? [own] : this.trieSize ? this.cut(word).flatMap((p) => this.lexicon.get(p) ? [this.lexicon.get(p)!] : baseTags(p)) : baseTags(word);
      this.tagMemo.set(word, t);
    }
    return t;
  }

  /** The sentence's own cut of normalised text, with offsets, without punctuation and stop words. */
  cutPieces(norm: string): Piece[] {
    const out: Piece[] = [];
    let at = 0;
    for (const raw of this.cut(norm)) {
      const start = at;
      at += raw.length;
      const t = cleanToken(raw);
      if (!t || STOP.has(t)) continue;
      out.push({ t, start, end: at });
    }
    return out;
  }

  /** Every dictionary word (two or more characters) occurring in normalised text. */
  dictionaryWords(norm: string): string[] {
    const out = new Set<string>();
    for (const raw of this.allWords(norm)) {
      const t = cleanToken(raw);
      if (t.length >= 2 && !STOP.has(t)) out.add(t);
    }
    return [...out];
  }

  /** Tokens of a text (the sentence's own cut), lower-cased, without punctuation and stop words. */
  tokenize(text: string): string[] {
    return this.cutPieces(this.read(text)).map((p) => p.t);
  }

  /** Normalised text, the county's names heard alike written as listed. */
  read(text: string): string {
    const norm = this.heard.read(normalizeText(text), text);
    return this.ownName ? norm.replace(this.ownName, (m) => (m.endsWith('站') ? '县火车站' : '县')) : norm;
  }

  analyze(text: string): Analysis {
    const norm = this.read(text);
    const pieces = this.cutPieces(norm);
    const words = new Set(pieces.map((p) => p.t));
    for (const w of this.dictionaryWords(norm)) words.add(w);
    const found = findPlaces(this, norm, pieces, words);
    for (const p of [...found.places, ...found.references]) words.add(p);
    return { norm, pieces, words: [...words], concepts: this.concepts?.conceptsOf(this.withoutProblemNames(norm)) ?? [], places: found.places, references: found.references };
  }

  /** The text with the county's names that say a problem blanked out (五支渠村's 支渠 is no canal's). */
  private withoutProblemNames(norm: string): string {
    let out = norm;
    for (const n of this.namesLikeProblems) if (out.includes(n)) out = out.replaceAll(n, '□'.repeat(n.length));
    return out;
  }

  /** The text the full-text index stores: words, then concept and place markers. */
  searchTokens(text: string): string {
    const a = this.analyze(text);
    const out = a.words.filter((w) => !isMarker(w));
    for (const k of a.concepts) out.push(CONCEPT_PREFIX + k);
    for (const p of a.places) out.push(PLACE_PREFIX + p);
    for (const p of a.references) out.push(REFERENCE_PREFIX + p);
    return out.join(' ');
  }
}

/** The base analyzer: the shipped dictionary, no lexicon, no concepts (for modules without a vocabulary of their own). */
export const BASE_ANALYZER = new Analyzer();

const STOP = new Set(['的', '了', '是', '在', '和', '有', '我', '我们', '你', '他', '她', '它', '也', '都', '就', '还', '很', '这', '那', '个', '一个',
  '请', '吗', '呢', '啊', '吧', '呀', '哦', '嘛', '被', '把', '给', '让', '从', '到', '对', '与', '及', '等', '要', '希望', '现在', '一直', '非常',
  '问题', '反映', '关于', '情况', '着', '过', '之', '其', '而', '或', '但', '又', '并', '则', '于', '以', '为', '得', '地',
  // Cantonese and Hakka particles and pronouns: rare in the dictionary's text, so they would weigh as if they meant something.
  '啲', '嘅', '咗', '喺', '嗰', '哋', '咁', '噉', '啦', '喇', '咩', '㗎', '吖', '嚟', '唔', '佢', '嘢', '涯', '偃', '㖠', '我哋', '佢哋', '你哋', '涯哋']);

export interface Piece {
  /** The cleaned token. */
  t: string;
  start: number;
  end: number;
}

export interface Analysis {
  norm: string;
  pieces: Piece[];
  /** The sentence's cut plus every dictionary word in the text, once each. */
  words: string[];
  /** Problem concepts named (the analyzer's ConceptTable). */
  concepts: string[];
  places: string[];
  references: string[];
}

/** Tokens of a text by the base analyzer. */
export function tokenize(text: string, an: Analyzer = BASE_ANALYZER): string[] {
  return an.tokenize(text);
}

export function analyze(text: string, an: Analyzer = BASE_ANALYZER): Analysis {
  return an.analyze(text);
}

/** What the full-text index stores for a text (the base analyzer unless one is given). */
export function searchTokens(text: string, an: Analyzer = BASE_ANALYZER): string {
  return an.searchTokens(text);
}

/**
 * Scope markers: `zt<tenant id>` and `zw<township id>` (ids, not names: 黄庄乡 and 闫庄镇 share 庄). A search
 * ANDs the caller's scope into the MATCH, so the index itself keeps to one county or one township instead of
 * every match being checked against the rows (bench/README.md §2).
 */
export const TENANT_PREFIX = 'zt';
export const AREA_PREFIX = 'zw';

export function scopeMarkers(tenantId: number, townshipId: number): string {
  return `${TENANT_PREFIX}${tenantId} ${AREA_PREFIX}${townshipId}`;
}

/** zc<concept>, zp<place>, zr<reference>, zt<id>, zw<id>: a marker, not a word of the text. */
function isMarker(w: string): boolean {
  if (w.charCodeAt(0) !== 0x7a || w.length < 3) return false;
  const k = w.charCodeAt(1);
  const third = w.charCodeAt(2);
  const lower = third >= 0x61 && third <= 0x7a;
  if (k === 0x74 || k === 0x77) return isScopeMarker(w);
  return k === 0x63 ? lower : (k === 0x70 || k === 0x72) && !lower;
}

/** `${TENANT_PREFIX}<digits>` or `${AREA_PREFIX}<digits>`. */
const SCOPE_MARKER = /^z[tw]\d+$/;

function isScopeMarker(w: string): boolean {
  return SCOPE_MARKER.test(w);
}

export interface StoredTokens {
  words: string[];
  concepts: string[];
  places: string[];
  references: string[];
}

/** Reads back what `searchTokens` stored. */
export function parseSearchTokens(stored: string): StoredTokens {
  const out: StoredTokens = { words: [], concepts: [], places: [], references: [] };
  for (const t of stored.split(' ')) {
    if (!t) continue;
    if (!isMarker(t)) out.words.push(t);
    else if (isScopeMarker(t)) continue;
    else if (t.startsWith(CONCEPT_PREFIX)) out.concepts.push(t.slice(2));
    else if (t.startsWith(PLACE_PREFIX)) out.places.push(t.slice(2));
    else out.references.push(t.slice(2));
  }
  // A stored text's own places come first; a reference there may be a place of an appended name (the village).
  out.references = out.references.filter((r) => !out.places.includes(r));
  return out;
}
