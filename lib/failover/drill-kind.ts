import 'server-only';
import { dbFailoverRecorder, loadFailoverCluster } from '@/lib/db/failover';
import { registerOperationKind } from '@/lib/server/runner';
import { planDrill, type DrillParams } from './plan-drill';
import { resolveRoutingHooks } from './promote-kind';
import { replicationPassword } from './rejoin-kind';

registerOperationKind('drill', async (operation) => {
  if (operation.clusterId === null) throw new Error('A drill needs its cluster.');
  const record = await loadFailoverCluster(operation.clusterId);
  if (!record) throw new Error('This cluster no longer exists.');
  const password = await replicationPassword(operation.clusterId);
  if (password === null) throw new Error(`Tandem does not know the replication password of cluster ${record.cluster.name}.`);
  return {
    steps: planDrill(record.cluster, operation.params as unknown as DrillParams, await resolveRoutingHooks(record.routingHooks), dbFailoverRecorder(record.id, record.cluster.name), async () => ({ replicationPassword: password })),
    secrets: [password],
  };
});
