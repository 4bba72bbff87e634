/** What the audit log routes answer (server/src/modules/audit). */
import { z } from 'zod';
import { pageOf } from './common.ts';

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  result: z.enum(['success', 'failure']),
  summary: z.string(),
  /** The record before and after the change, as it was written (any JSON). */
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema);
