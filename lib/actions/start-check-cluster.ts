'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestCheckCluster } from '@/lib/operations/check-cluster/request';
import { failure, success } from './action-result';
import { defineAction } from './define-action';
import { clusterIdField, reasonField } from './operation-form-fields';

const schema = z.object({ clusterId: clusterIdField, reason: reasonField });

/** "Check cluster": a read-only operation that reaches every member over SSH and asks its PostgreSQL to answer. */
export const startCheckCluster = defineAction({ permission: 'operations.run', audit: 'operation.start', schema }, async ({ clusterId, reason }, actor) => {
  const claim = await requestCheckCluster(clusterId, reason, actor);
  if (!claim.ok) return failure(claim.message);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
});
