import { isReplicaStatus, worstStatus } from './status';
import type { LagPoint, LagThreshold, LagView, OperationMarker } from './types';

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

function combine(held: LagPoint, next: LagPoint): LagPoint {
  const statuses = [held.status, next.status].filter(isReplicaStatus);
  return {
    at: held.at,
    hostId: held.hostId,
    status: worstStatus(statuses) ?? next.status,
    writeBytes: maxOf(held.writeBytes, next.writeBytes),
    flushBytes: maxOf(held.flushBytes, next.flushBytes),
    replayBytes: maxOf(held.replayBytes, next.replayBytes),
    writeLagMs: maxOf(held.writeLagMs, next.writeLagMs),
    flushLagMs: maxOf(held.flushLagMs, next.flushLagMs),
    replayLagMs: maxOf(held.replayLagMs, next.replayLagMs),
    heartbeatLagMs: maxOf(held.heartbeatLagMs, next.heartbeatLagMs),
  };
}

/**
 * Adds live points to what the chart holds, sorted by time, nothing older than `from`. With a
 * `stepMs` above 1 s (long ranges) each incoming point joins its replica's bucket (worst value
 * wins), so a chart left open for hours holds one point per bucket, not one per second; with
 * 1 s or less a repeated point replaces the old one. Pre: epoch-millisecond times.
 */
export function mergePoints(existing: readonly LagPoint[], incoming: readonly LagPoint[], from: number, stepMs = 0): LagPoint[] {
  const bucketed = stepMs > 1000;
  const byKey = new Map<string, LagPoint>();
  for (const point of existing) if (point.at >= from) byKey.set(`${point.hostId}:${point.at}`, point);
  for (const raw of incoming) {
    if (raw.at < from) continue;
    const point = bucketed ? { ...raw, at: Math.floor(raw.at / stepMs) * stepMs } : raw;
    const key = `${point.hostId}:${point.at}`;
    const held = byKey.get(key);
    byKey.set(key, bucketed && held ? combine(held, point) : point);
  }
  return [...byKey.values()].sort((a, b) => a.at - b.at || a.hostId - b.hostId);
}

/** Newest time among the points, or null when there are none; the stream resumes after it. */
export function latestAt(points: readonly LagPoint[]): number | null {
  let latest: number | null = null;
  for (const point of points) if (latest === null || point.at > latest) latest = point.at;
  return latest;
}

export interface MarkerSpan {
  readonly id: number;
  readonly label: string;
  readonly status: string;
  readonly from: number;
  readonly to: number;
  /** Shorter than a few chart steps: drawn as a line instead of an area. */
  readonly instant: boolean;
}

/** Operations overlapping [from, to], clipped to it; a running one reaches `now`. */
export function markerSpans(markers: readonly OperationMarker[], from: number, to: number, now: number, stepMs: number): MarkerSpan[] {
  return markers.flatMap((marker) => {
    const end = marker.to ?? now;
    if (end < from || marker.from > to) return [];
    const start = Math.max(marker.from, from);
    const stop = Math.min(end, to);
    return [{ id: marker.id, label: `${marker.kind.replaceAll('_', ' ')} (${marker.status})`, status: marker.status, from: start, to: stop, instant: stop - start < stepMs * 3 }];
  });
}

export interface ThresholdLine {
  readonly y: number;
  readonly severity: 'warning' | 'critical';
  readonly label: string;
}

/** The alert thresholds that apply to the view, in the view's unit (bytes, or milliseconds). */
export function thresholdLines(thresholds: readonly LagThreshold[], view: LagView, format: (value: number) => string): ThresholdLine[] {
  const wanted = view === 'bytes' ? 'replay_lag_bytes' : 'replay_lag_seconds';
  return thresholds
    .filter((threshold) => threshold.metric === wanted && Number.isFinite(threshold.threshold) && threshold.threshold > 0)
    .map((threshold) => {
      const y = view === 'bytes' ? threshold.threshold : threshold.threshold * 1000;
      return { y, severity: threshold.severity, label: `${threshold.severity} ${format(y)}` };
    });
}
