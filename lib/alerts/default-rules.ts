import type { AlertMetric, AlertRuleSpec, AlertSeverity } from './rules';

const MB16 = 16 * 1024 * 1024;

/**
 * The rules every cluster starts with: warning on replay lag over 16 MB or 10 s held 30 s;
 * critical when a replica is down for 30 s, a slot is losing WAL, the primary does not answer,
 * the WAL disk is forecast full within 6 h, or two members accept writes (at once).
 */
export const DEFAULT_ALERT_RULES: readonly AlertRuleSpec[] = [
  { metric: 'replay_lag_bytes', severity: 'warning', threshold: MB16, forSeconds: 30, enabled: true },
  { metric: 'replay_lag_seconds', severity: 'warning', threshold: 10, forSeconds: 30, enabled: true },
  { metric: 'replica_down', severity: 'critical', threshold: null, forSeconds: 30, enabled: true },
  { metric: 'slot_wal_status', severity: 'critical', threshold: null, forSeconds: 0, enabled: true },
  { metric: 'primary_unreachable', severity: 'critical', threshold: null, forSeconds: 10, enabled: true },
  { metric: 'disk_forecast_hours', severity: 'critical', threshold: 6, forSeconds: 0, enabled: true },
  { metric: 'two_primaries', severity: 'critical', threshold: null, forSeconds: 0, enabled: true },
];

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
