'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { startOperation } from '@/lib/operations/runner';
import { failure, success } from './action-result';
import { defineAction } from './define-action';
import { clusterIdField, reasonField } from './operation-form-fields';
import { checkClusterKind } from '@/lib/operations/check-cluster/kind';

const schema = z.object({ clusterId: clusterIdField, reason: reasonField });

/** "Check cluster": a read-only operation that reaches every member over SSH and asks its PostgreSQL to answer. */
export const startCheckCluster = defineAction({ permission: 'operations.run', audit: 'operation.start', schema }, async ({ clusterId, reason }, actor) => {
  const claim = await startOperation(checkClusterKind, { params: {}, clusterId, reason: reason.trim(), actor });
  if (!claim.ok) return failure(claim.message);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
});
