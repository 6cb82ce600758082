import 'server-only';
import { db } from '@/lib/db/client';
import { dbFailoverRecorder, loadFailoverCluster } from '@/lib/db/failover';
import { unseal } from '@/lib/db/secrets';
import type { FailoverClusterRecord, FailoverEvent, FailoverRecorder, RoutingHook } from '@/lib/failover/plan-types';
import { parseRoutingHooks } from '@/lib/failover/routing-hooks';
import { notifyFailover } from './failover-notify';

/** The cluster's replication password, for a passfile; null when Tandem never knew it (an imported cluster). */
export async function replicationPassword(clusterId: number): Promise<string | null> {
  const row = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { replicationSecret: true } });
  return row?.replicationSecret ? unseal('cluster.replicationSecret', row.replicationSecret) : null;
}

/** The cluster's routing hooks with their host names resolved. */
export async function resolveRoutingHooks(stored: unknown): Promise<RoutingHook[]> {
  const hooks = parseRoutingHooks(stored);
  if (hooks.length === 0) return [];
  const hosts = await (await db()).host.findMany({ where: { id: { in: hooks.map((hook) => hook.hostId) } }, select: { id: true, name: true } });
  return hooks.flatMap((hook) => {
    const host = hosts.find((entry) => entry.id === hook.hostId);
    return host ? [{ hostId: hook.hostId, hostName: host.name, command: hook.command, timeoutMs: hook.timeoutMs }] : [];
  });
}

/** What every failover kind plans from: the cluster record, its recorder and routing hooks. */
export interface FailoverInputs {
  readonly record: FailoverClusterRecord;
  readonly recorder: FailoverRecorder;
  readonly hooks: RoutingHook[];
}

export async function loadFailoverInputs(clusterId: number): Promise<FailoverInputs> {
  const record = await loadFailoverCluster(clusterId);
  if (!record) throw new Error('This cluster no longer exists.');
  const notify = (event: FailoverEvent) => notifyFailover({ event: event.event, cluster: { id: record.id, name: record.cluster.name }, summary: event.summary });
  return { record, recorder: dbFailoverRecorder(record.id, record.cluster.name, notify), hooks: await resolveRoutingHooks(record.routingHooks) };
}

/** The replication password, or a refusal naming what it was needed for. */
export async function requireReplicationPassword(clusterId: number, clusterName: string, neededFor: string): Promise<string> {
  const password = await replicationPassword(clusterId);
  if (password === null) throw new Error(`Tandem does not know the replication password of cluster ${clusterName}${neededFor ? `; ${neededFor}` : ''}.`);
  return password;
}
