/**
 * Parts of a case's detail that every case type shares (the workflow runner and case links in
 * server/src/platform/workflow.ts and cases.ts): its timeline, named clocks, links and the actor's buttons.
 * A module's detail schema composes them.
 */
import { z } from 'zod';

export const CaseTimelineEntrySchema = z.object({
  id: z.number().int(),
  /** The transition or declared event. */
  transition: z.string(),
  label: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actorKind: z.enum(['user', 'public', 'system']),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntrySchema>;

/** A named clock (e.g. `reply`): anchored, due, capped (an extension never past the cap), stopped. */
export const CaseClockSchema = z.object({
  name: z.string(),
  label: z.string(),
  anchorAt: z.string(),
  dueAt: z.string(),
  capAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
});
export type CaseClock = z.infer<typeof CaseClockSchema>;

export const CaseRefSchema = z.object({ type: z.string(), id: z.number().int().nullable() });

/** A typed link to another case; `to.id` is null while the target case does not exist yet. */
export const CaseLinkSchema = z.object({
  linkId: z.number().int(),
  kind: z.string(),
  label: z.string(),
  to: CaseRefSchema,
  note: z.string().nullable(),
  at: z.string(),
});
export type CaseLink = z.infer<typeof CaseLinkSchema>;

/** One button: a transition or event the actor's role may fire, open or closed with its reason (core/workflow.ts ActionOption). */
export const ActionOptionSchema = z.object({
  name: z.string(),
  label: z.string(),
  kind: z.enum(['transition', 'event']),
  available: z.boolean(),
  reason: z.string().optional(),
  code: z.enum(['invalid_state', 'forbidden', 'gate']).optional(),
  /** What the transition needs from the form (workflow TransitionDef.requires). */
  requires: z.object({ reason: z.boolean().optional(), fields: z.array(z.string()).readonly().optional(), attachments: z.number().optional() }).optional(),
});
