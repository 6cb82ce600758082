import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

const date = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined));

/** The Audit page's query string: actor, target, time window and a cursor. */
export const auditFilterSchema = z.object({
  actor: optional,
  target: optional,
  from: date,
  to: date,
  before: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional()
    .transform((value) => (value ? Number(value) : undefined))
    .catch(undefined),
});
