import { slopePerHour } from '@/lib/monitor/disk-forecast';
import type { RepositoryReading } from './repository-space';

/** One stored reading of a repository host repository. */
export interface RepositorySample extends RepositoryReading {
  readonly at: Date;
}

export interface RepositoryForecast {
  /** How fast free space went down over the window, in bytes a day (least squares); negative when it grew. */
  readonly growthBytesPerDay: number;
  /** Days until the file system is full at that rate; null when the repository is not growing. */
  readonly daysToFull: number | null;
}

const DAY_MS = 86_400_000;
/** The growth the forecast extrapolates: the last week's, so a week's full, differential and incremental backups and their expiry are all in it. */
export const REPOSITORY_FORECAST_WINDOW_MS = 7 * DAY_MS;
/** Less than a day of readings says nothing about a schedule that backs up daily. */
export const MIN_REPOSITORY_FORECAST_SPAN_MS = DAY_MS;

/**
 * "Full in about N days at the last week's growth" for one repository, from its readings oldest
 * first: the least-squares line through free space over the week before the newest reading.
 * Null with less than a day of readings; a file system already full is full now (0 days).
 */
export function forecastRepositoryFull(samples: readonly RepositorySample[]): RepositoryForecast | null {
  const newest = samples.at(-1);
  if (!newest) return null;
  const window = samples.filter((sample) => newest.at.getTime() - sample.at.getTime() <= REPOSITORY_FORECAST_WINDOW_MS);
  if (newest.at.getTime() - window[0]!.at.getTime() < MIN_REPOSITORY_FORECAST_SPAN_MS) return null;
  const growthBytesPerDay = -slopePerHour(window, (sample) => sample.freeBytes) * 24;
  if (newest.freeBytes <= 0) return { growthBytesPerDay, daysToFull: 0 };
  return { growthBytesPerDay, daysToFull: growthBytesPerDay > 0 ? newest.freeBytes / growthBytesPerDay : null };
}

/** A repository's capacity as the Backups tab and the alert see it; object storage has no capacity to read. */
export type RepositorySpace =
  | { readonly kind: 's3'; readonly repository: number; readonly path: string }
  | {
    readonly kind: 'host';
    readonly repository: number;
    readonly hostName: string;
    readonly path: string;
    /** The newest reading, null before the first. */
    readonly latest: (RepositoryReading & { readonly at: string }) | null;
    readonly forecast: RepositoryForecast | null;
  };
