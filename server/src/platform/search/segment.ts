/**
 * Chinese word segmentation for indexing and querying: one jieba instance, one setting (HMM off), the same
 * normalisation (normalize.ts) on both sides. SEARCH.md: a word is cut differently alone than inside a
 * sentence (胜利大道路灯不亮 → 胜利/大/道路/灯不亮), so the index stores, besides the sentence's own cut,
 * every dictionary word of two or more characters that occurs in the text (jieba full mode). A query word
 * is then found wherever its characters occur, whatever the cut around it.
 *
 * The stored text also carries markers: `zc<concept>` for each problem concept (concepts.ts: 路灯不亮 /
 * 照明设施损坏 / 黑咕隆咚 → zcstreetlight) and `zp<place>` for each place named (places.ts). Place names and
 * common phrases live in the dictionary; call `addPlaces`/`addWords` before indexing, and re-index
 * (`dictionaryVersion` tells when it changed).
 */
import { jieba, HMM, loadDictLines } from './jieba.ts';
import { normalizeText } from './normalize.ts';
import { conceptsOf } from './concepts.ts';
import { findPlaces, registerPlace, registerTownship, type PlaceKind } from './places.ts';

export const CONCEPT_PREFIX = 'zc';
export const PLACE_PREFIX = 'zp';
/** A place named only to locate the problem (the ends of a stretch, a landmark it is near). */
export const REFERENCE_PREFIX = 'zr';

/** Words kept whole: common problem phrases of county reports. */
const PHRASES = ['路灯不亮', '路面塌陷', '垃圾清运', '飞线充电', '电动车充电', '停车难', '加装电梯', '老旧小区', '减速带',
  '信号灯', '红绿灯', '积水', '漏水', '停水', '停电', '噪音扰民', '占道经营', '违章停车', '充电桩', '公交线路', '村卫生室', '绿化带',
  '内涝', '照明设施', '坑洼', '缺药', '村医', '流浪狗', '广场舞', '井盖', '化粪池', '建筑垃圾', '私搭乱建', '斑马线', '黑咕隆咚'];
const known = new Set<string>();
let version = 0;

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

/** Add words (place names, phrases) to the dictionary; a frequency keeps them whole inside sentences. */
export function addWords(words: Iterable<string>, tag = 'n'): number {
  const lines: string[] = [];
  for (const w of words) {
    const word = cleanToken(normalizeText(w));
    if (word.length < 2 || word.length > 20 || known.has(word)) continue;
    known.add(word);
    lines.push(`${word} 2000 ${tag}`);
  }
  if (lines.length) {
    loadDictLines(lines);
    version++;
  }
  return lines.length;
}
addWords(PHRASES);

/**
 * Add a county's place names (villages, roads, estates, schools, landmarks): dictionary words and known
 * places. `kind` defaults by suffix (…村/社区 are villages, the rest spots).
 */
export function addPlaces(names: Iterable<string>, kind?: PlaceKind): number {
  const list: string[] = [];
  for (const n of names) {
    const p = cleanToken(normalizeText(n));
    if (p.length >= 2 && p.length <= 20) list.push(p, ...registerPlace(p, kind));
  }
  return addWords(list, 'ns');
}

/** Add a county's township names: words of the dictionary, and prefixes short place names drop (城关二小 → 二小). */
export function addTownships(names: Iterable<string>): number {
  const list: string[] = [];
  for (const n of names) {
    const t = cleanToken(normalizeText(n));
    if (t.length >= 2) list.push(t, ...registerTownship(t));
  }
  return addWords(list, 'ns');
}

/** Grows each time the dictionary changes; rows indexed under an older version may need re-indexing. */
export function dictionaryVersion(): number {
  return version;
}

const STOP = new Set(['的', '了', '是', '在', '和', '有', '我', '我们', '你', '他', '她', '它', '也', '都', '就', '还', '很', '这', '那', '个', '一个',
  '请', '吗', '呢', '啊', '吧', '呀', '哦', '嘛', '被', '把', '给', '让', '从', '到', '对', '与', '及', '等', '要', '希望', '现在', '一直', '非常',
  '问题', '反映', '关于', '情况', '着', '过', '之', '其', '而', '或', '但', '又', '并', '则', '于', '以', '为', '得', '地']);

export interface Piece {
  /** The cleaned token. */
  t: string;
  start: number;
  end: number;
}

/** The sentence's own cut of normalised text, with offsets, without punctuation and stop words. */
export function cutPieces(norm: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const raw of jieba.cut(norm, HMM)) {
    const start = at;
    at += raw.length;
    const t = cleanToken(raw);
    if (!t || STOP.has(t)) continue;
    out.push({ t, start, end: at });
  }
  return out;
}

/** Every dictionary word (two or more characters) occurring in normalised text. */
export function dictionaryWords(norm: string): string[] {
  const out = new Set<string>();
  for (const raw of jieba.cutAll(norm)) {
    const t = cleanToken(raw);
    if (t.length >= 2 && !STOP.has(t)) out.add(t);
  }
  return [...out];
}

/** Tokens of a text (the sentence's own cut), lower-cased, without punctuation and stop words. */
export function tokenize(text: string): string[] {
  return cutPieces(normalizeText(text)).map((p) => p.t);
}

export interface Analysis {
  norm: string;
  pieces: Piece[];
  /** The sentence's cut plus every dictionary word in the text, once each. */
  words: string[];
  /** Problem concepts named (concepts.ts). */
  concepts: string[];
  places: string[];
  references: string[];
}

export function analyze(text: string): Analysis {
  const norm = normalizeText(text);
  const pieces = cutPieces(norm);
  const words = new Set(pieces.map((p) => p.t));
  for (const w of dictionaryWords(norm)) words.add(w);
  const found = findPlaces(norm, pieces, words);
  for (const p of [...found.places, ...found.references]) words.add(p);
  return { norm, pieces, words: [...words], concepts: conceptsOf(norm), places: found.places, references: found.references };
}

/** The text the full-text index stores: words, then concept and place markers. */
export function searchTokens(text: string): string {
  const a = analyze(text);
  const out = a.words.filter((w) => !isMarker(w));
  for (const k of a.concepts) out.push(CONCEPT_PREFIX + k);
  for (const p of a.places) out.push(PLACE_PREFIX + p);
  for (const p of a.references) out.push(REFERENCE_PREFIX + p);
  return out.join(' ');
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
