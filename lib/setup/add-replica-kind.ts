import 'server-only';
import { db } from '@/lib/db/client';
import { unseal } from '@/lib/db/secrets';
import { passwordVerifier } from '@/lib/replication/password';
import { planAddReplica } from '@/lib/replication/plan-setup';
import { toEngineStep } from '@/lib/replication/plan-step';
import type { SetupOptions, SetupSnapshot } from '@/lib/replication/setup-types';
import { registerOperationKind } from '@/lib/server/runner';

/** What an add-replica operation stores: the snapshot preflight passed on, the options and which replica is new. */
export interface AddReplicaParams {
  snapshot: SetupSnapshot;
  options: SetupOptions;
  newReplicaName: string;
}

async function replicationPassword(clusterId: number): Promise<string> {
  const cluster = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { name: true, replicationSecret: true } });
  if (!cluster) throw new Error('This cluster no longer exists.');
  if (!cluster.replicationSecret) throw new Error(`Tandem does not know the replication password of cluster ${cluster.name}; a new replica cannot be given it.`);
  return unseal('cluster.replicationSecret', cluster.replicationSecret);
}

registerOperationKind('add-replica', async (operation) => {
  if (operation.clusterId === null) throw new Error('Adding a replica needs its cluster.');
  const { snapshot, options, newReplicaName } = operation.params as unknown as AddReplicaParams;
  const planned = planAddReplica(snapshot, options, newReplicaName);
  if (!planned.ok) throw new Error(`The stored add-replica cannot be planned: ${planned.issues.map((issue) => issue.message).join('; ')}`);
  const password = await replicationPassword(operation.clusterId);
  const verifier = passwordVerifier(options.passwordMethod, options.roleName, password);
  return {
    steps: planned.plan.steps.map((step) => toEngineStep(step, { replicationPassword: password, replicationPasswordVerifier: verifier })),
    secrets: [password, verifier],
  };
});
