'use server';

import type { PreflightCheck } from '@/lib/replication/preflight-types';
import type { RunbookStep } from '@/lib/replication/runbook';
import { addReplicaFormSchema } from '@/lib/setup/add-replica-schema';
import { prepareAddReplica } from '@/lib/setup/add-replica-prepare';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

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
export async function preflightAddReplica(_previous: ActionResult<AddReplicaReport> | null, form: unknown): Promise<ActionResult<AddReplicaReport>> {
  const actor = await authorize('operations.run', 'cluster.add-replica-preflight');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = addReplicaFormSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const prepared = await prepareAddReplica(parsed.data);
  if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
  return success({
    newReplicaName: prepared.newReplicaName, checks: prepared.checks, canRun: prepared.canRun, notes: [...(prepared.plan?.notes ?? [])], runbook: prepared.runbook, runbookText: prepared.runbookText,
  });
}
