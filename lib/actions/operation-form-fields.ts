import { z } from 'zod';
import { decimalIdField, isTypedText, TYPED_TEXT_MESSAGE } from '@/lib/format/typed-text';
import { memberNameField } from '@/lib/replication/names';

/** The cluster a form that starts an operation acts on, as decimal digits: `Number` would also read `0x1`, `1e0` or ` 1` as cluster 1. */
export const clusterIdField = decimalIdField('Unknown cluster.');


/** Why the operation is run, as typed: kept on the operation and in the audit log. */
export const reasonField = z.string().max(500, 'Keep the reason under 500 characters').refine(isTypedText, TYPED_TEXT_MESSAGE).default('');

/** A planned switchover, or a drill (a switchover and back), to the chosen replica. */
export const switchoverFormSchema = z.object({
  clusterId: clusterIdField,
  candidate: memberNameField('Choose the replica to switch over to'),
  confirmName: z.string().max(100, 'Type the cluster name to confirm').default(''),
  reason: reasonField,
});

/** How to rejoin a fenced former primary; `auto`: pg_rewind, or a rebuild when the member accepts writes of its own now (see canRejoin). */
export const rejoinMethodField = z.enum(['auto', 'rewind', 'rebuild', 'backup'], 'Choose how to rejoin: Tandem\'s choice, pg_rewind, a rebuild or the latest backup').default('auto').transform((value) => (value === 'auto' ? undefined : value));
