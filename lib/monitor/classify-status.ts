import type { WalSender } from '@/lib/members/status';
import type { MemberView } from './member-view';
import type { ReplicaStatus } from './types';

export interface StatusThresholds {
  /** No reply from the standby, or replay not advancing while the primary advances, for longer than this → stalled. */
  readonly stallMs: number;
  /** Replay lag above this that is shrinking reads as catching up. */
  readonly catchUpBytes: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { stallMs: 10_000, catchUpBytes: 1024 * 1024 };

/** The little a replica's status needs from earlier ticks. */
export interface ReplayHistory {
  /** Replay LSN last seen and since when it has been that value. */
  readonly replayLsn: string | null;
  readonly sinceMs: number;
  readonly replayBytes: number | null;
}

/** What one tick saw of one replica. */
export interface ReplicaObservation {
  readonly atMs: number;
  /** The primary answered this tick, so a missing walsender row means something. */
  readonly primaryAnswered: boolean;
  readonly replicaAnswered: boolean;
  readonly walSender: WalSender | null;
  /** The replica's own view; null when it did not answer. */
  readonly view: MemberView | null;
}

export interface Classified {
  readonly status: ReplicaStatus;
  readonly history: ReplayHistory;
}

const CATCHING_UP_STATES = new Set(['catchup', 'startup', 'backup']);

function nextHistory(observation: ReplicaObservation, previous: ReplayHistory | null): ReplayHistory {
  const replayLsn = observation.walSender?.replayLsn ?? observation.view?.replayLsn ?? previous?.replayLsn ?? null;
  const changed = !previous || previous.replayLsn !== replayLsn;
  return { replayLsn, sinceMs: changed ? observation.atMs : previous.sinceMs, replayBytes: observation.walSender?.replayBytes ?? null };
}

function fromReplicaOnly(observation: ReplicaObservation): ReplicaStatus {
  const view = observation.view;
  if (!observation.replicaAnswered || !view) return 'unreachable';
  if (view.replayPaused) return 'replay paused';
  return view.receiverStatus === 'streaming' ? 'streaming' : 'disconnected';
}

/**
 * One word for a replica, honestly: a walsender row saying `streaming` is not enough (a
 * partitioned standby keeps that row for wal_sender_timeout while its reply age grows),
 * so a stale reply, or replay standing still while the primary has WAL it lacks, is
 * `stalled`. No row while the primary answers is `disconnected`, whatever the replica
 * says. When the primary did not answer, only the replica's own view is left.
 * Pure: `previous` is what this returned as `history` last tick for this replica.
 */
export function classifyReplica(observation: ReplicaObservation, previous: ReplayHistory | null, thresholds: StatusThresholds = DEFAULT_THRESHOLDS): Classified {
  const history = nextHistory(observation, previous);
  return { status: statusOf(observation, history, previous, thresholds), history };
}

function statusOf(observation: ReplicaObservation, history: ReplayHistory, previous: ReplayHistory | null, thresholds: StatusThresholds): ReplicaStatus {
  if (!observation.primaryAnswered) return fromReplicaOnly(observation);
  const sender = observation.walSender;
  if (!sender) return 'disconnected';
  if (sender.state === 'streaming' && sender.replyAgeMs !== null && sender.replyAgeMs > thresholds.stallMs) return 'stalled';
  const paused = observation.view?.replayPaused === true;
  if (paused) return 'replay paused';
  const behind = (sender.replayBytes ?? 0) > 0;
  if (behind && observation.atMs - history.sinceMs > thresholds.stallMs) return 'stalled';
  if (!observation.replicaAnswered) return 'unreachable';
  if (sender.state !== null && CATCHING_UP_STATES.has(sender.state)) return 'catching up';
  const bytes = sender.replayBytes;
  if (bytes !== null && bytes > thresholds.catchUpBytes && previous?.replayBytes != null && bytes < previous.replayBytes) return 'catching up';
  return sender.state === 'streaming' ? 'streaming' : 'disconnected';
}

const SEVERITY: Record<ReplicaStatus, number> = { streaming: 0, 'catching up': 1, 'replay paused': 2, stalled: 3, disconnected: 4, unreachable: 5 };

/** The worse of two statuses, for rollups and the fleet overview. */
export function worseStatus(a: ReplicaStatus, b: ReplicaStatus): ReplicaStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Statuses ordered from worst to best, as SQL `CASE` ranks them in rollups. */
export function statusSeverity(status: ReplicaStatus): number {
  return SEVERITY[status];
}
