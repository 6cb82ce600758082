'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { startOperation } from '@/lib/operations/runner';
import { failure, success } from './action-result';
import { defineAction } from './define-action';
import { checkClusterKind } from '@/lib/operations/check-cluster/kind';

const schema = z.object({
  clusterId: z.string().regex(/^\d{1,9}$/, 'Unknown cluster.').transform(Number),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').default(''),
});

/** "Check cluster": a read-only operation that reaches every member over SSH and asks its PostgreSQL to answer. */
export const startCheckCluster = defineAction({ permission: 'operations.run', audit: 'operation.start', schema }, async ({ clusterId, reason }, actor) => {
  const claim = await startOperation(checkClusterKind, { params: {}, clusterId, reason, actor });
  if (!claim.ok) return failure(claim.message);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
});
