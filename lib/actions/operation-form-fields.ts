import { z } from 'zod';
import { isTypedText, TYPED_TEXT_MESSAGE } from '@/lib/format/typed-text';
import { isHostName } from '@/lib/replication/names';

/** The cluster a form that starts an operation acts on, as decimal digits: `Number` would also read `0x1`, `1e0` or ` 1` as cluster 1. */
export const clusterIdField = z.string().regex(/^\d{1,9}$/, 'Unknown cluster.').transform(Number);

/** The member a form names, shaped as a host name; whether the cluster has it is checked from the stored record, before any host is read. */
export const memberNameField = (missing: string) => z.string().trim().min(1, missing).max(56, missing).refine(isHostName, missing);

/** Why the operation is run, as typed: kept on the operation and in the audit log. */
export const reasonField = z.string().max(500, 'Keep the reason under 500 characters').refine(isTypedText, TYPED_TEXT_MESSAGE).default('');

/** A planned switchover, or a drill (a switchover and back), to the chosen replica. */
export const switchoverFormSchema = z.object({
  clusterId: clusterIdField,
  candidate: memberNameField('Choose the replica to switch over to'),
  confirmName: z.string().max(100, 'Type the cluster name to confirm').default(''),
  reason: reasonField,
});
