import { describe, expect, it } from 'vitest';
import { NO_CLUSTER_FACTS } from './conditions';
import { DEFAULT_ALERT_RULES, effectiveRules } from './default-rules';
import { EMPTY_ALERT_STATE, evaluateTick, restoredState, type AlertState, type AlertTransition } from './evaluate';
import type { AlertRuleSpec } from './rules';
import { makeTick, type TickOptions } from './tick-builders';

const MB = 1024 * 1024;

/** Runs ticks at the given seconds through the evaluator and collects every transition. */
function run(steps: [number, TickOptions][], rules: readonly AlertRuleSpec[] = DEFAULT_ALERT_RULES, start: AlertState = EMPTY_ALERT_STATE) {
  let state = start;
  const transitions: (AlertTransition & { t: number })[] = [];
  for (const [t, options] of steps) {
    const result = evaluateTick(state, makeTick(t, options), rules);
    state = result.state;
    transitions.push(...result.transitions.map((transition) => ({ ...transition, t })));
  }
  return { state, transitions, summary: transitions.map((tr) => `${tr.t} ${tr.kind} ${tr.key}`) };
}

const every = (from: number, to: number, step: number, options: TickOptions): [number, TickOptions][] => {
  const steps: [number, TickOptions][] = [];
  for (let t = from; t <= to; t += step) steps.push([t, options]);
  return steps;
};

