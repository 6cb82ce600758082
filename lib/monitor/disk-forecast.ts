/** One reading of a slot's retained WAL (or the sum over slots) with the disk's free space then. */
export interface RetentionPoint {
  readonly at: Date;
  readonly retainedBytes: number;
}

export interface DiskForecast {
  /** Growth of retained WAL in bytes per hour over the window (least squares); may be negative. */
  readonly growthBytesPerHour: number;
  /** Hours until free disk is used up at that rate; null when retention is not growing. */
  readonly hoursToFull: number | null;
}

/**
 * How much history a forecast needs: ten readings over ten minutes. A replica that stops
 * or a slot that is recreated moves retention by a step within seconds; ten minutes of one
 * trend is what tells growth from such a step (and, at the alert's 10 s readings, is 60 points).
 */
export const MIN_FORECAST_POINTS = 10;
export const MIN_FORECAST_SPAN_MS = 10 * 60_000;
/**
 * Each half of the window must grow at no less than this share of the other half's rate. A
 * step (one jump between two flat stretches) leaves at least one half flat and fails this; a
 * steady writer holding WAL behind a slot passes with room for bursty load.
 */
const MIN_HALF_RATIO = 0.25;

const HOUR_MS = 3_600_000;

/**
 * The least-squares slope of `valueOf` over time, in its unit per hour: the one line fitted to
 * a series of readings (WAL retention here, a backup repository's free space in lib/backup).
 * 0 with fewer than two points or all at one instant.
 */
export function slopePerHour<T extends { readonly at: Date }>(points: readonly T[], valueOf: (point: T) => number): number {
  if (points.length < 2) return 0;
  const t0 = points[0]!.at.getTime();
  const xs = points.map((point) => (point.at.getTime() - t0) / HOUR_MS);
  const ys = points.map(valueOf);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * (ys[index]! - meanY);
    variance += (x - meanX) ** 2;
  });
  return variance === 0 ? 0 : covariance / variance;
}

const slope = (points: readonly RetentionPoint[]): number => slopePerHour(points, (point) => point.retainedBytes);

function steadyGrowth(points: readonly RetentionPoint[]): boolean {
  const middle = (points[0]!.at.getTime() + points[points.length - 1]!.at.getTime()) / 2;
  const early = slope(points.filter((point) => point.at.getTime() <= middle));
  const late = slope(points.filter((point) => point.at.getTime() >= middle));
  if (early <= 0 || late <= 0) return false;
  return Math.min(early, late) / Math.max(early, late) >= MIN_HALF_RATIO;
}

/**
 * Forecasts "WAL disk full in about N hours" from how fast retained WAL grows and how much
 * disk is free on the primary. The points must all come from one primary and one slot set
 * (callers restart the history when either changes: retention of slots on different
 * primaries is not one series). Without ten minutes of history, or when retention grows
 * but not steadily (a step, a burst, growth in one half only), there is no forecast rather
 * than a made-up one; flat or shrinking retention gives a rate but no time to full.
 */
export function forecastDiskFull(points: readonly RetentionPoint[], diskFreeBytes: number | null): DiskForecast | null {
  if (points.length < MIN_FORECAST_POINTS || diskFreeBytes === null) return null;
  const span = points[points.length - 1]!.at.getTime() - points[0]!.at.getTime();
  if (span < MIN_FORECAST_SPAN_MS) return null;
  const growthBytesPerHour = slope(points);
  if (growthBytesPerHour <= 0) return { growthBytesPerHour, hoursToFull: null };
  if (!steadyGrowth(points)) return null;
  return { growthBytesPerHour, hoursToFull: Math.max(0, diskFreeBytes) / growthBytesPerHour };
}

/**
 * The newest run of points that share one basis (a primary, a slot set): a forecast must not
 * fit a line through a promote, where retention jumps as slots are recreated on another host.
 */
export function latestRun<T>(points: readonly T[], basisOf: (point: T) => string): T[] {
  const newest = points[points.length - 1];
  if (newest === undefined) return [];
  const basis = basisOf(newest);
  let start = points.length - 1;
  while (start > 0 && basisOf(points[start - 1]!) === basis) start -= 1;
  return points.slice(start);
}
