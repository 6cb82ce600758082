import { z } from 'zod';
import { decimalIdField, isTypedText, TYPED_TEXT_MESSAGE } from '@/lib/format/typed-text';
import { memberNameField } from '@/lib/replication/names';

/** The promote panel's form: the typed confirmations arrive as typed, checked against a fresh reading by the guard rails. */
export const promoteFormSchema = z.object({
  clusterId: decimalIdField('Unknown cluster.'),
  candidate: memberNameField('Choose a replica'),
  confirmName: z.string('Type the cluster name to confirm').max(100, 'Type the cluster name to confirm').default(''),
  reason: z.string('Give a reason').max(500, 'Keep the reason under 500 characters').refine(isTypedText, TYPED_TEXT_MESSAGE).default(''),
  acknowledgeDown: z.enum(['on', 'true'], 'A checkbox is either ticked or not').optional().transform((value) => value !== undefined),
  overrideBytes: z.string('Type the bytes at risk to override').max(20, 'Type the bytes at risk as a whole number').default(''),
});

export type PromoteForm = z.infer<typeof promoteFormSchema>;
