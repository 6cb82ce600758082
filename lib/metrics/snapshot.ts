import type { ReplicaSample } from '@/lib/monitor/types';

/** What /api/metrics exports: the latest stored sample per replica and slot, names resolved. */
export interface ReplicaMetrics
  extends Pick<ReplicaSample, 'at' | 'sentBytes' | 'writeBytes' | 'flushBytes' | 'replayBytes' | 'writeLagMs' | 'flushLagMs' | 'replayLagMs' | 'heartbeatLagMs' | 'replyAgeMs'> {
  readonly cluster: string;
  readonly replica: string;
  readonly status: string;
}

export interface SlotMetrics {
  readonly cluster: string;
  readonly slot: string;
  readonly active: boolean;
  readonly retainedBytes: number | null;
  readonly walStatus: string | null;
  readonly safeWalSize: number | null;
  readonly diskFreeBytes: number | null;
}

/** The latest stored archiver reading of a member (primary or standby). */
export interface ArchiveMetrics {
  readonly cluster: string;
  readonly member: string;
  /** When the tick read it. */
  readonly at: Date;
  readonly failedCount: number;
  readonly lastArchivedAt: Date | null;
  readonly readySegments: number | null;
  readonly walDirectoryBytes: number | null;
}

/** The newest reading of a repository host repository's file system (object storage has none). */
export interface RepositoryMetrics {
  readonly cluster: string;
  /** pgBackRest's repository index. */
  readonly repository: number;
  readonly freeBytes: number;
  readonly totalBytes: number;
  readonly usedBytes: number | null;
}

/** A cluster's restore drills: when one last passed, and whether the newest that passed or failed failed. */
export interface DrillMetrics {
  readonly cluster: string;
  readonly lastPassedAt: Date | null;
  readonly lastFailed: boolean;
}

export interface MetricsSnapshot {
  readonly clusters: readonly string[];
  readonly replicas: readonly ReplicaMetrics[];
  readonly slots: readonly SlotMetrics[];
  readonly archivers: readonly ArchiveMetrics[];
  readonly repositories: readonly RepositoryMetrics[];
  readonly drills: readonly DrillMetrics[];
  readonly openAlerts: readonly { readonly cluster: string; readonly severity: 'warning' | 'critical'; readonly count: number }[];
  /** Null when this instance has no poller to ask. */
  readonly pollErrors: readonly { readonly cluster: string; readonly count: number }[] | null;
}
