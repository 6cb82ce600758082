import type { Tone } from '@/components/operations/format';
import type { RepositorySpace } from '@/lib/backup/repository-forecast';
import { formatBytes } from '@/lib/format/bytes';

/** Forecasts closer than this read as danger, closer than a month as a warning (the alert's default is 7 days). */
const DANGER_DAYS = 7;
const WARN_DAYS = 30;

/** A repository's capacity and forecast in words, as the Backups tab shows them; nothing made up for object storage. */
export function describeRepositorySpace(space: RepositorySpace): { readonly where: string; readonly capacity: string; readonly forecast: string; readonly tone: Tone } {
  if (space.kind === 's3') return { where: `repo${space.repository} (object storage, ${space.path})`, capacity: 'object storage: no capacity limit known', forecast: '', tone: 'neutral' };
  const where = `repo${space.repository} on ${space.hostName} (${space.path})`;
  const { latest, forecast } = space;
  if (!latest) return { where, capacity: 'No reading yet: Tandem reads its file system each time it reads the backups (every 10 minutes).', forecast: '', tone: 'neutral' };
  const used = latest.usedBytes === null ? '' : `, the repository holds ${formatBytes(latest.usedBytes)}`;
  const capacity = `${formatBytes(latest.freeBytes)} free of ${formatBytes(latest.totalBytes)}${used}`;
  if (!forecast) return { where, capacity, forecast: 'not enough history for a forecast yet (a day of readings)', tone: 'neutral' };
  const { daysToFull } = forecast;
  if (daysToFull === null) return { where, capacity, forecast: 'not growing', tone: 'good' };
  if (daysToFull === 0) return { where, capacity, forecast: 'full', tone: 'bad' };
  const days = daysToFull < 10 ? daysToFull.toFixed(1) : String(Math.round(daysToFull));
  return {
    where, capacity,
    forecast: `full in ~${days} days at the last week's growth (${formatBytes(forecast.growthBytesPerDay)} a day)`,
    tone: daysToFull < DANGER_DAYS ? 'bad' : daysToFull < WARN_DAYS ? 'warn' : 'neutral',
  };
}
