import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface AuditEntry {
  action: string;
  summary: string;
  entity?: string;
  entityId?: number | null;
  result?: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  tenantId?: number | null;
  actorId?: number | null;
  actorName?: string | null;
  ip?: string | null;
}

/** Who and where, from the request; use-cases spread it into their audit entries. */
export function auditSource(req: FastifyRequest): Pick<AuditEntry, 'tenantId' | 'actorId' | 'actorName' | 'ip'> {
  return {
    tenantId: req.auth?.tenantId ?? null,
    actorId: req.auth?.user.id ?? null,
    actorName: req.auth?.user.displayName ?? null,
    ip: req.ip,
  };
}

const SECRET_KEYS = /password|hash|token|secret/i;

function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (k, v) => (SECRET_KEYS.test(k) ? '[已隐藏]' : v));
}

/**
 * Append one entry. Call it with the use-case's transaction so the change and its record commit
 * together. The table refuses UPDATE and DELETE at the database level.
 */
export async function writeAudit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      tenant_id: e.tenantId ?? null,
      actor_id: e.actorId ?? null,
      actor_name: e.actorName ?? null,
      ip: e.ip ?? null,
      action: e.action,
      entity: e.entity ?? null,
      entity_id: e.entityId ?? null,
      result: e.result ?? 'success',
      summary: e.summary,
      before_json: redact(e.before),
      after_json: redact(e.after),
    })
    .execute();
}
