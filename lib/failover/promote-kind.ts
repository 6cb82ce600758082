import 'server-only';
import { db } from '@/lib/db/client';
import { dbFailoverRecorder, loadFailoverCluster } from '@/lib/db/failover';
import { registerOperationKind } from '@/lib/server/runner';
import { planPromote, type PromoteParams } from './plan-promote';
import type { RoutingHook } from './plan-types';
import { parseRoutingHooks } from './routing-hooks';

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

registerOperationKind('promote', async (operation) => {
  if (operation.clusterId === null) throw new Error('A promote needs its cluster.');
  const record = await loadFailoverCluster(operation.clusterId);
  if (!record) throw new Error('This cluster no longer exists.');
  const params = operation.params as unknown as PromoteParams;
  return planPromote({ cluster: record.cluster, params, hooks: await resolveRoutingHooks(record.routingHooks) }, dbFailoverRecorder(record.id, record.cluster.name));
});
