import 'server-only';
import { displayStatus, staleAfterMs, type DisplayStatus } from '@/lib/lag/status';
import type { LagHost } from '@/lib/lag/types';
import { readLatestSamples, lastSampleAt, type LatestSample } from './lag-status-read';

export interface ReplicaStatusView {
  readonly hostId: number;
  readonly name: string;
  readonly status: DisplayStatus;
  /** The newest sample (of the last few poll intervals); null when there is none. */
  readonly sample: LatestSample | null;
}

/**
 * Each replica's status word from its newest sample: the sample window is two stale periods
 * wide, so anything older reads as "no recent data" (or "no data yet" when the cluster was never
 * sampled) instead of a stale "streaming".
 */
export async function readReplicaStatuses(cluster: { id: number; monitored: boolean; pollIntervalMs: number; replicas: readonly LagHost[] }, now = new Date()): Promise<ReplicaStatusView[]> {
  if (!cluster.monitored) return cluster.replicas.map((host) => ({ ...host, status: 'monitoring not enabled', sample: null }));
  const windowMs = staleAfterMs(cluster.pollIntervalMs) * 2;
  const [samples, last] = await Promise.all([readLatestSamples(cluster.id, now, windowMs), lastSampleAt(cluster.id)]);
  const byHost = new Map(samples.map((sample) => [sample.hostId, sample]));
  return cluster.replicas.map((host) => {
    const sample = byHost.get(host.hostId) ?? null;
    const clusterFresh = last !== null && now.getTime() - last <= staleAfterMs(cluster.pollIntervalMs);
    const latest = sample ?? (last === null || clusterFresh ? null : { status: 'stale', at: last });
    return { ...host, status: displayStatus({ monitored: true, latest, now: now.getTime(), pollIntervalMs: cluster.pollIntervalMs }), sample };
  });
}
