/**
 * Titles the system writes for a clue (a conversion's title, a document's subject line). They must read as written
 * Chinese: a title is built from whole clauses of what the citizen wrote, never from a cut at a character count
 * (「关于小区电动车只能飞线充电，很不的建议」 came from content.slice(0, 14)).
 */

/** Words a report opens with that do not belong in a subject line. */
const OPENERS = /^(?:我(?:想|要)?(?:反映|建议)(?:一下)?|反映|建议|希望|请求|恳请|强烈要求|你好|您好)[，,：:\s]*/;
/** The longest clause kept as the subject; a longer first clause gives way to the category. */
const MAX_SUBJECT = 22;

/** The first whole clause of the text (up to the first comma, full stop or the like), without openers. */
export function firstClause(content: string): string {
  let text = content.trim();
  for (let i = 0; i < 3 && OPENERS.test(text); i++) text = text.replace(OPENERS, '');
  const clause = text.split(/[，,。；;！!？?\n]/)[0]?.trim() ?? '';
  return clause.replace(/[的了呢吧啊]+$/, '');
}

export interface TitleInput {
  content: string;
  kind: 'problem' | 'suggestion';
  /** 交通出行 …: the subject when the first clause is too long or too short to stand alone. */
  categoryLabel: string;
  townshipName?: string | null;
}

/** The subject of a clue in a few words: its first clause, or 「乡镇 + 类别问题」. */
export function clueSubject(c: TitleInput): string {
  const clause = firstClause(c.content);
  if (clause.length >= 4 && clause.length <= MAX_SUBJECT) return clause;
  return `${c.townshipName ?? ''}${c.categoryLabel}`;
}

/**
 * A conversion's default title in 公文 form: 「关于解决小区电动车只能飞线充电问题的建议」 for a problem, 「关于在卫生院门口增设公交站的建议」
 * for a suggestion.
 */
export function conversionTitle(c: TitleInput): string {
  const subject = clueSubject(c);
  if (c.kind === 'suggestion') return `关于${subject}的建议`;
  return `关于解决${subject.replace(/问题$/, '')}问题的建议`;
}
