import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, effectiveRules } from './default-rules';
import { ALERT_METRIC_NAMES, ALERT_METRICS } from './rules';

describe('effectiveRules', () => {
  it('gives the defaults to a cluster without stored rules', () => {
    expect(effectiveRules([])).toEqual(DEFAULT_ALERT_RULES);
  });

  it('replaces a default by the stored rule of the same metric and severity, in the same place', () => {
    const stored = { metric: 'replay_lag_seconds', severity: 'warning', threshold: 60, forSeconds: 5, enabled: false } as const;
    const rules = effectiveRules([stored]);
    expect(rules).toHaveLength(DEFAULT_ALERT_RULES.length);
    expect(rules[1]).toEqual(stored);
  });

  it('keeps stored rules that have no default, after the defaults', () => {
    const extra = { metric: 'replay_lag_bytes', severity: 'critical', threshold: 1e9, forSeconds: 60, enabled: true } as const;
    expect(effectiveRules([extra]).at(-1)).toEqual(extra);
  });
});

describe('DEFAULT_ALERT_RULES', () => {
  it('gives every metric a default rule, with a threshold exactly where the metric has a unit', () => {
    expect([...new Set(DEFAULT_ALERT_RULES.map((rule) => rule.metric))].sort()).toEqual([...ALERT_METRIC_NAMES].sort());
    for (const rule of DEFAULT_ALERT_RULES) expect(rule.threshold === null, rule.metric).toBe(ALERT_METRICS[rule.metric].unit === null);
  });

  it('watches backups: overdue, repository full within 7 days and no passed drill in 30 days warn, a failed drill is critical', () => {
    const backups = DEFAULT_ALERT_RULES.filter((rule) => ['backup_overdue', 'backup_repository_full_days', 'restore_drill_failed', 'restore_drill_stale'].includes(rule.metric));
    expect(backups.map((rule) => [rule.metric, rule.severity, rule.threshold, rule.enabled])).toEqual([
      ['backup_overdue', 'warning', 2, true],
      ['backup_repository_full_days', 'warning', 7, true],
      ['restore_drill_failed', 'critical', null, true],
      ['restore_drill_stale', 'warning', 30, true],
    ]);
  });
});
