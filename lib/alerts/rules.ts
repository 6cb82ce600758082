/** What an alert rule watches. Thresholds are in the unit named by `ALERT_METRICS[metric].unit`. */
export const ALERT_METRIC_NAMES = [
  'replay_lag_bytes',
  'replay_lag_seconds',
  'replica_down',
  'slot_wal_status',
  'primary_unreachable',
  'disk_forecast_hours',
  'two_primaries',
  'certificate_expiry_days',
  'archive_failing',
  'archive_ready_segments',
  'backup_overdue',
  'backup_repository_full_days',
  'restore_drill_failed',
  'restore_drill_stale',
] as const;
export type AlertMetric = (typeof ALERT_METRIC_NAMES)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface AlertRuleSpec {
  readonly metric: AlertMetric;
  readonly severity: AlertSeverity;
  /** Null for conditions without a limit (a replica is down or it is not). */
  readonly threshold: number | null;
  readonly forSeconds: number;
  readonly enabled: boolean;
}

export interface AlertMetricInfo {
  readonly label: string;
  /** Unit of the threshold, or null when the rule has none. */
  readonly unit: 'bytes' | 'seconds' | 'hours' | 'days' | 'segments' | null;
  readonly description: string;
}

export const ALERT_METRICS: Record<AlertMetric, AlertMetricInfo> = {
  replay_lag_bytes: { label: 'Replay lag (bytes)', unit: 'bytes', description: 'WAL the replica has not replayed yet, above the threshold' },
  replay_lag_seconds: {
    label: 'Replay lag (time)',
    unit: 'seconds',
    description: 'Heartbeat lag (or replay_lag without a heartbeat) above the threshold; idle is not lag',
  },
  replica_down: { label: 'Replica down', unit: null, description: 'A replica is disconnected, stalled or unreachable' },
  slot_wal_status: { label: 'Slot losing WAL', unit: null, description: "A replication slot's wal_status is unreserved or lost" },
  primary_unreachable: { label: 'Primary unreachable', unit: null, description: 'The member Tandem records as primary does not answer' },
  disk_forecast_hours: {
    label: 'WAL disk full soon',
    unit: 'hours',
    description: 'At the current growth of retained WAL the primary disk fills within the threshold',
  },
  two_primaries: { label: 'Two primaries', unit: null, description: 'More than one member accepts writes (split brain)' },
  certificate_expiry_days: {
    label: 'TLS certificate expiring',
    unit: 'days',
    description: "A member's certificate from Tandem's CA expires within the threshold; renew it from the cluster page",
  },
  archive_failing: {
    label: 'WAL archiving failing',
    unit: null,
    description: 'A member that should archive WAL (the primary with archive_mode on, or any with always) failed more recently than it succeeded',
  },
  archive_ready_segments: {
    label: 'WAL archiving behind',
    unit: 'segments',
    description: 'More WAL segments than the threshold wait for the archiver (.ready files) on a member that should archive',
  },
  backup_overdue: {
    label: 'Backup overdue',
    unit: 'hours',
    description: "No good backup within the schedule's shortest interval plus the threshold (the margin), on a cluster with scheduled backups",
  },
  backup_repository_full_days: {
    label: 'Backup repository full soon',
    unit: 'days',
    description: "At the last week's growth the file system of a repository host's repository fills within the threshold (object storage has no limit to read)",
  },
  restore_drill_failed: {
    label: 'Restore drill failed',
    unit: null,
    description: 'The latest restore drill failed; resolves when a later one passes',
  },
  restore_drill_stale: {
    label: 'No recent restore drill',
    unit: 'days',
    description: 'No restore drill passed within the threshold (or the drill schedule\'s interval plus a day, when longer) on a cluster with backups enabled',
  },
};

export function isAlertMetric(value: string): value is AlertMetric {
  return (ALERT_METRIC_NAMES as readonly string[]).includes(value);
}
