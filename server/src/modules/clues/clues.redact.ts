/**
 * Personal data out of a citizen's own words, for the few places their text is shown to anyone else before
 * staff have edited it (the similar-clues hint) or that staff did not write (a unit's reply on the board).
 * Staff publish with a text of their own (publishClue); this is the floor under everything else.
 *
 * Removed: mobile and landline numbers, ID card numbers, e-mail addresses, any other run of seven or more
 * digits (bank cards, QQ numbers), the name after the words people introduce themselves with (我叫, 本人,
 * 联系人, 姓名, 姓…), and the name the citizen left in the contact field. It errs towards taking out too much:
 * 「本人家门口」 loses 「家门」, which a hint can afford and a leaked name cannot.
 */

/** What stands where something was taken out. */
export const REDACTED = '***';

const HAN = '\\u4e00-\\u9fff';

/** Numbers, longest first, so an ID number is not half taken as a phone. Full-width digits are folded first. */
const NUMBERS: RegExp[] = [
  // ID card: 18 characters (the last may be X), or the old 15 digits.
  /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d{4}[\dXx](?![0-9A-Za-z])/g,
  /(?<!\d)\d{15}(?!\d)/g,
  // Mobile, with or without +86 and spaces or dashes between the groups.
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  // Landline with its area code (0379-6512345).
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /\d{7,}/g,
];

/**
 * The words before a name. 2–3 characters follow (Chinese names are two or three; a longer run is cut at
 * three, which is enough to remove the name). 姓 keeps the word and takes one character (姓王 → 姓***),
 * except in 百姓/老百姓 and 姓名.
 */
const NAME_AFTER = new RegExp(
  `(我叫|名叫|本人(?:是|叫)?|联系人|姓名|署名|落款)([\\s:：,，是为]*)([${HAN}]{2,3})`, 'g',
);
const SURNAME = new RegExp(`((?<!百)姓)(?!名)([\\s:：]*)([${HAN}])`, 'g');

/** `text` with personal data replaced by REDACTED; `names` are further names known to belong to the reporter. */
export function redactPersonal(text: string, names: (string | null | undefined)[] = []): string {
  let out = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  for (const re of NUMBERS) out = out.replace(re, REDACTED);
  for (const name of names) {
    if (name && name.trim().length >= 2) out = out.replaceAll(name.trim(), REDACTED);
  }
  out = out.replace(NAME_AFTER, (_m, word: string, sep: string) => `${word}${sep}${REDACTED}`);
  out = out.replace(SURNAME, (_m, word: string, sep: string) => `${word}${sep}${REDACTED}`);
  return out;
}
