import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, effectiveRules } from './default-rules';

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
