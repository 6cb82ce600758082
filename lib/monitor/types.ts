import type { WalArchiver } from '@/lib/members/status';

/**
 * What one poll of a cluster produces. The poller writes these to storage and hands each
 * tick to its listeners (alerts, the live chart stream, Prometheus); nothing else polls hosts.
 */

/** One word per replica, as shown on the cluster page and the fleet overview. */
export const REPLICA_STATUSES = ['streaming', 'catching up', 'stalled', 'disconnected', 'replay paused', 'unreachable'] as const;
export type ReplicaStatus = (typeof REPLICA_STATUSES)[number];

export interface ReplicaSample {
  readonly clusterId: number;
  readonly hostId: number;
  readonly at: Date;
  readonly status: ReplicaStatus;
  /** From the primary's walsender row (null when there is none). */
  readonly state: string | null;
  readonly syncState: string | null;
  /** Bytes behind `pg_current_wal_lsn()` on the primary. */
  readonly sentBytes: number | null;
  readonly writeBytes: number | null;
  readonly flushBytes: number | null;
  readonly replayBytes: number | null;
  /** NULL means idle (PostgreSQL reports no lag when nothing is in flight): never 0. */
  readonly writeLagMs: number | null;
  readonly flushLagMs: number | null;
  readonly replayLagMs: number | null;
  /** now() - reply_time on the primary: how long since the standby last answered. */
  readonly replyAgeMs: number | null;
  /** From the replica itself. */
  readonly receiveLsn: string | null;
  readonly replayLsn: string | null;
  readonly replayPaused: boolean | null;
  readonly lastReplayAt: Date | null;
  readonly receiverStatus: string | null;
  /** now() - the heartbeat row's time, read on the replica; true time lag even on an idle primary. */
  readonly heartbeatLagMs: number | null;
}

export interface SlotSample {
  readonly clusterId: number;
  readonly at: Date;
  readonly slotName: string;
  readonly active: boolean;
  readonly retainedBytes: number | null;
  readonly walStatus: string | null;
  readonly safeWalSize: number | null;
  /** Free bytes on the primary's data directory file system, when last measured. */
  readonly diskFreeBytes: number | null;
}

export interface MemberPoll {
  readonly hostId: number;
  readonly hostName: string;
  readonly reachable: boolean;
  /** Why the host did not answer (timeout, refused, authentication…), in plain words. */
  readonly error: string | null;
  readonly inRecovery: boolean | null;
  /** The member's own WAL archiving (archive_mode, pg_stat_archiver, .ready segments, pg_wal's size); null when it did not answer. */
  readonly archiver: WalArchiver | null;
  readonly durationMs: number;
}

export interface ClusterTick {
  readonly clusterId: number;
  readonly clusterName: string;
  readonly at: Date;
  /** The member Tandem records as primary, and every member that answered as not in recovery. */
  readonly recordedPrimaryHostId: number | null;
  readonly writableHostIds: readonly number[];
  /**
   * The member walsenders, slots and free disk were read from: the recorded primary when it
   * answered as writable, else the first writable member; null when none did.
   */
  readonly sourceHostId: number | null;
  readonly primaryLsn: string | null;
  readonly members: readonly MemberPoll[];
  readonly replicas: readonly ReplicaSample[];
  readonly slots: readonly SlotSample[];
  readonly durationMs: number;
}

/** A cluster's latest stored tick and the interval its cluster is polled at (to judge whether it is still current). */
export interface PolledTick {
  readonly tick: ClusterTick;
  readonly pollIntervalMs: number;
}