describe('evaluateTick', () => {
  it('stays quiet for a healthy cluster', () => {
    expect(run(every(0, 120, 1, {})).transitions).toEqual([]);
  });

  it('opens a byte-lag warning only after the lag has held 30 s, and resolves when it clears', () => {
    const lagging = { replicas: [{ replayBytes: 20 * MB }] };
    const { summary, transitions } = run([...every(0, 40, 5, lagging), [45, {}]]);
    expect(summary).toEqual(['30 open replay_lag_bytes:warning:host:2', '45 resolve replay_lag_bytes:warning:host:2']);
    expect(transitions[0]?.condition).toMatchObject({ severity: 'warning', hostId: 2, subject: 'pg2', summary: 'pg2 is 20 MiB behind in replay (limit 16 MiB)' });
  });

  it('restarts the clock when the condition breaks before its hold time', () => {
    const lagging = { replicas: [{ replayBytes: 20 * MB }] };
    const { summary } = run([[0, lagging], [20, lagging], [25, {}], [30, lagging], [55, lagging], [60, lagging]]);
    expect(summary).toEqual(['60 open replay_lag_bytes:warning:host:2']);
  });

  it('warns 30 days before a member\'s TLS certificate expires, says when, and resolves once it is renewed', () => {
    const at = makeTick(0).at.getTime();
    const day = 86_400_000;
    const expiring = [{ hostId: 2, hostName: 'pg2', notAfter: new Date(at + 29.5 * day) }, { hostId: 1, hostName: 'pg1', notAfter: new Date(at + 200 * day) }];
    const first = evaluateTick(EMPTY_ALERT_STATE, makeTick(0), DEFAULT_ALERT_RULES, { ...NO_CLUSTER_FACTS, certificates: expiring });
    expect(first.transitions.map((tr) => [tr.kind, tr.key, tr.condition.severity, tr.condition.summary])).toEqual([
      ['open', 'certificate_expiry_days:warning:host:2', 'warning', `pg2's TLS certificate expires in 29 days (${new Date(at + 29.5 * day).toISOString().slice(0, 10)}); renew it from the cluster page`],
    ]);
    const expired = evaluateTick(EMPTY_ALERT_STATE, makeTick(0), DEFAULT_ALERT_RULES, { ...NO_CLUSTER_FACTS, certificates: [{ hostId: 2, hostName: 'pg2', notAfter: new Date(at - day) }] });
    expect(expired.transitions[0]?.condition.summary).toMatch(/^pg2's TLS certificate expired on .*: replication and monitoring refuse it/);
    const renewed = evaluateTick(first.state, makeTick(1), DEFAULT_ALERT_RULES, { ...NO_CLUSTER_FACTS, certificates: [{ hostId: 2, hostName: 'pg2', notAfter: new Date(at + 365 * day) }] });
    expect(renewed.transitions.map((tr) => `${tr.kind} ${tr.key}`)).toEqual(['resolve certificate_expiry_days:warning:host:2']);
    expect(evaluateTick(EMPTY_ALERT_STATE, makeTick(0), DEFAULT_ALERT_RULES, NO_CLUSTER_FACTS).transitions).toEqual([]);
  });

  it('does not alert at exactly the threshold', () => {
    expect(run(every(0, 60, 10, { replicas: [{ replayBytes: 16 * MB }] })).transitions).toEqual([]);
  });

  it('uses the heartbeat for time lag when present, replay_lag otherwise, and treats idle (null) as no lag', () => {
    expect(run(every(0, 60, 10, { replicas: [{ heartbeatLagMs: 11_000, replayLagMs: 50 }] })).summary).toEqual(['30 open replay_lag_seconds:warning:host:2']);
    expect(run(every(0, 60, 10, { replicas: [{ heartbeatLagMs: 200, replayLagMs: 60_000 }] })).summary).toEqual([]);
    expect(run(every(0, 60, 10, { replicas: [{ heartbeatLagMs: null, replayLagMs: 12_000 }] })).summary).toEqual(['30 open replay_lag_seconds:warning:host:2']);
    expect(run(every(0, 60, 10, { replicas: [{ heartbeatLagMs: null, replayLagMs: null }] })).summary).toEqual([]);
  });

  it.each(['disconnected', 'stalled', 'unreachable'] as const)('raises a critical alert when a replica is %s for 30 s', (status) => {
    const { transitions } = run(every(0, 30, 10, { replicas: [{ status, state: null }] }));
    expect(transitions.map((tr) => [tr.t, tr.kind, tr.condition.severity, tr.condition.summary])).toEqual([[30, 'open', 'critical', `pg2 is ${status}`]]);
  });

  it('keeps one alert while a replica goes from stalled to disconnected', () => {
    const { summary } = run([...every(0, 30, 10, { replicas: [{ status: 'stalled' }] }), ...every(40, 60, 10, { replicas: [{ status: 'disconnected' }] }), [70, {}]]);
    expect(summary).toEqual(['30 open replica_down:critical:host:2', '70 resolve replica_down:critical:host:2']);
  });

  it.each(['unreserved', 'lost'])('opens at once for a slot with wal_status %s', (walStatus) => {
    expect(run([[0, { slots: [{ walStatus }] }]]).summary).toEqual(['0 open slot_wal_status:critical:slot:pg2']);
  });

  it('leaves extended slots alone', () => {
    expect(run([[0, { slots: [{ walStatus: 'extended' }] }]]).summary).toEqual([]);
  });

  it('opens "primary unreachable" after 10 s and resolves when the primary answers again', () => {
    const { summary, transitions } = run([...every(0, 10, 5, { primaryReachable: false }), [15, {}]]);
    expect(summary).toEqual(['10 open primary_unreachable:critical', '15 resolve primary_unreachable:critical']);
    expect(transitions[0]?.condition.summary).toBe('Primary pg1 does not answer: connection timed out');
  });

  it('keeps replica alerts open but does not start new ones while the primary cannot report them', () => {
    const down = { replicas: [{ status: 'disconnected' as const }] };
    const opened = run(every(0, 30, 10, down));
    const during = run(every(40, 100, 10, { primaryReachable: false, replicas: [{ status: 'disconnected' }] }), DEFAULT_ALERT_RULES, opened.state);
    expect(during.summary).toEqual(['50 open primary_unreachable:critical']);
    const fresh = run([...every(0, 20, 10, down), ...every(30, 50, 10, { primaryReachable: false, replicas: [{ status: 'disconnected' }] }), [60, down]]);
    expect(fresh.summary).toEqual(['40 open primary_unreachable:critical', '60 resolve primary_unreachable:critical']);
  });

  it('reads replicas from a writable member other than the recorded primary (a failover Tandem did not make)', () => {
    const { summary } = run(every(0, 30, 10, { primaryReachable: false, writableHostIds: [3], replicas: [{ status: 'disconnected' }] }));
    expect(summary).toEqual(['10 open primary_unreachable:critical', '30 open replica_down:critical:host:2']);
  });

  it('raises "two primaries" at once and resolves when one is fenced', () => {
    const { transitions, summary } = run([[0, { writableHostIds: [1, 2] }], [1, { writableHostIds: [1, 2] }], [2, {}]]);
    expect(summary).toEqual(['0 open two_primaries:critical', '2 resolve two_primaries:critical']);
    expect(transitions[0]?.condition.summary).toBe('2 members accept writes: pg1, pg2');
  });

  it('forecasts the WAL disk full from retained WAL growth and alerts under 6 h', () => {
    const growing = (t: number): [number, TickOptions] => [t, { slots: [{ retainedBytes: t * 10 * MB, diskFreeBytes: 36_000 * MB }] }];
    const { summary, transitions } = run(every(0, 660, 30, {}).map(([t]) => growing(t)));
    expect(summary).toEqual(['600 open disk_forecast_hours:critical']);
    expect(transitions[0]?.condition.summary).toMatch(/full in about 1\.0 h/);
    const flat = run(every(0, 660, 30, {}).map(([t]) => [t, { slots: [{ retainedBytes: 100 * MB, diskFreeBytes: 10 * MB }] }] as [number, TickOptions]));
    expect(flat.summary).toEqual([]);
  });

  it('resolves an open alert when its rule is disabled or its replica leaves the cluster', () => {
    const down = { replicas: [{ status: 'disconnected' as const }] };
    const opened = run(every(0, 30, 10, down));
    const disabled = effectiveRules([{ metric: 'replica_down', severity: 'critical', threshold: null, forSeconds: 30, enabled: false }]);
    expect(run([[40, down]], disabled, opened.state).summary).toEqual(['40 resolve replica_down:critical:host:2']);
    expect(run([[40, { replicas: [] }]], DEFAULT_ALERT_RULES, opened.state).summary).toEqual(['40 resolve replica_down:critical:host:2']);
  });

  it('honours edited thresholds and hold times', () => {
    const rules = effectiveRules([{ metric: 'replay_lag_bytes', severity: 'warning', threshold: 1 * MB, forSeconds: 0, enabled: true }]);
    expect(run([[0, { replicas: [{ replayBytes: 2 * MB }] }]], rules).summary).toEqual(['0 open replay_lag_bytes:warning:host:2']);
  });

  it('does not reopen an alert restored from storage, and resolves it when the condition is gone', () => {
    const restored = restoredState([
      { key: 'replica_down:critical:host:2', metric: 'replica_down', severity: 'critical', hostId: 2, subject: 'pg2', summary: 'pg2 is stalled', openedAt: makeTick(-60).at },
    ]);
    expect(run([[0, { replicas: [{ status: 'stalled' }] }]], DEFAULT_ALERT_RULES, restored).summary).toEqual([]);
    expect(run([[0, {}]], DEFAULT_ALERT_RULES, restored).summary).toEqual(['0 resolve replica_down:critical:host:2']);
  });
});
