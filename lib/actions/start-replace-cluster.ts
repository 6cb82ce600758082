'use server';

import { requestReplaceCluster } from '@/lib/operations/restore/replace-request';
import { failure, success } from './action-result';
import { replaceClusterFormSchema } from './backup-form-fields';
import { defineAction } from './define-action';

/** Replaces the whole cluster from a backup, confirmed by typing the primary's name and the cluster's: every member is stopped, the primary restored in place, the replicas rebuilt from it. */
export const startReplaceCluster = defineAction({ permission: 'operations.run', audit: 'backups.replace-cluster', schema: replaceClusterFormSchema }, async ({ clusterId, ...request }, actor) => {
  const outcome = await requestReplaceCluster(clusterId, request, actor);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
