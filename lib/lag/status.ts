import { REPLICA_STATUSES, type ReplicaStatus } from '@/lib/monitor/types';

/** What the status badge can say: the poller's word, or why there is none. */
export type DisplayStatus = ReplicaStatus | 'no data yet' | 'no recent data' | 'monitoring not enabled';
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export const STATUS_TONE: Record<DisplayStatus, Tone> = {
  streaming: 'good',
  'catching up': 'warn',
  stalled: 'bad',
  disconnected: 'bad',
  'replay paused': 'warn',
  unreachable: 'bad',
  'no data yet': 'neutral',
  'no recent data': 'warn',
  'monitoring not enabled': 'neutral',
};

const SEVERITY: Record<DisplayStatus, number> = {
  'monitoring not enabled': 0,
  'no data yet': 1,
  streaming: 2,
  'catching up': 3,
  'replay paused': 4,
  'no recent data': 5,
  stalled: 6,
  disconnected: 7,
  unreachable: 8,
};

export function isReplicaStatus(value: string): value is ReplicaStatus {
  return (REPLICA_STATUSES as readonly string[]).includes(value);
}

/** A sample older than this many poll intervals (and at least 15 s) no longer describes the replica. */
export const STALE_INTERVALS = 5;
const STALE_FLOOR_MS = 15_000;

export function staleAfterMs(pollIntervalMs: number): number {
  return Math.max(STALE_FLOOR_MS, pollIntervalMs * STALE_INTERVALS);
}

/**
 * The word to show for a replica: the latest sample's status while it is fresh; "no recent
 * data" when the poller has stopped writing (an old "streaming" would be a lie); "no data yet"
 * before any sample; "monitoring not enabled" when the cluster has no monitoring role.
 */
export function displayStatus(input: { monitored: boolean; latest: { status: string; at: number } | null; now: number; pollIntervalMs: number }): DisplayStatus {
  if (!input.monitored) return 'monitoring not enabled';
  if (!input.latest) return 'no data yet';
  if (input.now - input.latest.at > staleAfterMs(input.pollIntervalMs)) return 'no recent data';
  return isReplicaStatus(input.latest.status) ? input.latest.status : 'no recent data';
}

/** The worst of several statuses (the cluster's health on the fleet overview); null for none. */
export function worstStatus(statuses: readonly DisplayStatus[]): DisplayStatus | null {
  let worst: DisplayStatus | null = null;
  for (const status of statuses) if (worst === null || SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

export interface WorstLag {
  readonly bytes: number | null;
  /** null with idle false: nothing measured; with idle true: every connected replica is idle. */
  readonly ms: number | null;
  readonly idle: boolean;
}

/** Worst replay lag over replicas' latest samples; time lag is idle only when every measured replica is. */
export function worstLag(samples: readonly { replayBytes: number | null; replayLagMs: number | null }[]): WorstLag {
  let bytes: number | null = null;
  let ms: number | null = null;
  let idle = false;
  for (const sample of samples) {
    if (sample.replayBytes !== null) bytes = Math.max(bytes ?? 0, sample.replayBytes);
    if (sample.replayLagMs !== null) ms = Math.max(ms ?? 0, sample.replayLagMs);
    else if (sample.replayBytes !== null) idle = true;
  }
  return { bytes, ms, idle: ms === null && idle };
}
