/**
 * Which unit should handle a clue: the county's own rule table (category and keywords → unit) first — a rule
 * always wins — then what the report's text says (clues.routing-model.ts: a classifier over words and
 * character pairs, trained on the shipped corpus and on the county's own forwards and corrections, predicts
 * the unit's function; the citizen's category is one feature of it). Every suggestion carries its reason and
 * a confidence, so staff can see why and overrule it; their forward is then learned.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { CLUE_CATEGORIES, type RoutingRuleSchema } from '@xs/core/schemas/clues.ts';
import { UNIT_DUTIES, type UnitDuty } from '@xs/core/schemas/orgs.ts';
import type { Database } from '../../db/database.ts';
import { writeAudit, type AuditEntry } from '../../platform/audit.ts';
import { checkRefs } from '../../platform/crud.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { names, unitsOf } from '../orgs/orgs.read.ts';
import { findClue, type ClueRow } from './clues.repository.ts';
import { countyRoutingModel, dutyOfUnit, predictRoute, routeFeatures, type RouteClass } from './clues.routing-model.ts';

export interface UnitSuggestion {
  unitId: number;
  unitName: string;
  /** Ranking score: a matching rule scores 10 and more; the text model its confidence (0..1). */
  score: number;
  /** How sure the suggestion is (0..1): 1 for a rule, else the model's probability of the unit's function. */
  confidence: number;
  reason: string;
}

/** Split a rule's keywords (spaces, 、 and commas). */
function ruleKeywords(k: string | null): string[] {
  const out: string[] = [];
  for (const part of (k ?? '').split(' ')) for (const a of part.split('、')) for (const b of a.split(',')) for (const w of b.split('，')) if (w) out.push(w);
  return out;
}

export async function suggestUnits(db: Kysely<Database>, tenantId: number, clue: Pick<ClueRow, 'id' | 'category' | 'content' | 'place' | 'township_id'>, limit = 3): Promise<UnitSuggestion[]> {
  const [rules, units] = await Promise.all([
    db.selectFrom('clue_routing_rules').selectAll().where('tenant_id', '=', tenantId).execute(),
    unitsOf(db, tenantId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const text = `${clue.content} ${clue.place ?? ''}`;
  const out = new Map<number, UnitSuggestion>();
  const add = (unitId: number, score: number, confidence: number, reason: string) => {
    const name = unitName.get(unitId);
    if (name === undefined) return;
    const s = out.get(unitId);
    if (s) {
      s.score += score;
      s.confidence = Math.max(s.confidence, confidence);
      s.reason = `${s.reason}；${reason}`;
    } else out.set(unitId, { unitId, unitName: name, score, confidence, reason });
  };

  for (const r of rules) {
    const keywords = ruleKeywords(r.keywords);
    const hit = keywords.filter((k) => text.includes(k));
    if (r.category && r.category !== clue.category) continue;
    if (keywords.length && hit.length === 0) continue;
    add(r.unit_id, 10 + hit.length, 1, `规则：${r.category ? `类别「${CLUE_CATEGORIES[r.category]}」` : ''}${hit.length ? `关键词「${hit.join('、')}」` : ''}`);
  }

  // The text model over the functions the county has units for (a unit of unknown function is its own class).
  const unitClass = new Map<number, RouteClass>();
  const byClass = new Map<RouteClass, typeof units>();
  for (const u of units) {
    const cls = dutyOfUnit(u) ?? `u${u.id}`;
    unitClass.set(u.id, cls);
    byClass.set(cls, [...(byClass.get(cls) ?? []), u]);
  }
  const learned = await countyRoutingModel(db, tenantId, unitClass);
  const ranked = predictRoute(routeFeatures(text, clue.category), [...byClass.keys()], learned.counts);
  for (const r of ranked.slice(0, limit + 1)) {
    // Several units of one function (township governments): the clue's own township's first.
    const candidates = byClass.get(r.cls)!;
    const own = candidates.filter((u) => u.townshipId === clue.township_id);
    const pick = (own.length ? own : candidates).slice(0, 1);
    const label = r.cls in UNIT_DUTIES ? UNIT_DUTIES[r.cls as UnitDuty] : '本县历史转办';
    for (const u of pick) {
      add(u.id, r.p, Math.round(r.p * 100) / 100, `文本：像「${label}」类问题${r.evidence.length ? `（${r.evidence.join('、')}）` : ''}，置信度 ${Math.round(r.p * 100)}%${learned.decisions ? `；已学习本县 ${learned.decisions} 次转办` : ''}`);
    }
  }

  // The township's own government is a sensible fallback for local matters.
  const townGov = units.find((u) => u.kind === 'township_gov' && u.townshipId === clue.township_id);
  if (townGov && !out.has(townGov.id)) add(townGov.id, 0.001, 0, '属地：问题所在乡镇/街道');

  return [...out.values()]
    .map((s) => ({ ...s, score: Math.round(s.score * 1000) / 1000 }))
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
  return { ok: true as const };
}
