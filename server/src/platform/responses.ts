/**
 * Response schemas: a route's `schema.response` holds Zod schemas from core (`core/src/schemas/<module>.ts`),
 * keyed by status code. The same schema
 * - types the handler's return value (fastify-type-provider-zod infers it; tsc fails a handler that returns
 *   something else; in registerCrud the spec ties toDto's type to its dtoSchema instead),
 * - shapes the body sent: it is encoded with the schema, so keys the schema does not name are STRIPPED
 *   (Zod objects strip unknown keys) — a column added to a row never reaches the client by accident, and the
 *   schema is the contract the web infers its types from,
 * - describes the response in the OpenAPI document (/api/openapi.json, via jsonSchemaTransform).
 *
 * When a body does not match its schema (a handler bug: a missing field, a null where none is declared), the
 * library's serializer throws, which would turn a request that did its work into a 500. Here the behaviour
 * depends on `strict`:
 * - strict (the test suite, where createTestApp sets `strictResponses`, and e2e with STRICT_RESPONSES=1): the
 *   error is thrown, the test gets a 500 and fails, and the error names the route and the field;
 * - otherwise (production, the demo): the mismatch is logged at error level with the route and the
 *   issues, and the body is sent as the handler returned it (what the route sent before it had a schema), so a
 *   user never sees a failure for a response the server already committed. The log line is the alarm.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifySerializerCompiler } from 'fastify';
import { ErrorBodySchema } from '@xs/core/schemas/common.ts';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

type ResponseSchema = $ZodType | { properties: $ZodType };

const resolve = (s: ResponseSchema): $ZodType => (s instanceof $ZodType ? s : s.properties);

export function responseSerializerCompiler(strict: boolean, log: () => FastifyBaseLogger): FastifySerializerCompiler<ResponseSchema> {
  return ({ schema, method, url, httpStatus }) => {
    const zod = resolve(schema);
    return (data) => {
      const result = safeEncode(zod, data);
      if (!result.error) return JSON.stringify(result.data);
      if (strict) throw new ResponseSerializationError(method, url, { cause: result.error });
      log().error({ route: `${method} ${url}`, status: httpStatus, issues: result.error.issues.slice(0, 10) }, 'response does not match its schema; sent unchecked');
      return JSON.stringify(data);
    };
  };
}

/**
 * A route that declares its responses gets the error body for 4xx and 5xx too, so the OpenAPI document shows what
 * a refusal looks like. Every error body comes from the one error handler (platform/errors.ts) in that shape.
 */
export function declareErrorResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (r) => {
    const response = r.schema?.response as Record<string, unknown> | undefined;
    if (!response || !r.url.startsWith('/api/')) return;
    response['4xx'] ??= ErrorBodySchema;
    response['5xx'] ??= ErrorBodySchema;
  });
}
