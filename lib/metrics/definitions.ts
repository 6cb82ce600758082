/**
 * Every metric /api/metrics exports: name, help text and label names. `renderMetrics` registers
 * exactly these; the Grafana dashboard's test checks its queries against them.
 */
export const TANDEM_METRICS = {
  lagBytes: {
    name: 'tandem_replica_lag_bytes',
    help: 'Bytes the replica is behind the primary current WAL position, per position (sent, write, flush, replay).',
    labelNames: ['cluster', 'replica', 'position'],
  },
  lagSeconds: { name: 'tandem_replica_lag_seconds', help: 'write_lag, flush_lag and replay_lag from pg_stat_replication; absent while idle.', labelNames: ['cluster', 'replica', 'position'] },
  heartbeat: { name: 'tandem_replica_heartbeat_lag_seconds', help: 'Age of the heartbeat row as read on the replica: true time lag even on an idle primary.', labelNames: ['cluster', 'replica'] },
  replyAge: { name: 'tandem_replica_reply_age_seconds', help: 'Time since the replica last answered the primary (reply_time).', labelNames: ['cluster', 'replica'] },
  status: { name: 'tandem_replica_status', help: 'Replica status: 1 for the current status, 0 for the others.', labelNames: ['cluster', 'replica', 'status'] },
  sampledAt: { name: 'tandem_replica_last_sample_timestamp_seconds', help: 'When the exported replica sample was taken (Unix time).', labelNames: ['cluster', 'replica'] },
  retained: { name: 'tandem_slot_retained_bytes', help: 'Bytes of WAL retained by the replication slot (current WAL position minus restart_lsn).', labelNames: ['cluster', 'slot'] },
  slotActive: { name: 'tandem_slot_active', help: '1 when a walsender uses the slot.', labelNames: ['cluster', 'slot'] },
  safeWal: { name: 'tandem_slot_safe_wal_size_bytes', help: 'Bytes of WAL that can still be written before the slot is in danger (safe_wal_size).', labelNames: ['cluster', 'slot'] },
  walStatus: { name: 'tandem_slot_wal_status', help: 'Slot wal_status: 1 for the current value, 0 for the others.', labelNames: ['cluster', 'slot', 'wal_status'] },
  diskFree: { name: 'tandem_primary_disk_free_bytes', help: 'Free bytes on the file system of the primary data directory.', labelNames: ['cluster'] },
  archiveFailed: {
    name: 'tandem_archive_failed_total',
    help: 'WAL files the member archiver failed to archive (pg_stat_archiver failed_count; starts again from 0 when its statistics are reset).',
    labelNames: ['cluster', 'member'],
  },
  archiveAge: {
    name: 'tandem_archive_last_archived_age_seconds',
    help: 'Time from the last archived WAL file (pg_stat_archiver last_archived_time) to the sample; absent while nothing was archived.',
    labelNames: ['cluster', 'member'],
  },
  archiveReady: { name: 'tandem_archive_ready_segments', help: 'WAL segments waiting for the archiver (.ready files in pg_wal/archive_status; PostgreSQL 12 and later).', labelNames: ['cluster', 'member'] },
  walDirectory: { name: 'tandem_wal_directory_bytes', help: 'Bytes in the member pg_wal directory (the sum of pg_ls_waldir).', labelNames: ['cluster', 'member'] },
  repositoryFree: { name: 'tandem_backup_repository_free_bytes', help: 'Bytes pgBackRest may still write on the file system of a repository host repository (df Available).', labelNames: ['cluster', 'repository'] },
  repositoryTotal: { name: 'tandem_backup_repository_total_bytes', help: 'Size of the file system holding a repository host repository (df).', labelNames: ['cluster', 'repository'] },
  repositoryUsed: { name: 'tandem_backup_repository_used_bytes', help: 'Bytes in a repository host repository directory (du); absent when du did not finish in time.', labelNames: ['cluster', 'repository'] },
  drillPassedAt: { name: 'tandem_restore_drill_last_passed_timestamp_seconds', help: 'When the last restore drill that passed finished (Unix time).', labelNames: ['cluster'] },
  drillFailed: { name: 'tandem_restore_drill_last_failed', help: '1 when the newest restore drill that passed or failed failed, 0 when it passed.', labelNames: ['cluster'] },
  alerts: { name: 'tandem_alerts_open', help: 'Open alerts per cluster and severity.', labelNames: ['cluster', 'severity'] },
  pollErrors: { name: 'tandem_poll_errors_total', help: 'Failed polls (hosts that did not answer a tick, failed ticks) since the poller started.', labelNames: ['cluster'] },
} as const satisfies Record<string, { name: string; help: string; labelNames: readonly string[] }>;
