/**
 * Ant Design form rules built from the core Zod schemas, so the console checks exactly what the
 * server will check, with the same Chinese messages.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';

/**
 * Validate a field with a schema. Empty inputs are checked as `''` for text schemas (so a required
 * text says 「不能为空」) and skipped when `optional` is set.
 */
export function zodRule(schema: z.ZodType, opts: { optional?: boolean } = {}): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const empty = value === undefined || value === null || value === '';
      if (empty && opts.optional) return;
      const result = schema.safeParse(empty ? '' : value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  in?: z.ZodType;
}

/** The `maxLength` a string schema declares (looking through optional, nullable, union and pipe), for the input's counter. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  const max = (schema as { maxLength?: number | null }).maxLength;
  if (typeof max === 'number') return max;
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const inner = def.innerType ?? def.in;
  if (inner) return maxLengthOf(inner);
  for (const option of def.options ?? []) {
    const found = maxLengthOf(option);
    if (found !== undefined) return found;
  }
  return undefined;
}
