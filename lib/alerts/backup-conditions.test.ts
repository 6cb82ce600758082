import { describe, expect, it } from 'vitest';
import type { BackupEntry } from '@/lib/backup/info';
import type { RepositorySpace } from '@/lib/backup/repository-forecast';
import type { DrillRecord } from '@/lib/backup/schedule';
import { NO_CLUSTER_FACTS, readConditions, type BackupFreshness, type ClusterFacts } from './conditions';
import { DEFAULT_ALERT_RULES } from './default-rules';
import { EMPTY_ALERT_STATE, evaluateTick } from './evaluate';
import type { AlertMetric } from './rules';
import { makeTick } from './tick-builders';

/** The tick builder's clock: t = 0 is 2026-11-22 08:00:00 UTC. */
const NOW = Date.UTC(2026, 10, 22, 8);
const DAY = 86_400_000;
const GIB = 1024 ** 3;
const schedule = { fullEveryHours: 168, diffEveryHours: 24, incrEveryHours: 1 };

function backup(stoppedAt: string, error = false): BackupEntry {
  return {
    label: `L-${stoppedAt}`, type: 'incr', repository: 1, startedAt: stoppedAt, stoppedAt, sizeBytes: 1, deltaBytes: 1, repositorySizeBytes: 1, repositoryDeltaBytes: 1,
    walStart: null, walStop: null, lsnStart: null, lsnStop: null, prior: null, error,
  };
}

function rulesOf(metric: AlertMetric) {
  return DEFAULT_ALERT_RULES.filter((rule) => rule.metric === metric);
}

function read(metric: AlertMetric, facts: Partial<ClusterFacts>) {
  return readConditions(makeTick(0), rulesOf(metric), { ...NO_CLUSTER_FACTS, ...facts, hoursToDiskFull: null }).map((reading) => [reading.state, reading.summary]);
}

/** Opens on the first set of facts, then evaluates the second: the transitions of each step. */
function openThenResolve(metric: AlertMetric, firing: Partial<ClusterFacts>, passing: Partial<ClusterFacts>) {
  const first = evaluateTick(EMPTY_ALERT_STATE, makeTick(0), rulesOf(metric), { ...NO_CLUSTER_FACTS, ...firing });
  const second = evaluateTick(first.state, makeTick(1), rulesOf(metric), { ...NO_CLUSTER_FACTS, ...passing });
  return [first, second].map((step) => step.transitions.map((transition) => `${transition.kind} ${transition.key}`));
}

describe('backup_overdue', () => {
  const overdue = (backups: BackupFreshness | null) => read('backup_overdue', { backups });

  it('fires when the newest good backup is older than the shortest interval plus the margin (2 h by default)', () => {
    expect(overdue({ schedule, backups: [backup('2026-11-22T04:30:00.000Z')] })).toEqual([
      ['firing', "No good backup since 2026-11-22T04:30:00.000Z: the schedule promised one within 1 h (margin 2 h); look at the cluster's backup operations"],
    ]);
    expect(overdue({ schedule, backups: [backup('2026-11-22T04:30:00.000Z'), backup('2026-11-22T07:30:00.000Z', true)] })[0]?.[0]).toBe('firing');
  });

  it('is clear with a recent good backup, and absent without scheduled backups', () => {
    expect(overdue({ schedule, backups: [backup('2026-11-22T06:30:00.000Z')] })).toEqual([['clear', expect.any(String)]]);
    expect(overdue(null)).toEqual([]);
  });
});

describe('backup_repository_full_days', () => {
  const latest = { at: new Date(NOW).toISOString(), freeBytes: 10 * GIB, totalBytes: 100 * GIB, usedBytes: 80 * GIB };
  const host = (forecast: { growthBytesPerDay: number; daysToFull: number | null } | null, reading: typeof latest | null = latest): RepositorySpace =>
    ({ kind: 'host', repository: 1, hostName: 'backup1', path: '/var/lib/pgbackrest', latest: reading, forecast });
  const filling = host({ growthBytesPerDay: 2 * GIB, daysToFull: 5 });

  it('warns when the forecast fills the file system within 7 days, and says what to do', () => {
    expect(read('backup_repository_full_days', { repositories: [filling] })).toEqual([[
      'firing',
      "repo1 on backup1 (/var/lib/pgbackrest) fills in about 5.0 days at the last week's growth (2 GiB a day, 10 GiB of 100 GiB free); "
        + 'keep fewer full backups (retention in the backup settings) or give its file system more space',
    ]]);
    expect(read('backup_repository_full_days', { repositories: [host({ growthBytesPerDay: 1, daysToFull: 0 }, { ...latest, freeBytes: 0 })] })[0]?.[1])
      .toMatch(/^repo1 on backup1 \(\/var\/lib\/pgbackrest\) is full \(0 B of 100 GiB free\): backups and WAL archiving into it fail; /);
  });

  it('is clear when it fills later or does not grow, unknown without a forecast, and reads nothing for object storage', () => {
    expect(read('backup_repository_full_days', { repositories: [host({ growthBytesPerDay: GIB, daysToFull: 10 })] })).toEqual([['clear', '']]);
    expect(read('backup_repository_full_days', { repositories: [host({ growthBytesPerDay: -GIB, daysToFull: null })] })).toEqual([['clear', '']]);
    expect(read('backup_repository_full_days', { repositories: [host(null)] })).toEqual([['unknown', '']]);
    expect(read('backup_repository_full_days', { repositories: [host(null, null)] })).toEqual([['unknown', '']]);
    expect(read('backup_repository_full_days', { repositories: [{ kind: 's3', repository: 2, path: '/tandem' }] })).toEqual([]);
  });

  it('opens per repository and resolves once the forecast moves past the threshold', () => {
    expect(openThenResolve('backup_repository_full_days', { repositories: [filling] }, { repositories: [host({ growthBytesPerDay: GIB, daysToFull: 10 })] }))
      .toEqual([['open backup_repository_full_days:warning:repo:1'], ['resolve backup_repository_full_days:warning:repo:1']]);
  });
});

