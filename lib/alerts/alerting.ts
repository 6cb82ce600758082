import 'server-only';
import { listOpenAlertEvents, loadAlertRules, openAlertEvent, resolveAlertEvent } from '@/lib/db/alerts';
import { onClusterTick } from '@/lib/monitor/tick-bus';
import type { ClusterTick } from '@/lib/monitor/types';
import { track } from './delivery-queue';
import { EMPTY_ALERT_STATE, evaluateTick, restoredState, type AlertState, type AlertTransition } from './evaluate';
import { notifyWebhooks } from './notify-webhooks';
import { isAlertMetric, type AlertRuleSpec } from './rules';

interface Runtime {
  ready: Promise<void>;
  unsubscribe: () => void;
  states: Map<number, AlertState>;
  pending: Map<number, ClusterTick>;
  draining: Map<number, Promise<void>>;
  rules: Map<number, { rules: AlertRuleSpec[]; loadedAt: number }>;
}

const KEY = Symbol.for('tandem.alerting');
const RULES_TTL_MS = 10_000;
type Holder = { [KEY]?: Runtime };

/**
 * Starts alert evaluation for every cluster's ticks; safe to call more than once (one
 * runtime per process). Open events are restored from storage first, so a restart neither
 * reopens nor forgets an alert. The tick listener only records the tick: evaluation, event
 * writes and notifications run behind it, one cluster at a time, so polling never waits.
 */
export function startAlerting(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const runtime: Runtime = { ready: Promise.resolve(), unsubscribe: () => undefined, states: new Map(), pending: new Map(), draining: new Map(), rules: new Map() };
  runtime.ready = restore(runtime);
  runtime.unsubscribe = onClusterTick((tick) => schedule(runtime, tick));
  holder[KEY] = runtime;
}

/** Stops listening (tests, shutdown); the next startAlerting restores from storage again. */
export async function stopAlerting(): Promise<void> {
  const holder = globalThis as Holder;
  const runtime = holder[KEY];
  if (!runtime) return;
  runtime.unsubscribe();
  delete holder[KEY];
  await Promise.allSettled([...runtime.draining.values()]);
}

/** Resolves when every received tick has been evaluated and written. */
export async function alertingIdle(): Promise<void> {
  const runtime = (globalThis as Holder)[KEY];
  while (runtime && runtime.draining.size > 0) await Promise.allSettled([...runtime.draining.values()]);
}

/** Makes the next tick of the cluster read its rules again (after an edit). */
export function invalidateAlertRules(clusterId: number): void {
  (globalThis as Holder)[KEY]?.rules.delete(clusterId);
}

async function restore(runtime: Runtime): Promise<void> {
  try {
    const open = await listOpenAlertEvents();
    const byCluster = new Map<number, typeof open>();
    for (const event of open) byCluster.set(event.clusterId, [...(byCluster.get(event.clusterId) ?? []), event]);
    for (const [clusterId, events] of byCluster) {
      runtime.states.set(clusterId, restoredState(events.flatMap((event) => (isAlertMetric(event.metric) ? [{ ...event, metric: event.metric }] : []))));
    }
  } catch (error) {
    console.error('[tandem] could not restore open alerts; starting without them', error);
  }
}

function schedule(runtime: Runtime, tick: ClusterTick): void {
  runtime.pending.set(tick.clusterId, tick);
  if (runtime.draining.has(tick.clusterId)) return;
  const drain = track(
    (async () => {
      await runtime.ready;
      for (let next = runtime.pending.get(tick.clusterId); next; next = runtime.pending.get(tick.clusterId)) {
        runtime.pending.delete(tick.clusterId);
        await processTick(runtime, next).catch((error: unknown) => console.error(`[tandem] alert evaluation failed for cluster ${next?.clusterName}`, error));
      }
    })().finally(() => runtime.draining.delete(tick.clusterId)),
  );
  runtime.draining.set(tick.clusterId, drain);
}

async function rulesFor(runtime: Runtime, clusterId: number, now: number): Promise<AlertRuleSpec[]> {
  const cached = runtime.rules.get(clusterId);
  if (cached && now - cached.loadedAt < RULES_TTL_MS) return cached.rules;
  const rules = await loadAlertRules(clusterId);
  runtime.rules.set(clusterId, { rules, loadedAt: now });
  return rules;
}

async function processTick(runtime: Runtime, tick: ClusterTick): Promise<void> {
  const rules = await rulesFor(runtime, tick.clusterId, Date.now());
  const { state, transitions } = evaluateTick(runtime.states.get(tick.clusterId) ?? EMPTY_ALERT_STATE, tick, rules);
  runtime.states.set(tick.clusterId, state);
  for (const transition of transitions) await apply(tick, transition);
}

async function apply(tick: ClusterTick, transition: AlertTransition): Promise<void> {
  const cluster = { id: tick.clusterId, name: tick.clusterName };
  const { condition } = transition;
  if (transition.kind === 'open') {
    const event = await openAlertEvent({
      clusterId: tick.clusterId,
      key: transition.key,
      metric: condition.metric,
      severity: condition.severity,
      hostId: condition.hostId,
      subject: condition.subject,
      summary: condition.summary,
      openedAt: transition.at,
    });
    if (event.created) notifyWebhooks({ event: 'alert.opened', severity: condition.severity, cluster, summary: condition.summary, openedAt: transition.at, alertEventId: event.id });
    return;
  }
  const resolved = await resolveAlertEvent(tick.clusterId, transition.key, transition.at);
  if (resolved) {
    notifyWebhooks({ event: 'alert.resolved', severity: resolved.severity, cluster, summary: resolved.summary, openedAt: resolved.openedAt, resolvedAt: transition.at, alertEventId: resolved.id });
  }
}
