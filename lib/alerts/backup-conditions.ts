import type { RepositorySpace } from '@/lib/backup/repository-forecast';
import { drillsScheduled, drillStale, drillStaleAfterDays, type DrillRecord } from '@/lib/backup/schedule';
import { formatBytes } from '@/lib/format/bytes';
import { plural, utc } from './archive-conditions';
import type { ConditionReading } from './conditions';

type Verdict = Pick<ConditionReading, 'state' | 'summary'>;

const DAY_MS = 86_400_000;
const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * backup_repository_full_days for one repository host repository: its file system fills within
 * `limitDays` at the last week's growth. Unknown without a forecast (no reading, or less than a day
 * of them), so an open alert stays open while the repository host does not answer.
 */
export function repositoryFullVerdict(space: Extract<RepositorySpace, { kind: 'host' }>, limitDays: number): Verdict {
  const { latest, forecast } = space;
  if (!latest || !forecast) return { state: 'unknown', summary: '' };
  if (forecast.daysToFull === null || forecast.daysToFull >= limitDays) return { state: 'clear', summary: '' };
  const where = `repo${space.repository} on ${space.hostName} (${space.path})`;
  const free = `${formatBytes(latest.freeBytes)} of ${formatBytes(latest.totalBytes)} free`;
  const when = forecast.daysToFull === 0
    ? `is full (${free}): backups and WAL archiving into it fail`
    : `fills in about ${forecast.daysToFull.toFixed(1)} days at the last week's growth (${formatBytes(forecast.growthBytesPerDay)} a day, ${free})`;
  return { state: 'firing', summary: `${where} ${when}; keep fewer full backups (retention in the backup settings) or give its file system more space` };
}

/** restore_drill_failed: the newest drill that passed or failed, failed. */
export function drillFailedVerdict(drills: DrillRecord): Verdict {
  const latest = drills.latest;
  if (!latest || latest.passed) return { state: 'clear', summary: '' };
  return {
    state: 'firing',
    summary: `The restore drill of ${utc(latest.at)} failed (operation ${latest.operationId})${latest.outcome ? `: ${latest.outcome}` : ''}; `
      + 'open the operation to see which step failed, fix it, then run a restore drill again from the Backups tab',
  };
}

/** restore_drill_stale: no drill passed within the threshold (or the drill schedule's interval plus a day), counted from when backups were enabled until one passes. */
export function drillStaleVerdict(drills: DrillRecord, now: Date, limitDays: number): Verdict {
  const since = drills.lastPassedAt ?? drills.enabledAt;
  if (!drillStale(drills, since, now, limitDays)) return { state: 'clear', summary: '' };
  const age = plural(Math.floor((now.getTime() - since.getTime()) / DAY_MS), 'day');
  const what = drills.lastPassedAt
    ? `The last restore drill that passed was on ${day(since)} (${age} ago, limit ${plural(drillStaleAfterDays(drills, limitDays), 'day')})`
    : `No restore drill has passed since backups were enabled on ${day(since)} (${age} ago)`;
  const todo = drillsScheduled(drills)
    ? `drills are scheduled every ${plural(drills.drillEveryDays, 'day')}: look at the cluster's restore-drill operations, then run one from the Backups tab`
    : 'run a restore drill from the Backups tab, or schedule them in the backup settings';
  return { state: 'firing', summary: `${what}; ${todo}` };
}
