import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';

/** A JSON value as Prisma writes it to a Json column. */
const inputJsonSchema: z.ZodType<Prisma.InputJsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.array(z.union([inputJsonSchema, z.null()])), z.record(z.string(), z.union([inputJsonSchema, z.null()]))]));

/**
 * A typed value (params, settings, facts) in the form a Json column stores: through JSON
 * and back, so what is written is exactly what a later read decodes (dates become strings,
 * `undefined` fields disappear). Throws on a value that is not JSON at all.
 */
export function toStoredJson(value: unknown): Prisma.InputJsonValue {
  return inputJsonSchema.parse(JSON.parse(JSON.stringify(value ?? null)));
}
