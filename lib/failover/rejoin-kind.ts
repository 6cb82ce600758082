import 'server-only';
import { db } from '@/lib/db/client';
import { dbFailoverRecorder, loadFailoverCluster } from '@/lib/db/failover';
import { unseal } from '@/lib/db/secrets';
import { registerOperationKind } from '@/lib/server/runner';
import { planRejoin, type RejoinParams } from './plan-rejoin';

/** The cluster's replication password, for a passfile; null when Tandem never knew it (an imported cluster). */
export async function replicationPassword(clusterId: number): Promise<string | null> {
  const row = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { replicationSecret: true } });
  return row?.replicationSecret ? unseal('cluster.replicationSecret', row.replicationSecret) : null;
}

registerOperationKind('rejoin', async (operation) => {
  if (operation.clusterId === null) throw new Error('A rejoin needs its cluster.');
  const record = await loadFailoverCluster(operation.clusterId);
  if (!record) throw new Error('This cluster no longer exists.');
  const password = await replicationPassword(operation.clusterId);
  if (password === null) throw new Error(`Tandem does not know the replication password of cluster ${record.cluster.name}; it cannot write the rejoining member's passfile.`);
  const params = operation.params as unknown as RejoinParams;
  return {
    steps: planRejoin(record.cluster, params, dbFailoverRecorder(record.id, record.cluster.name), async () => ({ replicationPassword: password })),
    secrets: [password],
  };
});
