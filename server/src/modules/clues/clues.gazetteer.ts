/**
 * A county's gazetteer as data: its places below village level with aliases, and its own words, edited by staff
 * (GET/POST /clues/gazetteer). The system proposes places it keeps seeing in the county's clue text that the
 * gazetteer and the org tree do not hold yet (proposals), for staff to approve. Names are loaded for the county
 * before its clues are indexed or compared (ensurePlaceNames); aliases make two names one place (canonicalPlace).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { dbIdentity } from '../../platform/db-identity.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { noteKind } from './clues.vocabulary/notes.ts';
import { placeCore } from '../../platform/search/places.ts';
import './clues.learning.table.ts';
import { CLUE_CONCEPT_MATCHER, countyAnalyzer, forgetCountyAnalyzer } from './clues.analyzer.ts';
import { CLUE_CONCEPTS } from './clues.vocabulary/concepts.ts';

const CONCEPT_KEYS = new Set(CLUE_CONCEPTS.map((c) => c.key));

export const GAZETTEER_KINDS = {
  estate: '小区', market: '市场', school: '学校', hospital: '医院/卫生院', road: '道路', bridge: '桥梁', scenic: '景区/公园', landmark: '其他地标',
  word: '本县词语（方言、俗称）',
} as const;
type Kind = keyof typeof GAZETTEER_KINDS;
const KINDS = Object.keys(GAZETTEER_KINDS) as [Kind, ...Kind[]];

const Name = z.string().trim().min(2, '名称至少 2 个字').max(20, '名称不超过 20 个字');
export const GazetteerSaveSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  version: z.number().int().positive().optional(),
  name: Name,
  kind: z.enum(KINDS, { error: '请选择类型' }),
  aliases: z.array(Name).max(20, '别名不超过 20 个').optional(),
  note: z.string().trim().max(200, '备注不超过 200 字').nullable().optional(),
  /** For a word: the problem it names (a concept key of the clue vocabulary), so the county's dialect counts as that problem. */
  concept: z.string().nullable().optional(),
});
export const GazetteerRemoveSchema = z.strictObject({ id: z.number().int().positive() });

type Source = { tenantId: number; actor: { id: number; name: string }; ip: string };
const splitAliases = (a: string) => a.split('、').filter(Boolean);

export async function listGazetteer(db: Db, tenantId: number) {
  const rows = await db.selectFrom('clue_lexicon').select(['id', 'name', 'kind', 'aliases', 'note', 'concept', 'version']).where('tenant_id', '=', tenantId).orderBy('kind').orderBy('name').execute();
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, kindLabel: GAZETTEER_KINDS[r.kind as Kind] ?? r.kind, aliases: splitAliases(r.aliases), note: r.note,
      concept: r.concept, conceptLabel: r.concept ? CLUE_CONCEPT_MATCHER.label(r.concept) : null, version: r.version })),
    concepts: CLUE_CONCEPTS.map((c) => ({ key: c.key, label: c.label })),
  };
}

/** Create (no id) or update (id + version) an entry; a name or alias taken by another entry is refused. */
export async function saveGazetteer(db: Kysely<Database>, src: Source, b: z.infer<typeof GazetteerSaveSchema>) {
  const aliases = [...new Set((b.aliases ?? []).filter((a) => a !== b.name))];
  const others = await db.selectFrom('clue_lexicon').select(['id', 'name', 'aliases']).where('tenant_id', '=', src.tenantId).execute();
  const taken = new Map<string, number>();
  for (const o of others) for (const n of [o.name, ...splitAliases(o.aliases)]) taken.set(n, o.id);
  const issues = [b.name, ...aliases].flatMap((n, i) => {
    const owner = taken.get(n);
    return owner !== undefined && owner !== b.id ? [{ path: i === 0 ? 'name' : `aliases.${i - 1}`, message: `「${n}」已在地名库中` }] : [];
  });
  if (b.concept && !CONCEPT_KEYS.has(b.concept)) issues.push({ path: 'concept', message: '没有这个问题类型' });
  if (b.concept && b.kind !== 'word') issues.push({ path: 'concept', message: '只有本县词语可以归到问题类型' });
  if (issues.length) throw invalid(issues);
  if (b.id && !b.version) throw invalid([{ path: 'version', message: '缺少版本号' }]);
  return db.transaction().execute(async (trx) => {
    const values = { name: b.name, kind: b.kind, aliases: aliases.join('、'), note: b.note ?? null, concept: b.concept ?? null };
    let id = b.id;
    if (id) {
      const cur = await trx.selectFrom('clue_lexicon').selectAll().where('tenant_id', '=', src.tenantId).where('id', '=', id).executeTakeFirst();
      if (!cur) throw notFound('地名');
      if (cur.version !== b.version) throw new AppError('conflict', '该条目已被他人修改，请刷新后重试');
      await trx.updateTable('clue_lexicon').set({ ...values, version: cur.version + 1 }).where('tenant_id', '=', src.tenantId).where('id', '=', id).execute();
    } else {
      id = (await trx.insertInto('clue_lexicon').values({ tenant_id: src.tenantId, ...values, created_at: new Date().toISOString(), version: 1 })
        .returning('id').executeTakeFirstOrThrow()).id;
    }
    await writeAudit(trx, { tenantId: src.tenantId, actorId: src.actor.id, actorName: src.actor.name, ip: src.ip, action: b.id ? 'clue_place.update' : 'clue_place.create',
      entity: 'clue_place', entityId: id, summary: `${b.id ? '修改' : '新增'}地名库条目「${b.name}」`, after: values });
    return { id };
  }).finally(() => forgetLexicon(src.tenantId));
}

