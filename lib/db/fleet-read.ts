import 'server-only';
import { worstLag, worstStatus, type DisplayStatus, type WorstLag } from '@/lib/lag/status';
import { db } from './client';
import { readReplicaStatuses, type ReplicaStatusView } from './replica-status-read';

export interface FleetCluster {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  readonly monitored: boolean;
  readonly memberCount: number;
  readonly replicas: readonly ReplicaStatusView[];
  /** The worst replica status; null for a cluster without replicas. */
  readonly health: DisplayStatus | null;
  readonly worstLag: WorstLag;
  readonly openAlerts: { readonly warning: number; readonly critical: number };
  readonly lastOperation: { readonly id: number; readonly kind: string; readonly status: string; readonly at: number } | null;
}

/**
 * Every cluster with what on-call looks at first: health (worst replica status), worst replay
 * lag (idle as idle), open alerts by severity and the last operation. Reads only.
 */
export async function readFleet(now = new Date()): Promise<FleetCluster[]> {
  const prisma = await db();
  const [clusters, alerts] = await Promise.all([
    prisma.cluster.findMany({
      select: {
        id: true, name: true, status: true, monitorRole: true, pollIntervalMs: true,
        members: { select: { role: true, host: { select: { id: true, name: true } } }, orderBy: { host: { name: 'asc' } } },
        operations: { select: { id: true, kind: true, status: true, createdAt: true, finishedAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
      },
      orderBy: { name: 'asc' },
    }),
    prisma.alertEvent.groupBy({ by: ['clusterId', 'severity'], where: { resolvedAt: null }, _count: { _all: true } }),
  ]);
  return Promise.all(
    clusters.map(async (cluster) => {
      const replicas = await readReplicaStatuses(
        {
          id: cluster.id,
          monitored: cluster.monitorRole !== null,
          pollIntervalMs: cluster.pollIntervalMs,
          replicas: cluster.members.filter((member) => member.role === 'replica').map((member) => ({ hostId: member.host.id, name: member.host.name })),
        },
        now,
      );
      const count = (severity: 'warning' | 'critical') => alerts.find((row) => row.clusterId === cluster.id && row.severity === severity)?._count._all ?? 0;
      const last = cluster.operations[0];
      const fresh = replicas.filter((replica) => replica.sample && replica.status !== 'no recent data').map((replica) => replica.sample!);
      return {
        id: cluster.id,
        name: cluster.name,
        status: cluster.status,
        monitored: cluster.monitorRole !== null,
        memberCount: cluster.members.length,
        replicas,
        health: worstStatus(replicas.map((replica) => replica.status)),
        worstLag: worstLag(fresh),
        openAlerts: { warning: count('warning'), critical: count('critical') },
        lastOperation: last ? { id: last.id, kind: last.kind, status: last.status, at: (last.finishedAt ?? last.createdAt).getTime() } : null,
      };
    }),
  );
}
