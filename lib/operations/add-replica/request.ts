import 'server-only';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import type { AddReplicaParams } from '@/lib/replication/setup-schema';
import { discardAddedReplica, recordAddedReplica } from '@/lib/setup/add-replica-record';
import { prepareAddReplica } from '@/lib/setup/add-replica-prepare';
import type { AddReplicaForm } from '@/lib/setup/add-replica-schema';
import { startOperation } from '@/lib/operations/runner';
import { addReplicaKind } from './kind';

export type AddReplicaOutcome =
  | { readonly ok: true; readonly operationId: number }
  | { readonly ok: false; readonly message: string; readonly fieldErrors?: Record<string, string[]> };

/**
 * Adds the chosen host to the cluster as a replica: preflight and plan are redone from the
 * hosts, the member is recorded and the add-replica operation started with the cluster's
 * stored replication password (resolved only while steps run). If the operation cannot
 * start, the member record is removed again. Refusals are audited.
 */
export async function requestAddReplica(input: AddReplicaForm, actor: OperationActor): Promise<AddReplicaOutcome> {
  const who = auditedBy(actor);
  const { clusterId, hostId } = input;
  const prepared = await prepareAddReplica(input);
  if (!prepared.ok || !prepared.canRun) {
    const result: AddReplicaOutcome = prepared.ok ? { ok: false, message: 'Preflight failed on the hosts as they are now; nothing was run. Run preflight again to see why.' } : prepared;
    const why = Object.values(result.fieldErrors ?? {}).flat().join(' ') || result.message;
    await recordAudit({ ...who, action: 'cluster.add-replica', outcome: 'failed', summary: `Refused to add host ${hostId} as a replica: ${why}`, targetType: 'cluster', targetId: clusterId });
    return result;
  }
  const memberId = await recordAddedReplica(clusterId, hostId, prepared.snapshot, prepared.newReplicaName, prepared.options, who);
  const params: AddReplicaParams = { snapshot: prepared.snapshot, options: prepared.options, newReplicaName: prepared.newReplicaName };
  const claim = await startOperation(addReplicaKind, { clusterId, params, reason: `Add replica ${prepared.newReplicaName} to cluster ${prepared.clusterName}`, actor });
  if (!claim.ok) {
    await discardAddedReplica(memberId, clusterId, prepared.newReplicaName, prepared.clusterName, claim.message, who);
    return { ok: false, message: claim.message };
  }
  return { ok: true, operationId: claim.operationId };
}
