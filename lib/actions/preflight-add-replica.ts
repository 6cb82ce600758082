'use server';

import type { PreflightCheck } from '@/lib/replication/preflight-types';
import type { RunbookStep } from '@/lib/replication/runbook';
import { addReplicaFormSchema } from '@/lib/setup/add-replica-schema';
import { prepareAddReplica } from '@/lib/setup/add-replica-prepare';
import { failure, success, type ActionResult } from './action-result';
import { defineAction } from './define-action';

export interface AddReplicaReport {
  newReplicaName: string;
  checks: PreflightCheck[];
  canRun: boolean;
  notes: string[];
  runbook: RunbookStep[];
  runbookText: string;
}

/**
 * Reads the cluster's primary, its replicas and the chosen host fresh, runs the preflight
 * checklist with the cluster's stored options and plans adding the replica. Changes
 * nothing on any host.
 */
export const preflightAddReplica = defineAction(
  { permission: 'operations.run', audit: 'cluster.add-replica-preflight', schema: addReplicaFormSchema },
  async (input): Promise<ActionResult<AddReplicaReport>> => {
    const prepared = await prepareAddReplica(input);
    if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
    return success({
      newReplicaName: prepared.newReplicaName, checks: prepared.checks, canRun: prepared.canRun, notes: [...(prepared.plan?.notes ?? [])], runbook: prepared.runbook, runbookText: prepared.runbookText,
    });
  },
);
