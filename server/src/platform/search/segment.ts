/**
 * Chinese word segmentation for indexing and querying: the same jieba instance and settings on both
 * sides (SEARCH.md: a word cut differently at index and query time is lost). Place names and common
 * problem phrases live in a custom dictionary; call `addWords` before indexing, and re-index after.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const jieba = Jieba.withDict(dict);
const HMM = false;

/** Words kept whole: common problem phrases of county reports. */
const PHRASES = ['路灯不亮', '路面塌陷', '垃圾清运', '飞线充电', '电动车充电', '停车难', '加装电梯', '老旧小区', '减速带',
  '信号灯', '红绿灯', '积水', '漏水', '停水', '停电', '噪音扰民', '占道经营', '违章停车', '充电桩', '公交线路', '村卫生室', '绿化带'];
const known = new Set<string>();

/** Add words (place names, phrases) to the dictionary; a frequency keeps them whole inside sentences. */
export function addWords(words: Iterable<string>): void {
  const lines: string[] = [];
  for (const w of words) {
    const word = w.trim();
    if (word.length < 2 || known.has(word) || /\s/.test(word)) continue;
    known.add(word);
    lines.push(`${word} 2000 n`);
  }
  if (lines.length) jieba.loadDict(Buffer.from(lines.join('\n')));
}
addWords(PHRASES);

const DROP = /^[\p{P}\p{S}\p{Z}\p{C}]+$/u;
const STOP = new Set(['的', '了', '是', '在', '和', '有', '我', '我们', '你', '他', '她', '也', '都', '就', '还', '很', '这', '那', '个', '一个', '请', '吗', '呢', '啊', '吧', '被', '把', '给', '让', '从', '到', '对', '与', '及', '等', '要', '希望', '现在', '一直', '非常', '问题', '反映']);

/** Tokens of a text, lower-cased, without punctuation and stop words. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of jieba.cut(text.normalize('NFKC').toLowerCase(), HMM)) {
    const t = raw.trim();
    if (!t || DROP.test(t) || STOP.has(t)) continue;
    out.push(t.replace(/["'*^():]/g, ''));
  }
  return out.filter(Boolean);
}

/** The text the full-text index stores. */
export function searchTokens(text: string): string {
  return tokenize(text).join(' ');
}
