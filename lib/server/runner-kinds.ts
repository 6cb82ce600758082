import 'server-only';
import { loadClusterHosts } from '@/lib/db/operations-read';
import { checkClusterSteps } from '@/lib/replication/engine/check-cluster';
import '@/lib/setup/add-replica-kind';
import '@/lib/setup/enable-monitoring-kind';
import '@/lib/setup/setup-kind';
import '@/lib/failover/kinds';
import { registerOperationKind } from './runner';

/**
 * Registers every operation kind (check-cluster here; setup, add-replica, enable-monitoring and the failover kinds from their own modules). Imported
 * for its effect by start-up and by every action that starts or resumes an operation.
 */
registerOperationKind('check-cluster', async (operation) => {
  if (operation.clusterId === null) throw new Error('A cluster check needs a cluster.');
  const hosts = await loadClusterHosts(operation.clusterId);
  if (hosts.length === 0) throw new Error('This cluster has no member hosts to check.');
  return checkClusterSteps(hosts);
});
