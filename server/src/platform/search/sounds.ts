/**
 * Names said alike and written apart: voice input, a hotline operator's ear (阿克塔木村 heard as 啊克塔木村（音）), quick
 * typing. The readings of characters without tones, and the reading of a text's heard names as the county's listed ones.
 */
import { pinyin } from 'pinyin-pro';

/** Characters that tell places apart by number, side or age (一中 / 二中, 东关 / 西关, 老街 / 新街), never a slip of typing. */
const NUMBERS = '0-9〇零第一二三四五六七八九十';
const SIDES = '东西南北上下前后左右中内外新老大小';
const TELLING = NUMBERS + SIDES;
export const TELLING_CHARS = new RegExp(`[${TELLING}]`);
export const TELLING_ALL = new RegExp(`[${TELLING}]`, 'g');
/** The numbers of TELLING alone, and its sides and ages alone: 四 heard for 泗 is a slip, 东 for 冬 may not be. */
export const TELLING_NUMBERS = new RegExp(`[${NUMBERS}]`);
export const TELLING_SIDES = new RegExp(`[${SIDES}]`);

const soundMemo = new Map<string, string[]>();

/**
 * The readings of a character without tones (长 → chang, zhang), with -ing/-eng said as -in/-en: most of the south and
 * voice input do not tell 心 from 兴 or 神 from 胜 (仁心社区 / 仁兴社区).
 */
export function sounds(c: string): string[] {
  let s = soundMemo.get(c);
  if (!s) soundMemo.set(c, (s = pinyin(c, { toneType: 'none', multiple: true, type: 'array' }).map((r) => r.replace(/([ie])ng$/, '$1n'))));
  return s;
}

/**
 * Whether two names of one length differ only in characters read the same way (at most `most` of them), none of `never`
 * (by default a number or a side; with `neverBoth`, not two of them: 陆 heard for 六 is a slip, 一 for 二 is not), and
 * no surname before 家/氏 (李家祠堂 / 黎家祠堂, 张家湾 / 章家湾) unless `oneListed`.
 */
export function saidAlike(a: string, b: string, most: number, oneListed: boolean, never: RegExp = TELLING_CHARS, neverBoth = false): boolean {
  if (a.length !== b.length || a === b) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (++differ > most || (neverBoth ? never.test(x) && never.test(y) : never.test(x) || never.test(y))) return false;
    if (!oneListed && /[家氏]/.test(a[i + 1] ?? '')) return false;
    const sy = sounds(y);
    if (!sounds(x).some((r) => sy.includes(r))) return false;
  }
  return true;
}

/** The names a hotline marks as heard in a raw text (召妙街 of 「召妙街（音）」): each up to ten characters before its marker. */
export function heardMarks(raw: string): string[] {
  return raw.includes('音') ? [...raw.normalize('NFKC').matchAll(HEARD)].map((m) => m[1]) : [];
}

/** Numbers never slip, even by ear (一中 / 医中). */
const NUMBER_CHARS = /[0-9〇零第一二三四五六七八九十]/;

/**
 * Whether a name written as heard is another of the same length said alike in every character that differs (红西苑 heard
 * for 鸿熙苑, 锐悦苑 for 瑞樾苑): the ear cannot tell them apart, a side neither, nor a surname; a number it can.
 */
export const heardAlike = (a: string, b: string) => a.length >= 2 && saidAlike(a, b, a.length, true, NUMBER_CHARS);

/** Endings of the county's listed areas, after which a heard name's stem is compared (阿克塔木 of 阿克塔木村). */
const AREA_ENDING = /(村|屯|寨|乡|镇|社区|街道|嘎查|苏木)$/;
/** A hotline's marker for a name as heard (in normalised text, NFKC: 「（音）」 → "(音)"). */
const HEARD = /([\p{Script=Han}]{2,10})\((?:谐)?音\)/gu;

/**
 * The county's listed villages and townships as a text's writer may have heard them: a name with its ending written with
 * characters said alike (铁烈克村 for 铁列克村, 加伊劳乡 for 加依劳乡), or any name a hotline marks as heard (大玉树（音）
 * for 大榆树村). Such a name is read as the listed one, so it is that village for search and comparison alike. One
 * character in a name of up to four, two in a longer one; never a number or a side (东湖村 / 冬湖村 are not one).
 */
export class HeardNames {
  private readonly byLength = new Map<number, string[]>();
  private readonly stems = new Map<number, { stem: string; name: string }[]>();

  constructor(names: Iterable<string>) {
    for (const name of new Set(names)) {
      if (name.length < 3) continue;
      this.byLength.set(name.length, [...(this.byLength.get(name.length) ?? []), name]);
      const stem = name.replace(AREA_ENDING, '');
      if (stem !== name && stem.length >= 2) this.stems.set(stem.length, [...(this.stems.get(stem.length) ?? []), { stem, name }]);
    }
  }

  /** Normalised text with the listed names it says in characters said alike written as listed. `raw`: before normalising. */
  read(norm: string, raw: string): string {
    if (!this.byLength.size) return norm;
    let out = norm;
    // A name marked as heard: its stem (with or without the ending after the marker).
    for (const heard of heardMarks(raw)) {
      for (const [len, list] of this.stems) {
        if (len > heard.length) continue;
        const s = heard.slice(-len);
        // Marked as heard, every character but one may be another said alike (同子湾（音） for 桐梓湾).
        // A number the ear wrote as another character said alike is the listed one (陆墩（音）村 for 六墩村).
        const hits = list.filter((x) => saidAlike(s, x.stem, len - 1, true, TELLING_CHARS, true));
        if (hits.length === 1 && !out.includes(hits[0].name)) out = out.replaceAll(s, hits[0].stem);
      }
    }
    // A listed name with its ending, written alike.
    for (const [len, list] of this.byLength) {
      for (let end = len; end <= out.length; end++) {
        const last = out[end - 1];
        if (!/[村屯寨乡镇区道查木]/.test(last)) continue;
        const s = out.slice(end - len, end);
        const hits = list.filter((name) => name.at(-1) === last && saidAlike(s, name, len >= 5 ? 2 : 1, true));
        if (hits.length === 1 && !out.includes(hits[0])) out = out.slice(0, end - len) + hits[0] + out.slice(end);
      }
    }
    return out;
  }
}
