/**
 * How much a shared word says about two reports being about the same thing.
 *
 * Inverse document frequencies come from jieba's idf.txt, cut to the common words (idf < 8.5, about
 * 14k): `awk '$2<8.5 {printf "%s %.1f\n", $1, $2}' node_modules/@node-rs/jieba/idf.txt | sort`.
 * Loading the full 270k-word table costs 600 ms and 65 MB; every word not in the cut table is rare
 * (idf ≥ 8.5) and gets RARE. On top, words every county report uses (市民来电反映、相关部门、尽快、
 * 安全隐患 …) weigh nothing, and single characters little: jieba cuts them differently in each sentence.
 */
import { readFileSync } from 'node:fs';

const RARE = 10;
let table: Map<string, number> | null = null;

function idfTable(): Map<string, number> {
  if (table) return table;
  const t = new Map<string, number>();
  for (const line of readFileSync(new URL('./idf-common.txt', import.meta.url), 'utf8').split('\n')) {
    const i = line.lastIndexOf(' ');
    if (i > 0) t.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  table = t;
  return t;
}

export function idf(word: string): number {
  return idfTable().get(word) ?? RARE;
}

/** The wording of reports and of those who take them down, not their content. */
const BOILERPLATE = new Set(['市民', '群众', '居民', '村民', '老百姓', '百姓', '来电', '反映', '情况', '问题', '建议', '关于', '希望', '请求', '恳请',
  '有关部门', '相关部门', '部门', '相关', '有关', '尽快', '及时', '解决', '处理', '核实', '核查', '协调', '落实', '督促', '整改', '予以', '给予',
  '重视', '领导', '政府', '政协', '委员', '工作人员', '存在', '安全隐患', '隐患', '安全', '影响', '严重', '造成', '导致', '不便', '方便', '困难',
  '目前', '近期', '最近', '长期', '已经', '持续', '一直', '经常', '总是', '每天', '天天', '好几天', '几天', '多次', '反复', '现象', '出现', '发生',
  '群众出行', '出行', '生活', '正常', '一下', '帮忙', '帮助', '麻烦', '谢谢', '感谢', '赶紧', '早点', '根本', '实在', '真的', '特别', '非常',
  '能不能', '能否', '是否', '怎么', '什么', '啥时候', '时候', '为什么', '咋', '啥', '俺', '俺们', '咱', '恁', '哩', '嘞', '中不中', '不中', '行不行',
  '城关镇', '城关', '关镇', '县城', '镇上', '村里', '我们', '他们', '大家', '附近', '周边', '一带', '旁边', '这边', '那边', '地方', '一段', '这段',
  '这一', '一个', '这个', '那个', '没有', '不能', '可以', '需要', '应该', '进行', '加强', '提高', '做好', '开展', '组织', '工作', '有效', '措施']);

/** Words that carry no content for similarity (boilerplate, township names); exported for the character evidence. */
export function isBoilerplate(word: string): boolean {
  return BOILERPLATE.has(word) || (/^[镇乡]|[镇乡县]$/.test(word) && word.length <= 4);
}

const memo = new Map<string, number>();

/** Weight of a word for text similarity: 0 for boilerplate and very common words. */
export function wordWeight(word: string): number {
  let w = memo.get(word);
  if (w === undefined) {
    if (memo.size > 200_000) memo.clear();
    w = computeWeight(word);
    memo.set(word, w);
  }
  return w;
}

function computeWeight(word: string): number {
  if (isBoilerplate(word)) return 0;
  if (/^\d+$/.test(word)) return 0.5;
  const w = idf(word);
  if (w < 6) return 0;
  return [...word].length === 1 ? w * 0.25 : w;
}

/**
 * Inverse frequency of a Han character, for the character evidence of similar reports (烧烤/烤串,
 * 浑浊/泥汤 share characters, not words). From jieba's dict.txt: a character's frequency is the sum of the
 * frequencies of the words containing it, idf = ln(max / (freq + 1)); char-idf.txt keeps the characters
 * under RARE_CHAR (4,221, `node` one-off over dict.txt, sorted), every other one is rare.
 */
const RARE_CHAR = 8;
let charTable: Map<string, number> | null = null;

export function charIdf(ch: string): number {
  if (!charTable) {
    charTable = new Map();
    for (const line of readFileSync(new URL('./char-idf.txt', import.meta.url), 'utf8').split('\n')) {
      if (line.length > 2) charTable.set(line[0], Number(line.slice(2)));
    }
  }
  return charTable.get(ch) ?? RARE_CHAR;
}
