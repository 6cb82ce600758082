'use server';

import { redirect } from 'next/navigation';
import { recordAudit } from '@/lib/db/audit';
import { discardAddedReplica, recordAddedReplica } from '@/lib/setup/add-replica-record';
import { addReplicaFormSchema } from '@/lib/setup/add-replica-schema';
import { prepareAddReplica } from '@/lib/setup/add-replica-prepare';
import type { AddReplicaParams } from '@/lib/replication/setup-schema';
import { startOperation } from '@/lib/operations/runner';
import { failure, type ActionResult } from './action-result';
import { auditedBy, defineAction } from './define-action';
import { addReplicaKind } from '@/lib/operations/add-replica/kind';

/**
 * Adds the chosen host to the cluster as a replica: preflight and plan are redone from
 * the hosts, the member is recorded and the add-replica operation started with the
 * cluster's stored replication password (resolved only while steps run). If the
 * operation cannot start, the member record is removed again.
 */
export const startAddReplica = defineAction({ permission: 'operations.run', audit: 'cluster.add-replica', schema: addReplicaFormSchema }, async (input, actor): Promise<ActionResult> => {
  const who = auditedBy(actor);
  const { clusterId, hostId } = input;
  const prepared = await prepareAddReplica(input);
  if (!prepared.ok || !prepared.canRun) {
    const result = prepared.ok ? failure('Preflight failed on the hosts as they are now; nothing was run. Run preflight again to see why.') : failure(prepared.message, prepared.fieldErrors);
    const why = Object.values(result.fieldErrors ?? {}).flat().join(' ') || result.message;
    await recordAudit({ ...who, action: 'cluster.add-replica', outcome: 'failed', summary: `Refused to add host ${hostId} as a replica: ${why}`, targetType: 'cluster', targetId: clusterId });
    return result;
  }
  const memberId = await recordAddedReplica(clusterId, hostId, prepared.snapshot, prepared.newReplicaName, prepared.options, who);
  const params: AddReplicaParams = { snapshot: prepared.snapshot, options: prepared.options, newReplicaName: prepared.newReplicaName };
  const claim = await startOperation(addReplicaKind, { clusterId,
    params: params,
    reason: `Add replica ${prepared.newReplicaName} to cluster ${prepared.clusterName}`,
    actor,
  });
  if (!claim.ok) {
    await discardAddedReplica(memberId, clusterId, prepared.newReplicaName, prepared.clusterName, claim.message, who);
    return failure(claim.message);
  }
  redirect(`/operations/${claim.operationId}`);
});