export async function removeGazetteer(db: Kysely<Database>, src: Source, id: number) {
  await db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('clue_lexicon').selectAll().where('tenant_id', '=', src.tenantId).where('id', '=', id).executeTakeFirst();
    if (!cur) throw notFound('地名');
    await trx.deleteFrom('clue_lexicon').where('tenant_id', '=', src.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, { tenantId: src.tenantId, actorId: src.actor.id, actorName: src.actor.name, ip: src.ip, action: 'clue_place.delete',
      entity: 'clue_place', entityId: id, summary: `删除地名库条目「${cur.name}」`, before: cur });
  });
  forgetLexicon(src.tenantId);
  return { ok: true as const };
}

/** Aliases an entry may hold (GazetteerSaveSchema). */
const MAX_ALIASES = 20;

/**
 * Two names a staff merge says are one place (mergedPlaceNames): added to the gazetteer — as an alias of the entry that
 * holds either name, or as a new entry — so that later reports under either name meet. Staff see it with its note and
 * can change or remove it. Names two different entries hold are left alone (staff entered them as two places), and so
 * is an entry that has all its aliases. Returns the entry's id, or null when nothing was learned.
 */
export async function learnPlaceAlias(db: Kysely<Database>, src: { tenantId: number; actor: { id: number; name: string }; ip: string | null }, names: [string, string],
  note: string): Promise<number | null> {
  const rows = await db.selectFrom('clue_lexicon').select(['id', 'name', 'kind', 'aliases', 'version']).where('tenant_id', '=', src.tenantId).where('kind', '!=', 'word').execute();
  // The entry holding a name, or else one of its names without its ending (翠湖湾 of 翠湖湾小区).
  const namesOf = (r: (typeof rows)[number]) => [r.name, ...splitAliases(r.aliases)];
  const holder = (n: string) => rows.find((r) => namesOf(r).includes(n))
    ?? rows.find((r) => namesOf(r).some((m) => placeCore(m) === n || placeCore(n) === m));
  const [a, b] = names.map(holder);
  if (a && b) return null;
  const entry = a ?? b;
  const audit = { tenantId: src.tenantId, actorId: src.actor.id, actorName: src.actor.name, ip: src.ip ?? '', entity: 'clue_place' };
  if (entry) {
    const added = entry === a ? names[1] : names[0];
    const aliases = splitAliases(entry.aliases);
    if (aliases.length >= MAX_ALIASES) return null;
    const after = { aliases: [...aliases, added].join('、') };
    await db.updateTable('clue_lexicon').set({ ...after, version: entry.version + 1 }).where('tenant_id', '=', src.tenantId).where('id', '=', entry.id).execute();
    await writeAudit(db, { ...audit, action: 'clue_place.learn', entityId: entry.id, summary: `合并线索时学得：「${added}」是「${entry.name}」的别名`, after });
    forgetLexicon(src.tenantId);
    return entry.id;
  }
  const values = { name: names[0], kind: guessKind(names[0]), aliases: names[1], note, concept: null };
  const id = (await db.insertInto('clue_lexicon').values({ tenant_id: src.tenantId, ...values, created_at: new Date().toISOString(), version: 1 })
    .returning('id').executeTakeFirstOrThrow()).id;
  await writeAudit(db, { ...audit, action: 'clue_place.learn', entityId: id, summary: `合并线索时学得：「${names[0]}」与「${names[1]}」是同一地点`, after: values });
  forgetLexicon(src.tenantId);
  return id;
}

const PROPOSAL_SCAN = 1_000;
/** Times a place must be named before it is proposed. */
export const PROPOSAL_MIN_SEEN = 2;

