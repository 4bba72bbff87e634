/**
 * Which unit should handle a clue: the county's own rule table (category and keywords → unit), then
 * what the county did before (the units past clues of the same category, township and words went to).
 * Every suggestion carries its reason, so staff can see why and overrule it.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { CLUE_CATEGORIES, type RoutingRuleSchema } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { writeAudit, type AuditEntry } from '../../platform/audit.ts';
import { checkRefs } from '../../platform/crud.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { tokenize } from '../../platform/search/segment.ts';
import { names, unitsOf } from '../orgs/orgs.read.ts';
import { findClue, type ClueRow } from './clues.repository.ts';

export interface UnitSuggestion {
  unitId: number;
  unitName: string;
  score: number;
  reason: string;
}

const HISTORY_LIMIT = 400;

export async function suggestUnits(db: Kysely<Database>, tenantId: number, clue: Pick<ClueRow, 'id' | 'category' | 'content' | 'place' | 'township_id'>, limit = 3): Promise<UnitSuggestion[]> {
  const [rules, units, history] = await Promise.all([
    db.selectFrom('clue_routing_rules').selectAll().where('tenant_id', '=', tenantId).execute(),
    unitsOf(db, tenantId),
    db.selectFrom('clues').select(['unit_id', 'township_id', 'search_tokens']).where('tenant_id', '=', tenantId).where('category', '=', clue.category)
      .where('unit_id', 'is not', null).where('id', '!=', clue.id).orderBy('id', 'desc').limit(HISTORY_LIMIT).execute(),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const text = `${clue.content} ${clue.place ?? ''}`;
  const words = new Set(tokenize(text));
  const scores = new Map<number, { score: number; reasons: string[] }>();
  const add = (unitId: number, score: number, reason: string) => {
    if (!unitName.has(unitId)) return;
    const s = scores.get(unitId) ?? { score: 0, reasons: [] };
    s.score += score;
    s.reasons.push(reason);
    scores.set(unitId, s);
  };

  for (const r of rules) {
    const keywords = (r.keywords ?? '').split(/[\s、,，]+/).filter(Boolean);
    const hit = keywords.filter((k) => text.includes(k));
    const categoryOk = !r.category || r.category === clue.category;
    if (!categoryOk) continue;
    if (keywords.length && hit.length === 0) continue;
    add(r.unit_id, (r.category ? 2 : 0) + hit.length * 2, `规则：${r.category ? `类别「${CLUE_CATEGORIES[r.category]}」` : ''}${hit.length ? `关键词「${hit.join('、')}」` : ''}`);
  }

  // Past forwards: same category, weighted up for the same township and for shared words.
  const tally = new Map<number, { n: number; sameTownship: number; overlap: number }>();
  for (const h of history) {
    const t = tally.get(h.unit_id!) ?? { n: 0, sameTownship: 0, overlap: 0 };
    t.n += 1;
    if (h.township_id === clue.township_id) t.sameTownship += 1;
    const shared = h.search_tokens.split(' ').filter((w) => words.has(w)).length;
    t.overlap += Math.min(shared, 5);
    tally.set(h.unit_id!, t);
  }
  const total = history.length || 1;
  for (const [unitId, t] of tally) {
    const score = (t.n / total) * 3 + (t.sameTownship / total) * 1 + (t.overlap / total) * 0.5;
    add(unitId, score, `历史：同类问题 ${t.n} 件转交该单位${t.sameTownship ? `（本乡镇 ${t.sameTownship} 件）` : ''}`);
  }

  // The township's own government is a sensible default for local matters.
  const townGov = units.find((u) => u.kind === 'township_gov' && u.townshipId === clue.township_id);
  if (townGov) add(townGov.id, 0.5, '属地：问题所在乡镇/街道');

  return [...scores.entries()]
    .map(([unitId, s]) => ({ unitId, unitName: unitName.get(unitId)!, score: Math.round(s.score * 100) / 100, reason: s.reasons.join('；') }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** The suggestions for one clue of the county (404 for another county's). */
export async function suggestUnitsFor(db: Kysely<Database>, tenantId: number, id: number) {
  const clue = await findClue(db, tenantId, id);
  if (!clue) throw notFound('线索');
  return { items: await suggestUnits(db, tenantId, clue) };
}

type RoutingRule = z.infer<typeof RoutingRuleSchema>;
type AuditSource = Pick<AuditEntry, 'tenantId' | 'actorId' | 'actorName' | 'ip'>;

/** The county's rules with their units' names. */
export async function listRoutingRules(db: Kysely<Database>, tenantId: number) {
  const rows = await db.selectFrom('clue_routing_rules').select(['id', 'category', 'keywords', 'unit_id', 'note']).where('tenant_id', '=', tenantId).orderBy('id').execute();
  const unitNames = (await names(db, tenantId, { units: rows.map((r) => r.unit_id) })).units;
  // A rule whose unit is not the county's is not shown (as the join with units did).
  return { items: rows.flatMap((r) => {
    const unitName = unitNames.get(r.unit_id);
    return unitName === undefined ? [] : [{ id: r.id, category: r.category, categoryLabel: r.category ? CLUE_CATEGORIES[r.category] : null, keywords: r.keywords, unitId: r.unit_id, unitName, note: r.note }];
  }) };
}

/** Add a rule: a unit of the county and at least a category or keywords; audited in the same transaction. */
export async function createRoutingRule(db: Kysely<Database>, tenantId: number, source: AuditSource, b: RoutingRule) {
  const issues = await checkRefs(db, tenantId, [{ field: 'unitId', table: 'units', id: b.unitId, label: '承办单位' }]);
  if (!b.category && !b.keywords) issues.push({ path: 'keywords', message: '类别和关键词至少填写一项' });
  if (issues.length) throw invalid(issues);
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('clue_routing_rules').values({ tenant_id: tenantId, category: b.category ?? null, keywords: b.keywords ?? null, unit_id: b.unitId, note: b.note ?? null })
      .returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, { ...source, action: 'clue_rule.create', entity: 'clue_rule', entityId: r.id, summary: '新增线索转办规则', after: b });
    return { id: r.id };
  });
}

/** Delete a rule of the county (404 for another county's), audited with what it was. */
export async function deleteRoutingRule(db: Kysely<Database>, tenantId: number, source: AuditSource, id: number) {
  const rule = await db.selectFrom('clue_routing_rules').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!rule) throw notFound('规则');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('clue_routing_rules').where('id', '=', rule.id).execute();
    await writeAudit(trx, { ...source, action: 'clue_rule.delete', entity: 'clue_rule', entityId: rule.id, summary: '删除线索转办规则', before: rule });
  });
  return { ok: true };
}
