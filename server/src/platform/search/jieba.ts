/**
 * The one jieba instance of the process, with the shipped dictionary only. Nobody loads words into it: a county's
 * names and phrases are applied per county after cutting (segment.ts `Analyzer`), so one county's villages never
 * change how another county's text is cut. Index and query use the same setting (SEARCH.md).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export const jieba = Jieba.withDict(dict);
/** HMM off: with it on, unknown words are guessed differently from one sentence to the next (金桥镇). */
export const HMM = false;

/** Part-of-speech tags the shipped dictionary gives a word alone (one per piece it cuts the word into). */
const tags = new Map<string, string[]>();

export function baseTags(word: string): string[] {
  let t = tags.get(word);
  if (!t) {
    if (tags.size > 50_000) tags.clear();
    t = jieba.tag(word, HMM).map((x) => x.tag);
    tags.set(word, t);
  }
  return t;
}

/** Whether the shipped dictionary already keeps the word whole. */
export function baseKeepsWhole(word: string): boolean {
  return jieba.cut(word, HMM).length === 1;
}
