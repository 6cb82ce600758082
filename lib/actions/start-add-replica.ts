'use server';

import { redirect } from 'next/navigation';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import { discardAddedReplica, recordAddedReplica } from '@/lib/setup/add-replica-record';
import { addReplicaFormSchema } from '@/lib/setup/add-replica-schema';
import { prepareAddReplica } from '@/lib/setup/add-replica-prepare';
import type { AddReplicaParams } from '@/lib/setup/add-replica-kind';
import { startOperation } from '@/lib/operations/runner';
import { failure, formFields, invalid, postedForm, type ActionResult } from './action-result';
import { authorize } from './authorize';
import { addReplicaKind } from '@/lib/operations/add-replica/kind';

/**
 * Adds the chosen host to the cluster as a replica: preflight and plan are redone from
 * the hosts, the member is recorded and the add-replica operation started with the
 * cluster's stored replication password (resolved only while steps run). If the
 * operation cannot start, the member record is removed again.
 */
export async function startAddReplica(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('operations.run', 'cluster.add-replica');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = addReplicaFormSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const who = { actorId: actor.user.id, actorEmail: actor.user.email, clientAddress: actor.clientAddress };
  const { clusterId, hostId } = parsed.data;
  const prepared = await prepareAddReplica(parsed.data);
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
    actor: { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress },
  });
  if (!claim.ok) {
    await discardAddedReplica(memberId, clusterId, prepared.newReplicaName, prepared.clusterName, claim.message, who);
    return failure(claim.message);
  }
  redirect(`/operations/${claim.operationId}`);
}
