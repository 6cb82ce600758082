import { Counter, Gauge, Registry } from 'prom-client';
import { REPLICA_STATUSES } from '@/lib/monitor/types';
import type { MetricsSnapshot } from './snapshot';

export const WAL_STATUSES = ['reserved', 'extended', 'unreserved', 'lost'] as const;

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/**
 * Renders a snapshot in the Prometheus text format with a fresh registry (no process-wide
 * state, so any app instance answers from the shared database). Values that are unknown or
 * idle (NULL time lag) are left out, never exported as 0.
 */
export async function renderMetrics(snapshot: MetricsSnapshot): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const lagBytes = gauge('tandem_replica_lag_bytes', 'Bytes the replica is behind the primary current WAL position, per position (sent, write, flush, replay).', ['cluster', 'replica', 'position']);
  const lagSeconds = gauge('tandem_replica_lag_seconds', 'write_lag, flush_lag and replay_lag from pg_stat_replication; absent while idle.', ['cluster', 'replica', 'position']);
  const heartbeat = gauge('tandem_replica_heartbeat_lag_seconds', 'Age of the heartbeat row as read on the replica: true time lag even on an idle primary.', ['cluster', 'replica']);
  const replyAge = gauge('tandem_replica_reply_age_seconds', 'Time since the replica last answered the primary (reply_time).', ['cluster', 'replica']);
  const status = gauge('tandem_replica_status', 'Replica status: 1 for the current status, 0 for the others.', ['cluster', 'replica', 'status']);
  const sampledAt = gauge('tandem_replica_last_sample_timestamp_seconds', 'When the exported replica sample was taken (Unix time).', ['cluster', 'replica']);
  const retained = gauge('tandem_slot_retained_bytes', 'Bytes of WAL retained by the replication slot (current WAL position minus restart_lsn).', ['cluster', 'slot']);
  const slotActive = gauge('tandem_slot_active', '1 when a walsender uses the slot.', ['cluster', 'slot']);
  const safeWal = gauge('tandem_slot_safe_wal_size_bytes', 'Bytes of WAL that can still be written before the slot is in danger (safe_wal_size).', ['cluster', 'slot']);
  const walStatus = gauge('tandem_slot_wal_status', 'Slot wal_status: 1 for the current value, 0 for the others.', ['cluster', 'slot', 'wal_status']);
  const diskFree = gauge('tandem_primary_disk_free_bytes', 'Free bytes on the file system of the primary data directory.', ['cluster']);
  const alerts = gauge('tandem_alerts_open', 'Open alerts per cluster and severity.', ['cluster', 'severity']);

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
  for (const cluster of snapshot.clusters) for (const severity of ['warning', 'critical']) alerts.set({ cluster, severity }, 0);
  for (const open of snapshot.openAlerts) alerts.set({ cluster: open.cluster, severity: open.severity }, open.count);
  if (snapshot.pollErrors) {
    const errors = new Counter({ name: 'tandem_poll_errors_total', help: 'Failed polls (hosts that did not answer a tick, failed ticks) since the poller started.', labelNames: ['cluster'], registers: [registry] });
    for (const row of snapshot.pollErrors) errors.inc({ cluster: row.cluster }, row.count);
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}
