/** What the lag chart reads: one point per replica per sample (raw) or per bucket (rollups). */
import type { ReplicaSample } from '@/lib/monitor/types';

export const LAG_RANGES = ['5m', '1h', '24h', '7d'] as const;
export type LagRange = (typeof LAG_RANGES)[number];

export const LAG_METRICS = ['write', 'flush', 'replay'] as const;
export type LagMetric = (typeof LAG_METRICS)[number];

export type LagView = 'bytes' | 'time';

export interface RangeSpec {
  readonly label: string;
  readonly durationMs: number;
  /** Width of one chart bucket; points closer than this are merged (worst value wins). */
  readonly stepMs: number;
  /** raw: lag_samples only; rollup: lag_rollups plus the raw samples newer than the last rollup. */
  readonly source: 'raw' | 'rollup';
}

export const RANGE_SPECS: Record<LagRange, RangeSpec> = {
  '5m': { label: '5 min', durationMs: 5 * 60_000, stepMs: 1_000, source: 'raw' },
  '1h': { label: '1 h', durationMs: 3_600_000, stepMs: 5_000, source: 'raw' },
  '24h': { label: '24 h', durationMs: 86_400_000, stepMs: 60_000, source: 'rollup' },
  '7d': { label: '7 d', durationMs: 7 * 86_400_000, stepMs: 600_000, source: 'rollup' },
};

export function isLagRange(value: unknown): value is LagRange {
  return typeof value === 'string' && (LAG_RANGES as readonly string[]).includes(value);
}

/**
 * One replica at one time. Bytes are behind the primary's current WAL position; a NULL
 * time lag with measured bytes means idle (PostgreSQL had nothing in flight), never 0.
 */
export interface LagPoint extends Pick<ReplicaSample, 'hostId' | 'writeBytes' | 'flushBytes' | 'replayBytes' | 'writeLagMs' | 'flushLagMs' | 'replayLagMs'> {
  readonly at: number;
  readonly status: string;
  /** True time lag from the heartbeat row, even on an idle primary; raw samples only (null in buckets). */
  readonly heartbeatLagMs: number | null;
}

export interface LagHost {
  readonly hostId: number;
  readonly name: string;
}

export interface OperationMarker {
  readonly id: number;
  readonly kind: string;
  readonly status: string;
  readonly from: number;
  /** null while the operation is still running. */
  readonly to: number | null;
}

export interface LagThreshold {
  readonly metric: 'replay_lag_bytes' | 'replay_lag_seconds';
  /** Bytes for replay_lag_bytes, seconds for replay_lag_seconds (as the alert rule stores it). */
  readonly threshold: number;
  readonly severity: 'warning' | 'critical';
}

/** A chart's data for one range, as the range route returns it. */
export interface LagSeries {
  readonly clusterId: number;
  readonly range: LagRange;
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
  readonly hosts: readonly LagHost[];
  readonly points: readonly LagPoint[];
  readonly markers: readonly OperationMarker[];
}