const enabledAt = new Date(NOW - 40 * DAY);
const noDrills: DrillRecord = { drillHostId: null, drillEveryDays: 0, enabledAt, latest: null, lastPassedAt: null };
const drill = (passed: boolean, daysAgo: number, outcome: string | null = null) => ({ operationId: 42, passed, at: new Date(NOW - daysAgo * DAY), outcome });

describe('restore_drill_failed', () => {
  const failed: DrillRecord = { ...noDrills, latest: drill(false, 1, 'pg_amcheck found corruption in orders'), lastPassedAt: new Date(NOW - 8 * DAY) };

  it('is critical when the latest drill failed, naming it and what to do', () => {
    expect(rulesOf('restore_drill_failed')).toEqual([{ metric: 'restore_drill_failed', severity: 'critical', threshold: null, forSeconds: 0, enabled: true }]);
    expect(read('restore_drill_failed', { drills: failed })).toEqual([[
      'firing',
      'The restore drill of 2026-11-21 08:00:00 UTC failed (operation 42): pg_amcheck found corruption in orders; '
        + 'open the operation to see which step failed, fix it, then run a restore drill again from the Backups tab',
    ]]);
  });

  it('is clear before any drill and when the latest passed, and absent without enabled backups', () => {
    expect(read('restore_drill_failed', { drills: noDrills })).toEqual([['clear', '']]);
    expect(read('restore_drill_failed', { drills: { ...noDrills, latest: drill(true, 1) } })).toEqual([['clear', '']]);
    expect(read('restore_drill_failed', { drills: null })).toEqual([]);
  });

  it('resolves when a later drill passes', () => {
    expect(openThenResolve('restore_drill_failed', { drills: failed }, { drills: { ...failed, latest: drill(true, 0), lastPassedAt: new Date(NOW) } }))
      .toEqual([['open restore_drill_failed:critical'], ['resolve restore_drill_failed:critical']]);
  });
});

describe('restore_drill_stale', () => {
  it('warns when no drill passed within 30 days, counting from when backups were enabled, and says what to do', () => {
    expect(read('restore_drill_stale', { drills: noDrills })).toEqual([[
      'firing', 'No restore drill has passed since backups were enabled on 2026-10-13 (40 days ago); run a restore drill from the Backups tab, or schedule them in the backup settings',
    ]]);
    expect(read('restore_drill_stale', { drills: { ...noDrills, latest: drill(false, 2), lastPassedAt: new Date(NOW - 31 * DAY) } })).toEqual([[
      'firing', 'The last restore drill that passed was on 2026-10-22 (31 days ago, limit 30 days); run a restore drill from the Backups tab, or schedule them in the backup settings',
    ]]);
  });

  it('is clear after a recent pass or a recent enable, and absent without enabled backups', () => {
    expect(read('restore_drill_stale', { drills: { ...noDrills, lastPassedAt: new Date(NOW - 29 * DAY) } })).toEqual([['clear', '']]);
    expect(read('restore_drill_stale', { drills: { ...noDrills, enabledAt: new Date(NOW - 3 * DAY) } })).toEqual([['clear', '']]);
    expect(read('restore_drill_stale', { drills: null })).toEqual([]);
  });

  it('minds a drill schedule longer than the threshold: one interval plus a day', () => {
    const every45 = { ...noDrills, drillHostId: 9, drillEveryDays: 45 };
    expect(read('restore_drill_stale', { drills: { ...every45, lastPassedAt: new Date(NOW - 45.5 * DAY) } })).toEqual([['clear', '']]);
    expect(read('restore_drill_stale', { drills: { ...every45, lastPassedAt: new Date(NOW - 47 * DAY) } })).toEqual([[
      'firing',
      "The last restore drill that passed was on 2026-10-06 (47 days ago, limit 46 days); drills are scheduled every 45 days: look at the cluster's restore-drill operations, then run one from the Backups tab",
    ]]);
  });

  it('resolves once a drill passes', () => {
    expect(openThenResolve('restore_drill_stale', { drills: noDrills }, { drills: { ...noDrills, latest: drill(true, 0), lastPassedAt: new Date(NOW) } }))
      .toEqual([['open restore_drill_stale:warning'], ['resolve restore_drill_stale:warning']]);
  });
});
