import 'server-only';
import { recordAudit, type AuditedBy } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { replicaNames } from '@/lib/replication/names';
import type { SetupOptions, SetupSnapshot } from '@/lib/replication/setup-types';

type Actor = AuditedBy;

/**
 * Records the new replica as a member of the cluster, with its application and slot
 * names, plus the audit event, in one transaction, before its operation starts (so the
 * host cannot be chosen for another cluster meanwhile). Before: preflight passed just now.
 */
export async function recordAddedReplica(clusterId: number, hostId: number, snapshot: SetupSnapshot, newReplicaName: string, options: SetupOptions, actor: Actor): Promise<number> {
  const names = replicaNames(newReplicaName);
  return (await db()).$transaction(async (tx) => {
    const member = await tx.clusterMember.create({
      data: { clusterId, hostId, role: 'replica', applicationName: names.applicationName, slotName: options.slots ? names.slotName : null },
      select: { id: true },
    });
    await recordAudit({
      ...actor, action: 'cluster.add-replica', targetType: 'cluster', targetId: clusterId, targetName: options.clusterName,
      summary: `Adding replica ${newReplicaName} to cluster ${options.clusterName} (primary ${snapshot.primary.name})`,
      details: { hostId, applicationName: names.applicationName, slotName: options.slots ? names.slotName : null },
    }, tx);
    return member.id;
  });
}

/** Undoes {@link recordAddedReplica} when the operation could not be started, and audits why. */
export async function discardAddedReplica(memberId: number, clusterId: number, newReplicaName: string, clusterName: string, reason: string, actor: Actor): Promise<void> {
  await (await db()).clusterMember.delete({ where: { id: memberId } });
  await recordAudit({
    ...actor, action: 'cluster.add-replica', outcome: 'failed', targetType: 'cluster', targetId: clusterId, targetName: clusterName,
    summary: `Did not add replica ${newReplicaName} to cluster ${clusterName}: ${reason} Its member record was removed.`,
  });
}
