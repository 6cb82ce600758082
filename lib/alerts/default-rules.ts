import type { LagThreshold } from '@/lib/lag/types';
import type { AlertMetric, AlertRuleSpec, AlertSeverity } from './rules';

const MIB16 = 16 * 1024 * 1024;

/**
 * The rules every cluster starts with: warning on replay lag over 16 MiB or 10 s held 30 s;
 * critical when a replica is down for 30 s, a slot is losing WAL, the primary does not answer,
 * the WAL disk is forecast full within 6 h, or two members accept writes (at once); warning
 * when a member's TLS certificate from Tandem's CA expires within 30 days. Where WAL is archived:
 * critical when the archiver keeps failing for 60 s, warning when more than 16 segments wait for
 * it for 60 s. Where backups are enabled: warning when scheduled backups are 2 h overdue, when a
 * repository host's file system is forecast full within 7 days and when no restore drill passed
 * within 30 days; critical when the latest restore drill failed.
 */
export const DEFAULT_ALERT_RULES: readonly AlertRuleSpec[] = [
  { metric: 'replay_lag_bytes', severity: 'warning', threshold: MIB16, forSeconds: 30, enabled: true },
  { metric: 'replay_lag_seconds', severity: 'warning', threshold: 10, forSeconds: 30, enabled: true },
  { metric: 'replica_down', severity: 'critical', threshold: null, forSeconds: 30, enabled: true },
  { metric: 'slot_wal_status', severity: 'critical', threshold: null, forSeconds: 0, enabled: true },
  { metric: 'primary_unreachable', severity: 'critical', threshold: null, forSeconds: 10, enabled: true },
  { metric: 'disk_forecast_hours', severity: 'critical', threshold: 6, forSeconds: 0, enabled: true },
  { metric: 'two_primaries', severity: 'critical', threshold: null, forSeconds: 0, enabled: true },
  { metric: 'certificate_expiry_days', severity: 'warning', threshold: 30, forSeconds: 0, enabled: true },
  { metric: 'backup_overdue', severity: 'warning', threshold: 2, forSeconds: 0, enabled: true },
  { metric: 'backup_repository_full_days', severity: 'warning', threshold: 7, forSeconds: 0, enabled: true },
  { metric: 'restore_drill_failed', severity: 'critical', threshold: null, forSeconds: 0, enabled: true },
  { metric: 'restore_drill_stale', severity: 'warning', threshold: 30, forSeconds: 0, enabled: true },
  { metric: 'archive_failing', severity: 'critical', threshold: null, forSeconds: 60, enabled: true },
  { metric: 'archive_ready_segments', severity: 'warning', threshold: 16, forSeconds: 60, enabled: true },
];

/**
 * The lag lines a chart draws for a cluster without stored rules: taken from the default
 * rules, so the chart's threshold and the alert's limit are one number (issue 5: 16 MiB, 10 s).
 */
export const DEFAULT_LAG_THRESHOLDS: readonly LagThreshold[] = DEFAULT_ALERT_RULES.flatMap((rule): LagThreshold[] =>
  (rule.metric === 'replay_lag_bytes' || rule.metric === 'replay_lag_seconds') && rule.enabled && rule.threshold !== null
    ? [{ metric: rule.metric, threshold: rule.threshold, severity: rule.severity }]
    : []);

export const ruleId = (metric: AlertMetric, severity: AlertSeverity): string => `${metric}:${severity}`;

/**
 * A cluster's effective rules: every default, replaced by the stored rule of the same metric
 * and severity where one exists, plus stored rules that are not defaults. Pure; order follows
 * the defaults so the editor lists rules the same way for every cluster.
 */
export function effectiveRules(stored: readonly AlertRuleSpec[]): AlertRuleSpec[] {
  const byId = new Map(stored.map((rule) => [ruleId(rule.metric, rule.severity), rule]));
  const merged = DEFAULT_ALERT_RULES.map((rule) => byId.get(ruleId(rule.metric, rule.severity)) ?? rule);
  const defaults = new Set(DEFAULT_ALERT_RULES.map((rule) => ruleId(rule.metric, rule.severity)));
  return [...merged, ...stored.filter((rule) => !defaults.has(ruleId(rule.metric, rule.severity)))];
}

export function defaultRule(metric: AlertMetric, severity: AlertSeverity): AlertRuleSpec | undefined {
  return DEFAULT_ALERT_RULES.find((rule) => rule.metric === metric && rule.severity === severity);
}
