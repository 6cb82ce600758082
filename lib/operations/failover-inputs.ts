import 'server-only';
import { db } from '@/lib/db/client';
import { dbFailoverRecorder, loadFailoverCluster, loadRoutingHookSecrets } from '@/lib/db/failover';
import { unseal } from '@/lib/db/secrets';
import type { FailoverClusterRecord, FailoverEvent, FailoverRecorder, HookSecret, RoutingHook } from '@/lib/failover/plan-types';
import { parseRoutingHooks, type StoredRoutingHook } from '@/lib/failover/routing-hooks';
import { notifyFailover } from './failover-notify';

/** The cluster's replication password, for a passfile; null when Tandem never knew it (an imported cluster). */
export async function replicationPassword(clusterId: number): Promise<string | null> {
  const row = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { replicationSecret: true } });
  return row?.replicationSecret ? unseal('cluster.replicationSecret', row.replicationSecret) : null;
}

/** The cluster's routing hooks with their host names resolved, each given the cluster's hook secrets `env`. */
async function resolveRoutingHooks(hooks: readonly StoredRoutingHook[], env: readonly HookSecret[]): Promise<RoutingHook[]> {
  if (hooks.length === 0) return [];
  const hosts = await (await db()).host.findMany({ where: { id: { in: hooks.map((hook) => hook.hostId) } }, select: { id: true, name: true } });
  return hooks.flatMap((hook) => {
    const host = hosts.find((entry) => entry.id === hook.hostId);
    return host ? [{ hostId: hook.hostId, hostName: host.name, command: hook.command, timeoutMs: hook.timeoutMs, env }] : [];
  });
}

/**
 * What every failover kind plans from: the cluster record, its recorder, its routing hooks,
 * and the values of their secrets, which the kind's plan must list among its `secrets` so
 * they are redacted from everything stored.
 */
export interface FailoverInputs {
  readonly record: FailoverClusterRecord;
  readonly recorder: FailoverRecorder;
  readonly hooks: RoutingHook[];
  readonly hookSecrets: string[];
}

export async function loadFailoverInputs(clusterId: number): Promise<FailoverInputs> {
  const record = await loadFailoverCluster(clusterId);
  if (!record) throw new Error('This cluster no longer exists.');
  const notify = (event: FailoverEvent) => notifyFailover({ event: event.event, cluster: { id: record.id, name: record.cluster.name }, summary: event.summary });
  const stored = parseRoutingHooks(record.routingHooks);
  const env = stored.length > 0 ? await loadRoutingHookSecrets(clusterId) : [];
  return { record, recorder: dbFailoverRecorder(record.id, record.cluster.name, notify), hooks: await resolveRoutingHooks(stored, env), hookSecrets: env.map((secret) => secret.value) };
}

/** The replication password, or a refusal naming what it was needed for. */
export async function requireReplicationPassword(clusterId: number, clusterName: string, neededFor: string): Promise<string> {
  const password = await replicationPassword(clusterId);
  if (password === null) throw new Error(`Tandem does not know the replication password of cluster ${clusterName}${neededFor ? `; ${neededFor}` : ''}.`);
  return password;
}
