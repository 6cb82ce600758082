import { Counter, Gauge, Registry } from 'prom-client';
import { REPLICA_STATUSES } from '@/lib/monitor/types';
import { TANDEM_METRICS } from './definitions';
import type { MetricsSnapshot } from './snapshot';

export const WAL_STATUSES = ['reserved', 'extended', 'unreserved', 'lost'] as const;

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/**
 * Renders a snapshot in the Prometheus text format with a fresh registry (no process-wide
 * state, so any app instance answers from the shared database). Values that are unknown or
 * idle (NULL time lag) are left out, never exported as 0. The last archived WAL's age is taken
 * to the sample's time, and is 0 rather than negative where the member's clock runs ahead.
 */
export async function renderMetrics(snapshot: MetricsSnapshot): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const gauge = <L extends string>(definition: { name: string; help: string; labelNames: readonly L[] }) => new Gauge({ ...definition, registers: [registry] });
  const lagBytes = gauge(TANDEM_METRICS.lagBytes);
  const lagSeconds = gauge(TANDEM_METRICS.lagSeconds);
  const heartbeat = gauge(TANDEM_METRICS.heartbeat);
  const replyAge = gauge(TANDEM_METRICS.replyAge);
  const status = gauge(TANDEM_METRICS.status);
  const sampledAt = gauge(TANDEM_METRICS.sampledAt);
  const retained = gauge(TANDEM_METRICS.retained);
  const slotActive = gauge(TANDEM_METRICS.slotActive);
  const safeWal = gauge(TANDEM_METRICS.safeWal);
  const walStatus = gauge(TANDEM_METRICS.walStatus);
  const diskFree = gauge(TANDEM_METRICS.diskFree);
  const alerts = gauge(TANDEM_METRICS.alerts);
  const archiveFailed = new Counter({ ...TANDEM_METRICS.archiveFailed, registers: [registry] });
  const archiveAge = gauge(TANDEM_METRICS.archiveAge);
  const archiveReady = gauge(TANDEM_METRICS.archiveReady);
  const walDirectory = gauge(TANDEM_METRICS.walDirectory);
  const repositoryFree = gauge(TANDEM_METRICS.repositoryFree);
  const repositoryTotal = gauge(TANDEM_METRICS.repositoryTotal);
  const repositoryUsed = gauge(TANDEM_METRICS.repositoryUsed);
  const drillPassedAt = gauge(TANDEM_METRICS.drillPassedAt);
  const drillFailed = gauge(TANDEM_METRICS.drillFailed);

  for (const replica of snapshot.replicas) {
    const labels = { cluster: replica.cluster, replica: replica.replica };
    const positions = { sent: replica.sentBytes, write: replica.writeBytes, flush: replica.flushBytes, replay: replica.replayBytes };
    for (const [position, value] of Object.entries(positions)) if (value !== null) lagBytes.set({ ...labels, position }, value);
    const times = { write: seconds(replica.writeLagMs), flush: seconds(replica.flushLagMs), replay: seconds(replica.replayLagMs) };
    for (const [position, value] of Object.entries(times)) if (value !== null) lagSeconds.set({ ...labels, position }, value);
    if (replica.heartbeatLagMs !== null) heartbeat.set(labels, replica.heartbeatLagMs / 1000);
    if (replica.replyAgeMs !== null) replyAge.set(labels, replica.replyAgeMs / 1000);
    for (const value of REPLICA_STATUSES) status.set({ ...labels, status: value }, value === replica.status ? 1 : 0);
    sampledAt.set(labels, replica.at.getTime() / 1000);
  }
  const disks = new Map<string, number>();
  for (const slot of snapshot.slots) {
    const labels = { cluster: slot.cluster, slot: slot.slot };
    if (slot.retainedBytes !== null) retained.set(labels, slot.retainedBytes);
    slotActive.set(labels, slot.active ? 1 : 0);
    if (slot.safeWalSize !== null) safeWal.set(labels, slot.safeWalSize);
    if (slot.walStatus !== null) for (const value of WAL_STATUSES) walStatus.set({ ...labels, wal_status: value }, value === slot.walStatus ? 1 : 0);
    if (slot.diskFreeBytes !== null) disks.set(slot.cluster, slot.diskFreeBytes);
  }
  for (const [cluster, bytes] of disks) diskFree.set({ cluster }, bytes);
  for (const archiver of snapshot.archivers) {
    const labels = { cluster: archiver.cluster, member: archiver.member };
    archiveFailed.inc(labels, archiver.failedCount);
    if (archiver.lastArchivedAt !== null) archiveAge.set(labels, Math.max(0, archiver.at.getTime() - archiver.lastArchivedAt.getTime()) / 1000);
    if (archiver.readySegments !== null) archiveReady.set(labels, archiver.readySegments);
    if (archiver.walDirectoryBytes !== null) walDirectory.set(labels, archiver.walDirectoryBytes);
  }
  for (const space of snapshot.repositories) {
    const labels = { cluster: space.cluster, repository: `repo${space.repository}` };
    repositoryFree.set(labels, space.freeBytes);
    repositoryTotal.set(labels, space.totalBytes);
    if (space.usedBytes !== null) repositoryUsed.set(labels, space.usedBytes);
  }
  for (const drill of snapshot.drills) {
    if (drill.lastPassedAt !== null) drillPassedAt.set({ cluster: drill.cluster }, drill.lastPassedAt.getTime() / 1000);
    drillFailed.set({ cluster: drill.cluster }, drill.lastFailed ? 1 : 0);
  }
  for (const cluster of snapshot.clusters) for (const severity of ['warning', 'critical']) alerts.set({ cluster, severity }, 0);
  for (const open of snapshot.openAlerts) alerts.set({ cluster: open.cluster, severity: open.severity }, open.count);
  if (snapshot.pollErrors) {
    const errors = new Counter({ ...TANDEM_METRICS.pollErrors, registers: [registry] });
    for (const row of snapshot.pollErrors) errors.inc({ cluster: row.cluster }, row.count);
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}
