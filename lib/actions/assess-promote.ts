'use server';

import { z } from 'zod';
import { assessCluster } from '@/lib/operations/read-members';
import type { Assessment } from '@/lib/failover/types';
import { failure, success, type ActionResult } from './action-result';
import { defineCallAction } from './define-action';

export interface PromotePanelData {
  readonly clusterId: number;
  readonly clusterName: string;
  readonly lagGuardBytes: number;
  readonly assessment: Assessment;
}

/** Reads every member of the cluster now (in parallel, short timeouts) for the promote panel; changes nothing. The id is checked: a direct POST can send anything. */
export const assessPromote = defineCallAction(
  { permission: 'operations.run', audit: 'cluster.assess-promote', schema: z.number().int().min(1), invalidMessage: 'No such cluster.' },
  async (clusterId): Promise<ActionResult<PromotePanelData>> => {
    const assessed = await assessCluster(clusterId);
    if (!assessed) return failure('This cluster no longer exists.');
    return success({ clusterId, clusterName: assessed.record.cluster.name, lagGuardBytes: assessed.record.lagGuardBytes, assessment: assessed.assessment });
  },
);
