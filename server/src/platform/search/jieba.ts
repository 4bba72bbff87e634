/**
 * The one jieba instance of the process: index and query must cut with the same dictionary and the same
 * setting (SEARCH.md), so segmentation (segment.ts) and place detection (places.ts) share it.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export const jieba = Jieba.withDict(dict);
/** HMM off: with it on, unknown words are guessed differently from one sentence to the next (金桥镇). */
export const HMM = false;

/** Part-of-speech tags jieba gives a word alone (one per piece it cuts the word into), kept for reuse. */
const tags = new Map<string, string[]>();

/** Adds dictionary lines (`word freq tag`); tags read before may have changed. */
export function loadDictLines(lines: string[]): void {
  jieba.loadDict(Buffer.from(lines.join('\n')));
  tags.clear();
}

export function wordTags(word: string): string[] {
  let t = tags.get(word);
  if (!t) {
    if (tags.size > 50_000) tags.clear();
    t = jieba.tag(word, HMM).map((x) => x.tag);
    tags.set(word, t);
  }
  return t;
}
