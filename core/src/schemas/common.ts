/**
 * Shapes shared by many responses. Response schemas describe what the server sends: they are the Fastify
 * `response` schemas of the routes (server/src/platform/responses.ts) and the web infers its types from them,
 * so they use plain `z.object` (unknown keys are stripped when sending) and no input cleaning.
 */
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../errors.ts';

/** `{ ok: true }`: the answer of a command that has nothing else to say. */
export const OkSchema = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof OkSchema>;

/** `{ items }`: a whole list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** One page of a list with its total. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** An attachment just uploaded: its stored file's id and its name. */
export const UploadedFileSchema = z.object({ fileId: z.number().int(), name: z.string() });

/** The body of every error response (core/errors.ts ErrorBody): a code, a Chinese message, each field's problem. */
export const ErrorBodySchema = z.object({
  error: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
