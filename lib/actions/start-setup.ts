'use server';

import { redirect } from 'next/navigation';
import { createClusterRecord, discardClusterRecord } from '@/lib/setup/create-cluster-record';
import { prepareSetup } from '@/lib/setup/prepare-setup';
import { setupFormInput, setupFormSchema } from '@/lib/setup/wizard-schema';
import { startOperation } from '@/lib/operations/runner';
import { failure, type ActionResult } from './action-result';
import { auditedBy, defineAction } from './define-action';
import { setupKind } from '@/lib/operations/setup/kind';

/**
 * Runs the setup: preflight and plan are redone from the hosts (the browser's earlier
 * preflight proves nothing), then the cluster is recorded and the operation started.
 * Returns at once; the operation's page shows the steps live.
 */
export const startSetup = defineAction({ permission: 'operations.run', audit: 'cluster.setup', schema: setupFormSchema, fields: setupFormInput }, async (input, actor): Promise<ActionResult> => {
  const prepared = await prepareSetup(input);
  if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
  if (!prepared.canRun) return failure('Preflight failed on the hosts as they are now; nothing was run. Run preflight again to see why.');
  const clusterId = await createClusterRecord(input, prepared.options, prepared.snapshot.primary.facts?.cluster?.version, auditedBy(actor));
  const claim = await startOperation(setupKind, { clusterId,
    params: { snapshot: prepared.snapshot, options: prepared.options },
    reason: `Set up cluster ${input.clusterName}`,
    actor,
  });
  if (!claim.ok) {
    await discardClusterRecord(clusterId);
    return failure(claim.message);
  }
  redirect(`/operations/${claim.operationId}`);
});
