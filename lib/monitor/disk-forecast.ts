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

const MIN_POINTS = 3;
const MIN_SPAN_MS = 60_000;

/**
 * Forecasts "WAL disk full in about N hours" from how fast retained WAL grows and how much
 * disk is free on the primary. Needs at least three points spanning a minute; fewer, or a
 * flat or shrinking retention, gives no forecast rather than a made-up one.
 */
export function forecastDiskFull(points: readonly RetentionPoint[], diskFreeBytes: number | null): DiskForecast | null {
  if (points.length < MIN_POINTS || diskFreeBytes === null) return null;
  const t0 = points[0]!.at.getTime();
  const span = points[points.length - 1]!.at.getTime() - t0;
  if (span < MIN_SPAN_MS) return null;
  const xs = points.map((point) => (point.at.getTime() - t0) / 3_600_000);
  const ys = points.map((point) => point.retainedBytes);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * (ys[index]! - meanY);
    variance += (x - meanX) ** 2;
  });
  const growthBytesPerHour = variance === 0 ? 0 : covariance / variance;
  const hoursToFull = growthBytesPerHour > 0 ? Math.max(0, diskFreeBytes) / growthBytesPerHour : null;
  return { growthBytesPerHour, hoursToFull };
}
