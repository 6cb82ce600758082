import 'server-only';
import { dbFailoverRecorder, loadFailoverCluster } from '@/lib/db/failover';
import { registerOperationKind } from '@/lib/server/runner';
import { planSwitchover, type SwitchoverParams } from './plan-switchover';
import { resolveRoutingHooks } from './promote-kind';
import { replicationPassword } from './rejoin-kind';

registerOperationKind('switchover', async (operation) => {
  if (operation.clusterId === null) throw new Error('A switchover needs its cluster.');
  const record = await loadFailoverCluster(operation.clusterId);
  if (!record) throw new Error('This cluster no longer exists.');
  const password = await replicationPassword(operation.clusterId);
  if (password === null) throw new Error(`Tandem does not know the replication password of cluster ${record.cluster.name}; the old primary cannot be given a passfile.`);
  const params = operation.params as unknown as SwitchoverParams;
  return {
    steps: planSwitchover(record.cluster, params, await resolveRoutingHooks(record.routingHooks), dbFailoverRecorder(record.id, record.cluster.name), async () => ({ replicationPassword: password })),
    secrets: [password],
  };
});
