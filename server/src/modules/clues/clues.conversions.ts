/**
 * Conversions (转化): a clue turned into a consultation topic, a proposal lead or an opinion report is a
 * `converted_into` case link from the clue to a case of the target type (CONVERSION_TARGETS), waiting for its
 * target. The target module finds the waiting links with `pendingLinks(db, tenantId, 'converted_into', type)`
 * and completes one with `completeLink` when it creates the case; the conversion queue is this list of links.
 */
import type { Kysely } from 'kysely';
import { CONVERSION_KINDS, CONVERSION_TARGETS, type ConversionKind } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../db/database.ts';
import { linkCases } from '../../platform/cases.ts';

const KIND_OF_TARGET = Object.fromEntries(Object.entries(CONVERSION_TARGETS).map(([k, t]) => [t, k])) as Record<string, ConversionKind>;

/** Record a conversion in the convert transition's transaction: the clue's conversion row and the waiting link. */
export async function recordConversion(trx: Kysely<Database>, c: {
  tenantId: number; clueId: number; kind: ConversionKind; title: string; actor: { id: number; name: string }; at: string;
}) {
  await trx.insertInto('clue_conversions').values({ tenant_id: c.tenantId, clue_id: c.clueId, kind: c.kind, title: c.title,
    created_by: c.actor.id, created_by_name: c.actor.name, created_at: c.at, status: 'queued' }).execute();
  await linkCases(trx, { tenantId: c.tenantId, from: { type: 'clue', id: c.clueId }, kind: 'converted_into',
    to: { type: CONVERSION_TARGETS[c.kind], id: null }, note: c.title, actorId: c.actor.id, now: new Date(c.at) });
}

/** The conversion queue, newest first: each waiting (待接手) or completed (已接手) link from a clue of the county. */
export async function listConversions(db: Kysely<Database>, tenantId: number) {
  const rows = await db.selectFrom('case_links as l').innerJoin('clues as c', 'c.id', 'l.from_id')
    .leftJoin('clue_conversions as v', (j) => j.onRef('v.clue_id', '=', 'l.from_id').onRef('v.tenant_id', '=', 'l.tenant_id'))
    .select(['l.id', 'l.from_id', 'c.code', 'l.to_type', 'l.to_id', 'l.note', 'l.created_at', 'v.title', 'v.created_by_name'])
    .where('l.tenant_id', '=', tenantId).where('l.from_type', '=', 'clue').where('l.kind', '=', 'converted_into').where('c.tenant_id', '=', tenantId)
    .orderBy('l.id', 'desc').limit(1000).execute();
  return {
    items: rows.flatMap((r) => {
      const kind = KIND_OF_TARGET[r.to_type];
      if (!kind) return [];
      return [{
        id: r.id, linkId: r.id, clueId: r.from_id, clueCode: r.code, kind, kindLabel: CONVERSION_KINDS[kind], title: r.title ?? r.note ?? '',
        createdByName: r.created_by_name, createdAt: r.created_at, status: r.to_id === null ? 'queued' as const : 'taken' as const,
        targetType: r.to_type, targetId: r.to_id,
      }];
    }),
  };
}