/**
 * Places the county's recent clues keep naming that neither the gazetteer nor the org tree holds: proposed to
 * staff, most seen first, with an example clue.
 */
export async function gazetteerProposals(db: Db, tenantId: number) {
  const [rows, lexicon, orgs] = await Promise.all([
    db.selectFrom('clues').select(['code', 'content']).where('tenant_id', '=', tenantId).orderBy('id', 'desc').limit(PROPOSAL_SCAN).execute(),
    db.selectFrom('clue_lexicon').select(['name', 'aliases']).where('tenant_id', '=', tenantId).execute(),
    db.selectFrom('orgs').select('name').where('tenant_id', '=', tenantId).execute(),
  ]);
  const analyzer = await countyAnalyzer(db, tenantId);
  const known = new Set<string>([...orgs.map((o) => o.name), ...lexicon.flatMap((l) => [l.name, ...splitAliases(l.aliases)])]);
  const seen = new Map<string, { n: number; example: string; code: string }>();
  for (const r of rows) {
    if (noteKind(r.content)) continue;
    for (const p of new Set(analyzer.analyze(r.content).places)) {
      if (known.has(p) || [...known].some((k) => k.endsWith(p) && k.length - p.length <= 1)) continue;
      const s = seen.get(p) ?? { n: 0, example: r.content.slice(0, 60), code: r.code };
      s.n++;
      seen.set(p, s);
    }
  }
  return { scanned: rows.length, items: [...seen.entries()].filter(([, s]) => s.n >= PROPOSAL_MIN_SEEN).sort((a, b) => b[1].n - a[1].n).slice(0, 50)
    .map(([name, s]) => ({ name, seen: s.n, example: s.example, code: s.code, kind: guessKind(name) })) };
}

/** The likely kind of a proposed name, from its ending (the staff member confirms it). */
const KIND_ENDINGS: [Kind, string[]][] = [
  ['market', ['市场', '菜场', '商贸城']], ['school', ['小学', '中学', '学校', '幼儿园', '中心校', '初中']], ['hospital', ['医院', '卫生院', '卫生室']],
  ['bridge', ['桥']], ['scenic', ['景区', '公园', '广场', '瀑布']], ['road', ['路', '街', '大道', '巷']], ['estate', ['小区', '花园', '家园', '苑', '城', '公寓']],
];
function guessKind(name: string): Kind {
  for (const [k, ends] of KIND_ENDINGS) if (ends.some((e) => name.endsWith(e))) return k;
  return 'landmark';
}

// ---- What the rest of the clue module reads: names to load, aliases to resolve ----

interface Lexicon {
  names: string[];
  words: string[];
  /** The county's words for a problem concept: key → words (names and aliases). */
  conceptWords: Map<string, string[]>;
  /** Alias → the entry's name. */
  canonical: Map<string, string>;
}
/** By tenant, with the database it was read from (dbIdentity): another database's tenant of the same id reads anew. */
const cache = new Map<number, { at: number; db: object; done: Promise<Lexicon> }>();
const TTL_MS = 60_000;

/** The county's words changed: read them again, and build its analyzer again. */
export function forgetLexicon(tenantId: number): void {
  cache.delete(tenantId);
  forgetCountyAnalyzer(tenantId);
}

/** The county's gazetteer names (with aliases), own words and alias map, kept per county for TTL_MS. */
export function countyLexicon(db: Db, tenantId: number): Promise<Lexicon> {
  const hit = cache.get(tenantId);
  if (hit && hit.db === dbIdentity(db) && Date.now() - hit.at < TTL_MS) return hit.done;
  const done = (async () => {
    const rows = await db.selectFrom('clue_lexicon').select(['name', 'kind', 'aliases', 'concept']).where('tenant_id', '=', tenantId).execute();
    const canonical = new Map<string, string>();
    const names: string[] = [];
    const words: string[] = [];
    const conceptWords = new Map<string, string[]>();
    for (const r of rows) {
      const all = [r.name, ...splitAliases(r.aliases)];
      if (r.kind === 'word' && r.concept && CONCEPT_KEYS.has(r.concept)) conceptWords.set(r.concept, [...(conceptWords.get(r.concept) ?? []), ...all]);
      else (r.kind === 'word' ? words : names).push(...all);
      if (r.kind !== 'word') for (const a of all) canonical.set(a, r.name);
    }
    return { names, words, conceptWords, canonical };
  })();
  cache.set(tenantId, { at: Date.now(), db: dbIdentity(db), done });
  done.catch(() => cache.delete(tenantId));
  return done;
}
