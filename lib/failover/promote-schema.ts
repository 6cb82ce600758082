import { z } from 'zod';

/** The promote panel's form: the typed confirmations arrive as typed, checked against a fresh reading by the guard rails. */
export const promoteFormSchema = z.object({
  clusterId: z.coerce.number().int().positive(),
  candidate: z.string().trim().min(1, 'Choose a replica').max(56),
  confirmName: z.string().max(100).default(''),
  reason: z.string().max(500, 'Keep the reason under 500 characters').default(''),
  acknowledgeDown: z.enum(['on', 'true']).optional().transform((value) => value !== undefined),
  overrideBytes: z.string().max(20).default(''),
});

export type PromoteForm = z.infer<typeof promoteFormSchema>;
