import type { LagPoint, LagThreshold, LagView, OperationMarker } from './types';

/**
 * Adds live points to what the chart holds: one point per replica and time (a repeated point
 * replaces the old one), sorted by time, nothing older than `from`. Pre: both inputs hold
 * numeric epoch-millisecond times.
 */
export function mergePoints(existing: readonly LagPoint[], incoming: readonly LagPoint[], from: number): LagPoint[] {
  const byKey = new Map<string, LagPoint>();
  for (const point of existing) if (point.at >= from) byKey.set(`${point.hostId}:${point.at}`, point);
  for (const point of incoming) if (point.at >= from) byKey.set(`${point.hostId}:${point.at}`, point);
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
