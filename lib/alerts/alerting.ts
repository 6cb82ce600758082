import 'server-only';
import { listOpenAlertEvents, loadAlertRules, openAlertEvent, resolveAlertEvent } from '@/lib/db/alerts';
import { loadBackupHealth, type BackupHealth } from '@/lib/db/backup-health';
import { loadBackupPlan, loadCatalog } from '@/lib/db/backups';
import { listMemberCertificates } from '@/lib/db/certificates';
import { onClusterTick } from '@/lib/monitor/tick-bus';
import type { ClusterTick } from '@/lib/monitor/types';
import { publishAlertChange } from './alert-bus';
import { track } from './delivery-queue';
import type { BackupFreshness, CertificateExpiry } from './conditions';
import { evaluateTick, restoredState, type AlertState, type AlertTransition } from './evaluate';
import { notifyWebhooks } from './notify-webhooks';
import { isAlertMetric, type AlertRuleSpec } from './rules';

interface Runtime {
  unsubscribe: () => void;
  states: Map<number, { state: AlertState; lastTickAt: number }>;
  pending: Map<number, ClusterTick>;
  draining: Map<number, Promise<void>>;
  rules: Map<number, { rules: AlertRuleSpec[]; loadedAt: number }>;
  certificates: Map<number, { certificates: CertificateExpiry[]; loadedAt: number }>;
  backups: Map<number, { backups: BackupFreshness | null; loadedAt: number }>;
  health: Map<number, { health: BackupHealth | null; loadedAt: number }>;
}

const KEY = Symbol.for('tandem.alerting');
const RULES_TTL_MS = 10_000;
/** Repository readings come every ten minutes and drills take hours: a minute-old view is fresh enough. */
const BACKUP_HEALTH_TTL_MS = 60_000;
/** A cluster unseen for this long may have been polled (and alerted on) by another instance meanwhile. */
const RESTORE_AFTER_MS = 60_000;
type Holder = { [KEY]?: Runtime };

/**
 * Starts alert evaluation for every cluster's ticks; safe to call more than once (one
 * runtime per process). A cluster's open events are read from storage on its first tick (and
 * after a minute without ticks, when another instance may have polled it), so a restart or a
 * poller takeover neither reopens nor forgets an alert. The tick listener only records the tick: evaluation, event
 * writes and notifications run behind it, one cluster at a time, so polling never waits.
 */
export function startAlerting(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const runtime: Runtime = { unsubscribe: () => undefined, states: new Map(), pending: new Map(), draining: new Map(), rules: new Map(), certificates: new Map(), backups: new Map(), health: new Map() };
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

async function stateFor(runtime: Runtime, tick: ClusterTick): Promise<AlertState> {
  const known = runtime.states.get(tick.clusterId);
  if (known && tick.at.getTime() - known.lastTickAt < RESTORE_AFTER_MS) return known.state;
  const open = await listOpenAlertEvents(tick.clusterId);
  const restored = restoredState(open.flatMap((event) => (isAlertMetric(event.metric) ? [{ ...event, metric: event.metric }] : [])));
  return known ? { ...restored, retention: known.state.retention } : restored;
}

function schedule(runtime: Runtime, tick: ClusterTick): void {
  runtime.pending.set(tick.clusterId, tick);
  if (runtime.draining.has(tick.clusterId)) return;
  const drain = track(
    (async () => {
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

/** The members' certificate expiries, read again after the same time as the rules (a renewal shows within seconds). */
async function certificatesFor(runtime: Runtime, clusterId: number, now: number): Promise<CertificateExpiry[]> {
  const cached = runtime.certificates.get(clusterId);
  if (cached && now - cached.loadedAt < RULES_TTL_MS) return cached.certificates;
  const certificates = (await listMemberCertificates(clusterId)).map((row) => ({ hostId: row.hostId, hostName: row.hostName, notAfter: row.notAfter }));
  runtime.certificates.set(clusterId, { certificates, loadedAt: now });
  return certificates;
}

/** The cluster's scheduled backups (schedule and catalog), read again after the same time as the rules; null without enabled, scheduled backups. */
async function backupsFor(runtime: Runtime, clusterId: number, now: number): Promise<BackupFreshness | null> {
  const cached = runtime.backups.get(clusterId);
  if (cached && now - cached.loadedAt < RULES_TTL_MS) return cached.backups;
  const [plan, catalog] = await Promise.all([loadBackupPlan(clusterId), loadCatalog(clusterId)]);
  const backups = plan?.enabledAt && plan.scheduleOn ? { schedule: plan, backups: catalog?.info.backups ?? [] } : null;
  runtime.backups.set(clusterId, { backups, loadedAt: now });
  return backups;
}

/** The repositories' capacity and the restore drills of a cluster with backups enabled, read again after a minute. */
async function healthFor(runtime: Runtime, clusterId: number, now: number): Promise<BackupHealth | null> {
  const cached = runtime.health.get(clusterId);
  if (cached && now - cached.loadedAt < BACKUP_HEALTH_TTL_MS) return cached.health;
  const health = await loadBackupHealth(clusterId, new Date(now));
  runtime.health.set(clusterId, { health, loadedAt: now });
  return health;
}

async function processTick(runtime: Runtime, tick: ClusterTick): Promise<void> {
  const now = Date.now();
  const rules = await rulesFor(runtime, tick.clusterId, now);
  const certificates = await certificatesFor(runtime, tick.clusterId, now);
  const backups = await backupsFor(runtime, tick.clusterId, now);
  const health = await healthFor(runtime, tick.clusterId, now);
  const facts = { certificates, backups, repositories: health?.repositories ?? [], drills: health?.drills ?? null };
  const { state, transitions } = evaluateTick(await stateFor(runtime, tick), tick, rules, facts);
  runtime.states.set(tick.clusterId, { state, lastTickAt: tick.at.getTime() });
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
    if (event.created) {
      publishAlertChange(tick.clusterId);
      notifyWebhooks({ event: 'alert.opened', severity: condition.severity, cluster, summary: condition.summary, openedAt: transition.at, alertEventId: event.id });
    }
    return;
  }
  const resolved = await resolveAlertEvent(tick.clusterId, transition.key, transition.at);
  if (resolved) {
    publishAlertChange(tick.clusterId);
    notifyWebhooks({ event: 'alert.resolved', severity: resolved.severity, cluster, summary: resolved.summary, openedAt: resolved.openedAt, resolvedAt: transition.at, alertEventId: resolved.id });
  }
}
