import 'server-only';
import { db } from '@/lib/db/client';
import { unseal } from '@/lib/db/secrets';
import { passwordVerifier } from '@/lib/replication/password';
import { planAddReplica } from '@/lib/replication/plan-setup';
import { toEngineStep } from '@/lib/replication/plan-step';
import { addReplicaParamsSchema } from '@/lib/replication/setup-schema';
import { certificateIssuer } from '../certificate-issuer';
import { backupRestoreSteps } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';

async function replicationPassword(clusterId: number): Promise<string> {
  const cluster = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { name: true, replicationSecret: true } });
  if (!cluster) throw new Error('This cluster no longer exists.');
  if (!cluster.replicationSecret) throw new Error(`Tandem does not know the replication password of cluster ${cluster.name}; a new replica cannot be given it.`);
  return unseal('cluster.replicationSecret', cluster.replicationSecret);
}

/** A new replica for an existing cluster, planned from a fresh snapshot like the wizard's. */
export const addReplicaKind = defineOperationKind({
  kind: 'add-replica',
  params: addReplicaParamsSchema,
  async plan({ clusterId, params: { snapshot, options, newReplicaName } }) {
    const planned = planAddReplica(snapshot, options, newReplicaName);
    if (!planned.ok) throw new Error(`The stored add-replica cannot be planned: ${planned.issues.map((issue) => issue.message).join('; ')}`);
    const password = await replicationPassword(clusterId);
    const verifier = passwordVerifier(options.passwordMethod, options.roleName, password);
    const steps = planned.plan.steps.map((step) => toEngineStep(step, { replicationPassword: password, replicationPasswordVerifier: verifier, ...(options.tls ? { issuer: certificateIssuer(clusterId) } : {}) }));
    if (!options.cloneFromStanza) return { steps, secrets: [password, verifier] };
    const added = snapshot.replicas.find((replica) => replica.name === newReplicaName)?.facts?.cluster;
    if (!added) throw new Error(`Tandem does not know ${newReplicaName}'s PostgreSQL cluster.`);
    const restore = await backupRestoreSteps(clusterId, newReplicaName, { dataDirectory: added.dataDirectory, pgPort: added.port });
    // The new host gets SSH trust with the repository host and the stanza's file before anything on it is stopped.
    const stop = steps.findIndex((step) => step.name === `Stop PostgreSQL on ${newReplicaName}`);
    return { steps: [...steps.slice(0, stop), ...restore.steps, ...steps.slice(stop)], secrets: [password, verifier, ...restore.secrets] };
  },
});
