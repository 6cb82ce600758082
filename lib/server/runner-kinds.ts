import 'server-only';
import { loadClusterHosts } from '@/lib/db/operations-read';
import { checkClusterSteps } from '@/lib/replication/engine/check-cluster';
import { registerOperationKind } from './runner';

/**
 * Registers the operation kinds. Imported for its effect by every action that starts or
 * resumes an operation, so the steps are built by the same bundle that runs them (not by
 * start-up code, which Next bundles apart). Add new kinds' modules here.
 */
registerOperationKind('check-cluster', async (operation) => {
  if (operation.clusterId === null) throw new Error('A cluster check needs a cluster.');
  const hosts = await loadClusterHosts(operation.clusterId);
  if (hosts.length === 0) throw new Error('This cluster has no member hosts to check.');
  return checkClusterSteps(hosts);
});

export const BUILT_IN_KINDS = ['check-cluster'] as const;
