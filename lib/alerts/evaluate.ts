import type { ClusterTick } from '@/lib/monitor/types';
import { NO_CLUSTER_FACTS, readConditions, type ClusterFacts, type ConditionReading } from './conditions';
import { addRetention, EMPTY_RETENTION, hoursToDiskFull, type RetentionWindow } from './retention-window';
import type { AlertMetric, AlertRuleSpec, AlertSeverity } from './rules';

/** A condition that is firing: pending until it has held `forSeconds`, then open. */
export interface ConditionState {
  readonly metric: AlertMetric;
  readonly severity: AlertSeverity;
  readonly hostId: number | null;
  readonly subject: string;
  readonly summary: string;
  readonly since: Date;
  readonly open: boolean;
}

export interface AlertState {
  readonly conditions: Readonly<Record<string, ConditionState>>;
  readonly retention: RetentionWindow;
}

export const EMPTY_ALERT_STATE: AlertState = { conditions: {}, retention: EMPTY_RETENTION };

export type AlertTransition =
  | { readonly kind: 'open'; readonly key: string; readonly at: Date; readonly condition: ConditionState }
  | { readonly kind: 'resolve'; readonly key: string; readonly at: Date; readonly condition: ConditionState };

export interface Evaluation {
  readonly state: AlertState;
  readonly transitions: readonly AlertTransition[];
}

/**
 * Advances a cluster's alert state by one tick. A condition opens once it has fired without a
 * break for its rule's `forSeconds` (at once for 0) and resolves on the first tick it is clear
 * or no longer read (rule disabled, replica or slot gone). An `unknown` reading keeps an open
 * alert open and restarts a pending one. `facts` are what the tick does not carry: the members'
 * TLS certificates from Tandem's CA (none for a cluster without TLS), the backups, the backup
 * repositories' capacity and the restore drills. Pure: same input, same output.
 */
export function evaluateTick(previous: AlertState, tick: ClusterTick, rules: readonly AlertRuleSpec[], facts: ClusterFacts = NO_CLUSTER_FACTS): Evaluation {
  const retention = addRetention(previous.retention, tick);
  const readings = readConditions(tick, rules, { ...facts, hoursToDiskFull: hoursToDiskFull(retention) });
  const forSeconds = new Map(rules.map((rule) => [`${rule.metric}:${rule.severity}`, rule.forSeconds]));
  const conditions: Record<string, ConditionState> = {};
  const transitions: AlertTransition[] = [];
  const seen = new Set<string>();
  for (const reading of readings) {
    seen.add(reading.key);
    const before = previous.conditions[reading.key];
    const next = advance(before, reading, tick.at, forSeconds.get(`${reading.metric}:${reading.severity}`) ?? 0);
    if (next) conditions[reading.key] = next;
    if (next?.open && !before?.open) transitions.push({ kind: 'open', key: reading.key, at: tick.at, condition: next });
    if (before?.open && !next) transitions.push({ kind: 'resolve', key: reading.key, at: tick.at, condition: before });
  }
  for (const [key, before] of Object.entries(previous.conditions)) {
    if (!seen.has(key) && before.open) transitions.push({ kind: 'resolve', key, at: tick.at, condition: before });
  }
  return { state: { conditions, retention }, transitions };
}

function advance(before: ConditionState | undefined, reading: ConditionReading, at: Date, forSeconds: number): ConditionState | undefined {
  if (reading.state === 'clear') return undefined;
  if (reading.state === 'unknown') return before?.open ? before : undefined;
  if (before?.open) return before;
  const since = before?.since ?? at;
  const open = at.getTime() - since.getTime() >= forSeconds * 1000;
  return { metric: reading.metric, severity: reading.severity, hostId: reading.hostId, subject: reading.subject, summary: reading.summary, since, open };
}

/** State for a restart: the alerts still open in storage, keyed as the evaluator keys them. */
export function restoredState(open: readonly (Omit<ConditionState, 'open' | 'since'> & { key: string; openedAt: Date })[]): AlertState {
  const conditions: Record<string, ConditionState> = {};
  for (const event of open) {
    conditions[event.key] = { metric: event.metric, severity: event.severity, hostId: event.hostId, subject: event.subject, summary: event.summary, since: event.openedAt, open: true };
  }
  return { conditions, retention: EMPTY_RETENTION };
}
