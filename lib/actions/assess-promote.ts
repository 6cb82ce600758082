'use server';

import { assessCluster } from '@/lib/operations/read-members';
import type { Assessment } from '@/lib/failover/types';
import { failure, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

export interface PromotePanelData {
  readonly clusterId: number;
  readonly clusterName: string;
  readonly lagGuardBytes: number;
  readonly assessment: Assessment;
}

/** Reads every member of the cluster now (in parallel, short timeouts) for the promote panel; changes nothing. The id is checked: a direct POST can send anything. */
export async function assessPromote(clusterId: unknown): Promise<ActionResult<PromotePanelData>> {
  const actor = await authorize('operations.run', 'cluster.assess-promote');
  if (!actor.ok) return actor;
  if (typeof clusterId !== 'number' || !Number.isInteger(clusterId) || clusterId < 1) return failure('No such cluster.');
  const assessed = await assessCluster(clusterId);
  if (!assessed) return failure('This cluster no longer exists.');
  return success({ clusterId, clusterName: assessed.record.cluster.name, lagGuardBytes: assessed.record.lagGuardBytes, assessment: assessed.assessment });
}
